"""Health reports: the score, the terminal text, JSON valid against its schema, and Markdown for pull requests."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest

from kapdocs.analysis import analyse
from kapdocs.checks import CAP_FINDINGS, PENALTY, Finding, grade, run, score
from kapdocs.checks import report as health
from kapdocs.load import load_plan
from kapdocs.model import Plan

TODAY = dt.date(2026, 10, 1)


@pytest.fixture(scope="module")
def reports():
    out = []
    for path in ("samples/northwind-foods.yaml", "samples/first-draft.yaml"):
        plan = load_plan(path)
        out.append(run(plan, analyse(plan, TODAY), source=path))
    return out


def _f(rule: str, severity: str) -> Finding:
    return Finding(rule=rule, severity=severity, section="overview", message="m", fix="f")


# -- score -------------------------------------------------------------------------------

def test_score_subtracts_by_severity():
    # one of each: 100 − 10 − 3 − 1
    assert score([_f("a", "error"), _f("b", "warning"), _f("c", "advice")]) == 100 - sum(PENALTY.values())


def test_one_rule_counts_at_most_two_findings():
    many = [_f("a", "warning")] * 9
    # nine overdue actions cost what two do: one habit should not sink a plan on its own
    assert score(many) == 100 - PENALTY["warning"] * CAP_FINDINGS


def test_score_never_goes_below_zero():
    findings = [_f(f"rule-{i}", "error") for i in range(20)]
    assert score(findings) == 0


def test_grades():
    # the bands read from the top: 80 strong, 60 sound, 40 needs work, below that weak
    assert [grade(s) for s in (100, 80, 79, 60, 59, 40, 39, 0)] == [
        "strong", "strong", "sound", "sound", "needs work", "needs work", "weak", "weak"]


# -- text --------------------------------------------------------------------------------

def test_text_starts_with_one_line_per_plan_weakest_first(reports):
    lines = health.text(reports).splitlines()
    # with several plans, a summary line each, the weakest first, so a director sees them at once
    assert lines[0] == "Plan health"
    assert "Harbour Logistics Ltd (samples/first-draft.yaml)" in lines[1]
    assert "Northwind Foods plc (samples/northwind-foods.yaml)" in lines[2]
    assert lines[1].split()[:2] == [str(reports[1].score), "weak"]


def test_text_groups_findings_by_section(reports):
    out = health.text(reports[:1])
    # a single plan has no summary block, just its own header with the score
    assert out.startswith("Plan health: Northwind Foods plc")
    assert f"Score {reports[0].score}/100" in out
    # sections as headings, in the plan's order
    assert out.index("Customer needs and value") < out.index("Contacts and relationships") < out.index(
        "Risks and change")
    # each finding with its severity, its fix and its rule id and path
    assert "WARNING  Need n5" in out
    assert "Fix: Check it and its priority with the customer" in out
    assert "need-not-agreed at needs[4]" in out


def test_text_footer_explains_the_score(reports):
    out = " ".join(health.text(reports).split())
    # the reader learns how the score is computed and where the rules are documented
    assert "Score: 100 less 10 per error, 3 per warning and 1 per advice" in out
    assert "docs/health-check.md" in out


def test_text_without_colour_has_no_escape_codes(reports):
    assert "\x1b[" not in health.text(reports)
    # with colour, severities are coloured for the terminal
    assert "\x1b[" in health.text(reports, colour=True)


def test_text_lines_wrap(reports):
    # findings, fixes and the footer wrap at 100 columns, so terminals and CI logs stay readable
    for report in reports:
        assert max(len(line) for line in health.text([report]).splitlines()) <= health.WIDTH


# -- JSON --------------------------------------------------------------------------------

def test_json_validates_against_the_documented_schema(reports):
    data = json.loads(health.as_json(reports))
    # the output has the shape docs/health-check.md documents
    jsonschema.validate(data, health.json_schema(), format_checker=jsonschema.FormatChecker())
    # the schema itself is a valid draft 2020-12 schema
    jsonschema.Draft202012Validator.check_schema(health.json_schema())


def test_json_carries_scores_counts_and_findings(reports):
    data = health.as_data(reports)
    rich, minimal = data["plans"]
    # plans in the order given, with their file, account, score and grade
    assert (rich["file"], rich["account"], rich["score"]) == (
        "samples/northwind-foods.yaml", "Northwind Foods plc", reports[0].score)
    assert minimal["grade"] == "weak"
    # the summary adds up the plans
    assert data["summary"]["counts"]["error"] == rich["counts"]["error"] + minimal["counts"]["error"]
    assert data["summary"]["has_errors"] is True
    assert data["summary"]["lowest_score"] == minimal["score"]
    # every finding says which rule, how serious, where, what and how to fix it
    first = rich["findings"][0]
    assert set(first) == {"rule", "title", "severity", "section", "section_title", "message", "fix", "path", "line"}


def test_json_for_a_clean_plan_validates():
    plan = Plan.model_validate({"account": {"name": "Empty"}})
    report = run(plan, analyse(plan, TODAY))
    # even a nearly empty plan, checked from Python without a file, gives a valid document
    jsonschema.validate(health.as_data([report]), health.json_schema())
    # and no plans at all is valid too (nothing to check)
    jsonschema.validate(health.as_data([]), health.json_schema())


def test_json_keeps_untrusted_text_literally():
    nasty = "=cmd|'/c calc'!A1 <w:p> {{ x }} \" \\ 🎉"
    plan = Plan.model_validate({"account": {"name": nasty}, "risks": [{"risk": nasty}]})
    data = json.loads(health.as_json([run(plan, analyse(plan, TODAY))]))
    # quotes, backslashes, markup and emoji survive the round trip unchanged
    assert data["plans"][0]["account"] == nasty
    assert any(nasty in f["message"] for f in data["plans"][0]["findings"])


# -- Markdown ------------------------------------------------------------------------------

def test_markdown_has_a_summary_table_then_details(reports):
    out = health.markdown(reports)
    lines = out.splitlines()
    # a heading, then a summary table with one row per plan, weakest first
    assert lines[0] == "## Plan health"
    assert lines[2] == "| Score | Grade | Errors | Warnings | Advice | Plan |"
    assert lines[4].startswith(f"| {reports[1].score} | weak |")
    # each plan gets its own heading with its score
    assert f"### Northwind Foods plc: {reports[0].score}/100 ({reports[0].grade})" in lines
    # findings as table rows with the rule id as code
    assert any(line.startswith("| 🟠 warning | Need n5") and "`need-not-agreed` at `needs[4]`" in line
               for line in lines)


def test_markdown_escapes_plan_text():
    nasty = "A|B <script>x</script> **bold** [link](http://x) `code` # heading"
    plan = Plan.model_validate({"account": {"name": "Acme"}, "risks": [{"risk": nasty}]})
    out = health.markdown([run(plan, analyse(plan, TODAY))])
    row = next(line for line in out.splitlines() if "risk-no-contingency" in line)
    # a pipe in plan text cannot break the table: the row keeps its four columns
    assert len(re.split(r"(?<!\\)\|", row)) == 4 + 2
    # HTML is shown, not run; emphasis, links and code are shown as typed
    assert "&lt;script&gt;" in row and "<script>" not in row
    assert "\\[link\\]" in row and "\\`code\\`" in row


HOSTILE = ["=1+2", "@SUM(1)", "{{ 7*7 }}", "<w:p>broken</w:p>", "]]>", "שלום עולם", "🚀 👩‍💼 ✅",
           "**bold** *it*", "- bullet\n- list", "a|b|c", "x" * 10_000, " ", "`tick`", "\\"]


@pytest.mark.parametrize("nasty", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_output(nasty):
    import copy

    import yaml

    data = yaml.safe_load(open("samples/northwind-foods.yaml", encoding="utf-8"))
    data = copy.deepcopy(data)
    data["account"]["name"] = nasty[:200]
    data["sites"][0]["name"] = nasty
    data["needs"][5]["need"] = nasty
    data["objectives"]["smart"][0].update(text=nasty, owner=None)
    data["risks"][4]["risk"] = nasty
    data["swot"]["weaknesses"][0] = nasty
    data["actions"][4]["description"] = nasty
    data["contacts"][2]["name"] = nasty
    plan = Plan.model_validate(data)
    reports = [run(plan, analyse(plan, dt.date(2026, 11, 25)), source=nasty)]
    # every rule copes, and every output is produced
    text, md_out = health.text(reports), health.markdown(reports)
    jsonschema.validate(json.loads(health.as_json(reports)), health.json_schema())
    # Markdown tables keep their four columns whatever the text holds
    for line in md_out.splitlines():
        if line.startswith("| 🔴") or line.startswith("| 🟠") or line.startswith("| 🔵"):
            assert len(re.split(r"(?<!\\)\|", line)) == 6, line
    # nothing from the plan turns into HTML in Markdown
    assert "<w:p>" not in md_out
    # the text report wraps long lines of findings
    assert max(len(line) for line in text.splitlines()[2:]) <= health.WIDTH


def test_accepted_findings_are_reported_apart_and_not_scored():
    import datetime as dt

    from kapdocs.analysis import analyse
    from kapdocs.checks import run
    from kapdocs.checks.report import as_data, json_schema, markdown, text
    from kapdocs.model import Plan

    base = {"account": {"name": "Acme"},
            "needs": [{"id": "n1", "need": "Less waste", "priority": 1},
                      {"id": "n2", "need": "Fewer suppliers", "priority": 2}]}
    day = dt.date(2026, 11, 25)
    before = run(Plan.model_validate(base), analyse(Plan.model_validate(base), day))
    accepted = {**base, "accepted_findings": [
        {"rule": "need-not-agreed", "path": "needs[1]", "reason": "Their buyer changes in January; we ask then."}]}
    plan = Plan.model_validate(accepted)
    after = run(plan, analyse(plan, day))
    # the accepted finding leaves the scored list and the score, and is listed with its reason
    assert [f.path for f, _ in after.accepted] == ["needs[1]"]
    assert "needs[1]" not in [f.path for f in after.findings if f.rule == "need-not-agreed"]
    assert after.score >= before.score
    assert "Their buyer changes in January" in text([after]) and "Accepted (not scored)" in markdown([after])
    import jsonschema

    jsonschema.validate(as_data([after]), json_schema())
    # an acceptance lapses after its date
    lapsed = {**accepted, "accepted_findings": [{**accepted["accepted_findings"][0], "until": "2026-10-31"}]}
    plan = Plan.model_validate(lapsed)
    assert run(plan, analyse(plan, day)).accepted == []


def test_an_unknown_rule_in_accepted_findings_is_a_located_error(tmp_path):
    import pytest

    from kapdocs.errors import PlanError
    from kapdocs.load import load

    path = tmp_path / "plan.yaml"
    path.write_text("account: {name: Acme}\naccepted_findings:\n  - {rule: need-not-agred, reason: later}\n")
    with pytest.raises(PlanError) as caught:
        load(path)
    # the rule id is checked against the rules, with the nearest suggested
    assert "3:" in str(caught.value) and "did you mean need-not-agreed" in str(caught.value)
