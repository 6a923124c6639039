"""Text fitting by measurement: how many lines a paragraph takes, and the size that fits a box.

PowerPoint's "shrink text on overflow" is only applied by PowerPoint, and only
when someone edits the slide; LibreOffice and viewers show the overflow. So the
deck measures its own text: advance widths of Liberation Sans (metric-compatible
with Arial, the theme font; see `font_metrics.json`, built by
tools/make_font_metrics.py), greedy word wrapping like the office programs',
and line heights from the font's ascent and descent. Text is then set at the
largest size that fits, table rows get their measured height, and what cannot
fit at the smallest size continues on the next slide (or is cut with "…").

Line pitch: PowerPoint sets "single" line spacing at 1.2 times the font size, and
LibreOffice does the same in text boxes (but not in table cells). kapdocs writes
every paragraph with that pitch as an *exact* spacing, so every program stacks
lines the same way and a measured height is the height on the slide.

Sizes are in points, box geometry in EMU (914,400 per inch, 12,700 per point).
Characters the metrics file lacks are estimated: East Asian wide characters and
emoji at one em, combining marks at zero, anything else at 0.6 em (a little wider
than an average Latin letter, so estimates err towards fitting less).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .spec import Para, Run

EMU_PER_PT = 12700
METRICS_FILE = Path(__file__).with_name("font_metrics.json")

LINE_PITCH = 1.2
"""Distance between baselines, in em: single spacing as PowerPoint sets it; written as exact spacing."""
SAFETY = 0.98
"""Share of a box's inner width the text may fill, for differences in kerning and hinting."""
SAFETY_Y = 0.99
"""Share of a box's inner height the text may fill."""
BULLET_INDENT_PT = 16.0
"""Left margin per bullet level; the bullet hangs in it."""
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Face:
    """Advance widths of one font face, in em."""

    widths: dict[str, float]
    ascent: float
    descent: float

    def char(self, ch: str) -> float:
        """Advance of `ch` in em (estimated when the metrics lack it)."""
        w = self.widths.get(ch)
        if w is not None:
            return w
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f\u200e\u200f":
            return 0.0
        if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F000:
            return 1.0
        return 0.6


@functools.lru_cache(maxsize=1)
def _faces() -> dict[bool, Face]:
    data = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    faces = {}
    for bold, key in ((False, "regular"), (True, "bold")):
        face = data[key]
        units = face["units_per_em"]
        widths = {}
        for first, values in face["ranges"]:
            for i, value in enumerate(values):
                if value is not None:
                    widths[chr(first + i)] = value / units
        faces[bold] = Face(widths, face["ascender"] / units, face["descender"] / units)
    return faces


def face(bold: bool = False) -> Face:
    """The regular or bold face (italics share the upright advances in Arial's design)."""
    return _faces()[bold]


def line_height(size: float) -> float:
    """Height of one line of text at `size` points, in points (the exact pitch kapdocs writes)."""
    return round(size * LINE_PITCH, 1)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` set on one line at `size` points, in points."""
    f = face(bold)
    return sum(f.char(ch) for ch in text) * size


# -- wrapping ------------------------------------------------------------------

def _tokens(runs: Sequence[Run]) -> list[list[tuple[str, float]]]:
    """Hard lines of (word, width-in-em) tokens (cached: tables are measured at several sizes)."""
    return _tokens_of(tuple(runs))


@functools.lru_cache(maxsize=8192)
def _tokens_of(runs: tuple[Run, ...]) -> list[list[tuple[str, float]]]:
    """Hard lines of (word, width-in-em) tokens; spaces are tokens of their own."""
    lines: list[list[tuple[str, float]]] = [[]]
    regular, bold = face(False), face(True)
    word, width = "", 0.0
    for run in runs:
        f = bold if run.bold else regular
        for ch in run.text:
            if ch == "\n":
                if word:
                    lines[-1].append((word, width))
                word, width = "", 0.0
                lines.append([])
            elif ch == " ":
                if word:
                    lines[-1].append((word, width))
                word, width = "", 0.0
                lines[-1].append((" ", f.char(" ")))
            else:
                word += ch
                width += f.char(ch)
                if ch in "-/\u2013\u2014":  # the office programs break after hyphens and dashes
                    lines[-1].append((word, width))
                    word, width = "", 0.0
    if word:
        lines[-1].append((word, width))
    return lines


def wrap(runs: Sequence[Run], width_pt: float, size: float) -> list[str]:
    """The lines `runs` wrap into in a column `width_pt` wide at `size` points (greedy, like the office programs)."""
    limit = max(width_pt / size, 0.5)  # in em
    out: list[str] = []
    for tokens in _tokens(runs):
        line, used, pending_space = "", 0.0, ("", 0.0)
        for text, w in tokens:
            if text == " ":
                pending_space = (pending_space[0] + " ", pending_space[1] + w)
                continue
            if not line:
                pending_space = ("", 0.0)
            if line and used + pending_space[1] + w > limit:
                out.append(line)
                line, used, pending_space = "", 0.0, ("", 0.0)
            if not line and w > limit:  # a word wider than the column breaks anywhere
                cw = w / len(text)  # the word's average advance: its faces are no longer known here
                for ch in text:
                    if line and used + cw > limit:
                        out.append(line)
                        line, used = "", 0.0
                    line += ch
                    used += cw
                continue
            line += pending_space[0] + text
            used += pending_space[1] + w
            pending_space = ("", 0.0)
        out.append(line)
    return out


# -- boxes ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Box:
    """A text area: outer size and insets, in EMU."""

    width: int
    height: int
    inset_x: int = 91440
    """Left and right inset (0.1 in by default)."""
    inset_y: int = 45720
    """Top and bottom inset (0.05 in by default)."""

    @property
    def inner_width_pt(self) -> float:
        return (self.width - 2 * self.inset_x) / EMU_PER_PT * SAFETY

    @property
    def inner_height_pt(self) -> float:
        return (self.height - 2 * self.inset_y) / EMU_PER_PT * SAFETY_Y


def space_before(para: Para, size: float, first: bool) -> float:
    """Space kapdocs writes before a paragraph, in points: none for the first."""
    if first:
        return 0.0
    return round(size * {0: 0.3, 1: 0.45}.get(para.level, 0.2), 1)


def indent(para: Para) -> float:
    """Left margin of a paragraph's text, in points."""
    return BULLET_INDENT_PT * para.level


def para_size(para: Para, size: float) -> float:
    """A paragraph's font size: the box size scaled by the paragraph's own `scale`."""
    return round(size * para.scale * 2) / 2


def para_height(para: Para, box: Box, size: float, first: bool) -> float:
    """Height of one paragraph in `box` at `size`, spacing before included, in points."""
    s = para_size(para, size)
    lines = len(wrap(para.runs, box.inner_width_pt - indent(para), s))
    return space_before(para, s, first) + lines * line_height(s)


def text_height(paras: Sequence[Para], box: Box, size: float) -> float:
    """Height of `paras` in `box` at `size`, in points."""
    return sum(para_height(p, box, size, i == 0) for i, p in enumerate(paras))


def fits(paras: Sequence[Para], box: Box, size: float) -> bool:
    """Whether `paras` fit `box` at `size`."""
    return text_height(paras, box, size) <= box.inner_height_pt


def best_size(paras: Sequence[Para], box: Box, max_size: float, min_size: float, step: float = 1.0) -> float | None:
    """The largest size from `max_size` down to `min_size` (in `step`s) at which `paras` fit; None if none does."""
    size = max_size
    while size >= min_size - 1e-9:
        if fits(paras, box, size):
            return size
        size -= step
    return None


def split(paras: Sequence[Para], box: Box, size: float) -> tuple[list[Para], list[Para]]:
    """The paragraphs that fit `box` at `size`, and the rest (a paragraph may be cut between lines).

    The first part is never empty: a single line always goes on, so long text always progresses.
    """
    budget = box.inner_height_pt
    used = 0.0
    head: list[Para] = []
    for i, para in enumerate(paras):
        h = para_height(para, box, size, i == 0)
        if used + h <= budget:
            head.append(para)
            used += h
            continue
        s = para_size(para, size)
        lines = wrap(para.runs, box.inner_width_pt - indent(para), s)
        room = int((budget - used - space_before(para, s, i == 0)) // line_height(s))
        if room <= 0 and head:
            return head, list(paras[i:])
        room = max(room, 1)
        first, rest = _cut(para, lines, room)
        head.append(first)
        return head, [rest, *paras[i + 1:]] if rest else list(paras[i + 1:])
    return head, []


def _cut(para: Para, lines: list[str], keep: int) -> tuple[Para, Para | None]:
    """`para` cut after `keep` of its wrapped `lines` (emphasis kept), and the remainder (None if none)."""
    count = len("".join(lines[:keep]).replace(" ", "")) if keep < len(lines) else None
    if count is None:
        return para, None
    # walk the runs, counting non-space characters, to find where the cut falls
    head: list[Run] = []
    tail: list[Run] = []
    seen = 0
    for run in para.runs:
        if seen >= count:
            tail.append(run)
            continue
        chars = 0
        for pos, ch in enumerate(run.text):
            if ch not in " \n":
                if seen + chars == count:
                    head.append(replace(run, text=run.text[:pos].rstrip()))
                    tail.append(replace(run, text=run.text[pos:].lstrip()))
                    break
                chars += 1
        else:
            head.append(run)
            seen += chars
            continue
        seen = count
    tail = [r for r in tail if r.text]
    first = replace(para, runs=tuple(r for r in head if r.text))
    rest = replace(para, runs=tuple(tail), continued=True) if tail else None
    return first, rest


def truncate(paras: Sequence[Para], box: Box, size: float) -> list[Para]:
    """As much of `paras` as fits `box` at `size`, the last line ending in "…" when text was cut."""
    head, rest = split(paras, box, size)
    if not rest:
        return head
    last = head[-1]
    s = para_size(last, size)
    width = box.inner_width_pt - indent(last)
    runs = list(last.runs)
    # drop characters from the end until the ellipsis fits on the same number of lines
    target = len(wrap(runs, width, s))
    while runs:
        text = runs[-1].text
        trial = runs[:-1] + [replace(runs[-1], text=text.rstrip() + ELLIPSIS)]
        if len(wrap(trial, width, s)) <= target:
            runs = trial
            break
        cut = text.rstrip()
        space = cut.rfind(" ", 0, max(len(cut) - 1, 0))
        runs[-1] = replace(runs[-1], text=cut[:space] if space > 0 else cut[:-1])
        if not runs[-1].text:
            runs.pop()
    if not runs:
        runs = [Run(ELLIPSIS)]
    head[-1] = replace(last, runs=tuple(runs))
    return head


# -- tables --------------------------------------------------------------------

CELL_MARGIN_X = 64008
"""Left and right cell margin kapdocs writes (0.07 in), EMU."""
CELL_MARGIN_Y = 36576
"""Top and bottom cell margin kapdocs writes (0.04 in), EMU."""


@functools.lru_cache(maxsize=16384)
def cell_lines(text: str, width_emu: int, size: float, bold: bool = False) -> int:
    """Lines a table cell's text wraps into in a column `width_emu` wide (cached: a table is measured at
    each size it might take, and again when it is shared over slides)."""
    width = (width_emu - 2 * CELL_MARGIN_X) / EMU_PER_PT * SAFETY
    return len(wrap((Run(text, bold=bold),), width, size))


def row_height(cells: Sequence[tuple[str, bool]], widths: Sequence[int], size: float) -> int:
    """Height in EMU of a table row of (text, bold) cells in columns of `widths` (EMU)."""
    lines = max((cell_lines(t, w, size, b) for (t, b), w in zip(cells, widths)), default=1)
    return int(lines * line_height(size) * EMU_PER_PT + 2 * CELL_MARGIN_Y) + 1


def words_fit(text: str, width_emu: int, size: float, bold: bool = False) -> bool:
    """Whether every word of a cell's text fits its column whole (no word broken across lines)."""
    limit = (width_emu - 2 * CELL_MARGIN_X) / EMU_PER_PT * SAFETY / size  # in em
    return all(w <= limit for line in _tokens((Run(text, bold=bold),)) for word, w in line if word != " ")


def truncate_cell(text: str, width_emu: int, size: float, max_lines: int, bold: bool = False) -> str:
    """`text` cut (with "…") so that it takes at most `max_lines` lines in a column `width_emu` wide."""
    if cell_lines(text, width_emu, size, bold) <= max_lines:
        return text
    height = int(max_lines * line_height(size) / SAFETY_Y * EMU_PER_PT) + 2 * CELL_MARGIN_Y + 1
    box = Box(width_emu, height, inset_x=CELL_MARGIN_X, inset_y=CELL_MARGIN_Y)
    (kept,) = truncate([Para((Run(text, bold=bold),))], box, size)  # one paragraph: cells break lines, no spacing
    return kept.text
