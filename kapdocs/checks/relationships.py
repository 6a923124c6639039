"""The decision-making unit and the contact matrix (DOMAIN.md §2 and §5), from `Figures.coverage`."""

from __future__ import annotations

from collections.abc import Iterator

from kapdocs.analysis import best_strength
from kapdocs.analysis.coverage import WORKING

from kapdocs.view.vocabulary import is_open

from .registry import Finding, rule

STRENGTH_WORDS = {None: "no relationship", 0: "no relationship", 1: "only an aware relationship"}


def _who(plan, contact_id: str) -> str:
    c = plan.contact(contact_id)
    if c is None:
        return contact_id
    return f"{c.name} ({c.title})" if c.title else c.name


def _index(plan, contact_id: str) -> int:
    return next(i for i, c in enumerate(plan.contacts) if c.id == contact_id)


@rule("no-advocate", "warning", "relationships", "The account has an advocate")
def no_advocate(plan, figures) -> Iterator[Finding]:
    """No contact with the advocate role or a champion attitude: nobody guides us to the others."""
    if plan.contacts and not figures.coverage.advocates:
        yield Finding(message="No contact is an advocate or a champion for us.",
                      fix="Identify who could guide us to the decision-makers, give them the advocate role "
                          "and plan to develop the relationship.",
                      path="contacts")


@rule("economic-buyer-missing", "error", "relationships", "The economic decision-maker is known and covered")
def economic_buyer_missing(plan, figures) -> Iterator[Finding]:
    """No contact holds the economic (or ultimate) role, or none of them has a working relationship with us
    (judged once the contact matrix exists: without one, content-contacts reports it)."""
    if not plan.contacts:
        return
    ids = figures.coverage.economic_ids
    if not ids:
        yield Finding(message="No contact is identified as the economic decision-maker.",
                      fix="Find out who signs (and who is above them) and add them with roles: [economic].",
                      path="contacts")
    elif plan.relationships and not any((best_strength(plan, c) or 0) >= WORKING for c in ids):
        names = ", ".join(_who(plan, c) for c in ids[:3])
        yield Finding(message=f"No economic decision-maker has a working relationship with us ({names}).",
                      fix="Plan who on our side, at their level, will build the relationship, and set a target_strength.",
                      path="relationships")


@rule("economic-buyer-weak", "warning", "relationships", "Each economic decision-maker has a working relationship")
def economic_buyer_weak(plan, figures) -> Iterator[Finding]:
    """An economic or ultimate decision-maker whose strongest relationship is below working (2)."""
    ids = figures.coverage.economic_ids
    if not any((best_strength(plan, c) or 0) >= WORKING for c in ids):
        return  # reported once by economic-buyer-missing
    for contact_id in ids:
        best = best_strength(plan, contact_id)
        if (best or 0) >= WORKING:
            continue
        planned = [r for r in plan.relationships
                   if r.theirs == contact_id and (r.target_strength or 0) >= WORKING]
        if planned:
            fix = (f"The plan means {plan.person_name(planned[0].ours) or planned[0].ours} to build it: "
                   "put the meetings that will do so in the action plan, with dates.")
        else:
            fix = "Name a team member at their level to build the relationship, and set its target_strength."
        yield Finding(message=f"Economic decision-maker {_who(plan, contact_id)} has {STRENGTH_WORDS[best]} with us.",
                      fix=fix, path=f"contacts[{_index(plan, contact_id)}]")


@rule("economic-buyer-outranked", "warning", "relationships", "Economic decision-makers are met at their seniority")
def economic_buyer_outranked(plan, figures) -> Iterator[Finding]:
    """A director or board economic decision-maker whose most senior contact with us is less senior (`seniority_gaps`)."""
    economic = set(figures.coverage.economic_ids)
    for gap in figures.coverage.seniority_gaps:
        if gap.contact_id not in economic:
            continue
        if gap.best_member_id is None:
            continue  # nobody linked: economic-buyer-weak or -missing reports it
        member = plan.member(gap.best_member_id)
        ours = f"{member.name} ({gap.best_member_seniority or 'seniority unknown'})" if member else gap.best_member_id
        yield Finding(message=f"{_who(plan, gap.contact_id)}, an economic decision-maker at {gap.contact_seniority} "
                              f"level, is covered at most by {ours}.",
                      fix=f"Add a relationship from a {gap.contact_seniority}-level member of our team.",
                      path=f"contacts[{_index(plan, gap.contact_id)}]")


@rule("bow-tie", "warning", "relationships", "Relationships form a diamond, not a bow-tie")
def bow_tie(plan, figures) -> Iterator[Finding]:
    """The key account manager holds more than half of the relationships (`ContactCoverage.kam_share`)."""
    c = figures.coverage
    if c.shape != "bow-tie":
        return
    kam = plan.member(plan.account.key_account_manager)
    name = kam.name if kam else plan.account.key_account_manager
    yield Finding(message=f"{name}, the key account manager, holds {c.kam_share:.0%} of the relationships: a bow-tie.",
                  fix="Connect other functions to their counterparts (technical to technical, supply to planning) "
                      "so that no single person holds the account.",
                  path="relationships")


def _has_plan(plan, contact) -> bool:
    """An open action or log entry they own, a relationship target above today's, or a risk naming them."""
    if any(a.customer_owner == contact.id and is_open(a) for a in plan.actions):
        return True
    if any(contact.id in (e.owner, e.customer_owner) and is_open(e) for e in plan.action_log):
        return True
    if any(r.theirs == contact.id and r.target_strength is not None and r.target_strength > r.strength
           for r in plan.relationships):
        return True
    return any(contact.name.lower() in f"{r.risk} {r.contingency or ''}".lower() for r in plan.risks)


@rule("blocker-no-plan", "warning", "relationships", "High-influence blockers have a plan")
def blocker_no_plan(plan, figures) -> Iterator[Finding]:
    """A high-influence contact with a blocker attitude and no plan: no open action or log entry they own,
    no relationship with a target above its strength, and no risk naming them."""
    for i, c in enumerate(plan.contacts):
        if c.attitude == "blocker" and c.influence == "high" and not _has_plan(plan, c):
            yield Finding(message=f"{_who(plan, c.id)} is a high-influence blocker with no plan to handle them.",
                          fix="Add an action they own, a relationship target, or a risk with a contingency "
                              "that deals with them.",
                          path=f"contacts[{i}]")


@rule("policy-level-uncovered", "advice", "relationships", "Instigators, influencers and implementers are covered")
def policy_level_uncovered(plan, figures) -> Iterator[Finding]:
    """A policy level with no contact, or none with a working relationship (`levels_missing`, `levels_uncovered`)."""
    if not plan.contacts:
        return
    c = figures.coverage
    for level in c.levels_missing:
        yield Finding(message=f"No contact is at the {level} level.",
                      fix=f"Find the customer's {level}s and add them with level: {level}.", path="contacts")
    for level in c.levels_uncovered if plan.relationships else []:  # no matrix: content-contacts says so
        yield Finding(message=f"No {level} has a working relationship with us.",
                      fix=f"Plan who on our side builds a working relationship with an {level}.",
                      path="relationships")
