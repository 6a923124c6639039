"""The customer's side: needs agreed and prioritised with them, an offer for each, a validated strategy."""

from __future__ import annotations

import datetime as dt
import re
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


# -- what customer documents say ------------------------------------------------------------------

PROFIT_TALK = re.compile(r"\bEBITDA\b|\bour (?:\w+ )?(?:profits?|margins?)\b|\b(?:profits?|margins?)\b[^.;\n]{0,25}\d",
                         re.IGNORECASE)
"""Our margin or profit spoken of in numbers or as ours: "4.1% EBITDA", "our gross margin", "profit to £2.18m"."""

BID_TALK = re.compile(r"\b(?:tender|bid) (?:response|strategy|price|pricing)\b|\bour bid\b|\bwin the (?:\w+ ){0,2}tender\b|"
                      r"\bcost-in-use case\b|\bpricing strategy\b|\bundercut\b|\bdisplac(?:e|es|ing)\b", re.IGNORECASE)
"""How we mean to win: a tender response, our bid, displacing a competitor."""

_MARK = "mark it `internal: true` or give it a `customer:` wording (see the README, \"Who sees what\")"


def _competitor_names(plan) -> list[str]:
    names: dict[str, None] = {}
    if plan.relationship:
        names.update(dict.fromkeys(c.name for c in plan.relationship.competitors))
    for site in plan.sites:
        names.update(dict.fromkeys(site.competitors))
    for factor in plan.critical_success_factors:
        names.update(dict.fromkeys(factor.competitors))
    return [n for n in names if n.strip()]


def _names(plan) -> tuple[re.Pattern | None, dict[str, list[str]]]:
    """One pattern for every word that points at a competitor or at a contact rated blocker or sceptic,
    and what each word (lower case) says when found."""
    reasons: dict[str, list[str]] = {}

    def add(word: str, why: str) -> None:
        reasons.setdefault(word.lower(), []).append(why)

    for name in _competitor_names(plan):
        add(name, f"names competitor {name}")
        first = name.split()[0]
        if len(name.split()) > 1 and len(first) > 3:
            add(first, f"names competitor {name}")
    for contact in plan.contacts:
        if contact.attitude not in ("blocker", "sceptic"):
            continue
        who = f"{contact.name} (rated {contact.attitude})"
        add(contact.name, f"names {who}")
        role = (contact.title or "").split(",")[0].strip()
        if len(role) > 3:
            add(role, f"points at {who} by the role \"{role}\"")
    if not reasons:
        return None, reasons
    words = sorted(reasons, key=len, reverse=True)  # the longest first: "Acme Ingredients" before "Acme"
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE), reasons


@rule("customer-text-leak", "warning", "overview", "Customer documents say nothing meant for our side only")
def customer_text_leak(plan, figures) -> Iterator[Finding]:
    """Text customer documents show that names a competitor, names or points at a contact rated blocker or
    sceptic, or speaks of our margin, profit or bid strategy (see `PROFIT_TALK`, `BID_TALK`)."""
    from kapdocs.view.visibility import customer_texts

    pattern, said = _names(plan)
    for path, text in customer_texts(plan):
        found = pattern.findall(text) if pattern else []
        reasons = [why for word in dict.fromkeys(w.lower() for w in found) for why in said[word]]
        if PROFIT_TALK.search(text):
            reasons.append("speaks of margin or profit")
        if BID_TALK.search(text):
            reasons.append("speaks of how we mean to win")
        if reasons:
            yield Finding(message=f"Customer documents show {path} {quote(text)}, which "
                                  f"{'; '.join(dict.fromkeys(reasons))}.",
                          fix=f"Keep it for our side: {_MARK}.", path=path)
