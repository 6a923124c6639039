"""The plan health rules: a healthy plan passes every rule; each defect trips the rule made for it.

`HEALTHY` is a small plan with every block a key account plan needs. Each case
in `CASES` damages it in one way and names the rule that must then fire, and
where in the plan the finding must point.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml

from kapdocs.analysis import analyse
from kapdocs.checks import RULES, SECTIONS, Finding, rule_by_id, run
from kapdocs.load import load_plan
from kapdocs.model import Plan

TODAY = dt.date(2026, 6, 15)

HEALTHY_YAML = """
kapdocs: 1
account:
  name: Kestrel Bakeries Ltd
  sector: Bakery
  address: 1 Mill Lane, York
  main_contact_method: e-mail
  volume_unit: tonnes
  key_account_manager: kam
plan:
  period: {start: 2026-01-01, end: 2026-12-31}
  last_reviewed: 2026-05-01
potential: {volume: 5000, profit: 900000}
relationship:
  summary: Good and growing.
  competitors: [{name: Acme Flour}]
sites:
  - {id: york, name: York bakery, share_of_wallet: 0.4, volume_target: 1200, profit_target: 200000,
     competitors: [Acme Flour], contract_expiry: 2026-09-30, next_tender: 2027-03-01}
  - {id: leeds, name: Leeds bakery, share_of_wallet: 0.3, volume_target: 800, profit_target: 100000,
     competitors: [Acme Flour], contract_expiry: 2027-06-30, next_tender: 2027-03-01}
customer_strategy:
  vision: The best bread in the north.
  goals: [Double sourdough sales]
  validated_with_customer: 2026-03-01
environment:
  pestle: {economic: [Wheat prices are volatile]}
swot:
  strengths: [Fast delivery]
  weaknesses: [Thin relationship with the finance director]
  opportunities: [Sourdough range]
  threats: [Acme Flour price cuts at York]
portfolio:
  attractiveness: [{factor: Profit, weight: 0.6, score: 7}, {factor: Growth, weight: 0.4, score: 6}]
  strength: [{factor: Quality, weight: 1, score: 8}]
core_team_input: [Technical can cut mixing time]
objectives:
  long_term: [{id: lt1, text: Become sole flour supplier by 2028}]
  smart:
    - {id: o1, text: "Grow flour volume at York from 1,000 to 1,200 tonnes", measure: tonnes, baseline: 1000,
       target: 1200, due: 2026-12-31, owner: kam, supports: lt1}
needs:
  - {id: n1, need: Consistent dough quality, success: Fewer than 2 rejected batches a month, priority: 1,
     agreed_with_customer: true}
  - {id: n2, need: Lower flour cost, success: 3% less per tonne, priority: 2, agreed_with_customer: true}
value_proposition:
  - {need: n1, offer: Milled-to-spec flour}
  - {need: n2, offer: Indexed pricing}
team:
  - {id: kam, name: Kim Adams, title: Key Account Manager, seniority: manager}
  - {id: md, name: Morgan Diaz, title: Managing Director, function: executive, seniority: board}
  - {id: tech, name: Tariq Hale, title: Technologist, function: technical, seniority: staff}
contacts:
  - {id: fd, name: Fay Dunn, title: Finance Director, site: york, seniority: director, roles: [economic],
     influence: high, attitude: neutral, level: instigator}
  - {id: buyer, name: Ben Cole, title: Buyer, site: york, seniority: manager, roles: [advocate],
     influence: medium, attitude: champion, level: influencer}
  - {id: baker, name: Bea Lowe, title: Head Baker, site: leeds, seniority: manager, roles: [end_user],
     influence: medium, attitude: supporter, level: implementer}
relationships:
  - {ours: md, theirs: fd, strength: 3}
  - {ours: kam, theirs: buyer, strength: 3}
  - {ours: tech, theirs: baker, strength: 3}
actions:
  - {id: a1, description: Run a dough-consistency trial at York, need: n1, objective: o1, due: 2026-09-15,
     owner: tech, customer_owner: baker, status: in_progress}
  - {id: a2, description: Propose indexed pricing to the finance director, need: n2, objective: o1,
     due: 2026-07-31, owner: md, customer_owner: fd}
opportunities:
  - {id: op1, name: York supply renewal, stage: negotiation, value: 320000, probability: 0.7, site: york,
     expected_close: 2026-10-31}
  - {id: op2, name: Sourdough flour range, stage: prospect, value: 80000, probability: 0.2, site: leeds,
     expected_close: 2026-12-15}
risks:
  - {risk: Acme Flour cuts prices at York, likelihood: medium, impact: high, contingency: Offer indexed pricing}
force_field:
  for: [{force: Quality record, strength: 4}]
  against: [{force: Price, strength: 2}]
performance:
  - {period: 2026-Q1, site: york, volume_target: 300, volume_actual: 310, profit_target: 50000, profit_actual: 52000}
  - {period: 2026-Q1, site: leeds, volume_target: 200, volume_actual: 190, profit_target: 25000, profit_actual: 24000}
initiatives:
  - {action: a1, kind: highlight, note: First trial batch on spec}
  - {action: a2, kind: lowlight, note: Pricing proposal delayed}
meetings:
  - {id: qbr1, type: qbr, date: 2026-07-10}
"""
HEALTHY: dict = yaml.safe_load(HEALTHY_YAML)


def check(data: dict, today: dt.date = TODAY):
    plan = Plan.model_validate(data)
    return run(plan, analyse(plan, today))


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def edit(*changes):
    """A mutation of the healthy plan: pairs of (path, value); value DROP removes the key, APPEND adds to a list."""

    def mutate(data: dict) -> dict:
        data = copy.deepcopy(data)
        for path, value in zip(changes[::2], changes[1::2]):
            steps = [name or int(index) for name, index in _STEP.findall(path)]
            parent = data
            for step in steps[:-1]:
                parent = parent[step]
            last = steps[-1]
            if value is DROP:
                del parent[last]
            elif isinstance(value, Append):
                parent.setdefault(last, []).append(value.item)
            else:
                parent[last] = value
        return data

    return mutate


DROP = object()


class Append:
    def __init__(self, item):
        self.item = item


# (rule id, mutation of the healthy plan, path the finding points at)
CASES = [
    ("content-account", edit("potential", DROP), "potential"),
    ("content-account", edit("plan.period", DROP, "meetings", []), "plan.period"),
    ("content-account", edit("sites", [], "performance", [], "opportunities[0].site", None,
                             "opportunities[1].site", None), "sites"),
    ("content-strategy", edit("swot", DROP), "swot"),
    ("content-strategy", edit("environment", DROP), "environment.pestle"),
    ("content-strategy", edit("customer_strategy", DROP), "customer_strategy"),
    ("content-needs", edit("needs", [], "value_proposition", [], "actions[0].need", None,
                           "actions[1].need", None), "needs"),
    ("content-contacts", edit("relationships", []), "relationships"),
    ("content-actions", edit("actions", [], "initiatives", []), "actions"),
    ("content-opportunities", edit("opportunities", []), "opportunities"),
    ("objective-not-smart", edit("objectives.smart[0].owner", None), "objectives.smart[0]"),
    ("objective-not-smart", edit("objectives.smart[0].measure", None, "objectives.smart[0].target", None),
     "objectives.smart[0]"),
    ("objective-outside-period", edit("objectives.smart[0].due", "2027-03-31"), "objectives.smart[0].due"),
    ("objective-is-action", edit("objectives.smart[0].text", "Hold a workshop on dough quality",
                                 "objectives.smart[0].measure", None), "objectives.smart[0]"),
    ("objective-outcome-only", edit("objectives.smart", Append(
        {"id": "o2", "text": "Increase our share at Leeds to 40%", "measure": "share", "target": 40,
         "due": "2026-12-31", "owner": "kam", "supports": "lt1"})), "objectives.smart[1]"),
    ("long-term-unsupported", edit("objectives.long_term", Append({"id": "lt2", "text": "Co-develop a range"})),
     "objectives.long_term[1]"),
    ("need-not-agreed", edit("needs[1].agreed_with_customer", False), "needs[1]"),
    ("need-incomplete", edit("needs[1].priority", None), "needs[1]"),
    ("need-incomplete", edit("needs[0].success", None), "needs[0]"),
    ("need-no-offer", edit("value_proposition", [{"need": "n1", "offer": "Milled-to-spec flour"}]), "needs[1]"),
    ("strategy-not-validated", edit("customer_strategy.validated_with_customer", None), "customer_strategy"),
    ("strategy-not-validated", edit("customer_strategy.validated_with_customer", "2025-05-01"),
     "customer_strategy.validated_with_customer"),
    ("site-incomplete", edit("sites[1].contract_expiry", None), "sites[1]"),
    ("site-date-unaddressed", edit("sites", Append(
        {"id": "hull", "name": "Hull depot", "share_of_wallet": 0.1, "volume_target": 100,
         "competitors": ["Acme Flour"], "contract_expiry": "2026-10-31", "next_tender": "2027-05-01"})),
     "sites[2].contract_expiry"),
    ("optimism-sites", edit("performance[0].volume_actual", 290), "sites"),
    ("no-advocate", edit("contacts[1].roles", [], "contacts[1].attitude", "supporter"), "contacts"),
    ("economic-buyer-missing", edit("contacts[0].roles", []), "contacts"),
    ("economic-buyer-missing", edit("relationships[0].strength", 1), "relationships"),
    ("economic-buyer-weak", edit("contacts", Append(
        {"id": "proc", "name": "Pat Lee", "title": "Procurement Manager", "roles": ["economic"]})), "contacts[3]"),
    ("economic-buyer-outranked", edit("team[1].seniority", "manager"), "contacts[0]"),
    ("bow-tie", edit("relationships[0].ours", "kam", "relationships[2].ours", "kam"), "relationships"),
    ("blocker-no-plan", edit("contacts", Append(
        {"id": "qa", "name": "Quinn Ash", "title": "QA Manager", "influence": "high", "attitude": "blocker"})),
     "contacts[3]"),
    ("policy-level-uncovered", edit("contacts[2].level", None), "contacts"),
    ("policy-level-uncovered", edit("relationships[2].strength", 1), "relationships"),
    ("action-unlinked", edit("actions[1].need", None), "actions[1]"),
    ("action-no-owner-or-date", edit("actions[1].due", None), "actions[1]"),
    ("action-no-owner-or-date", edit("actions[1].owner", None), "actions[1]"),
    ("action-no-customer-owner", edit("actions[1].customer_owner", None), "actions[1]"),
    ("action-overdue", edit("actions[1].due", "2026-06-01"), "actions[1]"),
    ("action-overdue", edit("action_log", [{"id": "l1", "action": "Send specs", "due": "2026-06-14"}]),
     "action_log[0]"),
    ("pipeline-coverage", edit("opportunities[0].probability", 0.3), "opportunities"),
    ("pipeline-no-early-stage", edit("opportunities[1].stage", "analysis"), "opportunities"),
    ("optimism-probabilities", edit("opportunities[1].probability", 0.6), "opportunities"),
    ("risks-missing", edit("risks", []), "risks"),
    ("risk-no-contingency", edit("risks[0].contingency", None), "risks[0]"),
    ("swot-unaddressed", edit("swot.threats", Append("A rival opening a mill in Hull")), "swot.threats[1]"),
    ("force-field-negative", edit("force_field.against[0].strength", 4), "force_field"),
    ("plan-stale", edit("plan.last_reviewed", "2026-02-01"), "plan.last_reviewed"),
    ("plan-stale", edit("plan.last_reviewed", DROP), "plan.last_reviewed"),
    ("no-qbr", edit("meetings[0].type", "internal_review"), "meetings"),
    ("optimism-no-lowlights", edit("initiatives[1].kind", "highlight"), "initiatives"),
    ("portfolio-weights", edit("portfolio.attractiveness[0].weight", 0.5), "portfolio.attractiveness"),
    # customer documents show needs, actions and value propositions: none may carry our side's words
    ("customer-text-leak", edit("needs[1].need", "Flour cheaper than Acme's"), "needs[1].need"),
    ("customer-text-leak", edit("contacts[0].attitude", "sceptic", "actions[0].description",
                                "Take Fay Dunn through the trial results"), "actions[0].description"),
    ("customer-text-leak", edit("contacts[0].attitude", "blocker"), "actions[1].description"),
    ("customer-text-leak", edit("value_proposition[1].offer", "Indexed pricing that keeps our margin at 12%"),
     "value_proposition[1].offer"),
    ("customer-text-leak", edit("actions[1].description", "Prepare the York tender response"),
     "actions[1].description"),
]


def test_marked_text_stays_out_of_the_customer_leak_rule():
    # the same sentences, marked internal or given a customer wording, are not the customer's to read
    marked = edit("needs[1].need", {"text": "Flour cheaper than Acme's", "customer": "Lower flour cost"},
                  "actions[1].description", {"text": "Prepare the York tender response", "internal": True},
                  "initiatives", [])(HEALTHY)
    assert not [f for f in check(marked).findings if f.rule == "customer-text-leak"]


def test_customer_leak_findings_say_what_and_how_to_mark_it():
    report = check(edit("needs[1].need", "Flour cheaper than Acme Flour")(HEALTHY))
    found = [f for f in report.findings if f.rule == "customer-text-leak"][0]
    # the finding names the field path and the reason, and says how to keep the text for our side
    assert found.path == "needs[1].need" and "names competitor Acme Flour" in found.message
    assert "internal: true" in found.fix and "customer:" in found.fix


def test_the_healthy_plan_passes_every_rule():
    report = check(HEALTHY)
    # no rule fires on a complete, consistent plan: the "does not trigger" half of every case below
    assert report.findings == []
    # and it scores full marks
    assert (report.score, report.grade) == (100, "strong")


@pytest.mark.parametrize("rule_id, mutate, path", CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_each_defect_trips_its_rule(rule_id, mutate, path):
    report = check(mutate(HEALTHY))
    found = [f for f in report.findings if f.rule == rule_id]
    # the damage is found by the rule made for it
    assert found, f"{rule_id} did not fire; findings: {[f.rule for f in report.findings]}"
    # and the finding points at the damaged item
    assert path in [f.path for f in found]
    r = rule_by_id(rule_id)
    for f in found:
        # each finding carries its rule's severity, a known section, and a message and a fix of one line
        assert f.severity == r.severity
        assert f.section in SECTIONS
        assert f.message and "\n" not in f.message and f.fix and "\n" not in f.fix


def test_every_rule_has_a_case():
    # a rule without a case has no test that it fires (and the healthy plan is its "does not fire" test)
    assert {r.id for r in RULES} == {c[0] for c in CASES}


def test_rules_are_registered_once_with_known_sections():
    ids = [r.id for r in RULES]
    # ids are unique, kebab-case, and stable keys for tools
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    # every rule belongs to a section of the report
    assert all(r.section in SECTIONS for r in RULES)


# -- findings that name the offending item -------------------------------------------------

def test_findings_name_the_offending_item():
    report = check(edit("objectives.smart[0].owner", None, "actions[1].customer_owner", None,
                        "risks[0].contingency", None)(HEALTHY))
    messages = {f.rule: f.message for f in report.findings}
    # the objective by its id and text, the missing part by name
    assert messages["objective-not-smart"].startswith("Objective o1 “Grow flour volume at York")
    assert messages["objective-not-smart"].endswith("has no owner.")
    # the action by its id and description
    assert "Action a2 “Propose indexed pricing" in messages["action-no-customer-owner"]
    # the risk by its text
    assert "“Acme Flour cuts prices at York”" in messages["risk-no-contingency"]


def test_long_plan_text_is_cut_in_findings():
    long_text = "Grow " + "very " * 2000 + "much"
    report = check(edit("objectives.smart[0].owner", None, "objectives.smart[0].text", long_text)(HEALTHY))
    message = next(f.message for f in report.findings if f.rule == "objective-not-smart")
    # a 10,000-character objective is quoted in 60 characters with an ellipsis, so the line stays readable
    assert len(message) < 120 and "…”" in message


def test_untrusted_text_is_quoted_literally():
    nasty = "=HYPERLINK(\"x\") <w:p> {{ plan }} | **bold** 🎉 שלום"
    report = check(edit("risks[0].risk", nasty, "risks[0].contingency", None)(HEALTHY))
    message = next(f.message for f in report.findings if f.rule == "risk-no-contingency")
    # formulas, markup, template braces, emoji and RTL text arrive as typed (Markdown emphasis markers dropped)
    assert "=HYPERLINK(\"x\") <w:p> {{ plan }} | bold 🎉 שלום" in message


def test_cancelled_and_done_actions_are_not_chased():
    report = check(edit("actions[1].due", "2026-06-01", "actions[1].status", "done",
                        "actions[0].customer_owner", None, "actions[0].status", "cancelled")(HEALTHY))
    # a done action past its date is not overdue; a cancelled one needs no customer owner
    assert not {"action-overdue", "action-no-customer-owner"} & {f.rule for f in report.findings}


def test_actions_marked_late_are_not_reported_overdue():
    report = check(edit("actions[1].due", "2026-06-01", "actions[1].status", "late")(HEALTHY))
    # the owner has already flagged it
    assert "action-overdue" not in {f.rule for f in report.findings}


def test_today_decides_what_is_overdue_and_stale():
    damaged = edit("actions[1].due", "2026-06-01")(HEALTHY)
    # on the due date's eve nothing is overdue and the plan (reviewed 1 May) is fresh
    assert not {f.rule for f in check(damaged, dt.date(2026, 5, 31)).findings} & {"action-overdue", "plan-stale"}
    # four months later the action is overdue and the plan stale
    assert {"action-overdue", "plan-stale"} <= {f.rule for f in check(damaged, dt.date(2026, 9, 1)).findings}


def test_a_missing_block_is_reported_once():
    report = check(edit("actions", [], "initiatives", [])(HEALTHY))
    rules = [f.rule for f in report.findings]
    # no actions: the content rule says so, once
    assert rules.count("content-actions") == 1
    # and the objective is not also reported as lacking actions
    assert "objective-outcome-only" not in rules


def test_swot_matching_ignores_the_customers_name():
    report = check(edit("swot.threats", ["Kestrel Bakeries moving bread to a rival"])(HEALTHY))
    # "Kestrel Bakeries" is in every line of the plan, so it is no evidence that a risk meets the threat
    assert "swot-unaddressed" in {f.rule for f in report.findings}


def test_a_short_swot_line_matches_on_one_word():
    report = check(edit("swot.weaknesses", ["Pricing"])(HEALTHY))
    # "Pricing" alone is met by the action "Propose indexed pricing…"
    assert "swot-unaddressed" not in {f.rule for f in report.findings}


def test_a_blocker_with_a_plan_is_not_reported():
    blocker = {"id": "qa", "name": "Quinn Ash", "title": "QA Manager", "influence": "high", "attitude": "blocker"}
    with_risk = edit("contacts", Append(blocker), "risks", Append(
        {"risk": "Quinn Ash blocks the trial", "contingency": "Escalate through Fay Dunn"}))(HEALTHY)
    with_target = edit("contacts", Append(blocker), "relationships", Append(
        {"ours": "tech", "theirs": "qa", "strength": 1, "target_strength": 3}))(HEALTHY)
    # a risk naming them, or a relationship we mean to build, is a plan
    for plan in (with_risk, with_target):
        assert "blocker-no-plan" not in {f.rule for f in check(plan).findings}


def test_site_mentioned_in_an_action_counts_as_addressed():
    hull = {"id": "hull", "name": "Hull depot", "share_of_wallet": 0.1, "volume_target": 100,
            "competitors": ["Acme Flour"], "contract_expiry": "2026-10-31", "next_tender": "2027-05-01"}
    plan = edit("sites", Append(hull), "actions[1].description", "Prepare the Hull renewal")(HEALTHY)
    # the action's description names the site by the first word of its name
    assert "site-date-unaddressed" not in {f.rule for f in check(plan).findings}


def test_findings_are_ordered_by_section_then_severity():
    report = check(edit("risks[0].contingency", None, "potential", DROP, "needs[1].priority", None,
                        "needs[0].agreed_with_customer", False)(HEALTHY))
    sections = list(SECTIONS)
    keys = [(sections.index(f.section), ("error", "warning", "advice").index(f.severity)) for f in report.findings]
    # the report reads in the plan's order, the worst first within a section
    assert keys == sorted(keys)


def test_finding_is_a_plain_value():
    f = Finding(message="m", fix="f")
    # rules yield bare findings; the registry fills in rule, severity and section
    assert (f.rule, f.path) == ("", None)


# -- the samples -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rich():
    return load_plan("samples/northwind-foods.yaml")


@pytest.fixture(scope="module")
def minimal():
    return load_plan("samples/first-draft.yaml")


@pytest.mark.parametrize("today", [dt.date(2026, 10, 1), dt.date(2026, 11, 25)])
def test_rich_sample_scores_high(rich, today):
    report = run(rich, analyse(rich, today))
    # a complete plan scores high, on its review date and on the demo date
    assert report.score >= 75
    # and has no error a reviewer would send back
    assert report.counts["error"] == 0


def test_rich_sample_findings_make_sense(rich):
    report = run(rich, analyse(rich, dt.date(2026, 10, 1)))
    found = {(f.rule, f.path) for f in report.findings}
    # of the two needs the sample marks as not yet agreed, one is scored and one accepted with a reason
    assert ("need-not-agreed", "needs[4]") in found
    # the pipeline closing this year covers half the Q4 profit to come: accepted, base business covers it
    assert [(f.rule, f.path) for f, _ in report.accepted] == [("need-not-agreed", "needs[5]"),
                                                              ("pipeline-coverage", "opportunities")]
    # the CFO, an economic decision-maker with only an aware relationship
    assert ("economic-buyer-weak", "contacts[2]") in found
    # the CFO's cost-down risk, listed without a contingency
    assert ("risk-no-contingency", "risks[4]") in found


def test_minimal_sample_scores_low(minimal):
    report = run(minimal, analyse(minimal, dt.date(2026, 10, 1)))
    # a first draft is weak
    assert report.score < 40 and report.grade == "weak"
    rules = {f.rule for f in report.findings}
    # because whole blocks of the minimum content are missing
    assert {"content-account", "content-strategy", "content-contacts", "content-actions",
            "content-opportunities", "risks-missing"} <= rules
    # what it has is judged too: its one need is not agreed with the customer
    assert "need-not-agreed" in rules


def test_every_rule_is_documented_with_its_severity():
    from pathlib import Path

    docs = Path(__file__).parent.parent / "docs" / "health-check.md"
    text = docs.read_text(encoding="utf-8")
    # each rule has its row in docs/health-check.md, with the severity it really has
    for r in RULES:
        assert f"| `{r.id}` | {r.severity} |" in text, r.id


def test_a_missing_contact_matrix_is_not_reported_again_as_uncovered_people():
    report = check(edit("relationships", [])(HEALTHY))
    rules = [f.rule for f in report.findings]
    # the missing matrix is one finding; the people it would cover are not also reported as uncovered
    assert "content-contacts" in rules
    assert not {"economic-buyer-missing", "economic-buyer-weak", "policy-level-uncovered"} & set(rules)


def test_the_rule_ids_known_at_load_are_the_rules():
    # references.py checks accepted findings against RULE_IDS without importing the rules
    from kapdocs.check_ids import RULE_IDS
    from kapdocs.checks import RULES

    assert list(RULE_IDS) == [r.id for r in RULES]
