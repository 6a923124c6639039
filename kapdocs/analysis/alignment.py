"""Customer alignment: how we and each competitor score on the customer's critical success factors."""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.model import Plan

US = "Us"
"""The name our own row carries."""


@dataclass(frozen=True, slots=True)
class SupplierScore:
    """One supplier's weighted score on the critical success factors."""

    supplier: str
    """"Us", or a competitor's name as written in `critical_success_factors[].competitors`."""
    score: float | None
    """Sum of weight × score over the factors this supplier is scored on, divided by the sum of those
    weights (0-10); None when it is scored on none. Without weights every factor counts equally."""
    factors_scored: int
    """Number of factors with a score for this supplier."""


def competitor_names(plan: Plan) -> list[str]:
    """Every competitor scored on a critical success factor, in order of first appearance."""
    names: dict[str, None] = {}
    for factor in plan.critical_success_factors:
        names.update(dict.fromkeys(factor.competitors))
    return list(names)


def supplier_scores(plan: Plan) -> list[SupplierScore]:
    """Weighted scores of us (first) and of each competitor on `critical_success_factors`.

    A factor without a weight counts with weight 1 when no factor has a weight;
    otherwise it counts with weight 0.
    """
    factors = plan.critical_success_factors
    unweighted = all(f.weight is None for f in factors)

    def weight(f) -> float:
        return 1.0 if unweighted else (f.weight or 0.0)

    def score(name: str, value_of) -> SupplierScore:
        scored = [(weight(f), v) for f in factors if (v := value_of(f)) is not None]
        total = sum(w for w, _ in scored)
        value = sum(w * v for w, v in scored) / total if total else None
        return SupplierScore(name, value, len(scored))

    return [score(US, lambda f: f.us)] + [
        score(name, lambda f, n=name: f.competitors.get(n)) for name in competitor_names(plan)
    ]


def where_we_lead(plan: Plan) -> list[str]:
    """Factors on which our score beats every competitor scored on them (factors without scores left out)."""
    return [f.factor for f in plan.critical_success_factors
            if f.us is not None and f.competitors and f.us > max(f.competitors.values())]


def where_we_trail(plan: Plan) -> list[str]:
    """Factors on which at least one competitor scores higher than we do."""
    return [f.factor for f in plan.critical_success_factors
            if f.us is not None and f.competitors and f.us < max(f.competitors.values())]


@dataclass(frozen=True, slots=True)
class Alignment:
    """How we and each competitor stand on the customer's critical success factors."""

    competitors: list[str]
    """`competitor_names`: every competitor scored on a factor, in order of first appearance."""
    scores: list[SupplierScore]
    """`supplier_scores`: us first, then each competitor."""
    lead: list[str]
    """`where_we_lead`: factors on which we beat every competitor scored."""
    trail: list[str]
    """`where_we_trail`: factors on which at least one competitor beats us."""

    def score(self, supplier: str) -> float | None:
        """The weighted score of `supplier` ("Us" or a competitor's name); None when unscored."""
        return next((s.score for s in self.scores if s.supplier == supplier), None)


def alignment(plan: Plan) -> Alignment:
    """The customer alignment figures of `plan`."""
    return Alignment(competitor_names(plan), supplier_scores(plan), where_we_lead(plan), where_we_trail(plan))
