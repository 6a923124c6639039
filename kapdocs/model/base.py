"""Shared building blocks of the plan model: the base class and the enumerations.

Every enumeration is a ``Literal`` so that the JSON Schema lists the allowed
values and editors can offer them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

# The aliases carry constraints only: each field's own docstring is its description
# (a description here would override the docstring of every required field).
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
"""A short slug (letters, digits, '-', '_', '.'), unique within its list."""


class Wording(str):
    """Free text as the plan author wrote it, with what customer documents may say instead.

    A plain string in the plan file is a `Wording` with no customer wording that every
    audience sees. The mapping form keeps a sentence out of customer documents, or gives
    them other words, without deleting it from the plan:

        summary: {text: Our words for our side., customer: Words the customer may read.}
        goals:
          - {text: Beat Acme on price at Bristol, internal: true}

    Code that reads the plan sees the internal text (a `Wording` is a `str`); the view
    for the customer (`kapdocs.view`) uses `customer`, or drops the text when `internal`.
    """

    customer: str | None
    internal: bool

    def __new__(cls, text: str, customer: str | None = None, internal: bool = False) -> "Wording":
        self = super().__new__(cls, text)
        self.customer = customer
        self.internal = internal
        return self

    def __reduce__(self):
        return (Wording, (str(self), self.customer, self.internal))

    def for_customer(self) -> str | None:
        """What customer documents say: the customer wording, the text, or None when internal."""
        if self.internal:
            return None
        return self.customer if self.customer is not None else str(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _wording, serialization=core_schema.plain_serializer_function_ser_schema(str), ref="Text")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return dict(TEXT_SCHEMA)


TEXT_SCHEMA: dict = {
    "title": "Text",
    "description": "Free text, or the text with what customer documents say instead: "
                   "{text, customer} or {text, internal: true}.",
    "anyOf": [
        {"type": "string"},
        {"type": "object", "additionalProperties": False, "required": ["text"],
         "properties": {
             "text": {"type": "string", "description": "The text, as our own documents show it."},
             "customer": {"type": "string", "description": "What customer documents say instead of `text`."},
             "internal": {"type": "boolean", "default": False,
                          "description": "Keep this text out of customer documents altogether."}}}]}
"""The JSON Schema definition every `Text` field refers to (`#/$defs/Text`)."""


_WORDING_KEYS = ("text", "customer", "internal")
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


def _wording(value: Any) -> Wording:
    """A `Wording` from a string or a `{text, customer, internal}` mapping (see `Wording`)."""
    if isinstance(value, Wording):
        return value
    if isinstance(value, str):
        return Wording(value)
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return Wording(str(value))
    if not isinstance(value, dict):
        raise ValueError("expected text, or a mapping with `text:` and `customer:` or `internal: true`")
    unknown = [k for k in value if k not in _WORDING_KEYS]
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}' in a text with its customer wording; "
                         "valid keys: text, customer, internal")
    text, customer, internal = value.get("text"), value.get("customer"), value.get("internal", False)
    if not isinstance(text, str):
        raise ValueError("a text with its customer wording needs `text:` (the words our own documents use)")
    if customer is not None and not isinstance(customer, str):
        raise ValueError("`customer:` is the wording customer documents use instead: write text")
    if isinstance(internal, str) and internal in _TRUE + _FALSE:
        internal = internal in _TRUE
    if not isinstance(internal, bool):
        raise ValueError(f"`internal:` is true or false, not {internal!r}")
    return Wording(text, customer, internal)


Text = Wording
"""Free text; longer fields accept a small Markdown subset. Either a string or
`{text, customer, internal}`: see `Wording`."""

AUDIENCE_KEY = "x-audience"
"""The JSON Schema key that declares who may see a field (see `internal_only`)."""


def internal_only(default: Any = None, *, when: str | None = None, why: str) -> Any:
    """A field that customer documents never show, declared once for every document.

    `when` names a condition (see `kapdocs.view.visibility.CONDITIONS`) under which the
    value is internal, e.g. `money` for an action target set in the account currency;
    `why` says why, for the README's editions table. The declaration is in the JSON
    Schema too (`x-audience: internal`), so editors show it.
    """
    extra = {AUDIENCE_KEY: "internal", "x-why": why}
    if when:
        extra["x-when"] = when
    return Field(default, json_schema_extra=extra)


def hidden_items(condition: str, why: str) -> dict:
    """Model config declaring which items of a list customer documents leave out.

    `condition` names an item condition in `kapdocs.view.visibility.CONDITIONS`.
    """
    return {"json_schema_extra": {"x-customer-hides": condition, "x-why": why}}

def _date_text(value: Any) -> Any:
    """A date as the plan format writes it: YYYY-MM-DD text (or a date). A number (which JSON and the
    validation library would read as seconds since 1970) or a date-time is refused with the format."""
    if isinstance(value, bool) or isinstance(value, (int, float)):
        raise ValueError(f"{value!r} is a number, not a date; write the date as YYYY-MM-DD, e.g. 2026-12-10")
    if isinstance(value, dt.datetime):
        raise ValueError("a date-time, not a date; write the date as YYYY-MM-DD, e.g. 2026-12-10")
    if isinstance(value, str) and len(value.strip()) > 10:
        raise ValueError(f"'{value}' is not a date; write the date as YYYY-MM-DD, e.g. 2026-12-10 (no time)")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_text)]
"""A calendar date, YYYY-MM-DD."""

Money = Annotated[float, Field(ge=0)]
"""An amount in the account currency, never negative."""
Share = Annotated[float, Field(ge=0, le=1)]
"""A fraction from 0 to 1."""
Score = Annotated[float, Field(ge=0, le=10)]
"""A score from 0 to 10."""

RelationshipRating = Literal["poor", "fair", "good", "strong", "excellent"]
PlanStatus = Literal["draft", "approved"]
Function = Literal[
    "sales", "marketing", "technical", "supply", "finance", "operations",
    "service", "legal", "executive", "other",
]
Seniority = Literal["board", "director", "manager", "staff"]
BuyerRole = Literal["economic", "ultimate", "technical", "end_user", "advocate"]
Influence = Literal["high", "medium", "low"]
Attitude = Literal["champion", "supporter", "neutral", "sceptic", "blocker"]
PolicyLevel = Literal["instigator", "influencer", "implementer"]
Frequency = Literal["weekly", "monthly", "quarterly", "yearly", "ad_hoc"]
ActionStatus = Literal["planned", "in_progress", "done", "late", "cancelled"]
Stage = Literal["suspect", "prospect", "analysis", "negotiation", "close", "order", "pay"]
OpportunityKind = Literal["new_business", "extension", "renewal"]
Level = Literal["low", "medium", "high"]
InitiativeKind = Literal["highlight", "lowlight"]
MeetingType = Literal["qbr", "internal_review"]
QBR_AGENDA_KEYS = ("agenda", "last_actions", "ytd", "company", "objectives", "initiatives", "supply", "upcoming",
                   "insights", "new_business", "action_log", "next_quarter")
"""The standard items of a customer review's agenda, in order (`analysis.timeline.qbr_agenda`)."""
INTERNAL_AGENDA_KEYS = ("past", "future", "assess", "learn")
"""The standard items of an internal review's agenda, in order."""
AgendaKey = Literal[QBR_AGENDA_KEYS + INTERNAL_AGENDA_KEYS]
IndicatorStatus = Literal["yes", "partly", "no"]
AuditKind = Literal["past", "future"]
CustomerFunction = Literal["operations", "marketing", "technical", "commercial", "other"]

SENIORITY_RANK: dict[str, int] = {"board": 3, "director": 2, "manager": 1, "staff": 0}
"""Seniority as a number, higher is more senior: used to match our seniority to theirs."""

STAGES: tuple[str, ...] = ("suspect", "prospect", "analysis", "negotiation", "close", "order", "pay")
"""The SPANCOP stages in pipeline order."""

OPEN_STAGES: tuple[str, ...] = STAGES[:5]
"""Stages of opportunities not yet won: suspect to close."""

WON_STAGES: tuple[str, ...] = STAGES[5:]
"""Stages of opportunities won: order and pay."""


class Model(BaseModel):
    """Base of every plan model: unknown keys are errors, docstrings are descriptions (read on demand,
    `kapdocs.model.docs.describe_models`, for the schema and the reference)."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=False,  # read on demand: kapdocs.model.docs.describe_models
        str_strip_whitespace=False,
        populate_by_name=True,
        allow_inf_nan=False,
    )
