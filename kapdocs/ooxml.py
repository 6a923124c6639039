"""Checking an Office file kapdocs has just written, at the zip and XML level.

`OutputFolder.write` checks every file before it replaces an older one. Re-opening it with the
library that wrote it (python-docx, python-pptx, openpyxl) would parse every part a third time (after
building and saving) and cost more than writing it; `check_package` reads what a broken package would
get wrong instead:

- the zip's central directory, and every entry inflated against its CRC (`ZipFile.testzip`): a
  truncated or corrupted file is refused;
- `[Content_Types].xml` parses and gives every part a content type;
- every relationship part parses and each internal target is a part of the package;
- the package relationship names the main part the document kind needs (`word/document.xml`,
  `ppt/presentation.xml`, `xl/workbook.xml`).

Only the small XML parts are parsed (content types, relationships, and what a caller asks for:
the deck's slide list, the workbook's sheet names); the document's own body is not.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .errors import RenderError

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN = {".docx": "word/document.xml", ".pptx": "ppt/presentation.xml", ".xlsx": "xl/workbook.xml"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def rels_source_folder(rels: str) -> str:
    """The folder a relationship part's targets are relative to: `word/_rels/document.xml.rels` -> `word`."""
    return posixpath.dirname(posixpath.dirname(rels))


def target_part(folder: str, target: str) -> str:
    """The part an internal relationship's `Target` names, from the folder its source part is in."""
    return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


@dataclass
class Package:
    """A written package that passed `check_package`: its zip, open until `close()`."""

    path: Path
    archive: zipfile.ZipFile
    main: str
    """The main part, e.g. `ppt/presentation.xml`."""

    def xml(self, name: str) -> etree._Element:
        """A part of the package, parsed (for the small parts a check needs)."""
        return etree.fromstring(self.archive.read(name), _PARSER)

    def slide_count(self) -> int:
        """The slides a presentation lists (`p:sldIdLst`)."""
        ns = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
        return len(self.xml(self.main).findall(f"{ns}sldIdLst/{ns}sldId"))

    def sheet_names(self) -> list[str]:
        """The sheets a workbook lists, in order."""
        ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        return [sheet.get("name", "") for sheet in self.xml(self.main).iterfind(f"{ns}sheets/{ns}sheet")]

    def has_paragraphs(self) -> bool:
        """Whether a Word document's body holds a paragraph (found in its bytes, not parsed)."""
        body = self.archive.read(self.main)
        return b"<w:p>" in body or b"<w:p " in body

    def close(self) -> None:
        self.archive.close()


def check_package(path: str | Path, name: str) -> Package:
    """Check the Office file at `path` (shown to the user as `name`, whose suffix says its kind);
    raise `RenderError` saying what is wrong. The caller closes the returned package."""
    suffix = Path(name).suffix.lower()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RenderError(f"{name} did not re-open as an Office file: {exc}") from None
    try:
        main = _check(archive, name, _MAIN.get(suffix))
    except BaseException:
        archive.close()
        raise
    return Package(Path(path), archive, main)


def _check(archive: zipfile.ZipFile, name: str, main: str | None) -> str:
    def fail(what: str) -> RenderError:
        return RenderError(f"{name} did not re-open as an Office file: {what}")

    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise fail(str(exc)) from None
    if broken is not None:
        raise fail(f"the part {broken} is damaged")
    names = {info.filename for info in archive.infolist()}
    if len(names) != len(archive.infolist()):
        raise fail("a part is stored twice")
    if "[Content_Types].xml" not in names:
        raise fail("it has no [Content_Types].xml")
    try:
        types = etree.fromstring(archive.read("[Content_Types].xml"), _PARSER)
        defaults = {d.get("Extension", "").lower() for d in types.iterfind(f"{_CT}Default")}
        overrides = {o.get("PartName", "").lstrip("/") for o in types.iterfind(f"{_CT}Override")}
        for part in sorted(names - {"[Content_Types].xml"}):
            extension = posixpath.basename(part).rpartition(".")[2].lower()  # "_rels/.rels": "rels"
            if part not in overrides and extension not in defaults:
                raise fail(f"the part {part} has no content type")
        found_main = None
        for rels in sorted(n for n in names if n.endswith(".rels")):
            source = rels_source_folder(rels)
            for rel in etree.fromstring(archive.read(rels), _PARSER).iterfind(f"{_REL}Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                part = target_part(source, unquote(rel.get("Target", "")))
                if part not in names:
                    raise fail(f"{rels} points to {part}, which is not in the package")
                if rels == "_rels/.rels" and rel.get("Type") == _OFFICE_DOCUMENT:
                    found_main = part
    except etree.XMLSyntaxError as exc:
        raise fail(f"a part is not well-formed XML: {exc}") from None
    if found_main is None or (main is not None and found_main != main):
        raise fail(f"its main part is {found_main or 'missing'}, expected {main}")
    return found_main
