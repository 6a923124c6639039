"""Shared building blocks of the plan model: the base class and the enumerations.

Every enumeration is a ``Literal`` so that the JSON Schema lists the allowed
values and editors can offer them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# The aliases carry constraints only: each field's own docstring is its description
# (a description here would override the docstring of every required field).
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
"""A short slug (letters, digits, '-', '_', '.'), unique within its list."""
Text = str
"""Free text; longer fields accept a small Markdown subset."""
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
IndicatorStatus = Literal["yes", "partly", "no"]
AuditKind = Literal["past", "future"]

SENIORITY_RANK: dict[str, int] = {"board": 3, "director": 2, "manager": 1, "staff": 0}
"""Seniority as a number, higher is more senior: used to match our seniority to theirs."""

STAGES: tuple[str, ...] = ("suspect", "prospect", "analysis", "negotiation", "close", "order", "pay")
"""The SPANCOP stages in pipeline order."""

OPEN_STAGES: tuple[str, ...] = STAGES[:5]
"""Stages of opportunities not yet won: suspect to close."""

WON_STAGES: tuple[str, ...] = STAGES[5:]
"""Stages of opportunities won: order and pay."""


class Model(BaseModel):
    """Base of every plan model: unknown keys are errors, docstrings are descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
        populate_by_name=True,
    )
