"""Loading plans: YAML 1.2 meaning, located problems, limits, JSON, warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kapdocs.errors import PlanError
from kapdocs.load import MAX_DEPTH, load

SAMPLES = Path(__file__).parent.parent / "samples"


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_samples_validate(sample: Path) -> None:
    # the shipped samples are the showcase: they must be valid and raise no warning
    loaded = load(sample)
    assert loaded.plan.account.name
    assert loaded.warnings == ()


def test_plain_scalars_keep_the_text_the_user_typed(tmp_path: Path) -> None:
    plan = load(write(tmp_path, """
kapdocs: 1
account: {name: Acme, sector: no, address: 01234, main_contact_method: on}
plan:
  version: 1.10
  assumptions: [1:20, yes, 2026-01-01, ~x]
meetings:
  - {id: m1, date: 2026-03-02, start: 10:00}
partnership_indicators:
  - {indicator: They call us a partner, status: no}
""")).plan
    # YAML 1.1 would read these as false, 1234, true, 1.1 and 80 (sexagesimal): the text stays as typed
    assert plan.account.sector == "no"
    assert plan.account.address == "01234"
    assert plan.account.main_contact_method == "on"
    assert plan.plan.version == "1.10"
    assert plan.plan.assumptions == ["1:20", "yes", "2026-01-01", "~x"]
    # a time is a time, not 600 minutes
    assert plan.meetings[0].start == "10:00"
    # an enumerated 'no' is the word no
    assert plan.partnership_indicators[0].status == "no"


def test_typed_fields_still_get_numbers_dates_and_booleans(tmp_path: Path) -> None:
    plan = load(write(tmp_path, """
account: {name: Acme, client_since: 2016-03-01}
needs: [{id: n1, need: Less waste, priority: 2, agreed_with_customer: true}]
sites: [{id: s1, name: Hull, share_of_wallet: 0.35, volume_target: 6000}]
""")).plan
    # the model's types decide: numbers, dates and booleans where the model wants them
    assert plan.sites[0].share_of_wallet == 0.35
    assert plan.sites[0].volume_target == 6000
    assert plan.needs[0].priority == 2 and plan.needs[0].agreed_with_customer is True
    assert plan.account.client_since.isoformat() == "2016-03-01"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(write(tmp_path, """
account:
  name: Acme
  sectr: Food
  relationship_strength: gud
team: [{id: a, name: A}, {id: a, name: B}]
sites: [{id: s1, name: Hull, share_of_wallet: 2}]
actions: [{id: x1, description: Trial, owner: nobody}]
"""))
    # five independent mistakes, five located messages, in file order
    assert len(found) == 5
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)


def test_json_plans_are_read_with_line_numbers(tmp_path: Path) -> None:
    data = {"kapdocs": 1, "account": {"name": "Acme", "currency": "EUR"},
            "sites": [{"id": "s1", "name": "Hull", "share_of_wallet": 0.5}]}
    plan = load(write(tmp_path, json.dumps(data, indent=2), "plan.json")).plan
    # JSON is typed already: numbers stay numbers
    assert plan.sites[0].share_of_wallet == 0.5 and plan.account.currency == "EUR"
    data["sites"][0]["share_of_wallet"] = "half"
    found = problems(write(tmp_path, json.dumps(data, indent=2), "bad.json"))
    # a wrong value in JSON is located like one in YAML
    assert found[0].startswith(f"{tmp_path / 'bad.json'}:11:")


def test_a_string_in_a_number_field_of_json_is_not_coerced(tmp_path: Path) -> None:
    found = problems(write(tmp_path, '{"account": {"name": 1.10}}', "p.json"))
    # JSON says 1.10 is a number; the name field wants text, so it is an error, not "1.1"
    assert "account.name" in found[0]


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, 'account: {name: "Acme\\x07 Foods", sector: "a\\r\\nb"}\n'))
    # characters XML cannot hold are dropped, CRLF becomes LF
    assert loaded.plan.account.name == "Acme Foods"
    assert loaded.plan.account.sector == "a\nb"
    # and the user is told which field was cleaned
    assert len(loaded.warnings) == 1 and "account.name" in str(loaded.warnings[0])


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("- a\n- b\n", "a plan is a mapping"),
    ("account: {name: A}\n---\naccount: {name: B}\n", "more than one YAML document"),
    ("base: &b {name: A}\naccount:\n  <<: *b\n", "merge keys"),
    ("account: [unclosed\n", "YAML syntax error"),
])
def test_unusable_files_get_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    # each is refused with a message saying what is wrong
    assert message in " ".join(problems(write(tmp_path, text)))


def test_alias_bombs_are_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 10)}]")
    lines.append("account: {name: A}")
    # 10^9 values once expanded: refused before memory runs out
    assert "aliases count" in " ".join(problems(write(tmp_path, "\n".join(lines))))


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = "account: {name: A}\nx: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert "nesting deeper" in " ".join(problems(write(tmp_path, text)))


def test_non_utf8_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes("account: {name: Café}".encode("latin-1"))
    assert "not UTF-8" in " ".join(problems(path))


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot read the file" in " ".join(problems(tmp_path / "absent.yaml"))


def test_oversized_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kapdocs.load as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    path = write(tmp_path, "account: {name: A}\n" + "# padding\n" * 20)
    assert "limited to 100 bytes" in " ".join(problems(path))


def test_paths_round_trip_to_lines() -> None:
    from kapdocs.load import format_path, parse_path

    loaded = load(SAMPLES / "northwind-foods.yaml")
    text = (SAMPLES / "northwind-foods.yaml").read_text(encoding="utf-8").splitlines()
    # a report can point at the line of any item of the plan
    assert parse_path("objectives.smart[2].owner") == ("objectives", "smart", 2, "owner")
    assert format_path(parse_path("actions[3].target.value")) == "actions[3].target.value"
    line = loaded.line_of(f"actions[{len(loaded.plan.actions) - 1}]")
    assert loaded.plan.actions[-1].id in text[line - 1] or loaded.plan.actions[-1].id in text[line]
