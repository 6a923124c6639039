"""Risk and change: risks assessed with contingencies, SWOT threats and weaknesses acted on, forces in favour."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import Finding, rule
from .words import quote, shares_topic, significant_words


@rule("risks-missing", "error", "risks", "Risks are assessed")
def risks_missing(plan, figures) -> Iterator[Finding]:
    """A plan with no `risks[]` has no risk assessment (DOMAIN.md §9)."""
    if not plan.risks:
        yield Finding(message="The plan lists no risks.",
                      fix="List what could stop the plan (competitors, prices, people, supply), "
                          "each with likelihood, impact, contingency and owner.",
                      path="risks")


@rule("risk-no-contingency", "warning", "risks", "Every risk has a contingency")
def risk_no_contingency(plan, figures) -> Iterator[Finding]:
    """A risk without `contingency` is a worry, not a plan."""
    for i, r in enumerate(plan.risks):
        if not (r.contingency or "").strip():
            yield Finding(message=f"Risk {quote(r.risk)} has no contingency.",
                          fix="Say what we will do if it happens, and who will do it.",
                          path=f"risks[{i}]")


def _answers(plan, ignore: frozenset[str]) -> list[set[str]]:
    """Significant words of everything that can answer a threat: risks, live actions, opportunities."""
    texts = [f"{r.risk} {r.contingency or ''}" for r in plan.risks]
    texts += [a.description for a in plan.actions if a.status != "cancelled"]
    texts += [f"{o.name} {o.next_step or ''}" for o in plan.opportunities]
    return [significant_words(t, ignore) for t in texts]


@rule("swot-unaddressed", "advice", "risks", "SWOT threats and weaknesses are met by a risk or an action")
def swot_unaddressed(plan, figures) -> Iterator[Finding]:
    """Heuristic: a threat or weakness of our `swot` that shares no topic with any risk, action or opportunity.

    Two texts share a topic when they have two significant words in common (one
    for a SWOT line of at most two significant words); the customer's and its
    group's names do not count, since every line mentions them.
    """
    if plan.swot is None:
        return
    ignore = frozenset(significant_words(f"{plan.account.name} {plan.account.parent_group or ''}"))
    answers = _answers(plan, ignore)
    for kind, items in (("threat", plan.swot.threats), ("weakness", plan.swot.weaknesses)):
        field = "threats" if kind == "threat" else "weaknesses"
        for i, text in enumerate(items):
            topic = significant_words(text, ignore)
            if topic and not any(shares_topic(topic, other) for other in answers):
                yield Finding(message=f"SWOT {kind} {quote(text)} is met by no risk, action or opportunity.",
                              fix="Add it to the risks with a contingency, or add the action that deals with it.",
                              path=f"swot.{field}[{i}]")


@rule("force-field-negative", "warning", "risks", "Forces for the plan outweigh those against")
def force_field_negative(plan, figures) -> Iterator[Finding]:
    """`ForceFieldBalance.balance` at or below zero: the plan is more likely to stall than succeed."""
    ff = figures.force_field
    if ff is None or ff.balance > 0:
        return
    balance = f"{ff.balance:+d}" if ff.balance else "0"
    yield Finding(message=f"The force field balance is {balance} ({ff.total_for} for, {ff.total_against} against).",
                  fix="Add actions that weaken the strongest forces against, or strengthen those for, "
                      "before committing to the plan.",
                  path="force_field")
