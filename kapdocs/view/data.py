"""The view as plain data: what `kapdocs context` prints and what user templates render against.

Keys are stable: they are the plan format's own keys (`plan`), the analysis' field names
(`figures`) and the meeting facts' (`meeting`). For the customer, keys of internal-only
plan fields and figures are absent, not empty: a customer template that reaches for one
fails loudly instead of printing a blank.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..analysis.audience import INTERNAL_PROPERTIES
from . import vocabulary
from .visibility import _always_hidden

if TYPE_CHECKING:
    from . import View

FORMAT = 1
"""Version of the context data's shape."""


def _drop(data: Any, parts: list[str]) -> None:
    """Delete the key at `parts` (`name[]` walks every item of a list) from `data`, where the filter emptied it."""
    if not parts or data is None:
        return
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if not isinstance(data, dict) or key not in data:
        return
    if not rest:
        if data[key] in (None, [], {}):  # emptied by the filter (a customer wording stays)
            del data[key]
        return
    if many:
        for item in data[key] or []:
            _drop(item, rest)
    else:
        _drop(data[key], rest)


def plan_data(view: "View") -> dict:
    """The plan as the audience sees it, with the plan format's keys."""
    data = view.plan.model_dump(mode="json", by_alias=True)
    if view.customer:
        for rule in _always_hidden():
            _drop(data, rule.path.split("."))
    return data


def plain(value: Any, customer: bool) -> Any:
    """Figures and facts as JSON-ready data; internal-only figures left out for the customer."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            if customer and f.metadata.get("audience") == "internal":
                continue
            out[f.name] = plain(getattr(value, f.name), customer)
        for name, attr in vars(type(value)).items():
            if isinstance(attr, property) and not name.startswith("_"):
                if customer and name in INTERNAL_PROPERTIES:
                    continue
                out[name] = plain(getattr(value, name), customer)
        return out
    if isinstance(value, BaseModel):
        ident = getattr(value, "id", None)
        return ident if ident is not None else value.model_dump(mode="json", by_alias=True)
    if isinstance(value, (list, tuple)):
        return [plain(v, customer) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v, customer) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, str):
        return str(value)
    return value


def view_data(view: "View") -> dict:
    """The whole view as plain data (see the module docstring)."""
    customer = view.customer
    meeting = None
    if view.meeting is not None:
        facts = view.meeting
        meeting = {
            "id": facts.meeting.id, "type": facts.meeting.type, "kind": facts.kind, "title": facts.title,
            "date": facts.meeting.date.isoformat(), "date_text": view.fmt.long_date(facts.meeting.date),
            "start": view.fmt.time(facts.start), "end": view.fmt.time(facts.end),
            "venue": facts.meeting.venue,
            **{name: plain(getattr(facts, name), customer) for name in (
                "agenda", "preparation", "after", "ours", "theirs", "apologies", "minute_taker", "previous",
                "last_actions", "carried_over", "overdue", "upcoming", "window", "quarter", "their_activities",
                "supply", "ytd",
                "ytd_span", "decisions_sought", "objectives", "next", "distribution")},
        }
        for row, item in zip(meeting["agenda"], facts.agenda):
            row["presenter"] = facts.presented_by(item)  # "Joanna Smith and James Lawson"; '' for nobody
    return {
        "kapdocs_context": FORMAT,
        "audience": view.audience,
        "as_of": view.as_of.isoformat(),
        "locale": view.fmt.locale,
        "currency": view.fmt.currency,
        "volume_unit": view.fmt.volume_unit,
        "plan": plan_data(view),
        "parties": dataclasses.asdict(view.parties),
        "refs": view.refs,
        "figures": plain(view.figures, customer),
        "meeting": meeting,
        "labels": {name: dict(vocabulary.CUSTOMER_STAGE if customer and name == "Stage" else table)
                   for name, table in vocabulary.LABELS.items()
                   if not (customer and name in ("Attitude", "Influence"))},
    }


def context_schema() -> dict:
    """The JSON Schema of `view_data`'s shape (top level and meeting facts; the plan's own schema inside)."""
    from ..api import schema as plan_schema

    text = {"type": "string"}
    row = {"type": "object", "properties": {n: {} for n in (
        "id", "text", "need", "ours", "theirs", "owner_function", "due", "due_text", "status", "group",
        "status_text", "target_text", "notes")}, "required": ["id", "text", "group", "status_text"]}
    plan = plan_schema()
    defs = plan.pop("$defs", {})
    for definition in defs.values():  # internal-only keys are absent for the customer, even required ones
        props = definition.get("properties", {})
        if "required" in definition:
            definition["required"] = [k for k in definition["required"] if "x-audience" not in props.get(k, {})]
    plan.pop("$schema", None)
    plan.pop("$id", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kapdocs.example/schema/context-1.json",
        "title": "kapdocs context: the account as one audience sees it",
        "type": "object",
        "required": ["kapdocs_context", "audience", "as_of", "plan", "refs", "figures", "meeting", "labels"],
        "$defs": {**defs, "ActionRow": row},
        "properties": {
            "kapdocs_context": {"const": FORMAT, "description": "Version of this data's shape."},
            "audience": {"enum": ["internal", "customer"], "description": "Who the view is for."},
            "as_of": {**text, "format": "date", "description": "The date the view is taken on."},
            "locale": {"enum": ["en-GB", "en-US"]},
            "currency": text,
            "volume_unit": text,
            "plan": {**plan, "description": "The plan as the audience may see it: the plan format's keys; "
                                            "for the customer, internal-only keys are absent."},
            "parties": {"type": "object", "required": ["customer", "customers", "us", "customer_name"],
                        "properties": {"customer": text, "customers": text, "us": text, "customer_name": text,
                                       "supplier_name": {"type": ["string", "null"]}},
                        "description": "How this audience's documents name the companies: for our side "
                                       "\"the customer\" and \"Us\"; for the customer, both by their short names."},
            "refs": {"type": "object", "additionalProperties": {"type": "object",
                                                                "additionalProperties": text},
                     "description": "Short references by list and id: the id internally; N1, O1... for the "
                                    "customer, numbered over what the customer sees."},
            "figures": {"type": "object", "description": "Every derived figure (kapdocs.analysis.Figures); "
                                                         "for the customer, internal-only figures are absent."},
            "meeting": {"oneOf": [{"type": "null"}, {
                "type": "object",
                "required": ["id", "type", "title", "date", "agenda", "overdue", "upcoming", "carried_over",
                             "last_actions", "supply", "ytd"],
                "properties": {
                    "id": text, "type": {"enum": ["qbr", "internal_review"]}, "kind": text, "title": text,
                    "date": {**text, "format": "date"}, "date_text": text, "start": text, "end": text,
                    "overdue": {"type": "array", "items": {"$ref": "#/$defs/ActionRow"},
                                "description": "Open plan actions due before the meeting date."},
                    "upcoming": {"type": "array", "items": {"$ref": "#/$defs/ActionRow"},
                                 "description": "Open plan actions due from the meeting to the end of next quarter."},
                    "carried_over": {"type": "array", "items": {"$ref": "#/$defs/ActionRow"},
                                     "description": "Open action log entries raised before the meeting."},
                    "last_actions": {"type": "array", "items": {"$ref": "#/$defs/ActionRow"},
                                     "description": "Action log entries raised at the previous meeting."},
                    "agenda": {"type": "array", "items": {"type": "object"}},
                    "supply": {"type": "array", "items": {"type": "object"}},
                    "ytd": {"type": "array", "items": {"type": "object"}},
                }}]},
            "labels": {"type": "object", "additionalProperties": {"type": "object",
                                                                  "additionalProperties": text},
                       "description": "How every enumerated value reads in the documents."},
        },
    }
