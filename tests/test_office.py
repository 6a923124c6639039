"""LibreOffice: PDFs of every document, tables of contents with page numbers, clear failures.

The build with PDFs runs once for the module (one LibreOffice run for every file of both
samples); the tests read what it wrote.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from kapdocs import api, office
from kapdocs.errors import RenderError, UsageError
from kapdocs.manifest import Manifest
from kapdocs.naming import slug
from kapdocs.office import TocLine, fill_toc
from kapdocs.load import load_plan
from kapdocs.render import Options

from conftest import RICH_SAMPLE, TODAY

ROOT = Path(__file__).parent.parent
SAMPLES = [ROOT / "samples" / "northwind-foods.yaml", ROOT / "samples" / "first-draft.yaml"]


def squash(text: str) -> str:
    """Text with every run of white space made one space (pdftotext breaks lines anywhere)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory, ready_renderers, today):
    """Both samples built with --pdf into one folder: (folder, files written)."""
    if office.find_soffice() is None:
        pytest.skip("needs LibreOffice")
    out = tmp_path_factory.mktemp("pdf-build")
    written = api.build(SAMPLES, out, Options(today=today), only=ready_renderers, pdf=True)
    return out, written


@pytest.fixture(scope="module")
def accounts(rich_plan, minimal_plan) -> dict[str, str]:
    """File-name prefix (account slug) -> account name, for both samples."""
    return {slug(p.account.name): p.account.name for p in (rich_plan, minimal_plan)}


@pytest.mark.office
def test_every_office_file_has_a_pdf_beside_it(built) -> None:
    out, written = built
    sources = sorted(p.name for p in out.iterdir() if p.suffix in office.PDF_SOURCES)
    pdfs = sorted(p.name for p in out.iterdir() if p.suffix == ".pdf")
    # one PDF per Word, PowerPoint and Excel file, named after it
    assert pdfs == sorted(Path(name).stem + ".pdf" for name in sources)
    # and the build reports them among the files it wrote
    assert {p.name for p in written} >= set(pdfs)


@pytest.mark.office
def test_every_pdf_shows_its_account(built, accounts) -> None:
    out, _ = built
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        account = next(name for prefix, name in accounts.items() if pdf.name.startswith(prefix + "-"))
        text = squash(office.pdf_text(pdf))
        # every page set a customer sees names the account it is about
        assert squash(account) in text, pdf.name


@pytest.mark.office
def test_pdfs_are_recorded_in_the_manifest(built) -> None:
    out, _ = built
    records = Manifest(out).records
    # a PDF is an output like any other: protected once edited
    assert {p.name for p in out.glob("*.pdf")} <= set(records)


@pytest.mark.office
def test_the_plan_table_of_contents_has_page_numbers(built, rich_plan) -> None:
    out, _ = built
    plan_docx = out / f"{slug(rich_plan.account.name)}-key-account-plan.docx"
    if not plan_docx.exists():
        pytest.skip("the Word plan renderer is not implemented yet")
    entries = [p.text for p in docx.Document(plan_docx).paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    # the Word file itself carries LibreOffice's page numbers after each entry...
    assert entries and all(re.search(r"\t\d+$", e) for e in entries), entries[:3]
    # ...and they go up from one entry to the next
    pages = [int(e.rsplit("\t", 1)[1]) for e in entries]
    assert pages == sorted(pages) and pages[0] >= 2
    # the PDF shows the same contents with the same numbers
    first_entry, first_page = entries[0].rsplit("\t", 1)
    text = office.pdf_text(plan_docx.with_suffix(".pdf"), layout=True)
    assert re.search(re.escape(first_entry) + r"[ .]+" + first_page + r"\b", text)


@pytest.mark.office
def test_refresh_keeps_every_part_and_the_charts(built, rich_plan) -> None:
    out, _ = built
    plan_docx = out / f"{slug(rich_plan.account.name)}-key-account-plan.docx"
    if not plan_docx.exists():
        pytest.skip("the Word plan renderer is not implemented yet")
    with zipfile.ZipFile(plan_docx) as z:
        names = z.namelist()
    # native charts and their workbooks are still there after the contents were filled
    assert any(n.startswith("word/charts/chart") for n in names)
    assert any(n.startswith("word/embeddings/") for n in names)
    # and the chart data still points into the embedded workbook (LibreOffice's re-save would break that)
    with zipfile.ZipFile(plan_docx) as z:
        chart = z.read(next(n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)))
    assert b"Sheet1!$" in chart


@pytest.mark.office
def test_refresh_docx_fills_a_plain_document(tmp_path: Path) -> None:
    from kapdocs.render.docx_kit import DocxBuilder
    from kapdocs.theme import load_theme

    builder = DocxBuilder(load_theme(None), title="Contents test")
    builder.toc()
    for n in range(1, 4):
        builder.heading(f"Part {n}", 1, page_break=True)
        builder.paragraph("Body text.")
    path = tmp_path / "contents.docx"
    builder.save(path)
    # one LibreOffice run fills the contents in place
    assert office.refresh_docx(path) is True
    entries = [p.text for p in docx.Document(path).paragraphs if p.style.name == "TOC 1"]
    # each part starts on its own page after the contents page
    assert entries == ["Part 1\t2", "Part 2\t3", "Part 3\t4"]


@pytest.mark.office
def test_a_file_libreoffice_cannot_open_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"PK\x03\x04 this is not a presentation")
    # the error names the file; no PDF is claimed
    with pytest.raises(RenderError, match="broken.pptx"):
        office.convert_to_pdf([broken], tmp_path / "pdf")


# -- without LibreOffice -------------------------------------------------------------------------------
def test_pdf_without_libreoffice_is_a_usage_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    # exit code 2, before anything is written, with what to install
    with pytest.raises(UsageError, match="LibreOffice"):
        api.build(SAMPLES, tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()


def test_kapdocs_soffice_chooses_the_program(monkeypatch, tmp_path: Path) -> None:
    program = tmp_path / "my-soffice"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("KAPDOCS_SOFFICE", str(program))
    # an explicit choice wins over the PATH
    assert office.find_soffice() == str(program)
    monkeypatch.setenv("KAPDOCS_SOFFICE", str(tmp_path / "absent"))
    # and a wrong one means "not available", not a crash later
    assert office.find_soffice() is None and not office.available()


def test_missing_files_are_refused_before_libreoffice_starts(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="missing"):
        office.convert_to_pdf([tmp_path / "absent.docx"], tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as a stand-in for soffice")
def test_a_hanging_libreoffice_is_stopped(monkeypatch, tmp_path: Path) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nsleep 30 &\nwait\n")
    program.chmod(0o755)
    monkeypatch.setenv("KAPDOCS_SOFFICE", str(program))
    source = tmp_path / "plan.docx"
    source.write_bytes(b"PK")
    # a LibreOffice that never finishes is stopped after the timeout, with a message saying so
    with pytest.raises(RenderError, match="did not finish within 1 s"):
        office.convert_to_pdf([source], tmp_path / "pdf", timeout=1)


def entry_paragraphs(texts: list[str]) -> bytes:
    """A .docx whose TOC field holds `texts` the way DocxBuilder pre-fills it."""
    from kapdocs.render.docx_kit import DocxBuilder
    from kapdocs.theme import load_theme

    builder = DocxBuilder(load_theme(None), title="t")
    builder.toc()
    for text in texts:
        builder.heading(text, 1)
    builder.finish()
    buffer = io.BytesIO()
    builder.doc.save(buffer)
    return buffer.getvalue()


def test_fill_toc_writes_numbers_after_matching_entries() -> None:
    filled = fill_toc(entry_paragraphs(["Summary", "Plan"]), [TocLine("Summary", "2"), TocLine("Plan", "5")])
    entries = [p.text for p in docx.Document(io.BytesIO(filled)).paragraphs if p.style.name == "TOC 1"]
    # a tab (the style's dot-leader stop) and the page number after each heading
    assert entries == ["Summary\t2", "Plan\t5"]


def test_fill_toc_leaves_a_different_contents_alone() -> None:
    # headings that do not match LibreOffice's contents are not guessed at
    assert fill_toc(entry_paragraphs(["Summary", "Plan"]), [TocLine("Summary", "2")]) is None
    assert fill_toc(entry_paragraphs(["Summary"]), [TocLine("Overview", "2")]) is None
    assert fill_toc(entry_paragraphs(["Summary"]), []) is None



class MarkedItem:
    """Just enough of a pytest item for the office marker hook."""

    def get_closest_marker(self, name):
        return object() if name == "office" else None


def test_office_tests_skip_without_libreoffice_but_fail_on_ci(monkeypatch) -> None:
    import conftest

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    # on a workstation: skipped, saying what to install
    with pytest.raises(pytest.skip.Exception, match="LibreOffice"):
        conftest.pytest_runtest_setup(MarkedItem())
    monkeypatch.setenv("CI", "true")
    # on CI: a failure, so a CI image without LibreOffice cannot pass by skipping
    with pytest.raises(pytest.fail.Exception, match="CI"):
        conftest.pytest_runtest_setup(MarkedItem())


@pytest.mark.office
def test_a_build_fills_the_contents_page_numbers_by_default(tmp_path, monkeypatch):
    from kapdocs import api

    monkeypatch.delenv("KAPDOCS_CONTENTS", raising=False)
    written = api.render(load_plan(RICH_SAMPLE), ["plan", "minutes"], tmp_path,
                         Options(today=TODAY, meeting="qbr-2026-q4"))
    plan = next(p for p in written if p.name.endswith("key-account-plan.docx"))
    document = docx.Document(str(plan))
    entries = [p for p in document.paragraphs if re.fullmatch(r"(?i)toc \d", p.style.name)]
    # every entry of the contents ends with its page number, without Word having to update fields
    assert entries and all(re.search(r"\t\d+$", p.text) for p in entries)
    assert "1 Relationship overview and executive summary" in entries[0].text
    # documents without contents (the minutes) are written as they were
    assert not any(p.name.endswith(".pdf") for p in written)
