"""Reproducible builds: the same plan, theme and kapdocs version give byte-identical files.

An Office file (.docx, .pptx, .xlsx) is a zip archive. Its bytes change from one
run to the next even when its content does not: every zip entry carries the time
it was written, and `docProps/core.xml` the time the document was created and
saved (openpyxl and XlsxWriter write "now" there). kapdocs writes its archives so
that nothing depends on the clock or the machine (`write_entries`, the one place
that decides it):

- `[Content_Types].xml` first, then every other entry in the order the writer wrote it;
- every entry dated `fixed_timestamp()` (`SOURCE_DATE_EPOCH` when set, else the
  build date, else 2000-01-01: the date kapdocs also writes into document
  properties), with fixed permissions and no extra fields or comments;
- `dcterms:created` and `dcterms:modified` in `docProps/core.xml` set to that time;
- embedded Office files (the workbook behind every chart) normalised the same way.

Word and PowerPoint files are written in that form at once (`save_office` hands the
library's parts to `write_entries`: deflated once, never rewritten). Files from
writers that own their zip (XlsxWriter, LibreOffice) are rewritten by
`normalise_zip`; `OutputFolder.write` does that only for an archive `is_normalised`
finds is not already in that form.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, BinaryIO

OFFICE_SUFFIXES = (".docx", ".pptx", ".xlsx", ".docm", ".pptm", ".xlsm")
"""Files that are OOXML zip archives, normalised on writing (and when embedded in one another)."""

_CONTENT_TYPES = "[Content_Types].xml"
_CORE = "docProps/core.xml"
_ATTRIBUTES = 0o600 << 16
"""The attributes zipfile gives an entry written without any (`write_entries` asks for none)."""
_EARLIEST = dt.datetime(1980, 1, 1)
"""Zip dates cannot be earlier than 1980-01-01."""
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


_BUILD_DAY: ContextVar[dt.date | None] = ContextVar("kapdocs_build_day", default=None)


@contextmanager
def building_on(day: dt.date) -> Iterator[None]:
    """Date the documents written inside the block `day` (midnight), unless `SOURCE_DATE_EPOCH` is set."""
    token = _BUILD_DAY.set(day)
    try:
        yield
    finally:
        _BUILD_DAY.reset(token)


def fixed_timestamp() -> dt.datetime:
    """The time written into document properties and zip entries: `SOURCE_DATE_EPOCH` when set, else
    midnight of the build date (`building_on`: the date taken as today), else 2000-01-01.

    The same inputs (plan, options, the date taken as today) give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _epoch(epoch)
    day = _BUILD_DAY.get()
    return dt.datetime(day.year, day.month, day.day) if day else dt.datetime(2000, 1, 1)


_LATEST_ZIP = dt.datetime(2107, 12, 31, 23, 59, 58)
"""The latest time a zip entry can carry."""


def _epoch(value: str) -> dt.datetime:
    """`SOURCE_DATE_EPOCH` as a time: whole seconds since 1970-01-01 UTC, up to the end of 2107 (the latest
    date a zip entry holds); anything else is refused with what would be valid."""
    from .errors import UsageError

    if not value.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970-01-01 "
                         "(e.g. 1764028800 for 2025-11-25); unset it to date documents by the build date")
    try:
        when = dt.datetime.fromtimestamp(int(value), dt.timezone.utc).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        when = None
    if when is None or when > _LATEST_ZIP:
        raise UsageError(f"SOURCE_DATE_EPOCH={value} is after 2107-12-31, the latest date an Office file "
                         "(a zip archive) can hold")
    return when


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The date every zip entry gets: `fixed_timestamp()`, never before 1980 (the zip format's epoch)."""
    when = max(fixed_timestamp(), _EARLIEST)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def core_timestamp() -> bytes:
    """`fixed_timestamp()` as W3CDTF, the format of `dcterms:created` and `dcterms:modified`."""
    return fixed_timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")


def normalise_core(xml: bytes) -> bytes:
    """`docProps/core.xml` with its created and modified dates set to the fixed timestamp."""
    stamp = core_timestamp()
    return _CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), xml)


def write_entries(entries: Iterable[tuple[str, bytes]], target: str | Path | BinaryIO) -> None:
    """Write an OOXML archive from its entries (name, content), once, in its reproducible form.

    The one place where kapdocs decides what an Office file's zip looks like (see the module
    docstring): `[Content_Types].xml` first, the others in the order given, every entry dated
    `zip_timestamp()`, deflated at level 6 with fixed attributes, `docProps/core.xml` dated the
    same, embedded Office files (the workbooks behind charts) normalised the same way."""
    date = zip_timestamp()
    ordered = sorted(entries, key=lambda entry: entry[0] != _CONTENT_TYPES)  # stable: as written
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in ordered:
            if name == _CORE:
                content = normalise_core(content)
            elif name.lower().endswith(OFFICE_SUFFIXES):
                content = normalise_bytes(content)
            entry = zipfile.ZipInfo(name, date_time=date)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            archive.writestr(entry, content, compresslevel=6)


def normalise_bytes(data: bytes) -> bytes:
    """The normalised form of an OOXML archive given as bytes (see the module docstring)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist() if not info.is_dir()]
    out = io.BytesIO()
    write_entries(entries, out)
    return out.getvalue()


def is_normalised(path: str | Path) -> bool:
    """Whether the archive at `path` is already in its normalised form, judged from its central
    directory (order, dates, attributes, compression), its core properties' dates and, the same way,
    the Office files embedded in it (the workbooks behind charts, inflated to be read); no other part is
    inflated."""
    with zipfile.ZipFile(path) as archive:
        return _normalised(archive)


def _normalised(archive: zipfile.ZipFile) -> bool:
    date = zip_timestamp()
    infos = archive.infolist()
    if not infos or infos[0].filename != _CONTENT_TYPES:
        return False
    for info in infos:
        if (info.date_time != date or info.compress_type != zipfile.ZIP_DEFLATED or info.create_system
                or info.external_attr != _ATTRIBUTES or info.extra or info.comment or info.is_dir()):
            return False
    for info in infos:
        if info.filename == _CORE:
            content = archive.read(info)
            if normalise_core(content) != content:
                return False
        elif info.filename.lower().endswith(OFFICE_SUFFIXES):
            try:
                with zipfile.ZipFile(io.BytesIO(archive.read(info))) as inner:
                    if not _normalised(inner):
                        return False
            except zipfile.BadZipFile:
                return False
    return True


def save_office(document: Any, target: str | Path | BinaryIO) -> None:
    """Save a python-docx `Document` or python-pptx `Presentation` straight into its reproducible
    form: the library's own package writer hands its parts to `write_entries` instead of to a zip
    of its own, so the file is deflated once and never rewritten."""
    package = document.part.package
    entries: list[tuple[str, bytes]] = []
    sink = _PartSink(entries)
    if type(package).__module__.startswith("docx."):
        from docx.opc.pkgwriter import PackageWriter

        for part in package.parts:
            part.before_marshal()
        parts = list(package.parts)
        PackageWriter._write_content_types_stream(sink, parts)
        PackageWriter._write_pkg_rels(sink, package.rels)
        PackageWriter._write_parts(sink, parts)
    else:
        from pptx.opc.serialized import PackageWriter as PptxPackageWriter

        writer = PptxPackageWriter(None, package._rels, tuple(package.iter_parts()))
        writer._write_content_types_stream(sink)
        writer._write_pkg_rels(sink)
        writer._write_parts(sink)
    write_entries(entries, target)


class _PartSink:
    """The physical writer python-docx and python-pptx write their parts to (`write(pack_uri, blob)`):
    it keeps them for `write_entries`."""

    def __init__(self, entries: list[tuple[str, bytes]]) -> None:
        self._entries = entries

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self._entries.append((pack_uri.membername, blob))


def normalise_zip(path: str | Path) -> None:
    """Rewrite the OOXML archive at `path` in its normalised, reproducible form (in place).

    Call it on a file nobody else sees yet (the temporary file of `OutputFolder.write`):
    the rewrite itself is not atomic.
    """
    path = Path(path)
    data = path.read_bytes()
    normalised = normalise_bytes(data)
    if normalised != data:
        path.write_bytes(normalised)
