"""Derived figures: pure functions from a Plan to the numbers every document shows.

`analyse` computes them once; renderers read the resulting `Figures` and never
recompute. Meeting figures (timeline, agenda) depend on the meeting chosen, so
renderers call `kapdocs.analysis.timeline` for the meeting they render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kapdocs.model import Plan

from .audience import INTERNAL
from .alignment import Alignment, SupplierScore, alignment
from .coverage import (
    BUYER_ROLES, POLICY_LEVELS, ContactCoverage, SeniorityGap, best_strength, contact_coverage,
)
from .forcefield import ForceFieldBalance, force_field_balance
from .growth import SiteTrend, site_trends
from .initiatives import InitiativeValue, initiative_value
from .objectives import ObjectiveStanding, objective_standings
from .partnership import PartnershipScore, partnership_score
from .performance import Performance, PeriodFigures, SiteFigures, period_key, performance
from .pipeline import Pipeline, StageTotal, big5, pipeline, top5
from .portfolio import (
    QUADRANTS, THRESHOLD, PortfolioPosition, portfolio_position, quadrant, weighted_score, weights_sum_ok,
)
from .sites import SiteAlert, site_alerts
from .supply import SupplyStanding, supply_standings
from .timeline import (
    AFTER_INTERNAL_REVIEW, AFTER_MEETING, AgendaItem, PrepStep, after_meeting, agenda, allocate_minutes,
    default_meeting, internal_agenda, meeting_end, meeting_start, next_quarter, preparation_timeline,
    preparing_review, previous_meeting, previous_working_day, qbr_agenda,
)

__all__ = [
    "AFTER_INTERNAL_REVIEW", "AFTER_MEETING", "BUYER_ROLES", "POLICY_LEVELS", "QUADRANTS", "THRESHOLD",
    "AgendaItem", "Alignment", "ObjectiveStanding", "ContactCoverage", "Figures", "ForceFieldBalance", "Performance", "PeriodFigures",
    "Pipeline", "PortfolioPosition", "PrepStep", "SeniorityGap", "SiteAlert", "SiteFigures", "StageTotal", "SupplierScore",
    "after_meeting", "agenda", "allocate_minutes", "analyse", "best_strength", "big5", "contact_coverage",
    "default_meeting",
    "force_field_balance", "internal_agenda", "meeting_end", "meeting_start", "next_quarter", "performance",
    "period_key", "pipeline", "portfolio_position", "preparation_timeline", "previous_meeting",
    "preparing_review", "previous_working_day", "qbr_agenda", "quadrant", "site_alerts", "top5", "weighted_score",
    "weights_sum_ok",
]


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything derived from a plan, computed once by `analyse`."""

    performance: Performance
    """Year-to-date and full-period figures from `performance[]` and `sites[]`."""
    pipeline: Pipeline = field(metadata=INTERNAL)
    """Pipeline figures from `opportunities[]`, against `performance.remaining_profit_gap`."""
    portfolio: PortfolioPosition | None = field(metadata=INTERNAL)
    """Position on the portfolio matrix from `portfolio`; None unless both axes have factors."""
    force_field: ForceFieldBalance | None = field(metadata=INTERNAL)
    """Totals of `force_field`; None when it lists no force."""
    coverage: ContactCoverage = field(metadata=INTERNAL)
    """Coverage of `contacts[]` by `relationships[]`."""
    site_alerts: list[SiteAlert]
    """Contract expiries and tenders within `plan.period`, by date."""
    partnership: PartnershipScore | None = field(metadata=INTERNAL)
    """The partnership self-assessment from `partnership_indicators`; None when none is assessed."""
    alignment: Alignment = field(metadata=INTERNAL)
    """Us against each competitor on `critical_success_factors`: weighted scores, where we lead or trail."""
    supply: list[SupplyStanding]
    """Each `supply[]` metric with its red, amber or green standing against its target."""
    initiatives: InitiativeValue
    """Value delivered by `initiatives[]`, in total and by kind."""
    objectives: list[ObjectiveStanding]
    """Each SMART objective's status on `today`: met, on track, at risk, missed or no reading yet."""
    growth: list[SiteTrend] = field(metadata=INTERNAL)
    """Each site's run rate against its full-period target."""
    today: dt.date
    """The date the figures were computed for."""


def analyse(plan: Plan, today: dt.date | None = None) -> Figures:
    """All derived figures of `plan` as they stand on `today` (default: the current date).

    Actuals of periods that begin after `today` are left out (see `performance`).
    """
    today = today or dt.date.today()
    perf = performance(plan, today)
    return Figures(
        performance=perf,
        pipeline=pipeline(plan, perf),
        portfolio=portfolio_position(plan),
        force_field=force_field_balance(plan),
        coverage=contact_coverage(plan),
        site_alerts=site_alerts(plan),
        partnership=partnership_score(plan),
        alignment=alignment(plan),
        supply=supply_standings(plan),
        initiatives=initiative_value(plan),
        objectives=objective_standings(plan, today),
        growth=site_trends(plan, perf),
        today=today,
    )
