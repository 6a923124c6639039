"""The one declaration of which derived figures are for our own side only.

A figure field made with `field(metadata=INTERNAL)` comes from internal-only plan data
(profit, opportunity values, our ratings of people and competitors) and is left out of the
customer's view (`kapdocs.view`), as the plan fields it is computed from are.
"""

INTERNAL = {"audience": "internal"}
"""Dataclass field metadata: the figure is for our own side only."""

INTERNAL_PROPERTIES = frozenset({"profit_gap", "profit_achievement"})
"""Derived properties of the performance figures computed from internal-only figures."""
