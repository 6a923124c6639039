"""Executed initiatives: the value they delivered, in total and by kind."""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.model import Plan


@dataclass(frozen=True, slots=True)
class InitiativeValue:
    """What the executed initiatives delivered to the customer."""

    total: float
    """Sum of `initiatives[].value_delivered` (absent counts as 0), in the account currency."""
    highlights: int
    """Number of initiatives of kind highlight."""
    lowlights: int
    """Number of initiatives of kind lowlight."""
    valued: int
    """Number of initiatives with a `value_delivered`."""


def initiative_value(plan: Plan) -> InitiativeValue:
    """Totals of `plan.initiatives`."""
    items = plan.initiatives
    return InitiativeValue(
        total=sum(i.value_delivered or 0 for i in items),
        highlights=sum(1 for i in items if i.kind == "highlight"),
        lowlights=sum(1 for i in items if i.kind == "lowlight"),
        valued=sum(1 for i in items if i.value_delivered is not None),
    )
