"""The Coverage sheet's content: each gap in the relationship map, and a suggested fix.

Every figure comes from `kapdocs.analysis.contact_coverage` (`Figures.coverage`);
this module only words the findings and picks people to name in the fixes.
Pure: Plan + ContactCoverage in, lists of `Gap` and summary lines out.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapdocs.analysis.coverage import WORKING, ContactCoverage
from kapdocs.model import SENIORITY_RANK, Plan

from .cells import FUNCTION_LABELS, LEVEL_LABELS, ROLE_LABELS, STRENGTHS, frequency_text

PRIORITIES = ("High", "Medium", "Low")


@dataclass(frozen=True, slots=True)
class Gap:
    """One finding on the Coverage sheet."""

    priority: str
    """High, Medium or Low."""
    area: str
    """What the gap is about: Contacts, Buyer roles, Advocates, Influence, Seniority, Policy levels, Shape, Targets."""
    gap: str
    """What is missing, in one line."""
    who: str
    """The contacts, role or relationship concerned ('' when none in particular)."""
    fix: str
    """A suggested next step."""


_ROLE_FINDERS = {
    "economic": "Find out who signs off the spend and approves the deal (the budget holder), add them to the "
                "contacts with the role 'economic' and agree who on our side meets them.",
    "technical": "Find out who checks offers against the specification (quality, R&D, engineering, or an "
                 "outside consultant) and add them with the role 'technical': they can say no.",
    "end_user": "Add the people who will work with our product or service day to day, with the role "
                "'end_user': their experience decides renewals.",
}
_LEVEL_FINDERS = {
    "instigator": "Identify who sets direction and starts change (usually a director or the board) and "
                  "add them with the level 'instigator'.",
    "influencer": "Identify who shapes opinion on the decision (specialists, advisers, respected users) and "
                  "add them with the level 'influencer'.",
    "implementer": "Identify who will put decisions into practice (sites, operations, planning) and add "
                   "them with the level 'implementer'.",
}


class _Index:
    """Look-ups by id, built once (plans can hold thousands of contacts and relationships)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.contacts = {c.id: c for c in plan.contacts}
        self.names = {**{c.id: c.name for c in plan.contacts}, **{m.id: m.name for m in plan.team}}
        self.strongest: dict[str, tuple[str, int]] = {}
        for link in plan.relationships:
            held = self.strongest.get(link.theirs)
            if held is None or link.strength > held[1]:
                self.strongest[link.theirs] = (link.ours, link.strength)

    def name(self, id_: str | None) -> str:
        return self.names.get(id_ or "", id_ or "")


def _names(ix: "_Index", ids: list[str], limit: int = 6) -> str:
    names = [ix.name(i) for i in ids]
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f" and {more} more" if more > 0 else "")


def _seniority_word(rank: int) -> str:
    return "board" if rank >= SENIORITY_RANK["board"] else "director or board"


def _senior_members(plan: Plan, rank: int) -> list[str]:
    """Ids of team members at least as senior as `rank`, the executive sponsor first."""
    ids = [m.id for m in plan.team if m.seniority and SENIORITY_RANK[m.seniority] >= rank]
    sponsor = plan.account.executive_sponsor
    return sorted(ids, key=lambda i: i != sponsor)


def _strength(value: int) -> str:
    return f"{value} ({STRENGTHS[value]})"


def coverage_gaps(plan: Plan, cov: ContactCoverage) -> list[Gap]:
    """Every gap in how our team covers the customer's decision-making unit, highest priority first."""
    gaps: list[Gap] = []
    if not plan.contacts:
        gaps.append(Gap("High", "Contacts", "Not yet captured: no customer contacts", "",
                        "List the customer's people with their buyer roles, influence, attitude and policy "
                        "level (plan file: contacts, or the Contacts sheet): who decides, who filters, who "
                        "uses and who advocates."))
    if not plan.team:
        gaps.append(Gap("High", "Team", "Not yet captured: no core team", "",
                        "List the people from each function who work on this account (plan file: team, or "
                        "the Team sheet), so that each customer contact has a counterpart."))
    if plan.contacts and plan.team and not plan.relationships:
        gaps.append(Gap("High", "Relationships", "Not yet captured: no relationships", "",
                        "Fill in the Matrix: for each pair that talks, the strength today (0-4), the target "
                        "and how often they are in touch; then read it back with `kapdocs contacts --update`."))
    if not plan.contacts:
        return gaps
    ix = _Index(plan)
    gaps += _role_gaps(ix, cov)
    gaps += _advocate_gaps(ix, cov)
    gaps += _influence_gaps(ix, cov)
    gaps += _seniority_gaps(ix, cov)
    gaps += _level_gaps(ix, cov)
    gaps += _shape_gaps(ix, cov)
    gaps += _target_gaps(ix, cov)
    order = {p: i for i, p in enumerate(PRIORITIES)}
    return sorted(gaps, key=lambda g: order[g.priority])


def _role_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    plan = ix.plan
    out = []
    for role in cov.roles_missing:
        if role in _ROLE_FINDERS:  # an ultimate decision-maker is not always there; advocates: see below
            out.append(Gap("High" if role == "economic" else "Medium", "Buyer roles",
                           f"Nobody identified as {ROLE_LABELS[role].lower()} "
                           f"{'decision-maker' if role in ('economic', 'technical') else ''}".strip(),
                           ROLE_LABELS[role], _ROLE_FINDERS[role]))
    for role in cov.roles_uncovered:
        if role == "advocate":
            continue
        ids = [c.id for c in plan.contacts if role in c.roles]
        label = {"economic": "economic decision-maker", "ultimate": "ultimate decision-maker",
                 "technical": "technical decision-maker", "end_user": "end user"}[role]
        out.append(Gap("High" if role in ("economic", "ultimate") else "Medium", "Buyer roles",
                       f"No working relationship with any {label}", _names(ix, ids),
                       f"Build a working relationship (strength {WORKING} or more) with at least one of them"
                       + _who_should(ix, ids[0]) + "."))
    return out


def _who_should(ix: _Index, contact_id: str) -> str:
    """', starting with X's link (now 1)' or ', e.g. through Y' for a contact to strengthen."""
    plan = ix.plan
    strongest = ix.strongest.get(contact_id)
    if strongest is not None:
        member, strength = strongest
        return f", starting with {ix.name(member)}'s link (now {strength}: {STRENGTHS[strength]})"
    contact = ix.contacts.get(contact_id)
    rank = SENIORITY_RANK.get(contact.seniority or "", 0) if contact else 0
    candidates = _senior_members(plan, rank) or [m.id for m in plan.team]
    if plan.account.key_account_manager and not _senior_members(plan, rank):
        candidates = [plan.account.key_account_manager]
    return f", e.g. through {ix.name(candidates[0])}" if candidates else ""


def _advocate_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    plan = ix.plan
    if not cov.advocates:
        supporters = [c.id for c in plan.contacts
                      if c.attitude in ("supporter", "champion") and c.influence in ("high", "medium")]
        hint = f" Candidates: {_names(ix, supporters, 3)}." if supporters else ""
        return [Gap("High", "Advocates", "No advocate", "Advocate",
                    "Develop an advocate: a supporter with influence who will guide us to the other buyers and "
                    "speak for us when we are not in the room." + hint)]
    weak = [i for i in cov.advocates if (cov.best.get(i) or 0) < WORKING]
    if len(weak) == len(cov.advocates):
        return [Gap("Medium", "Advocates", "No working relationship with any advocate", _names(ix, weak),
                    "Strengthen the relationship with an advocate (strength 2 or more) so they can open doors"
                    + _who_should(ix, weak[0]) + ".")]
    return []


def _influence_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    out = []
    for cid in cov.weak_high_influence:
        contact = ix.contacts.get(cid)
        best = cov.best.get(cid)
        what = ("High-influence contact with no relationship" if best is None else
                f"High-influence contact, best relationship {_strength(best)}")
        who = contact.name + (f" ({contact.title})" if contact.title else "")
        out.append(Gap("High", "Influence", what, who,
                       f"Give one team member ownership of this relationship and aim for strength {WORKING} "
                       f"(working) or more{_who_should(ix, cid)}."))
    return out


def _seniority_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    plan = ix.plan
    out = []
    for gap in cov.seniority_gaps:
        contact = ix.contacts.get(gap.contact_id)
        economic = gap.contact_id in cov.economic_ids
        rank = SENIORITY_RANK[gap.contact_seniority]
        senior = _senior_members(plan, rank)
        now = (f"today the most senior link is {ix.name(gap.best_member_id)} "
               f"({gap.best_member_seniority or 'seniority not given'})" if gap.best_member_id
               else "today nobody on our side is in touch")
        if senior:
            more = " (or another of our people at that level)" if len(senior) > 2 else ""
            fix = f"Ask {' or '.join(ix.name(i) for i in senior[:2])}{more} to meet them; {now}."
        else:
            fix = (f"Nobody on our team is at {_seniority_word(rank)} level: name one (e.g. the executive "
                   f"sponsor) to meet them; {now}.")
        who = f"{contact.name} ({gap.contact_seniority})" if contact else gap.contact_id
        if economic:
            out.append(Gap("High", "Seniority", "Decision-maker not met at matching seniority", who, fix))
        else:
            out.append(Gap("Medium", "Seniority", "Senior contact not met at matching seniority", who, fix))
    return out


def _level_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    plan = ix.plan
    out = [Gap("Medium", "Policy levels", f"No contact at the {level} level", LEVEL_LABELS[level],
               _LEVEL_FINDERS[level]) for level in cov.levels_missing]
    for level in cov.levels_uncovered:
        ids = [c.id for c in plan.contacts if c.level == level]
        out.append(Gap("Medium", "Policy levels", f"No working relationship at the {level} level",
                       _names(ix, ids),
                       f"Build a working relationship (strength {WORKING} or more) with one of them"
                       f"{_who_should(ix, ids[0])}: instigators, influencers and implementers all need "
                       "covering."))
    return out


def _shape_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    plan = ix.plan
    if cov.shape == "bow-tie":
        kam = plan.account.key_account_manager
        return [Gap("High", "Shape",
                    f"Bow-tie: the key account manager holds {cov.kam_links} of {cov.live_links} live "
                    f"relationships ({round((cov.kam_share or 0) * 100)}%)", ix.name(kam),
                    "Connect counterparts function to function (technical to technical, supply to supply, "
                    "finance to finance, executive to executive), so that the relationship does not hang "
                    "on one person.")]
    if cov.shape == "unknown" and plan.relationships and not plan.account.key_account_manager:
        return [Gap("Low", "Shape", "No key account manager named", "",
                    "Name the key account manager (account.key_account_manager) to measure how much of the "
                    "relationship runs through them.")]
    return []


def _target_gaps(ix: _Index, cov: ContactCoverage) -> list[Gap]:
    out = []
    for link in cov.below_target:
        ours, theirs = ix.name(link.ours) or link.ours, ix.name(link.theirs) or link.theirs
        assert link.target_strength is not None
        how_often = (f"in touch {frequency_text(link.frequency)}" if link.frequency
                     else "no frequency set")
        out.append(Gap("Low", "Targets", f"Below target: {_strength(link.strength)} → "
                       f"{_strength(link.target_strength)}", f"{ours} → {theirs}",
                       f"Plan the contacts (visits, reviews, joint work) that raise it to "
                       f"{link.target_strength}; {how_often}."))
    return out


def coverage_summary(plan: Plan, cov: ContactCoverage, percent) -> list[tuple[str, str]]:
    """The key figures above the gaps: (label, value) lines; `percent` formats a share."""
    ix = _Index(plan)
    if cov.kam_share is None:
        shape = ("Unknown: no key account manager named" if plan.relationships
                 else "Unknown: no relationships of strength 1 or more yet")
    else:
        word = "Diamond" if cov.shape == "diamond" else "Bow-tie"
        shape = (f"{word}: the key account manager holds {cov.kam_links} of {cov.live_links} live relationships "
                 f"({percent(cov.kam_share)})")

    def groups(covered: dict[str, list[str]], labels: dict[str, str]) -> str:
        return " · ".join(f"{labels[g]} {len(ids)}" for g, ids in covered.items())

    senior = cov.seniority_matches + len(cov.seniority_gaps)
    active = {m.function for m in plan.team if cov.links_by_member.get(m.id)}
    functions = [FUNCTION_LABELS[f] for f in FUNCTION_LABELS if f in active]
    return [
        ("Relationship shape", shape),
        ("Buyer roles", groups(cov.roles_covered, ROLE_LABELS) + " (contacts with a working relationship)"),
        ("Policy levels", groups(cov.levels_covered, LEVEL_LABELS) + " (contacts with a working relationship)"),
        ("Advocates", _names(ix, cov.advocates) or "none"),
        ("Seniority", f"{cov.seniority_matches} of {senior} director and board contacts met by one of ours "
                      "at matching seniority"),
        ("High influence", f"{len(cov.weak_high_influence)} high-influence contacts without a working "
                           "relationship"),
        ("Targets", f"{len(cov.below_target)} relationships below their target strength"),
        ("Functions in touch", ", ".join(functions) or "none"),
    ]
