"""The decision-making unit and the contact matrix."""

import pytest

from kapdocs.analysis import SeniorityGap, best_strength, contact_coverage
from kapdocs.model import Plan


def make_plan(**sections) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, **sections})


def link(ours, theirs, strength, **more):
    return {"ours": ours, "theirs": theirs, "strength": strength, **more}


TEAM = [
    {"id": "aking", "name": "Alex King", "seniority": "board"},
    {"id": "tlee", "name": "Tam Lee", "seniority": "director"},
    {"id": "jsmith", "name": "Jo Smith", "seniority": "manager"},
    {"id": "anon", "name": "Ann On"},
]

# e1 (economic, instigator) is well covered; t1 (technical, implementer) only by a strength-1 link;
# u1 (end user, champion) has no link; nobody is an ultimate decision-maker, an advocate or an influencer.
DMU_PLAN = make_plan(
    team=TEAM,
    contacts=[
        {"id": "e1", "name": "E One", "roles": ["economic"], "level": "instigator", "influence": "high"},
        {"id": "t1", "name": "T One", "roles": ["technical"], "level": "implementer", "influence": "high"},
        {"id": "u1", "name": "U One", "roles": ["end_user"], "influence": "high", "attitude": "champion"},
    ],
    relationships=[
        link("jsmith", "e1", 3, target_strength=4),
        link("jsmith", "t1", 1, target_strength=1),
        link("tlee", "e1", 1),
    ],
)


def test_roles_missing_versus_uncovered():
    cov = contact_coverage(DMU_PLAN)
    # every role is listed; only e1's role has a contact with a working (≥ 2) relationship
    assert cov.roles_covered == {"economic": ["e1"], "ultimate": [], "technical": [], "end_user": [],
                                 "advocate": []}
    # no contact has these roles at all
    assert cov.roles_missing == ["ultimate", "advocate"]
    # contacts have these roles, but t1's best link is 1 and u1 has none
    assert cov.roles_uncovered == ["technical", "end_user"]


def test_levels_missing_versus_uncovered():
    cov = contact_coverage(DMU_PLAN)
    # e1 is an instigator with a strength-3 link
    assert cov.levels_covered == {"instigator": ["e1"], "influencer": [], "implementer": []}
    # nobody is an influencer; the only implementer (t1) is barely known
    assert (cov.levels_missing, cov.levels_uncovered) == (["influencer"], ["implementer"])


def test_advocates_weak_contacts_and_targets():
    cov = contact_coverage(DMU_PLAN)
    # u1 has no advocate role but is a champion
    assert cov.advocates == ["u1"]
    # high influence, best strength 1 (t1) or no link at all (u1)
    assert cov.weak_high_influence == ["t1", "u1"]
    # jsmith–e1 is 3 aiming for 4; jsmith–t1 is already at its target of 1
    assert [(r.ours, r.theirs) for r in cov.below_target] == [("jsmith", "e1")]
    # economic (or ultimate) decision-makers
    assert cov.economic_ids == ["e1"]


def test_best_strength():
    # the strongest of jsmith's 3 and tlee's 1
    assert best_strength(DMU_PLAN, "e1") == 3
    # nobody is linked to u1
    assert best_strength(DMU_PLAN, "u1") is None


def test_seniority_gaps():
    plan = make_plan(
        team=TEAM,
        contacts=[
            {"id": "ceo", "name": "C E O", "seniority": "board"},
            {"id": "pd", "name": "P D", "seniority": "director"},
            {"id": "td", "name": "T D", "seniority": "director"},
            {"id": "fd", "name": "F D", "seniority": "director"},
            {"id": "mgr", "name": "M G R", "seniority": "manager"},
        ],
        relationships=[
            link("aking", "ceo", 1),
            link("jsmith", "pd", 3),
            link("tlee", "pd", 1),
            link("jsmith", "td", 4),
            link("anon", "td", 2),
            link("aking", "fd", 0),
            link("anon", "mgr", 1),
        ],
    )
    cov = contact_coverage(plan)
    # ceo: board met by board (aking). pd: the director tlee counts although jsmith's link is stronger.
    # td: only a manager and a member of unknown seniority. fd: aking's link has strength 0, so nobody.
    # mgr is not senior enough to need matching.
    assert cov.seniority_gaps == [
        SeniorityGap("td", "director", "jsmith", "manager"),
        SeniorityGap("fd", "director", None, None),
    ]
    # ceo and pd are matched
    assert cov.seniority_matches == 2


def test_diamond_versus_bow_tie():
    contacts = [{"id": c, "name": c.upper()} for c in ("a", "b", "c", "d")]
    account = {"name": "Northwind Foods plc", "key_account_manager": "jsmith"}
    bow_tie = Plan.model_validate({
        "account": account, "team": TEAM, "contacts": contacts,
        "relationships": [link("jsmith", "a", 3), link("jsmith", "b", 2), link("tlee", "c", 1),
                          link("aking", "d", 0)],
    })
    cov = contact_coverage(bow_tie)
    # the KAM holds 2 of the 3 live relationships (the strength-0 one does not count)
    assert cov.kam_share == pytest.approx(2 / 3)
    # more than half goes through the KAM
    assert cov.shape == "bow-tie"

    diamond = bow_tie.model_copy(update={"relationships": bow_tie.relationships[:3] + [
        bow_tie.relationships[3].model_copy(update={"strength": 2})]})
    # 2 of 4: exactly half still counts as a diamond
    assert (contact_coverage(diamond).kam_share, contact_coverage(diamond).shape) == (0.5, "diamond")


def test_shape_unknown_without_a_kam_or_relationships():
    # DMU_PLAN names no key account manager
    assert (contact_coverage(DMU_PLAN).kam_share, contact_coverage(DMU_PLAN).shape) == (None, "unknown")
    # a KAM but no relationships
    empty = make_plan()
    assert contact_coverage(empty).shape == "unknown"
    # with no contacts every role and level is missing, none uncovered
    assert len(contact_coverage(empty).roles_missing) == 5
    assert contact_coverage(empty).roles_uncovered == []


def test_matrix_totals():
    cov = contact_coverage(DMU_PLAN)
    # the strongest link per contact; None for a contact nobody is linked to
    assert cov.best == {"e1": 3, "t1": 1, "u1": None}
    # row totals: links of strength 1 or more, and the sum of strengths
    assert cov.links_by_contact == {"e1": 2, "t1": 1, "u1": 0}
    assert cov.strength_by_contact == {"e1": 4, "t1": 1, "u1": 0}
    # column totals for every team member, including those with no link
    assert cov.links_by_member == {"aking": 0, "tlee": 1, "jsmith": 2, "anon": 0}
    assert cov.strength_by_member == {"aking": 0, "tlee": 1, "jsmith": 4, "anon": 0}
    # 3 live links; no KAM named, so none of them is the KAM's
    assert (cov.live_links, cov.kam_links) == (3, 0)


def test_kam_links_count_the_share():
    contacts = [{"id": c, "name": c.upper()} for c in ("a", "b", "c")]
    plan = Plan.model_validate({
        "account": {"name": "Northwind Foods plc", "key_account_manager": "jsmith"}, "team": TEAM,
        "contacts": contacts,
        "relationships": [link("jsmith", "a", 3), link("tlee", "b", 2), link("aking", "c", 0)],
    })
    cov = contact_coverage(plan)
    # the numerator and denominator of kam_share (the strength-0 link does not count)
    assert (cov.kam_links, cov.live_links, cov.kam_share) == (1, 2, 0.5)
