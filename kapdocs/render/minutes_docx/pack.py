"""The meeting pack's content: who, when, what and which actions, chosen from the plan for one meeting.

Pure: `meeting_pack(plan, figures, meeting)` reads the plan, the derived figures
and `kapdocs.analysis.timeline`, and returns a `MeetingPack` that the agenda,
the minutes and the calendar writers all draw on. Nothing here knows about
Word or iCalendar.

A QBR is customer-facing: its pack is what may be shown to the customer. An
internal review is for the core team and may show internal figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kapdocs.analysis import (
    AgendaItem, Figures, PrepStep, after_meeting, agenda, meeting_end, meeting_start, next_quarter,
    preparation_timeline, previous_meeting,
)
from kapdocs.fmt import Formatter
from kapdocs.model import Action, LogEntry, Meeting, Plan

OPEN_STATUSES = ("planned", "in_progress", "late")
"""Action statuses that still need work: an entry in one of these is carried over."""

STATUS_LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "late": "Late",
                 "cancelled": "Cancelled"}
"""How an action status reads in the documents."""

KIND_LABELS = {"qbr": "Quarterly business review", "internal_review": "Internal account review"}
"""How a meeting type reads in the documents."""

OUR_SIDE = "Our team"
"""The heading of our side in attendee lists (the plan does not name our company)."""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone invited to the meeting or on the distribution list."""

    id: str
    """Id in `team` or `contacts` (an unknown id stands for itself)."""
    name: str
    """`team[].name` or `contacts[].name`; the id when the id is unknown."""
    title: str
    """`team[].title` or `contacts[].title`; empty when absent."""
    email: str | None
    """`team[].email` or `contacts[].email`."""
    customer: bool
    """True for a customer contact, False for a member of our team."""

    @property
    def label(self) -> str:
        """"Name, Title" (or just the name)."""
        return f"{self.name}, {self.title}" if self.title else self.name


@dataclass(frozen=True, slots=True)
class MeetingPack:
    """Everything the agenda, minutes and calendar of one meeting show."""

    plan: Plan
    figures: Figures
    meeting: Meeting
    title: str
    """`meetings[].title`, else "<account> <kind>, <date>"."""
    customer_facing: bool
    """True for a QBR (the documents go to the customer), False for an internal review."""
    agenda: list[AgendaItem]
    """`timeline.agenda(meeting)`: the items in their documented order with their time slots."""
    start: dt.time
    """`meetings[].start`."""
    end: dt.time
    """`timeline.meeting_end(meeting)`."""
    preparation: list[PrepStep]
    """`timeline.preparation_timeline(meeting)`: D-30 to D-1, weekends moved to the Friday before."""
    after: list[str]
    """`timeline.after_meeting(meeting)`: the checklist for once the meeting is over."""
    ours: list[Person]
    """Attendees from `team`, in `meetings[].attendees` order."""
    theirs: list[Person]
    """Attendees from `contacts`, in `meetings[].attendees` order."""
    apologies: list[Person]
    """`meetings[].apologies`."""
    minute_taker: Person | None
    """`meetings[].minute_taker`."""
    previous: Meeting | None
    """`timeline.previous_meeting`: the latest meeting of the same type before this one."""
    last_actions: list[LogEntry]
    """`action_log[]` entries raised in the previous meeting, whatever their status."""
    carried_over: list[LogEntry]
    """Open `action_log[]` entries raised before this meeting (see `carried_over`)."""
    quarter: tuple[dt.date, dt.date]
    """`timeline.next_quarter(meetings[].date)`: first and last day of the quarter after the meeting's."""
    quarter_actions: list[Action]
    """`actions[]` due in `quarter`, cancelled ones left out, by due date."""
    distribution: list[Person]
    """Who gets the minutes: the whole core team (`team`), then the customer attendees and
    apologies for a QBR."""

    @property
    def kind(self) -> str:
        """"Quarterly business review" or "Internal account review"."""
        return KIND_LABELS[self.meeting.type]

    @property
    def organiser(self) -> Person | None:
        """The key account manager when on our side of the meeting, else our first attendee."""
        kam = self.plan.account.key_account_manager
        return next((p for p in self.ours if p.id == kam), self.ours[0] if self.ours else None)

    def person(self, id_: str | None) -> Person | None:
        """The person with this id, wherever they are in the plan; None for no id."""
        return _person(self.plan, id_) if id_ else None


def _person(plan: Plan, id_: str) -> Person:
    member = plan.member(id_)
    if member is not None:
        return Person(id_, member.name, member.title or "", member.email, customer=False)
    contact = plan.contact(id_)
    if contact is not None:
        return Person(id_, contact.name, contact.title or "", contact.email, customer=True)
    return Person(id_, id_, "", None, customer=False)


def meeting_title(plan: Plan, meeting: Meeting, fmt: Formatter | None = None) -> str:
    """`meetings[].title`, else e.g. "Northwind Foods plc quarterly business review, 10 Dec 2026"."""
    when = fmt.date(meeting.date) if fmt else meeting.date.isoformat()
    return meeting.title or f"{plan.account.name} {KIND_LABELS[meeting.type].lower()}, {when}"


def carried_over(plan: Plan, meeting: Meeting) -> list[LogEntry]:
    """Open `action_log[]` entries (planned, in progress, late) raised before `meeting`.

    "Before" means raised in a meeting dated earlier; an entry with no (or an
    unknown) `raised_in` counts as earlier too. For a QBR, entries raised in an
    internal review stay out: they are internal.
    """
    def earlier(entry: LogEntry) -> bool:
        raised = plan.meeting(entry.raised_in)
        if raised is None:
            return True
        if meeting.type == "qbr" and raised.type != "qbr":
            return False
        return raised.date < meeting.date

    return [e for e in plan.action_log if e.status in OPEN_STATUSES and earlier(e)]


def quarter_actions(plan: Plan, meeting: Meeting) -> list[Action]:
    """`actions[]` due in the quarter after the meeting's (`timeline.next_quarter`), not cancelled, by due date."""
    first, last = next_quarter(meeting.date)
    due = [a for a in plan.actions if a.due is not None and first <= a.due <= last and a.status != "cancelled"]
    return sorted(due, key=lambda a: a.due)


def meeting_pack(plan: Plan, figures: Figures, meeting: Meeting, fmt: Formatter | None = None) -> MeetingPack:
    """The pack for `meeting`: see `MeetingPack` for where each part comes from (`fmt` dates the default title)."""
    invited = [_person(plan, i) for i in meeting.attendees]
    previous = previous_meeting(plan, meeting)
    customer_facing = meeting.type == "qbr"
    apologies = [_person(plan, i) for i in meeting.apologies]
    distribution = [_person(plan, m.id) for m in plan.team]
    if customer_facing:
        distribution += [p for p in invited + apologies if p.customer]
    distribution = list({p.id: p for p in distribution}.values())
    return MeetingPack(
        plan=plan,
        figures=figures,
        meeting=meeting,
        title=meeting_title(plan, meeting, fmt),
        customer_facing=customer_facing,
        agenda=agenda(meeting),
        start=meeting_start(meeting),
        end=meeting_end(meeting),
        preparation=preparation_timeline(meeting),
        after=after_meeting(meeting),
        ours=[p for p in invited if not p.customer],
        theirs=[p for p in invited if p.customer],
        apologies=apologies,
        minute_taker=_person(plan, meeting.minute_taker) if meeting.minute_taker else None,
        previous=previous,
        last_actions=[e for e in plan.action_log if previous is not None and e.raised_in == previous.id],
        carried_over=carried_over(plan, meeting),
        quarter=next_quarter(meeting.date),
        quarter_actions=quarter_actions(plan, meeting),
        distribution=distribution,
    )
