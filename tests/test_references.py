"""Cross-section rules: every reference resolves, ids are unique, sums and orders hold."""

from __future__ import annotations

import copy

import pytest

from kapdocs.load import format_path
from kapdocs.model import Plan
from kapdocs.references import REFERENCES, check

BASE = {
    "account": {"name": "Acme", "key_account_manager": "kam", "executive_sponsor": "kam"},
    "plan": {"approved_by": "kam", "period": {"start": "2026-01-01", "end": "2026-12-31"}},
    "sites": [{"id": "s1", "name": "Hull"}],
    "team": [{"id": "kam", "name": "Kim"}],
    "contacts": [{"id": "c1", "name": "Cat", "site": "s1", "reports_to": "c1"}],
    "needs": [{"id": "n1", "need": "Less waste"}],
    "objectives": {"long_term": [{"id": "lt1", "text": "Sole supplier"}],
                   "smart": [{"id": "o1", "text": "Grow", "owner": "kam", "supports": "lt1"}]},
    "value_proposition": [{"need": "n1", "offer": "Blend"}],
    "relationships": [{"ours": "kam", "theirs": "c1", "strength": 2}],
    "actions": [{"id": "a1", "description": "Trial", "need": "n1", "objective": "o1", "owner": "kam",
                 "customer_owner": "c1"}],
    "opportunities": [{"id": "op1", "name": "Line", "stage": "analysis", "value": 1, "owner": "kam",
                       "site": "s1"}],
    "risks": [{"risk": "Price cut", "owner": "kam", "site": "s1"}],
    "performance": [{"period": "2026-Q1", "site": "s1"}],
    "initiatives": [{"action": "a1"}],
    "meetings": [{"id": "m1", "date": "2026-03-02", "attendees": ["kam", "c1"], "apologies": ["c1"],
                  "minute_taker": "kam", "presenters": [{"item": "ytd", "by": ["kam"]}],
                  "activities": [{"title": "Site tour", "minutes": 5, "led_by": ["c1"]}]}],
    "action_log": [{"id": "l1", "action": "Send report", "owner": "c1", "customer_owner": "c1",
                    "raised_in": "m1"}],
    "customer_activities": [{"activity": "Line change", "owner": "c1"}],
}


def test_the_base_plan_is_valid() -> None:
    # the fixture every case below breaks in one place
    Plan.model_validate(BASE)
    assert check(BASE) == []


def _holder(data: dict, pattern: tuple) -> dict:
    node = data
    for part in pattern:
        node = node[0] if part == "*" else node[part]
    return node


@pytest.mark.parametrize("pattern, field, targets, many", REFERENCES,
                         ids=[f"{format_path(p)}.{f}" for p, f, _, _ in REFERENCES])
def test_each_reference_must_resolve(pattern, field, targets, many) -> None:
    data = copy.deepcopy(BASE)
    holder = _holder(data, pattern)
    holder[field] = ["nobody"] if many else "nobody"
    found = check(data)
    # exactly one problem, at the broken field, saying where the id should be
    assert len(found) == 1, found
    path, message = found[0]
    assert path[-2 if many else -1] == field
    assert "unknown id 'nobody'" in message and targets[0] in message


def test_a_dangling_reference_suggests_the_closest_ids() -> None:
    data = copy.deepcopy(BASE)
    data["actions"][0]["owner"] = "kma"
    # a typo gets the nearest existing ids
    assert "closest: kam" in check(data)[0][1]


def test_ids_shared_by_team_and_contacts_are_refused() -> None:
    data = copy.deepcopy(BASE)
    data["contacts"].append({"id": "kam", "name": "Kam from the customer"})
    # attendees mix both lists, so an id in both is ambiguous
    assert any("both team and contacts" in m for _, m in check(data))


def test_a_relationship_given_twice_is_refused() -> None:
    data = copy.deepcopy(BASE)
    data["relationships"].append({"ours": "kam", "theirs": "c1", "strength": 3})
    assert any("given twice" in m for _, m in check(data))


def test_performance_for_one_period_and_site_given_twice_is_refused() -> None:
    data = copy.deepcopy(BASE)
    data["performance"].append({"period": "2026-Q1", "site": "s1"})
    assert any("given twice" in m for _, m in check(data))


@pytest.mark.parametrize("weights, ok", [([0.6, 0.4], True), ([60, 40], True), ([0.5, 0.4], False),
                                         ([50, 40], False), ([0.3333, 0.3333, 0.3334], True)])
def test_portfolio_weights_sum_to_one_or_a_hundred(weights, ok) -> None:
    data = copy.deepcopy(BASE)
    data["portfolio"] = {"attractiveness": [{"factor": f"f{i}", "weight": w, "score": 5}
                                            for i, w in enumerate(weights)]}
    assert (check(data) == []) is ok


def test_the_period_must_not_end_before_it_starts() -> None:
    data = copy.deepcopy(BASE)
    data["plan"]["period"] = {"start": "2026-12-31", "end": "2026-01-01"}
    assert check(data)[0][0] == ("plan", "period", "end")


def test_checks_survive_malformed_data() -> None:
    # other errors are reported by the model; these checks must not crash on them
    assert check({"team": "not a list", "sites": [None, 3], "portfolio": {"strength": [{"weight": "x"}]}}) == []


@pytest.mark.parametrize("first, second", [("QBR-1", "qbr-1"), ("q4.2026", "q4-2026"), ("a_b", "a-b")])
def test_meeting_ids_that_would_share_file_names_are_refused(first, second) -> None:
    data = copy.deepcopy(BASE)
    data["meetings"] = [{"id": first, "date": "2026-03-02"}, {"id": second, "date": "2026-06-02"}]
    data["action_log"][0]["raised_in"] = first
    found = check(data)
    # on a case-insensitive disk the second meeting's documents would overwrite the first's
    assert len(found) == 1 and "same file names" in found[0][1] and found[0][0] == ("meetings", 1, "id")
