"""The "Plan health" appendix of the Word plan: written from the same findings as `kapdocs check`."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from kapdocs.analysis import analyse
from kapdocs.checks import SECTIONS, run
from kapdocs.checks.appendix import HEADING, health_appendix
from kapdocs.checks.report import counts_line
from kapdocs.load import load_plan
from kapdocs.model import Plan
from kapdocs.output import OutputFolder
from kapdocs.render import Job, Options
from kapdocs.render.docx_kit import DocxBuilder

TODAY = dt.date(2026, 11, 25)


def write(tmp_path, plan: Plan, name: str, **options) -> docx.document.Document:
    """A document with one body heading and the appendix, saved and opened again."""
    job = Job(plan, analyse(plan, TODAY), Options(today=TODAY, **options), OutputFolder(tmp_path / "out"))
    builder = DocxBuilder(job.theme, title="Appendix test")
    builder.heading("Executive summary", 1)
    health_appendix(builder, job)
    path = tmp_path / f"{name}.docx"
    builder.save(path)
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def rich():
    return load_plan("samples/northwind-foods.yaml")


@pytest.fixture(scope="module")
def written(tmp_path_factory, rich):
    tmp = tmp_path_factory.mktemp("appendix")
    return write(tmp, rich, "rich"), run(rich, analyse(rich, TODAY)), tmp / "rich.docx"


def test_appendix_heading_and_score(written):
    document, report, _ = written
    texts = [p.text for p in document.paragraphs]
    # a level-1 heading, so the table of contents lists it
    heading = next(p for p in document.paragraphs if p.text == HEADING)
    assert heading.style.name == "Heading 1"
    # the score line gives the score, the grade, the counts and the date judged on
    assert (f"Score {report.score} out of 100 ({report.grade}): {counts_line(report)}, "
            "judged on 25 Nov 2026.") in texts
    # the scoring is explained
    assert any(t.startswith("Score: 100 less 10 per error") for t in texts)


def test_appendix_table_lists_every_finding_by_section(written):
    document, report, _ = written
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Section")
    rows = [[c.text for c in row.cells] for row in table.rows]
    # the header row, then one row per finding
    assert rows[0] == ["Section", "Severity", "Finding", "Fix"]
    assert len(rows) == 1 + len(report.findings)
    # severity, finding and fix come straight from the check
    assert [r[1:] for r in rows[1:]] == [[f.severity.capitalize(), f.message, f.fix] for f in report.findings]
    # each section is named once, on its first row
    named = [r[0] for r in rows[1:] if r[0]]
    assert named == [SECTIONS[key] for key, _ in report.by_section()]


def test_accepted_findings_follow_with_their_reasons(written):
    document, report, _ = written
    table = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    # the findings the plan accepts close the appendix, each with the reason given in the plan
    assert rows[0] == ["Finding", "Reason", "Until"]
    assert [r[:2] for r in rows[1:]] == [[f.message, entry.reason] for f, entry in report.accepted]
    assert report.accepted


def test_customer_edition_has_no_appendix(tmp_path, rich):
    document = write(tmp_path, rich, "customer", edition="customer")
    # findings name blockers and weak relationships: never in the document the customer reads
    assert HEADING not in [p.text for p in document.paragraphs]
    assert document.tables == []


def test_a_plan_without_findings_says_so(tmp_path, monkeypatch):
    from kapdocs.checks import Report, appendix

    plan = Plan.model_validate({"account": {"name": "Spotless Ltd"}})
    monkeypatch.setattr(appendix, "run", lambda plan, figures: Report("Spotless Ltd", [], 100, TODAY))
    texts = [p.text for p in write(tmp_path, plan, "clean").paragraphs]
    # no empty table: a sentence saying the plan passes every check
    assert "No findings: the plan passes every check." in texts
    assert any(t.startswith("Score 100 out of 100 (strong)") for t in texts)


@pytest.mark.office
def test_appendix_reads_well_in_pdf(written, tmp_path):
    from kapdocs import office

    _, report, path = written
    pdf = office.convert_to_pdf([path], tmp_path)[0]
    text = " ".join(office.pdf_text(pdf).split())
    # the heading, the score line and the findings survive the round trip to PDF
    assert "Plan health" in text
    assert f"Score {report.score} out of 100" in text
    assert "Farah Ahmed" in text and "Mark it done or late" in text
