"""Reading a plan file (YAML or JSON) into a validated `Plan`, with located errors.

YAML is composed into nodes by libyaml (fast, and every node keeps its line and
column), then turned into plain data here with YAML 1.2 meaning: a plain scalar
stays the text the user typed (`no` is the word "no", `1.10` is "1.10", `10:00`
is "10:00") and the model's types decide what it becomes. Every problem found
(syntax, unknown keys, wrong values, dangling references) is reported at once,
each located as FILE:LINE:COL.
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import references
from .errors import PlanError, Problem
from .model import Plan
from .text import clean, needs_cleaning

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest plan file read, in bytes."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted."""
MAX_NODES = 500_000
"""Most values read from one file, counting every use of an alias (guards against alias bombs)."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class Located:
    """Plain data read from a file, and where each value and key stands in it."""

    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    warnings: list[tuple[Path_, str]] = field(default_factory=list)
    problems: list[tuple[int, int, Path_, str]] = field(default_factory=list)
    """Problems found while reading (duplicate keys...), reported with the validation's."""
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    """Control characters removed from the text before parsing: (line, column, which), for warnings."""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of `path`, else of its nearest located ancestor."""
        probe = tuple(path)
        if key and probe in self.key_marks:
            return self.key_marks[probe]
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            if probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))


class _Problems(Exception):
    def __init__(self, problems: list[tuple[int, int, Path_, str]]):
        self.problems = problems


def format_path(path: Path_) -> str:
    """`('sites', 0, 'name')` as `sites[0].name`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# -- YAML nodes to plain data ---------------------------------------------------

class _Builder:
    def __init__(self, typed_scalars: bool):
        self.typed = typed_scalars
        self.located = Located(None)
        self.problems = self.located.problems
        self.count = 0

    def build(self, node: yaml.Node) -> Located:
        self.located.data = self._value(node, (), 0)
        return self.located

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _value(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = self._mark(node)
            raise _Problems([(line, col, path, f"the file holds more than {MAX_NODES:,} values "
                              "(aliases count each time they are used); split it or remove aliases")])
        if depth > MAX_DEPTH:
            line, col = self._mark(node)
            raise _Problems([(line, col, path, f"nesting deeper than {MAX_DEPTH} levels")])
        self.located.marks[path] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = self._mark(key_node)
                self.problems.append((line, col, path, "merge keys ('<<') are not supported; write the keys out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = self._mark(key_node)
                self.problems.append((line, col, path, "a key must be plain text, not a list or mapping"))
                continue
            key = key_node.value
            child = path + (key,)
            if key in out:
                line, col = self._mark(key_node)
                first = self.located.key_marks[child][0]
                self.problems.append((line, col, child, f"duplicate key '{key}' (first given on line {first}); "
                                      "keep one"))
                continue
            self.located.key_marks[child] = self._mark(key_node)
            out[key] = self._value(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        text = node.value
        if node.style is None or node.style == "":
            if text in _NULLS:
                return None
            if self.typed:  # JSON: plain scalars are numbers, booleans, null
                return json.loads(text)
        if "\r" in text or needs_cleaning(text):
            if needs_cleaning(text):
                self.located.warnings.append((path, "removed characters that documents cannot hold "
                                              "(control characters or invalid code points)"))
            text = clean(text)
        return text


def _syntax_problem(exc: yaml.YAMLError) -> tuple[int, int, Path_, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    if "\t" in what or "tab" in what:
        message += "; indent with spaces, not tabs"
    return line, col, (), message


def read_data(path: Path, text: str | None = None) -> Located:
    """Plain data from a YAML or JSON file, with the position of every value.

    Raises `PlanError` for a file that cannot be read or parsed.
    """
    name = str(path)

    def fail(line: int, col: int, message: str) -> PlanError:
        return PlanError([Problem(name, line, col, "", message)])

    if text is None:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise fail(1, 1, f"cannot read the file: {exc.strerror or exc}") from None
        if size > MAX_FILE_BYTES:
            raise fail(1, 1, f"the file is {size:,} bytes; plans are limited to {MAX_FILE_BYTES:,} bytes")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise fail(1, 1, f"cannot read the file: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise fail(1, 1, f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    text, removed = _without_controls(text)
    is_json = path.suffix.lower() == ".json"
    if is_json:
        from .load_json import JsonProblem, position, read_json

        located = Located(None)
        try:
            read_json(text, located, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
        except JsonProblem as exc:
            line, col = position(text, max(0, exc.offset))
            raise PlanError([Problem(name, line, col, format_path(exc.path), exc.message)]) from None
        if not isinstance(located.data, dict):
            raise fail(1, 1, "a plan is a mapping of sections (account:, plan:, sites: ...), "
                       f"not a {type(located.data).__name__}")
        located.removed = removed
        return located
    try:
        nodes = yaml.compose_all(text, Loader=_Loader)
        root = next(nodes, None)
        extra = next(nodes, None)
    except yaml.YAMLError as exc:
        line, col, _, message = _syntax_problem(exc)
        raise fail(line, col, message) from None
    if extra is not None:
        raise fail(extra.start_mark.line + 1, 1, "the file holds more than one YAML document; "
                   "keep one plan per file")
    if root is None:
        raise fail(1, 1, "the file is empty; a plan needs at least `account: {name: ...}` "
                   "(`kapdocs init` writes a starter plan)")
    builder = _Builder(typed_scalars=is_json)
    try:
        located = builder.build(root)
    except _Problems as exc:
        raise PlanError([Problem(name, ln, col, format_path(p), m) for ln, col, p, m in exc.problems]) from None
    if not isinstance(located.data, dict):
        raise fail(1, 1, "a plan is a mapping of sections (account:, plan:, sites: ...), "
                   f"not a {type(located.data).__name__}")
    located.removed = removed
    return located


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters (C0 but tab and line ends, DEL, C1) and non-characters: text copied from CRM exports
carries them; YAML and JSON refuse them, documents cannot show them."""


def _without_controls(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`text` without `_CONTROLS`, and where each removed one stood (line, column, U+XXXX)."""
    if not _CONTROLS.search(text):
        return text, []
    removed = []
    for m in _CONTROLS.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        removed.append((line, col, f"U+{ord(m.group(0)):04X}"))
    return _CONTROLS.sub("", text), removed


# -- validation --------------------------------------------------------------------

def _unwrap(annotation: Any) -> Any:
    """The model class or container behind Optional/Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path`, if any."""
    current: Any = Plan
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or n: f for n, f in current.model_fields.items()}
            f = fields.get(part)
            current = f.annotation if f else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _suggest(word: Any, choices: list[str], cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=cutoff) if isinstance(word, str) else []
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _shown(value: Any) -> str:
    """A value as the user typed it: numbers bare, text quoted."""
    if isinstance(value, str):
        try:
            float(value)
            return value
        except ValueError:
            return repr(value)
    return repr(value)


def _explain(error: dict[str, Any]) -> tuple[Path_, str, bool]:
    """Path, message and whether to point at the key rather than the value."""
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        parent = loc[:-1]
        model = _model_at(parent)
        names = _field_names(model) if model else []
        where = format_path(parent) or "the top level"
        hint = _suggest(loc[-1], names) or (f"; valid keys: {', '.join(names)}" if names else "")
        return loc, f"unknown key '{loc[-1]}' in {where}{hint}", True
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'", False
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        hint = _suggest(value, allowed, cutoff=0.5)
        return loc, f"{_shown(value)} is not allowed; use one of: {', '.join(allowed)}{hint}", False
    message = error["msg"]
    if kind.startswith("date") or kind.startswith("datetime"):
        message = f"{value!r} is not a real date; write YYYY-MM-DD (e.g. 2026-03-31)"
        detail = error.get("ctx", {}).get("error")
        if detail:
            message += f" ({detail})"
    elif kind == "string_pattern_mismatch":
        message = f"{value!r} does not have the expected form ({error['ctx']['pattern']})"
        if loc and loc[-1] == "start":
            message = f"{value!r} is not a time; write HH:MM in quotes, e.g. \"10:00\""
        elif loc and loc[-1] == "period":
            message = f"{value!r} is not a period; write 2026, 2026-H1, 2026-Q3 or 2026-07"
        elif loc and (loc[-1] == "id" or isinstance(loc[-1], int) or loc[-1] in references.ID_FIELDS):
            message = (f"{value!r} is not a valid id; use letters, digits, '-', '_' or '.', "
                       "starting with a letter or digit")
        elif loc and loc[-1] == "currency":
            message = f"{value!r} is not an ISO 4217 currency code; write three capitals, e.g. GBP, EUR, USD"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"{_shown(value)}: {error['msg'][0].lower()}{error['msg'][1:]}"
    elif kind in ("float_parsing", "int_parsing", "int_from_float", "bool_parsing", "float_type", "int_type"):
        message = f"{_shown(value)}: {error['msg'][0].lower()}{error['msg'][1:]}"
    elif kind in ("model_type", "model_attributes_type"):
        model = _model_at(loc)
        keys = ", ".join(_field_names(model)) if model else ""
        message = f"expected a mapping{' with keys ' + keys if keys else ''}, got {type(value).__name__}"
    elif kind == "list_type":
        message = f"expected a list (one `- item` per line), got {type(value).__name__}"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", message))
    return loc, message, False


def validate_data(located: Located, name: str) -> Plan:
    """A validated `Plan` from located data; raises `PlanError` with every problem."""
    problems = [Problem(name, ln, col, format_path(p), m) for ln, col, p, m in located.problems]
    plan: Plan | None = None
    try:
        plan = Plan.model_validate(located.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message, at_key = _explain(error)
            line, col = located.where(loc, key=at_key)
            problems.append(Problem(name, line, col, format_path(loc), message))
    for loc, message in references.check(located.data):
        line, col = located.where(loc)
        problems.append(Problem(name, line, col, format_path(loc), message))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise PlanError(_unique(problems))
    assert plan is not None
    return plan


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for p in problems:
        if (p.line, p.column, p.message) not in seen:
            seen.add((p.line, p.column, p.message))
            out.append(p)
    return out


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> Path_:
    """`sites[0].name` as `('sites', 0, 'name')`: the inverse of `format_path`."""
    return tuple(int(index) if index else key for key, index in _PATH_PART.findall(text))


@dataclass(frozen=True, slots=True)
class Loaded:
    """A validated plan, where it came from, and the warnings raised while reading it."""

    plan: Plan
    path: Path
    warnings: tuple[Problem, ...] = ()
    located: Located | None = field(default=None, repr=False, compare=False)
    """Where each value stands in the file (for reports that point into it)."""

    def line_of(self, path: str | None) -> int | None:
        """The line of the file where `path` (e.g. `actions[3]`) stands, or None."""
        if not path or self.located is None:
            return None
        return self.located.where(parse_path(path))[0]


def load(path: str | Path) -> Loaded:
    """Read and validate the plan at `path`; raises `PlanError` listing every problem."""
    path = Path(path)
    located = read_data(path)
    plan = validate_data(located, str(path))
    warnings = tuple(
        Problem(str(path), *located.where(p), format_path(p), m, severity="warning")
        for p, m in located.warnings
    ) + tuple(
        Problem(str(path), line, col, "", f"removed the control character {which} (not text: copied from another "
                "program?); nothing else changed", severity="warning")
        for line, col, which in located.removed[:20]
    )
    return Loaded(plan, path, warnings, located)


def load_plan(path: str | Path) -> Plan:
    """The validated plan at `path` (warnings dropped)."""
    return load(path).plan
