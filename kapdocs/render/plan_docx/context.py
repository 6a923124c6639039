"""What every section of the Word plan works with: the builder, the plan, its figures, the edition.

`Context` also numbers the headings (1, 1.1, ...), so that a section left out of
an edition never leaves a hole in the numbering, and writes the "not yet
captured" notes from `gaps.GAPS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...analysis import Figures
from ...fmt import Formatter
from ...model import Plan
from ...text import plain
from ...theme import Theme
from ..docx_kit import Cell, DocxBuilder
from .editions import Edition
from .gaps import GAPS

STATUS_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "late": "Late",
                 "cancelled": "Cancelled"}
"""How action statuses read in tables."""

ROLE_LABELS = {"economic": "Economic decision-maker", "ultimate": "Ultimate decision-maker",
               "technical": "Technical decision-maker", "end_user": "End user", "advocate": "Advocate"}
"""How buyer roles read in tables."""

FUNCTION_LABELS = {"sales": "Sales / key account", "marketing": "Marketing", "technical": "Technical",
                   "supply": "Supply chain", "finance": "Finance", "operations": "Operations",
                   "service": "Customer service", "legal": "Legal", "executive": "Executive", "other": "Other"}
"""How core-team functions read in tables."""


@dataclass(slots=True)
class Context:
    """One plan being written: builder, plan, figures, formatter, theme, edition and today."""

    builder: DocxBuilder
    plan: Plan
    figures: Figures
    fmt: Formatter
    theme: Theme
    edition: Edition
    today: dt.date
    _numbers: list[int] = field(default_factory=lambda: [0, 0])
    _prefix: str = ""

    # -- headings -------------------------------------------------------------
    def section(self, title: str, *, page_break: bool = True, appendix: str | None = None) -> None:
        """A numbered Heading 1 (`appendix` gives a letter instead of a number)."""
        if appendix is None:
            self._numbers[0] += 1
            label = str(self._numbers[0])
        else:
            label = f"Appendix {appendix}"
        self._numbers[1] = 0
        self._prefix = appendix or label
        self.builder.heading(f"{label} {title}" if appendix is None else f"{label}: {title}", 1,
                             page_break=page_break)

    def subsection(self, title: str) -> None:
        """A numbered Heading 2, e.g. "1.2 Performance year to date"."""
        self._numbers[1] += 1
        self.builder.heading(f"{self._prefix}.{self._numbers[1]} {title}", 2)

    def topic(self, title: str) -> None:
        """An unnumbered Heading 3."""
        self.builder.heading(title, 3)

    # -- gaps and small helpers ----------------------------------------------------
    def gap(self, key: str) -> None:
        """The "Not yet captured" note for `key` in `gaps.GAPS`."""
        self.builder.gap(GAPS[key])

    def name(self, person_id: str | None) -> str:
        """A person's name from their id; the id itself when unknown; an en dash when absent."""
        if not person_id:
            return "–"
        return self.plan.person_name(person_id) or person_id

    def date(self, value: dt.date | None) -> str:
        """A date in the locale's style."""
        return self.fmt.date(value)

    def flagged(self, text: str) -> Cell:
        """A highlighted cell: something falls due in the plan period."""
        return Cell(f"⚑ {text}", bold=True, fill=_tint(self.theme.colours.amber))

    def status_cell(self, status: str) -> Cell:
        """An action status, coloured: late red, done green."""
        c = self.theme.colours
        colour = {"late": c.red, "done": c.green}.get(status)
        return Cell(STATUS_LABELS.get(status, status), bold=status == "late", colour=colour)

    def say(self, *parts: "str | Bold", style: str = "Normal"):
        """One paragraph of literal text; `Bold(...)` parts are bold. Plan text is never read as Markdown."""
        paragraph = self.builder.paragraph(style=style)
        for part in parts:
            run = paragraph.add_run(str(part))
            if isinstance(part, Bold):
                run.bold = True
        return paragraph

    def points(self, items: list[tuple["str | Bold", ...]]) -> None:
        """A bullet list of `say` paragraphs."""
        for parts in items:
            self.say(*parts, style="List Bullet")

    @staticmethod
    def plain(text: str | None) -> str:
        """Long text for a table cell: Markdown markers dropped, lines joined."""
        return plain(text) if text else "–"


class Bold(str):
    """Text `Context.say` writes in bold."""


def _tint(hex_colour: str, amount: float = 0.78) -> str:
    """`hex_colour` mixed with white (0 the colour, 1 white): a fill light enough for text."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(v + (255 - v) * amount):02X}" for v in rgb)
