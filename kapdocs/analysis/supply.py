"""Supply vs demand performance: a red, amber or green status for each metric against its target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kapdocs.model import Plan, SupplyMetric

AMBER_BAND = 0.05
"""A shortfall of at most this share of the target is amber; a larger one is red."""

Status = Literal["green", "amber", "red"]


def supply_status(metric: SupplyMetric) -> Status | None:
    """Red/amber/green of `supply[]` metric: green when `actual` meets `target` (at or above it, or at
    or below it when `higher_is_better` is false); amber when it misses by at most 5% of the target;
    red otherwise. None without an actual. A zero target is met only by an actual on its right side."""
    if metric.actual is None:
        return None
    shortfall = (metric.target - metric.actual) if metric.higher_is_better else (metric.actual - metric.target)
    if shortfall <= 0:
        return "green"
    if metric.target and shortfall <= abs(metric.target) * AMBER_BAND + 1e-12:
        return "amber"
    return "red"


@dataclass(frozen=True, slots=True)
class SupplyStanding:
    """A supply metric and where it stands against its target."""

    metric: SupplyMetric
    """The `supply[]` entry."""
    status: Status | None
    """`supply_status(metric)`: green, amber or red; None without an actual."""


def supply_standings(plan: Plan) -> list[SupplyStanding]:
    """Every `supply[]` metric with its standing, in plan order."""
    return [SupplyStanding(m, supply_status(m)) for m in plan.supply]
