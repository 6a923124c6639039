"""What each edition of the Word plan lays out, read from the account view.

The **internal** edition (the default) is the full plan, for the key account manager, the
core team and their director. The **customer** edition is the joint plan a supplier shares
with the customer: the same six sections and appendix (the same Heading 1s), built from the
customer's view of the plan (`kapdocs.view`), whose filter has already removed everything
internal (the README's editions table lists it, generated from the model's declarations).
Its subsections are numbered without holes, and items are referred to by N1, O1... numbered
over what the customer sees.

An `Edition` only says which parts of the layout have anything to show: a part whose plan
fields the audience may not see is left out whole (with its heading), rather than shown as a
gap the customer could ask about.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...view import View


@dataclass(frozen=True, slots=True)
class Edition:
    """Which parts of the plan's layout an edition has, from what its view may show."""

    name: str
    """internal or customer (the view's audience)."""
    executive_summary: bool
    """`plan.summary`: our own, or its customer wording."""
    profit: bool
    """Profit targets, actuals and potential; opportunity values; money targets of actions."""
    relationship_summary: bool
    """`relationship.summary`: our own assessment, or its customer wording."""
    competitors: bool
    """Competitor names, positions and shares; site competitors; competitor CSF scores."""
    our_weaknesses_threats: bool
    """Weaknesses and threats of our SWOT."""
    portfolio_matrix: bool
    """The customer portfolio matrix (the customer's attractiveness to us)."""
    ratings: bool
    """Contacts' influence and attitude, contact notes and the coverage analysis."""
    pipeline_management: bool
    """Top 5, Big 5, pipeline coverage of the gap, opportunity owners."""
    risks: bool
    """Risks and contingencies, and the force field analysis."""
    action_resources: bool
    """The internal resources column of the action plan."""
    partnership_indicators: bool
    """The partnership indicators (our reading of the relationship)."""
    contact_matrix: bool
    """The pointer to the contact matrix workbook."""

    @classmethod
    def of(cls, view: View) -> "Edition":
        """The edition of `view`: each part present when the view may show its plan fields."""
        plan = view.plan
        return cls(
            name=view.audience,
            executive_summary=view.internal or plan.plan.summary is not None,
            profit=view.visible("performance[].profit_actual"),
            relationship_summary=view.internal or (plan.relationship is not None
                                                   and plan.relationship.summary is not None),
            competitors=view.visible("relationship.competitors"),
            our_weaknesses_threats=view.visible("swot.weaknesses"),
            portfolio_matrix=view.visible("portfolio"),
            ratings=view.visible("contacts[].attitude"),
            pipeline_management=view.visible("opportunities[].value"),
            risks=view.visible("risks"),
            action_resources=view.visible("actions[].resources"),
            partnership_indicators=view.visible("partnership_indicators"),
            contact_matrix=view.visible("relationships"),
        )

    @property
    def internal(self) -> bool:
        """Whether this is the internal edition."""
        return self.name == "internal"



def edition(name: str) -> str:
    """`name` checked: internal or customer."""
    if name not in ("internal", "customer"):
        from ...errors import UsageError

        raise UsageError(f"unknown plan edition {name!r}; use internal or customer")
    return name
