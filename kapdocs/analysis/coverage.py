"""The decision-making unit and the contact matrix: who on our side covers whom on theirs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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
    best: dict[str, int | None] = field(default_factory=dict)
    """For every contact id: its strongest `relationships[].strength`; None when nobody is linked."""
    links_by_contact: dict[str, int] = field(default_factory=dict)
    """For every contact id: how many `relationships[]` with them have strength ≥ 1 (the matrix's row totals)."""
    strength_by_contact: dict[str, int] = field(default_factory=dict)
    """For every contact id: the sum of `relationships[].strength` with them."""
    links_by_member: dict[str, int] = field(default_factory=dict)
    """For every `team` id: how many of their `relationships[]` have strength ≥ 1 (the matrix's column totals)."""
    strength_by_member: dict[str, int] = field(default_factory=dict)
    """For every `team` id: the sum of their `relationships[].strength`."""
    live_links: int = 0
    """Number of `relationships[]` with strength ≥ 1 (the denominator of `kam_share`)."""
    kam_links: int = 0
    """How many of those `account.key_account_manager` holds (the numerator of `kam_share`)."""


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


def _seniority_gap(plan: Plan, contact_id: str, seniority: str,
                   links: list[RelationshipLink] | None = None) -> SeniorityGap | None:
    """The gap for one senior contact; `links` are the contact's relationships when already indexed."""
    candidates = plan.relationships if links is None else links
    linked = [r for r in candidates if r.theirs == contact_id and r.strength >= 1]
    members = {m.id: m for m in plan.team}
    best: tuple[int, int, int] | None = None
    best_link: RelationshipLink | None = None
    for index, link in enumerate(linked):
        member = members.get(link.ours)
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
    by_contact: dict[str, list[RelationshipLink]] = defaultdict(list)
    for link in plan.relationships:
        by_contact[link.theirs].append(link)
    best = {c.id: max((r.strength for r in by_contact[c.id]), default=None) for c in contacts}

    roles = {role: [c.id for c in contacts if role in c.roles] for role in BUYER_ROLES}
    levels = {level: [c.id for c in contacts if c.level == level] for level in POLICY_LEVELS}
    roles_covered, roles_missing, roles_uncovered = _coverage(roles, best)
    levels_covered, levels_missing, levels_uncovered = _coverage(levels, best)

    senior = [c for c in contacts if c.seniority in SENIOR]
    gaps = [g for c in senior if (g := _seniority_gap(plan, c.id, c.seniority, by_contact[c.id])) is not None]

    live = [r for r in plan.relationships if r.strength >= 1]
    kam = plan.account.key_account_manager
    kam_links = sum(1 for r in live if r.ours == kam) if kam else 0
    kam_share = kam_links / len(live) if kam and live else None
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
        best=best,
        links_by_contact={c.id: sum(1 for r in by_contact[c.id] if r.strength >= 1) for c in contacts},
        strength_by_contact={c.id: sum(r.strength for r in by_contact[c.id]) for c in contacts},
        links_by_member=_member_totals(plan, live=True),
        strength_by_member=_member_totals(plan, live=False),
        live_links=len(live),
        kam_links=kam_links,
    )


def _member_totals(plan: Plan, *, live: bool) -> dict[str, int]:
    """For every team member: the number of their links of strength ≥ 1 (`live`), else the sum of strengths."""
    totals = {m.id: 0 for m in plan.team}
    for link in plan.relationships:
        if link.ours in totals:
            totals[link.ours] += (1 if link.strength >= 1 else 0) if live else link.strength
    return totals
