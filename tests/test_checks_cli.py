"""`kapdocs check`: formats, --strict for CI, --today, several plans, and invalid plans."""

from __future__ import annotations

import json
import shutil

import jsonschema
from click.testing import CliRunner

from kapdocs.checks import report as health
from kapdocs.cli import main

RICH = "samples/northwind-foods.yaml"
MINIMAL = "samples/first-draft.yaml"


def kapdocs(*args: str):
    return CliRunner().invoke(main, list(args))


def test_text_report_for_several_plans():
    result = kapdocs("check", RICH, MINIMAL, "--today", "2026-10-01")
    # findings are not failures without --strict
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # one summary line per plan, weakest first, then the details of each
    assert lines[0] == "Plan health"
    assert "Harbour Logistics Ltd" in lines[1] and "Northwind Foods plc" in lines[2]
    assert "Plan health: Northwind Foods plc (samples/northwind-foods.yaml)" in lines


def test_strict_fails_on_error_findings_only():
    # the first draft has error-level findings: --strict exits 1 so CI can gate on it
    assert kapdocs("check", MINIMAL, "--strict", "--today", "2026-10-01").exit_code == 1
    # the rich sample has warnings but no errors: it passes
    assert kapdocs("check", RICH, "--strict", "--today", "2026-10-01").exit_code == 0
    # one failing plan among several fails the run
    assert kapdocs("check", RICH, MINIMAL, "--strict", "--today", "2026-10-01").exit_code == 1


def test_json_output_for_tools():
    result = kapdocs("check", "samples", "--format", "json", "--today", "2026-10-01")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    # stdout holds only the JSON document, valid against the documented schema
    jsonschema.validate(data, health.json_schema())
    # a folder expands to its plans, in name order, and the date given is the date judged on
    assert [p["file"].split("/")[-1] for p in data["plans"]] == ["first-draft.yaml", "northwind-foods.yaml"]
    assert {p["today"] for p in data["plans"]} == {"2026-10-01"}


def test_markdown_output_for_pull_requests():
    result = kapdocs("check", RICH, "--format", "markdown", "--today", "2026-10-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Plan health\n")
    assert "### Northwind Foods plc:" in result.stdout


def test_today_changes_the_findings():
    early = kapdocs("check", RICH, "--format", "json", "--today", "2026-10-01")
    late = kapdocs("check", RICH, "--format", "json", "--today", "2026-11-25")

    def overdue(result):
        return [f for f in json.loads(result.stdout)["plans"][0]["findings"] if f["rule"] == "action-overdue"]

    # on the plan's review date nothing is overdue; eight weeks later open actions are
    assert overdue(early) == [] and overdue(late)


def test_invalid_plan_exits_2_with_located_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    shutil.copy("tests/cases/invalid/bad-time.yaml", bad)
    result = kapdocs("check", str(bad), RICH)
    # the usual located error, and exit code 2; no report
    assert result.exit_code == 2
    assert f"{bad}:6:" in result.stderr
    assert result.stdout == ""


def test_bad_today_is_a_usage_error():
    result = kapdocs("check", RICH, "--today", "1 October")
    assert result.exit_code == 2
    assert "is not a date; write YYYY-MM-DD" in result.output


def test_help_lists_the_options():
    out = kapdocs("check", "--help").stdout
    for option in ("--format", "--strict", "--today", "text|json|markdown"):
        assert option in out


def test_findings_point_at_their_line_in_the_plan_file(tmp_path):
    import json

    from click.testing import CliRunner

    from kapdocs.cli import main

    plan = tmp_path / "plan.yaml"
    plan.write_text("account: {name: Acme}\nneeds:\n  - {id: n1, need: Less waste, priority: 1}\n")
    result = CliRunner().invoke(main, ["check", str(plan), "--format", "json", "--today", "2026-11-25"])
    findings = json.loads(result.output)["plans"][0]["findings"]
    # the need not agreed with the customer is on line 3: an editor can jump there
    assert any(f["path"] == "needs[0]" and f["line"] == 3 for f in findings)


def test_min_score_gates_on_the_score():
    from click.testing import CliRunner

    from kapdocs.cli import main

    runner = CliRunner()
    args = ["check", "samples/northwind-foods.yaml", "--today", "2026-11-25", "--format", "json"]
    # the rich sample scores 81 on that day: a bar at 70 passes, a bar at 90 fails with exit 1
    assert runner.invoke(main, [*args, "--min-score", "70"]).exit_code == 0
    assert runner.invoke(main, [*args, "--min-score", "90"]).exit_code == 1
