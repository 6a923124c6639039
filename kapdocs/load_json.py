"""Reading a JSON plan: Python's JSON parser for the values, a small scanner for their positions.

JSON is read as JSON (surrogate-pair escapes such as `"\\ud83d\\ude80"`, which `json.dumps`
writes for emoji, are one character), within the same bounds as YAML plans: nesting at most
`MAX_DEPTH` deep (checked before parsing, so a file nested 100,000 deep is refused instead of
exhausting the stack), at most `MAX_NODES` values, integers of at most `MAX_DIGITS` digits, no
`NaN` or `Infinity` and no number too large for a float; a key given twice is reported, as in
YAML. Every value keeps its line and column for located errors.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .text import clean, needs_cleaning

MAX_DIGITS = 30
"""The most digits an integer in a plan may have."""

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"', re.DOTALL)
_WS = re.compile(r"[ \t\n\r]*")


class JsonProblem(Exception):
    """A problem at an offset of the text."""

    def __init__(self, offset: int, message: str, path: tuple = ()):
        super().__init__(message)
        self.offset, self.message, self.path = offset, message, path


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _depth_check(text: str, max_depth: int) -> None:
    depth, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            m = _STRING.match(text, i)
            i = m.end() if m else i + 1
            continue
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonProblem(i, f"nesting deeper than {max_depth} levels")
        elif ch in "]}":
            depth -= 1
        i += 1


class _Scanner:
    """Walks JSON text already known to be valid, building values and their positions."""

    def __init__(self, text: str, located, max_nodes: int):
        self.text, self.located, self.max_nodes = text, located, max_nodes
        self.count = 0

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, path: tuple) -> tuple[Any, int]:
        self.count += 1
        if self.count > self.max_nodes:
            raise JsonProblem(i, f"the file holds more than {self.max_nodes:,} values; split it", path)
        i = self.skip(i)
        self.located.marks[path] = position(self.text, i)
        ch = self.text[i]
        if ch == "{":
            return self.mapping(i + 1, path)
        if ch == "[":
            out, i = [], self.skip(i + 1)
            if self.text[i] == "]":
                return out, i + 1
            while True:
                item, i = self.value(i, path + (len(out),))
                out.append(item)
                i = self.skip(i)
                if self.text[i] == ",":
                    i += 1
                    continue
                return out, i + 1
        if ch == '"':
            m = _STRING.match(self.text, i)
            text = json.loads(m.group(0))
            if "\r" in text or needs_cleaning(text):
                if needs_cleaning(text):
                    self.located.warnings.append((path, "removed characters that documents cannot hold "
                                                  "(control characters or invalid code points)"))
                text = clean(text)
            return text, m.end()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, i):
                return value, i + len(word)
        m = _NUMBER.match(self.text, i)
        if not m:
            raise JsonProblem(i, f"'{self.text[i:i + 12]}' is not a JSON value (NaN and Infinity are not numbers "
                                 "in a plan)", path)
        token = m.group(0)
        if not any(c in token for c in ".eE"):
            if len(token.lstrip("-")) > MAX_DIGITS:
                raise JsonProblem(i, f"a {len(token.lstrip('-'))}-digit integer; numbers in a plan have at most "
                                     f"{MAX_DIGITS} digits", path)
            return int(token), m.end()
        number = float(token)
        if not math.isfinite(number):
            raise JsonProblem(i, f"{token} is too large a number", path)
        return number, m.end()

    def mapping(self, i: int, path: tuple) -> tuple[dict, int]:
        out: dict[str, Any] = {}
        i = self.skip(i)
        if self.text[i] == "}":
            return out, i + 1
        while True:
            i = self.skip(i)
            m = _STRING.match(self.text, i)
            key = json.loads(m.group(0))
            child = path + (key,)
            at = position(self.text, i)
            i = self.skip(m.end()) + 1  # past ':'
            if key in out:
                first = self.located.key_marks[child][0]
                self.located.problems.append((*at, child, f"duplicate key '{key}' (first given on line {first}); "
                                              "keep one"))
                _, i = self.value(i, child + ("(duplicate)",))
            else:
                self.located.key_marks[child] = at
                out[key], i = self.value(i, child)
            i = self.skip(i)
            if self.text[i] == ",":
                i += 1
                continue
            return out, i + 1


def read_json(text: str, located, *, max_depth: int, max_nodes: int) -> None:
    """Fill `located` (a `load.Located`) from JSON `text`; raises `JsonProblem` at the offending place."""
    _depth_check(text, max_depth)

    def refuse_constant(name: str) -> Any:
        raise JsonProblem(text.find(name), f"{name} is not a number a plan can hold; write a number")

    try:
        json.loads(text, parse_constant=refuse_constant, parse_int=lambda s: s, parse_float=lambda s: s)
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.pos, f"JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise JsonProblem(0, f"nesting deeper than {max_depth} levels") from None
    value, _ = _Scanner(text, located, max_nodes).value(0, ())
    located.data = value
