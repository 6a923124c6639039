"""Trust, round two: every family of bad input, through the command line, built by the test itself.

Each case asserts the exit code, the located message, and that nothing was written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kapdocs.cli import main

from conftest import MINIMAL_SAMPLE


def minimal_data() -> dict:
    return yaml.safe_load(MINIMAL_SAMPLE.read_text(encoding="utf-8"))


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def json_plan(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    return path


def dumped() -> str:
    return json.dumps(minimal_data(), default=str)


# -- bad numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("1e309", "finite number"),
    (".inf", "valid number"),
    (".nan", "valid number"),
    ("-.inf", "valid number"),
])
def test_non_finite_numbers_are_refused_in_yaml(tmp_path, value, message):
    text = MINIMAL_SAMPLE.read_text().replace("      baseline: 78", f"      baseline: {value}")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text)
    result = run("plan", str(plan), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "baseline:" in l)
    assert f"plan.yaml:{line}:" in result.output and "objectives.smart[0].baseline" in result.output
    assert message in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("replace, message", [
    ('"target": 45', "NaN is not a number a plan can hold"),
    ('"target": 45', "Infinity is not a number a plan can hold"),
    ('"target": 45', "1e400 is too large a number"),
])
def test_non_finite_numbers_are_refused_in_json(tmp_path, replace, message):
    value = message.split(" ")[0]
    plan = json_plan(tmp_path, dumped().replace(replace, f'"target": {value}'))
    result = run("validate", str(plan))
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


# -- JSON read as JSON, within the same bounds as YAML -----------------------------------------------------------

def test_json_nested_a_thousand_deep_is_refused_at_its_place(tmp_path):
    text = dumped().replace('"sector": ', '"sector": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + ', "x": ', 1)
    result = run("validate", str(json_plan(tmp_path, text)))
    assert result.exit_code == 2
    assert "nesting deeper than 40 levels" in result.output and "plan.json:1:" in result.output


def test_a_huge_integer_in_json_is_refused(tmp_path):
    text = dumped().replace('"currency": "EUR"', '"currency": "EUR", "volume_unit": ' + "9" * 5000)
    result = run("check", "--strict", str(json_plan(tmp_path, text)))
    # invalid input, not a health finding
    assert result.exit_code == 2 and "5000-digit integer" in result.output and "account.volume_unit" in result.output


def test_json_surrogate_pair_escapes_are_one_character(tmp_path):
    data = minimal_data()
    data["account"]["sector"] = "Rocket logistics \U0001F680"
    plan = json_plan(tmp_path, json.dumps(data, default=str))  # json.dumps writes "\ud83d\ude80"
    assert "\\ud83d\\ude80" in plan.read_text()
    result = run("context", str(plan), "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["plan"]["account"]["sector"] == "Rocket logistics \U0001F680"


def test_a_key_given_twice_in_json_is_reported(tmp_path):
    text = dumped().replace('"sector": "', '"sector": "first", "sector": "', 1)
    result = run("validate", str(json_plan(tmp_path, text)))
    assert result.exit_code == 2 and "duplicate key 'sector'" in result.output


@pytest.mark.parametrize("value", ["1767225600", "1767225600.5", '"2026-01-01T09:00:00"'])
def test_a_date_given_as_a_number_or_a_date_time_is_refused(tmp_path, value):
    text = dumped().replace('"start": "2026-01-01"', f'"start": {value}')
    assert text != dumped()
    result = run("validate", str(json_plan(tmp_path, text)))
    assert result.exit_code == 2
    assert "plan.period.start" in result.output and "YYYY-MM-DD" in result.output


# -- control characters from CRM exports ------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x85", "\x9f", "\x1b"])
def test_control_characters_are_removed_with_their_place(tmp_path, char):
    text = MINIMAL_SAMPLE.read_text().replace("cold storage", f"cold{char}storage")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 0, result.output
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "cold" in l)
    col = text.split("\n")[line - 1].index(char) + 1
    assert f"plan.yaml:{line}:{col}: warning: removed the control character U+{ord(char):04X}" in result.output
    assert "tabs" not in result.output


# -- SOURCE_DATE_EPOCH ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [("abc", "not a whole number of seconds"),
                                            ("99999999999", "after 2107-12-31"),
                                            ("-5", "not a whole number of seconds")])
def test_a_bad_source_date_epoch_is_a_clear_error(tmp_path, value, message):
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").iterdir()
                                                   if not p.name.startswith(".")]


# -- --update handles what validate accepts -------------------------------------------------------------------------

def test_update_handles_a_tab_before_a_comment(tmp_path):
    import openpyxl

    text = MINIMAL_SAMPLE.read_text().replace("  sector: Third-party logistics and cold storage",
                                              "  sector: Third-party logistics and cold storage\t# tab, then comment")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text)
    assert run("validate", str(plan)).exit_code == 0
    assert run("contacts", str(plan), "-o", str(tmp_path / "out"), "--today", "2026-11-25").exit_code == 0
    book = next((tmp_path / "out").glob("*.xlsx"))
    wb = openpyxl.load_workbook(book)
    ws = wb["Contacts"]
    ws["A4"], ws["B4"], ws["C4"] = "newc", "New Person", "Buyer"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    result = run("contacts", str(plan), "--update", str(edited), "--yes")
    assert result.exit_code == 0, result.output
    after = plan.read_text()
    assert "- id: newc" in after and "cold storage # tab, then comment" in after
    assert run("validate", str(plan)).exit_code == 0
