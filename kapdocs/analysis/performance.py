"""Year-to-date performance against target: per period, per site and in total.

Every figure comes from `performance[]` records (and the sites' own targets).
A record counts towards the year to date once it has an actual: volume
figures use the records with a `volume_actual`, profit figures the records
with a `profit_actual`; records still waiting for their actual (future
periods) only count towards the full-period targets.
"""

from __future__ import annotations

import datetime as dt

import re
from dataclasses import dataclass, field

from kapdocs.model import PerformanceRecord, Plan

from .audience import INTERNAL

NO_SITE_NAME = "Account (no site)"
"""Name of the row that gathers the performance records not tied to a site."""

TOTAL_NAME = "Total"
"""Name of the row that totals every performance record."""

_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})))?$")


def period_key(period: str) -> tuple[int, int, int]:
    """Sort key of a period string: (year, first month, −length in months).

    Periods sort by the month they start in; of two periods starting in the
    same month the longer comes first, so a year precedes its first half, which
    precedes its first quarter, which precedes its first month:
    "2026" < "2026-H1" < "2026-Q1" < "2026-01" < "2026-02" < "2026-Q2".
    """
    m = _PERIOD.match(period)
    if not m:
        raise ValueError(f"not a period: {period!r}")
    year, quarter, half, month = m.groups()
    if quarter:
        return int(year), 3 * int(quarter) - 2, -3
    if half:
        return int(year), 6 * int(half) - 5, -6
    if month:
        return int(year), int(month), -1
    return int(year), 1, -12


def _gap(actual: float | None, target: float) -> float | None:
    return None if actual is None else actual - target


def _achievement(actual: float | None, target: float) -> float | None:
    return None if actual is None or target == 0 else actual / target


def _sum_or_none(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """Targets and actuals of one period, summed over every record of that period."""

    period: str
    """The period string as written in the plan, e.g. 2026-Q1."""
    volume_target: float
    """Sum of `volume_target` over the period's records (absent counts as 0)."""
    volume_actual: float | None
    """Sum of `volume_actual` over the period's records; None when none has one."""
    profit_target: float = field(metadata=INTERNAL)
    """Sum of `profit_target` over the period's records (absent counts as 0)."""
    profit_actual: float | None = field(metadata=INTERNAL)
    """Sum of `profit_actual` over the period's records; None when none has one."""

    @property
    def volume_gap(self) -> float | None:
        """Volume actual − volume target; None without an actual."""
        return _gap(self.volume_actual, self.volume_target)

    @property
    def profit_gap(self) -> float | None:
        """Profit actual − profit target; None without an actual."""
        return _gap(self.profit_actual, self.profit_target)

    @property
    def volume_achievement(self) -> float | None:
        """Volume actual / volume target; None without an actual or with a zero target."""
        return _achievement(self.volume_actual, self.volume_target)

    @property
    def profit_achievement(self) -> float | None:
        """Profit actual / profit target; None without an actual or with a zero target."""
        return _achievement(self.profit_actual, self.profit_target)


@dataclass(frozen=True, slots=True)
class SiteFigures:
    """Year-to-date and full-period figures of one site (or of the whole account)."""

    site_id: str | None
    """Id in `sites`; None for the no-site row and for the total."""
    name: str
    """The site's name, "Account (no site)" or "Total"."""
    ytd_volume_target: float
    """Sum of `volume_target` over the records that have a `volume_actual`."""
    ytd_volume_actual: float | None
    """Sum of `volume_actual` over the records; None when none has one."""
    ytd_profit_target: float = field(metadata=INTERNAL)
    """Sum of `profit_target` over the records that have a `profit_actual`."""
    ytd_profit_actual: float | None = field(metadata=INTERNAL)
    """Sum of `profit_actual` over the records; None when none has one."""
    full_volume_target: float = field()
    """`sites[].volume_target` when set, else the sum of the site's record volume targets."""
    full_profit_target: float = field(metadata=INTERNAL)
    """`sites[].profit_target` when set, else the sum of the site's record profit targets."""

    @property
    def volume_gap(self) -> float | None:
        """Year-to-date volume actual − target; None without an actual."""
        return _gap(self.ytd_volume_actual, self.ytd_volume_target)

    @property
    def profit_gap(self) -> float | None:
        """Year-to-date profit actual − target; None without an actual."""
        return _gap(self.ytd_profit_actual, self.ytd_profit_target)

    @property
    def volume_achievement(self) -> float | None:
        """Year-to-date volume actual / target; None without an actual or with a zero target."""
        return _achievement(self.ytd_volume_actual, self.ytd_volume_target)

    @property
    def profit_achievement(self) -> float | None:
        """Year-to-date profit actual / target; None without an actual or with a zero target."""
        return _achievement(self.ytd_profit_actual, self.ytd_profit_target)


@dataclass(frozen=True, slots=True)
class Performance:
    """Performance against target, by period, by site and in total."""

    periods: list[PeriodFigures]
    """One entry per distinct `performance[].period`, in `period_key` order."""
    sites: list[SiteFigures]
    """One row per site in `sites` order, then one per unknown site id, then the no-site row if any."""
    total: SiteFigures
    """Totals over every record; full targets are the sum of the rows' full targets."""
    remaining_profit_gap: float = field(metadata=INTERNAL)
    """Profit still to find: max(0, total full profit target − year-to-date profit actual)."""
    remaining_volume_gap: float = field()
    """Volume still to find: max(0, total full volume target − year-to-date volume actual)."""


def _period_figures(period: str, records: list[PerformanceRecord]) -> PeriodFigures:
    return PeriodFigures(
        period=period,
        volume_target=sum(r.volume_target or 0 for r in records),
        volume_actual=_sum_or_none([r.volume_actual for r in records]),
        profit_target=sum(r.profit_target or 0 for r in records),
        profit_actual=_sum_or_none([r.profit_actual for r in records]),
    )


def _site_figures(
    site_id: str | None,
    name: str,
    records: list[PerformanceRecord],
    volume_target: float | None = None,
    profit_target: float | None = None,
) -> SiteFigures:
    with_volume = [r for r in records if r.volume_actual is not None]
    with_profit = [r for r in records if r.profit_actual is not None]
    return SiteFigures(
        site_id=site_id,
        name=name,
        ytd_volume_target=sum(r.volume_target or 0 for r in with_volume),
        ytd_volume_actual=_sum_or_none([r.volume_actual for r in with_volume]),
        ytd_profit_target=sum(r.profit_target or 0 for r in with_profit),
        ytd_profit_actual=_sum_or_none([r.profit_actual for r in with_profit]),
        full_volume_target=(
            volume_target if volume_target is not None else sum(r.volume_target or 0 for r in records)
        ),
        full_profit_target=(
            profit_target if profit_target is not None else sum(r.profit_target or 0 for r in records)
        ),
    )


def period_start(period: str) -> dt.date:
    """The first day of a period string ("2026-Q3" -> 2026-07-01)."""
    year, month, _ = period_key(period)
    return dt.date(year, month, 1)


def performance(plan: Plan, as_of: dt.date | None = None) -> Performance:
    """Performance figures of `plan`, from `performance[]` and `sites[]` targets.

    With `as_of`, actuals of periods that had not begun by then are left out, so the
    documents of a past meeting show the year to date as it stood at that meeting.
    """
    records = plan.performance
    if as_of is not None:
        records = [r if period_start(r.period) <= as_of else
                   r.model_copy(update={"volume_actual": None, "profit_actual": None}) for r in records]
    periods = sorted({r.period for r in records}, key=period_key)
    by_period = [_period_figures(p, [r for r in records if r.period == p]) for p in periods]

    rows = [
        _site_figures(s.id, s.name, [r for r in records if r.site == s.id], s.volume_target, s.profit_target)
        for s in plan.sites
    ]
    known = {s.id for s in plan.sites}
    unknown = list(dict.fromkeys(r.site for r in records if r.site is not None and r.site not in known))
    rows += [_site_figures(i, i, [r for r in records if r.site == i]) for i in unknown]
    no_site = [r for r in records if r.site is None]
    if no_site:
        rows.append(_site_figures(None, NO_SITE_NAME, no_site))

    totals = _site_figures(None, TOTAL_NAME, records)
    total = SiteFigures(
        site_id=None,
        name=TOTAL_NAME,
        ytd_volume_target=totals.ytd_volume_target,
        ytd_volume_actual=totals.ytd_volume_actual,
        ytd_profit_target=totals.ytd_profit_target,
        ytd_profit_actual=totals.ytd_profit_actual,
        full_volume_target=sum(r.full_volume_target for r in rows),
        full_profit_target=sum(r.full_profit_target for r in rows),
    )
    return Performance(
        periods=by_period,
        sites=rows,
        total=total,
        remaining_profit_gap=max(0.0, total.full_profit_target - (total.ytd_profit_actual or 0)),
        remaining_volume_gap=max(0.0, total.full_volume_target - (total.ytd_volume_actual or 0)),
    )
