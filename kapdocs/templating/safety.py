"""Office files from users (templates, theme documents) checked before anything opens them.

A .docx, .pptx or .xlsx is a zip archive of XML parts. Before python-docx, python-pptx,
docxtpl or openpyxl read one, `check_package` refuses, with the file named:

- files over `MAX_FILE_BYTES`, archives with more than `MAX_ENTRIES` parts, parts that inflate
  past `MAX_PART_BYTES` or all together past `MAX_TOTAL_BYTES`, or inflate more than
  `MAX_RATIO` times (zip bombs);
- macros: a `vbaProject.bin` or ActiveX part, a macro-enabled content type (.docm, .pptm, .xlsm);
- external relationships (`TargetMode="External"`: linked pictures, templates, data sources),
  which Office would fetch on opening; a hyperlink to a web or mail address is allowed;
- a `<!DOCTYPE` in any XML part (entity expansion and external entities);
- part names that climb out of the archive (`..`, absolute paths).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import UsageError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 250 * 1024 * 1024
MAX_RATIO = 200
"""A part may inflate at most this many times its compressed size (XML compresses about 10-30 times)."""

_MACRO_TYPES = re.compile(rb"macroEnabled|vbaProject|activeX|ms-office\.vbaProject", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_CHECK_TAIL = 1 << 16


class UnsafePackage(UsageError):
    """An Office file refused before it was opened."""


def check_package(path: Path, what: str = "template") -> None:
    """Refuse `path` (a .docx, .pptx or .xlsx) unless it is a plain, self-contained Office package."""
    def refuse(message: str) -> None:
        raise UnsafePackage(f"{path}: {what} refused: {message}")

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the {what}: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        refuse(f"{size / 1048576:.0f} MB is over the {MAX_FILE_BYTES // 1048576} MB limit")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        refuse("not an Office file (not a zip archive); save it again from Word, PowerPoint or Excel")
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            refuse(f"{len(infos)} parts, more than the {MAX_ENTRIES} an Office document needs")
        total = 0
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names:
            refuse("no [Content_Types].xml: not an Office Open XML file")
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                refuse(f"part name '{name}' points outside the package")
            if info.file_size > MAX_PART_BYTES:
                refuse(f"part '{name}' inflates to {info.file_size / 1048576:.0f} MB")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20:
                refuse(f"part '{name}' inflates {info.file_size // max(1, info.compress_size)} times: a zip bomb?")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                refuse(f"the parts inflate to more than {MAX_TOTAL_BYTES // 1048576} MB")
            lower = name.lower()
            if lower.endswith("vbaproject.bin") or "/activex/" in lower or lower.endswith(".bin") and "vba" in lower:
                refuse(f"it holds macros ('{name}'); save it as a macro-free .docx, .pptx or .xlsx")
        for info in infos:
            lower = info.filename.lower()
            if not (lower.endswith((".xml", ".rels")) or lower == "[content_types].xml"):
                continue
            data = _read(archive, info)
            if _DOCTYPE.search(data):
                refuse(f"part '{info.filename}' declares a DOCTYPE, which Office files never need")
            if lower == "[content_types].xml" and _MACRO_TYPES.search(data):
                refuse("it is macro-enabled; save it as a macro-free .docx, .pptx or .xlsx")
            if lower.endswith(".rels"):
                _external(data, info.filename, refuse)


_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"(\w+)\s*=\s*[\"']([^\"']*)[\"']")


def _external(data: bytes, part: str, refuse) -> None:
    """Refuse external relationships other than hyperlinks to web or mail addresses (which Office opens only
    when clicked); linked pictures, attached templates, OLE links and data sources would be fetched."""
    for element in _RELATIONSHIP.findall(data):
        attrs = {k.decode().lower(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(element)}
        if attrs.get("targetmode", "").lower() != "external":
            continue
        target = attrs.get("target", "")
        if attrs.get("type", "").endswith("/hyperlink") and re.match(r"(https?://|mailto:)", target, re.IGNORECASE):
            continue
        refuse(f"part '{part}' links to '{target[:80]}'; external links (linked pictures, attached templates, "
               "data sources) are not allowed: embed the content instead")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, read with the size the archive declares as the limit."""
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UnsafePackage(f"part '{info.filename}' inflates past its declared size")
    return data
