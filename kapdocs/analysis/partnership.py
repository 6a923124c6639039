"""Partnership indicators: how many of the signs of a partnership the account shows."""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.model import Plan

POINTS: dict[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}
"""Points per `partnership_indicators[].status`: a sign fully present counts 1, partly present a half."""


@dataclass(frozen=True, slots=True)
class PartnershipScore:
    """The partnership self-assessment: points earned over the indicators assessed."""

    points: float
    """Sum of `POINTS[status]` over `partnership_indicators[]`."""
    out_of: int
    """Number of `partnership_indicators[]` (the most points there are)."""
    share: float
    """points / out_of, 0-1."""
    counts: dict[str, int]
    """How many indicators have each status, for every status in `POINTS` (zeros included)."""


def partnership_score(plan: Plan) -> PartnershipScore | None:
    """The score of `plan.partnership_indicators`; None when the plan assesses none."""
    indicators = plan.partnership_indicators
    if not indicators:
        return None
    points = sum(POINTS[i.status] for i in indicators)
    counts = {status: sum(1 for i in indicators if i.status == status) for status in POINTS}
    return PartnershipScore(points, len(indicators), points / len(indicators), counts)
