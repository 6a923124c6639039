"""Workshop workbooks: `kapdocs workbook` (issue 8).

Every edition is built once for the module: blank and with the rich sample as the
case, participant and facilitator, with the scoring workbook; the first draft shows
the gaps. The office tests convert everything to PDF in ONE LibreOffice run, with a
profile that recalculates spreadsheets on loading, and read the pages back.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from kapdocs.analysis import analyse, preparation_timeline
from kapdocs.analysis.partnership import POINTS, partnership_score
from kapdocs.cli import main
from kapdocs.model import Plan
from kapdocs.render.workbook import SCORING_FILE, render_workbook, workbook_file
from kapdocs.render.workbook.case import ROLE_CODES, Case
from kapdocs.render.workbook.modules import MODULES, PARTNERSHIP_INDICATORS
from kapdocs.render.workbook.scoring import SHEETS, points_formula, quadrant_formula
from kapdocs.render.workbook.timetable import FORMATS, split, timetable
from kapdocs.render.workbook.worksheets import DRAWINGS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- building -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory, rich_plan, minimal_plan, today) -> dict[str, Path]:
    """Every edition, keyed `<case>-<edition>` (case: blank, rich, draft), and the scoring workbooks."""
    root = tmp_path_factory.mktemp("workbooks")
    files: dict[str, Path] = {}
    for case, plan in (("blank", None), ("rich", rich_plan), ("draft", minimal_plan)):
        for edition in ("participant", "facilitator"):
            written = render_workbook(root / case, edition=edition, plan=plan, xlsx=edition == "facilitator",
                                      today=today)
            files[f"{case}-{edition}"] = written[0]
            if len(written) > 1:
                files[f"{case}-scoring"] = written[1]
    return files


@pytest.fixture(scope="module")
def figures(rich_plan, today):
    """The analysis of the rich sample: what the facilitator's answers must equal."""
    return analyse(rich_plan, today)


@pytest.fixture(scope="module")
def case(rich_plan, figures) -> Case:
    return Case(rich_plan, figures)


def document(path: Path):
    return docx.Document(str(path))


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def worksheet(doc, title: str, nth: int = 0):
    """The `nth` table after the worksheet heading ending with `title`, as rows of cell texts."""
    body = list(doc.element.body.iterchildren())
    start = next(i for i, el in enumerate(body) if el.tag == f"{W}p" and "".join(el.itertext()).endswith(title)
                 and el.xpath("./w:pPr/w:pStyle/@w:val") and "3" in el.xpath("./w:pPr/w:pStyle/@w:val")[0])
    tables = [el for el in body[start + 1:] if el.tag == f"{W}tbl"]
    table = docx.table.Table(tables[nth], doc._body)
    return [[c.text for c in row.cells] for row in table.rows]


def body_text(doc) -> str:
    return "\n".join(doc.element.body.itertext())


# -- content and order ------------------------------------------------------------------------


def test_the_modules_follow_the_cycle_and_each_has_its_parts() -> None:
    # eleven modules, numbered in order, each with its explanation, exercise, worksheets and questions
    assert [m.number for m in MODULES] == list(range(1, 12))
    for m in MODULES:
        assert m.explanation and m.key_points and m.exercise and m.worksheets and m.reflection, m.title
        # the facilitator has prompts and a view of good answers for every module
        assert m.prompts and m.look_for, m.title
        # every worksheet has a drawing
        assert all(w.key in DRAWINGS for w in m.worksheets), m.title
    # the twenty partnership indicators are all there
    assert len(PARTNERSHIP_INDICATORS) == 20


@pytest.mark.parametrize("key", ["blank-participant", "blank-facilitator", "rich-participant",
                                 "rich-facilitator", "draft-facilitator"])
def test_every_module_is_present_in_order(built, key) -> None:
    doc = document(built[key])
    modules = [h for h in headings(doc, 1) if h.startswith("Module ")]
    # a golden structure: "Module N: Title" as Heading 1, all eleven, in workshop order
    assert modules == [m.heading for m in MODULES]
    # cover, contents and timetable come first; the commitments page closes the workbook
    level1 = headings(doc, 1)
    assert level1[0] == "Workshop timetable" and level1[-1] == "After the workshop"
    assert doc.paragraphs[0].text == "" and any(p.style.name == "Title" for p in doc.paragraphs[:10])
    assert doc.element.body.xpath(".//w:instrText[contains(., 'TOC')]")
    # each worksheet is titled "Worksheet Na: ..." under its module
    titles = [h for h in headings(doc, 3) if h.startswith("Worksheet ")]
    assert len(titles) == sum(len(m.worksheets) for m in MODULES)


def test_both_timetables_appear(built) -> None:
    doc = document(built["blank-participant"])
    # the one-day and both days of the two-day workshop each have a table
    assert headings(doc, 2)[:3] == ["One-day workshop", "Two-day workshop, day 1", "Two-day workshop, day 2"]
    text = body_text(doc)
    # every module is timetabled
    assert all(m.heading in text for m in MODULES)


def test_participants_get_room_to_reflect_and_facilitators_get_notes(built) -> None:
    participant, facilitator = document(built["blank-participant"]), document(built["blank-facilitator"])
    # a reflection page per module for participants
    assert headings(participant, 2).count("Reflection and notes") == 11
    assert "Facilitator notes" not in headings(participant, 2)
    # facilitator notes per module for the facilitator
    assert headings(facilitator, 2).count("Facilitator notes") == 11
    # without a case there is no worked answer to show
    assert "Worked answer" not in body_text(facilitator)


# -- timetables -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_timetables_fill_working_days_and_hold_every_module_once(fmt) -> None:
    days = timetable(fmt)
    modules = [s.module for day in days for s in day if s.module is not None]
    # each module once, in order
    assert modules == [m.number for m in MODULES]
    for day in days:
        # a day runs from 9:00 to 17:00 without gaps or overlaps
        assert day[0].start == dt.time(9, 0) and day[-1].end == dt.time(17, 0)
        assert all(a.end == b.start for a, b in zip(day, day[1:]))


def test_facilitator_timings_per_module_match_the_timetable(built) -> None:
    doc = document(built["blank-facilitator"])
    timing_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Format"]
    # one timing table per module
    assert len(timing_tables) == len(MODULES)
    for module, table in zip(MODULES, timing_tables):
        one_day, two_day = ([c.text for c in row.cells] for row in table.rows[1:3])
        # the minutes are the module's, and the phases add up to them
        assert int(one_day[1]) == module.timing.one_day == sum(split(module, "one_day").values())
        assert int(two_day[1]) == module.timing.two_day == sum(split(module, "two_day").values())


# -- participant worksheets -----------------------------------------------------------------------


def test_blank_worksheets_are_empty(built) -> None:
    doc = document(built["blank-participant"])
    scoring = worksheet(doc, "Portfolio scoring")
    # no score or weighted score is pre-filled
    assert all(r[2] == "" and r[3] == "" for r in scoring[1:])
    swot = worksheet(doc, "SWOT: the customer's business")
    # the four SWOT boxes are empty
    assert swot[1] == ["", ""] and swot[3] == ["", ""]
    force = worksheet(doc, "Force field")
    # neither forces nor scores are written in
    assert all(cell == "" for row in force[1:-1] for cell in row)
    chart = worksheet(doc, "Buyers' chart")
    assert all(cell == "" for row in chart[1:] for cell in row)
    partnership = worksheet(doc, "Partnership indicators")
    # no indicator is ticked
    assert all(r[2:5] == ["", "", ""] for r in partnership[1:-1])


def test_participants_with_a_case_get_its_facts_but_not_its_analysis(built, rich_plan) -> None:
    doc = document(built["rich-participant"])
    text = body_text(doc)
    scoring = worksheet(doc, "Portfolio scoring")
    factors = [f.factor for f in rich_plan.portfolio.attractiveness + rich_plan.portfolio.strength]
    # the case's factors and weights are given ...
    assert [r[0] for r in scoring[1:] if r[0] in factors] == factors
    assert all(r[1] for r in scoring[1:] if r[0] in factors)
    # ... the scores, the axis scores and the quadrant are left to the participants
    assert all(r[2] == "" and r[3] == "" for r in scoring[1:] if r[0] in factors)
    result = worksheet(doc, "Portfolio scoring", nth=1)
    assert [r[1] for r in result] == ["", "", ""]
    force = worksheet(doc, "Force field")
    forces = [f.force for f in rich_plan.force_field.for_]
    # the forces are named, their strengths are not
    assert [r[0] for r in force[1:1 + len(forces)]] == forces
    assert all(r[1] == "" and r[3] == "" for r in force[1:])
    chart = worksheet(doc, "Buyers' chart")
    # the buyers are named; roles, influence and attitude are for the participants to judge
    assert [r[0] for r in chart[1:]] == [c.name for c in rich_plan.contacts]
    assert all(r[2:] == ["", "", "", "", ""] for r in chart[1:])
    # nothing of the case's SWOT or SMART objectives leaks into the participants' copy
    assert rich_plan.swot.strengths[0] not in text
    assert rich_plan.objectives.smart[0].text not in text


# -- facilitator answers ----------------------------------------------------------------------------


def test_facilitator_portfolio_answer_is_the_analysis(built, rich_plan, figures, case) -> None:
    doc = document(built["rich-facilitator"])
    scoring = worksheet(doc, "Portfolio scoring")
    scores = {r[0]: r[2] for r in scoring[1:]}
    # every factor carries the case's score
    for f in rich_plan.portfolio.attractiveness + rich_plan.portfolio.strength:
        assert scores[f.factor] == case.fmt.number(f.score, 1)
    result = {r[0]: r[1] for r in worksheet(doc, "Portfolio scoring", nth=1)}
    # the axis scores and the quadrant are the analysis figures
    assert result["Attractiveness score (0-10)"] == case.fmt.number(figures.portfolio.attractiveness, 2)
    assert result["Strength score (0-10)"] == case.fmt.number(figures.portfolio.strength, 2)
    assert result["Quadrant"] == figures.portfolio.quadrant
    matrix = worksheet(doc, "The customer portfolio matrix")
    # the matrix names the case in the analysis' quadrant and nowhere else
    marked = [cell for row in matrix for cell in row if rich_plan.account.name in cell]
    assert len(marked) == 1 and marked[0].startswith(figures.portfolio.quadrant)


def test_facilitator_force_field_and_partnership_are_the_analysis(built, rich_plan, figures, case) -> None:
    doc = document(built["rich-facilitator"])
    force = worksheet(doc, "Force field")
    total = force[-1]
    # the totals are the analysis totals
    assert (int(total[1]), int(total[3])) == (figures.force_field.total_for, figures.force_field.total_against)
    balance = worksheet(doc, "Force field", nth=1)[0][1]
    # the balance is the analysis balance, with its verdict
    assert balance.startswith(f"{figures.force_field.balance:+d}")
    partnership = worksheet(doc, "Partnership indicators")
    score = partnership_score(rich_plan)
    # one tick per indicator, in the column of its status
    statuses = list(POINTS)
    for row, item in zip(partnership[1:-1], rich_plan.partnership_indicators):
        assert row[2 + statuses.index(item.status)] == "✓"
    # the score is the analysis score
    assert partnership[-1][-1].startswith(f"{case.fmt.number(score.points, 1)} of {score.out_of}")


def test_facilitator_swot_buyers_and_objectives_come_from_the_case(built, rich_plan, figures, case) -> None:
    doc = document(built["rich-facilitator"])
    swot = worksheet(doc, "SWOT: our position in this account")
    # each SWOT box lists the case's items
    for cell, items in ((swot[1][0], rich_plan.swot.strengths), (swot[1][1], rich_plan.swot.weaknesses),
                        (swot[3][0], rich_plan.swot.opportunities), (swot[3][1], rich_plan.swot.threats)):
        assert all(item in cell for item in items)
    chart = {r[0]: r for r in worksheet(doc, "Buyers' chart")[1:]}
    # every buyer with roles, influence, attitude and policy level
    for c in rich_plan.contacts:
        assert chart[c.name][2] == (" ".join(ROLE_CODES[r] for r in c.roles) or "–")
        assert chart[c.name][3:6] == [c.influence, c.attitude, c.level]
    smart = worksheet(doc, "SMART objective builder")
    # the SMART objectives, each with its due date
    assert [r[0] for r in smart[1:]] == [o.text for o in rich_plan.objectives.smart]
    assert [r[3] for r in smart[1:]] == [case.date(o.due) for o in rich_plan.objectives.smart]
    top = worksheet(doc, "Top 5 and Big 5")
    big = worksheet(doc, "Top 5 and Big 5", nth=1)
    # Top 5 and Big 5 are the pipeline analysis' lists
    assert [r[1] for r in top[1:]] == [o.name for o in figures.pipeline.top5]
    assert [r[1] for r in big[1:]] == [o.name for o in figures.pipeline.big5]
    prep = worksheet(doc, "Preparation timeline")
    meeting = case.meeting("qbr")
    # the preparation dates count back from the case's next QBR
    assert [r[1] for r in prep[1:6]] == [case.date(s.date) for s in preparation_timeline(meeting)]


def test_a_first_draft_case_shows_marked_gaps(built) -> None:
    text = body_text(document(built["draft-facilitator"]))
    # absent sections are marked gaps that say what to capture, never a crash or a silent hole
    assert "Not yet captured. The case plan does not score both axes of the portfolio matrix" in text
    assert "Not yet captured. The case plan has no force field" in text


# -- handwriting ---------------------------------------------------------------------------------


def test_worksheets_are_sized_for_a_pen(built) -> None:
    doc = document(built["blank-participant"])
    usable = {round((s.page_width - s.left_margin - s.right_margin) / 360000, 1) for s in doc.sections}
    min_twips = int(0.9 * 567)
    for table in doc.tables:
        widths = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.iterchildren()]
        # every table spans the width between the margins of its page (portrait or landscape)
        assert any(abs(sum(widths) / 567 - u) < 0.2 for u in usable)
        for row in table.rows:
            if all(c.text == "" for c in row.cells):
                height = row._tr.trPr.find(f"{W}trHeight") if row._tr.trPr is not None else None
                # a row left blank to write in is at least 0.9 cm tall
                assert height is not None and int(height.get(f"{W}val")) >= min_twips


# -- scoring workbook --------------------------------------------------------------------------------


def test_scoring_formulas_come_from_kapdocs_constants() -> None:
    formula = quadrant_formula("D1", "D2", "D3")
    # the quadrant formula names the four quadrants of the analysis
    assert all(name in formula for name in ("Strategic", "Star", "Status", "Streamline"))
    # and partnership points are the analysis points
    assert points_formula("C5") == '=IF(C5="yes",1,IF(C5="partly",0.5,IF(C5="no",0,"")))'


def test_scoring_workbook_is_protected_except_its_inputs(built, rich_plan) -> None:
    book = openpyxl.load_workbook(built["rich-scoring"])
    assert book.sheetnames == list(SHEETS)
    portfolio = book["Portfolio"]
    # every sheet is protected
    assert all(book[name].protection.sheet for name in SHEETS)
    factors = {c.value: c for c in portfolio["A"] if isinstance(c.value, str)}
    first = factors[rich_plan.portfolio.attractiveness[0].factor]
    # inputs are pre-filled with the case and unlocked
    assert portfolio.cell(first.row, 2).value == rich_plan.portfolio.attractiveness[0].weight
    assert portfolio.cell(first.row, 3).value == rich_plan.portfolio.attractiveness[0].score
    assert not first.protection.locked and not portfolio.cell(first.row, 3).protection.locked
    formula = portfolio.cell(first.row, 4)
    # results are formulas, locked
    assert formula.data_type == "f" and formula.protection.locked
    texts = {f.factor for f in rich_plan.portfolio.attractiveness + rich_plan.portfolio.strength}
    # no formula carries plan text
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert not any(t in cell.value for t in texts)


def test_the_scoring_workbook_caches_the_analysis_values(built, figures) -> None:
    book = openpyxl.load_workbook(built["rich-scoring"], data_only=True)
    values = [c.value for row in book["Portfolio"].iter_rows() for c in row]
    # a program that does not recalculate still shows the analysis' quadrant and scores
    assert figures.portfolio.quadrant in values
    assert any(isinstance(v, float) and abs(v - figures.portfolio.attractiveness) < 1e-9 for v in values)


def test_plan_text_never_becomes_a_formula_or_markup(tmp_path) -> None:
    hostile = "=HYPERLINK(\"http://x\",\"y\")"
    plan = Plan.model_validate({
        "account": {"name": "<w:p>{{ 7*7 }} & Co"},
        "portfolio": {"attractiveness": [{"factor": hostile, "weight": 1, "score": 6}],
                      "strength": [{"factor": "+SUM(A1:A9)", "weight": 1, "score": 4}]},
        "force_field": {"for": [{"force": "@SUM(1)", "strength": 3}], "against": [{"force": "-2+3", "strength": 1}]},
        "partnership_indicators": [{"indicator": "=1+2", "status": "yes", "evidence": "x" * 10_000}],
    })
    docx_path, xlsx_path = render_workbook(tmp_path, edition="facilitator", plan=plan, xlsx=True,
                                           today=dt.date(2026, 11, 25))
    text = body_text(document(docx_path))
    # the text appears literally in the Word workbook
    assert "Case study: <w:p>{{ 7*7 }} & Co" in text and hostile in text
    book = openpyxl.load_workbook(xlsx_path)
    cells = {c.value: c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None}
    # and as text, never as a formula, in the scoring workbook
    for value in (hostile, "+SUM(A1:A9)", "@SUM(1)", "-2+3", "=1+2", "<w:p>{{ 7*7 }} & Co"):
        assert cells[value].data_type == "s", value


def test_cli_writes_the_named_files(tmp_path) -> None:
    sample = Path(__file__).parent.parent / "samples" / "northwind-foods.yaml"
    result = CliRunner().invoke(main, ["workbook", "--case", str(sample), "--edition", "facilitator", "--xlsx",
                                       "-o", str(tmp_path), "--today", "2026-11-25"])
    # the command writes workbook-<edition>.docx and the scoring workbook, and says so
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(
        [workbook_file("facilitator"), SCORING_FILE])
    assert f"wrote {tmp_path / SCORING_FILE}" in result.output
    # an unknown edition is a usage error
    assert CliRunner().invoke(main, ["workbook", "--edition", "trainer"]).exit_code == 2


# -- LibreOffice ------------------------------------------------------------------------------------

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
"""A LibreOffice profile that always recalculates .xlsx formulas on loading."""


def without_cached_values(source: Path, target: Path) -> Path:
    """A copy of the workbook whose formula cells hold no result: only recalculation can fill them."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                xml = data.decode("utf-8")
                xml = re.sub(r'(<c [^>]*?) t="(?:str|n|b|e)"([^>]*><f>)', r"\1\2", xml)
                data = re.sub(r"(</f>)<v>[^<]*</v>", r"\1", xml).encode("utf-8")
            zout.writestr(info, data)
    return target


@pytest.fixture(scope="module")
def pdf_texts(built, tmp_path_factory) -> dict[str, str]:
    """pdftotext -layout of the Word workbooks and of the scoring workbooks stripped of their cached results,
    all converted in one LibreOffice run that recalculates on loading."""
    from kapdocs import office

    soffice = office.find_soffice()
    if soffice is None:
        pytest.skip("needs LibreOffice")
    root = tmp_path_factory.mktemp("workbook-pdf")
    profile = root / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
    sources = {key: built[key] for key in ("blank-participant", "rich-participant", "rich-facilitator")}
    for key in ("rich-scoring", "blank-scoring"):
        sources[key] = without_cached_values(built[key], root / f"{key}.xlsx")
    inputs = root / "in"
    inputs.mkdir()
    for key, path in sources.items():
        shutil.copyfile(path, inputs / f"{key}{path.suffix}")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root / "pdf"), *sorted(str(p) for p in inputs.iterdir())],
                   check=True, capture_output=True, timeout=600)
    texts = {}
    for key in sources:
        pdf = root / "pdf" / f"{key}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {key}"
        texts[key] = office.pdf_text(pdf, layout=True)
    return texts


@pytest.mark.office
def test_both_editions_convert_to_pdf_with_every_module(pdf_texts) -> None:
    worksheets = sum(len(m.worksheets) for m in MODULES)
    for key in ("blank-participant", "rich-participant", "rich-facilitator"):
        pages = pdf_texts[key].split("\f")
        text = " ".join(pdf_texts[key].split())
        follows = "Facilitator notes" if "facilitator" in key else "In brief"
        positions = [text.find(f"{m.heading} {follows}") for m in MODULES]
        # every module is printed with its heading, in order
        assert all(p > 0 for p in positions) and positions == sorted(positions), key
        # worksheets are not squeezed together: there are more pages than worksheets
        assert len(pages) > worksheets, key


@pytest.mark.office
def test_libreoffice_computes_the_analysis_quadrant(pdf_texts, figures, case) -> None:
    text = pdf_texts["rich-scoring"]
    lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    # recalculated from the formulas alone, the quadrant is the analysis quadrant
    assert lines["Quadrant"].split()[-1] == figures.portfolio.quadrant
    # and so are the axis scores, the force field balance and the partnership score
    assert f"{figures.portfolio.attractiveness:.2f}" in lines["Attractiveness"]
    assert f"{figures.portfolio.strength:.2f}" in lines["Strength"]
    assert lines["Balance"].split()[-1] == f"{figures.force_field.balance:+d}"
    assert lines["Score"].split()[-1] == f"{case.partnership.points:.1f}"


@pytest.mark.office
def test_a_blank_scoring_workbook_shows_no_result_until_scored(pdf_texts) -> None:
    lines = {line.split()[0]: line for line in pdf_texts["blank-scoring"].splitlines() if line.strip()}
    # no scores yet: no quadrant, no error values
    assert lines["Quadrant"].split() == ["Quadrant"]
    assert "#" not in pdf_texts["blank-scoring"].replace("# ", "")


@pytest.mark.office
def test_workbook_pdf_has_contents_with_page_numbers(tmp_path):
    from click.testing import CliRunner

    from kapdocs.cli import main
    from kapdocs.office import pdf_text

    result = CliRunner().invoke(main, ["workbook", "--edition", "participant", "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "workbook-participant.pdf")
    # --pdf: LibreOffice fills the contents with page numbers before making the PDF
    assert re.search(r"Module 1: Why key accounts\.+ ?\d+", text)


def test_facilitator_core_team_and_shape_answers_come_from_the_case(built, rich_plan, figures) -> None:
    doc = document(built["rich-facilitator"])
    team = worksheet(doc, "Core team for the account")
    # what each member brings is the plan's responsibilities: no empty answer column
    brings = {r[1].split("\n")[0]: r[2] for r in team[1:]}
    for member in rich_plan.team:
        if member.responsibilities:
            assert brings[member.name] == " ".join(str(member.responsibilities).split())
    shape = worksheet(doc, "Bow-tie or diamond?", nth=1)
    # the links the key account manager holds, counted by the analysis
    assert [r[1] for r in shape if r[0] == "Links held by the key account manager"] == [
        str(figures.coverage.kam_links)]


def test_facilitator_fills_what_the_case_supplies_for_the_environment_and_agendas(built, rich_plan, case, today) -> None:
    from kapdocs.view import build_view, meeting_audience

    doc = document(built["rich-facilitator"])
    # five forces: the case's assessments open with their strength ("**High.** ..."): strength and evidence
    forces = worksheet(doc, "Five forces")
    assert [r[1] for r in forces[1:]] == ["High", "Low to medium", "Medium", "Very high", "Medium"]
    assert forces[1][2].startswith("Northwind competes with three national") and "**" not in forces[1][2]
    # PESTLE: what the case supplies, no empty judgement columns; the guidance says what a good judgement holds
    pestle = worksheet(doc, "PESTLE")
    assert pestle[0] == ["Factor", "What is changing (from the case)"]
    assert all(r[1].startswith("• ") for r in pestle[1:])
    assert "Impact and so-what" in body_text(doc)
    # the agendas: who leads each item of the case's meetings, the presenters of the meeting documents
    for title, kind in (("QBR agenda", "qbr"), ("Internal review agenda", "internal_review")):
        rows = worksheet(doc, title)
        meeting = case.meeting(kind)  # the next of its kind, else the latest
        facts = build_view(rich_plan, meeting_audience(meeting), today, meeting).meeting
        assert [r[3] for r in rows[1:]] == [facts.presented_by(i) for i in facts.agenda]
        assert all(r[3] for r in rows[1:])
    # the participant's edition leaves them to the participants
    participant = document(built["rich-participant"])
    assert [r[1] for r in worksheet(participant, "Five forces")[1:]] == [""] * 5
    assert all(not r[3] for r in worksheet(participant, "QBR agenda")[1:])
