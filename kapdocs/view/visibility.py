"""Who may see what: the declarations on the model, applied by one filter.

The model declares visibility once (`kapdocs.model.base`):
- a field made with `internal_only(...)` is never shown to the customer (`x-audience:
  internal` in the JSON Schema), or only under a condition (`when=`, see `FIELD_CONDITIONS`);
  a text field made internal-only still shows its `customer:` wording when it has one;
- a list item class with `hidden_items(condition)` leaves out the items for which the
  condition holds (see `ITEM_CONDITIONS`), e.g. every item marked `internal: true`;
- any text (`Wording`) may carry `customer:` words or `internal: true`.

`for_audience(plan, "customer")` applies them all and returns the plan as the customer may
see it: internal fields emptied, hidden items and internal texts dropped, customer wordings
in place of the internal ones, and references to anything removed dropped (an optional
reference is cleared, an item that cannot stand without its reference is left out).
Renderers receive that plan; none of them decides what the customer may see.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model import Plan
from ..model.base import AUDIENCE_KEY, Wording
from ..references import ID_LISTS, REFERENCES

AUDIENCES = ("internal", "customer")
"""The audiences a view is built for: our own side, or the customer."""

PROFIT_WORDS = re.compile(r"\b(profit|margin|ebitda)s?\b", re.IGNORECASE)
"""Words that make an objective about our profit rather than the customer's business."""


def mentions_profit(*texts: str | None) -> bool:
    """Whether any of `texts` speaks of profit or margin."""
    return any(t and PROFIT_WORDS.search(t) for t in texts)


ITEM_CONDITIONS: dict[str, tuple[Callable[[Any, Plan], bool], str]] = {
    "internal": (lambda item, plan: item.internal, "marked `internal: true`"),
    "internal_or_profit": (lambda item, plan: item.internal or mentions_profit(item.text, getattr(item, "measure", None)),
                           "marked `internal: true`, or about our profit or margin"),
    "unshared": (lambda item, plan: not item.share_with_customer, "marked `share_with_customer: false`"),
    "internal_review": (lambda item, plan: item.type == "internal_review", "internal reviews"),
    "internal_log": (lambda item, plan: item.internal or _raised_internally(item, plan),
                     "marked `internal: true`, or raised in an internal review"),
}
"""Conditions under which a list item is left out of the customer's view, by the name the model uses."""

FIELD_CONDITIONS: dict[str, tuple[Callable[[Any, Plan], bool], str]] = {
    "money": (lambda value, plan: value is not None and value.unit == plan.account.currency,
              "when set in the account currency"),
}
"""Conditions under which an internal-only field is hidden (otherwise it always is)."""


def _raised_internally(entry, plan: Plan) -> bool:
    meeting = plan.meeting(entry.raised_in)
    return meeting is not None and meeting.type == "internal_review"


# -- the declarations, read from the model ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class Rule:
    """One declared rule: what the customer does not see, and why."""

    path: str
    """The plan path, e.g. `contacts[].attitude`, or `actions[]` for a rule on items."""
    hides: str
    """What customer documents do, in words: "not shown", "not shown when ...", "leave out items ..."."""
    why: str
    """Why, as the model's declaration says."""
    always: bool = False
    """Whether the field is never shown to the customer (no condition)."""


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model class inside an annotation, and whether it is a list of them."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, __import__("types").UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None, is_list
            annotation = args[0]
        elif origin is list:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, is_list
    return None, is_list


def rules(model: type[BaseModel] = Plan, prefix: str = "") -> Iterator[Rule]:
    """Every visibility rule declared on `model` and the models inside it, in field order."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}.{key}" if prefix else key
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        inner, is_list = _model_of(info.annotation)
        if extra.get(AUDIENCE_KEY) == "internal":
            when = extra.get("x-when")
            hides = f"not shown {FIELD_CONDITIONS[when][1]}" if when else "not shown"
            yield Rule(path, hides, str(extra.get("x-why", "")), always=not when)
            continue
        if inner is None:
            continue
        item_path = f"{path}[]" if is_list else path
        condition = (inner.model_config.get("json_schema_extra") or {}).get("x-customer-hides")
        if condition and is_list:
            yield Rule(item_path, f"leave out items {ITEM_CONDITIONS[condition][1]}",
                       str(inner.model_config["json_schema_extra"].get("x-why", "")))
        yield from rules(inner, item_path)


def editions_table() -> str:
    """The README's table of what the customer does not see, made from the declarations."""
    lines = ["| plan field | in customer documents | why |", "|---|---|---|"]
    for rule in rules():
        lines.append(f"| `{rule.path}` | {rule.hides} | {rule.why} |")
    lines.append("| any text written `{text: ..., internal: true}` | leave it out | the author's choice |")
    lines.append("| any text written `{text: ..., customer: ...}` | the `customer:` wording instead | "
                 "the author's choice |")
    return "\n".join(lines) + "\n"


def is_visible(path: str, audience: str) -> bool:
    """Whether the field at `path` (e.g. `contacts[].attitude`) is shown at all to `audience`.

    A field hidden only under a condition counts as visible.
    """
    if audience == "internal":
        return True
    hidden = {r.path for r in _always_hidden()}
    probe = path
    while probe:
        if probe in hidden:
            return False
        probe = probe.rpartition(".")[0]
    return True


_ALWAYS: list[Rule] | None = None


def _always_hidden() -> list[Rule]:
    global _ALWAYS
    if _ALWAYS is None:
        _ALWAYS = [r for r in rules() if r.always]
    return _ALWAYS


# -- the filter -------------------------------------------------------------------------------

_DROP = object()
"""Returned for a list item that must be left out."""

_REFS: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {
    (".".join(p if p != "*" else "[]" for p in path).replace(".[]", "[]"), field): (targets, many)
    for path, field, targets, many in REFERENCES
}
"""Reference fields by (item path, field name): the id lists they point into."""


class _Filter:
    """Builds the customer's view of one plan (see the module docstring)."""

    def __init__(self, plan: Plan, on_text: Callable[[str, str], None] | None = None):
        self.plan = plan
        self.kept = self._kept_ids()
        self.on_text = on_text
        """Called with (plan path, text) for every text the customer sees, e.g. `actions[3].description`."""

    def _kept_ids(self) -> dict[str, set[str]]:
        """The ids that survive in each id list: the items no condition or internal text removes."""
        kept: dict[str, set[str]] = {}
        for name, path in ID_LISTS.items():
            items: Any = self.plan
            for part in path:
                items = getattr(items, part, None) if items is not None else None
            kept[name] = {i.id for i in items or () if not self._item_hidden(i)}
        return kept

    def _item_hidden(self, item: BaseModel) -> bool:
        condition = (type(item).model_config.get("json_schema_extra") or {}).get("x-customer-hides")
        if condition and ITEM_CONDITIONS[condition][0](item, self.plan):
            return True
        return any(isinstance(getattr(item, n), Wording) and info.is_required()
                   and getattr(item, n).for_customer() is None
                   for n, info in type(item).model_fields.items())

    def _ref_ok(self, value: str | None, targets: tuple[str, ...]) -> bool:
        return value is None or any(value in self.kept[t] for t in targets)

    def model(self, obj: BaseModel, path: str, at: str = "") -> Any:
        updates: dict[str, Any] = {}
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            key = info.alias or name
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            here = f"{path}.{key}" if path else key
            here_at = f"{at}.{key}" if at else key
            if extra.get(AUDIENCE_KEY) == "internal":
                when = extra.get("x-when")
                if when is None or FIELD_CONDITIONS[when][0](value, self.plan):
                    if isinstance(value, Wording) and value.customer is not None and not value.internal:
                        updates[name] = Wording(value.customer)
                        if self.on_text:
                            self.on_text(here_at, value.customer)
                    else:
                        updates[name] = None if info.is_required() else info.get_default(call_default_factory=True)
                    continue
            ref = _REFS.get((path, name))
            if ref is not None:
                targets, many = ref
                if many:
                    kept_ids = [v for v in value if self._ref_ok(v, targets)]
                    if len(kept_ids) != len(value):
                        updates[name] = kept_ids
                elif not self._ref_ok(value, targets):
                    if info.is_required():
                        return _DROP
                    updates[name] = None
                continue
            new = self.value(value, here, here_at)
            if new is _DROP:
                if info.is_required():
                    return _DROP
                new = None
            if new is not value:
                updates[name] = new
        return obj.model_copy(update=updates) if updates else obj

    def value(self, value: Any, path: str, at: str = "") -> Any:
        if isinstance(value, Wording):
            shown = value.for_customer()
            if shown is None:
                return _DROP
            if self.on_text:
                self.on_text(at, shown)
            return value if shown is value or (value.customer is None and not value.internal) else Wording(shown)
        if isinstance(value, BaseModel):
            if self._item_hidden(value) and path.endswith("[]"):
                return _DROP
            return self.model(value, path, at)
        if isinstance(value, list):
            out = []
            for i, item in enumerate(value):
                new = self.value(item, f"{path}[]", f"{at}[{i}]")
                if new is not _DROP:
                    out.append(new)
            return out if len(out) != len(value) or any(a is not b for a, b in zip(out, value)) else value
        if isinstance(value, dict):
            out_d = {k: self.value(v, path, f"{at}.{k}") for k, v in value.items()}
            return {k: v for k, v in out_d.items() if v is not _DROP}
        return value


def for_audience(plan: Plan, audience: str) -> Plan:
    """`plan` as `audience` may see it: the plan itself for our side, filtered for the customer."""
    if audience not in AUDIENCES:
        from ..errors import UsageError

        raise UsageError(f"unknown audience {audience!r}; use internal or customer")
    if audience == "internal":
        return plan
    filtered = _Filter(plan).model(plan, "")
    assert filtered is not _DROP
    return filtered


def customer_texts(plan: Plan) -> list[tuple[str, str]]:
    """Every free text the customer's view shows, with its path in the plan file (`needs[4].need`).

    The texts the customer reads: plain texts, and customer wordings in place of their internal text.
    """
    found: list[tuple[str, str]] = []
    _Filter(plan, lambda at, text: found.append((at, text))).model(plan, "")
    return found
