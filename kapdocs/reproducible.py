"""Reproducible builds: the same plan, theme and kapdocs version give byte-identical files.

An Office file (.docx, .pptx, .xlsx) is a zip archive. Its bytes change from one
run to the next even when its content does not: every zip entry carries the time
it was written, and `docProps/core.xml` the time the document was created and
saved (openpyxl and XlsxWriter write "now" there). `normalise_zip` rewrites the
archive so that nothing depends on the clock or the machine:

- `[Content_Types].xml` first, then every other entry in the order the writer wrote it;
- every entry dated `fixed_timestamp()` (`SOURCE_DATE_EPOCH` when set, else the
  build date, else 2000-01-01: the date kapdocs also writes into document
  properties), with fixed permissions and no extra fields or comments;
- `dcterms:created` and `dcterms:modified` in `docProps/core.xml` set to that time;
- embedded Office files (the workbook behind every chart) normalised the same way.

`OutputFolder.write` calls it for every .docx, .pptx and .xlsx it writes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

OFFICE_SUFFIXES = (".docx", ".pptx", ".xlsx", ".docm", ".pptm", ".xlsm")
"""Files that are OOXML zip archives, normalised on writing (and when embedded in one another)."""

_CONTENT_TYPES = "[Content_Types].xml"
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


def normalise_bytes(data: bytes) -> bytes:
    """The normalised form of an OOXML archive given as bytes (see the module docstring)."""
    date = zip_timestamp()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = source.infolist()
        ordered = sorted(entries, key=lambda info: info.filename != _CONTENT_TYPES)  # stable: as written
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in ordered:
                if info.is_dir():
                    continue
                content = source.read(info)
                if info.filename == "docProps/core.xml":
                    content = normalise_core(content)
                elif info.filename.lower().endswith(OFFICE_SUFFIXES):
                    content = normalise_bytes(content)
                entry = zipfile.ZipInfo(info.filename, date_time=date)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 0
                entry.external_attr = 0
                target.writestr(entry, content, compresslevel=6)
    return out.getvalue()


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
