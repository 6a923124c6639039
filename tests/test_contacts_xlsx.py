"""The Excel contact matrix (`kapdocs contacts`, issue 5), read back with openpyxl.

Both samples are written once for the module; the coverage gaps each get a small plan
made to have them. The LibreOffice test converts every workbook in one run.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import openpyxl
import pytest

from kapdocs import api
from kapdocs.analysis import contact_coverage
from kapdocs.model import Plan
from kapdocs.render import Options, renderer
from kapdocs.render.contacts_xlsx.cells import (
    CONTACT_COLUMNS, SHEETS, TEAM_COLUMNS, LinkCell, link_choices, parse_link,
)
from kapdocs.render.contacts_xlsx.gaps import coverage_gaps
from kapdocs.render.contacts_xlsx.workbook import fingerprint
from kapdocs.xlsx_safe import CELL_LIMIT, CellTextCut, cell_text, fit, header_footer_text, needs_quote_prefix

TODAY = dt.date(2026, 11, 25)


def write(plan, out: Path) -> Path:
    """The contact-matrix workbook of `plan` (a Loaded plan or a Plan), written into `out`."""
    (path,) = api.render(plan, [renderer("contacts")], out, Options(today=TODAY))
    return path


def matrix_ids(ws) -> tuple[dict[str, int], dict[str, int]]:
    """Rows by contact id (column A) and columns by team id (row 4) on the Matrix sheet."""
    rows = {c.value: c.row for c in ws["A"][6:] if c.value}
    cols = {c.value: c.column for c in ws[4] if c.value and c.column > 7}
    return rows, cols


def table_rows(ws, table_name: str) -> list[dict[str, object]]:
    """The data rows of an Excel table as dicts keyed by header."""
    table = ws.tables[table_name]
    cells = list(ws[table.ref])
    headers = [c.value for c in cells[0]]
    return [dict(zip(headers, (c.value for c in row))) for row in cells[1:]]


@pytest.fixture(scope="module")
def rich(tmp_path_factory, rich_plan):
    path = write(rich_plan, tmp_path_factory.mktemp("contacts-rich"))
    return path, openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def minimal(tmp_path_factory, minimal_plan):
    path = write(minimal_plan, tmp_path_factory.mktemp("contacts-minimal"))
    return path, openpyxl.load_workbook(path)


# -- the workbook and its sheets ----------------------------------------------------------------------------

def test_file_name_and_sheets(rich, minimal):
    path, book = rich
    # <slug>-contact-matrix.xlsx
    assert path.name == "northwind-foods-plc-contact-matrix.xlsx"
    # Matrix first, then the lists, the buyers' chart, the coverage, and the hidden lists of the drop-downs
    assert tuple(book.sheetnames) == SHEETS == ("Matrix", "Contacts", "Team", "Buyers", "Coverage", "Lists", "kapdocs")
    assert book["Lists"].sheet_state == "hidden"
    # the minimal sample gets the same sheets
    assert tuple(minimal[1].sheetnames) == SHEETS


def test_same_plan_same_bytes(tmp_path, rich_plan):
    # a fixed creation date and fixed zip times: the same plan gives the same file
    first = write(rich_plan, tmp_path / "a").read_bytes()
    assert write(rich_plan, tmp_path / "b").read_bytes() == first


def test_properties_name_the_plan(rich, rich_plan):
    book = rich[1]
    props = {p.name: p.value for p in book.custom_doc_props}
    # the reader uses these to warn about a workbook from another account or an older plan
    assert props["kapdocs account"] == "Northwind Foods plc"
    assert props["kapdocs plan fingerprint"] == fingerprint(rich_plan)


# -- Matrix ----------------------------------------------------------------------------------------------

def test_matrix_values_for_known_pairs(rich):
    ws = rich[1]["Matrix"]
    rows, cols = matrix_ids(ws)
    # strength 3 aiming for 4, weekly (the plan's first relationship)
    assert ws.cell(rows["pbrown"], cols["jsmith"]).value == "3 → 4, weekly"
    # no target beyond today's strength: no arrow
    assert ws.cell(rows["kchen"], cols["rpatel"]).value == "4, weekly"
    # ad_hoc is shown as "ad hoc"
    assert ws.cell(rows["pbrown"], cols["pwalsh"]).value == "1 → 2, ad hoc"
    # no relationship: an empty cell
    assert ws.cell(rows["cwhitfield"], cols["jsmith"]).value is None
    # every team member has a column, every contact a row
    assert len(cols) == 10 and len(rows) == 18


def test_matrix_rows_show_the_contact(rich):
    ws = rich[1]["Matrix"]
    rows, _ = matrix_ids(ws)
    r = rows["gharrison"]
    # name, title, buyer roles (in the documents' order), influence, attitude, policy level
    assert [ws.cell(r, c).value for c in range(2, 8)] == [
        "Graham Harrison", "Chief Operating Officer", "Economic, Ultimate", "high", "supporter", "instigator"]
    # the headers name each team member and their function
    assert [ws.cell(5, c).value for c in range(1, 9)] == [
        "id", "Contact", "Title", "Buyer roles", "Influence", "Attitude", "Policy level", "Joanna Smith"]
    assert ws.cell(6, 8).value == "Sales / key account"


def test_matrix_grouped_by_site(rich):
    ws = rich[1]["Matrix"]
    rows, _ = matrix_ids(ws)
    groups = {ws.cell(r, 2).value: r for r in range(7, ws.max_row) if ws.cell(r, 1).value is None
              and ws.cell(r, 2).value in ("Hull ready meals and sauces plant", "Leeds bakery",
                                          "Bristol chilled desserts plant")}
    # one heading per site, in the plan's order, each above its contacts
    assert list(groups) == ["Hull ready meals and sauces plant", "Leeds bakery", "Bristol chilled desserts plant"]
    assert groups["Leeds bakery"] < rows["aroberts"] < groups["Bristol chilled desserts plant"] < rows["dmills"]
    # contact rows are outlined under their heading, so a site can be folded away
    assert ws.row_dimensions[rows["aroberts"]].outline_level == 1


def test_matrix_totals_follow_edits(rich):
    ws = rich[1]["Matrix"]
    rows, cols = matrix_ids(ws)
    links_col = max(cols.values()) + 1
    totals_row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value == "Links (strength 1 or more)")
    # row and column totals are formulas over the cell texts, so they change when a cell is edited
    formula = ws.cell(rows["pbrown"], links_col).value
    assert formula.startswith("=SUMPRODUCT(") and "LEFT(" in formula
    assert ws.cell(totals_row, cols["jsmith"]).value.startswith("=SUMPRODUCT(")
    cached = openpyxl.load_workbook(rich[0], data_only=True)["Matrix"]
    # the values written with them come from the analysis: Pat Brown has 3 links, strength 3+2+1
    assert (cached.cell(rows["pbrown"], links_col).value, cached.cell(rows["pbrown"], links_col + 1).value) == (3, 6)
    # Joanna Smith holds 10 links of total strength 26; 28 live links in all
    assert cached.cell(totals_row, cols["jsmith"]).value == 10
    assert cached.cell(totals_row + 1, cols["jsmith"]).value == 26
    assert cached.cell(totals_row, links_col).value == 28


def test_matrix_colour_scale_is_conditional(rich):
    ws = rich[1]["Matrix"]
    rules = [(str(rng.sqref), rule.formula[0]) for rng in ws.conditional_formatting for rule in rng.rules]
    body = "H7:Q27"  # 18 contacts under 3 site headings, 10 team members
    # one rule per strength 0-4 on the whole matrix, so colours follow edits; one draws the empty cells' grid
    assert [f for r, f in rules if r == body] == [f'LEFT(H7,1)="{s}"' for s in range(5)] + ["LEN(H7)=0"]
    # each strength rule has a fill
    fills = [rule.dxf.fill for rng in ws.conditional_formatting for rule in rng.rules if "LEFT" in rule.formula[0]]
    assert len(fills) == 5 and all(f is not None for f in fills)


def test_matrix_cells_have_a_drop_down_of_valid_texts(rich):
    book = rich[1]
    ws = book["Matrix"]
    (dv,) = [d for d in ws.data_validations.dataValidation if "H7" in str(d.sqref)]
    # the drop-down lists every canonical cell text, kept on the hidden Lists sheet
    assert dv.type == "list" and dv.formula1 == f"Lists!$A$2:$A${len(link_choices()) + 1}"
    lists = [c.value for c in book["Lists"]["A"][1:len(link_choices()) + 1]]
    assert lists == link_choices() and "2 → 4, quarterly" in lists
    # a warning, not a stop: '->' typed for the arrow is still accepted when the workbook is read back
    assert dv.errorStyle == "warning"


def test_matrix_is_print_ready_and_frozen(rich):
    ws = rich[1]["Matrix"]
    # the names and headers stay in view
    assert ws.freeze_panes == "C7"
    # landscape; ten team members do not fit one page wide at a legible size: 70% over pages across,
    # with the header rows and the contact's name and title repeated on every page
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.scale == 70 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$6" and ws.print_title_cols == "$B:$C"
    # column A's ids are not printed
    assert ws.print_area.startswith("'Matrix'!$B$1:") or ws.print_area.startswith("Matrix!$B$1:")
    # A4 by default
    assert ws.page_setup.paperSize == 9


def test_matrix_legend_states_the_cell_format(rich):
    ws = rich[1]["Matrix"]
    text = "\n".join(str(c.value) for row in ws.iter_rows(min_col=2, max_col=3) for c in row if c.value)
    # how to read and type a cell, what each strength means, how to read edits back
    assert "2 → 4, quarterly" in text and "'->' may be typed" in text
    assert all(f"{s} {w}" in text for s, w in [(0, "none"), (1, "aware"), (2, "working"), (3, "good"),
                                                  (4, "trusted partner")])
    assert "--update" in text


# -- Contacts and Team ------------------------------------------------------------------------------------

def test_contacts_table_lists_every_field(rich, rich_plan):
    ws = rich[1]["Contacts"]
    rows = table_rows(ws, "CustomerContacts")
    # every contact, with the sheet's columns as table headers
    assert [r["id"] for r in rows] == [c.id for c in rich_plan.contacts]
    assert list(rows[0]) == [c.header for c in CONTACT_COLUMNS]
    row = next(r for r in rows if r["id"] == "jlawson")
    # 'yes' under each buyer role the contact plays
    assert (row["Technical"], row["Advocate"], row["Economic"]) == ("yes", "yes", None)
    assert (row["Site"], row["Seniority"], row["Reports to"], row["Influence"]) == ("hull", "director", "nwright",
                                                                                  "high")
    # the table has a filter
    assert ws.tables["CustomerContacts"].autoFilter is not None


def _validations(ws) -> dict[str, object]:
    """Data validations by the header of the column they cover."""
    headers = {c.column_letter: c.value for c in ws[3] if c.value}
    out = {}
    for dv in ws.data_validations.dataValidation:
        letter = re.match(r"([A-Z]+)", str(dv.sqref)).group(1)
        out[headers[letter]] = dv
    return out


def test_every_enumerated_column_has_a_drop_down(rich):
    book = rich[1]
    contacts, team = _validations(book["Contacts"]), _validations(book["Team"])
    enumerated = {"Seniority", "Economic", "Ultimate", "Technical", "End user", "Advocate", "Influence",
                  "Attitude", "Policy level", "Site", "Reports to"}
    # roles, influence, attitude, level, seniority (and the site and manager references)
    assert set(contacts) == enumerated
    assert {"Function", "Seniority"} == set(team)
    # each is a list that stops invalid values
    assert all(dv.type == "list" and (dv.errorStyle or "stop") == "stop" for dv in [*contacts.values(), *team.values()])
    # the allowed values are the plan format's
    assert contacts["Attitude"].formula1 == '"champion,supporter,neutral,sceptic,blocker"'
    assert contacts["Advocate"].formula1 == '"yes"'
    assert team["Function"].formula1.startswith('"sales,marketing,technical')
    # rows added below the table keep the drop-downs
    assert str(contacts["Influence"].sqref).endswith(str(3 + 18 + 300))


def test_team_table(rich, rich_plan):
    rows = table_rows(rich[1]["Team"], "OurTeam")
    # every team member with every field
    assert [r["id"] for r in rows] == [m.id for m in rich_plan.team]
    assert list(rows[0]) == [c.header for c in TEAM_COLUMNS]
    assert rows[1]["Function"] == "executive" and rows[1]["Seniority"] == "board"


# -- Buyers --------------------------------------------------------------------------------------------

def _no_role_heading(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1)
                if str(ws.cell(r, 1).value).startswith("Contacts with no buyer role"))


def test_buyers_chart_has_a_column_per_role(rich):
    ws = rich[1]["Buyers"]
    end = _no_role_heading(ws)
    # economic/ultimate, technical, end users, advocates
    assert [ws.cell(4, c).value for c in range(1, 5)] == [
        "Economic and ultimate decision-makers", "Technical decision-makers", "End users", "Advocates"]
    columns = {c: [str(ws.cell(r, c).value) for r in range(6, end) if ws.cell(r, c).value] for c in range(1, 5)}
    # each card starts with the name, then the title, then influence and attitude
    assert columns[1][0].split("\n") == ["Catherine Whitfield", "Chief Executive Officer",
                                         "influence high · neutral · ultimate"]
    names = {c: [card.split("\n")[0] for card in cards] for c, cards in columns.items()}
    assert "Pat Brown" in names[1] and "Nicola Wright" in names[2] and "Derek Mills" in names[3]
    # advocates: by role, or a champion's attitude
    assert names[4] == ["Nicola Wright", "James Lawson", "Alison Roberts"]


def test_contacts_without_a_role_are_listed_apart(rich):
    ws = rich[1]["Buyers"]
    heading = _no_role_heading(ws)
    cards = " ".join(str(ws.cell(r, c).value) for r in range(6, heading) for c in range(1, 5))
    apart = [ws.cell(r, 1).value for r in range(heading + 2, ws.max_row + 1) if ws.cell(r, 1).value]
    # Lucy Green and Zara Ali play no buyer role: not forced into a column
    assert apart == ["Lucy Green", "Zara Ali"]
    assert "Lucy Green" not in cards and "Zara Ali" not in cards


# -- Coverage ----------------------------------------------------------------------------------------

def coverage_rows(path: Path) -> list[dict[str, object]]:
    return table_rows(openpyxl.load_workbook(path)["Coverage"], "CoverageGaps")


def test_coverage_of_the_rich_sample(rich):
    ws = rich[1]["Coverage"]
    summary = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(4, 12)}
    # the diamond: the KAM holds 10 of the 28 live relationships
    assert summary["Relationship shape"] == "Diamond: the key account manager holds 10 of 28 live relationships (36%)"
    rows = coverage_rows(rich[0])
    gaps = {(r["Gap"], r["Who"]) for r in rows}
    # Farah Ahmed (CFO, high influence) is only known by the sponsor (strength 1)
    assert ("High-influence contact, best relationship 1 (aware)", "Farah Ahmed (Chief Financial Officer)") in gaps
    # Pat Brown signs off and only managers meet her
    assert ("Decision-maker not met at matching seniority", "Pat Brown (director)") in gaps
    # every gap has a suggested fix; High first
    assert all(r["Suggested fix"] for r in rows)
    assert [r["Priority"] for r in rows] == sorted((r["Priority"] for r in rows),
                                                    key=["High", "Medium", "Low"].index)


def _gap_plan(**change) -> Plan:
    """A small account with no coverage gap, then `change` applied (to contacts, relationships...)."""
    data = {
        "account": {"name": "Gap Test Ltd", "key_account_manager": "kam", "executive_sponsor": "boss"},
        "team": [{"id": "kam", "name": "Kim Kam", "seniority": "manager"},
                 {"id": "boss", "name": "Bo Boss", "seniority": "board", "function": "executive"},
                 {"id": "tech", "name": "Tess Tech", "seniority": "director", "function": "technical"}],
        "contacts": [
            {"id": "e1", "name": "Eve Econ", "seniority": "director", "roles": ["economic"], "influence": "high",
             "attitude": "supporter", "level": "instigator"},
            {"id": "t1", "name": "Tom Tech", "seniority": "manager", "roles": ["technical"], "level": "influencer"},
            {"id": "u1", "name": "Uma User", "seniority": "staff", "roles": ["end_user"], "level": "implementer"},
            {"id": "a1", "name": "Ann Advo", "seniority": "manager", "roles": ["advocate"], "attitude": "champion",
             "level": "influencer"},
        ],
        "relationships": [
            {"ours": "boss", "theirs": "e1", "strength": 3}, {"ours": "kam", "theirs": "e1", "strength": 2},
            {"ours": "tech", "theirs": "t1", "strength": 3}, {"ours": "kam", "theirs": "u1", "strength": 2},
            {"ours": "kam", "theirs": "a1", "strength": 3}, {"ours": "tech", "theirs": "u1", "strength": 2},
            {"ours": "boss", "theirs": "a1", "strength": 2},
        ],
    }
    for key, value in change.items():
        section, _, ident = key.partition("__")
        if not ident:
            data[section] = value
        else:
            target = next(p for p in data[section] if p.get("id") == ident or
                          f"{p.get('ours')}_{p.get('theirs')}" == ident)
            target.update(value)
    return Plan.model_validate(data)


def test_the_gap_test_plan_has_no_gap():
    # the starting point of every case below is fully covered
    assert coverage_gaps(_gap_plan(), contact_coverage(_gap_plan())) == []


_REMOVE_SENIOR_LINKS = [r for r in _gap_plan().model_dump()["relationships"]
                        if (r["ours"], r["theirs"]) != ("boss", "e1")]
GAP_CASES = {
    "no economic decision-maker": ({"contacts__e1": {"roles": []}}, "Nobody identified as economic decision-maker",
                                   "Economic"),
    "no technical decision-maker": ({"contacts__t1": {"roles": []}}, "Nobody identified as technical decision-maker",
                                    "Technical"),
    "no end user": ({"contacts__u1": {"roles": []}}, "Nobody identified as end user", "End user"),
    "a role with nobody covering it": ({"relationships__tech_t1": {"strength": 1}},
                                       "No working relationship with any technical decision-maker", "Tom Tech"),
    "no advocate": ({"contacts__a1": {"roles": [], "attitude": "supporter"}}, "No advocate", "Advocate"),
    "an advocate not developed": ({"relationships__kam_a1": {"strength": 1}, "relationships__boss_a1": {"strength": 1}},
                                  "No working relationship with any advocate", "Ann Advo"),
    "high influence, weak relationship": ({"contacts__t1": {"influence": "high"},
                                           "relationships__tech_t1": {"strength": 1}},
                                          "High-influence contact, best relationship 1 (aware)", "Tom Tech"),
    "high influence, no relationship": ({"contacts__t1": {"influence": "high"},
                                         "relationships": [r for r in _gap_plan().model_dump()["relationships"]
                                                           if r["theirs"] != "t1"]},
                                        "High-influence contact with no relationship", "Tom Tech"),
    "economic decision-maker not met at matching seniority": ({"relationships": _REMOVE_SENIOR_LINKS},
                                                              "Decision-maker not met at matching seniority",
                                                              "Eve Econ (director)"),
    "other senior contact not met at matching seniority": ({"contacts__u1": {"seniority": "director"},
                                                            "relationships__tech_u1": {"strength": 0}},
                                                           "Senior contact not met at matching seniority",
                                                           "Uma User (director)"),
    "a policy level with nobody": ({"contacts__e1": {"level": "influencer"}}, "No contact at the instigator level",
                                   "Instigator"),
    "a policy level not covered": ({"contacts__u1": {"level": "implementer"}, "relationships__kam_u1": {"strength": 1},
                                    "relationships__tech_u1": {"strength": 1}},
                                   "No working relationship at the implementer level", "Uma User"),
    "a relationship below its target": ({"relationships__kam_u1": {"target_strength": 4}},
                                        "Below target: 2 (working) → 4 (trusted partner)", "Kim Kam → Uma User"),
    "a bow-tie": ({"relationships": [r for r in _gap_plan().model_dump()["relationships"]
                                     if (r["ours"], r["theirs"]) not in {("tech", "u1"), ("boss", "a1")}]},
                  "Bow-tie: the key account manager holds 3 of 5 live relationships (60%)", "Kim Kam"),
    "no contacts yet": ({"contacts": [], "relationships": []}, "Not yet captured: no customer contacts", None),
    "no relationships yet": ({"relationships": []}, "Not yet captured: no relationships", None),
}


@pytest.mark.parametrize("case", list(GAP_CASES))
def test_each_coverage_gap_is_found(case, tmp_path):
    change, gap, who = GAP_CASES[case]
    rows = coverage_rows(write(_gap_plan(**change), tmp_path))
    found = [r for r in rows if r["Gap"] == gap]
    # the gap is listed, with the contact or role concerned and a suggested fix
    assert found, [r["Gap"] for r in rows]
    assert who is None or found[0]["Who"] == who
    assert len(str(found[0]["Suggested fix"])) > 20


def test_seniority_fix_names_someone_senior_enough(tmp_path):
    rows = coverage_rows(write(_gap_plan(relationships=_REMOVE_SENIOR_LINKS), tmp_path))
    fix = next(r["Suggested fix"] for r in rows if r["Gap"] == "Decision-maker not met at matching seniority")
    # the executive sponsor first, then our director; today only the KAM (a manager) meets her
    assert fix.startswith("Ask Bo Boss or Tess Tech to meet them") and "Kim Kam (manager)" in fix


# -- a first draft --------------------------------------------------------------------------------------

def test_first_draft_marks_what_is_not_captured(minimal):
    book = minimal[1]
    text = {name: " ".join(str(c.value) for row in book[name].iter_rows() for c in row if c.value)
            for name in ("Matrix", "Contacts", "Buyers", "Coverage")}
    # every sheet is there, and says what to capture instead of crashing or staying silently empty
    assert all("Not yet captured" in t for t in text.values())
    # the team is there to fill in: Maeve Doyle's column, and the Team table
    assert "Maeve Doyle" in text["Matrix"]
    assert [r["id"] for r in table_rows(book["Team"], "OurTeam")] == ["mdoyle", "fbrennan"]


# -- untrusted text -----------------------------------------------------------------------------------

HOSTILE_NAMES = ["=HYPERLINK(\"http://x\",\"y\")", "+44 20 7946 0000", "-1+2", "@SUM(A1)", "\tTabbed", "<w:p>x",
                 "{{ 7*7 }}", "שלום", "🚀 Rocket", "_x0041_ literal"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    contacts = [{"id": f"c{i}", "name": name, "title": name, "department": name, "notes": name}
                for i, name in enumerate(HOSTILE_NAMES)]
    contacts.append({"id": "long", "name": "Long Notes", "notes": "n" * (CELL_LIMIT + 100)})
    plan = Plan.model_validate({
        "account": {"name": "=cmd|' /C calc'!A0 & Co"},
        "team": [{"id": "m1", "name": "=1+1", "title": "-5"}],
        "contacts": contacts,
        "relationships": [{"ours": "m1", "theirs": "c0", "strength": 2}],
    })
    with pytest.warns(CellTextCut, match=r"Contacts!R\d+: text of 32,867 characters cut"):
        path = write(plan, tmp_path_factory.mktemp("contacts-hostile"))
    return path, openpyxl.load_workbook(path)


def test_hostile_text_stays_text(hostile):
    book = hostile[1]
    ws = book["Contacts"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4) if r[0].value}
    for i, name in enumerate(HOSTILE_NAMES):
        cell = rows[f"c{i}"][1]
        # the exact characters, in a string cell, never a formula
        assert (cell.value, cell.data_type) == (name, "s")
        # a formula trigger at the start also gets the quote prefix, so editing keeps it text
        assert cell.quotePrefix == needs_quote_prefix(name)
    # the only formulas in the workbook are kapdocs' own totals
    formulas = [c.value for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(re.match(r"^=(SUMPRODUCT|SUM)\(", f) for f in formulas)
    # the Matrix shows the hostile team member's name as text too
    matrix = book["Matrix"]
    assert (matrix["H5"].value, matrix["H5"].data_type, matrix["H5"].quotePrefix) == ("=1+1", "s", True)


def test_text_over_the_cell_limit_is_cut(hostile):
    ws = hostile[1]["Contacts"]
    notes = next(r[-1].value for r in ws.iter_rows(min_row=4) if r[0].value == "long")
    # Excel keeps at most 32,767 characters in a cell
    assert len(notes) == CELL_LIMIT


def test_xlsx_safe_rules():
    # triggers: = + - @ tab CR
    assert [needs_quote_prefix(t) for t in ("=a", "+a", "-a", "@a", "\ta", "\ra", "a=", " =a")] == [
        True] * 6 + [False, False]
    # an emoji counts two UTF-16 units; a cut never splits one
    assert fit("😀" * 3, 5) == ("😀😀", True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # short text is left alone, without a warning
        assert cell_text("=x") == cell_text("=x") and cell_text("=x").quote_prefix
    # a single & starts a header code in Excel: doubled
    assert header_footer_text("Smith & Sons") == "Smith && Sons"


# -- the cell format -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, cell", [
    ("2 → 4, quarterly", LinkCell(2, 4, "quarterly")),
    ("3, monthly", LinkCell(3, None, "monthly")),
    ("  3 ,Monthly ", LinkCell(3, None, "monthly")),
    ("2->4", LinkCell(2, 4, None)),
    ("1 → 2, ad hoc", LinkCell(1, 2, "ad_hoc")),
    ("1, ad_hoc", LinkCell(1, None, "ad_hoc")),
    ("2 → 2, weekly", LinkCell(2, None, "weekly")),
    (3, LinkCell(3)),
    (4.0, LinkCell(4)),
    ("", None),
    (None, None),
])
def test_matrix_cell_text_is_parsed_strictly(text, cell):
    # every documented form, and a bare number (what a spreadsheet makes of "3")
    assert parse_link(text) == cell


@pytest.mark.parametrize("text, message", [
    ("7", "strength 7 is out of range"),
    ("2 → 9", "target 9 is out of range"),
    ("3, fortnightly", "'fortnightly' is not a frequency"),
    ("good", "'good' is not a relationship"),
    ("2.5", "not a whole number"),
])
def test_invalid_matrix_cells_say_why(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_link(float(text) if text == "2.5" else text)


def test_every_canonical_text_parses_back():
    # the drop-down's values read back as themselves
    assert all(parse_link(t).text == t for t in link_choices())


# -- LibreOffice ------------------------------------------------------------------------------------

@pytest.mark.office
def test_libreoffice_converts_the_workbooks(rich, minimal, hostile, tmp_path):
    from kapdocs import office

    pdfs = office.convert_to_pdf([rich[0], minimal[0], hostile[0]], tmp_path)
    text = office.pdf_text(pdfs[0])
    # every sheet prints: the matrix with its legend, the lists, the buyers' chart, the coverage
    for expected in ("Northwind Foods plc: contact matrix", "trusted partner", "Customer contacts: Northwind Foods plc",
                     "Our team: Northwind Foods plc", "Buyers' chart: Northwind Foods plc",
                     "Coverage: Northwind Foods plc", "3 → 4, weekly"):
        assert expected in text
    # the first draft converts too, and says what is missing
    assert "Not yet captured" in office.pdf_text(pdfs[1])
    # hostile names print as typed, not evaluated
    assert "=1+1" in office.pdf_text(pdfs[2])
