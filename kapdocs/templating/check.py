"""`kapdocs template check`: every view path a template uses, and the unknown ones, without a plan.

The template's Jinja2 source is parsed (never run) and walked: names bound by `for` loops and
`set` carry the shape of what they range over, so `c.nmae` inside `{% for c in plan.contacts %}`
is reported as `plan.contacts[].nmae`, with the nearest known field. Paths tested with
`is defined` are optional by intent and not reported. For the customer, a field that exists for
our side only is reported as internal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError, nodes

from .errors import did_you_mean
from .shape import ANY, LEAF, Shape, _Charts, context_shape

FILTERS_KEEPING_SHAPE = {"sort", "list", "reverse", "unique", "selectattr", "rejectattr", "batch", "slice"}
FILTERS_TO_ITEM = {"first", "last", "random", "min", "max"}
LOOP = Shape(fields={k: LEAF for k in ("index", "index0", "revindex", "revindex0", "first", "last", "length",
                                      "previtem", "nextitem", "depth", "depth0", "cycle", "changed")})


@dataclass
class Finding:
    """One unknown path in a template."""

    where: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Report:
    """What `check_source` found: the paths used and the unknown ones."""

    used: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


class _Walker:
    def __init__(self, report: Report, where: str, audience: str, top: Shape, line_offset: int):
        self.report, self.where, self.audience, self.top = report, where, audience, top
        self.offset = line_offset
        self.guarded: set[int] = set()

    def _at(self, node: nodes.Node) -> str:
        line = getattr(node, "lineno", None)
        if callable(self.where):
            return self.where((line or 1) + self.offset)
        if "{line}" in self.where:
            return self.where.format(line=(line or 1) + self.offset)
        return self.where

    def unknown(self, node: nodes.Node, path: str, name: str, parent: Shape) -> None:
        if id(node) in self.guarded:
            return
        if name in parent.internal:
            message = (f"'{path}' is for our own side only: a {self.audience} template cannot use it")
        else:
            known = list(parent.fields or {})
            message = f"unknown field '{path}'{did_you_mean(name, known)}"
        self.report.findings.append(Finding(self._at(node), path, message))

    # -- expressions: their shape and path ----------------------------------------------------
    def expr(self, node: nodes.Node, scope: dict[str, tuple[Shape, str]]) -> tuple[Shape, str]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            shape = (self.top.fields or {}).get(node.name)
            if shape is None:
                if id(node) not in self.guarded:
                    self.report.findings.append(Finding(
                        self._at(node), node.name,
                        f"unknown name '{node.name}'{did_you_mean(node.name, list(self.top.fields or {}))}"))
                return ANY, node.name
            self.report.used.add(node.name)
            return shape, node.name
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base, path = self.expr(node.node, scope)
            if isinstance(node, nodes.Getattr):
                key = node.attr
            else:
                arg = node.arg
                if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                    self.visit(arg, scope)
                    return (base.items or ANY), f"{path}[{arg.value}]"
                if not (isinstance(arg, nodes.Const) and isinstance(arg.value, str)):
                    self.visit(arg, scope)
                    return (base.items if base.is_list else ANY), f"{path}[...]"
                key = arg.value
            if isinstance(base, _Charts):
                self.report.used.add(f"{path}.{key}")
                return base.chart, f"{path}.{key}"
            if base.open or base.fields is None:
                if base.is_list and not base.open:
                    self.unknown(node, f"{path}.{key}", key, Shape(fields={}))
                return ANY, f"{path}.{key}"
            sub = base.fields.get(key)
            if sub is None:
                self.unknown(node, f"{path}.{key}", key, base)
                return ANY, f"{path}.{key}"
            self.report.used.add(f"{path}.{key}")
            return sub, f"{path}.{key}"
        if isinstance(node, nodes.Filter):
            shape, path = self.expr(node.node, scope) if node.node is not None else (ANY, "")
            for child in (*node.args, *(k.value for k in node.kwargs)):
                self.visit(child, scope)
            if node.name in FILTERS_KEEPING_SHAPE:
                return shape, path
            if node.name in FILTERS_TO_ITEM:
                return (shape.items or ANY), f"{path}[]"
            if node.name in ("default", "d"):
                return shape, path
            return ANY, path
        if isinstance(node, nodes.Test):
            if node.name in ("defined", "undefined"):
                for sub in node.node.find_all((nodes.Name, nodes.Getattr, nodes.Getitem)):
                    self.guarded.add(id(sub))
                self.guarded.add(id(node.node))
            self.visit(node.node, scope)
            for child in node.args:
                self.visit(child, scope)
            return LEAF, ""
        if isinstance(node, nodes.CondExpr):
            self.visit(node.test, scope)
            shape, path = self.expr(node.expr1, scope)
            if node.expr2 is not None:
                self.expr(node.expr2, scope)
            return shape, path
        self.visit(node, scope)
        return ANY, ""

    # -- statements and everything else -------------------------------------------------------
    def visit(self, node: nodes.Node, scope: dict[str, tuple[Shape, str]]) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.CondExpr)):
            if isinstance(node, nodes.Name) and node.ctx != "load":
                return
            self.expr(node, scope)
            return
        if isinstance(node, nodes.Test):
            self.expr(node, scope)
            return
        if isinstance(node, nodes.For):
            shape, path = self.expr(node.iter, scope)
            inner = dict(scope)
            item = shape.items if shape.is_list else ANY
            self._bind(node.target, item, f"{path}[]", inner)
            inner["loop"] = (LOOP, "loop")
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            shape, path = self.expr(node.node, scope)
            self._bind(node.target, shape, path, scope)
            return
        if isinstance(node, nodes.If):
            self.visit(node.test, scope)
            for child in (*node.body, *node.elif_, *node.else_):
                self.visit(child, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    @staticmethod
    def _bind(target: nodes.Node, shape: Shape, path: str, scope: dict) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = (shape, path)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                if isinstance(item, nodes.Name):
                    scope[item.name] = (ANY, path)


def check_source(env, source: str, where, audience: str, report: Report, *, line_offset: int = 0) -> None:
    """Parse `source` and add the paths it uses and its unknown ones to `report`. `where` names the place
    (`{line}` in it is replaced by the template line; or a function of the line). A syntax error is a
    finding too."""
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + line_offset
        at = where(line) if callable(where) else where.format(line=line) if "{line}" in where else where
        report.findings.append(Finding(at, "", f"syntax error: {exc.message}"))
        return
    walker = _Walker(report, where, audience, context_shape(audience), line_offset)
    walker.visit(tree, {})


def check_template(path, audience: str | None = None) -> tuple[str, Report]:
    """Check one template file (already `prepare`d): (the audience it was checked for, its report)."""
    from pathlib import Path

    from ..fmt import Formatter
    from .core import audience_for, declared_audience, kind, read_text, split_front_matter
    from .environment import make_environment

    path = Path(path)
    what = kind(path)
    env = make_environment(Formatter(), {})
    report = Report()
    if what == "text":
        meta, body, offset = split_front_matter(path, read_text(path))
        who = audience_for(path, declared_audience(path, meta), audience)
        check_source(env, body, "line {line}", who, report, line_offset=offset)
        for key in ("subject", "to", "cc", "bcc", "from", "reply_to"):
            values = meta.get(key)
            for value in values if isinstance(values, list) else [values] if values else []:
                check_source(env, str(value), f"front matter: {key}", who, report)
        return who, report
    from .sources import office_sources

    who = audience_for(path, declared_audience(path), audience)
    for where, source in office_sources(what, path):
        check_source(env, source, where, who, report)
    return who, report
