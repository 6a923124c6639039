"""The customer's side: needs agreed and prioritised with them, an offer for each, a validated strategy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .registry import Finding, rule
from .words import quote

VALIDATION_MAX_AGE = dt.timedelta(days=365)
"""A customer strategy checked with the customer longer ago than this needs checking again."""


@rule("need-not-agreed", "warning", "needs", "Needs are agreed with the customer")
def need_not_agreed(plan, figures) -> Iterator[Finding]:
    """A need the customer has not agreed is our guess at their need (weak data, DOMAIN.md §9)."""
    for i, n in enumerate(plan.needs):
        if not n.agreed_with_customer:
            yield Finding(message=f"Need {n.id} {quote(n.need)} is not agreed with the customer.",
                          fix="Check it and its priority with the customer, then set agreed_with_customer: true.",
                          path=f"needs[{i}]")


@rule("need-incomplete", "advice", "needs", "Needs say what success looks like and are prioritised")
def need_incomplete(plan, figures) -> Iterator[Finding]:
    """A need without `success` cannot be measured; several needs without `priority` are not prioritised."""
    several = len(plan.needs) > 1
    for i, n in enumerate(plan.needs):
        missing = [what for what, absent in (("what success looks like", not n.success),
                                              ("a priority", several and n.priority is None)) if absent]
        if missing:
            yield Finding(message=f"Need {n.id} {quote(n.need)} has no {' and no '.join(missing)}.",
                          fix="Ask the customer what success means to them and how it ranks against their other needs.",
                          path=f"needs[{i}]")


@rule("need-no-offer", "advice", "needs", "Every need has an offer in the value proposition")
def need_no_offer(plan, figures) -> Iterator[Finding]:
    """A need no `value_proposition[]` element answers has no offer behind it."""
    answered = {v.need for v in plan.value_proposition}
    for i, n in enumerate(plan.needs):
        if n.id not in answered:
            yield Finding(message=f"Need {n.id} {quote(n.need)} has no offer in the value proposition.",
                          fix=f"Add a value_proposition entry with need: {n.id}, the offer and its benefit to the customer.",
                          path=f"needs[{i}]")


@rule("strategy-not-validated", "warning", "strategy", "The customer's strategy is validated with them")
def strategy_not_validated(plan, figures) -> Iterator[Finding]:
    """`customer_strategy.validated_with_customer` absent, or more than a year before today."""
    strategy = plan.customer_strategy
    if strategy is None or not (strategy.vision or strategy.goals):
        return  # a missing strategy is reported by content-strategy
    when = strategy.validated_with_customer
    if when is None:
        yield Finding(message="The customer's vision and goals have never been validated with the customer.",
                      fix="Check them with the customer at the next review and record the date in "
                          "customer_strategy.validated_with_customer.",
                      path="customer_strategy")
    elif figures.today - when > VALIDATION_MAX_AGE:
        yield Finding(message=f"The customer's vision and goals were last validated on {when.isoformat()}, "
                              "over a year ago.",
                      fix="Check them again with the customer and update customer_strategy.validated_with_customer.",
                      path="customer_strategy.validated_with_customer")
