"""The portfolio's deliverables: `portfolio.xlsx`, `portfolio.pptx` and `portfolio.docx`, from the rows.

Every figure comes from an `AccountRow` (each account's own analysis and health report); this module
only selects, sorts and shows them:

- the workbook: every account as an Excel table (real numbers and dates, money in each account's
  currency, conditional formats for gaps, achievement, health, stale plans and reviews due), then one
  sheet per key account manager with their accounts;
- the deck: a title slide, the customer portfolio matrix as a native bubble chart, the recommended
  stance per quadrant, and four lists: largest gaps, stalest plans, lowest health scores and reviews
  due in the next 30 days, each titled with its point;
- the Word document: the same chart (the same chart XML, placed with `ChartPlacer`), the stance per
  quadrant, the four lists and the portfolio table on a landscape page.

Plan text (account names, sectors, managers' names) is literal everywhere: never a formula in the
workbook, never Markdown in the deck or the document. `write_portfolio` writes the three files through
an output folder's `write`, dated by `building_on(today)`, so the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Emu

from ..checks import grade
from ..fmt import Formatter
from ..render.chartdata import BubbleChartData
from ..render.charts import hide_legend_entry, matrix_axes, number_format, point_label, style
from ..render.docx_kit import Cell, DocxBuilder
from ..render.qbr_pptx.spec import (
    TITLE_AND_CONTENT,
    TITLE_SLIDE,
    TWO_CONTENT,
    Column,
    Deck,
    Para,
    Run,
    Slide,
    Table,
    Text,
)
from ..render.qbr_pptx.spec import Cell as SlideCell
from ..render.qbr_pptx.write import DeckWriter
from ..reproducible import building_on, fixed_timestamp
from ..text import clean
from ..theme import tint
from ..xlsx_safe import SafeCells, column_letter, fit, header_footer_text
from . import QUADRANTS, AccountRow

TITLE = "Key account portfolio"
NAMES = ("portfolio.xlsx", "portfolio.pptx", "portfolio.docx")
"""The files `write_portfolio` writes, in order."""
TOP = 5
"""Accounts in each of the lists (largest gaps, stalest plans, lowest health scores)."""
REVIEW_WINDOW_DAYS = 30
"""Reviews due within this many days of today are listed."""
HEALTH_GREEN = 75
"""Health scores at or above this are green."""
HEALTH_AMBER = 60
"""Health scores at or above this (and below `HEALTH_GREEN`) are amber; below it, red."""
ACHIEVED_AMBER = 0.95
"""Volume achieved to date below this share of the target is amber."""
ACHIEVED_RED = 0.90
"""... and below this share, red."""
STALE_DAYS = 180
"""A plan last reviewed longer ago than this is marked in the workbook."""
NOT_PLACED = "not placed: no portfolio scores"
QUADRANT_CORNERS = (("Star", 2.5, 9.6), ("Strategic", 7.5, 9.6), ("Streamline", 2.5, 0.4), ("Status", 7.5, 0.4))
"""Where each quadrant's name sits on the matrix (strength, attractiveness): high attractiveness at the
top, high strength on the right (`kapdocs.analysis.portfolio.quadrant`)."""
BANDS = (("green", "Health 75 or more"), ("amber", "Health 60 to 74"), ("red", "Health below 60"),
         ("none", "Health not scored"))
"""The bubble chart's series: one per health band, so that each band has its own colour."""
QUADRANT_SERIES = "Quadrants"
"""The name of the chart's invisible series whose labels name the quadrants."""


# -- selections (pure) --------------------------------------------------------------------------------

def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _key(row: AccountRow) -> str:
    return row.account.lower()


def placed(rows: Sequence[AccountRow]) -> list[AccountRow]:
    """The accounts with both portfolio scores: the ones the matrix shows."""
    return [r for r in rows if r.attractiveness is not None and r.strength is not None]


def not_placed(rows: Sequence[AccountRow]) -> list[AccountRow]:
    """The accounts without portfolio scores."""
    return [r for r in rows if r.attractiveness is None or r.strength is None]


def health_band(score: int | None) -> str:
    """green (75 or more), amber (60 to 74), red (below 60) or none."""
    if score is None:
        return "none"
    return "green" if score >= HEALTH_GREEN else "amber" if score >= HEALTH_AMBER else "red"


def largest_gaps(rows: Sequence[AccountRow], n: int = TOP) -> list[AccountRow]:
    """The accounts furthest behind their volume target to date (most negative gap first)."""
    return sorted(behind(rows), key=lambda r: (r.volume_gap, _key(r)))[:n]


def behind(rows: Sequence[AccountRow]) -> list[AccountRow]:
    """Every account behind its volume target to date."""
    return [r for r in rows if r.volume_gap is not None and r.volume_gap < 0]


def stalest(rows: Sequence[AccountRow], n: int = TOP) -> list[AccountRow]:
    """The plans reviewed longest ago, those never reviewed first."""
    return sorted(rows, key=lambda r: (r.last_reviewed is not None, r.last_reviewed or "", _key(r)))[:n]


def lowest_health(rows: Sequence[AccountRow], n: int = TOP) -> list[AccountRow]:
    """The accounts with the lowest health scores (unscored ones left out)."""
    return sorted((r for r in rows if r.health_score is not None), key=lambda r: (r.health_score, _key(r)))[:n]


def reviews_due(rows: Sequence[AccountRow], today: dt.date, days: int = REVIEW_WINDOW_DAYS) -> list[AccountRow]:
    """The accounts whose next QBR falls from today to `days` days ahead, soonest first."""
    end = today + dt.timedelta(days=days)
    due = [r for r in rows if r.next_qbr and today <= _day(r.next_qbr) <= end]
    return sorted(due, key=lambda r: (r.next_qbr, _key(r)))


def by_quadrant(rows: Sequence[AccountRow]) -> dict[str, list[AccountRow]]:
    """The placed accounts of each quadrant, in `QUADRANTS` order."""
    shown = placed(rows)
    return {q: [r for r in shown if r.quadrant == q] for q in QUADRANTS}


def by_manager(rows: Sequence[AccountRow]) -> list[tuple[str | None, list[AccountRow]]]:
    """The accounts of each key account manager, managers by name; accounts without one last (None)."""
    names = sorted({r.key_account_manager for r in rows if r.key_account_manager}, key=lambda n: (n.lower(), n))
    groups: list[tuple[str | None, list[AccountRow]]] = [
        (name, [r for r in rows if r.key_account_manager == name]) for name in names]
    nobody = [r for r in rows if not r.key_account_manager]
    if nobody:
        groups.append((None, nobody))
    return groups


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _fmt(row: AccountRow) -> Formatter:
    """The formatter of the row's currency and volume unit."""
    return Formatter(row.currency, row.volume_unit)


def _text(value: str | None) -> str:
    """Plan text as it is shown: literal, without characters XML cannot hold."""
    return clean(value or "")


def _behind_share(row: AccountRow) -> float | None:
    return None if row.volume_achievement is None else 1 - row.volume_achievement


_PLAIN = Formatter()


class Points:
    """What each part of the portfolio says, in one sentence: slide titles and the document's lead lines."""

    def __init__(self, rows: Sequence[AccountRow], today: dt.date):
        self.rows, self.today = list(rows), today

    def matrix(self) -> str:
        counts = {q: len(members) for q, members in by_quadrant(self.rows).items()}
        shown = ", ".join(f"{n} {q}" for q, n in counts.items() if n)
        missing = len(not_placed(self.rows))
        if not shown:
            return "No account placed yet: no portfolio scores"
        return f"Portfolio: {shown}" + (f"; {missing} not placed" if missing else "")

    def gaps(self) -> str:
        late = behind(self.rows)
        if not late:
            return "No account behind its volume target to date"
        first = largest_gaps(self.rows, 1)[0]
        share = _behind_share(first)
        how = f"{_PLAIN.percent(share)} behind" if share is not None else "furthest behind"
        return f"{_plural(len(late), 'account')} behind target; {_text(first.account)} {how}"

    def stale(self) -> str:
        never = [r for r in self.rows if not r.last_reviewed]
        reviewed = sorted((r for r in self.rows if r.last_reviewed), key=lambda r: (r.last_reviewed, _key(r)))
        oldest = ""
        if reviewed:
            first = reviewed[0]
            days = (self.today - _day(first.last_reviewed)).days
            oldest = _text(first.account) + (f" not reviewed for {_plural(days, 'day')}" if days > 0 else
                                             f" last reviewed {_PLAIN.date(_day(first.last_reviewed))}")
        if never:
            head = f"{_plural(len(never), 'plan')} never reviewed"
            return f"{head}; {oldest}" if oldest else head
        return f"Oldest review: {oldest}" if oldest else "No plans"

    def health(self) -> str:
        scored = lowest_health(self.rows, len(self.rows))
        if not scored:
            return "No health scores"
        weak = [r for r in scored if r.health_score < HEALTH_AMBER]
        first = scored[0]
        lowest = f"lowest: {_text(first.account)} at {first.health_score}"
        if weak:
            return f"{_plural(len(weak), 'account')} below {HEALTH_AMBER}; {lowest}"
        return f"Every account at {HEALTH_AMBER} or above; {lowest}"

    def reviews(self) -> str:
        due = reviews_due(self.rows, self.today)
        end = _PLAIN.date(self.today + dt.timedelta(days=REVIEW_WINDOW_DAYS))
        if not due:
            return f"No review due in the next {REVIEW_WINDOW_DAYS} days (to {end})"
        first = due[0]
        return (f"{_plural(len(due), 'review')} due by {end}; first: {_text(first.account)} on "
                f"{_PLAIN.date(_day(first.next_qbr))}")


# -- list tables: shared by the deck and the document --------------------------------------------------

@dataclass(frozen=True, slots=True)
class ListTable:
    """One of the four lists: a name, the point it makes, its columns and rows (text), its accounts."""

    name: str
    point: str
    headers: tuple[str, ...]
    align: tuple[str, ...]
    weights: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    accounts: tuple[str, ...]
    empty: str


def _manager(row: AccountRow) -> str:
    return _text(row.key_account_manager) or "–"


def list_tables(rows: Sequence[AccountRow], today: dt.date) -> list[ListTable]:
    """Largest gaps, stalest plans, lowest health scores and reviews due, each as a table."""
    points = Points(rows, today)
    out = []
    gaps = largest_gaps(rows)
    out.append(ListTable(
        "Largest gaps", points.gaps(),
        ("Account", "Key account manager", "Target to date", "Actual to date", "Gap", "Achieved"),
        ("left", "left", "right", "right", "right", "right"), (2.4, 1.8, 1.5, 1.5, 1.4, 1.0),
        tuple((_text(r.account), _manager(r), _fmt(r).volume(r.ytd_volume_target), _fmt(r).volume(r.ytd_volume_actual),
               f"{_fmt(r).signed(r.volume_gap)} {_text(r.volume_unit)}".rstrip(), _PLAIN.percent(r.volume_achievement))
              for r in gaps),
        tuple(r.account for r in gaps), "No account is behind its volume target to date."))
    stale = stalest(rows)
    out.append(ListTable(
        "Stalest plans", points.stale(),
        ("Account", "Key account manager", "Plan last reviewed", "Days since", "Health score"),
        ("left", "left", "left", "right", "right"), (2.4, 1.8, 1.5, 1.0, 1.0),
        tuple((_text(r.account), _manager(r), _PLAIN.date(_day(r.last_reviewed)) if r.last_reviewed else "never",
               _PLAIN.number((today - _day(r.last_reviewed)).days) if r.last_reviewed else "–",
               _PLAIN.number(r.health_score)) for r in stale),
        tuple(r.account for r in stale), "No plans."))
    weak = lowest_health(rows)
    out.append(ListTable(
        "Lowest health scores", points.health(),
        ("Account", "Key account manager", "Health score", "Grade", "Quadrant", "Plan last reviewed"),
        ("left", "left", "right", "left", "left", "left"), (2.4, 1.8, 1.0, 1.1, 1.1, 1.4),
        tuple((_text(r.account), _manager(r), _PLAIN.number(r.health_score), grade(r.health_score),
               _text(r.quadrant) or "not placed",
               _PLAIN.date(_day(r.last_reviewed)) if r.last_reviewed else "never") for r in weak),
        tuple(r.account for r in weak), "No health scores."))
    due = reviews_due(rows, today)
    out.append(ListTable(
        f"Reviews due in the next {REVIEW_WINDOW_DAYS} days", points.reviews(),
        ("Account", "Key account manager", "Next QBR", "In", "Health score", "Plan last reviewed"),
        ("left", "left", "left", "right", "right", "left"), (2.4, 1.8, 1.3, 0.9, 1.0, 1.4),
        tuple((_text(r.account), _manager(r), _PLAIN.date(_day(r.next_qbr)),
               _plural((_day(r.next_qbr) - today).days, "day"), _PLAIN.number(r.health_score),
               _PLAIN.date(_day(r.last_reviewed)) if r.last_reviewed else "never") for r in due),
        tuple(r.account for r in due),
        f"No quarterly business review is due in the next {REVIEW_WINDOW_DAYS} days."))
    return out


NOT_PLACED_STANCE = ("Score the customer's attractiveness and our strength (portfolio in the plan) to place "
                     "the account.")


def stance_rows(rows: Sequence[AccountRow]) -> list[tuple[str, str, str]]:
    """(quadrant, recommended stance, its accounts) for each quadrant, then the accounts not placed."""
    out = [(q, stance, "; ".join(_text(r.account) for r in members) or "none")
           for (q, stance), members in zip(QUADRANTS.items(), by_quadrant(rows).values())]
    missing = not_placed(rows)
    if missing:
        out.append(("Not placed", NOT_PLACED_STANCE, "; ".join(_text(r.account) for r in missing)))
    return out


# -- the bubble chart (Word and PowerPoint) ------------------------------------------------------------

def bubble_sizes(rows: Sequence[AccountRow]) -> list[float]:
    """Each placed account's bubble size: its profit potential, else its volume potential, else the median
    of the sizes given (1 when none is): a bubble needs a size above 0."""
    given = []
    for r in rows:
        size = next((v for v in (r.potential_profit, r.potential_volume) if v is not None and v > 0), None)
        given.append(size)
    known = sorted(v for v in given if v is not None)
    middle = known[len(known) // 2] if known else 1.0
    return [v if v is not None else middle for v in given]


def matrix_data(rows: Sequence[AccountRow]):
    """The bubble chart data of the placed accounts: one series per health band (bands without an account
    left out), then the invisible series whose labels name the quadrants; and the rows of each series.

    Every series carries the x values of every point (a y and a size only for its own points):
    LibreOffice reads one column of x values for all the series of an XY or bubble chart.
    """
    shown = placed(rows)
    sizes = bubble_sizes(shown)
    xs = [r.strength for r in shown] + [x for _, x, _ in QUADRANT_CORNERS]
    data = BubbleChartData(number_format="0.0")
    series: list[tuple[str, list[AccountRow]]] = []
    for band, label in BANDS:
        members = {i for i, r in enumerate(shown) if health_band(r.health_score) == band}
        if not members:
            continue
        s = data.add_series(label, number_format="0.0")
        for i, x in enumerate(xs):
            mine = i in members
            s.add_data_point(x, shown[i].attractiveness if mine else None, sizes[i] if mine else None)
        series.append((band, [shown[i] if i in members else None for i in range(len(shown))]))
    corner = min(sizes) if sizes else 1.0
    names = data.add_series(QUADRANT_SERIES, number_format="0.0")
    for i, x in enumerate(xs):
        at = i - len(shown)
        names.add_data_point(x, QUADRANT_CORNERS[at][2] if at >= 0 else None, corner if at >= 0 else None)
    return data, series


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


LABEL_CHARS = 26
"""Longest account name shown as a label on the matrix (longer names are cut with "…")."""


def _short(name: str) -> str:
    name = " ".join(_text(name).split())
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


_SIDES = ("right", "left", "above", "below")
"""Where an account's name may sit beside its bubble, in the order preferred when all are clear."""
_PLOT_SHARE = (0.80, 0.66)
"""The share of the chart's width and height its plot area takes (title, axis titles, legend around it)."""
_LARGEST_BUBBLE = 0.25
"""The largest bubble's diameter at a bubble scale of 100, as a share of the plot's shorter side (Office's)."""


def label_sides(points: Sequence[tuple[float, float, float]], names: Sequence[str], *, width_pt: float,
                height_pt: float, font_size: float, bubble_scale: int = 45) -> list[str]:
    """Where each account's name goes beside its bubble ("right", "left", "above" or "below"), so that names
    overlap each other, other bubbles and the quadrant names as little as they can and stay on the matrix.

    `points` are (strength, attractiveness, bubble size) on the 0-10 matrix of a chart `width_pt` by
    `height_pt` points. Names are placed one by one, the most crowded first; each takes the side that
    covers least of what is already there (names placed, bubbles, quadrant names), the preferred order
    breaking ties. The text widths are estimates (an average letter half the font size wide)."""
    plot_w, plot_h = width_pt * _PLOT_SHARE[0], height_pt * _PLOT_SHARE[1]
    per_x, per_y = 10 / plot_w, 10 / plot_h  # matrix units per point
    largest = max((s for _, _, s in points), default=1.0) or 1.0
    diameter = _LARGEST_BUBBLE * min(plot_w, plot_h) * bubble_scale / 100  # points
    radii = [diameter / 2 * (max(s, 0.0) / largest) ** 0.5 for _, _, s in points]  # size is the bubble's area
    line = font_size * 1.25

    def box(i: int, side: str) -> tuple[float, float, float, float]:
        x, y, _ = points[i]
        w, h, r = len(names[i]) * font_size * 0.5 * per_x, line * per_y, radii[i] + 2
        if side == "right":
            return x + r * per_x, y - h / 2, x + r * per_x + w, y + h / 2
        if side == "left":
            return x - r * per_x - w, y - h / 2, x - r * per_x, y + h / 2
        if side == "above":
            return x - w / 2, y + r * per_y, x + w / 2, y + r * per_y + h
        return x - w / 2, y - r * per_y - h, x + w / 2, y - r * per_y

    def overlap(a, b) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    bubbles = [(x - r * per_x, y - r * per_y, x + r * per_x, y + r * per_y) for (x, y, _), r in zip(points, radii)]
    corners = []
    for name, x, y in QUADRANT_CORNERS:
        w, h = len(name) * (font_size + 2) * 0.55 * per_x, line * per_y
        corners.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))

    def crowding(i: int) -> float:
        x, y, _ = points[i]
        return sum(1 / (0.5 + abs(x - px) + abs(y - py)) for j, (px, py, _) in enumerate(points) if j != i)

    taken: list[tuple[float, float, float, float]] = []
    sides = ["right"] * len(points)
    for i in sorted(range(len(points)), key=lambda i: (-crowding(i), i)):
        def cost(side: str) -> float:
            b = box(i, side)
            area = (b[2] - b[0]) * (b[3] - b[1])
            outside = area - overlap(b, (0.0, 0.0, 10.0, 10.0))
            covered = sum(overlap(b, t) for t in taken) + sum(overlap(b, c) for c in corners)
            covered += sum(overlap(b, bubble) for j, bubble in enumerate(bubbles) if j != i) * 0.5
            return 3 * outside + covered + _SIDES.index(side) * area * 0.01
        sides[i] = min(_SIDES, key=cost)
        taken.append(box(i, sides[i]))
    return sides


def style_matrix(chart, theme, series: list[tuple[str, list]], *, font_size: float, width_pt: float,
                 height_pt: float, bubble_scale: int = 45) -> None:
    """Finish the matrix: theme style, axes 0-10 crossing at 5, band colours (see-through, so that
    bubbles on top of each other show), account names as labels where they least cover each other
    (`label_sides`, for a chart `width_pt` by `height_pt`), quadrant names in their corners."""
    c = theme.colours
    colours = {"green": c.green, "amber": c.amber, "red": c.red, "none": c.muted}
    palette = [colours[band] for band, _ in series] + [c.muted]
    style(chart, theme, title="Customer portfolio matrix",
          x_title="Our strength, as the customer sees it (0-10)", y_title="Customer attractiveness to us (0-10)",
          legend=bool(series), font_size=font_size, colours=palette)
    matrix_axes(chart, c.muted)
    for axis in (chart.category_axis, chart.value_axis):
        axis.tick_labels.number_format = "0"
        axis.tick_labels.number_format_is_linked = False
    plot = chart.plots[0]
    plot_xml = plot._element
    scale = plot_xml.find(f"{{{_C}}}bubbleScale")
    if scale is not None:
        scale.set("val", str(bubble_scale))
    all_series = list(plot.series)
    accounts = len(series[0][1]) if series else 0  # every series has a place per account (`matrix_data`)
    shown: list = [None] * accounts  # the accounts in their places
    for _, members in series:
        for i, row in enumerate(members):
            if row is not None:
                shown[i] = row
    sides = label_sides([(r.strength, r.attractiveness, size) for r, size in zip(shown, bubble_sizes(shown))],
                        [_short(r.account) for r in shown], width_pt=width_pt, height_pt=height_pt,
                        font_size=font_size, bubble_scale=bubble_scale)
    positions = {"right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT,
                 "above": XL_LABEL_POSITION.ABOVE, "below": XL_LABEL_POSITION.BELOW}
    for (band, members), s in zip(series, all_series):
        for colour in s.format.fill._xPr.iter(f"{{{_A}}}srgbClr"):
            etree.SubElement(colour, f"{{{_A}}}alpha").set("val", "70000")
        s.format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        for i, row in enumerate(members):
            if row is None:
                continue
            point_label(s.points[i], _short(row.account), positions[sides[i]], font_size, False, c.text)
    names = all_series[-1]
    names.format.fill.background()
    names.format.line.fill.background()
    for i, (name, _, _) in enumerate(QUADRANT_CORNERS):  # their points follow the accounts'
        point_label(names.points[accounts + i], name, XL_LABEL_POSITION.CENTER, font_size + 2, True, c.primary)
    hide_legend_entry(chart, len(all_series) - 1)


def matrix_caption(rows: Sequence[AccountRow]) -> str:
    """What the matrix shows and how to read it."""
    return ("Each bubble is an account: across, our strength as the customer sees it; up, the customer's "
            "attractiveness to us (weighted scores, 0-10; 5 and above count as high). Bubble size: profit "
            "potential (volume potential where the plan gives no profit potential, a middle size where it "
            "gives neither), each in the account's own currency or unit. Colour: the plan's health score.")


def unplaced_note(rows: Sequence[AccountRow]) -> str | None:
    """"Not placed: no portfolio scores: A; B" for the accounts the matrix cannot show; None when all are placed."""
    missing = not_placed(rows)
    if not missing:
        return None
    return f"{NOT_PLACED[0].upper()}{NOT_PLACED[1:]}: " + "; ".join(_text(r.account) for r in missing) + "."


# -- the workbook --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class XlsxColumn:
    """A column of the portfolio table: its header, kind of value and how to read it from a row."""

    header: str
    kind: str
    """text, wrap, volume, money, gap, percent, score, int or date."""
    value: Callable[[AccountRow], Any]


XLSX_COLUMNS: tuple[XlsxColumn, ...] = (
    XlsxColumn("Account", "text", lambda r: r.account),
    XlsxColumn("Sector", "text", lambda r: r.sector),
    XlsxColumn("Key account manager", "text", lambda r: r.key_account_manager),
    XlsxColumn("Volume unit", "text", lambda r: r.volume_unit),
    XlsxColumn("Potential (volume)", "volume", lambda r: r.potential_volume),
    XlsxColumn("Potential (profit)", "money", lambda r: r.potential_profit),
    XlsxColumn("Volume target to date", "volume", lambda r: r.ytd_volume_target),
    XlsxColumn("Volume actual to date", "volume", lambda r: r.ytd_volume_actual),
    XlsxColumn("Gap", "gap", lambda r: r.volume_gap),
    XlsxColumn("Achieved", "percent", lambda r: r.volume_achievement),
    XlsxColumn("Weighted pipeline", "money", lambda r: r.weighted_pipeline),
    XlsxColumn("Pipeline coverage", "percent", lambda r: r.pipeline_coverage),
    XlsxColumn("Attractiveness", "score", lambda r: r.attractiveness),
    XlsxColumn("Strength", "score", lambda r: r.strength),
    XlsxColumn("Quadrant", "text", lambda r: r.quadrant),
    XlsxColumn("Health score", "int", lambda r: r.health_score),
    XlsxColumn("Plan last reviewed", "date", lambda r: _day(r.last_reviewed)),
    XlsxColumn("Next QBR", "date", lambda r: _day(r.next_qbr)),
    XlsxColumn("Contracts and tenders in the period", "wrap", lambda r: "\n".join(r.expiring)),
)
"""The workbook's columns, in order (the volume unit beside the volumes: units differ between accounts)."""
XLSX_HEADERS = tuple(c.header for c in XLSX_COLUMNS)
HEADER_ROW = 3
"""The header row of every sheet's table (0-based; the title and a note above it)."""
PORTFOLIO_SHEET = "Portfolio"
NO_MANAGER = "No manager named"
"""The sheet of the accounts whose plan names no key account manager."""
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def _trimmed(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (UTF-16 units, as Excel counts), no apostrophe or space at its end."""
    return fit(text, limit)[0].rstrip().rstrip("'").rstrip() or "Manager"


def sheet_names(names: Sequence[str], taken: Sequence[str] = (PORTFOLIO_SHEET,)) -> list[str]:
    """Excel sheet names for `names`: no []:*?/\\, no apostrophe first or last, at most 31 characters,
    not "History" (Excel keeps it), unique without regard to case (also against `taken`)."""
    used = {t.lower() for t in taken}
    out = []
    for name in names:
        base = " ".join(_SHEET_FORBIDDEN.sub(" ", clean(name)).split()).strip("'").strip() or "Manager"
        if base.lower() == "history":
            base = "History (manager)"
        candidate = _trimmed(base, SHEET_NAME_MAX)
        n = 2
        while candidate.lower() in used:
            suffix = f" ({n})"
            candidate = _trimmed(base, SHEET_NAME_MAX - len(suffix)) + suffix
            n += 1
        used.add(candidate.lower())
        out.append(candidate)
    return out


def _lines(text: str | None, width: float) -> int:
    """About how many lines `text` takes wrapped in a column `width` units wide (Excel and LibreOffice do not
    fit row heights to wrapped text in a file written by a library: the writer sets them)."""
    if not text:
        return 1
    per_line = max(1, int(width * 1.15) - 1)
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


class _Workbook:
    """The portfolio workbook under construction: formats, and one table-bearing sheet at a time."""

    def __init__(self, path: Path, theme, today: dt.date):
        self.theme, self.today = theme, today
        self.wb = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_format_properties": {"font_name": theme.fonts.body, "font_size": 10},
        })
        self.cells = SafeCells(self.wb)
        c = theme.colours
        border = {"border": 1, "border_color": "#" + c.line}
        self.base = {"valign": "top", **border}
        self.head = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#" + c.primary, "text_wrap": True,
                     "valign": "vcenter", **border}
        self.title = {"bold": True, "font_size": 14, "font_name": theme.fonts.heading, "font_color": "#" + c.primary}
        self.hint = {"italic": True, "font_size": 9, "font_color": "#" + c.muted}
        self.numbers = {"volume": "#,##0", "gap": "+#,##0;-#,##0;0", "percent": "0%", "score": "0.0", "int": "0",
                        "date": "d mmm yyyy"}
        self.tables = 0

        self.red = self.wb.add_format({"font_color": "#" + c.red, "bg_color": "#" + tint(c.red, 0.15)})
        self.amber = self.wb.add_format({"bg_color": "#" + tint(c.amber, 0.3)})
        self.green = self.wb.add_format({"bg_color": "#" + tint(c.green, 0.2)})
        self.due = self.wb.add_format({"bold": True, "bg_color": "#" + tint(c.secondary, 0.2)})

    def props(self, kind: str, row: AccountRow) -> dict:
        if kind == "money":
            return {**self.base, "num_format": number_format(_fmt(row).symbol)}
        if kind in ("text", "wrap"):
            return {**self.base, "text_wrap": True}
        if kind in self.numbers:
            return {**self.base, "num_format": self.numbers[kind]}
        return dict(self.base)

    def sheet(self, name: str, rows: Sequence[AccountRow], heading: str, note: str) -> None:
        """A sheet of `rows` as an Excel table under a title and a note, with print set-up."""
        ws = self.wb.add_worksheet(name)
        self.tables += 1
        self.cells.text(ws, 0, 0, heading, self.title)
        self.cells.text(ws, 1, 0, note, self.hint)
        ws.set_row(0, 22)
        first = HEADER_ROW + 1
        widths = [self._width(column, rows) for column in XLSX_COLUMNS]
        for i, row in enumerate(rows):
            r = first + i
            lines = 1
            for col, column in enumerate(XLSX_COLUMNS):
                value = column.value(row)
                props = self.props(column.kind, row)
                if column.kind in ("text", "wrap"):
                    self.cells.text(ws, r, col, value, props)
                    lines = max(lines, _lines(value, widths[col]))
                elif value is None:
                    ws.write_blank(r, col, None, self.cells.format(props))
                elif column.kind == "date":
                    ws.write_datetime(r, col, dt.datetime(value.year, value.month, value.day),
                                      self.cells.format(props))
                else:
                    ws.write_number(r, col, round(float(value), 9), self.cells.format(props))
            if lines > 1:
                ws.set_row(r, min(409, 13 * lines + 3))
        last = first + max(len(rows), 1) - 1
        table = PORTFOLIO_SHEET if self.tables == 1 else f"Manager_{self.tables - 1}"
        head = self.cells.format(self.head)
        ws.add_table(HEADER_ROW, 0, last, len(XLSX_COLUMNS) - 1, {
            "name": table, "style": "Table Style Light 9", "autofilter": True,
            "columns": [{"header": h, "header_format": head} for h in XLSX_HEADERS],
        })
        ws.set_row(HEADER_ROW, 30)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        if rows:
            self._conditional(ws, first, last)
        ws.freeze_panes(first, 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
        ws.repeat_rows(HEADER_ROW)
        label = header_footer_text(self.theme.label("internal", ""))
        ws.set_header(f"&L{header_footer_text(heading)}&R{header_footer_text(_PLAIN.date(self.today))}")
        ws.set_footer(f"&L{label}&RPage &P of &N")
        end = column_letter(len(XLSX_COLUMNS) - 1)
        ws.ignore_errors({"number_stored_as_text": f"A{first + 1}:{end}{last + 1}"})

    def _width(self, column: XlsxColumn, rows: Sequence[AccountRow]) -> float:
        """A width that fits the column's longest value (and its header over two lines, with the filter
        button), within bounds."""
        words = column.header.split()
        header = max(len(column.header) / 2 + 1, max(len(w) for w in words)) + 3
        if column.kind == "wrap":
            longest = max((len(line) for r in rows for line in r.expiring), default=0)
            return min(60.0, max(header, longest + 2, 20.0))
        if column.kind == "text":
            longest = max((len(str(column.value(r) or "")) for r in rows), default=0)
            return min(40.0, max(header, longest + 2))
        if column.kind == "date":
            return max(header, 13.0)
        if column.kind in ("percent", "score", "int"):
            return max(header, 8.0)
        longest = max((len(f"{abs(column.value(r) or 0):,.0f}") + len(_fmt(r).symbol) + 2 for r in rows), default=8)
        return max(header, longest + 2.0)

    def _conditional(self, ws, first: int, last: int) -> None:
        """Red: behind target, health below 60, achieved below 90%; amber: achieved below 95%, health 60 to 74,
        plan never reviewed or not for 180 days; green: health 75 or more; blue: a review due in 30 days."""
        col = {c.header: i for i, c in enumerate(XLSX_COLUMNS)}

        def rule(header: str, formula: str, fmt) -> None:
            i = col[header]
            cell = f"${column_letter(i)}{first + 1}"
            ws.conditional_format(first, i, last, i, {"type": "formula", "criteria": "=" + formula.format(c=cell),
                                                      "format": fmt, "stop_if_true": True})

        def date(day: dt.date) -> str:
            return f"DATE({day.year},{day.month},{day.day})"

        rule("Gap", "AND(ISNUMBER({c}),{c}<0)", self.red)
        rule("Achieved", f"AND(ISNUMBER({{c}}),{{c}}<{ACHIEVED_RED})", self.red)
        rule("Achieved", f"AND(ISNUMBER({{c}}),{{c}}<{ACHIEVED_AMBER})", self.amber)
        rule("Health score", f"AND(ISNUMBER({{c}}),{{c}}<{HEALTH_AMBER})", self.red)
        rule("Health score", f"AND(ISNUMBER({{c}}),{{c}}<{HEALTH_GREEN})", self.amber)
        rule("Health score", "ISNUMBER({c})", self.green)
        stale = date(self.today - dt.timedelta(days=STALE_DAYS))
        rule("Plan last reviewed", f"OR(ISBLANK({{c}}),AND(ISNUMBER({{c}}),{{c}}<{stale}))", self.amber)
        window = (date(self.today), date(self.today + dt.timedelta(days=REVIEW_WINDOW_DAYS)))
        rule("Next QBR", f"AND(ISNUMBER({{c}}),{{c}}>={window[0]},{{c}}<={window[1]})", self.due)

    def close(self, rows: Sequence[AccountRow]) -> None:
        self.wb.set_properties({
            "title": TITLE, "subject": f"{_plural(len(rows), 'account')} on {_PLAIN.date(self.today)}",
            "author": "kapdocs", "category": "Internal", "keywords": "key account portfolio",
            "comments": "Written by kapdocs from each account's plan and analysis.",
            "created": fixed_timestamp(),
        })
        self.wb.worksheets()[0].activate()
        self.wb.close()


XLSX_NOTE = ("One row per account, from its own plan and analysis. Volumes are in each account's own unit "
             "(Volume unit), money in its own currency. Red: behind target, achieved below 90%, health below "
             f"{HEALTH_AMBER}; amber: achieved below 95%, health {HEALTH_AMBER} to {HEALTH_GREEN - 1}, plan never "
             f"reviewed or not for {STALE_DAYS} days; blue: a review due within {REVIEW_WINDOW_DAYS} days.")


def write_xlsx(rows: list[AccountRow], path: Path, theme, today: dt.date) -> None:
    """`portfolio.xlsx`: sheet Portfolio (every account, an Excel table), then a sheet per key account manager."""
    with building_on(today):
        book = _Workbook(Path(path), theme, today)
        book.sheet(PORTFOLIO_SHEET, rows, f"{TITLE}, {_PLAIN.date(today)}", XLSX_NOTE)
        groups = by_manager(rows)
        names = sheet_names([name or NO_MANAGER for name, _ in groups])
        for sheet, (name, members) in zip(names, groups):
            who = _text(name) if name else "accounts whose plan names no key account manager"
            book.sheet(sheet, members, f"{TITLE}: {who}, {_PLAIN.date(today)}", XLSX_NOTE)
        book.close(rows)


# -- the deck ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MatrixChart:
    """The portfolio matrix as deck content (drawn by `PortfolioDeckWriter`)."""

    rows: tuple[AccountRow, ...]
    description: str


def _deck(rows: Sequence[AccountRow], theme, today: dt.date):
    points = Points(rows, today)
    managers = {r.key_account_manager for r in rows if r.key_account_manager}
    label = theme.label("internal", "")
    date = _PLAIN.date(today)
    slides = [Slide(TITLE_SLIDE, TITLE, subtitle=(
        date, f"{_plural(len(rows), 'account')} · {_plural(len(managers), 'key account manager')}", label))]
    side = [Para((Run("How to read it", bold=True),)),
            Para((Run("Across: our strength as the customer sees it. Up: the customer's attractiveness to us. "
                      "Scores 0-10; 5 and above count as high."),)),
            Para((Run("Size: profit potential (else volume potential). Colour: plan health, green 75+, amber "
                      "60-74, red below 60."),))]
    missing = not_placed(rows)
    if missing:
        side.append(Para((Run(f"{NOT_PLACED[0].upper()}{NOT_PLACED[1:]}", bold=True, colour="red"),)))
        side += [Para((Run(_text(r.account)),), level=1) for r in missing]
    slides.append(Slide(TWO_CONTENT, points.matrix(), body=(
        MatrixChart(tuple(rows), f"Customer portfolio matrix: {points.matrix()}"),
        Text(tuple(side), max_size=14, min_size=10)), split=0.68,
        notes=(matrix_caption(rows),)))
    stance = stance_rows(rows)
    slides.append(Slide(TITLE_AND_CONTENT, "Recommended stance per quadrant", body=(Table(
        (Column("Quadrant", 1.0), Column("Recommended stance", 2.6), Column("Accounts", 3.0)),
        tuple((SlideCell(q, bold=True), SlideCell(s), SlideCell(a)) for q, s, a in stance), max_size=14),),
        notes=("The stance follows the quadrant (kapdocs.analysis.QUADRANTS).",)))
    for table in list_tables(rows, today):
        if table.rows:
            body = Table(tuple(Column(h, w, a) for h, w, a in zip(table.headers, table.weights, table.align)),
                         tuple(tuple(SlideCell(v) for v in row) for row in table.rows), max_size=16)
        else:
            body = Text((Para((Run(table.empty),)),), max_size=20)
        slides.append(Slide(TITLE_AND_CONTENT, table.point, body=(body,), caption=table.name,
                            notes=(table.name + ".",)))
    return Deck(tuple(slides), title=TITLE, footer=f"{TITLE} · {date} · {label}", audience="internal",
                subject=f"{_plural(len(rows), 'account')} on {date}", keywords=(TITLE,), author="")


class PortfolioDeckWriter(DeckWriter):
    """kapdocs' deck writer (fitted titles and tables, footers, notes), with the portfolio matrix as one more
    kind of content."""

    def _chart(self, slide, spec, rect) -> None:
        if not isinstance(spec, MatrixChart):
            return super()._chart(slide, spec, rect)
        data, series = matrix_data(spec.rows)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h),
                                       data)
        frame.name = "Chart: customer portfolio matrix"
        frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.description)
        style_matrix(frame.chart, self.theme, series, font_size=12, width_pt=rect.w / 12700, height_pt=rect.h / 12700)


def write_pptx(rows: list[AccountRow], path: Path, theme, today: dt.date) -> None:
    """`portfolio.pptx`: title, the portfolio matrix, the stance per quadrant and the four lists."""
    with building_on(today):
        PortfolioDeckWriter(theme).write(_deck(rows, theme, today), path)


# -- the Word document ---------------------------------------------------------------------------------

DOCX_COLUMNS = ("Account", "Key account manager", "Quadrant", "Health", "Potential (profit)", "Volume target to date",
                "Volume actual to date", "Gap", "Achieved", "Weighted pipeline", "Pipeline coverage",
                "Plan last reviewed", "Next QBR")
"""The Word document's portfolio table (every column is in the workbook)."""


def _docx_row(row: AccountRow) -> tuple[str, ...]:
    f = _fmt(row)
    return (_text(row.account), _manager(row), _text(row.quadrant) or "not placed", f.number(row.health_score),
            f.money(row.potential_profit), f.volume(row.ytd_volume_target), f.volume(row.ytd_volume_actual),
            f.signed(row.volume_gap), f.percent(row.volume_achievement), f.money(row.weighted_pipeline),
            f.percent(row.pipeline_coverage), f.date(_day(row.last_reviewed)) if row.last_reviewed else "never",
            f.date(_day(row.next_qbr)))


def write_docx(rows: list[AccountRow], path: Path, theme, today: dt.date) -> None:
    """`portfolio.docx` (A4): the matrix, the stance per quadrant, the four lists, the portfolio table."""
    with building_on(today):
        points = Points(rows, today)
        date = _PLAIN.date(today)
        label = theme.label("internal", "")
        b = DocxBuilder(theme, paper="a4", title=TITLE, subject=f"{_plural(len(rows), 'account')} on {date}",
                        keywords=TITLE, author="", category="Internal")
        managers = {r.key_account_manager for r in rows if r.key_account_manager}
        b.paragraph(TITLE, "Title")
        b.paragraph(f"{date} · {_plural(len(rows), 'account')} · "
                    f"{_plural(len(managers), 'key account manager')}", "Subtitle")
        b.rule()

        b.heading("Customer portfolio matrix", 1)
        b.paragraph(points.matrix() + ".", bold=True)
        data, series = matrix_data(rows)
        width_cm = min(16.5, b.usable_width_cm)
        chart = b.chart(XL_CHART_TYPE.BUBBLE, data, width_cm=width_cm, height_cm=12.5,
                        description=f"Customer portfolio matrix: {points.matrix()}")
        style_matrix(chart, theme, series, font_size=8, width_pt=width_cm * 72 / 2.54, height_pt=12.5 * 72 / 2.54)
        b.caption(matrix_caption(rows))
        note = unplaced_note(rows)
        if note:
            b.paragraph(note, italic=True)

        b.heading("Recommended stance per quadrant", 1)
        b.table(["Quadrant", "Recommended stance", "Accounts"],
                [[Cell(q, bold=True), s, a] for q, s, a in stance_rows(rows)], widths=(1.0, 2.6, 2.6), font_size=9)

        for table in list_tables(rows, today):
            b.heading(table.name, 1)
            b.paragraph(table.point + ".", bold=True)
            if table.rows:
                b.table(list(table.headers), [list(r) for r in table.rows], widths=table.weights,
                        align=table.align, font_size=9)
            else:
                b.paragraph(table.empty)

        expiring = [r for r in rows if r.expiring]
        b.heading("Contracts and tenders in the period", 1)
        if expiring:
            b.table(["Account", "Key account manager", "Contract expiries and tenders"],
                    [[_text(r.account), _manager(r), "\n".join(_text(item) for item in r.expiring)] for r in expiring],
                    widths=(2.0, 1.7, 3.6), font_size=9)
        else:
            b.paragraph("No contract expires and no tender falls due in any account's plan period.")

        b.landscape()
        b.heading("All accounts", 1)
        b.paragraph("Volumes in each account's own unit, money in its own currency; every column, with filters, "
                    "is in portfolio.xlsx.", "Small")
        b.table(list(DOCX_COLUMNS), [list(_docx_row(r)) for r in rows] or [["–"] * len(DOCX_COLUMNS)],
                widths=(2.1, 1.6, 1.3, 0.95, 1.35, 1.6, 1.6, 1.0, 1.2, 1.3, 1.2, 1.45, 1.45),
                align=("left", "left", "left", "right", "right", "right", "right", "right", "right", "right",
                       "right", "left", "left"), font_size=8)
        b.header_footer(TITLE, f"{label} · {date}")
        b.save(path)


# -- all three -----------------------------------------------------------------------------------------

def write_portfolio(rows: list[AccountRow], folder_write: Callable[[str, Callable[[Path], None]], Any], theme,
                    today: dt.date) -> list[str]:
    """Write `portfolio.xlsx`, `portfolio.pptx` and `portfolio.docx` through `folder_write(name, produce)` (like
    `OutputFolder.write`: `produce(path)` writes the file at `path`); returns the names written."""
    rows = list(rows)
    writers = (write_xlsx, write_pptx, write_docx)
    with building_on(today):  # the folder's normalisation dates the zip entries by it, too
        for name, writer in zip(NAMES, writers):
            folder_write(name, lambda path, writer=writer: writer(rows, Path(path), theme, today))
    return list(NAMES)


__all__ = ["NAMES", "write_docx", "write_portfolio", "write_pptx", "write_xlsx"]
