"""Force field analysis: the forces for the plan against the forces against it."""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.model import Plan


@dataclass(frozen=True, slots=True)
class ForceFieldBalance:
    """The totals of the force field; a positive balance means a good chance of success."""

    total_for: int
    """Sum of `force_field.for[].strength`."""
    total_against: int
    """Sum of `force_field.against[].strength`."""
    balance: int
    """total_for − total_against."""


def force_field_balance(plan: Plan) -> ForceFieldBalance | None:
    """The force field totals; None when the plan lists no force at all."""
    ff = plan.force_field
    if ff is None or not (ff.for_ or ff.against):
        return None
    total_for = sum(f.strength for f in ff.for_)
    total_against = sum(f.strength for f in ff.against)
    return ForceFieldBalance(total_for, total_against, total_for - total_against)
