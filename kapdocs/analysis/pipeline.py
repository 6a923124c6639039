"""The SPANCOP pipeline: totals by stage, weighted pipeline, coverage of the gap, Top 5 and Big 5."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kapdocs.model import OPEN_STAGES, STAGES, WON_STAGES, Opportunity, Plan

from .performance import Performance

EARLY_STAGES: tuple[str, ...] = ("suspect", "prospect")
"""Stages where an opportunity is still only an idea or a first conversation."""


@dataclass(frozen=True, slots=True)
class StageTotal:
    """The opportunities at one SPANCOP stage."""

    stage: str
    """The stage: one of `STAGES`."""
    count: int
    """Number of `opportunities[]` at this stage."""
    value: float
    """Sum of `opportunities[].value` at this stage."""
    weighted: float
    """Open stages: sum of `value × probability` (no probability counts as 0). Won stages: the value."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The pipeline and how well it covers the gap to target."""

    by_stage: list[StageTotal]
    """One total per stage, all seven `STAGES` in pipeline order, zeros included."""
    open_value: float
    """Sum of `opportunities[].value` over open stages (suspect to close)."""
    weighted_value: float
    """Weighted pipeline: sum of `opportunities[].value × probability` over open stages (no probability counts as 0)."""
    won_value: float
    """Sum of `opportunities[].value` over won stages (order and pay)."""
    top5: list[Opportunity]
    """Top 5: open opportunities nearest to closing (expected close ascending, undated last;
    ties: later stage first, then larger value, then id)."""
    big5: list[Opportunity]
    """Big 5: open opportunities with the largest value (ties by id)."""
    gap: float
    """The gap to cover: `Performance.remaining_profit_gap`, the profit still to find in the plan period."""
    weighted_in_period: float
    """The weighted value of open opportunities expected to close by the end of `plan.period` (all open
    ones when the plan has no period): the part of the pipeline that can fill this period's gap."""
    coverage: float | None
    """Coverage of the gap: `weighted_in_period` / `gap`; None when the gap is 0. An opportunity closing
    after the period, or with no expected close, cannot fill this period's gap and does not count."""
    early_stage_count: int
    """Number of opportunities at suspect or prospect."""


def _weighted(opp: Opportunity) -> float:
    return (opp.value or 0.0) * (opp.probability or 0)


def _top5_key(opp: Opportunity) -> tuple:
    undated = opp.expected_close is None
    return (undated, opp.expected_close or dt.date.max, -STAGES.index(opp.stage), -(opp.value or 0.0), opp.id)


def top5(opps: list[Opportunity]) -> list[Opportunity]:
    """The Top 5 of `opps`: see `Pipeline.top5`."""
    return sorted((o for o in opps if o.stage in OPEN_STAGES), key=_top5_key)[:5]


def big5(opps: list[Opportunity]) -> list[Opportunity]:
    """The Big 5 of `opps`: see `Pipeline.big5`."""
    return sorted((o for o in opps if o.stage in OPEN_STAGES), key=lambda o: (-(o.value or 0.0), o.id))[:5]


def pipeline(plan: Plan, perf: Performance) -> Pipeline:
    """Pipeline figures of `plan`, measured against the profit gap left in `perf`."""
    opps = plan.opportunities
    by_stage = []
    for stage in STAGES:
        at = [o for o in opps if o.stage == stage]
        weighted = sum(o.value or 0.0 for o in at) if stage in WON_STAGES else sum(_weighted(o) for o in at)
        by_stage.append(StageTotal(stage, len(at), sum(o.value or 0.0 for o in at), weighted))
    open_opps = [o for o in opps if o.stage in OPEN_STAGES]
    weighted_value = sum(_weighted(o) for o in open_opps)
    end = plan.plan.period.end if plan.plan.period else None
    in_period = sum(_weighted(o) for o in open_opps
                    if end is None or (o.expected_close is not None and o.expected_close <= end))
    gap = perf.remaining_profit_gap
    return Pipeline(
        by_stage=by_stage,
        open_value=sum(o.value or 0.0 for o in open_opps),
        weighted_value=weighted_value,
        won_value=sum(o.value or 0.0 for o in opps if o.stage in WON_STAGES),
        top5=top5(opps),
        big5=big5(opps),
        gap=gap,
        weighted_in_period=in_period,
        coverage=in_period / gap if gap else None,
        early_stage_count=sum(1 for o in opps if o.stage in EARLY_STAGES),
    )
