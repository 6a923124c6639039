"""Reviews and upkeep: a plan reviewed within the quarter, QBRs booked, honest reviews, sound portfolio inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kapdocs.analysis import weights_sum_ok

from .registry import Finding, rule

STALE_AFTER = dt.timedelta(days=92)
"""A plan last reviewed longer ago than a quarter is stale."""


@rule("plan-stale", "warning", "reviews", "The plan was reviewed within the last quarter")
def plan_stale(plan, figures) -> Iterator[Finding]:
    """`plan.last_reviewed` absent, or more than 92 days before today."""
    when = plan.plan.last_reviewed
    if when is None:
        yield Finding(message="The plan has no review date.",
                      fix="Review it with the core team and record the date in plan.last_reviewed.",
                      path="plan.last_reviewed")
    elif figures.today - when > STALE_AFTER:
        days = (figures.today - when).days
        yield Finding(message=f"The plan was last reviewed on {when.isoformat()}, {days} days ago.",
                      fix="Review it with the core team (at least quarterly) and update plan.last_reviewed.",
                      path="plan.last_reviewed")


@rule("no-qbr", "warning", "reviews", "A QBR is scheduled in the plan period")
def no_qbr(plan, figures) -> Iterator[Finding]:
    """No meeting of type qbr dated within `plan.period` (or none at all when the plan has no period)."""
    period = plan.plan.period
    qbrs = [m for m in plan.meetings if m.type == "qbr"]
    if period is not None:
        qbrs = [m for m in qbrs if period.start <= m.date <= period.end]
    if not qbrs:
        within = " in the plan period" if period is not None else ""
        yield Finding(message=f"No QBR is scheduled{within}.",
                      fix="Book a quarterly business review with the customer and add it under meetings with type: qbr.",
                      path="meetings")


@rule("optimism-no-lowlights", "warning", "reviews", "Reviews report lowlights as well as highlights")
def optimism_no_lowlights(plan, figures) -> Iterator[Finding]:
    """Distilled optimism: executed initiatives listed, and not one of them a lowlight."""
    if plan.initiatives and not any(i.kind == "lowlight" for i in plan.initiatives):
        yield Finding(message=f"All {len(plan.initiatives)} executed initiatives are highlights; none is a lowlight.",
                      fix="Report what did not go to plan too (kind: lowlight), with what was learned.",
                      path="initiatives")


@rule("portfolio-weights", "warning", "strategy", "Portfolio factor weights sum to 1 (or 100)")
def portfolio_weights(plan, figures) -> Iterator[Finding]:
    """Each axis of `portfolio` with factors whose weights do not sum to 1 or 100 (`weights_sum_ok`)."""
    if plan.portfolio is None:
        return
    for axis in ("attractiveness", "strength"):
        factors = getattr(plan.portfolio, axis)
        if factors and not weights_sum_ok(factors):
            total = sum(f.weight for f in factors)
            yield Finding(message=f"The {axis} weights sum to {total:g}, not 1 or 100.",
                          fix=f"Adjust the weights of portfolio.{axis} so they sum to 1 (or 100).",
                          path=f"portfolio.{axis}")
