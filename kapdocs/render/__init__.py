"""The renderers: one per deliverable, each declared by one line in `RENDERERS`.

A renderer is a function `render(job: Job) -> list[Path]` in its own module,
imported only when it runs (so `kapdocs --help` stays fast). Adding a
deliverable means: its module, one line here, its tests.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..output import OutputFolder

if TYPE_CHECKING:
    from ..analysis import Figures
    from ..fmt import Formatter
    from ..model import Meeting, Plan
    from ..theme import Theme
    from ..view import View


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for, shared by every renderer."""

    edition: str = "internal"
    """Plan edition: internal, or customer (the joint plan shared with the customer)."""
    locale: str = "en-GB"
    """Locale of dates and the default paper size: en-GB (A4) or en-US (Letter)."""
    paper: str | None = None
    """Paper size, a4 or letter; None follows the locale."""
    theme: Path | None = None
    """A theme folder with reference documents; None uses the built-in theme."""
    meeting: str | None = None
    """Meeting id for meeting documents; None picks the next QBR."""
    internal: bool = False
    """Build the internal review deck rather than the customer QBR deck."""
    today: dt.date | None = None
    """The date taken as today; None is the system date."""
    health: bool = True
    """Include the plan health appendix in the Word plan."""

    @property
    def page(self) -> str:
        """The paper size in force: a4 or letter."""
        return self.paper or ("letter" if self.locale == "en-US" else "a4")

    def with_(self, **changes) -> "Options":
        """A copy with some options changed."""
        return replace(self, **changes)


@dataclass(slots=True)
class Job:
    """One plan to render: the plan, its figures, the options and where to write.

    Renderers read `job.view`: the plan as the document's audience may see it, its figures
    and (for a meeting document) the meeting's facts. `plan` and `figures` are the whole
    plan's, for what only our own side reads (the health appendix, the contact matrix).
    """

    plan: "Plan"
    figures: "Figures"
    options: Options
    out: OutputFolder
    source: Path | None = None
    written: list[Path] = field(default_factory=list)
    per_meeting: bool = False
    """Whether the document is for one meeting (`Renderer.per_meeting`)."""
    _view: "View | None" = field(default=None, repr=False)

    @property
    def audience(self) -> str:
        """Who the document is for: a meeting's audience (`view.meeting_audience`), else `options.edition`."""
        from ..view import meeting_audience

        if self.per_meeting:
            return meeting_audience(self.meeting(), self.options.internal)
        return self.options.edition

    @property
    def view(self) -> "View":
        """The account as the document's audience may see it (built once per job)."""
        if self._view is None:
            from ..view import build_view

            meeting = self.meeting() if self.per_meeting else None
            today = self.options.today or self.figures.today
            self._view = build_view(self.plan, self.audience, today, meeting, locale=self.options.locale)
        return self._view

    @property
    def theme(self) -> "Theme":
        """The theme in force (the option's folder, else the built-in theme)."""
        from ..theme import load_theme

        return load_theme(self.options.theme)

    @property
    def fmt(self) -> "Formatter":
        """Number, money and date formatting for this plan and locale (the view's formatter)."""
        return self.view.fmt

    def meeting(self) -> "Meeting":
        """The meeting to render: `options.meeting`, else the next QBR on or after today (else the latest)."""
        import difflib

        from ..analysis import default_meeting
        from ..errors import UsageError

        if self.options.meeting:
            found = self.plan.meeting(self.options.meeting)
            if found is None:
                ids = [m.id for m in self.plan.meetings]
                close = difflib.get_close_matches(self.options.meeting, ids, n=3, cutoff=0.5)
                hint = f"; did you mean {', '.join(close)}?" if close else (
                    f"; meetings in the plan: {', '.join(ids)}" if ids else "; the plan has no meetings")
                raise UsageError(f"no meeting '{self.options.meeting}' in the plan{hint}")
            return found
        found = default_meeting(self.plan, self.options.today or dt.date.today())
        if found is None:
            raise UsageError("the plan has no meetings: add one under `meetings:` "
                             "(id, type, date, start, duration_minutes, attendees)")
        return found


@dataclass(frozen=True, slots=True)
class Renderer:
    """A deliverable kapdocs can produce."""

    name: str
    """The command that produces it alone (`kapdocs NAME`)."""
    summary: str
    """One line for `--help`."""
    target: str
    """`module:function` of the renderer, relative to this package."""
    per_meeting: bool = False
    """Whether `kapdocs build` runs it once per meeting in the plan."""

    def load(self) -> Callable[[Job], list[Path]]:
        """The renderer function (imports its module on first use)."""
        module, _, func = self.target.partition(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), func)


RENDERERS: list[Renderer] = [
    Renderer("plan", "the Word key account plan", "plan_docx:render"),
    Renderer("contacts", "the Excel contact matrix", "contacts_xlsx:render"),
    Renderer("qbr", "the PowerPoint QBR deck (or internal review deck)", "qbr_pptx:render", per_meeting=True),
    Renderer("minutes", "the meeting agenda, minutes and calendar", "minutes_docx:render", per_meeting=True),
]
"""Every deliverable, in the order `kapdocs build` writes them."""


def renderer(name: str) -> Renderer:
    """The renderer called `name`."""
    return next(r for r in RENDERERS if r.name == name)
