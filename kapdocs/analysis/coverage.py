"""The decision-making unit and the contact matrix: who on our side covers whom on theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from kapdocs.model import SENIORITY_RANK, Plan, RelationshipLink
from kapdocs.model.base import BuyerRole, PolicyLevel

BUYER_ROLES: tuple[str, ...] = get_args(BuyerRole)
"""The buyer roles in the order documents list them."""

POLICY_LEVELS: tuple[str, ...] = get_args(PolicyLevel)
"""The policy levels in the order documents list them."""

SENIOR: tuple[str, ...] = ("board", "director")
"""Contact seniorities that we must match with a team member at least as senior."""

WORKING = 2
"""The relationship strength (working) from which a contact counts as covered."""


@dataclass(frozen=True, slots=True)
class SeniorityGap:
    """A senior contact without a team member of matching seniority in touch with them."""

    contact_id: str
    """`contacts[].id` of the director or board member."""
    contact_seniority: str
    """`contacts[].seniority`."""
    best_member_id: str | None
    """The most senior `team` member linked to them with strength ≥ 1; None when nobody is."""
    best_member_seniority: str | None
    """That member's `team[].seniority` (None when unknown or nobody is linked)."""


@dataclass(frozen=True, slots=True)
class ContactCoverage:
    """How well our relationships cover the customer's decision-making unit."""

    roles_covered: dict[str, list[str]]
    """For every buyer role: ids of contacts with that role whose best relationship is ≥ 2."""
    roles_missing: list[str]
    """Buyer roles no contact has."""
    roles_uncovered: list[str]
    """Buyer roles that contacts have, none of them with a relationship ≥ 2."""
    levels_covered: dict[str, list[str]]
    """For every policy level: ids of contacts at that level whose best relationship is ≥ 2."""
    levels_missing: list[str]
    """Policy levels no contact is at."""
    levels_uncovered: list[str]
    """Policy levels with contacts, none of them with a relationship ≥ 2."""
    advocates: list[str]
    """Ids of contacts with the advocate role or a champion attitude."""
    seniority_gaps: list[SeniorityGap]
    """Director and board contacts whose most senior linked team member (strength ≥ 1) is less senior, or absent."""
    seniority_matches: int
    """Number of director and board contacts without a seniority gap."""
    kam_share: float | None
    """Share of the relationships of strength ≥ 1 held by `account.key_account_manager`;
    None without a KAM or without such relationships."""
    shape: str
    """"diamond" when kam_share ≤ 0.5, "bow-tie" above, "unknown" when kam_share is None."""
    weak_high_influence: list[str]
    """Ids of high-influence contacts whose best relationship is below 2, or who have none."""
    below_target: list[RelationshipLink]
    """`relationships[]` whose `target_strength` is above their `strength`."""
    economic_ids: list[str]
    """Ids of contacts with the economic or ultimate decision-maker role."""


def best_strength(plan: Plan, contact_id: str) -> int | None:
    """The strongest `relationships[].strength` with this contact; None when nobody is linked."""
    strengths = [r.strength for r in plan.relationships if r.theirs == contact_id]
    return max(strengths) if strengths else None


def _coverage(
    groups: dict[str, list[str]], best: dict[str, int | None]
) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Covered ids per group, groups without contacts, groups with contacts but none covered."""
    covered = {g: [c for c in ids if (best[c] or 0) >= WORKING] for g, ids in groups.items()}
    missing = [g for g, ids in groups.items() if not ids]
    uncovered = [g for g, ids in groups.items() if ids and not covered[g]]
    return covered, missing, uncovered


def _rank(seniority: str | None) -> int:
    return SENIORITY_RANK[seniority] if seniority else -1


def _seniority_gap(plan: Plan, contact_id: str, seniority: str) -> SeniorityGap | None:
    linked = [r for r in plan.relationships if r.theirs == contact_id and r.strength >= 1]
    best: tuple[int, int, int] | None = None
    best_link: RelationshipLink | None = None
    for index, link in enumerate(linked):
        member = plan.member(link.ours)
        key = (_rank(member.seniority if member else None), link.strength, -index)
        if best is None or key > best:
            best, best_link = key, link
    if best_link is not None and best[0] >= SENIORITY_RANK[seniority]:
        return None
    member = plan.member(best_link.ours) if best_link else None
    return SeniorityGap(
        contact_id=contact_id,
        contact_seniority=seniority,
        best_member_id=best_link.ours if best_link else None,
        best_member_seniority=member.seniority if member else None,
    )


def contact_coverage(plan: Plan) -> ContactCoverage:
    """Coverage of `contacts[]` by `relationships[]`, and the shape of the relationship."""
    contacts = plan.contacts
    best = {c.id: best_strength(plan, c.id) for c in contacts}

    roles = {role: [c.id for c in contacts if role in c.roles] for role in BUYER_ROLES}
    levels = {level: [c.id for c in contacts if c.level == level] for level in POLICY_LEVELS}
    roles_covered, roles_missing, roles_uncovered = _coverage(roles, best)
    levels_covered, levels_missing, levels_uncovered = _coverage(levels, best)

    senior = [c for c in contacts if c.seniority in SENIOR]
    gaps = [g for c in senior if (g := _seniority_gap(plan, c.id, c.seniority)) is not None]

    live = [r for r in plan.relationships if r.strength >= 1]
    kam = plan.account.key_account_manager
    kam_share = sum(1 for r in live if r.ours == kam) / len(live) if kam and live else None
    shape = "unknown" if kam_share is None else ("diamond" if kam_share <= 0.5 else "bow-tie")

    return ContactCoverage(
        roles_covered=roles_covered,
        roles_missing=roles_missing,
        roles_uncovered=roles_uncovered,
        levels_covered=levels_covered,
        levels_missing=levels_missing,
        levels_uncovered=levels_uncovered,
        advocates=[c.id for c in contacts if "advocate" in c.roles or c.attitude == "champion"],
        seniority_gaps=gaps,
        seniority_matches=len(senior) - len(gaps),
        kam_share=kam_share,
        shape=shape,
        weak_high_influence=[
            c.id for c in contacts if c.influence == "high" and (best[c.id] or 0) < WORKING
        ],
        below_target=[
            r for r in plan.relationships if r.target_strength is not None and r.target_strength > r.strength
        ],
        economic_ids=[c.id for c in contacts if {"economic", "ultimate"} & set(c.roles)],
    )
