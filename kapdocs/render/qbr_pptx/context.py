"""What every slide builder shares: the context of one deck and small helpers that turn plan text into slide text.

Plan text is always literal: `**bold**` and `*italic*` become formatting (the
plan's Markdown subset), everything else, `=`, `<`, `{{ }}` included, stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kapdocs.analysis import AgendaItem
from kapdocs.model import Meeting, Opportunity, Plan
from kapdocs.text import clean, parse_inline
from kapdocs.view import ActionRow, MeetingFacts, ReadsView, View
from kapdocs.view import vocabulary as words

from .spec import Cell, Para, Run, Text

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
GROUP_COLOUR = {"open": "text", "overdue": "red", "done": "green", "cancelled": "muted"}
"""The colour of an action's status by its group (`vocabulary.status_group`)."""

DEFAULT_FUTURE_QUESTIONS = (
    "How is your business changing?",
    "What pressures do you expect over the next two years?",
    "What are your main objectives, and how will you reach them?",
    "Where could we add more value, or do something we are not doing today?",
    "Where would you be happy to see us take on more of your business?",
)
"""Future-facing key account audit questions, used when the plan records none."""


# -- context and small helpers ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class Context(ReadsView):
    """What every slide builder reads."""

    view: View
    facts: MeetingFacts
    internal: bool
    """Whether the deck is for our own side (layout only: what it may show is already in `view`)."""

    @property
    def meeting(self) -> Meeting:
        return self.facts.meeting

    @property
    def agenda(self) -> list[AgendaItem]:
        return self.facts.agenda

    def name(self, person_id: str | None) -> str:
        return self.plan.person_name(person_id) or (person_id or "")

    def owners(self, ours: str | None, theirs: str | None) -> str:
        names = [n for n in (self.name(ours), self.name(theirs)) if n]
        return " / ".join(dict.fromkeys(names)) or "–"

    def item_number(self, key: str) -> int | None:
        return next((i + 1 for i, a in enumerate(self.agenda) if a.key == key), None)


def literal(text: str | None) -> str:
    """Plan text made safe for XML (control characters removed); never interpreted."""
    return clean(text or "")


def runs(text: str, **style) -> tuple[Run, ...]:
    """Runs of one line of plan text: `**bold**` and `*italic*` become formatting, the rest is literal."""
    bold, italic, colour = style.get("bold", False), style.get("italic", False), style.get("colour")
    return tuple(Run(span.text, bold=span.bold or bold, italic=span.italic or italic, colour=colour)
                 for span in parse_inline(literal(text))) or (Run(""),)


def para(text: str, level: int = 0, **style) -> Para:
    return Para(runs(text, **style), level=level, scale=style.get("scale", 1.0))


def plain_para(*parts: Run | str, level: int = 0, scale: float = 1.0) -> Para:
    return Para(tuple(p if isinstance(p, Run) else Run(literal(p)) for p in parts), level=level, scale=scale)


def bullets(items: Iterable[str], level: int = 1) -> list[Para]:
    return [para(i, level) for i in items]


def heading(text: str) -> Para:
    return Para((Run(text, bold=True, colour="primary"),), scale=1.1)


def text(*paras: Para | Iterable[Para], max_size: float = 20, min_size: float = 11) -> Text:
    flat: list[Para] = []
    for p in paras:
        if isinstance(p, Para):
            flat.append(p)
        else:
            flat.extend(p)
    return Text(tuple(flat), max_size=max_size, min_size=min_size)


def short(label: str, limit: int = 48) -> str:
    """A chart label: `label` cut at a word boundary to about `limit` characters, with "…"."""
    label = " ".join(literal(label).split())
    if len(label) <= limit:
        return label
    cut = label[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def month(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def status_cell(row: ActionRow) -> Cell:
    """An action's status as of the meeting: "Overdue" in red for open work past its date."""
    return Cell(row.status_text, bold=row.overdue, colour=GROUP_COLOUR[row.group])


def gap_cell(shown: str, value: float | None) -> Cell:
    """A gap formatted by the view (`+120`, `−300`), green when on or ahead of target, red when behind."""
    if value is None:
        return Cell("–")
    return Cell(shown, colour="green" if value >= 0 else "red")


def prompt(ctx: Context, customer: Sequence[str], internal: Sequence[str] | None = None) -> Text:
    """The body of a slide the plan has no data for: discussion prompts (customer) or what to capture (internal)."""
    lines = internal if ctx.internal and internal else customer
    paras = []
    for i, line in enumerate(lines):
        if i == 0 and ctx.internal and internal:
            paras.append(plain_para(Run("Not yet captured: ", bold=True, colour="muted"), Run(line, colour="muted")))
        else:
            paras.append(Para((Run(line, italic=i > 0, colour="muted" if i > 0 else None),)))
    return Text(tuple(paras), max_size=22, min_size=12)


def action_label(plan: Plan, action_id: str) -> str:
    found = next((a for a in plan.actions if a.id == action_id), None)
    return literal(found.description) if found else action_id


def close_cell(ctx: Context, opp: Opportunity) -> Cell:
    """An opportunity's expected close month; past and still open it says so, in red."""
    if opp.expected_close is None:
        return Cell("–")
    if words.close_slipped(opp, ctx.facts.as_of):
        return Cell(f"{month(opp.expected_close)}: overdue", bold=True, colour="red")
    return Cell(month(opp.expected_close))


def opportunity_stage(ctx: Context, opp: Opportunity) -> str:
    return words.stage(opp.stage, ctx.view.audience)


def money_format(ctx: Context) -> str:
    """The Excel number format for money in charts, e.g. `"£"#,##0`."""
    from kapdocs.render.charts import number_format

    return number_format(ctx.fmt.symbol)


def sentence(text: str | None) -> str:
    """Plan text as the start of a longer line: without its final full stop."""
    return literal(text).rstrip().rstrip(".")
