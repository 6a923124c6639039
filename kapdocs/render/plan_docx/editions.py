"""What each edition of the Word plan contains.

The **internal** edition (the default) is the full plan, for the key account
manager, the core team and their director. The **customer** edition is the joint
plan a supplier shares with the customer: the same six sections and appendix
(the same Heading 1s), without what must not reach the customer; its subsections
are numbered without holes. Numbers below are the internal edition's.

| Part of the plan                                         | Internal | Customer                         |
|----------------------------------------------------------|----------|----------------------------------|
| Cover: account, parent group, period, KAM, sponsor,      | yes      | yes                              |
|   status and approval, version date                      |          |                                  |
| Header label                                             | Internal | Prepared for <customer>          |
| 1.1 Executive summary (`plan.summary`)                   | yes      | no: a "plan at a glance" instead |
| 1.2 Performance year to date: volume                     | yes      | yes                              |
| 1.2 Performance year to date: profit (table and chart)   | yes      | no                               |
| 1.3 Current initiatives, value delivered, actions under  | yes      | yes                              |
|   way                                                    |          |                                  |
| 1.4 Financial targets: volume                            | yes      | yes                              |
| 1.4 Financial targets: profit                            | yes      | no                               |
| 1.5 Planning assumptions                                 | yes      | yes                              |
| 1.6 Customer basics                                      | yes      | yes                              |
| 1.6 Relationship strength (our rating)                   | yes      | no                               |
| 1.6 Business potential: volume / profit                  | yes/yes  | yes/no                           |
| 1.6 Our relationship summary                             | yes      | no (our own assessment)          |
| 1.6 Competitors: names, positions, shares of wallet      | yes      | no                               |
| 1.6 Sites: share of wallet, volume target, contract      | yes      | yes                              |
|   expiry, next tender (dates in the period flagged)      |          |                                  |
| 1.6 Sites: profit target, competitors                    | yes      | no                               |
| 2 Customer vision, goals, validation date; customer      | yes      | yes                              |
|   SWOT; PESTLE; five forces                              |          |                                  |
| 3.1 Customer portfolio matrix (attractiveness to us)     | yes      | no                               |
| 3.2 Our SWOT: strengths, opportunities                   | yes      | yes                              |
| 3.2 Our SWOT: weaknesses, threats                        | yes      | no                               |
| 3.3 Core-team input                                      | yes      | yes                              |
| 3.4 Long-term objectives                                 | yes      | yes, less profit/margin ones     |
| 3.5 SMART objectives                                     | yes      | yes, less profit/margin ones     |
| 3.6 Customer needs (priority, agreed with customer)      | yes      | yes                              |
| 3.7 Value proposition and benefit to the customer        | yes      | yes                              |
| 4.1 Critical success factors, weights, our score         | yes      | yes                              |
| 4.2 Us against each competitor (table, chart)            | yes      | no                               |
| 5.1 Decision-making unit: names, titles, buyer roles,    | yes      | yes                              |
|   policy levels                                          |          |                                  |
| 5.1 Influence, attitude, contact notes                   | yes      | no                               |
| 5.2 Coverage summary (advocates, seniority gaps, shape)  | yes      | no                               |
| 5.3 Core team, functions, responsibilities               | yes      | yes                              |
| 5.4 Pointer to the contact matrix workbook               | yes      | no (the workbook is internal)    |
| 6.1 Action plan: description, need, objective, due,      | yes      | yes                              |
|   owners on both sides, status, quantity targets         |          |                                  |
| 6.1 Action plan: money targets, internal resources       | yes      | no                               |
| 6.2 Opportunities with `share_with_customer: false`      | yes      | no                               |
| 6.2 Opportunities: stage, expected close, next step,     | yes      | yes (shared ones; the chart      |
|   site                                                   |          |   counts them by stage)          |
| 6.2 Opportunities: value, probability, owner             | yes      | no                               |
| 6.3 Top 5 and Big 5; 6.4 pipeline coverage of the gap    | yes      | no                               |
| 6.5 Risks and contingencies; 6.6 force field analysis    | yes      | no                               |
| 6.7 Review calendar: customer reviews (QBRs)             | yes      | yes                              |
| 6.7 Review calendar: internal reviews                    | yes      | no                               |
| Appendix: partnership indicators (our reading)           | yes      | no                               |
| Appendix: key account audit (the customer's answers)     | yes      | yes                              |

Why these: attitudes and influence ratings, profit targets and margins,
competitor shares and positions, our weaknesses and threats, risks and the
force field are our private reading of the account. Opportunity values are on
the same basis as the profit targets (`Opportunity.value`), so they go with
them. An objective counts as a profit objective when its text or measure
mentions profit or margin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Opportunity, Plan


@dataclass(frozen=True, slots=True)
class Edition:
    """Which internal-only parts of the plan an edition shows (see the module table)."""

    name: str
    """internal or customer."""
    executive_summary: bool
    """`plan.summary`, written for our own side."""
    profit: bool
    """Profit targets, actuals and potential; opportunity values and probabilities; money targets of actions."""
    relationship_summary: bool
    """`relationship.summary`: our assessment of the relationship."""
    competitors: bool
    """Competitor names, positions and shares; site competitors; competitor CSF scores."""
    our_weaknesses_threats: bool
    """Weaknesses and threats of our SWOT."""
    portfolio_matrix: bool
    """The customer portfolio matrix (the customer's attractiveness to us)."""
    ratings: bool
    """Contacts' influence and attitude, contact notes and the coverage analysis."""
    unshared_opportunities: bool
    """Opportunities with `share_with_customer: false`."""
    pipeline_management: bool
    """Top 5, Big 5, pipeline coverage of the gap, opportunity owners."""
    risks: bool
    """Risks and contingencies, and the force field analysis."""
    internal_reviews: bool
    """Internal reviews in the review calendar."""
    action_resources: bool
    """The internal resources column of the action plan."""
    partnership_indicators: bool
    """The partnership indicators (our reading of the relationship)."""
    contact_matrix: bool
    """The pointer to the contact matrix workbook."""

    @property
    def internal(self) -> bool:
        """Whether this is the internal edition."""
        return self.name == "internal"

    def label(self, account: str) -> str:
        """The header label: "Internal" or "Prepared for <customer>"."""
        return "Internal" if self.internal else f"Prepared for {account}"

    def opportunities(self, plan: Plan) -> list[Opportunity]:
        """The opportunities this edition may show, in plan order."""
        if self.unshared_opportunities:
            return list(plan.opportunities)
        return [o for o in plan.opportunities if o.share_with_customer]

    def shows_objective(self, *texts: str | None) -> bool:
        """Whether an objective (its text and measure) may be shown: profit and margin ones need `profit`."""
        return self.profit or not any(t and _PROFIT.search(t) for t in texts)


_PROFIT = re.compile(r"\b(profit|margin)s?\b", re.IGNORECASE)

INTERNAL = Edition("internal", *([True] * 14))
"""The full plan, for our own side."""

CUSTOMER = Edition(
    "customer",
    executive_summary=False,
    profit=False,
    relationship_summary=False,
    competitors=False,
    our_weaknesses_threats=False,
    portfolio_matrix=False,
    ratings=False,
    unshared_opportunities=False,
    pipeline_management=False,
    risks=False,
    internal_reviews=False,
    action_resources=False,
    partnership_indicators=False,
    contact_matrix=False,
)
"""The joint plan shared with the customer."""

EDITIONS: dict[str, Edition] = {"internal": INTERNAL, "customer": CUSTOMER}
"""Editions by the name `--edition` takes."""


def edition(name: str) -> Edition:
    """The edition called `name` (internal or customer)."""
    try:
        return EDITIONS[name]
    except KeyError:
        from ...errors import UsageError

        raise UsageError(f"unknown plan edition {name!r}; use internal or customer") from None
