"""Site trends: is each site's target above what the site is running at?

Used by the plan health check to spot "distilled optimism" (every site
forecast to grow). A site's run-rate is its year-to-date actual scaled from
the months its actuals cover to the months of the plan period: 4,626 t in
three quarters (9 months) of a 12-month plan runs at 6,168 t.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kapdocs.model import PerformanceRecord, Plan

from .performance import Performance, period_key

Measure = Literal["volume", "profit"]


def period_months(period: str) -> int:
    """Length in months of a performance period string: 12, 6 (H1), 3 (Q1) or 1 (2026-01)."""
    return -period_key(period)[2]


def plan_months(plan: Plan) -> int | None:
    """Months in `plan.period`, counting the first and last month whole; None without a period."""
    period = plan.plan.period
    if period is None:
        return None
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


@dataclass(frozen=True, slots=True)
class SiteTrend:
    """Where one site's target stands against its run-rate (volume, else profit)."""

    site_id: str
    """`sites[].id`."""
    name: str
    """`sites[].name`."""
    measure: Measure
    """Volume when the site's records have volume targets or actuals, else profit."""
    target: float
    """Full-period target: `SiteFigures.full_volume_target` (or `full_profit_target`)."""
    run_rate: float | None
    """Year-to-date actual × plan months ÷ months of the records with an actual; None before any actual.
    Without a plan period, the months of all the site's records stand for the plan's."""
    rising_targets: bool
    """Whether each period's target is above the previous period's (two periods or more)."""

    @property
    def growing(self) -> bool:
        """Forecast to grow: target above the run-rate; before any actual, targets rising period on period."""
        if self.run_rate is not None:
            return self.target > self.run_rate
        return self.rising_targets


def _measure(records: list[PerformanceRecord]) -> Measure | None:
    for measure in ("volume", "profit"):
        if any(getattr(r, f"{measure}_target") or getattr(r, f"{measure}_actual") is not None for r in records):
            return measure
    return None


def site_trend(site_id: str, name: str, records: list[PerformanceRecord], full_target: dict[Measure, float],
               months: int | None) -> SiteTrend | None:
    """The trend of one site from its `performance[]` records; None when they hold no figures."""
    measure = _measure(records)
    if measure is None:
        return None
    with_actual = [r for r in records if getattr(r, f"{measure}_actual") is not None]
    covered = sum(period_months(r.period) for r in with_actual)
    total = months or sum(period_months(r.period) for r in records)
    run_rate = (sum(getattr(r, f"{measure}_actual") for r in with_actual) * total / covered
                if with_actual and covered else None)
    ordered = [getattr(r, f"{measure}_target") or 0 for r in sorted(records, key=lambda r: period_key(r.period))]
    rising = len(ordered) >= 2 and all(b > a for a, b in zip(ordered, ordered[1:]))
    return SiteTrend(site_id, name, measure, full_target[measure], run_rate, rising)


def site_trends(plan: Plan, perf: Performance) -> list[SiteTrend]:
    """One trend per site, in `sites` order, for the sites whose performance records hold figures."""
    rows = {row.site_id: row for row in perf.sites if row.site_id is not None}
    months = plan_months(plan)
    trends = []
    for site in plan.sites:
        records = [r for r in plan.performance if r.site == site.id]
        row = rows.get(site.id)
        if not records or row is None:
            continue
        full = {"volume": row.full_volume_target, "profit": row.full_profit_target}
        trend = site_trend(site.id, site.name, records, full, months)
        if trend is not None:
            trends.append(trend)
    return trends
