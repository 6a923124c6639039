"""Each Office file is written once: saved straight into its reproducible form, checked at the zip and
XML level, never rewritten or parsed a third time (speed issue)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from kapdocs import reproducible
from kapdocs.errors import RenderError
from kapdocs.ooxml import check_package
from kapdocs.output import OutputFolder
from kapdocs.reproducible import building_on, is_normalised, normalise_bytes, save_office


def _document() -> docx.document.Document:
    document = docx.Document()
    document.add_heading("Joint account plan", 1)
    document.add_paragraph("Grow the chilled range together.")
    document.core_properties.created = dt.datetime(2026, 11, 25, 9, 41)
    return document


def _deck():
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Quarterly business review"
    slide.notes_slide.notes_text_frame.text = "Open with the service figures."
    return deck


@pytest.mark.parametrize("make", [_document, _deck], ids=["docx", "pptx"])
def test_written_once_equals_the_old_save_then_rewrite(make) -> None:
    # the library's own save followed by the reproducibility rewrite gave these bytes; writing once gives
    # the same bytes (so every file kapdocs wrote before reads the same)
    with building_on(dt.date(2026, 11, 25)):
        document = make()
        once, saved = io.BytesIO(), io.BytesIO()
        save_office(document, once)
        document.save(saved)
        assert once.getvalue() == normalise_bytes(saved.getvalue())
        assert is_normalised(io.BytesIO(once.getvalue()))
        assert not is_normalised(io.BytesIO(saved.getvalue()))  # dated now, [Content_Types].xml not first


def test_the_output_folder_does_not_rewrite_a_file_written_once(tmp_path: Path, monkeypatch) -> None:
    def no_rewrite(path):
        raise AssertionError("a file written once was rewritten")

    monkeypatch.setattr(reproducible, "normalise_zip", no_rewrite)
    seen = []
    with building_on(dt.date(2026, 11, 25)):
        document = _document()
        OutputFolder(tmp_path).write("plan.docx", lambda path: save_office(document, path),
                                     verify=lambda package: seen.append(package.has_paragraphs()))
    assert seen == [True]
    assert docx.Document(str(tmp_path / "plan.docx")).paragraphs[1].text == "Grow the chilled range together."


def _rewritten(data: bytes, change) -> bytes:
    """`data` (an Office file) with its entries passed through `change(name, content)` (None drops one)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _good() -> bytes:
    out = io.BytesIO()
    save_office(_document(), out)
    return out.getvalue()


@pytest.mark.parametrize("damage, says", [
    (lambda data: data[: len(data) // 2], "did not re-open"),
    (lambda data: _rewritten(data, lambda n, c: None if n == "word/styles.xml" else c), "word/styles.xml"),
    (lambda data: _rewritten(data, lambda n, c: c.replace(b'Extension="xml"', b'Extension="xm"')
                             if n == "[Content_Types].xml" else c), "has no content type"),
    (lambda data: _rewritten(data, lambda n, c: c[:-20] if n == "word/_rels/document.xml.rels" else c),
     "not well-formed"),
    (lambda data: _rewritten(data, lambda n, c: None if n == "[Content_Types].xml" else c), "Content_Types"),
], ids=["truncated", "missing part", "no content type", "broken xml", "no content types"])
def test_a_damaged_package_is_refused_with_what_is_wrong(tmp_path: Path, damage, says) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(damage(_good()))
    with pytest.raises(RenderError, match=says):
        check_package(path, "plan.docx").close()


def test_a_corrupted_entry_is_caught_by_its_crc(tmp_path: Path) -> None:
    data = bytearray(_good())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode())  # local header, name, no extra field
    data[start + info.compress_size // 2] ^= 0xFF
    path = tmp_path / "plan.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(RenderError, match="did not re-open"):
        check_package(path, "plan.docx").close()


def test_the_checked_package_answers_what_renderers_verify(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    save_office(_deck(), path)
    package = check_package(path, "deck.pptx")
    try:
        assert package.main == "ppt/presentation.xml"
        assert package.slide_count() == 1
    finally:
        package.close()
    with pytest.raises(RenderError, match="expected word/document.xml"):
        check_package(path, "deck.docx")  # a deck under a Word name


def test_a_reference_document_is_parsed_once_and_each_document_gets_its_own_copy(tmp_path: Path) -> None:
    from kapdocs.render import reference

    path = tmp_path / "reference.docx"
    save_office(_document(), path)
    first, second = reference.fresh(path), reference.fresh(path)
    first.add_paragraph("Only in the first.")
    assert [p.text for p in second.paragraphs] == ["Joint account plan", "Grow the chilled range together."]
    # a theme edited while kapdocs runs (a long batch) is read again
    edited = _document()
    edited.add_paragraph("Edited reference.")
    save_office(edited, path)
    assert reference.fresh(path).paragraphs[-1].text == "Edited reference."
