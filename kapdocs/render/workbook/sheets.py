"""Drawing worksheets for a pen, with `DocxBuilder` tables: rows tall enough to write in, grids as wide as the page.

`WRITE_CM` is the smallest height of a row someone writes in by hand; tables
always span the width between the margins (`DocxBuilder.table` scales the
relative widths to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm

from ..docx_kit import Cell, DocxBuilder
from .case import Case

WRITE_CM = 1.0
"""Minimum height of a row to write in by hand, in centimetres."""

FONT = 10
"""Point size of worksheet tables."""


class Sheet:
    """The worksheet primitives, over one `DocxBuilder`."""

    def __init__(self, builder: DocxBuilder):
        self.b = builder
        self.colours = builder.theme.colours

    # -- cells -------------------------------------------------------------------------
    def label(self, text: str) -> Cell:
        """A shaded, bold cell naming what goes beside or below it."""
        return Cell(text, bold=True, fill=self.colours.light)

    def hint(self, text: str) -> Cell:
        """Grey italic guidance inside a cell participants write in."""
        return Cell(text, italic=True, colour=self.colours.muted)

    def band(self, text: str) -> Cell:
        """A cell styled like the header row, for a second header part-way down a table."""
        return Cell(text, bold=True, fill=self.colours.primary, colour="FFFFFF")

    # -- tables ------------------------------------------------------------------------
    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str | Cell]], widths: Sequence[float], *,
              height: float | None = WRITE_CM, heights: dict[int, float | None] | None = None,
              font: float = FONT, header: bool = True, align: Sequence[str] | None = None):
        """A worksheet table: every body row at least `height` cm (`heights` overrides by row index,
        None there meaning as tall as its text), no zebra stripes; `header=False` drops the header row."""
        columns = len(headers)
        padded = [list(row) + [""] * (columns - len(row)) for row in rows]
        table = self.b.table(headers, padded, widths=widths, font_size=font, zebra=False, align=align,
                             min_row_height_cm=height)
        for index, row_height in (heights or {}).items():
            row = table.rows[index + 1]
            if row_height is None:
                row.height, row.height_rule = None, None
            else:
                row.height, row.height_rule = Cm(row_height), WD_ROW_HEIGHT_RULE.AT_LEAST
        if not header:
            first = table._tbl.tr_lst[0]
            first.getparent().remove(first)
        return table

    def blank_rows(self, count: int, columns: int) -> list[list[str]]:
        """`count` empty rows of `columns` cells."""
        return [[""] * columns for _ in range(count)]

    def fields(self, pairs: Sequence[tuple[str, str]], *, height: float = WRITE_CM, widths=(1, 2.4)) -> None:
        """Label and value rows without a header: a fact sheet, or a form to fill in when values are blank."""
        self.table(["", ""], [[self.label(k), v] for k, v in pairs], widths, height=height, header=False)

    def answer_box(self, lines: int = 3) -> None:
        """Ruled lines to write an answer on."""
        self.table([""], self.blank_rows(lines, 1), [1], header=False)

    def grid(self, labels: Sequence[str], contents: Sequence[str] = ("", "", "", ""), *,
             height: float = 8.0) -> None:
        """A 2 × 2 grid (SWOT style): four labelled boxes across the page, each at least `height` cm."""
        rows = [[contents[0], contents[1]], [self.band(labels[2]), self.band(labels[3])],
                [contents[2], contents[3]]]
        self.table(labels[:2], rows, [1, 1], height=height, heights={1: None})

    # -- text --------------------------------------------------------------------------
    def instructions(self, text: str) -> None:
        """The worksheet's instructions, in italics under its title."""
        self.b.paragraph(text, italic=True, colour=self.colours.muted)

    def note(self, text: str) -> None:
        """A short paragraph."""
        self.b.rich(text)


@dataclass(frozen=True)
class Ctx:
    """What a worksheet drawing needs: the sheet, the case (if any) and the edition."""

    sheet: Sheet
    case: Case | None
    facilitator: bool

    @property
    def facts(self) -> bool:
        """Whether a case is given: its facts fill the worksheets' fact columns."""
        return self.case is not None

    @property
    def answers(self) -> bool:
        """Whether the worked answers are shown (the facilitator edition with a case)."""
        return self.facilitator and self.case is not None

    def answer(self, text: str) -> None:
        """A worked-answer line (facilitator edition with a case), in the Callout style."""
        if self.answers:
            self.sheet.b.rich(text, "Callout")

    def gap(self, what: str) -> None:
        """A marked gap in a worked answer: the case plan lacks what this worksheet needs."""
        if self.answers:
            self.sheet.b.gap(what)
