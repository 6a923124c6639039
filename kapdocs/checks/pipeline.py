"""The pipeline: enough weighted pipeline to cover the gap ("maths of selling"), a filled funnel, honest odds."""

from __future__ import annotations

from collections.abc import Iterator

from kapdocs.fmt import for_plan
from kapdocs.model import OPEN_STAGES

from .registry import Finding, rule

HIGH_PROBABILITY = 0.5
"""A probability at or above this counts as high."""

MIN_FOR_OPTIMISM = 2
"""Open opportunities needed before "every one is likely" says something about the plan."""


@rule("pipeline-coverage", "error", "pipeline", "Weighted pipeline covers the gap to target")
def pipeline_coverage(plan, figures) -> Iterator[Finding]:
    """`Pipeline.coverage` (weighted pipeline closing in the period ÷ profit gap still to find) below 1."""
    p = figures.pipeline
    if p.coverage is None or p.coverage >= 1:
        return
    fmt = for_plan(plan)
    yield Finding(message=f"The weighted pipeline closing in the plan period, {fmt.money(p.weighted_in_period)}, "
                          f"covers {fmt.percent(p.coverage)} of the {fmt.money(p.gap)} profit still to find.",
                  fix=f"Find {fmt.money(p.gap - p.weighted_in_period)} more weighted pipeline closing this period, "
                      "or revisit the targets with the core team.",
                  path="opportunities")


@rule("pipeline-no-early-stage", "warning", "pipeline", "The top of the funnel is not empty")
def pipeline_no_early_stage(plan, figures) -> Iterator[Finding]:
    """Open opportunities exist but none is at suspect or prospect: nothing feeds next year's pipeline."""
    open_count = sum(1 for o in plan.opportunities if o.stage in OPEN_STAGES)
    if open_count and figures.pipeline.early_stage_count == 0:
        yield Finding(message=f"None of the {open_count} open opportunities is at the suspect or prospect stage.",
                      fix="Add early-stage ideas from the customer's goals and needs, so the funnel keeps filling.",
                      path="opportunities")


@rule("optimism-probabilities", "warning", "pipeline", "Not every opportunity is rated likely to win")
def optimism_probabilities(plan, figures) -> Iterator[Finding]:
    """Distilled optimism: every open opportunity (two or more) at a probability of 50% or more."""
    opps = [o for o in plan.opportunities if o.stage in OPEN_STAGES]
    if len(opps) >= MIN_FOR_OPTIMISM and all((o.probability or 0) >= HIGH_PROBABILITY for o in opps):
        lowest = min(o.probability or 0 for o in opps)
        yield Finding(message=f"All {len(opps)} open opportunities are rated at {lowest:.0%} or more to win.",
                      fix="Rate each against its stage and the customer's buying process; "
                          "a real pipeline has long shots.",
                      path="opportunities")

