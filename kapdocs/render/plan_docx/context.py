"""What every section of the Word plan works with: the builder, the plan, its figures, the edition.

`Context` also numbers the headings (1, 1.1, ...), so that a section left out of
an edition never leaves a hole in the numbering, and writes the "not yet
captured" notes from `gaps.GAPS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...text import plain
from ...theme import Theme, tint
from ...view import Parties, ReadsView, View
from ...view.parties import possessive
from ...view import vocabulary as words
from ..docx_kit import Cell, DocxBuilder
from .editions import Edition
from .gaps import CUSTOMER_GAPS, GAPS



@dataclass(slots=True)
class Context(ReadsView):
    """One plan being written: builder, plan, figures, formatter, theme, edition and today."""

    builder: DocxBuilder
    view: View
    theme: Theme
    edition: Edition
    _numbers: list[int] = field(default_factory=lambda: [0, 0])
    _prefix: str = ""

    @property
    def today(self) -> dt.date:
        return self.view.as_of

    @property
    def parties(self) -> Parties:
        """How this edition names the customer and us (`kapdocs.view.parties`)."""
        return self.view.parties

    def joint(self, ours: str, customer: str) -> str:
        """`ours` in the internal edition; in the customer's, `customer` with both companies named:
        `{customer}` and `{customers}` (possessive) the customer, `{us}` and `{ours}` our company."""
        if self.view.internal:
            return ours
        p = self.parties
        us = p.us if p.supplier_name else "our company"
        ours_ = possessive(p.us) if p.supplier_name else "our"
        text = customer.format(customer=p.customer, customers=p.customers, us=us, ours=ours_)
        return text[:1].upper() + text[1:]

    def ref(self, kind: str, id_: str | None) -> str:
        """How the document refers to an item (`View.ref`); an en dash for none."""
        return self.view.ref(kind, id_) or "–"

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
        """Where the plan has no data: our side gets the "Not yet captured" note of `gaps.GAPS` (what to
        capture and where); the customer a question or plain statement (`gaps.CUSTOMER_GAPS`)."""
        if self.view.customer:
            self.builder.paragraph(CUSTOMER_GAPS[key], style="Gap Note")
        else:
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
        return Cell(f"⚑ {text}", bold=True, fill=tint(self.theme.colours.amber, 0.22))

    def status_cell(self, action) -> Cell:
        """An action's status as of the view's date, coloured: overdue red, done green."""
        c = self.theme.colours
        group = words.status_group(action, self.today)
        colour = {"overdue": c.red, "done": c.green}.get(group)
        return Cell(words.status_label(action, self.today), bold=group == "overdue", colour=colour)

    def objective_cell(self, status: str) -> Cell:
        """An objective's status (`vocabulary.OBJECTIVE_STATUS`), coloured: met or on track green, at risk
        amber, missed red."""
        c = self.theme.colours
        colour = {"green": c.green, "amber": c.amber, "red": c.red}.get(words.OBJECTIVE_RAG[status] or "")
        return Cell(words.OBJECTIVE_STATUS[status], bold=status in ("at_risk", "missed"), colour=colour)

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
    def rich(text: str | None, **style) -> Cell:
        """Plan text for a table cell with its Markdown rendered (bold, italic, bullets); an en dash when absent."""
        return Cell(str(text), rich=True, **style) if text else Cell("–", **style)

    @staticmethod
    def plain(text: str | None) -> str:
        """Long text for a table cell: Markdown markers dropped, lines joined."""
        return plain(text) if text else "–"


class Bold(str):
    """Text `Context.say` writes in bold."""

