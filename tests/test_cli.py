"""The command line: the contract users script against."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kapdocs import __version__
from kapdocs.cli import main

ROOT = Path(__file__).parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_every_command_has_help_with_an_example() -> None:
    names = sorted(main.commands)
    # the documented commands exist
    assert {"init", "validate", "schema", "build", "plan", "qbr", "minutes"} <= set(names)
    for name in names:
        result = run(name, "--help")
        # each explains itself with an example line
        assert result.exit_code == 0 and "Example" in result.output, name


def test_help_does_not_import_the_office_libraries() -> None:
    code = ("import sys; from kapdocs.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('docx', 'pptx', 'openpyxl', 'xlsxwriter', 'matplotlib') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    # `kapdocs --help` must start fast: the office libraries load only in the commands that use them
    assert "HEAVY []" in out


def test_init_writes_a_starter_plan_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "accounts" / "acme.yaml"
    assert run("init", str(target)).exit_code == 0
    # the starter is commented and valid as written
    assert target.read_text().startswith("#")
    # its first line points editors at the schema, written beside it
    assert "$schema=kapdocs-plan.schema.json" in target.read_text().splitlines()[0]
    assert json.loads((target.parent / "kapdocs-plan.schema.json").read_text())["title"]
    assert run("validate", str(target)).exit_code == 0
    # a second init does not overwrite the user's work
    again = run("init", str(target))
    assert again.exit_code == 2 and "--force" in again.output


def test_validate_accepts_files_and_folders() -> None:
    result = run("validate", str(ROOT / "samples"))
    # every sample in the folder is checked and reported valid
    assert result.exit_code == 0
    assert result.output.count(": valid (") == len(list((ROOT / "samples").glob("*.yaml")))


def test_validate_reports_valid_and_invalid_files_together(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("account: {name: A, sectr: x}\n")
    result = run("validate", str(ROOT / "samples" / "first-draft.yaml"), str(bad))
    # one bad file fails the run, and the good one is still confirmed
    assert result.exit_code == 2
    assert "first-draft.yaml: valid" in result.output and "bad.yaml:1:" in result.output


def test_schema_is_json_schema() -> None:
    result = run("schema")
    doc = json.loads(result.output)
    assert result.exit_code == 0 and doc["$schema"].endswith("2020-12/schema")
    assert "account" in doc["required"]


def test_an_invalid_plan_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("account: {name: A}\nsites: [{id: s1}]\n")
    out = tmp_path / "out"
    # with --fail-fast, one invalid plan stops the whole build before any file is written
    result = run("build", str(bad), str(ROOT / "samples" / "first-draft.yaml"), "-o", str(out), "--fail-fast")
    assert result.exit_code == 2
    assert not out.exists() or not any(out.iterdir())
    # alone, an invalid plan writes nothing either
    assert run("build", str(bad), "-o", str(out)).exit_code == 2 and not out.exists()


def test_an_unknown_meeting_is_a_usage_error(tmp_path: Path) -> None:
    result = run("minutes", str(ROOT / "samples" / "northwind-foods.yaml"), "--meeting", "qbr-2026-q9",
                 "-o", str(tmp_path))
    # exit 2 with the nearest ids
    assert result.exit_code == 2 and "qbr-2026-q" in result.output


def test_theme_init_writes_an_editable_theme_that_builds(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    assert run("theme", "init", str(brand)).exit_code == 0
    # the three files a theme is made of, ready to restyle
    assert sorted(p.name for p in brand.iterdir()) == ["reference.docx", "reference.pptx", "theme.yaml"]
    (brand / "theme.yaml").write_text((brand / "theme.yaml").read_text().replace('"1F3A5F"', '"5B2C6F"'))
    out = tmp_path / "out"
    result = run("plan", str(ROOT / "samples" / "first-draft.yaml"), "-o", str(out), "--theme", str(brand),
                 "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    # the edited colour reaches the document
    import docx

    document = docx.Document(str(next(out.glob("*.docx"))))
    assert any('w:fill="5B2C6F"' in t._tbl.xml for t in document.tables)
    # a second init does not overwrite the user's theme
    assert run("theme", "init", str(brand)).exit_code == 2


def test_build_writes_meeting_documents_for_the_next_meeting_of_each_kind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(ROOT / "samples" / "northwind-foods.yaml"), "-o", str(out), "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    decks = sorted(p.name for p in out.glob("*.pptx"))
    # the next QBR (December); the March QBR waits until it is the next (or is asked for with --meeting),
    # and the past reviews were filed as presented
    assert decks == ["northwind-foods-plc-qbr-qbr-2026-q4.pptx"]
    assert [p.name for p in out.glob("*.ics")] == ["northwind-foods-plc-qbr-2026-q4.ics"]
    assert sorted(p.name for p in out.glob("*-preparation-*.docx")) == [
        "northwind-foods-plc-preparation-qbr-2026-q4.docx"]
    # the day after December's QBR, March's is the next one
    later = run("build", str(ROOT / "samples" / "northwind-foods.yaml"), "-o", str(tmp_path / "later"),
                "--today", "2026-12-11")
    assert later.exit_code == 0, later.output
    assert sorted(p.name for p in (tmp_path / "later").glob("*.pptx")) == [
        "northwind-foods-plc-qbr-qbr-2027-q1.pptx"]
