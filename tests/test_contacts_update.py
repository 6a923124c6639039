"""Reading an edited contact matrix back into the plan: `kapdocs contacts PLAN --update WORKBOOK`.

Every test works on copies of the samples in tmp_path: it writes the workbook, edits
it with openpyxl as a user would in Excel, and reads it back.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kapdocs import api
from kapdocs.cli import main
from kapdocs.errors import PlanError, UsageError
from kapdocs.load import load_plan
from kapdocs.render import Options, renderer
from kapdocs.readers.contact_matrix import WorkbookEditError, read_back

ROOT = Path(__file__).parent.parent
TODAY = dt.date(2026, 11, 25)


def setup(tmp_path: Path, sample: str = "northwind-foods.yaml") -> tuple[Path, Path]:
    """A copy of a sample plan and its freshly written workbook."""
    plan = tmp_path / sample
    shutil.copy(ROOT / "samples" / sample, plan)
    (workbook,) = api.render(api.load(plan), [renderer("contacts")], tmp_path / "out", Options(today=TODAY))
    return plan, workbook


def edit(workbook: Path, changes: dict[str, dict[str, object]]) -> Path:
    """Set cells as a user would: {sheet: {"B5": value}}; saved beside the original (rich text kept, as a
    spreadsheet program keeps it)."""
    book = openpyxl.load_workbook(workbook, rich_text=True)
    for sheet, cells in changes.items():
        for ref, value in cells.items():
            cell = book[sheet][ref]
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed as text (the quote prefix), not a formula
    edited = workbook.with_name("edited.xlsx")
    book.save(edited)
    return edited


def matrix_ref(workbook: Path, member: str, contact: str) -> str:
    """The Matrix cell of a team member and a contact, found by their ids."""
    ws = openpyxl.load_workbook(workbook, read_only=True)["Matrix"]
    rows = list(ws.iter_rows(values_only=True))
    row = next(i for i, r in enumerate(rows, start=1) if i > 6 and r[0] == contact)
    col = next(i for i, v in enumerate(rows[3], start=1) if v == member)
    return f"{openpyxl.utils.get_column_letter(col)}{row}"


def list_ref(workbook: Path, sheet: str, ident: str, header: str) -> str:
    """The cell of one person's field in the Contacts or Team sheet."""
    ws = openpyxl.load_workbook(workbook, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[2].index(header) + 1
    row = next(i for i, r in enumerate(rows, start=1) if i > 3 and r[0] == ident)
    return f"{openpyxl.utils.get_column_letter(col)}{row}"


# -- the round trip ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", ["northwind-foods.yaml", "first-draft.yaml"])
def test_no_change_keeps_the_plan_byte_identical(tmp_path, sample):
    plan, workbook = setup(tmp_path, sample)
    before = plan.read_bytes()
    update = read_back(plan, workbook)
    # nothing was edited, so nothing changes
    assert (update.changes, update.changed, update.diff()) == ([], False, "")
    result = CliRunner().invoke(main, ["contacts", str(plan), "--update", str(workbook), "--yes"])
    # the command says so, and the file is untouched to the byte
    assert result.exit_code == 0 and "no changes" in result.output
    assert plan.read_bytes() == before


def test_a_changed_strength_lands_in_the_yaml_with_comments_kept(tmp_path):
    plan, workbook = setup(tmp_path)
    before = plan.read_text(encoding="utf-8")
    ref = matrix_ref(workbook, "aking", "gharrison")
    edited = edit(workbook, {"Matrix": {ref: "4, quarterly"}})
    update = read_back(plan, edited)
    # one change, located and described
    assert [(c.where, c.text) for c in update.changes] == [
        (f"Matrix!{ref}", "relationship Alistair King → Graham Harrison: '3 → 4, quarterly' → '4, quarterly'")]
    update.write()
    after = plan.read_text(encoding="utf-8")
    # the strength is 4 now; the target (4) is kept, as it is reached
    assert "  - {ours: aking, theirs: gharrison, strength: 4, frequency: quarterly, target_strength: 4}\n" in after
    # exactly one line changed: comments, order and layout are as they were
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and len(before.splitlines()) == len(after.splitlines())
    assert "  # Executive sponsor" in after and "# Key account manager (10 of 28 links)" in after
    # the result is a valid plan with the new strength
    link = next(r for r in load_plan(plan).relationships if (r.ours, r.theirs) == ("aking", "gharrison"))
    assert (link.strength, link.target_strength) == (4, 4)


def test_new_removed_and_retargeted_relationships(tmp_path):
    plan, workbook = setup(tmp_path)
    edited = edit(workbook, {"Matrix": {
        matrix_ref(workbook, "hbarker", "kchen"): "2 -> 3, monthly",   # new, typed with '->'
        matrix_ref(workbook, "rpatel", "wfoster"): None,                # cleared: removed
        matrix_ref(workbook, "jsmith", "zali"): "2 → 3, weekly",         # a target added
        matrix_ref(workbook, "jsmith", "pbrown"): "3, weekly",           # the target removed
    }})
    read_back(plan, edited).write()
    links = {(r.ours, r.theirs): r for r in load_plan(plan).relationships}
    text = plan.read_text(encoding="utf-8")
    # the new link sits with Helen Barker's others, under their comment
    assert "  - {ours: hbarker, theirs: nwright, strength: 3, frequency: quarterly, target_strength: 4}\n" \
           "  - {ours: hbarker, theirs: kchen, strength: 2, frequency: monthly, target_strength: 3}\n" \
           "  # Marketing, finance and legal\n" in text
    # the cleared cell removed the relationship
    assert ("rpatel", "wfoster") not in links
    # targets follow the cells
    assert links[("jsmith", "zali")].target_strength == 3
    assert links[("jsmith", "pbrown")].target_strength is None


def test_contact_edits_and_a_new_contact(tmp_path):
    plan, workbook = setup(tmp_path)
    book = openpyxl.load_workbook(workbook, read_only=True)
    new_row = book["Contacts"].max_row + 1
    matrix_row = max(r for r, (v,) in enumerate(book["Matrix"].iter_rows(min_col=1, max_col=1, values_only=True),
                                                  start=1) if v) + 1  # below the last contact
    edited = edit(workbook, {
        "Contacts": {
            list_ref(workbook, "Contacts", "lgreen", "Title"): "Head of Sustainability",
            list_ref(workbook, "Contacts", "lgreen", "Advocate"): "yes",
            list_ref(workbook, "Contacts", "zali", "Influence"): "Medium",   # any letter case
            f"A{new_row}": "tnew", f"B{new_row}": "Tara New", f"E{new_row}": "leeds", f"F{new_row}": "manager",
            f"I{new_row}": "yes", f"L{new_row}": "high", f"O{new_row}": "aroberts",  # I: Technical
        },
    })
    # a Matrix row for the new contact, by id; (inserted rows are how users add people)
    book = openpyxl.load_workbook(edited)
    ws = book["Matrix"]
    ws.insert_rows(matrix_row)
    ws.cell(matrix_row, 1).value = "tnew"
    ws.cell(matrix_row, 10).value = "1 → 3, monthly"  # column J: Ravi Patel
    book.save(edited)
    update = read_back(plan, edited)
    texts = [c.text for c in update.changes]
    assert "contact lgreen (Lucy Green): Title 'Sustainability Manager' → 'Head of Sustainability'" in texts
    assert "contact lgreen (Lucy Green): buyer roles (empty) → 'advocate'" in texts
    assert "new contact tnew (Tara New)" in texts
    assert "new relationship Ravi Patel → Tara New: '1 → 3, monthly'" in texts
    update.write()
    new = load_plan(plan)
    lucy, tara = new.contact("lgreen"), new.contact("tnew")
    # the edits are in the plan, with the plan's own values
    assert (lucy.title, lucy.roles, new.contact("zali").influence) == ("Head of Sustainability", ["advocate"], "medium")
    assert (tara.site, tara.seniority, tara.roles, tara.influence, tara.reports_to) == (
        "leeds", "manager", ["technical"], "high", "aroberts")
    assert any((r.ours, r.theirs, r.strength, r.target_strength) == ("rpatel", "tnew", 1, 3) for r in new.relationships)
    # the new contact is written like the others: a block mapping in the model's key order
    assert "  - id: tnew\n    name: Tara New\n    site: leeds\n    seniority: manager\n    roles: [technical]\n" in \
        plan.read_text(encoding="utf-8")


def test_first_draft_gains_contacts_and_relationships(tmp_path):
    plan, workbook = setup(tmp_path, "first-draft.yaml")
    edited = edit(workbook, {"Contacts": {"A4": "jo", "B4": "Jo Ryan", "G4": "yes", "L4": "high"},
                             "Matrix": {"A8": "jo", "H8": "2 → 3, monthly"}})
    update = read_back(plan, edited)
    update.write()
    text = plan.read_text(encoding="utf-8")
    # both sections are created after the team, each after a blank line; what followed still does
    assert "    seniority: staff\n\ncontacts:\n  - id: jo\n    name: Jo Ryan\n    roles: [economic]\n" \
           "    influence: high\n\nrelationships:\n  - {ours: mdoyle, theirs: jo, strength: 2, frequency: monthly, " \
           "target_strength: 3}\n\nneeds:\n" in text
    # and the plan is valid
    assert load_plan(plan).contact("jo").name == "Jo Ryan"


# -- invalid edits --------------------------------------------------------------------------------------

def test_invalid_edits_are_reported_by_cell_and_nothing_is_written(tmp_path):
    plan, workbook = setup(tmp_path)
    before = plan.read_bytes()
    strength = matrix_ref(workbook, "jsmith", "pbrown")
    role = list_ref(workbook, "Contacts", "pbrown", "Technical")
    level = list_ref(workbook, "Contacts", "skhan", "Policy level")
    edited = edit(workbook, {
        "Matrix": {strength: "7, weekly", "A8": "nobody"},
        "Contacts": {role: "maybe", level: "decider"},
    })
    with pytest.raises(WorkbookEditError) as caught:
        read_back(plan, edited)
    problems = caught.value.problems
    name = str(edited)
    # a strength of 7, an unknown name, a role that does not exist, an unknown level: each with its cell
    assert f"{name}!Matrix!{strength}: strength 7 is out of range; use 0 (none) to 4 (trusted partner)" in problems
    assert any(p.startswith(f"{name}!Matrix!A8: unknown contact id 'nobody'") for p in problems)
    assert f"{name}!Contacts!{role}: 'maybe' in the Technical column: write 'yes' for a contact with this buyer " \
           "role, or leave it empty" in problems
    assert any(p.startswith(f"{name}!Contacts!{level}: 'decider' is not a policy level") for p in problems)
    result = CliRunner().invoke(main, ["contacts", str(plan), "--update", str(edited), "--yes"])
    # exit code 2 (invalid input), the cells in the message, and the plan untouched
    assert result.exit_code == 2 and f"{name}!Matrix!{strength}" in result.output
    assert plan.read_bytes() == before


def test_unknown_team_member_and_site_are_named(tmp_path):
    plan, workbook = setup(tmp_path)
    site = list_ref(workbook, "Contacts", "kchen", "Site")
    edited = edit(workbook, {"Matrix": {"K4": "ghost"}, "Contacts": {site: "leds"}})
    with pytest.raises(WorkbookEditError) as caught:
        read_back(plan, edited)
    problems = "\n".join(caught.value.problems)
    # the id row of the Matrix, and a site that is not in the plan (with the closest one)
    assert "Matrix!K4: unknown team member id 'ghost'" in problems
    assert f"Contacts!{site}: unknown site 'leds'; sites in the plan: hull, leeds, bristol; did you mean 'leeds'?" \
           in problems


def test_a_formula_typed_into_a_cell_is_refused(tmp_path):
    plan, workbook = setup(tmp_path)
    ref = matrix_ref(workbook, "jsmith", "pbrown")
    book = openpyxl.load_workbook(workbook)
    book["Matrix"][ref] = "=1+1"  # a real formula
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(WorkbookEditError, match=rf"Matrix!{ref}: a formula"):
        read_back(plan, tmp_path / "formula.xlsx")


def test_edits_that_make_the_plan_invalid_are_refused(tmp_path):
    plan, workbook = setup(tmp_path)
    # a new contact whose id is already a team member's: the plan's own checks catch it
    book = openpyxl.load_workbook(workbook, read_only=True)
    row = book["Contacts"].max_row + 1
    edited = edit(workbook, {"Contacts": {f"A{row}": "jsmith", f"B{row}": "Jo Smyth"}})
    with pytest.raises(PlanError, match="used in both team and contacts"):
        read_back(plan, edited)


# -- the command --------------------------------------------------------------------------------------

def test_command_shows_the_diff_and_writes_only_with_yes(tmp_path):
    plan, workbook = setup(tmp_path)
    before = plan.read_bytes()
    edited = edit(workbook, {"Matrix": {matrix_ref(workbook, "jsmith", "skhan"): "4, weekly"}})
    runner = CliRunner()
    shown = runner.invoke(main, ["contacts", str(plan), "--update", str(edited)])
    # without --yes and without a terminal: the changes and a diff, and nothing written
    assert shown.exit_code == 0, shown.output
    assert "relationship Joanna Smith → Sameer Khan: '3, weekly' → '4, weekly'" in shown.output
    assert "-  - {ours: jsmith, theirs: skhan, strength: 3, frequency: weekly}" in shown.output
    assert "+  - {ours: jsmith, theirs: skhan, strength: 4, frequency: weekly}" in shown.output
    assert "nothing written" in shown.output and plan.read_bytes() == before
    written = runner.invoke(main, ["contacts", str(plan), "--update", str(edited), "--yes"])
    # with --yes the plan is updated
    assert written.exit_code == 0 and f"updated {plan}" in written.output
    assert any((r.ours, r.theirs, r.strength) == ("jsmith", "skhan", 4) for r in load_plan(plan).relationships)


def test_a_plan_changed_since_the_workbook_was_written_keeps_its_changes(tmp_path):
    plan, workbook = setup(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("{ours: lmurray, theirs: opeters, strength: 3",
                                 "{ours: lmurray, theirs: opeters, strength: 4"), encoding="utf-8")
    update = read_back(plan, workbook)
    # the workbook still shows the older value, but nobody edited that cell: the plan's change is kept
    # (a three-way merge against what kapdocs wrote, held in the workbook's very hidden sheet)
    assert "has changed since" in update.notes[0] and "only the cells you edited" in update.notes[0]
    assert update.changes == [] and not update.changed


def test_details_edited_in_the_matrix_are_not_read(tmp_path):
    plan, workbook = setup(tmp_path)
    ref = matrix_ref(workbook, "jsmith", "pbrown")
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    edited = edit(workbook, {"Matrix": {f"C{row}": "Chief Buyer"}})
    update = read_back(plan, edited)
    # the title is edited in the Contacts sheet; here the change is reported, not applied
    assert update.changes == []
    assert update.notes == [f"{edited}!Matrix!C{row}: contact details are edited in the Contacts sheet; "
                            "this change is not read"]


def test_json_plans_are_refused(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text('{"account": {"name": "X"}}', encoding="utf-8")
    # only YAML keeps comments and layout through an update
    with pytest.raises(UsageError, match="YAML plans only"):
        read_back(plan, tmp_path / "any.xlsx")


def test_hostile_text_round_trips_unchanged(tmp_path):
    plan = tmp_path / "hostile.yaml"
    plan.write_text(
        "account:\n  name: \"=cmd|' /C calc'!A0\"\n"
        "team:\n  - {id: m1, name: \"=1+1\", title: \"-5 @x\"}\n"
        "contacts:\n"
        "  - {id: c1, name: \"+44 20\", title: \"\\tTabbed\", notes: \"line one\\nline two  \"}\n"
        "  - {id: c2, name: \"@SUM(A1)\", department: \"  spaced  \", notes: \"_x0041_ & <w:p>\"}\n"
        f"  - {{id: c3, name: Long, notes: \"{'n' * 40000}\"}}\n"
        "relationships:\n  - {ours: m1, theirs: c1, strength: 2}\n", encoding="utf-8")
    before = plan.read_bytes()
    with pytest.warns(UserWarning, match="cut to Excel's cell limit"):
        (workbook,) = api.render(api.load(plan), [renderer("contacts")], tmp_path / "out", Options(today=TODAY))
    update = read_back(plan, workbook)
    # formula triggers, tabs, spaces, markup and a note cut to the cell limit all read back as unchanged
    assert (update.changes, update.changed) == ([], False)
    assert plan.read_bytes() == before


@pytest.mark.office
def test_a_workbook_saved_by_libreoffice_reads_back_unchanged(tmp_path):
    from kapdocs import office

    plan, workbook = setup(tmp_path)
    before = plan.read_bytes()
    saved = tmp_path / "saved"
    profile = tmp_path / "profile"
    subprocess.run([office.require(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    update = read_back(plan, saved / workbook.name)
    # opened and saved again by a spreadsheet program, the workbook still means the same plan
    assert (update.changes, update.changed) == ([], False)
    assert plan.read_bytes() == before


def test_after_an_update_the_workbook_can_be_rebuilt_without_force(tmp_path):
    plan, workbook = setup(tmp_path)
    book = openpyxl.load_workbook(workbook)
    ref = matrix_ref(workbook, "jsmith", "skhan")
    book["Matrix"][ref].value = "4, weekly"
    book.save(workbook)  # the user edits the workbook kapdocs wrote, in place
    runner = CliRunner()
    rebuild = ["contacts", str(plan), "-o", str(workbook.parent), "--today", "2026-11-25"]
    # before the edits are read back, a rebuild would lose them: refused (exit 3)
    assert runner.invoke(main, rebuild).exit_code == 3
    updated = runner.invoke(main, ["contacts", str(plan), "--update", str(workbook), "--yes"])
    assert updated.exit_code == 0, updated.output
    # once they live in the plan, the workbook is kapdocs' own again and rebuilds without --force
    again = runner.invoke(main, rebuild)
    assert again.exit_code == 0, again.output
    assert openpyxl.load_workbook(workbook)["Matrix"][ref].value == "4, weekly"


def test_notes_in_markdown_are_rich_text_and_read_back_as_written(tmp_path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    plan, workbook = setup(tmp_path)
    ref = list_ref(workbook, "Contacts", "fahmed", "Notes")
    cell = openpyxl.load_workbook(workbook, rich_text=True)["Contacts"][ref].value
    # the plan's **bold** is a bold run in the cell, not asterisks
    assert isinstance(cell, CellRichText) and "**" not in str(cell)
    assert any(isinstance(b, TextBlock) and b.font.b and b.text == "2027 cost-down programme" for b in cell)
    # a program that keeps only the words (no formatting) changes nothing in the plan
    flat = openpyxl.load_workbook(workbook)
    flat.save(tmp_path / "flat.xlsx")
    assert read_back(plan, tmp_path / "flat.xlsx").changes == []
    # and a workbook written from a plan whose note has *italic* and **bold** reads back unchanged
    text = plan.read_text(encoding="utf-8").replace("Runs the **2027 cost-down programme**",
                                                    "Runs the *2027* **cost-down programme**")
    plan.write_text(text, encoding="utf-8")
    (again,) = api.render(api.load(plan), [renderer("contacts")], tmp_path / "again", Options(today=TODAY))
    runs = openpyxl.load_workbook(again, rich_text=True)["Contacts"][ref].value
    emphasised = [(b.text, bool(b.font.i), bool(b.font.b)) for b in runs
                  if isinstance(b, TextBlock) and (b.font.i or b.font.b)]
    assert emphasised == [("2027", True, False), ("cost-down programme", False, True)]
    assert read_back(plan, again).changes == []
