"""The scoring workbook: live formulas for the portfolio matrix, the force field and the partnership score.

Every formula is built here from kapdocs' own constants (`THRESHOLD`, the quadrant
names from `kapdocs.analysis.quadrant`, the partnership `POINTS`), never from plan
text; plan text only ever reaches a cell as a string (`kapdocs.xlsx_safe.SafeCells`).
The sheets are protected (without a password, so a trainer can adapt them) except
for the yellow input cells, pre-filled with the case's inputs when there is a case
and with example factors otherwise.

Each formula also carries the value kapdocs' analysis gives for the same inputs,
so a program that does not recalculate on opening (LibreOffice's default for
.xlsx) shows the right figures; Excel recalculates them (XlsxWriter asks it to).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.utility import xl_rowcol_to_cell

from kapdocs.analysis import THRESHOLD, quadrant, weighted_score, weights_sum_ok
from kapdocs.analysis.partnership import POINTS
from kapdocs.analysis.portfolio import contribution
from kapdocs.model import Factor
from kapdocs.xlsx_safe import SafeCells

from ..chartdata import fixed_timestamp
from .case import Case
from .modules import EXAMPLE_ATTRACTIVENESS, EXAMPLE_STRENGTH, PARTNERSHIP_INDICATORS

SHEETS: tuple[str, ...] = ("Read me", "Portfolio", "Force field", "Partnership")
"""The sheets, in order."""

FACTOR_ROWS = 8
"""Input rows per portfolio axis (more when the case has more factors)."""
FORCE_ROWS = 10
"""Input rows per side of the force field (more when the case has more forces)."""
WEIGHT_SLACK = (0.001, 0.1)
"""How far the weights may be from 1 and from 100 (as `kapdocs.analysis.weights_sum_ok`)."""

_INPUT = {"locked": False, "bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF", "valign": "top",
          "text_wrap": True}
_HEAD = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F3A5F", "border": 1, "valign": "top",
         "text_wrap": True}
_BAND = {"bold": True, "bg_color": "#EEF2F7", "border": 1}
_LABEL = {"bold": True, "border": 1, "bg_color": "#EEF2F7", "text_wrap": True, "valign": "top"}
_OUT = {"bold": True, "border": 1, "bg_color": "#E2EFDA"}
LINE_POINTS = 15
"""Height of one line of 11-point text in a row, in points."""


def row_height(*cells: tuple[str, float]) -> float:
    """Points a row needs so that each (text, column width) wraps without being cut: LibreOffice does not
    grow rows to fit wrapped text that XlsxWriter wrote. A column width holds about 1.2 characters a unit."""
    lines = 1
    for text, width in cells:
        per_line = max(1, int(width * 1.2))
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n")))
    return LINE_POINTS * lines


def quadrant_formula(attractiveness: str, strength: str, threshold: str) -> str:
    """The Excel formula of `kapdocs.analysis.quadrant` over two cells and the threshold cell.

    The four names are read from `quadrant` itself, so the formula and the analysis cannot disagree.
    """
    hi, lo = 10.0, 0.0
    names = {(a, s): quadrant(a, s) for a in (hi, lo) for s in (hi, lo)}
    return (f'=IF(OR({attractiveness}="",{strength}=""),"",IF({attractiveness}>={threshold},'
            f'IF({strength}>={threshold},"{names[hi, hi]}","{names[hi, lo]}"),'
            f'IF({strength}>={threshold},"{names[lo, hi]}","{names[lo, lo]}")))')


def points_formula(status: str) -> str:
    """Points of one partnership indicator's status cell, from `POINTS`."""
    formula = '""'
    for name, points in reversed(list(POINTS.items())):
        formula = f'IF({status}="{name}",{points:g},{formula})'
    return "=" + formula


@dataclass
class _Writer:
    workbook: Workbook
    cells: SafeCells
    case: Case | None
    paper: str

    def fmt(self, props: dict | None = None, **more):
        return self.cells.format({**(props or {}), **more})

    def sheet(self, name: str, title: str, note: str, *, landscape: bool = False, label_col: int = 0):
        ws = self.workbook.add_worksheet(name)
        ws.set_paper(9 if self.paper == "a4" else 1)
        ws.set_landscape() if landscape else ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.hide_gridlines(2)
        ws.write_string(0, 0, title, self.fmt(bold=True, font_size=14, font_color="#1F3A5F"))
        if name != SHEETS[0]:
            ws.write_string(1, label_col, "Account", self.fmt(_LABEL))
            self.cells.text(ws, 1, label_col + 1, self.case.name if self.case else "", {**_INPUT, "text_wrap": False})
            ws.write_string(2, 0, note, self.fmt(italic=True, font_color="#6B7280"))
        return ws

    def protect(self, ws) -> None:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True,
                        "format_rows": True})

    # -- read me -------------------------------------------------------------------------------
    def read_me(self) -> None:
        ws = self.sheet(SHEETS[0], "Key account planning workshop: scoring workbook", "")
        ws.set_column(0, 0, 70)
        lines = [
            ("Case study: " + self.case.name) if self.case else "Blank workbook with example factors.",
            "",
            "Portfolio: score a customer on attractiveness and on our business strength. Each axis score is "
            "the sum of weight × score divided by the sum of the weights (0 to 10); a score of "
            f"{THRESHOLD:g} or more counts as high. The quadrant follows from the two scores.",
            "Force field: score each force for and against the plan from 1 (weak) to 5 (strong). A positive "
            "balance (total for minus total against) suggests a good chance of success.",
            "Partnership: mark each indicator yes, partly or no. Yes scores 1, partly 0.5, no 0.",
            "",
            "Type only in the yellow cells. The sheets are protected without a password so that formulas are "
            "not overwritten by accident; use Review > Unprotect Sheet to adapt them.",
        ]
        for row, line in enumerate(lines, 2):
            if line:
                self.cells.text(ws, row, 0, line, {"text_wrap": True, "valign": "top"})
                ws.set_row(row, row_height((line, 70)))
        self.protect(ws)

    # -- portfolio -------------------------------------------------------------------------------
    def portfolio(self) -> dict[str, str]:
        ws = self.sheet(SHEETS[1], "Customer portfolio matrix",
                        "Yellow cells are inputs. Weights on each axis add up to 1 (or 100); scores go from 0 to 10.",
                        landscape=True)
        ws.set_column(0, 0, 44)
        ws.set_column(1, 3, 14)
        p = self.case.plan.portfolio if self.case else None
        axes = (("Customer attractiveness", getattr(p, "attractiveness", None) or [], EXAMPLE_ATTRACTIVENESS),
                ("Our business strength, as the customer sees it", getattr(p, "strength", None) or [],
                 EXAMPLE_STRENGTH))
        rows = max(FACTOR_ROWS, *(len(f) for _, f, _ in axes))
        row = 4
        for c, head in enumerate(("Factor", "Weight", "Score (0-10)", "Weight × score")):
            ws.write_string(row, c, head, self.fmt(_HEAD))
        row += 1
        scores: dict[str, str] = {}
        for title, factors, example in axes:
            ws.write_string(row, 0, title, self.fmt(_BAND))
            for c in (1, 2, 3):
                ws.write_blank(row, c, None, self.fmt(_BAND))
            first = row + 1
            for i in range(rows):
                r = first + i
                if i < len(factors):
                    self.cells.text(ws, r, 0, factors[i].factor, _INPUT)
                    ws.write_number(r, 1, factors[i].weight, self.fmt(_INPUT, num_format="0.00"))
                    ws.write_number(r, 2, factors[i].score, self.fmt(_INPUT, num_format="0.0"))
                    cached = contribution(factors[i])
                elif not factors and i < len(example):
                    ws.write_string(r, 0, example[i][0], self.fmt(_INPUT))
                    ws.write_number(r, 1, example[i][1], self.fmt(_INPUT, num_format="0.00"))
                    ws.write_blank(r, 2, None, self.fmt(_INPUT, num_format="0.0"))
                    cached = ""
                else:
                    for c, num in ((0, None), (1, "0.00"), (2, "0.0")):
                        ws.write_blank(r, c, None, self.fmt(_INPUT, **({"num_format": num} if num else {})))
                    cached = ""
                b, s = xl_rowcol_to_cell(r, 1), xl_rowcol_to_cell(r, 2)
                ws.write_formula(r, 3, f'=IF(OR({b}="",{s}=""),"",{b}*{s})',
                                 self.fmt(border=1, num_format="0.00"), cached)
            last = first + rows - 1
            weights = f"{xl_rowcol_to_cell(first, 1)}:{xl_rowcol_to_cell(last, 1)}"
            marks = f"{xl_rowcol_to_cell(first, 2)}:{xl_rowcol_to_cell(last, 2)}"
            ws.data_validation(first, 1, last, 1, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                                  "maximum": 100, "error_message": "A weight from 0 to 100."})
            ws.data_validation(first, 2, last, 2, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                                  "maximum": 10, "error_message": "A score from 0 to 10."})
            example_weights = [w for _, w in example] if not factors else []
            total_row = last + 1
            ws.write_string(total_row, 0, "Total", self.fmt(_LABEL))
            ws.write_formula(total_row, 1, f"=SUM({weights})", self.fmt(_LABEL, num_format="0.00"),
                             sum(f.weight for f in factors) if factors else sum(example_weights))
            ws.write_blank(total_row, 2, None, self.fmt(_LABEL))
            ws.write_formula(total_row, 3, f"=SUM({xl_rowcol_to_cell(first, 3)}:{xl_rowcol_to_cell(last, 3)})",
                             self.fmt(_LABEL, num_format="0.00"), sum(contribution(f) for f in factors))
            score_row = total_row + 1
            label = "Attractiveness score (0-10)" if not scores else "Strength score (0-10)"
            ws.write_string(score_row, 0, label, self.fmt(_OUT))
            for c in (1, 2):
                ws.write_blank(score_row, c, None, self.fmt(_OUT))
            ws.write_formula(score_row, 3, f'=IF(COUNT({marks})=0,"",IF(SUM({weights})=0,0,'
                                           f"SUMPRODUCT({weights},{marks})/SUM({weights})))",
                             self.fmt(_OUT, num_format="0.00"), weighted_score(factors) if factors else "")
            check_row = score_row + 1
            total_cell = xl_rowcol_to_cell(total_row, 1)
            one, hundred = WEIGHT_SLACK
            ok = weights_sum_ok(factors) if factors else weights_sum_ok(
                [Factor(factor="x", weight=w, score=0) for w in example_weights])
            ws.write_formula(check_row, 0, f'=IF(COUNT({weights})=0,"",IF(OR(ABS({total_cell}-1)<={one},'
                                           f'ABS({total_cell}-100)<={hundred}),"Weights add up",'
                                           '"Weights should add up to 1 or 100"))',
                             self.fmt(italic=True, font_color="#6B7280"),
                             "Weights add up" if ok else "Weights should add up to 1 or 100")
            scores["attractiveness" if "attractiveness" not in scores else "strength"] = xl_rowcol_to_cell(
                score_row, 3, row_abs=True, col_abs=True)
            row = check_row + 2
        threshold_row, quadrant_row = row, row + 1
        ws.write_string(threshold_row, 0, "High from (threshold)", self.fmt(_LABEL))
        ws.write_number(threshold_row, 3, THRESHOLD, self.fmt(_LABEL, num_format="0.0"))
        threshold = xl_rowcol_to_cell(threshold_row, 3, row_abs=True, col_abs=True)
        position = self.case.figures.portfolio if self.case else None
        ws.write_string(quadrant_row, 0, "Quadrant", self.fmt(_OUT, font_size=12))
        for c in (1, 2):
            ws.write_blank(quadrant_row, c, None, self.fmt(_OUT))
        ws.write_formula(quadrant_row, 3, quadrant_formula(scores["attractiveness"], scores["strength"], threshold),
                         self.fmt(_OUT, font_size=12), position.quadrant if position else "")
        scores["quadrant"] = xl_rowcol_to_cell(quadrant_row, 3)
        self._matrix_chart(ws, scores)
        self.protect(ws)
        return scores

    def _matrix_chart(self, ws, scores: dict[str, str]) -> None:
        chart = self.workbook.add_chart({"type": "scatter"})
        name = f"='{SHEETS[1]}'!$B$2"
        chart.add_series({
            "name": name,
            "categories": f"='{SHEETS[1]}'!{scores['strength']}",
            "values": f"='{SHEETS[1]}'!{scores['attractiveness']}",
            "marker": {"type": "circle", "size": 10, "fill": {"color": "#2E75B6"}, "border": {"color": "#1F3A5F"}},
            "data_labels": {"series_name": True, "position": "right"},
        })
        axis = {"min": 0, "max": 10, "major_unit": 1, "crossing": THRESHOLD, "major_gridlines": {"visible": False}}
        chart.set_x_axis({**axis, "name": "Our business strength"})
        chart.set_y_axis({**axis, "name": "Customer attractiveness"})
        chart.set_legend({"none": True})
        chart.set_title({"name": "Where the account sits", "name_font": {"size": 12}})
        chart.set_size({"width": 460, "height": 400})
        ws.insert_chart("F5", chart)

    # -- force field -----------------------------------------------------------------------------
    def force_field(self) -> None:
        ws = self.sheet(SHEETS[2], "Force field",
                        "Score each force from 1 (weak) to 5 (strong). Balance = total for − total against.")
        ws.set_column(0, 0, 42)
        ws.set_column(1, 1, 11)
        ws.set_column(2, 2, 3)
        ws.set_column(3, 3, 42)
        ws.set_column(4, 4, 11)
        ff = self.case.plan.force_field if self.case else None
        sides = (list(ff.for_), list(ff.against)) if ff else ([], [])
        rows = max(FORCE_ROWS, *(len(s) for s in sides))
        head = 4
        for c, text in ((0, "Forces for the plan"), (1, "Score (1-5)"), (3, "Forces against the plan"),
                        (4, "Score (1-5)")):
            ws.write_string(head, c, text, self.fmt(_HEAD))
        first, last = head + 1, head + rows
        for side, (text_col, score_col) in zip(sides, ((0, 1), (3, 4))):
            for i in range(rows):
                r = first + i
                if i < len(side):
                    self.cells.text(ws, r, text_col, side[i].force, _INPUT)
                    ws.write_number(r, score_col, side[i].strength, self.fmt(_INPUT, align="center"))
                else:
                    ws.write_blank(r, text_col, None, self.fmt(_INPUT))
                    ws.write_blank(r, score_col, None, self.fmt(_INPUT, align="center"))
            ws.data_validation(first, score_col, last, score_col, {
                "validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5,
                "error_message": "A score from 1 (weak) to 5 (strong)."})
        for i in range(max(len(side) for side in sides)) if any(sides) else ():
            ws.set_row(first + i, row_height(*((side[i].force if i < len(side) else "", 42) for side in sides)))
        balance = self.case.figures.force_field if self.case else None
        total = last + 1
        for_range = f"{xl_rowcol_to_cell(first, 1)}:{xl_rowcol_to_cell(last, 1)}"
        against_range = f"{xl_rowcol_to_cell(first, 4)}:{xl_rowcol_to_cell(last, 4)}"
        ws.write_string(total, 0, "Total for", self.fmt(_LABEL))
        ws.write_formula(total, 1, f"=SUM({for_range})", self.fmt(_LABEL, align="center"),
                         balance.total_for if balance else 0)
        ws.write_string(total, 3, "Total against", self.fmt(_LABEL))
        ws.write_formula(total, 4, f"=SUM({against_range})", self.fmt(_LABEL, align="center"),
                         balance.total_against if balance else 0)
        tf, ta = xl_rowcol_to_cell(total, 1), xl_rowcol_to_cell(total, 4)
        ws.write_string(total + 2, 0, "Balance (total for − total against)", self.fmt(_OUT, font_size=12))
        ws.write_formula(total + 2, 1, f'=IF(COUNT({for_range},{against_range})=0,"",{tf}-{ta})',
                         self.fmt(_OUT, font_size=12, align="center", num_format="+0;-0;0"),
                         balance.balance if balance else "")
        bal = xl_rowcol_to_cell(total + 2, 1)
        verdict = ("" if balance is None else "A good chance of success" if balance.balance > 0
                   else "Rework the plan: the forces against are as strong or stronger")
        ws.write_formula(total + 3, 0, f'=IF({bal}="","",IF({bal}>0,"A good chance of success",'
                                       '"Rework the plan: the forces against are as strong or stronger"))',
                         self.fmt(italic=True), verdict)
        self.protect(ws)

    # -- partnership -----------------------------------------------------------------------------
    def partnership(self) -> None:
        ws = self.sheet(SHEETS[3], "Partnership indicators",
                        "Status: yes, partly or no. Yes scores 1, partly 0.5, no 0. Tailor the indicators "
                        "to your business.", label_col=1)
        ws.set_column(0, 0, 5)
        ws.set_column(1, 1, 52)
        ws.set_column(2, 3, 12)
        ws.set_column(4, 4, 60)
        assessed = self.case.plan.partnership_indicators if self.case else []
        rows = max(len(PARTNERSHIP_INDICATORS), len(assessed))
        head = 4
        for c, text in enumerate(("#", "Indicator", "Status", "Points", "Evidence")):
            ws.write_string(head, c, text, self.fmt(_HEAD))
        first, last = head + 1, head + rows
        for i in range(rows):
            r = first + i
            ws.write_number(r, 0, i + 1, self.fmt(border=1, align="center", valign="top"))
            if assessed:
                item = assessed[i] if i < len(assessed) else None
                self.cells.text(ws, r, 1, item.indicator if item else "", _INPUT)
                self.cells.text(ws, r, 2, item.status if item else "", {**_INPUT, "align": "center"})
                self.cells.text(ws, r, 4, item.evidence if item and item.evidence else "", _INPUT)
                cached = POINTS[item.status] if item else ""
                ws.set_row(r, row_height((item.indicator if item else "", 52),
                                         (item.evidence if item and item.evidence else "", 60)))
            else:
                self.cells.text(ws, r, 1, PARTNERSHIP_INDICATORS[i] if i < len(PARTNERSHIP_INDICATORS) else "",
                                _INPUT)
                ws.write_blank(r, 2, None, self.fmt(_INPUT, align="center"))
                ws.write_blank(r, 4, None, self.fmt(_INPUT))
                cached = ""
            ws.write_formula(r, 3, points_formula(xl_rowcol_to_cell(r, 2)),
                             self.fmt(border=1, align="center", valign="top", num_format="0.0"), cached)
        ws.data_validation(first, 2, last, 2, {"validate": "list", "source": list(POINTS),
                                               "error_message": "yes, partly or no"})
        status = f"{xl_rowcol_to_cell(first, 2)}:{xl_rowcol_to_cell(last, 2)}"
        points = f"{xl_rowcol_to_cell(first, 3)}:{xl_rowcol_to_cell(last, 3)}"
        score = self.case.partnership if self.case else None
        r = last + 2
        ws.write_string(r, 1, "Score", self.fmt(_OUT, font_size=12))
        counted = "+".join(f'COUNTIF({status},"{name}")' for name in POINTS)
        ws.write_formula(r, 3, f'=IF(({counted})=0,"",SUM({points}))', self.fmt(_OUT, font_size=12, num_format="0.0"),
                         score.points if score else "")
        ws.write_string(r + 1, 1, "Out of (indicators assessed)", self.fmt(_LABEL))
        ws.write_formula(r + 1, 3, f"={counted}", self.fmt(_LABEL, align="center"), score.out_of if score else 0)
        out_of = xl_rowcol_to_cell(r + 1, 3)
        ws.write_string(r + 2, 1, "Share", self.fmt(_LABEL))
        ws.write_formula(r + 2, 3, f'=IF({out_of}=0,"",{xl_rowcol_to_cell(r, 3)}/{out_of})',
                         self.fmt(_LABEL, num_format="0%"), score.share if score else "")
        self.protect(ws)


def write_scoring(path: str | Path, case: Case | None, *, paper: str = "a4") -> None:
    """Write the scoring workbook to `path`, with the case's inputs (or example factors when `case` is None)."""
    workbook = Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                    "strings_to_numbers": False})
    workbook.set_properties({"title": "Key account planning workshop: scoring workbook", "author": "kapdocs",
                             "created": fixed_timestamp(),
                             "comments": "Written by kapdocs." + (f" Case: {case.name}" if case else "")})
    writer = _Writer(workbook, SafeCells(workbook), case, paper)
    writer.read_me()
    writer.portfolio()
    writer.force_field()
    writer.partnership()
    workbook.close()
