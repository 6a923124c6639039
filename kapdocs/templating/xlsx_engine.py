"""Excel templates: a user's own workbook, its tags filled and its `kap_` tables grown to the view's lists.

The engine edits the workbook's XML parts directly (openpyxl drops charts and pictures when it saves a
workbook): everything it does not fill (styles, other sheets, defined names, column widths, print setup,
charts, pictures, comments) is kept as the template has it.

**Cells.** Any cell whose text holds a tag (`{{ plan.account.name }}`, `{% if ... %}`) is a small
template rendered against the view (what `kapdocs context` prints). A cell whose whole text is one
`{{ expr }}` keeps the value's type: a number stays a number (formulas can use it), `true`/`false` a
logical value, a date (or an ISO date `YYYY-MM-DD`) a date (formatted as a date when the cell's own
format is General), nothing (None) an empty cell. Anything else is text, and text never becomes a
formula: it is written as a string, quote-prefixed when it starts with `=`, `+`, `-` or `@`
(`kapdocs.xlsx_safe`). The `markdown` filter gives plain text (the markers removed). Plan text reaches
a cell only as a value: `{{ 7*7 }}` written in a plan field prints literally. Formula cells are
formulas of the template and are kept as they are.

**Tables.** A named Excel table (Insert > Table) whose name starts with `kap_` is filled with one
row per item of a list. Its first data row (the row under the header) is the row template: its cells
hold tags that read the item as `row` (`{{ row.name }}`, `{{ labels.Stage[row.stage] }}`) and
`loop` (`loop.index` counts from 1, `loop.index0`, `loop.first`, `loop.last`, `loop.length`). The table
must have exactly that one data row (a totals row under it is kept). Which list:

1. Explicitly: a defined name `<table name>.rows` (Formulas > Name Manager > New) whose value is the
   list's expression as text, e.g. the name `kap_open_actions.rows` referring to
   `="plan.actions | selectattr('status', 'ne', 'done') | list"` (a leading `for row in` is allowed).
   The name is a directive: it is removed from the filled workbook.
2. Otherwise by the table's name: `kap_<name>` is the list `<name>` looked up under `plan`, then
   `meeting` (when rendering for a meeting), then `figures`: `kap_contacts` is `plan.contacts`,
   `kap_opportunities` `plan.opportunities`, `kap_actions` `plan.actions`, `kap_agenda`
   `meeting.agenda`, `kap_site_alerts` `figures.site_alerts` (and `kap_performance` the plan's own
   performance records, `plan.performance`, not the figures). A name that finds no list, or finds
   something else than a list (`kap_objectives` is `plan.objectives`, a mapping: give it
   `kap_objectives.rows` = `="plan.objectives.smart"`), is a located error.

Each item becomes one row, styled as the template row (formula cells of the template row are copied,
their relative references following the row); an empty list leaves one empty row (its formulas kept).
The table grows by inserting whole sheet rows under its template row, as Excel's Insert Sheet Rows
does, so that whatever is below it moves down: cells, merged cells, conditional formats, data
validations, hyperlinks, comments, pictures and charts anchored below, other tables, and every
reference to them (formulas on any sheet, defined names, print areas, chart series, pivot sources).
References to the table follow: structured references (`=SUM(kap_contacts[Volume])`) by themselves;
an A1 range that ends on the template row and overlaps the table's columns is extended to the last
filled row (`=SUM(C4:C4)`, a chart series `Sheet!$C$4:$C$4` or `Sheet!$C$4`, a print area, a
conditional format or validation on the column), except in formulas on the template row itself
(`=SUM($C$4:C4)` there is a running total, copied row by row); whole-row references (print titles)
only move. Charts get their cached values from the filled cells, so that they show right before
Excel recalculates; the workbook asks Excel to recalculate on opening, and formula results cached in
the template are dropped (LibreOffice computes them on opening). Two `kap_` tables of one sheet must
not share rows (both would grow into the same rows).

Not filled: tags in chart titles, text boxes, headers and footers, sheet names, comments.
`template_sources` gives `kapdocs template check` every tagged cell, a table's row template wrapped in
the loop that fills it.

Errors are `TemplateError`s naming the sheet and cell (`Pipeline!B4 "{{ row.value }}"`), the table
(`Pipeline!A3:D4 (table kap_won)`) or the defined name.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import math
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Undefined
from lxml import etree
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from ..ooxml import rels_source_folder, target_part
from ..xlsx_safe import cell_text
from .core import RenderContext
from .errors import TemplateError, did_you_mean, snippet
from .jinja_errors import RENDER_ERRORS, reason

__all__ = ["LOOKUP_ORDER", "ROWS_SUFFIX", "TABLE_PREFIX", "TemplateError", "render", "template_sources"]

TABLE_PREFIX = "kap_"
"""Tables whose name starts with this are filled from a list."""
ROWS_SUFFIX = ".rows"
"""`<table name>.rows`: the defined name that gives a table its list explicitly."""
LOOKUP_ORDER = ("plan", "meeting", "figures")
"""Where `kap_<name>` looks for the list `<name>`, in this order."""
MAX_ROWS = 1_048_576
"""Rows in an Excel sheet."""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
CHART_TYPES = ("application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
               "application/vnd.ms-office.chartex+xml")
PIVOT_CACHE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"

_TAG = re.compile(r"\{\{|\{%|\{#")
_WHOLE = re.compile(r"\A\s*\{\{[-+]?(?P<expr>.*?)[-+]?\}\}\s*\Z", re.DOTALL)
_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
_CELL = re.compile(r"\A(\$?)([A-Za-z]{1,3})(\$?)(\d+)\Z")
_ROWS = re.compile(r"\A(\$?)(\d+):(\$?)(\d+)\Z")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_STRING_NAME = re.compile(r'\A\s*"((?:[^"]|"")*)"\s*\Z', re.DOTALL)
_FOR_ROW = re.compile(r"\A\s*for\s+row\s+in\s+", re.IGNORECASE)
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def q(name: str, ns: str = MAIN) -> str:
    return f"{{{ns}}}{name}"


def render(source: Path, ctx: RenderContext) -> bytes:
    """The workbook `source` filled from `ctx` (see the module docstring)."""
    try:
        return _Filler(source.read_bytes(), ctx.name, ctx).run()
    except etree.XMLSyntaxError as exc:
        raise TemplateError(ctx.name, "", f"a part of the workbook is not valid XML ({exc}); open it in Excel and "
                                          "save it again") from None


def template_sources(path: Path) -> list[tuple[str, str]]:
    """(where, Jinja2 source) of every tagged cell, for `template check`. A `kap_` table's row template
    cells come wrapped in the loop that fills them (`{% for row in plan.contacts %}...{% endfor %}`), so
    that `row.` names are checked against the list's items."""
    from .shape import context_shape

    filler = _Filler(path.read_bytes(), path.name, None)
    tables = filler.tables()
    kap = [t for t in tables if t.name.lower().startswith(TABLE_PREFIX)]
    explicit = filler.row_sources({t.name.lower() for t in kap}, remove=False)
    top = context_shape("internal").fields or {}
    loops: dict[tuple[str, int], tuple[_Table, str]] = {}
    for table in kap:
        if table.name.lower() in explicit:
            expr = explicit[table.name.lower()][0]
        else:
            key = table.name[len(TABLE_PREFIX):]
            expr = next((f"{home}.{key}" for home in LOOKUP_ORDER
                         if top.get(home) is not None and key in (top[home].fields or {})), f"plan.{key}")
        loops[table.sheet.name, table.first_data] = (table, expr)
    found = []
    for sheet in filler.sheets:
        for r in sorted(sheet.rows()):
            for col, cell in sorted(sheet.cells(r).items()):
                text = filler.text_of(cell)
                if text is None or not _TAG.search(text):
                    continue
                where = sheet.where(r, col, text)
                table, expr = loops.get((sheet.name, r), (None, ""))
                if table is not None and table.left <= col <= table.right:
                    found.append((where, f"{{% for row in {expr} %}}{text}{{% endfor %}}"))
                else:
                    found.append((where, text))
    return found


# -- references ------------------------------------------------------------------------------------

def split_cell(ref: str) -> tuple[int, int]:
    """`B7` -> (7, 2)."""
    found = _CELL.match(ref)
    if not found:
        raise ValueError(ref)
    return int(found.group(4)), column_index_from_string(found.group(2).upper())


def cell_name(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def area(ref: str) -> tuple[int, int, int, int]:
    """`A3:D4` -> (top, left, bottom, right)."""
    first, _, last = ref.partition(":")
    top, left = split_cell(first)
    bottom, right = split_cell(last) if last else (top, left)
    return top, left, bottom, right


@dataclasses.dataclass(frozen=True)
class Insert:
    """`count` rows inserted under row `after` of sheet `sheet`; ranges ending on `after` across columns
    `left`..`right` (the filled table's) grow with them."""

    sheet: str
    after: int
    count: int
    left: int
    right: int

    def on(self, sheet: str | None) -> bool:
        return sheet is not None and sheet.lower() == self.sheet.lower()

    def moved(self, row: int) -> int:
        return row + self.count if row > self.after else row

    def span(self, top: int, left: int, bottom: int, right: int, *, grow: bool) -> tuple[int, int]:
        """New (top, bottom) of an area."""
        new_top, new_bottom = self.moved(top), self.moved(bottom)
        if grow and bottom == self.after and top <= self.after and left <= self.right and right >= self.left:
            new_bottom = bottom + self.count
        return new_top, new_bottom


def _unquote(sheet: str) -> str:
    return sheet[1:-1].replace("''", "'") if sheet.startswith("'") and sheet.endswith("'") else sheet


def shift_reference(token: str, home: str | None, op: Insert, *, grow: bool, single: bool) -> str:
    """One range operand (`Sheet!$B$2:$B$5`, `A1`, `3:3`...) after `op`; others unchanged."""
    if "!" in token:
        sheet, _, ref = token.rpartition("!")
        name = _unquote(sheet)
        if "[" in name or ":" in name:
            return token
        prefix = sheet + "!"
    else:
        name, ref, prefix = home, token, ""
    if not op.on(name) or "[" in ref:
        return token
    first, colon, last = ref.partition(":")
    a, b = _CELL.match(first), _CELL.match(last) if colon else None
    if a and (b or not colon):
        top, left = int(a.group(4)), column_index_from_string(a.group(2).upper())
        bottom, right = (int(b.group(4)), column_index_from_string(b.group(2).upper())) if b else (top, left)
        if not colon and not single:
            new_top, new_bottom = op.moved(top), op.moved(top)
        else:
            new_top, new_bottom = op.span(top, left, bottom, right, grow=grow)
        if (new_top, new_bottom) == (top, bottom):
            return token
        if new_top > MAX_ROWS or new_bottom > MAX_ROWS:
            return prefix + "#REF!"
        start = f"{a.group(1)}{a.group(2)}{a.group(3)}{new_top}"
        if b:
            return f"{prefix}{start}:{b.group(1)}{b.group(2)}{b.group(3)}{new_bottom}"
        if new_bottom != new_top:
            return f"{prefix}{start}:{a.group(1)}{a.group(2)}{a.group(3)}{new_bottom}"
        return prefix + start
    rows = _ROWS.match(ref)
    if rows:
        top, bottom = int(rows.group(2)), int(rows.group(4))
        new_top, new_bottom = op.moved(top), op.moved(bottom)  # whole rows (print titles) never grow
        if (new_top, new_bottom) != (top, bottom):
            return f"{prefix}{rows.group(1)}{new_top}:{rows.group(3)}{new_bottom}"
    return token


def shift_formula(formula: str | None, home: str | None, op: Insert, *, grow: bool = True,
                  single: bool = False) -> str | None:
    """A formula (without its `=`) with its references to `op.sheet` moved; `home` is the sheet
    unqualified references are on (None: they are names)."""
    if not formula:
        return formula
    if not op.on(home) and op.sheet.lower() not in formula.lower():
        return formula
    try:
        tokens = Tokenizer("=" + formula)
    except (TokenizerError, ValueError, IndexError):
        return formula
    changed = False
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            new = shift_reference(token.value, home, op, grow=grow, single=single)
            if new != token.value:
                token.value, changed = new, True
    return tokens.render()[1:] if changed else formula


def shift_sqref(sqref: str | None, op: Insert, *, grow: bool, single: bool = False) -> str | None:
    """A space-separated list of cells and ranges of `op.sheet` after `op`."""
    if not sqref:
        return sqref
    return " ".join(shift_reference(part, op.sheet, op, grow=grow, single=single) for part in sqref.split())


# -- the package -------------------------------------------------------------------------------------

class _Package:
    """The workbook's parts: bytes as read, XML trees for the parts that are edited."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.infos = [i for i in archive.infolist() if not i.is_dir()]
            self.raw = {i.filename: archive.read(i) for i in self.infos}
        self.trees: dict[str, etree._Element] = {}
        self.removed: set[str] = set()
        self.added: dict[str, None] = {}
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        self.types = self.xml("[Content_Types].xml")

    def has(self, name: str) -> bool:
        return (name in self.raw or name in self.trees) and name not in self.removed

    def xml(self, name: str) -> etree._Element:
        """The part `name` parsed (once); changes to the tree are written back."""
        if name not in self.trees:
            self.trees[name] = etree.fromstring(self.raw[name], self._parser)
        return self.trees[name]

    def rels(self, part: str) -> list[tuple[str, str, str, bool]]:
        """(id, type, target part, external) of `part`'s relationships."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(name):
            return []
        found = []
        for rel in self.xml(name).iterfind(q("Relationship", PKG_RELS)):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target_part(folder, target)
            found.append((rel.get("Id", ""), rel.get("Type", ""), target, external))
        return found

    def related(self, part: str, kind: str) -> list[str]:
        return [t for _, typ, t, ext in self.rels(part) if typ.endswith("/" + kind) and not ext and self.has(t)]

    def of_type(self, *content_types: str) -> list[str]:
        found = []
        for override in self.types.iterfind(q("Override", CONTENT_TYPES)):
            if override.get("ContentType") in content_types:
                name = override.get("PartName", "").lstrip("/")
                if self.has(name):
                    found.append(name)
        return found

    def remove(self, name: str) -> None:
        """Drop part `name`, its content type and the relationships to it."""
        self.removed.add(name)
        for override in list(self.types.iterfind(q("Override", CONTENT_TYPES))):
            if override.get("PartName", "").lstrip("/") == name:
                self.types.remove(override)
        for rels_name in [n for n in self.raw if n.endswith(".rels") and n not in self.removed]:
            folder = rels_source_folder(rels_name)
            root = self.xml(rels_name)
            for rel in list(root.iterfind(q("Relationship", PKG_RELS))):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    continue
                if target_part(folder, target) == name:
                    root.remove(rel)

    def add(self, name: str, root: etree._Element, content_type: str) -> None:
        self.trees[name] = root
        self.added[name] = None
        etree.SubElement(self.types, q("Override", CONTENT_TYPES), PartName="/" + name, ContentType=content_type)

    def save(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            names = [i.filename for i in self.infos] + list(self.added)
            dates = {i.filename: i.date_time for i in self.infos}
            for name in names:
                if name in self.removed:
                    continue
                if name in self.trees:
                    data = etree.tostring(self.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    data = self.raw[name]
                info = zipfile.ZipInfo(name, date_time=dates.get(name, (1980, 1, 1, 0, 0, 0)))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return out.getvalue()


class _Strings:
    """The shared string table: read, and appended to."""

    def __init__(self, pkg: _Package, workbook: str):
        self.pkg, self.workbook = pkg, workbook
        parts = pkg.related(workbook, "sharedStrings")
        self.part = parts[0] if parts else None
        self.texts: list[str] = []
        self.index: dict[str, int] = {}
        if self.part:
            for si in pkg.xml(self.part).iterfind(q("si")):
                self.texts.append(_unescape("".join(t.text or "" for t in si.iter(q("t"))
                                                    if t.getparent().tag != q("rPh"))))

    def add(self, text: str) -> int:
        if text in self.index:
            return self.index[text]
        if self.part is None:
            self._create()
        root = self.pkg.xml(self.part)
        si = etree.SubElement(root, q("si"))
        t = etree.SubElement(si, q("t"))
        t.text = _escape(text)
        if text != text.strip() or "\n" in text:
            t.set(_PRESERVE, "preserve")
        self.texts.append(text)
        self.index[text] = len(self.texts) - 1
        root.set("uniqueCount", str(len(self.texts)))
        if root.get("count") is not None:
            root.set("count", str(max(int(root.get("count") or 0) + 1, len(self.texts))))
        return self.index[text]

    def _create(self) -> None:
        folder = posixpath.dirname(self.workbook)
        self.part = posixpath.join(folder, "sharedStrings.xml")
        self.pkg.add(self.part, etree.Element(q("sst"), nsmap={None: MAIN}, count="0", uniqueCount="0"), SST_TYPE)
        base = posixpath.basename(self.workbook)
        rels = self.pkg.xml(posixpath.join(folder, "_rels", base + ".rels"))
        ids = {r.get("Id") for r in rels}
        new = next(f"rIdKap{i}" for i in range(1, 10_000) if f"rIdKap{i}" not in ids)
        etree.SubElement(rels, q("Relationship", PKG_RELS), Id=new, Type=SST_REL, Target="sharedStrings.xml")


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _escape(text: str) -> str:
    """Literal `_xHHHH_` in text kept literal (Excel would read it as an escaped character)."""
    return _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text) if "_x" in text else text


class _Styles:
    """Cell formats: the template's, and twins of them that add a quote prefix or a date format."""

    def __init__(self, pkg: _Package, workbook: str):
        parts = pkg.related(workbook, "styles")
        self.root = pkg.xml(parts[0]) if parts else None
        self.xfs = self.root.find(q("cellXfs")) if self.root is not None else None
        self.formats = {int(f.get("numFmtId")): f.get("formatCode", "")
                        for f in (self.root.iterfind(f"{q('numFmts')}/{q('numFmt')}") if self.root is not None else ())}
        self.twins: dict[tuple[int, str], int] = {}

    def _xf(self, index: int):
        if self.xfs is None or index >= len(self.xfs):
            return None
        return self.xfs[index]

    def number_format(self, index: int) -> str:
        xf = self._xf(index)
        fmt_id = int(xf.get("numFmtId", "0")) if xf is not None else 0
        return self.formats.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))

    def twin(self, index: int, what: str) -> int:
        """The format `index` with a quote prefix (`what` = quote) or the short date format (date)."""
        xf = self._xf(index)
        if xf is None:
            return index
        if what == "quote" and xf.get("quotePrefix") in ("1", "true"):
            return index
        key = (index, what)
        if key not in self.twins:
            new = copy.deepcopy(xf)
            if what == "quote":
                new.set("quotePrefix", "1")
            else:
                new.set("numFmtId", "14")
                new.set("applyNumberFormat", "1")
            self.xfs.append(new)
            self.xfs.set("count", str(len(self.xfs)))
            self.twins[key] = len(self.xfs) - 1
        return self.twins[key]


# -- sheets and tables -------------------------------------------------------------------------------

class _Sheet:
    def __init__(self, name: str, part: str, root: etree._Element):
        self.name, self.part, self.root = name, part, root
        self.data = root.find(q("sheetData"))
        self._rows: dict[int, etree._Element] | None = None
        last = 0
        for row in self.data.iterfind(q("row")):
            r = int(row.get("r") or last + 1)
            row.set("r", str(r))
            last, col = r, 0
            for c in row.iterfind(q("c")):
                ref = c.get("r")
                col = split_cell(ref)[1] if ref else col + 1
                c.set("r", cell_name(r, col))

    def rows(self) -> dict[int, etree._Element]:
        if self._rows is None:
            self._rows = {int(r.get("r")): r for r in self.data.iterfind(q("row"))}
        return self._rows

    def cells(self, row: int) -> dict[int, etree._Element]:
        element = self.rows().get(row)
        if element is None:
            return {}
        return {split_cell(c.get("r"))[1]: c for c in element.iterfind(q("c"))}

    def last_row(self) -> int:
        return max(self.rows(), default=0)

    def where(self, row: int, col: int, text: str | None = None) -> str:
        at = f"{self.name}!{cell_name(row, col)}"
        return f"{at} {snippet(text)}" if text else at


@dataclasses.dataclass
class _Table:
    sheet: _Sheet
    part: str
    root: etree._Element
    name: str
    top: int
    left: int
    bottom: int
    right: int
    header: int
    totals: int

    @property
    def ref(self) -> str:
        return f"{cell_name(self.top, self.left)}:{cell_name(self.bottom, self.right)}"

    @property
    def where(self) -> str:
        return f"{self.sheet.name}!{self.ref} (table {self.name})"

    @property
    def first_data(self) -> int:
        return self.top + self.header


@dataclasses.dataclass
class _Out:
    """A rendered cell: blank, number, bool, date (a serial number) or text."""

    kind: str
    value: Any = None
    quote: bool = False


# -- the filler --------------------------------------------------------------------------------------

class _Filler:
    """One workbook being filled (`ctx` None: only read, for `template_sources`)."""

    def __init__(self, data: bytes, name: str, ctx: RenderContext | None):
        self.name, self.ctx = name, ctx
        self.env = ctx.environment() if ctx is not None else None
        try:
            self.pkg = _Package(data)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise self.fail("", f"not a readable Excel workbook ({exc}); save it from Excel as .xlsx") from None
        office = [t for _, typ, t, _ in self.pkg.rels("") if typ.endswith("/officeDocument")]
        if not office or not self.pkg.has(office[0]):
            raise self.fail("", "not an Excel workbook (no workbook part); save it from Excel as .xlsx")
        self.workbook = office[0]
        self.book = self.pkg.xml(self.workbook)
        pr = self.book.find(q("workbookPr"))
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.strings = _Strings(self.pkg, self.workbook)
        self.styles = _Styles(self.pkg, self.workbook)
        self.sheets: list[_Sheet] = []
        by_id = {rid: target for rid, typ, target, ext in self.pkg.rels(self.workbook)
                 if typ.endswith("/worksheet") and not ext}
        sheets = self.book.find(q("sheets"))
        for sheet in (sheets if sheets is not None else []):
            part = by_id.get(sheet.get(q("id", REL_NS)))
            if part and self.pkg.has(part):
                self.sheets.append(_Sheet(sheet.get("name", ""), part, self.pkg.xml(part)))
        self._compiled: dict[str, tuple[bool, Any]] = {}
        self.changed = False

    def fail(self, where: str, message: str) -> TemplateError:
        return TemplateError(self.name, where, message)

    # -- rendering -----------------------------------------------------------------------------------

    def _compile(self, text: str, where: str):
        found = self._compiled.get(text)
        if found is None:
            whole = _WHOLE.match(text)
            expr = whole.group("expr") if whole else None
            try:
                if expr is not None and "{{" not in expr and "}}" not in expr:
                    found = (True, self.env.compile_expression(expr.strip(), undefined_to_none=False))
                else:
                    found = (False, self.env.from_string(text))
            except RENDER_ERRORS as exc:
                raise self.fail(where, reason(exc)) from None
            self._compiled[text] = found
        return found

    def evaluate(self, text: str, variables: Mapping[str, Any], where: str, note: str = "",
                 text_only: bool = False) -> _Out:
        """The cell text `text` rendered with `variables`."""
        whole, compiled = self._compile(text, where)
        try:
            if whole:
                value = compiled(**variables)
                if isinstance(value, Undefined):
                    str(value)  # raises: says which name is unknown
            else:
                value = compiled.render(variables)
        except RENDER_ERRORS as exc:
            raise self.fail(where, reason(exc) + note) from None
        if text_only and value is not None:
            return self.output(str(value), False, where)
        return self.output(value, whole, where)

    def output(self, value: Any, whole: bool, where: str) -> _Out:
        if whole:
            if value is None:
                return _Out("blank")
            if isinstance(value, bool):
                return _Out("bool", value)
            if isinstance(value, (int, float)) and math.isfinite(value):
                return _Out("number", value)
            if isinstance(value, (dt.date, dt.datetime)):
                return _Out("date", value)
            if isinstance(value, str) and _ISO_DATE.match(value):
                try:
                    return _Out("date", dt.date.fromisoformat(value))
                except ValueError:
                    pass
        text = value if isinstance(value, str) else str(value)
        if text == "":
            return _Out("blank")
        safe = cell_text(text, where.split(" ", 1)[0])
        return _Out("text", safe.text, safe.quote_prefix)

    def write(self, cell: etree._Element, out: _Out) -> None:
        """`out` into the cell element (its format kept, or twinned for a quote prefix or a date)."""
        for child in list(cell):
            if child.tag in (q("f"), q("v"), q("is")):
                cell.remove(child)
        for attr in ("t", "vm", "cm"):
            cell.attrib.pop(attr, None)
        style = int(cell.get("s", "0"))
        kind, value = out.kind, out.value
        if kind == "date":
            if self.styles.number_format(style) == "@":
                kind, value = "text", value.isoformat()
            else:
                value = self._serial(value)
                if not is_date_format(self.styles.number_format(style)):
                    cell.set("s", str(self.styles.twin(style, "date")))
                kind = "number"
        if kind == "blank":
            return
        v = etree.Element(q("v"))
        if kind == "number":
            v.text = _number(value)
        elif kind == "bool":
            cell.set("t", "b")
            v.text = "1" if value else "0"
        else:
            cell.set("t", "s")
            v.text = str(self.strings.add(value))
            if out.quote:
                cell.set("s", str(self.styles.twin(style, "quote")))
        cell.insert(0, v)

    def _serial(self, value: dt.date) -> float | int:
        base = dt.datetime(1904, 1, 1) if self.date1904 else dt.datetime(1899, 12, 30)
        if isinstance(value, dt.datetime):
            delta = value.replace(tzinfo=None) - base
            return delta.days + delta.seconds / 86400
        return (value - base.date()).days

    def text_of(self, cell: etree._Element) -> str | None:
        """The cell's text, when it holds a string (not a formula)."""
        kind = cell.get("t")
        if cell.find(q("f")) is not None:
            return None
        if kind == "s":
            v = cell.find(q("v"))
            try:
                return self.strings.texts[int(v.text)]
            except (AttributeError, TypeError, ValueError, IndexError):
                return None
        if kind == "inlineStr":
            inline = cell.find(q("is"))
            if inline is None:
                return None
            return _unescape("".join(t.text or "" for t in inline.iter(q("t")) if t.getparent().tag != q("rPh")))
        return None

    # -- the workbook ----------------------------------------------------------------------------------

    def run(self) -> bytes:
        tables = self.tables()
        kap = [t for t in tables if t.name.lower().startswith(TABLE_PREFIX)]
        sources = self.row_sources({t.name.lower() for t in kap})
        self.check_layout(kap)
        templates = {(t.sheet.name, t.first_data): t for t in kap}
        # every other tagged cell, in the template's own coordinates
        for sheet in self.sheets:
            for r, row in list(sheet.rows().items()):
                for col, cell in sheet.cells(r).items():
                    table = templates.get((sheet.name, r))
                    if table is not None and table.left <= col <= table.right:
                        continue
                    text = self.text_of(cell)
                    if text is None or not _TAG.search(text):
                        continue
                    heading = self.heading_of(tables, sheet, r, col)
                    out = self.evaluate(text, self.ctx.data, sheet.where(r, col, text), text_only=heading is not None)
                    self.write(cell, out)
                    self.changed = True
                    if heading is not None:
                        self.rename_column(heading, col, "" if out.kind == "blank" else str(out.value),
                                           sheet.where(r, col, text))
        # each table's rows, rendered before anything moves, then written from the bottom up
        filled = [(t, self.fill_rows(t, sources.get(t.name.lower()))) for t in kap]
        for table, rows in sorted(filled, key=lambda f: (f[0].sheet.part, -f[0].top)):
            self.write_table(table, rows)
        if kap or self.changed:
            self.finish()
        return self.pkg.save()

    def tables(self) -> list[_Table]:
        found = []
        for sheet in self.sheets:
            for part in self.pkg.related(sheet.part, "table"):
                root = self.pkg.xml(part)
                name = root.get("displayName") or root.get("name") or ""
                try:
                    top, left, bottom, right = area(root.get("ref", ""))
                except ValueError:
                    raise self.fail(f"{sheet.name} (table {name})", "the table's range is not valid") from None
                found.append(_Table(sheet, part, root, name, top, left, bottom, right,
                                    int(root.get("headerRowCount", "1")), int(root.get("totalsRowCount", "0"))))
        return found

    def heading_of(self, tables: list[_Table], sheet: _Sheet, row: int, col: int) -> _Table | None:
        for table in tables:
            if table.sheet is sheet and table.header and row == table.top and table.left <= col <= table.right:
                return table
        return None

    def rename_column(self, table: _Table, col: int, name: str, where: str) -> None:
        """A table's heading cell was filled: its column takes the new name (Excel requires both to agree)."""
        columns = table.root.find(q("tableColumns"))
        items = list(columns) if columns is not None else []
        index = col - table.left
        if index >= len(items):
            return
        name = " ".join(name.split())
        others = {c.get("name", "").lower() for i, c in enumerate(items) if i != index}
        if not name or name.lower() in others:
            raise self.fail(where, f"the heading of a column of table {table.name} must be a name of its own; "
                                       f"this one gives '{name}'")
        items[index].set("name", name)

    def row_sources(self, kap_names: set[str], remove: bool = True) -> dict[str, tuple[str, str]]:
        """`<table>.rows` defined names: {table name (lower case): (expression, where)}; the names removed."""
        sources: dict[str, tuple[str, str]] = {}
        names = self.book.find(q("definedNames"))
        if names is None:
            return sources
        for defined in list(names):
            label = defined.get("name", "")
            if not (label.lower().startswith(TABLE_PREFIX) and label.lower().endswith(ROWS_SUFFIX)):
                continue
            table = label[:-len(ROWS_SUFFIX)].lower()
            where = f"defined name {label} {snippet('=' + (defined.text or ''))}"
            if table not in kap_names:
                raise self.fail(where, f"there is no table {label[:-len(ROWS_SUFFIX)]} to fill: name the table "
                                       f"{label[:-len(ROWS_SUFFIX)]} (Table Design > Table Name), or rename this name")
            found = _STRING_NAME.match(defined.text or "")
            if not found:
                raise self.fail(where, 'the name must hold the list\'s expression as text, '
                                           'e.g. ="plan.actions | selectattr(\'status\', \'ne\', \'done\') | list"')
            expr = _FOR_ROW.sub("", found.group(1).replace('""', '"')).strip()
            sources[table] = (expr, where)
            if remove:
                names.remove(defined)
                self.changed = True
        if len(names) == 0:
            self.book.remove(names)
        return sources

    def check_layout(self, kap: list[_Table]) -> None:
        for table in kap:
            data_rows = table.bottom - table.totals - table.first_data + 1
            if data_rows < 1:
                raise self.fail(table.where, f"a {TABLE_PREFIX} table needs one data row under its header, the row "
                                             "template: its cells hold {{ row... }} tags")
            if data_rows > 1:
                raise self.fail(table.where, f"a {TABLE_PREFIX} table has one data row, the row template (its "
                                             f"cells hold {{{{ row... }}}} tags); this one has {data_rows}: "
                                             "delete the others")
        for i, a in enumerate(kap):
            for b in kap[i + 1:]:
                if a.sheet is b.sheet and a.top <= b.bottom and b.top <= a.bottom:
                    raise self.fail(b.where, f"it shares rows with table {a.name}; both grow downwards by "
                                                 "inserting rows: put one under the other, or on another sheet")

    def items(self, table: _Table, source: tuple[str, str] | None) -> list:
        """The list table `table` is filled from."""
        data = self.ctx.data
        if source is not None:
            expr, where = source
            try:
                value = self.env.compile_expression(expr, undefined_to_none=False)(**data)
                if isinstance(value, Undefined):
                    str(value)
            except RENDER_ERRORS as exc:
                raise self.fail(where, reason(exc)) from None
            what = f"'{expr}'"
        else:
            key = table.name[len(TABLE_PREFIX):]
            value, what = None, ""
            for home in LOOKUP_ORDER:
                container = data.get(home)
                if not isinstance(container, Mapping):
                    continue
                match = key if key in container else next((k for k in container if k.lower() == key.lower()), None)
                if match is not None:
                    value, what = container[match], f"{home}.{match}"
                    break
            else:
                lists = sorted({k for home in LOOKUP_ORDER if isinstance(data.get(home), Mapping)
                                for k, v in data[home].items() if isinstance(v, list)})
                meeting = "" if isinstance(data.get("meeting"), Mapping) else \
                    "; meeting lists (meeting.agenda...) need a meeting: render with --meeting"
                raise self.fail(table.where, f"no list '{key}' under {', '.join(LOOKUP_ORDER)}"
                                                 f"{did_you_mean(key, lists)}{meeting}; name the table after a "
                                                 f"list (kap_contacts fills from plan.contacts) or give it a defined "
                                                 f"name {table.name}{ROWS_SUFFIX} holding the list's expression")
            where = table.where
        if value is None:
            return []
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            hint = "" if source is not None else \
                f"; give the table a defined name {table.name}{ROWS_SUFFIX} holding the list's expression"
            raise self.fail(where, f"{what} is not a list (it is a {type(value).__name__}){hint}")
        try:
            return list(value)
        except RENDER_ERRORS as exc:
            raise self.fail(where, reason(exc)) from None

    def fill_rows(self, table: _Table, source) -> list[dict[int, _Out]]:
        """One rendered row per item: {column: output} for the template row's tagged cells."""
        items = self.items(table, source)
        sheet, r = table.sheet, table.first_data
        tagged = {}
        for col, cell in sheet.cells(r).items():
            if table.left <= col <= table.right:
                text = self.text_of(cell)
                if text is not None and _TAG.search(text):
                    tagged[col] = text
                    self._compile(text, sheet.where(r, col, text))
        rows = []
        for index, item in enumerate(items):
            loop = {"index": index + 1, "index0": index, "first": index == 0, "last": index == len(items) - 1,
                    "length": len(items), "revindex": len(items) - index, "revindex0": len(items) - index - 1}
            variables = {**self.ctx.data, "row": item, "loop": loop}
            # the first item meets a mistake in the template; a later one, a value the template did not expect
            note = f" (item {index + 1} of {len(items)} in table {table.name})" if index else ""
            rows.append({col: self.evaluate(text, variables, sheet.where(r, col, text), note)
                         for col, text in tagged.items()})
        return rows

    def write_table(self, table: _Table, rows: list[dict[int, _Out]]) -> None:
        sheet, r = table.sheet, table.first_data
        extra = max(len(rows), 1) - 1
        if extra:
            if sheet.last_row() + extra > MAX_ROWS:
                raise self.fail(table.where, f"{len(rows)} rows do not fit in the sheet")
            self.insert(Insert(sheet.name, r, extra, table.left, table.right), skip=(sheet, r))
        row_element = sheet.rows().get(r)
        if row_element is None:
            row_element = self._new_row(sheet, r, None)
        # copied after the insertion, so that the copies' references to rows below have moved too
        template = {col: copy.deepcopy(cell) for col, cell in sheet.cells(r).items()
                    if table.left <= col <= table.right}
        shared = self._shared_formulas(sheet)
        # the template row itself becomes the first item's row
        cells = sheet.cells(r)
        for col in range(table.left, table.right + 1):
            cell = cells.get(col)
            if cell is None:
                continue
            if not rows:
                if cell.find(q("f")) is None:
                    self.write(cell, _Out("blank"))
            elif col in rows[0]:
                self.write(cell, rows[0][col])
        previous = row_element
        for offset in range(1, extra + 1):
            new_row = self._new_row(sheet, r + offset, row_element, after=previous)
            for col in range(table.left, table.right + 1):
                if col not in template:
                    continue
                cell = copy.deepcopy(template[col])
                cell.set("r", cell_name(r + offset, col))
                self._copy_formula(cell, template[col], col, r, r + offset, shared)
                new_row.append(cell)
                if col in rows[offset]:
                    self.write(cell, rows[offset][col])
            previous = new_row
        sheet._rows = None
        self.changed = True

    def _new_row(self, sheet: _Sheet, r: int, like: etree._Element | None, after=None) -> etree._Element:
        row = etree.Element(q("row"), attrib=dict(like.attrib) if like is not None else {})
        row.set("r", str(r))
        if after is not None:
            after.addnext(row)
        else:
            later = [e for n, e in sorted(sheet.rows().items()) if n > r]
            if later:
                later[0].addprevious(row)
            else:
                sheet.data.append(row)
        sheet._rows = None
        return row

    def _shared_formulas(self, sheet: _Sheet) -> dict[str, tuple[str, str]]:
        masters = {}
        for f in sheet.data.iter(q("f")):
            if f.get("t") == "shared" and f.get("ref") and f.text:
                masters[f.get("si")] = (f.getparent().get("r"), f.text)
        return masters

    def _copy_formula(self, cell, template_cell, col: int, origin: int, target: int, shared) -> None:
        f = cell.find(q("f"))
        if f is None:
            return
        kind = f.get("t")
        text = f.text
        source = cell_name(origin, col)
        if kind == "shared":
            master = shared.get(f.get("si"))
            text, source = (master[1], master[0]) if master else (text, source)
        if kind == "dataTable" or not text:
            cell.remove(f)
            return
        try:
            text = Translator("=" + text, origin=source).translate_formula(cell_name(target, col))[1:]
        except (TranslatorError, TokenizerError, ValueError):
            pass
        for attr in list(f.attrib):
            if attr != "t" or kind != "array":
                del f.attrib[attr]
        if kind == "array":
            f.set("ref", cell_name(target, col))
        f.text = text
        for v in cell.findall(q("v")):
            cell.remove(v)
        cell.attrib.pop("t", None)

    # -- inserting rows --------------------------------------------------------------------------------

    def insert(self, op: Insert, skip: tuple[_Sheet, int]) -> None:
        """Insert `op.count` rows under row `op.after` of `op.sheet`, moving everything under it and every
        reference to it; `skip`: the template row, whose own formulas ("up to this row") do not grow."""
        target = next(s for s in self.sheets if s.name == op.sheet)
        for row in target.data.iterfind(q("row")):
            r = int(row.get("r"))
            if r > op.after:
                row.set("r", str(r + op.count))
                for c in row.iterfind(q("c")):
                    rr, col = split_cell(c.get("r"))
                    c.set("r", cell_name(rr + op.count, col))
        target._rows = None
        for sheet in self.sheets:
            self._shift_sheet_formulas(sheet, op, skip)
        self._shift_sheet_ranges(target, op)
        names = self.book.find(q("definedNames"))
        for defined in (names if names is not None else []):
            defined.text = shift_formula(defined.text, None, op)
        for table in self.tables():
            if table.sheet is target:
                root = table.root
                root.set("ref", shift_sqref(root.get("ref"), op, grow=True))
                for element in root.iter(q("autoFilter"), q("sortState"), q("sortCondition")):
                    if element.get("ref"):
                        element.set("ref", shift_sqref(element.get("ref"), op, grow=True))
        for part in self.pkg.of_type(*CHART_TYPES):
            for f in self.pkg.xml(part).iter():
                if isinstance(f.tag, str) and etree.QName(f).localname == "f" and f.text:
                    new = shift_formula(f.text, None, op, single=True)
                    if new != f.text:
                        f.text = new
        for part in self.pkg.of_type(PIVOT_CACHE_TYPE):
            for source in self.pkg.xml(part).iter(q("worksheetSource")):
                if source.get("ref") and op.on(source.get("sheet")):
                    source.set("ref", shift_sqref(source.get("ref"), op, grow=True))
        self._shift_drawings(target, op)
        self._shift_comments(target, op)

    def _shift_sheet_formulas(self, sheet: _Sheet, op: Insert, skip) -> None:
        skip_sheet, skip_row = skip
        for f in sheet.data.iter(q("f")):
            cell = f.getparent()
            grow = not (sheet is skip_sheet and split_cell(cell.get("r"))[0] == skip_row)
            if f.text:
                f.text = shift_formula(f.text, sheet.name, op, grow=grow)
            if f.get("ref") and op.on(sheet.name):
                f.set("ref", shift_sqref(f.get("ref"), op, grow=False))
        for tag in ("formula", "formula1", "formula2"):
            for element in sheet.root.iter(q(tag)):
                element.text = shift_formula(element.text, sheet.name, op)
        for element in sheet.root.iter(q("hyperlink")):
            location = element.get("location")
            if location and "!" in location:
                element.set("location", shift_formula(location, sheet.name, op, grow=False))
        extensions = sheet.root.find(q("extLst"))
        if extensions is not None:
            for element in extensions.iter():
                if isinstance(element.tag, str) and etree.QName(element).localname == "f":
                    element.text = shift_formula(element.text, sheet.name, op)

    def _shift_sheet_ranges(self, sheet: _Sheet, op: Insert) -> None:
        root = sheet.root
        plain = [("dimension", "ref", True), ("mergeCell", "ref", False), ("conditionalFormatting", "sqref", True),
                 ("dataValidation", "sqref", True), ("hyperlink", "ref", False), ("autoFilter", "ref", False),
                 ("sortState", "ref", False), ("sortCondition", "ref", False), ("protectedRange", "sqref", True),
                 ("ignoredError", "sqref", True), ("selection", "sqref", False)]
        for tag, attr, grow in plain:
            for element in root.iter(q(tag)):
                if element.get(attr):
                    element.set(attr, shift_sqref(element.get(attr), op, grow=grow, single=grow and tag != "dimension"))
        for element in root.iter(q("selection")):
            if element.get("activeCell"):
                element.set("activeCell", shift_sqref(element.get("activeCell"), op, grow=False))
        for element in root.iter(q("pane")):
            if element.get("topLeftCell"):
                element.set("topLeftCell", shift_sqref(element.get("topLeftCell"), op, grow=False))
        for brk in root.iter(q("brk")):
            if brk.getparent().tag == q("rowBreaks") and int(brk.get("id", "0")) > op.after:
                brk.set("id", str(int(brk.get("id")) + op.count))
        extensions = root.find(q("extLst"))
        if extensions is not None:
            for element in extensions.iter():
                if isinstance(element.tag, str) and etree.QName(element).localname == "sqref" and element.text:
                    element.text = shift_sqref(element.text, op, grow=True, single=True)

    def _shift_drawings(self, sheet: _Sheet, op: Insert) -> None:
        """Pictures and charts anchored under the inserted rows move down with them (they keep their size)."""
        for part in self.pkg.related(sheet.part, "drawing"):
            for anchor in self.pkg.xml(part).iter(q("twoCellAnchor", XDR), q("oneCellAnchor", XDR)):
                start = anchor.find(f"{q('from', XDR)}/{q('row', XDR)}")
                if start is None or not start.text or int(start.text) < op.after:
                    continue
                start.text = str(int(start.text) + op.count)
                end = anchor.find(f"{q('to', XDR)}/{q('row', XDR)}")
                if end is not None and end.text:
                    end.text = str(int(end.text) + op.count)

    def _shift_comments(self, sheet: _Sheet, op: Insert) -> None:
        for part in self.pkg.related(sheet.part, "comments") + self.pkg.related(sheet.part, "threadedComment"):
            for element in self.pkg.xml(part).iter():
                if isinstance(element.tag, str) and etree.QName(element).localname in ("comment", "threadedComment") \
                        and element.get("ref"):
                    element.set("ref", shift_sqref(element.get("ref"), op, grow=False))
        for part in self.pkg.related(sheet.part, "vmlDrawing"):
            raw = self.pkg.raw[part].decode("utf-8", "replace")

            def row(m: re.Match) -> str:
                value = int(m.group(2))
                return f"{m.group(1)}{value + op.count if value >= op.after else value}{m.group(3)}"

            def anchor(m: re.Match) -> str:
                values = [v.strip() for v in m.group(2).split(",")]
                if len(values) == 8 and values[2].isdigit() and int(values[2]) >= op.after:
                    values[2] = str(int(values[2]) + op.count)
                    values[6] = str(int(values[6]) + op.count) if values[6].isdigit() else values[6]
                return f"{m.group(1)}{', '.join(values)}{m.group(3)}"

            raw = re.sub(r"(<x:Row>\s*)(\d+)(\s*</x:Row>)", row, raw)
            raw = re.sub(r"(<x:Anchor>\s*)([^<]*?)(\s*</x:Anchor>)", anchor, raw)
            self.pkg.raw[part] = raw.encode("utf-8")

    # -- finishing -------------------------------------------------------------------------------------

    def finish(self) -> None:
        """Formula results recalculated on opening, the calculation chain dropped, chart caches refilled."""
        for part in self.pkg.related(self.workbook, "calcChain"):
            self.pkg.remove(part)
        calc = self.book.find(q("calcPr"))
        if calc is None:
            calc = etree.Element(q("calcPr"))
            anchor = None
            for tag in ("definedNames", "externalReferences", "functionGroups", "sheets"):
                anchor = self.book.find(q(tag))
                if anchor is not None:
                    break
            if anchor is not None:
                anchor.addnext(calc)
            else:
                self.book.append(calc)
        calc.set("fullCalcOnLoad", "1")
        self.refill_charts()
        for sheet in self.sheets:
            for f in sheet.data.iter(q("f")):
                cell = f.getparent()
                for v in cell.findall(q("v")):
                    cell.remove(v)
                cell.attrib.pop("t", None)
            dimension = sheet.root.find(q("dimension"))
            rows = sheet.rows()
            if dimension is not None and rows:
                cols = [split_cell(c.get("r"))[1] for row in rows.values() for c in row.iterfind(q("c"))]
                if cols:
                    dimension.set("ref", f"{cell_name(min(rows), min(cols))}:{cell_name(max(rows), max(cols))}")

    def values(self, sheet: _Sheet) -> dict[tuple[int, int], Any]:
        found: dict[tuple[int, int], Any] = {}
        for row in sheet.data.iterfind(q("row")):
            for c in row.iterfind(q("c")):
                kind, v = c.get("t"), c.find(q("v"))
                r, col = split_cell(c.get("r"))
                if kind in ("s", "inlineStr"):
                    text = self.text_of(c)
                    if text is not None:
                        found[r, col] = text
                elif v is not None and v.text is not None:
                    if kind in ("str", "e"):
                        found[r, col] = v.text
                    elif kind == "b":
                        found[r, col] = v.text in ("1", "true")
                    else:
                        try:
                            found[r, col] = float(v.text)
                        except ValueError:
                            pass
        return found

    def refill_charts(self) -> None:
        """Each chart's cached values read again from the cells its series refer to."""
        values: dict[str, dict] = {}
        by_name = {s.name.lower(): s for s in self.sheets}
        for part in self.pkg.of_type(CHART_TYPES[0]):
            root = self.pkg.xml(part)
            for ref in root.iter(q("numRef", CHART_NS), q("strRef", CHART_NS), q("multiLvlStrRef", CHART_NS)):
                f = ref.find(q("f", CHART_NS))
                if f is None or not f.text:
                    continue
                if ref.tag == q("multiLvlStrRef", CHART_NS):
                    for cache in ref.findall(q("multiLvlStrCache", CHART_NS)):
                        ref.remove(cache)
                    continue
                points = self._points(f.text, by_name, values)
                if points is None:
                    continue
                self._cache(ref, points)

    def _points(self, formula: str, by_name, values) -> list | None:
        try:
            tokens = Tokenizer("=" + formula).items
        except (TokenizerError, ValueError, IndexError):
            return None
        points: list = []
        for token in tokens:
            if token.type != Token.OPERAND:
                continue
            if token.subtype != Token.RANGE or "!" not in token.value:
                return None
            sheet_part, _, ref = token.value.rpartition("!")
            sheet = by_name.get(_unquote(sheet_part).lower())
            if sheet is None:
                return None
            try:
                top, left, bottom, right = area(ref.replace("$", ""))
            except ValueError:
                return None
            if (bottom - top + 1) * (right - left + 1) > 100_000:
                return None
            if sheet.name not in values:
                values[sheet.name] = self.values(sheet)
            cells = values[sheet.name]
            points.extend(cells.get((r, c)) for r in range(top, bottom + 1) for c in range(left, right + 1))
        return points

    def _cache(self, ref: etree._Element, points: list) -> None:
        numeric = ref.tag == q("numRef", CHART_NS)
        tag = "numCache" if numeric else "strCache"
        old = ref.find(q(tag, CHART_NS))
        cache = etree.Element(q(tag, CHART_NS))
        if numeric:
            code = old.find(q("formatCode", CHART_NS)) if old is not None else None
            etree.SubElement(cache, q("formatCode", CHART_NS)).text = code.text if code is not None else "General"
        etree.SubElement(cache, q("ptCount", CHART_NS), val=str(len(points)))
        for index, value in enumerate(points):
            if value is None or value == "":
                continue
            if numeric:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    continue
                text = _number(value)
            else:
                text = _number(value) if isinstance(value, float) else str(value)
            pt = etree.SubElement(cache, q("pt", CHART_NS), idx=str(index))
            etree.SubElement(pt, q("v", CHART_NS)).text = text
        if old is not None:
            extension = old.find(q("extLst", CHART_NS))
            if extension is not None:
                cache.append(extension)
            old.addprevious(cache)
            ref.remove(old)
        else:
            f = ref.find(q("f", CHART_NS))
            f.addnext(cache)


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)
