"""LibreOffice, headless: PDFs of the Office files, and tables of contents with page numbers.

python-docx cannot lay out pages, so a Word document kapdocs writes carries its
table of contents as a field pre-filled with the headings but no page numbers
(Word fills them in when it updates fields on opening). LibreOffice can lay the
document out: `convert` opens every file in ONE `soffice` run (a private,
throw-away user profile, so it never disturbs a LibreOffice the user has open),
updates the indexes and fields of Word documents, exports each file to PDF, and
reports the page numbers it found. `fill_toc` then writes those page numbers into
kapdocs' own table of contents.

Why kapdocs never saves a .docx through LibreOffice (measured with LibreOffice
7.4): the re-saved document opens and keeps its native chart, but the chart's
series and categories lose their references into the embedded workbook
(`Sheet1!$B$1` becomes `label 0`), the chart gains a title and a date format on
its category axis, and settings.xml loses Word's compatibility options and the
update-fields flag. So LibreOffice only ever reads the document; the page numbers
are copied across into the document kapdocs wrote, which otherwise stays as it was.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import RenderError, UsageError


def _escape(text: str) -> str:
    """`text` for an XML attribute or element (xml.sax.saxutils would import urllib.request: 12 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

if TYPE_CHECKING:
    from .output import OutputFolder

PDF_SOURCES = (".docx", ".pptx", ".xlsx")
"""The files `kapdocs build --pdf` converts (calendar files have no page form)."""
_CANDIDATES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_RS, _US = "\x1e", "\x1f"
"""Separators of the macro's report: between lines of the table of contents, and between entry and page."""


@dataclass(frozen=True, slots=True)
class TocLine:
    """One entry of a table of contents as LibreOffice laid it out."""

    text: str
    page: str


@dataclass(frozen=True, slots=True)
class Converted:
    """What LibreOffice made of one file."""

    source: Path
    pdf: Path | None
    """The PDF written (None when only the table of contents was asked for)."""
    toc: list[TocLine] = field(default_factory=list)
    """The first table of contents of a Word document, refreshed: entries and page numbers."""


# -- finding LibreOffice ------------------------------------------------------------------
def find_soffice() -> str | None:
    """The LibreOffice program: `$KAPDOCS_SOFFICE`, else `soffice`/`libreoffice` on the PATH,
    else the usual install places on macOS and Windows; None when there is none."""
    chosen = os.environ.get("KAPDOCS_SOFFICE")
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if Path(c).is_file()), None)


def available() -> bool:
    """Whether LibreOffice is installed (PDF export and table-of-contents page numbers need it)."""
    return find_soffice() is not None


def require() -> str:
    """The LibreOffice program, or a `UsageError` saying how to get it."""
    found = find_soffice()
    if found is None:
        raise UsageError("--pdf needs LibreOffice, which was not found: install it (https://www.libreoffice.org, "
                         "or `apt install libreoffice-writer libreoffice-impress libreoffice-calc`), put `soffice` "
                         "on the PATH or set KAPDOCS_SOFFICE to it; or build without --pdf")
    return found


# -- the LibreOffice Basic macro that does the work ------------------------------------------
_MACRO = """\
REM kapdocs: open each file of a job list, refresh its indexes and fields, export it to PDF.
REM Job lines: source URL <TAB> PDF URL (may be empty) <TAB> end mark (readLine may keep the line break).
REM Report lines, one per job:
REM ok <TAB> table of contents (lines joined by chr 30, entry and page by chr 31) | error <TAB> message.
Option Explicit

Sub Run(sJob As String)
    Dim oFiles As Object, oIn As Object, oOut As Object, sLine As String
    On Error Goto Finish
    oFiles = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    oIn = createUnoService("com.sun.star.io.TextInputStream")
    oIn.setInputStream(oFiles.openFileRead(sJob))
    oIn.setEncoding("UTF-8")
    oOut = createUnoService("com.sun.star.io.TextOutputStream")
    oOut.setOutputStream(oFiles.openFileWrite(sJob & ".report"))
    oOut.setEncoding("UTF-8")
    Do While Not oIn.isEOF()
        sLine = oIn.readLine()
        If Len(sLine) > 0 Then oOut.writeString(Convert(sLine) & Chr(10))
    Loop
    oIn.closeInput()
    oOut.closeOutput()
Finish:
    StarDesktop.terminate()
End Sub

Function Convert(sLine As String) As String
    Dim aJob, oDoc As Object, sToc As String, sError As String
    aJob = Split(sLine, Chr(9))
    On Error Goto Failed
    Dim aLoad(0) As New com.sun.star.beans.PropertyValue
    aLoad(0).Name = "Hidden" : aLoad(0).Value = True
    oDoc = StarDesktop.loadComponentFromURL(aJob(0), "_blank", 0, aLoad())
    If IsNull(oDoc) Then
        Convert = "error" & Chr(9) & "LibreOffice could not open it"
        Exit Function
    End If
    If oDoc.supportsService("com.sun.star.text.TextDocument") Then sToc = Refresh(oDoc)
    If aJob(1) <> "" Then ExportPdf(oDoc, aJob(1))
    oDoc.close(True)
    Convert = "ok" & Chr(9) & sToc
    Exit Function
Failed:
    sError = "error " & Err & " at line " & Erl & ": " & Error$
    Resume Cleanup
Cleanup:
    On Error Resume Next
    If Not IsNull(oDoc) Then oDoc.close(True)
    Convert = "error" & Chr(9) & Join(Split(Join(Split(sError, Chr(10)), " "), Chr(9)), " ")
End Function

Function Refresh(oDoc As Object) As String
    Dim oIndexes As Object, oIndex As Object, i As Integer, iPass As Integer, sToc As String
    oIndexes = oDoc.getDocumentIndexes()
    REM twice: filling the contents can move the headings to other pages
    For iPass = 1 To 2
        For i = 0 To oIndexes.getCount() - 1
            oIndexes.getByIndex(i).update()
        Next i
        oDoc.getTextFields().refresh()
    Next iPass
    For i = 0 To oIndexes.getCount() - 1
        oIndex = oIndexes.getByIndex(i)
        If sToc = "" And oIndex.supportsService("com.sun.star.text.ContentIndex") Then
            sToc = oIndex.getAnchor().getString()
        End If
    Next i
    sToc = Join(Split(sToc, Chr(13)), "")
    Refresh = Join(Split(Join(Split(sToc, Chr(9)), Chr(31)), Chr(10)), Chr(30))
End Function

Sub ExportPdf(oDoc As Object, sUrl As String)
    Dim sFilter As String
    If oDoc.supportsService("com.sun.star.text.TextDocument") Then
        sFilter = "writer_pdf_Export"
    ElseIf oDoc.supportsService("com.sun.star.presentation.PresentationDocument") Then
        sFilter = "impress_pdf_Export"
    ElseIf oDoc.supportsService("com.sun.star.sheet.SpreadsheetDocument") Then
        sFilter = "calc_pdf_Export"
    Else
        sFilter = "draw_pdf_Export"
    End If
    Dim aData(1) As New com.sun.star.beans.PropertyValue
    aData(0).Name = "UseTaggedPDF" : aData(0).Value = True
    aData(1).Name = "ExportBookmarks" : aData(1).Value = True
    Dim aStore(1) As New com.sun.star.beans.PropertyValue
    aStore(0).Name = "FilterName" : aStore(0).Value = sFilter
    aStore(1).Name = "FilterData" : aStore(1).Value = aData()
    oDoc.storeToURL(sUrl, aStore())
End Sub
"""

_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">{elements}</library:library>
"""
_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Kapdocs" \
script:language="StarBasic">{source}</script:module>
"""
# A profile marked as set up: LibreOffice then keeps the Basic library below instead of
# overwriting the profile with its presets on first start.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse">\
<value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def _make_profile(root: Path) -> Path:
    """A fresh LibreOffice user profile holding kapdocs' macro; returns the profile folder."""
    profile = root / "profile"
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    for name in ("script.xlc", "dialog.xlc"):
        (basic / name).write_text(_LIBRARIES, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(
        _LIBRARY.format(elements='\n <library:element library:name="Kapdocs"/>\n'), encoding="utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(elements=""), encoding="utf-8")
    (basic / "Standard" / "Kapdocs.xba").write_text(_MODULE.format(source=_escape(_MACRO)),
                                                    encoding="utf-8")
    return profile


def default_timeout(files: int) -> float:
    """Seconds LibreOffice gets for `files` files: `$KAPDOCS_OFFICE_TIMEOUT`, else 60 + 30 per file."""
    chosen = os.environ.get("KAPDOCS_OFFICE_TIMEOUT", "")
    try:
        return float(chosen)
    except ValueError:
        return 60.0 + 30.0 * files


def _run_soffice(soffice: str, profile: Path, job: Path, timeout: float) -> str:
    """Run the macro on the job list in one soffice process; returns its error output."""
    command = [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={profile.as_uri()}", f'macro:///Standard.Kapdocs.Run("{job.as_uri()}")']
    posix = sys.platform != "win32"
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=posix)
    except OSError as exc:
        raise RenderError(f"cannot start LibreOffice ({soffice}): {exc.strerror or exc}") from None
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin: end the whole group
        else:
            process.kill()
        process.communicate()
        raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s; nothing was converted "
                          "(set KAPDOCS_OFFICE_TIMEOUT to allow more time)") from None
    return stderr.decode("utf-8", "replace")


def _parse_toc(text: str) -> list[TocLine]:
    lines = []
    for line in text.split(_RS):
        entry, sep, page = line.rpartition(_US)
        if sep and entry.strip():
            lines.append(TocLine(entry.replace(_US, " ").strip(), page.strip()))
    return lines


def convert(paths: Sequence[str | Path], outdir: str | Path | None, *, timeout: float | None = None
            ) -> list[Converted]:
    """Open every file in one LibreOffice run; export each to `outdir/<stem>.pdf` (no PDFs when
    `outdir` is None) after updating the indexes and fields of Word documents.

    Raises `UsageError` when LibreOffice is absent or a file is missing, `RenderError`
    (naming the file and LibreOffice's message) when a file cannot be converted.
    """
    sources = [Path(p).resolve() for p in paths]
    if not sources:
        return []
    missing = [str(p) for p in sources if not p.is_file()]
    if missing:
        raise UsageError(f"cannot convert missing files: {', '.join(missing)}")
    soffice = require()
    pdfs: list[Path | None] = [None] * len(sources)
    if outdir is not None:
        outdir = Path(outdir).resolve()
        outdir.mkdir(parents=True, exist_ok=True)
        pdfs = [outdir / (p.stem + ".pdf") for p in sources]
        clash = {p for p in pdfs if pdfs.count(p) > 1}
        if clash:
            raise UsageError(f"two files would give the same PDF: {', '.join(sorted(map(str, clash)))}")
    with tempfile.TemporaryDirectory(prefix="kapdocs-office-") as scratch:
        root = Path(scratch)
        profile = _make_profile(root)
        job = root / "job.txt"
        job.write_text("".join(f"{src.as_uri()}\t{pdf.as_uri() if pdf else ''}\t.\n"
                               for src, pdf in zip(sources, pdfs)), encoding="utf-8")
        for pdf in pdfs:
            if pdf is not None:
                pdf.unlink(missing_ok=True)
        stderr = _run_soffice(soffice, profile, job, timeout or default_timeout(len(sources)))
        report_file = root / "job.txt.report"
        report = report_file.read_text(encoding="utf-8").split("\n") if report_file.exists() else []
    results = []
    for i, (src, pdf) in enumerate(zip(sources, pdfs)):
        status, _, detail = (report[i] if i < len(report) else "").partition("\t")
        if status != "ok":
            why = detail or ("LibreOffice stopped before reaching it" + (f": {stderr.strip()[-500:]}" if stderr.strip() else ""))
            raise RenderError(f"LibreOffice could not convert {src}: {why}")
        if pdf is not None and (not pdf.is_file() or pdf.stat().st_size == 0):
            raise RenderError(f"LibreOffice did not write {pdf} for {src}")
        results.append(Converted(src, pdf, _parse_toc(detail)))
    return results


def convert_to_pdf(paths: Sequence[str | Path], outdir: str | Path, *, timeout: float | None = None) -> list[Path]:
    """PDFs of `paths` in `outdir` (one LibreOffice run; tables of contents filled first); their paths in order."""
    return [c.pdf for c in convert(paths, outdir, timeout=timeout) if c.pdf is not None]


# -- page numbers into kapdocs' own table of contents ------------------------------------------
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def fill_toc(docx: bytes, toc: Sequence[TocLine]) -> bytes | None:
    """`docx` with `toc`'s page numbers after each entry of its table-of-contents field.

    The field must hold the entries `DocxBuilder.toc` pre-fills (one paragraph per
    heading, the field's end in the last), and they must be the same headings, in the
    same order, as LibreOffice's table of contents; otherwise None (nothing to fill).
    A tab goes before each number: the TOC 1-2 styles' right tab stop with dot leader
    lines them up. Every other part of the file is kept byte for byte.
    """
    from lxml import etree

    from .reproducible import normalise_bytes

    if not toc:
        return None
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/document.xml"))
        entries = _toc_entries(root)
        if entries is None or len(entries) != len(toc):
            return None
        texts = ["".join(p.itertext()) for p in entries]
        if not all(_same(text, line.text) for text, line in zip(texts, toc)):
            return None
        for paragraph, line in zip(entries, toc):
            if not re.fullmatch(r"[0-9ivxlcdmIVXLCDM]+", line.page):
                return None
            tab, number = etree.SubElement(paragraph, _w("r")), etree.SubElement(paragraph, _w("r"))
            etree.SubElement(tab, _w("tab"))
            text = etree.SubElement(number, _w("t"))
            text.text = line.page
            end = paragraph.xpath("w:r[w:fldChar[@w:fldCharType='end']]", namespaces={"w": _W})
            if end:  # keep the field's end last
                paragraph.remove(end[0])
                paragraph.append(end[0])
        document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info, document if info.filename == "word/document.xml" else source.read(info))
    return normalise_bytes(out.getvalue())


def _toc_entries(root) -> list | None:
    """The entry paragraphs of the first TOC field: from the one after its instruction to its end."""
    ns = {"w": _W}
    instruction = next((t for t in root.iter(_w("instrText")) if (t.text or "").strip().startswith("TOC")), None)
    if instruction is None:
        return None
    start = next(a for a in instruction.iterancestors() if a.tag == _w("p"))
    if start.xpath(".//w:fldChar[@w:fldCharType='end']", namespaces=ns):
        return None  # begin and end in one paragraph: no entries pre-filled
    entries = []
    for paragraph in start.itersiblings():
        if paragraph.tag != _w("p"):
            return None
        entries.append(paragraph)
        if paragraph.xpath(".//w:fldChar[@w:fldCharType='end']", namespaces=ns):
            return entries
    return None


def refresh_docx(path: str | Path) -> bool:
    """Fill the table of contents of the Word document at `path` with page numbers from LibreOffice.

    LibreOffice opens a copy of the document, lays it out and updates its indexes and
    fields; the page numbers of its contents are then written into the document kapdocs
    wrote (the rest of it untouched; see the module docstring for why LibreOffice never
    saves it), and the result is re-opened with python-docx and checked to have every
    part, charts included, it had before. Returns True when the table of contents was filled.

    `path` may be a file a staged `OutputFolder` has not committed yet (inside
    `kapdocs build`): the filled bytes are then staged in its place. Otherwise the file is
    replaced atomically, and when the folder's manifest records it unedited the record
    follows the new bytes (an edited file stays an edited file).
    """
    from .output import staged_file

    path = Path(path)
    staged = staged_file(path)
    source = staged[0].pending[staged[1]] if staged else path
    if not source.is_file():
        raise UsageError(f"cannot fill the table of contents of {path}: no such file")
    before = source.read_bytes()
    with tempfile.TemporaryDirectory(prefix="kapdocs-toc-") as scratch:
        copy = Path(scratch) / (path.stem + ".docx")  # LibreOffice recognises the file by its name
        copy.write_bytes(before)
        (result,) = convert([copy], None)
    filled = fill_toc(before, result.toc)
    if filled is None:
        return False
    _check_docx(filled, before, path)
    if staged:
        folder, name = staged
        folder.write(name, filled)
        return True
    _replace_recorded(path, filled)
    return True


def _replace_recorded(path: Path, data: bytes) -> None:
    """Replace `path` atomically with `data`; keep its manifest record if it was unedited."""
    from .manifest import Manifest, sha256

    manifest = Manifest(path.parent)
    recorded = manifest.records.get(path.name)
    unedited = recorded is not None and recorded.sha256 == sha256(path)
    from .atomic import write_bytes

    write_bytes(path, data, mode=path.stat().st_mode & 0o7777)
    if unedited:
        manifest.record(path.name, sha256(path), recorded.plan)


def _check_docx(filled: bytes, before: bytes, path: Path) -> None:
    """The filled document still opens and has every part (charts included) the original had."""
    import docx as python_docx

    python_docx.Document(io.BytesIO(filled))
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(filled)) as b:
        if sorted(a.namelist()) != sorted(b.namelist()):
            raise RenderError(f"{path}: filling the table of contents changed the document's parts")


# -- kapdocs build --pdf ------------------------------------------------------------------------
def _chosen(folders, keep) -> list[tuple["OutputFolder", str, Path]]:
    """(folder, name, file) of every staged (else written) file of `folders` that `keep(name, file)` accepts."""
    found = []
    for folder in folders:
        files = folder.pending if folder.staged else {p.name: p for p in folder.written}
        found += [(folder, name, src) for name, src in files.items() if keep(name, src)]
    return found


def _write_as(folder: "OutputFolder", name: str, data: bytes) -> None:
    """`folder.write(name, data)` for the plan and account the staged file `name` came from."""
    plan, account = folder.plan, folder.account
    try:
        folder.plan, folder.account = folder.plan_of(name) or plan, folder.account_of(name) or account
        folder.write(name, data)
    finally:
        folder.plan, folder.account = plan, account


def publish_pdfs(folder: "OutputFolder", names: Iterable[str] | None = None, *,
                 more: Sequence["OutputFolder"] = ()) -> list[str]:
    """Add a PDF beside every Office file of `folder` (and of the folders in `more`: a batch build's
    accounts), staged files else those written, in one LibreOffice run; Word documents get their table
    of contents' page numbers first.

    The PDFs and the filled Word documents go through each folder's `write`, so they are atomic,
    recorded in the manifest and, in a staged folder, committed with the rest. Returns the
    names of the PDFs (of `folder` and `more` alike).
    """
    wanted = None if names is None else set(names)
    chosen = _chosen([folder, *more], lambda name, _: name.lower().endswith(PDF_SOURCES)
                     and (wanted is None or name in wanted))
    if not chosen:
        return []
    with tempfile.TemporaryDirectory(prefix="kapdocs-pdf-") as scratch:
        pdf_dir = Path(scratch) / "pdf"
        copies = []
        (Path(scratch) / "in").mkdir()
        for i, (_, name, src) in enumerate(chosen):  # numbered: names repeat across a batch's accounts
            copy = Path(scratch) / "in" / f"{i:05d}-{name}"
            shutil.copyfile(src, copy)
            copies.append(copy)
        results = convert(copies, pdf_dir)
        written = []
        for (target, name, _), copy, result in zip(chosen, copies, results):
            if name.lower().endswith(".docx") and result.toc:
                before = copy.read_bytes()
                filled = fill_toc(before, result.toc)
                if filled is not None:
                    _check_docx(filled, before, copy)
                    _write_as(target, name, filled)
            pdf_name = Path(name).stem + ".pdf"
            _write_as(target, pdf_name, result.pdf.read_bytes())
            written.append(pdf_name)
    return written


CONTENTS_SETTING = "KAPDOCS_CONTENTS"
"""Environment variable: `off` leaves the contents' page numbers unfilled even where LibreOffice is installed."""


def fills_contents() -> bool:
    """Whether writes fill Word contents with page numbers: LibreOffice is installed, and not turned off."""
    return os.environ.get(CONTENTS_SETTING, "auto").lower() != "off" and available()


def fill_contents(*folders: "OutputFolder") -> list[str]:
    """Fill the page numbers of every staged Word document's table of contents in `folders` (one for a build,
    one per account for a batch build), in one LibreOffice run.

    Each filled document goes through its folder's `write` (atomic, in the manifest, committed with
    the rest). Returns the names filled. Documents without a contents field are left alone.
    """
    chosen = _chosen(folders, lambda name, src: name.lower().endswith(".docx") and _has_toc(src))
    if not chosen:
        return []
    filled_names = []
    with tempfile.TemporaryDirectory(prefix="kapdocs-toc-") as scratch:
        copies = []
        for i, (_, name, src) in enumerate(chosen):
            copy = Path(scratch) / str(i) / name
            copy.parent.mkdir(parents=True)
            shutil.copyfile(src, copy)
            copies.append(copy)
        results = convert(copies, None)
        for (target, name, _), copy, result in zip(chosen, copies, results):
            before = copy.read_bytes()
            filled = fill_toc(before, result.toc)
            if filled is None:
                continue
            _check_docx(filled, before, copy)
            _write_as(target, name, filled)
            filled_names.append(name)
    return filled_names


def _has_toc(path: Path) -> bool:
    with zipfile.ZipFile(path) as z:
        return b" TOC \\o " in z.read("word/document.xml")


def pdf_text(pdf: str | Path, *, layout: bool = False) -> str:
    """The text of a PDF, by `pdftotext` (poppler-utils); `layout` keeps the page's columns."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise UsageError("pdftotext (poppler-utils) is not installed")
    command = [tool, "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    done = subprocess.run(command, capture_output=True, timeout=120)
    if done.returncode != 0:
        raise RenderError(f"pdftotext could not read {pdf}: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8", "replace")
