"""Writing the contact-matrix workbook with XlsxWriter.

Sheets, in order: Matrix (who relates to whom, editable), Contacts and Team (the full
lists as Excel tables with drop-downs, editable), Buyers (the buyers' chart), Coverage
(the gaps and suggested fixes), Lists (hidden: the drop-downs' values). Every number
comes from `Figures.coverage`; every plan string goes through `kapdocs.xlsx_safe`.

Why XlsxWriter and not openpyxl for writing: measured on this machine, XlsxWriter
writes a large styled grid several times faster and in a third of the memory, and it
writes data validations, conditional formats, tables and print settings directly.
openpyxl reads the workbook back (`update.py`), since XlsxWriter cannot read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from kapdocs.render.chartdata import fixed_timestamp
from kapdocs.text import parse_inline
from kapdocs.theme import tint as theme_tint
from kapdocs.xlsx_safe import SafeCells, cell_text, column_letter, fit, header_footer_text

from .cells import (
    CONTACT_COLUMNS, FUNCTION_LABELS, ID_HEADER, MATRIX_CONTACT_COLUMNS, SHEET_BUYERS,
    SHEET_BASE, SHEET_CONTACTS, SHEET_COVERAGE, SHEET_LISTS, SHEET_MATRIX, SHEET_TEAM, STRENGTHS, TEAM_COLUMNS, YES, Column,
    LinkCell, link_choices, matrix_details,
)
from .gaps import coverage_gaps, coverage_summary

# -- Matrix layout (0-based rows and columns) ----------------------------------------------
ID_ROW = 3
"""The row of team-member ids (column A says `id`)."""
NAME_ROW = 4
"""The header row: `id`, `Contact`, ... then each team member's name."""
FUNCTION_ROW = 5
"""Each team member's function."""
BODY_ROW = 6
"""The first row of contacts (or of the first group heading)."""
FIRST_MEMBER_COL = len(MATRIX_CONTACT_COLUMNS)
WRAPPED = (1, 2, 3)
"""Matrix columns whose text wraps: contact name, title, buyer roles."""
"""Column H: the first team member."""
MEMBER_WIDTH = 16
LIST_HEADER_ROW = 2
"""The header row of the Contacts and Team tables (row 3)."""
TABLE_NAMES = {SHEET_CONTACTS: "CustomerContacts", SHEET_TEAM: "OurTeam"}
"""Excel table names of the list sheets (kept apart from the sheet names)."""
SPARE_ROWS = 300
"""Rows below each list that keep the drop-downs, for people added at the bottom."""

CUSTOM_FINGERPRINT = "kapdocs plan fingerprint"
"""Custom document property: a digest of the plan's team, contacts and relationships when the workbook was written."""
CUSTOM_ACCOUNT = "kapdocs account"
"""Custom document property: the account the workbook was written for."""

STRENGTH_MEANINGS = {
    0: "none yet: we know of each other, no working contact",
    1: "aware: they know who we are and what we do",
    2: "working: regular business contact, information flows when asked",
    3: "good: trust both ways, they share plans and problems early",
    4: "trusted partner: they seek our advice and speak for us",
}
ROLE_COLUMNS = (
    ("Economic and ultimate decision-makers", "Sign off the spend; an ultimate decision-maker (board, committee) "
     "may stand above them."),
    ("Technical decision-makers", "Check the offer against the specification: they can say no, not yes."),
    ("End users", "Work with the product or service every day."),
    ("Advocates", "Guide us to the other buyers and speak for us: advocate role or champion attitude."),
)
ATTITUDES = ("champion", "supporter", "neutral", "sceptic", "blocker")
CARD_WIDTH = 36
"""Width of a column of the buyers' chart."""


def base_text(plan) -> str:
    """The plan's team, contacts and relationships as JSON: what the workbook was written from."""
    data = plan.model_dump(mode="json", include={"team", "contacts", "relationships"})
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def fingerprint(plan) -> str:
    """A digest of the plan's team, contacts and relationships: tells the reader whether the plan moved on."""
    return text_fingerprint(base_text(plan))


def text_fingerprint(text: str) -> str:
    """The fingerprint of `base_text`."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


BASE_CHUNK = 30_000
"""Characters of the base JSON per cell (a cell holds at most 32,767)."""


def base_sheet(book) -> None:
    """The very hidden sheet of what kapdocs wrote (`SHEET_BASE`): the base of a three-way merge on read-back."""
    ws = book.wb.add_worksheet(SHEET_BASE)
    text = base_text(book.plan)
    ws.write_string(0, 0, "What kapdocs wrote this workbook from (read by kapdocs contacts --update; do not edit).")
    for i in range(0, len(text), BASE_CHUNK):
        ws.write_string(1 + i // BASE_CHUNK, 0, text[i:i + BASE_CHUNK])
    ws.very_hidden()


def tint(hex_colour: str, share: float) -> str:
    """`theme.tint` as XlsxWriter takes a colour: '#RRGGBB'."""
    return "#" + theme_tint(hex_colour, share)


LINE_HEIGHT = 12.75
"""Points per line of 10-point text."""
MAX_ROW_HEIGHT = 409
"""Excel's tallest row, in points."""


def row_height(texts: list[tuple[str | None, float]], minimum: float = 15) -> float:
    """The height (points) a row needs for wrapped `(text, column width)` pairs.

    Neither Excel nor LibreOffice fits row heights to wrapped text when it opens a file
    written by a library, so the writer estimates: about one character per unit of column
    width, each paragraph starting a new line.
    """
    lines = 1
    for text, width in texts:
        if text:
            per_line = max(1, int(width * 1.2) - 1)
            lines = max(lines, sum(max(1, -(-len(p) // per_line)) for p in str(text).split("\n")))
    return min(MAX_ROW_HEIGHT, max(minimum, lines * LINE_HEIGHT + 3))


@dataclass
class Book:
    """What every sheet writer needs: the plan, its figures, the theme, the workbook and its formats."""

    job: Any
    wb: Any
    cells: SafeCells
    colours: Any = None
    fonts: Any = None
    styles: dict[str, dict] = field(default_factory=dict)

    @property
    def plan(self):
        return self.job.plan

    @property
    def coverage(self):
        return self.job.figures.coverage

    def f(self, *names: str, **extra) -> Any:
        """The shared format made of the named styles plus `extra` properties."""
        return self.cells.format(self.props(*names, **extra))

    def props(self, *names: str, **extra) -> dict:
        out: dict = {}
        for name in names:
            out.update(self.styles[name])
        out.update(extra)
        return out


def _styles(colours, fonts) -> dict[str, dict]:
    line = "#" + colours.line
    border = {"border": 1, "border_color": line}
    return {
        "title": {"bold": True, "font_size": 14, "font_name": fonts.heading, "font_color": "#" + colours.primary},
        "hint": {"italic": True, "font_size": 9, "font_color": "#" + colours.muted},
        "head": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#" + colours.primary, "text_wrap": True,
                 "valign": "vcenter", **border},
        "sub": {"italic": True, "font_size": 9, "bg_color": "#" + colours.light, "text_wrap": True,
                "valign": "top", **border},
        "id": {"font_size": 8, "font_color": "#" + colours.muted, "valign": "vcenter", **border},
        "text": {"valign": "top", **border},
        "wrap": {"valign": "top", "text_wrap": True, **border},
        "cell": {"align": "center", "valign": "vcenter", **border},
        "group": {"bold": True, "font_color": "#" + colours.primary, "bg_color": "#" + colours.light,
                  "top": 1, "bottom": 1, "top_color": line, "bottom_color": line},
        "total": {"bold": True, "align": "center", "valign": "vcenter", "num_format": "0", "top": 2,
                  "bottom": 1, "left": 1, "right": 1, "border_color": line},
        "total_label": {"bold": True, "top": 2, "bottom": 1, "left": 1, "right": 1, "border_color": line},
        "bold": {"bold": True},
        "plain": {"valign": "top"},
    }


def strength_fills(colours) -> dict[int, dict]:
    """The fill (and font) of a matrix cell by strength: grey for 0, then stronger tints of the theme's secondary."""
    base = colours.secondary
    return {
        0: {"bg_color": "#F2F2F2", "font_color": "#" + colours.muted},
        1: {"bg_color": tint(base, 0.15)},
        2: {"bg_color": tint(base, 0.35)},
        3: {"bg_color": tint(base, 0.6)},
        4: {"bg_color": "#" + base, "font_color": "#FFFFFF", "bold": True},
    }


def attitude_fills(colours) -> dict[str, str]:
    """The fill of a buyer's card by attitude: greens for friends, amber and red for the others."""
    return {"champion": tint(colours.green, 0.4), "supporter": tint(colours.green, 0.15), "neutral": "#F2F2F2",
            "sceptic": tint(colours.amber, 0.35), "blocker": tint(colours.red, 0.3)}


def write_workbook(job, path: Path) -> None:
    """Write the contact-matrix workbook for `job` to `path`."""
    theme = job.theme
    wb = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "default_format_properties": {"font_name": theme.fonts.body, "font_size": 10},
    })
    book = Book(job, wb, SafeCells(wb), theme.colours, theme.fonts, _styles(theme.colours, theme.fonts))
    plan = job.plan
    wb.set_properties({
        "title": fit(f"{plan.account.name}: contact matrix", 250)[0],
        "subject": "Contact matrix, buyers' chart and coverage",
        "author": "kapdocs",
        "comments": "Written by kapdocs; read edits back with `kapdocs contacts PLAN --update WORKBOOK`.",
        "created": fixed_timestamp(),
    })
    wb.set_custom_property(CUSTOM_FINGERPRINT, fingerprint(plan))
    wb.set_custom_property(CUSTOM_ACCOUNT, fit(plan.account.name, 250)[0] or "-")
    choices = link_choices()
    site_ids = [s.id for s in plan.sites]
    matrix_sheet(book, len(choices))
    contacts_sheet(book, len(site_ids))
    team_sheet(book)
    buyers_sheet(book)
    coverage_sheet(book)
    lists_sheet(book, choices, site_ids)
    base_sheet(book)
    wb.worksheets()[0].activate()
    wb.close()


PAGE_WIDTH_UNITS = {"a4": 145, "letter": 136}
"""About how many column-width units fit across a landscape page at 100% (margins of 1 cm)."""
MIN_PRINT_SCALE = 70
"""The smallest print scale that stays legible (10 pt text prints at 7 pt): wider sheets run over pages."""


def _page(book: Book, ws, title: str, *, repeat: tuple[int, int] | None = None, landscape: bool = True,
          width: float | None = None, keep_columns: tuple[int, int] | None = None) -> None:
    """Print set-up: paper from the options, landscape, header and footer; one page wide unless that
    would print below `MIN_PRINT_SCALE`: a sheet `width` units wide then prints at that scale over
    several pages across, repeating `keep_columns` (who each row is) on every page."""
    if landscape:
        ws.set_landscape()
    page = book.job.options.page
    ws.set_paper(1 if page == "letter" else 9)
    if width and width * MIN_PRINT_SCALE / 100 > PAGE_WIDTH_UNITS[page]:
        ws.set_print_scale(MIN_PRINT_SCALE)
        if keep_columns is not None:
            ws.repeat_columns(*keep_columns)
    else:
        ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_header(f"&L{header_footer_text(book.plan.account.name)}&R{header_footer_text(title)}")
    label = header_footer_text(book.job.theme.label("internal", book.plan.account.name))
    ws.set_footer(f"&L{label}&RPage &P of &N")
    ws.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})


def _rich(book, ws, row: int, col: int, text: str, cell_format) -> bool:
    """Write `text` with its `**bold**` and `*italic*` spans as rich text runs; False (nothing written)
    when it has none, or only one run (a rich string needs two), for a plain cell instead."""
    spans = parse_inline(text)
    if len(spans) < 2 or not any(s.bold or s.italic for s in spans):
        return False
    spans = parse_inline(cell_text(text, f"{ws.name}!{column_letter(col)}{row + 1}").text)  # cleaned, cut
    if len(spans) < 2:
        return False
    parts: list = []
    for span in spans:
        if span.bold or span.italic:
            parts.append(book.f("text", bold=span.bold, italic=span.italic))
        parts.append(span.text)
    ws.write_rich_string(row, col, *parts, cell_format)
    return True


def _title(book: Book, ws, title: str, note: str, col: int = 0) -> None:
    book.cells.text(ws, 0, col, title, book.styles["title"])
    book.cells.text(ws, 1, col, note, book.styles["hint"])
    ws.set_row(0, 22)


# -- Matrix --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MatrixLayout:
    """Where things are on the Matrix sheet, for the writer and for tests."""

    member_cols: dict[str, int]
    """Team id -> column."""
    contact_rows: dict[str, int]
    """Contact id -> row."""
    group_rows: list[int]
    first_body: int
    last_body: int
    links_col: int | None
    strength_col: int | None
    totals_row: int | None


def contact_groups(plan) -> list[tuple[str | None, list]]:
    """Contacts grouped by site (in `sites` order), else by department; one unnamed group when neither is given."""
    contacts = plan.contacts
    if any(c.site for c in contacts):
        names = {s.id: s.name for s in plan.sites}
        order = [s.id for s in plan.sites]
        groups = [(names[sid], [c for c in contacts if c.site == sid]) for sid in order]
        groups.append(("No site given", [c for c in contacts if not c.site or c.site not in names]))
    elif any(c.department for c in contacts):
        departments = list(dict.fromkeys(c.department for c in contacts if c.department))
        groups = [(d, [c for c in contacts if c.department == d]) for d in departments]
        groups.append(("No department given", [c for c in contacts if not c.department]))
    else:
        return [(None, list(contacts))]
    return [(name, members) for name, members in groups if members]


MATRIX_HINT = ("Each cell: strength today → target, how often in touch (e.g. 2 → 4, quarterly). Strength 0 none, "
               "1 aware, 2 working, 3 good, 4 trusted partner; empty: no relationship. Legend below the totals.")


def matrix_sheet(book: Book, n_choices: int) -> MatrixLayout:
    """The contact matrix: one row per contact (grouped), one column per team member, totals, legend."""
    plan, cov, cells = book.plan, book.coverage, book.cells
    ws = book.wb.add_worksheet(SHEET_MATRIX)
    members = plan.team
    links = {(r.ours, r.theirs): r for r in plan.relationships}
    _title(book, ws, f"{plan.account.name}: contact matrix", MATRIX_HINT, col=1)  # column A does not print
    for col, (_, width) in enumerate(MATRIX_CONTACT_COLUMNS):
        ws.set_column(col, col, width)
    last_member = FIRST_MEMBER_COL + len(members) - 1
    links_col = strength_col = None
    if members:
        ws.set_column(FIRST_MEMBER_COL, last_member, MEMBER_WIDTH, book.f(align="center", valign="vcenter"))
        links_col, strength_col = last_member + 1, last_member + 2
        ws.set_column(links_col, strength_col, 9)
    last_col = strength_col if strength_col is not None else FIRST_MEMBER_COL - 1

    # headers: the id row, the names, the functions
    ws.write_string(ID_ROW, 0, ID_HEADER, book.f("id"))
    cells.text(ws, ID_ROW, 1, "team member ids →", book.props("id", align="right", border=0))
    for col, (header, _) in enumerate(MATRIX_CONTACT_COLUMNS):
        ws.write_string(NAME_ROW, col, header, book.f("head"))
        ws.write_blank(FUNCTION_ROW, col, None, book.f("sub"))
    ws.set_row(ID_ROW, 12)
    ws.set_row(NAME_ROW, 30)
    member_cols = {}
    for i, member in enumerate(members):
        col = FIRST_MEMBER_COL + i
        member_cols[member.id] = col
        ws.write_string(ID_ROW, col, member.id, book.f("id", align="center"))
        cells.text(ws, NAME_ROW, col, member.name, book.props("head", align="center"))
        cells.text(ws, FUNCTION_ROW, col, FUNCTION_LABELS.get(member.function, member.function),
                   book.props("sub", align="center"))
    if members:
        for col, label in ((links_col, "Links"), (strength_col, "Strength")):
            ws.write_string(NAME_ROW, col, label, book.f("head", align="center"))
            ws.write_blank(ID_ROW, col, None)
        ws.write_string(FUNCTION_ROW, links_col, "strength 1+", book.f("sub", align="center"))
        ws.write_string(FUNCTION_ROW, strength_col, "sum", book.f("sub", align="center"))

    # body
    row = BODY_ROW
    contact_rows: dict[str, int] = {}
    group_rows: list[int] = []
    groups = contact_groups(plan)
    grouped = groups and groups[0][0] is not None
    member_range = f"{column_letter(FIRST_MEMBER_COL)}{{r}}:{column_letter(last_member)}{{r}}"
    cell_format = book.f("cell")
    text_format, id_format = book.f("text"), book.f("id")
    wrap_format = book.f("text", text_wrap=True)
    row_total = book.f("total", top=1)
    for name, contacts in groups:
        if name is not None:
            group_rows.append(row)
            cells.text(ws, row, 0, None, book.styles["group"])
            cells.text(ws, row, 1, name, book.styles["group"])
            for col in range(2, last_col + 1):
                ws.write_blank(row, col, None, book.f("group"))
            row += 1
        for contact in contacts:
            contact_rows[contact.id] = row
            details = matrix_details(contact)
            height = row_height([(details[col - 1], MATRIX_CONTACT_COLUMNS[col][1]) for col in WRAPPED])
            if grouped or height > 15:
                ws.set_row(row, height if height > 15 else None, None, {"level": 1 if grouped else 0})
            ws.write_string(row, 0, contact.id, id_format)
            for col, value in enumerate(details, start=1):
                cells.text(ws, row, col, value, wrap_format if col in WRAPPED else text_format)
            for member in members:
                link = links.get((member.id, contact.id))
                col = member_cols[member.id]
                if link is not None:  # empty cells get their grid from a conditional format
                    ws.write_string(row, col, LinkCell.of(link.strength, link.target_strength,
                                                          link.frequency).text, cell_format)
            if members:
                rng = member_range.format(r=row + 1)
                ws.write_formula(row, links_col, f"=SUMPRODUCT(--(VALUE(0&LEFT({rng},1))>=1))",
                                 row_total, cov.links_by_contact.get(contact.id, 0))
                ws.write_formula(row, strength_col, f"=SUMPRODUCT(VALUE(0&LEFT({rng},1)))",
                                 row_total, cov.strength_by_contact.get(contact.id, 0))
            row += 1
    if not plan.contacts:
        cells.text(ws, row, 1, "Not yet captured: no customer contacts. List them in the Contacts sheet (or under "
                   "`contacts:` in the plan), add a row here for each with its id in column A, and read the "
                   "workbook back.", book.styles["hint"])
        row += 1
    first_body, last_body = BODY_ROW, max(BODY_ROW, row - 1)
    totals_row = None
    if members and plan.contacts:
        totals_row = row
        cells.text(ws, row, 1, "Links (strength 1 or more)", book.styles["total_label"])
        cells.text(ws, row + 1, 1, "Total strength", book.styles["total_label"])
        for col in range(0, FIRST_MEMBER_COL):
            if col != 1:
                ws.write_blank(row, col, None, book.f("total_label"))
                ws.write_blank(row + 1, col, None, book.f("total_label", top=1))
        for member in members:
            col = member_cols[member.id]
            rng = f"{column_letter(col)}{first_body + 1}:{column_letter(col)}{last_body + 1}"
            ws.write_formula(row, col, f"=SUMPRODUCT(--(VALUE(0&LEFT({rng},1))>=1))", book.f("total"),
                             cov.links_by_member.get(member.id, 0))
            ws.write_formula(row + 1, col, f"=SUMPRODUCT(VALUE(0&LEFT({rng},1)))", book.f("total", top=1),
                             cov.strength_by_member.get(member.id, 0))
        total_strength = sum(cov.strength_by_member.values())
        for at, col, value in ((row, links_col, cov.live_links), (row + 1, strength_col, total_strength)):
            letter = column_letter(col)
            ws.write_formula(at, col, f"=SUM({letter}{first_body + 1}:{letter}{last_body + 1})",
                             book.f("total", top=2 if at == row else 1), value)
        ws.write_blank(row, strength_col, None, book.f("total"))
        ws.write_blank(row + 1, links_col, None, book.f("total", top=1))
        row += 2
    if not members:
        cells.text(ws, NAME_ROW + 1, FIRST_MEMBER_COL, "Not yet captured: no core team. List it in the Team sheet "
                   "(or under `team:`), then add a column here per member with the id in row 4.", book.styles["hint"])

    if members and plan.contacts:
        _matrix_rules(book, ws, first_body, last_body, FIRST_MEMBER_COL, last_member, n_choices)
    row = _legend(book, ws, row + 1)

    ws.freeze_panes(BODY_ROW, 2)
    if grouped:
        ws.outline_settings(True, False, True, False)
    ws.print_area(0, 1, max(row, last_body), last_col)  # column A's ids are for kapdocs, not for print
    printed = sum(w for _, w in MATRIX_CONTACT_COLUMNS[1:]) + MEMBER_WIDTH * len(members) + (18 if members else 0)
    _page(book, ws, "Contact matrix", repeat=(NAME_ROW, FUNCTION_ROW), width=printed, keep_columns=(1, 2))
    return MatrixLayout(member_cols, contact_rows, group_rows, first_body, last_body, links_col, strength_col,
                        totals_row)


def _matrix_rules(book: Book, ws, first: int, last: int, first_col: int, last_col: int, n_choices: int) -> None:
    """Colour by strength (conditional formats, so colours follow edits) and the drop-down of cell texts."""
    top_left = f"{column_letter(first_col)}{first + 1}"
    grid = {"border": 1, "border_color": "#" + book.colours.line}
    for strength, props in strength_fills(book.colours).items():
        ws.conditional_format(first, first_col, last, last_col, {
            "type": "formula", "criteria": f'=LEFT({top_left},1)="{strength}"',
            "format": book.wb.add_format({**props, **grid})})
    # the grid of empty cells: a format here rather than 200,000 blank cells in a large matrix
    ws.conditional_format(first, first_col, last, last_col, {
        "type": "formula", "criteria": f"=LEN({top_left})=0", "format": book.wb.add_format(grid)})
    ws.data_validation(first, first_col, last, last_col, {
        "validate": "list", "source": f"={SHEET_LISTS}!$A$2:$A${n_choices + 1}",
        "ignore_blank": True, "error_type": "warning",
        "input_title": "Relationship",
        "input_message": "strength → target, frequency\ne.g. 2 → 4, quarterly or 3, monthly\n"
                         "0 none, 1 aware, 2 working, 3 good, 4 trusted partner. Empty: none.",
        "error_title": "Not a relationship cell",
        "error_message": "Write strength (0-4) → target, frequency, e.g. 2 → 4, quarterly; or pick from the "
                         "list. kapdocs checks every cell when it reads the workbook back.",
    })


def _legend(book: Book, ws, row: int) -> int:
    """The legend under the totals: the cell format, the strengths with their colours, how to read edits back."""
    cells, hint = book.cells, book.styles["plain"]
    cells.text(ws, row, 1, "Legend", book.styles["bold"])
    row += 1
    lines = [
        "Each team-member cell holds: strength today → target strength, how often they are in touch.",
        "Examples: '3, monthly' · '2 → 4, quarterly' (the target shows only where it differs) · '1' · empty = no "
        "relationship. '->' may be typed for '→'.",
        "Frequencies: weekly, monthly, quarterly, yearly, ad hoc.",
    ]
    for line in lines:
        cells.text(ws, row, 1, line, hint)
        row += 1
    fills = strength_fills(book.colours)
    for strength, meaning in STRENGTH_MEANINGS.items():
        ws.write_string(row, 1, f"{strength} {STRENGTHS[strength]}", book.f("cell", **fills[strength]))
        cells.text(ws, row, 2, meaning, hint)
        row += 1
    for line in [
        "Totals and colours follow your edits. Column A and row 4 hold ids that link rows and columns to the plan: "
        "keep them.",
        "Contact details are edited in the Contacts sheet, team members in the Team sheet; to add a contact here, "
        "add a row with their id in column A.",
        "Read your edits back into the plan with: kapdocs contacts PLAN.yaml --update THIS-WORKBOOK.xlsx "
        "(shows the changes; --yes writes them).",
    ]:
        cells.text(ws, row, 1, line, hint)
        row += 1
    return row


# -- Contacts and Team -------------------------------------------------------------------------

def _list_sheet(book: Book, name: str, title: str, note: str, columns: tuple[Column, ...], people: list,
                validations: dict[str, dict]) -> None:
    """An editable list as an Excel table with a filter, one row per person, drop-downs on enumerated columns."""
    cells = book.cells
    ws = book.wb.add_worksheet(name)
    _title(book, ws, title, note)
    for col, column in enumerate(columns):
        ws.set_column(col, col, column.width)
    top = LIST_HEADER_ROW + 1
    formats = [book.f("text", align="center") if c.kind == "role" else book.f("wrap" if c.wrap else "text")
               for c in columns]
    for i, person in enumerate(people):
        row = top + i
        shown = [column.display(person) for column in columns]
        wrapped = [(text, column.width) for text, column in zip(shown, columns) if column.wrap and text]
        if wrapped:
            ws.set_row(row, row_height(wrapped))
        for col, text in enumerate(shown):
            if text is not None and not (columns[col].rich and _rich(book, ws, row, col, text, formats[col])):
                cells.text(ws, row, col, text, formats[col])
    last = top + max(len(people), 1) - 1
    ws.add_table(LIST_HEADER_ROW, 0, last, len(columns) - 1, {
        "name": TABLE_NAMES[name], "style": "Table Style Light 9", "autofilter": True,
        "columns": [{"header": c.header, "header_format": book.f("head")} for c in columns],
    })
    end = last + SPARE_ROWS
    for col, column in enumerate(columns):
        rule = validations.get(column.header)
        if rule is None and column.kind == "enum":
            rule = {"validate": "list", "source": list(column.choices)}
        if rule is None and column.kind == "role":
            rule = {"validate": "list", "source": [YES]}
        if rule is None:
            continue
        shown = ", ".join(rule["source"]) if isinstance(rule["source"], list) else "the list"
        ws.data_validation(top, col, end, col, {
            **rule, "ignore_blank": True, "error_type": "stop",
            "error_title": fit(f"Not a valid {column.header.lower()}", 32)[0],
            "error_message": fit(f"Pick one of: {shown}; or leave the cell empty.", 255)[0],
        })
    ws.set_row(LIST_HEADER_ROW, 30)
    ws.freeze_panes(top, 2)
    _page(book, ws, title, repeat=(LIST_HEADER_ROW, LIST_HEADER_ROW))


def contacts_sheet(book: Book, n_sites: int) -> None:
    """Customer contacts: every field of `contacts[]`, editable."""
    plan = book.plan
    note = ("One row per person on the customer's side. Keep the id (it links the row to the plan); add people "
            "at the bottom; write 'yes' under each buyer role a contact plays. Read edits back with "
            "`kapdocs contacts PLAN --update WORKBOOK`.")
    if not plan.contacts:
        note = "Not yet captured: no customer contacts. " + note
    last_id_row = LIST_HEADER_ROW + 1 + max(len(plan.contacts), 1) + SPARE_ROWS
    validations = {"Reports to": {"validate": "list",
                                  "source": f"=$A${LIST_HEADER_ROW + 2}:$A${last_id_row}"}}
    if n_sites:
        validations["Site"] = {"validate": "list", "source": f"={SHEET_LISTS}!$B$2:$B${n_sites + 1}"}
    _list_sheet(book, SHEET_CONTACTS, f"Customer contacts: {plan.account.name}", note, CONTACT_COLUMNS,
                plan.contacts, validations)


def team_sheet(book: Book) -> None:
    """Our core team: every field of `team[]`, editable."""
    plan = book.plan
    note = ("One row per member of our core team. Keep the id (it links the row to the plan and to the Matrix "
            "columns); add members at the bottom.")
    if not plan.team:
        note = "Not yet captured: no core team. " + note
    _list_sheet(book, SHEET_TEAM, f"Our team: {plan.account.name}", note, TEAM_COLUMNS, plan.team, {})


# -- Buyers ----------------------------------------------------------------------------------

def _card_details(contact, tag: str) -> str:
    """The lines under a buyer's name: title, then influence, attitude and a tag (ultimate, champion)."""
    details = [contact.title or "title not given",
               " · ".join(x for x in (f"influence {contact.influence}" if contact.influence else "",
                                      contact.attitude or "", tag) if x) or "influence and attitude not given"]
    return "\n" + "\n".join(details)


def _card_text(contact, tag: str) -> str:
    return contact.name + _card_details(contact, tag)


def _card(book: Book, ws, row: int, col: int, contact, tag: str = "") -> None:
    """One buyer as a cell: the name in bold, title, influence and attitude, filled by attitude."""
    fills = attitude_fills(book.colours)
    name = cell_text(contact.name, f"{SHEET_BUYERS}!{column_letter(col)}{row + 1}")
    rest = _card_details(contact, tag)
    props = book.props("wrap", valign="top", bg_color=fills.get(contact.attitude or "", "#FFFFFF"))
    fmt = book.cells.format(props, quote=name.quote_prefix)
    if len(name.text) + len(rest) > 32_000:
        book.cells.text(ws, row, col, contact.name + rest, props)
        return
    ws.write_rich_string(row, col, book.f("bold", font_name=book.fonts.body, font_size=10), name.text,
                         book.f("plain", font_name=book.fonts.body, font_size=10), rest, fmt)


def buyers_sheet(book: Book) -> None:
    """The buyers' chart: a column per buyer role, contacts without a role listed apart."""
    plan, cov, cells = book.plan, book.coverage, book.cells
    ws = book.wb.add_worksheet(SHEET_BUYERS)
    _title(book, ws, f"Buyers' chart: {plan.account.name}",
           "Who plays which part in the decision; the colour shows their attitude to us. Rebuilt from the plan "
           "each time: edit contacts in the Contacts sheet.")
    for col in range(4):
        ws.set_column(col, col, CARD_WIDTH)
    ws.set_column(4, 4, 3)
    ws.set_column(5, 5, 14)
    head = 3
    for col, (label, description) in enumerate(ROLE_COLUMNS):
        ws.write_string(head, col, label, book.f("head"))
        ws.write_string(head + 1, col, description, book.f("sub"))
    ws.set_row(head, 30)
    ws.set_row(head + 1, 40)
    advocates = set(cov.advocates)
    columns = [
        [(c, "ultimate" if "ultimate" in c.roles else "") for c in plan.contacts
         if {"economic", "ultimate"} & set(c.roles)],
        [(c, "") for c in plan.contacts if "technical" in c.roles],
        [(c, "") for c in plan.contacts if "end_user" in c.roles],
        [(c, "") for c in plan.contacts if c.id in advocates],
    ]
    top = head + 2
    depth = max((len(c) for c in columns), default=0)
    for i in range(depth):
        texts = [(_card_text(*entries[i]), CARD_WIDTH) for entries in columns if i < len(entries)]
        ws.set_row(top + i, row_height(texts, minimum=3 * LINE_HEIGHT + 6))
    for col, entries in enumerate(columns):
        for i, (contact, tag) in enumerate(entries):
            _card(book, ws, top + i, col, contact, tag)
        if not entries:
            ws.write_string(top, col, "Nobody yet: see the Coverage sheet.", book.f("wrap", italic=True,
                                                                                   font_color="#" + book.colours.muted))
    ws.write_string(top - 1, 5, "Attitude", book.f("bold", valign="bottom"))
    for i, attitude in enumerate(ATTITUDES):
        ws.write_string(top + i, 5, attitude, book.f("cell", bg_color=attitude_fills(book.colours)[attitude]))
    row = top + max(depth, 1) + 1
    without = [c for c in plan.contacts if not c.roles and c.id not in advocates]
    cells.text(ws, row, 0, "Contacts with no buyer role (not every contact plays a part in the decision)",
               book.styles["bold"])
    row += 1
    if not plan.contacts:
        cells.text(ws, row, 0, "Not yet captured: no customer contacts. List them in the Contacts sheet, with "
                   "the buyer role each plays: who decides, who filters, who uses and who advocates.",
                   book.styles["hint"])
        row += 1
    elif not without:
        cells.text(ws, row, 0, "None: every contact has a buyer role.", book.styles["hint"])
        row += 1
    else:
        for col, label in enumerate(("Name", "Title", "Influence", "Attitude")):
            ws.write_string(row, col, label, book.f("head"))
        row += 1
        fills = attitude_fills(book.colours)
        for contact in without:
            cells.text(ws, row, 0, contact.name, book.styles["text"])
            cells.text(ws, row, 1, contact.title, book.styles["text"])
            cells.text(ws, row, 2, contact.influence, book.styles["text"])
            cells.text(ws, row, 3, contact.attitude,
                       book.props("text", bg_color=fills.get(contact.attitude or "", "#FFFFFF")))
            row += 1
    ws.freeze_panes(top, 0)
    _page(book, ws, "Buyers' chart", repeat=(head, head + 1))


# -- Coverage --------------------------------------------------------------------------------

COVERAGE_WIDTHS = (10, 14, 44, 34, 76)


def coverage_sheet(book: Book) -> None:
    """The gaps in coverage, each with the contact or role concerned and a suggested fix."""
    plan, cov, cells = book.plan, book.coverage, book.cells
    ws = book.wb.add_worksheet(SHEET_COVERAGE)
    _title(book, ws, f"Coverage: {plan.account.name}",
           "Gaps in how our team covers the customer's decision-making unit. Covered: at least one working "
           "relationship (strength 2 or more). Rebuilt from the plan each time.")
    for col, width in enumerate(COVERAGE_WIDTHS):
        ws.set_column(col, col, width)
    row = 3
    for label, value in coverage_summary(plan, cov, book.job.fmt.percent):
        cells.text(ws, row, 0, label, book.styles["bold"])
        cells.text(ws, row, 2, value, book.styles["plain"])
        row += 1
    row += 1
    gaps = coverage_gaps(plan, cov)
    header = row
    fills = {"High": tint(book.colours.red, 0.25), "Medium": tint(book.colours.amber, 0.3), "Low": "#FFFFFF"}
    if not gaps:
        cells.text(ws, row + 1, 0, "–", book.styles["wrap"])
        cells.text(ws, row + 1, 2, "No gaps found: every buyer role, policy level and senior contact is covered.",
                   book.styles["wrap"])
    priority = {p: book.f("wrap", bold=True, bg_color=fill) for p, fill in fills.items()}
    wrap = book.f("wrap")
    for i, gap in enumerate(gaps):
        r = header + 1 + i
        values = (gap.area, gap.gap, gap.who, gap.fix)
        ws.set_row(r, row_height(list(zip(values, COVERAGE_WIDTHS[1:]))))
        cells.text(ws, r, 0, gap.priority, priority[gap.priority])
        for col, value in enumerate(values, start=1):
            cells.text(ws, r, col, value or "–", wrap)
    ws.add_table(header, 0, header + max(len(gaps), 1), 4, {
        "name": "CoverageGaps", "style": "Table Style Light 9", "autofilter": True,
        "columns": [{"header": h, "header_format": book.f("head")}
                    for h in ("Priority", "Area", "Gap", "Who", "Suggested fix")],
    })
    ws.freeze_panes(header + 1, 0)
    _page(book, ws, "Coverage", repeat=(header, header))


# -- Lists -----------------------------------------------------------------------------------

def lists_sheet(book: Book, choices: list[str], site_ids: list[str]) -> None:
    """Hidden: the values of the drop-downs (Matrix cell texts, site ids)."""
    ws = book.wb.add_worksheet(SHEET_LISTS)
    ws.write_string(0, 0, "Matrix cells")
    ws.write_string(0, 1, "Sites")
    for i, text in enumerate(choices, start=1):
        ws.write_string(i, 0, text)
    for i, site in enumerate(site_ids, start=1):
        ws.write_string(i, 1, site)
    ws.set_column(0, 1, 20)
    ws.hide()
