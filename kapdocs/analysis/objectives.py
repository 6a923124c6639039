"""Where each SMART objective stands on a date: met, on track, at risk, missed, or no reading yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kapdocs.model import Plan, SmartObjective

ObjectiveStatus = Literal["met", "on_track", "at_risk", "missed", "no_reading"]

AT_RISK_BEHIND = 0.15
"""An objective is at risk when its progress trails the time elapsed by more than this share of the way."""

DEFAULT_SPAN = dt.timedelta(days=365)
"""The span measured back from the due date when the plan has no period."""


@dataclass(frozen=True, slots=True)
class ObjectiveStanding:
    """A SMART objective and where it stands."""

    objective: SmartObjective
    """The `objectives.smart[]` entry."""
    status: ObjectiveStatus
    """met: `current` has reached `target`; missed: past `due` without it; at_risk: progress from `baseline`
    to `target` trails the share of time elapsed (from `plan.period.start` to `due`) by more than
    `AT_RISK_BEHIND`; on_track: otherwise; no_reading: no `current` (or no `target`) to judge by."""
    progress: float | None
    """Share of the way from `baseline` (0 when absent) to `target` that `current` has come, 0-1; None without a reading."""


def _standing(o: SmartObjective, start: dt.date | None, today: dt.date) -> ObjectiveStanding:
    if o.current is None or o.target is None:
        return ObjectiveStanding(o, "no_reading", None)
    baseline = o.baseline if o.baseline is not None else 0.0
    rising = o.target >= baseline
    if (o.current >= o.target) if rising else (o.current <= o.target):
        return ObjectiveStanding(o, "met", 1.0)
    span = o.target - baseline
    progress = max(0.0, min(1.0, (o.current - baseline) / span)) if span else 0.0
    if o.due is not None and o.due < today:
        return ObjectiveStanding(o, "missed", progress)
    if o.due is None:
        return ObjectiveStanding(o, "on_track", progress)
    first = start if start is not None and start < o.due else o.due - DEFAULT_SPAN
    elapsed = min(1.0, max(0.0, (today - first).days / max(1, (o.due - first).days)))
    return ObjectiveStanding(o, "at_risk" if progress < elapsed - AT_RISK_BEHIND else "on_track", progress)


def objective_standings(plan: Plan, today: dt.date) -> list[ObjectiveStanding]:
    """Every SMART objective of `plan` with its status on `today`, in plan order."""
    start = plan.plan.period.start if plan.plan.period else None
    return [_standing(o, start, today) for o in (plan.objectives.smart if plan.objectives else [])]
