"""The shape of the data a template sees, for checking templates without rendering them.

`context_shape(audience)` is a tree of the names a template may use: the plan's fields from the
plan's JSON Schema (for the customer without the internal-only ones, as the customer's view
leaves them out), the figures and meeting facts from their dataclasses (the same rules as
`kapdocs.view.data.plain`), the parties, refs, labels, charts and images. `Shape.ANY` stands
for data whose keys vary (labels, refs by id): anything below it is accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel


@dataclass
class Shape:
    """A mapping's known fields (`fields`), a list's items (`items`), a leaf, or anything (`open`)."""

    fields: dict[str, "Shape"] | None = None
    items: "Shape | None" = None
    open: bool = False
    internal: set[str] = field(default_factory=set)
    """Fields that exist for our side only (named in the customer's error message)."""

    @property
    def is_list(self) -> bool:
        return self.items is not None


ANY = Shape(open=True)
LEAF = Shape()


# -- from the plan's JSON Schema ----------------------------------------------------------------------

def _from_schema(node: dict, defs: dict, customer: bool, seen: tuple[str, ...] = ()) -> Shape:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return ANY
        return _from_schema(defs[name], defs, customer, seen + (name,))
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [_from_schema(o, defs, customer, seen) for o in node[key] if o.get("type") != "null"]
            mappings = [o for o in options if o.fields is not None]
            if mappings:
                merged = Shape(fields={}, internal=set())
                for o in mappings:
                    merged.fields.update(o.fields)
                    merged.internal |= o.internal
                return merged
            lists = [o for o in options if o.is_list]
            if lists:
                return lists[0]
            return LEAF if options else ANY
    if node.get("type") == "array" or "items" in node:
        return Shape(items=_from_schema(node.get("items", {}), defs, customer, seen))
    if "properties" in node:
        fields, internal = {}, set()
        for name, sub in node["properties"].items():
            if customer and sub.get("x-audience") == "internal":
                internal.add(name)
                continue
            fields[name] = _from_schema(sub, defs, customer, seen)
        return Shape(fields=fields, internal=internal)
    if node.get("type") == "object":
        return ANY
    return LEAF


# -- from dataclasses (figures, meeting facts, parties) ------------------------------------------------

def _from_type(tp, customer: bool, seen: tuple = ()) -> Shape:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_type(options[0], customer, seen) if options else LEAF
    if origin in (list, tuple, set, frozenset) or tp in (list, tuple):
        args = typing.get_args(tp)
        return Shape(items=_from_type(args[0], customer, seen) if args else ANY)
    if origin is dict or tp is dict:
        return ANY
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in seen:
            return ANY
        return _from_dataclass(tp, customer, seen + (tp,))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return LEAF  # the view writes a plan item inside figures as its id
    if tp in (str, int, float, bool, dt.date, dt.time, dt.datetime) or isinstance(tp, type):
        return LEAF
    return ANY


def _from_dataclass(cls, customer: bool, seen: tuple) -> Shape:
    from ..analysis.audience import INTERNAL_PROPERTIES

    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - an annotation that cannot be resolved: accept anything below it
        return ANY
    fields, internal = {}, set()
    for f in dataclasses.fields(cls):
        if customer and f.metadata.get("audience") == "internal":
            internal.add(f.name)
            continue
        fields[f.name] = _from_type(hints.get(f.name, typing.Any), customer, seen)
    for name, attr in vars(cls).items():
        if isinstance(attr, property) and not name.startswith("_"):
            if customer and name in INTERNAL_PROPERTIES:
                internal.add(name)
                continue
            try:
                ret = typing.get_type_hints(attr.fget).get("return", typing.Any)
            except Exception:  # noqa: BLE001
                ret = typing.Any
            fields[name] = _from_type(ret, customer, seen)
    return Shape(fields=fields, internal=internal)


@functools.lru_cache(maxsize=2)
def context_shape(audience: str) -> Shape:
    """The names a template for `audience` may use, and below them their fields."""
    from ..analysis import Figures
    from ..api import schema as plan_schema
    from ..view.meeting import MeetingFacts
    from ..view.parties import Parties

    customer = audience == "customer"
    schema = plan_schema()
    plan = _from_schema(schema, schema.get("$defs", {}), customer)
    facts = _from_dataclass(MeetingFacts, customer, (MeetingFacts,))
    meeting_fields = {name: facts.fields[name] for name in (
        "agenda", "preparation", "after", "ours", "theirs", "apologies", "minute_taker", "previous",
        "last_actions", "carried_over", "overdue", "upcoming", "window", "quarter", "their_activities", "supply",
        "ytd", "ytd_span", "decisions_sought", "objectives", "next", "distribution") if name in facts.fields}
    meeting_fields.update({k: LEAF for k in ("id", "type", "kind", "title", "date", "date_text", "start", "end",
                                             "venue")})
    agenda = meeting_fields.get("agenda")
    if agenda is not None and agenda.items is not None and agenda.items.fields is not None:
        agenda.items.fields["presenter"] = LEAF
    chart = Shape(fields={"title": LEAF, "categories": Shape(items=LEAF), "number_format": LEAF,
                          "series": Shape(items=Shape(fields={"name": LEAF, "values": Shape(items=LEAF)}))})
    top = {
        "kapdocs_context": LEAF, "audience": LEAF, "as_of": LEAF, "locale": LEAF, "currency": LEAF,
        "volume_unit": LEAF,
        "plan": plan,
        "parties": _from_dataclass(Parties, customer, (Parties,)),
        "refs": ANY, "labels": ANY, "images": ANY,
        "figures": _from_dataclass(Figures, customer, (Figures,)),
        "meeting": Shape(fields=meeting_fields),
        "charts": Shape(open=True, items=None, fields=None),
    }
    top["charts"] = _Charts(chart)
    return Shape(fields=top)


class _Charts(Shape):
    """`charts`: keys vary (`performance.hull`), each a chart."""

    def __init__(self, chart: Shape):
        super().__init__(open=True)
        self.chart = chart


def fields_reference() -> str:
    """The Markdown table of what a template can use below `figures`, `meeting` and `parties`: each object
    with its fields, those the customer's view leaves out marked with an asterisk (the README's
    "Fields a template can use")."""
    internal, customer = context_shape("internal"), context_shape("customer")
    rows: list[tuple[str, list[str]]] = []

    def walk(shape: Shape, twin: Shape | None, path: str, depth: int) -> None:
        names: list[str] = []
        deeper: list[tuple[Shape, Shape | None, str]] = []
        for name, sub in (shape.fields or {}).items():
            other = (twin.fields or {}).get(name) if twin is not None and twin.fields is not None else None
            below = sub.items if sub.is_list else sub
            other_below = other.items if other is not None and other.is_list else other
            names.append(f"`{name}{'[]' if sub.is_list else ''}`" + ("" if other is not None else "*"))
            if below is not None and below.fields and depth < 4:
                deeper.append((below, other_below, f"{path}.{name}{'[]' if sub.is_list else ''}"))
        rows.append((path, names))
        for below, other_below, sub_path in deeper:
            walk(below, other_below, sub_path, depth + 1)

    for top in ("figures", "meeting", "parties"):
        walk(internal.fields[top], customer.fields[top], top, 1)
    lines = ["| Object | Fields (* our side only) |", "|---|---|"]
    lines += [f"| `{path}` | {', '.join(names)} |" for path, names in rows if names]
    return "\n".join(lines) + "\n"
