"""Plan text into spreadsheet cells: always text, never a formula, never over Excel's limit.

Every renderer that writes a spreadsheet passes plan strings through here, so that
one place decides how untrusted text reaches a cell:

- it is written as a string cell, never parsed (a name `=HYPERLINK(...)` stays those
  characters, and so do `+44 20...`, `-5%` and `@home`);
- text that starts with a formula trigger (`=`, `+`, `-`, `@`, tab, CR) also gets the
  quote-prefix style (`quotePrefix`, the apostrophe Excel shows in the formula bar), so
  that Excel and LibreOffice keep treating the cell as text when a user edits it, and so
  that a copy to CSV does not hand a formula to the next program;
- characters XML cannot hold are removed (`kapdocs.text.clean`);
- text longer than Excel's 32,767-character cell limit is cut there, with a
  `CellTextCut` warning naming the cell (Excel counts UTF-16 units: an emoji counts two).

`SafeCells` does this for XlsxWriter (it also caches formats); `set_text` for openpyxl.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

from .text import clean, needs_cleaning

CELL_LIMIT = 32_767
"""Most characters (UTF-16 code units) Excel keeps in one cell."""

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program (or a CSV import) read a cell as a formula."""


class CellTextCut(UserWarning):
    """Text was cut to Excel's cell limit."""


@dataclass(frozen=True, slots=True)
class CellText:
    """Text ready for a cell."""

    text: str
    """The characters to write: cleaned, and cut to `CELL_LIMIT`."""
    quote_prefix: bool
    """Whether the cell needs the quote-prefix style (the text starts with a formula trigger)."""
    cut: bool
    """Whether the text was cut to fit."""


def needs_quote_prefix(text: str) -> bool:
    """Whether `text` starts with a character that would make it a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def fit(text: str, limit: int = CELL_LIMIT) -> tuple[str, bool]:
    """`text` cut to at most `limit` UTF-16 units (never inside a character), and whether it was cut."""
    if len(text) <= limit // 2 or _utf16_units(text) <= limit:
        return text, False
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:index], True
    return text, False  # pragma: no cover - the length check above returns first


def cell_text(value: Any, where: Any = "") -> CellText:
    """`value` as cell text; warns (`CellTextCut`) when it had to be cut, naming `where` (a cell, e.g. `Sheet!B4`)."""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text or needs_cleaning(text):
        text = clean(text)
    text, cut = fit(text)
    if cut:
        place = f"{where}: " if where else ""
        warnings.warn(f"{place}text of {_utf16_units(str(value)):,} characters cut to Excel's cell limit of "
                      f"{CELL_LIMIT:,}", CellTextCut, stacklevel=2)
    return CellText(text, needs_quote_prefix(text), cut)


class SafeCells:
    """Writes text safely with XlsxWriter, and hands out cached formats.

    Formats are described by plain dicts of XlsxWriter properties; `format(props)`
    returns one shared `Format` per distinct dict (XlsxWriter slows down and files
    grow with many duplicate formats), and `format(props, quote=True)` its
    quote-prefixed twin used for text that starts with a formula trigger. `text`
    takes either such a dict or a `Format` made here (faster in long loops).
    """

    def __init__(self, workbook):
        self.workbook = workbook
        self._formats: dict[tuple, Any] = {}
        self._props: dict[int, dict[str, Any]] = {}

    def format(self, props: dict[str, Any] | None = None, *, quote: bool = False):
        """The shared format for `props` (None: no format unless `quote`)."""
        if not props and not quote:
            return None
        key = (tuple(sorted((props or {}).items())), quote)
        found = self._formats.get(key)
        if found is None:
            found = self.workbook.add_format({**(props or {}), **({"quote_prefix": True} if quote else {})})
            self._formats[key] = found
            self._props[id(found)] = dict(props or {})
        return found

    def text(self, worksheet, row: int, col: int, value: Any, props=None, where: str = "") -> CellText | None:
        """Write `value` as a string cell (a blank cell with the format when it is None or empty).

        `props`: a dict of format properties, or a `Format` from `format()`.
        """
        is_format = props is not None and not isinstance(props, dict)
        if value is None or value == "":
            if props:
                worksheet.write_blank(row, col, None, props if is_format else self.format(props))
            return None
        safe = cell_text(value, where or _Where(worksheet, row, col))
        if is_format:
            fmt = self.format(self._props[id(props)], quote=True) if safe.quote_prefix else props
        else:
            fmt = self.format(props, quote=safe.quote_prefix)
        worksheet.write_string(row, col, safe.text, fmt)
        return safe


class _Where:
    """A cell's name, worked out only if a warning needs it."""

    __slots__ = ("sheet", "row", "col")

    def __init__(self, sheet, row: int, col: int):
        self.sheet, self.row, self.col = sheet, row, col

    def __str__(self) -> str:
        return f"{self.sheet.get_name()}!{cell_name(self.row, self.col)}"

    def __bool__(self) -> bool:
        return True


def set_text(cell, value: Any, where: str = "") -> CellText | None:
    """Put `value` into an openpyxl cell as text (never a formula), quote-prefixed when it needs it."""
    if value is None or value == "":
        cell.value = None
        return None
    safe = cell_text(value, where or f"{cell.parent.title}!{cell.coordinate}")
    cell.value = safe.text
    cell.data_type = "s"  # openpyxl would read a leading '=' as a formula
    if safe.quote_prefix:
        cell.quotePrefix = True
    return safe


def column_letter(col: int) -> str:
    """`0` -> `A`, `26` -> `AA` (0-based column index)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """`(0, 0)` -> `A1` (0-based row and column)."""
    return f"{column_letter(col)}{row + 1}"


def header_footer_text(value: Any, limit: int = 80) -> str:
    """Plan text for a page header or footer: `&` doubled (a single one starts a code), cut to `limit`."""
    text = clean(str(value)).replace("\n", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")
