"""The customer portfolio matrix: attractiveness and strength scores, and the quadrant."""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.model import Factor, Plan

THRESHOLD = 5.0
"""Scores at or above this (on the 0-10 scale) count as high."""

QUADRANTS: dict[str, str] = {
    "Strategic": "Worth our best: invest in a long-term partnership and defend it.",
    "Star": "Worth winning but we are weak here: invest selectively to build our position.",
    "Status": "We are strong but the prize is smaller: serve it efficiently and protect the margin.",
    "Streamline": "Little reward and a weak position: cut the cost to serve and manage for cash.",
}
"""The four quadrants, each with what the supplier should do with an account placed there."""


def weighted_score(factors: list[Factor]) -> float:
    """Sum of weight × score over sum of weights (0-10); 0 when the weights total 0.

    Dividing by the sum of the weights makes fractions (0.4) and percentages (40) equivalent.
    """
    total = sum(f.weight for f in factors)
    return sum(f.weight * f.score for f in factors) / total if total else 0.0


def contribution(factor: Factor) -> float:
    """weight × score: one factor's part of the weighted sum that `weighted_score` divides by the weights."""
    return factor.weight * factor.score


def weights_sum_ok(factors: list[Factor]) -> bool:
    """Whether the weights sum to 1 (± 0.001) or to 100 (± 0.1), bounds included."""
    total = sum(f.weight for f in factors)
    slack = 1e-9  # so that 3 × 33.3 (99.9 give or take a float's last digit) is on the bound
    return abs(total - 1) <= 0.001 + slack or abs(total - 100) <= 0.1 + slack


def quadrant(attractiveness: float, strength: float) -> str:
    """The quadrant name for two 0-10 scores; `THRESHOLD` itself counts as high."""
    if attractiveness >= THRESHOLD:
        return "Strategic" if strength >= THRESHOLD else "Star"
    return "Status" if strength >= THRESHOLD else "Streamline"


@dataclass(frozen=True, slots=True)
class PortfolioPosition:
    """Where the account sits on the customer portfolio matrix."""

    attractiveness: float
    """Weighted score of `portfolio.attractiveness` factors, 0-10."""
    strength: float
    """Weighted score of `portfolio.strength` factors, 0-10."""
    quadrant: str
    """Strategic, Star, Status or Streamline, from the two scores."""
    attractiveness_weights_ok: bool
    """Whether the `portfolio.attractiveness` weights sum to 1 or 100."""
    strength_weights_ok: bool
    """Whether the `portfolio.strength` weights sum to 1 or 100."""


def portfolio_position(plan: Plan) -> PortfolioPosition | None:
    """The account's position; None unless both axes have at least one factor."""
    p = plan.portfolio
    if p is None or not p.attractiveness or not p.strength:
        return None
    a, s = weighted_score(p.attractiveness), weighted_score(p.strength)
    return PortfolioPosition(a, s, quadrant(a, s), weights_sum_ok(p.attractiveness), weights_sum_ok(p.strength))
