"""The account as one audience may see it, on one date, optionally for one meeting.

    load -> model -> analysis -> **view** -> renderers -> output

`build_view(plan, audience, as_of, meeting)` is the only place that decides what a document
may say: the plan filtered for the audience (`visibility`), every derived figure of that
plan (`kapdocs.analysis.Figures`), a meeting's facts (`meeting`), one formatter
(`kapdocs.fmt.Formatter`) and one vocabulary (`vocabulary`). Renderers and user templates
read a `View` and nothing else; `View.data()` is the same view as plain data
(`kapdocs context`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..analysis import Figures, analyse
from ..fmt import Formatter
from ..model import Meeting, Plan
from . import vocabulary
from .parties import Parties
from .meeting import ActionRow, ActivityRow, MeetingFacts, Person, SupplyRow, meeting_facts, meeting_title
from .visibility import AUDIENCES, for_audience, is_visible

__all__ = ["AUDIENCES", "ActionRow", "ActivityRow", "MeetingFacts", "Parties", "Person", "ReadsView", "SupplyRow", "View", "build_view",
           "for_audience", "meeting_audience", "meeting_title", "vocabulary"]

REF_LISTS: dict[str, tuple[str, ...]] = {
    "needs": ("needs",),
    "long_term": ("objectives", "long_term"),
    "smart": ("objectives", "smart"),
    "actions": ("actions",),
    "opportunities": ("opportunities",),
}
"""Lists whose items documents refer to by a short reference (see `View.ref`)."""

REF_PREFIX = {"needs": "N", "long_term": "L", "smart": "O", "actions": "A", "opportunities": "P"}
"""The letter before a customer document's item numbers: N1, O3, A12..."""


@dataclass(frozen=True, slots=True)
class View:
    """What documents for one audience, on one date (and for one meeting) may say."""

    audience: str
    """internal (our own side) or customer."""
    as_of: dt.date
    """The date the view is taken on ("today")."""
    plan: Plan
    """The plan as the audience may see it (`visibility.for_audience`)."""
    figures: Figures
    """Every derived figure of `plan`, as of `as_of` (or the meeting's date, when earlier)."""
    fmt: Formatter
    """The one formatter of every display string."""
    meeting: MeetingFacts | None = None
    """The meeting's facts, when the view is for a meeting."""
    refs: dict[str, dict[str, str]] = field(default_factory=dict)
    """Short references by list and id: the id for our side; for the customer, N1, O1... numbered
    over what the customer sees, so the numbering has no holes."""

    @property
    def customer(self) -> bool:
        """Whether the view is for the customer."""
        return self.audience == "customer"

    @property
    def internal(self) -> bool:
        """Whether the view is for our own side."""
        return self.audience == "internal"

    def visible(self, path: str) -> bool:
        """Whether the plan field at `path` (e.g. `contacts[].attitude`) is shown at all to this audience."""
        return is_visible(path, self.audience)

    def ref(self, kind: str, id_: str | None) -> str:
        """The reference documents print for item `id_` of list `kind` (see `refs`); '' when none."""
        if not id_:
            return ""
        return self.refs.get(kind, {}).get(id_, "")

    def overdue_actions(self) -> list:
        """The plan's actions overdue on `as_of` (`vocabulary.is_overdue`), by due date."""
        return sorted((a for a in self.plan.actions if vocabulary.is_overdue(a, self.as_of)),
                      key=lambda a: (a.due or dt.date.max, a.id))

    def next_review(self) -> Meeting | None:
        """The next customer review on or after `as_of` the audience may see; None when none is planned."""
        ahead = [m for m in self.plan.meetings if m.type == "qbr" and m.date >= self.as_of]
        return min(ahead, key=lambda m: m.date) if ahead else None

    @property
    def parties(self) -> Parties:
        """How this audience's documents name the customer and us (`parties`)."""
        return Parties.of(self.plan, self.audience)

    def label(self, table: dict[str, str], value: str | None) -> str:
        """An enumerated value's label (`vocabulary`)."""
        return self.fmt.label(value, table)

    def data(self) -> dict:
        """The view as plain data with stable keys (what `kapdocs context` prints)."""
        from .data import view_data

        return view_data(self)


class ReadsView:
    """What a renderer's context that holds a `view` reads through it: the plan, figures and formatter."""

    __slots__ = ()
    view: View

    @property
    def plan(self) -> Plan:
        """The plan as the view's audience may see it."""
        return self.view.plan

    @property
    def figures(self) -> Figures:
        """The view's figures."""
        return self.view.figures

    @property
    def fmt(self) -> Formatter:
        """The view's formatter."""
        return self.view.fmt


def meeting_audience(meeting: Meeting, internal: bool = False) -> str:
    """Who a meeting's documents are for: the customer for a QBR, unless its internal deck is asked for."""
    return "internal" if internal or meeting.type == "internal_review" else "customer"


def _refs(plan: Plan, audience: str) -> dict[str, dict[str, str]]:
    refs: dict[str, dict[str, str]] = {}
    for kind, path in REF_LISTS.items():
        items = plan
        for part in path:
            items = getattr(items, part, None) if items is not None else None
        items = items or []
        if audience == "internal":
            refs[kind] = {i.id: i.id for i in items}
        else:
            refs[kind] = {i.id: f"{REF_PREFIX[kind]}{n}" for n, i in enumerate(items, start=1)}
    return refs


def build_view(plan: Plan, audience: str = "internal", as_of: dt.date | None = None,
               meeting: Meeting | str | None = None, *, locale: str = "en-GB",
               figures: Figures | None = None) -> View:
    """The view of `plan` for `audience` on `as_of` (default today), for `meeting` when given.

    For a meeting, figures stand as of the meeting's date when it is earlier than `as_of`
    (a past meeting shows the year to date as it was), and actions are open, overdue or
    upcoming as of the meeting's date. `figures` may hand over the whole plan's figures already
    computed; they are used only where they are the view's own (our side, the same date).
    """
    as_of = as_of or dt.date.today()
    seen = for_audience(plan, audience)
    if isinstance(meeting, str):
        found = seen.meeting(meeting)
        if found is None:
            from ..errors import UsageError

            raise UsageError(f"no meeting '{meeting}' that the {audience} audience may see in the plan")
        meeting = found
    figures_date = min(as_of, meeting.date) if meeting is not None else as_of
    if not (audience == "internal" and figures is not None and figures.today == figures_date):
        figures = analyse(seen, figures_date)
    fmt = Formatter(plan.account.currency, plan.account.volume_unit, locale)
    facts = meeting_facts(seen, figures, meeting, fmt, audience, as_of) if meeting is not None else None
    return View(audience, as_of, seen, figures, fmt, facts, _refs(seen, audience))
