"""Reproducible builds: the same plan, theme and kapdocs version give byte-identical files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kapdocs import api
from kapdocs.output import OutputFolder
from kapdocs.render import Options
from kapdocs.reproducible import normalise_bytes, normalise_zip, zip_timestamp

ROOT = Path(__file__).parent.parent
RICH = ROOT / "samples" / "northwind-foods.yaml"

CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        b'<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">Plan</dc:title>'
        b'<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-25T09:41:07Z</dcterms:created>'
        b'<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-25T09:41:09Z</dcterms:modified>'
        b'</cp:coreProperties>')


TYPES = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         b'<Default Extension="xml" ContentType="application/xml"/>'
         b'<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>'
         b'</Types>')
RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')


def office_zip(date: tuple, core: bytes = CORE, *, nested: bytes | None = None) -> bytes:
    """A small OOXML archive written at `date`, with [Content_Types].xml not first."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("_rels/.rels", RELS), ("[Content_Types].xml", TYPES),
                           ("docProps/core.xml", core), ("word/document.xml", b"<w:document/>")]:
            z.writestr(zipfile.ZipInfo(name, date), data)
        if nested is not None:
            z.writestr(zipfile.ZipInfo("word/embeddings/Sheet1.xlsx", date), nested)
    return out.getvalue()


def test_entries_content_types_first_then_as_written() -> None:
    names = zipfile.ZipFile(io.BytesIO(normalise_bytes(office_zip((2026, 11, 25, 9, 41, 8))))).namelist()
    # Office expects [Content_Types].xml first; the rest keep the writer's order
    assert names == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml"]


def test_the_clock_does_not_change_the_bytes() -> None:
    morning = normalise_bytes(office_zip((2026, 11, 25, 9, 0, 0)))
    evening = normalise_bytes(office_zip((2026, 11, 25, 18, 30, 0),
                                         CORE.replace(b"09:41", b"18:30")))
    # zip entry dates and document-property dates no longer depend on when the file was written
    assert morning == evening


def test_dates_are_the_fixed_timestamp(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    archive = zipfile.ZipFile(io.BytesIO(normalise_bytes(office_zip((2026, 11, 25, 9, 0, 0)))))
    # every entry dated 2000-01-01, the date kapdocs writes into document properties
    assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml")
    # created and modified follow it; other properties are kept
    assert b">2000-01-01T00:00:00Z</dcterms:created>" in core
    assert b">2000-01-01T00:00:00Z</dcterms:modified>" in core
    assert b"<dc:title" in core and b">Plan<" in core


def test_source_date_epoch_sets_the_dates(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    archive = zipfile.ZipFile(io.BytesIO(normalise_bytes(office_zip((2026, 11, 25, 9, 0, 0)))))
    # the packaging convention for reproducible builds is honoured
    assert zip_timestamp() == (2026, 1, 1, 0, 0, 0)
    assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert b">2026-01-01T00:00:00Z</dcterms:created>" in archive.read("docProps/core.xml")


def test_embedded_workbooks_are_normalised_too() -> None:
    one = normalise_bytes(office_zip((2026, 1, 1, 0, 0, 0), nested=office_zip((2026, 1, 1, 0, 0, 0))))
    two = normalise_bytes(office_zip((2026, 1, 1, 0, 0, 0), nested=office_zip((2026, 5, 5, 5, 5, 4))))
    # the workbook behind a chart is itself a zip with its own dates
    assert one == two


def test_normalising_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(office_zip((2026, 11, 25, 9, 0, 0)))
    normalise_zip(path)
    once = path.read_bytes()
    normalise_zip(path)
    # normalisation is idempotent, so re-writing a normalised file is a no-op
    assert path.read_bytes() == once


def test_output_folder_normalises_office_files(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    first = folder.write("plan.docx", office_zip((2026, 11, 25, 9, 0, 0))).read_bytes()
    second = folder.write("plan.docx", office_zip((2026, 11, 25, 10, 0, 0))).read_bytes()
    # every .docx/.pptx/.xlsx written through the output folder is normalised
    assert first == second
    # a verifier sees the normalised file (normalising happens before it)
    seen = []
    folder.write("plan.docx", office_zip((2026, 1, 1, 0, 0, 0)), verify=lambda p: seen.append(p.path.read_bytes()))
    assert seen == [(tmp_path / "plan.docx").read_bytes()]


def test_output_folder_refuses_a_broken_office_file(tmp_path: Path) -> None:
    from kapdocs.errors import RenderError

    # a writer bug that produces no zip is reported, not passed on as a .docx
    with pytest.raises(RenderError, match="not produce an Office"):
        OutputFolder(tmp_path).write("plan.docx", b"not a zip")


def test_the_rich_sample_builds_byte_identical_twice(tmp_path: Path, ready_renderers, today) -> None:
    first = tmp_path / "first"
    api.build([RICH], first, Options(today=today), only=ready_renderers)
    # the second build runs in another process, with another hash seed (set iteration order)
    second = tmp_path / "second"
    code = ("import datetime, sys; from kapdocs import api; from kapdocs.render import Options; "
            "api.build([sys.argv[1]], sys.argv[2], Options(today=datetime.date(2026, 11, 25)), "
            "only=sys.argv[3].split(','))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(RICH), str(second), ",".join(ready_renderers)],
                   check=True, env=env, timeout=300)
    names = sorted(p.name for p in first.iterdir())
    # the same files...
    assert names == sorted(p.name for p in second.iterdir())
    # ...with the same bytes, manifest included
    different = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []
