"""Meetings, the action log, partnership indicators and the key account audit."""

from __future__ import annotations


from pydantic import Field

from .base import (
    Date,
    ActionStatus, AgendaKey, AuditKind, CustomerFunction, Id, IndicatorStatus, MeetingType, Model, Text, hidden_items,
)


class Presenters(Model):
    """Who presents one item of the meeting's standard agenda."""

    item: AgendaKey
    """The agenda item: for a QBR agenda, last_actions, ytd, company, objectives, initiatives, supply,
    upcoming, insights, new_business, action_log or next_quarter (and agenda); for an internal review,
    past, future, assess or learn."""
    by: list[Id] = Field(min_length=1)
    """Ids from `team` and `contacts` of who presents it."""


class MeetingActivity(Model):
    """A timed part of the meeting outside the standard agenda: a site tour, a demonstration, lunch."""

    title: str = Field(min_length=1, max_length=120)
    """What it is, as the agenda shows it (e.g. "Tour of the applications lab")."""
    minutes: int = Field(ge=5, le=480)
    """How long it takes; the standard agenda items share what remains of `duration_minutes`."""
    after: AgendaKey | None = None
    """The agenda item it follows; by default it comes last."""
    led_by: list[Id] = []
    """Ids from `team` and `contacts` of who leads it."""
    purpose: str | None = None
    """One line on what it is for."""


class Meeting(Model):
    """A customer review (QBR) or internal review."""

    model_config = Model.model_config | hidden_items("internal_review", "internal reviews")

    id: Id
    """Unique id of the meeting; used in output file names."""
    type: MeetingType = "qbr"
    """qbr (customer review) or internal_review."""
    title: str | None = None
    """A title; by default derived from the type and date."""
    date: Date
    """The meeting date."""
    start: str = Field(default="09:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    """Start time, HH:MM (quote it in YAML: "10:00")."""
    duration_minutes: int = Field(default=60, ge=15, le=600)
    """Length of the meeting in minutes."""
    venue: str | None = None
    """Where it takes place (or the video link)."""
    attendees: list[Id] = []
    """Ids from `team` and `contacts`."""
    apologies: list[Id] = []
    """Ids from `team` and `contacts` of invitees who cannot attend."""
    minute_taker: Id | None = None
    """Id in `team` of who takes the minutes."""
    first_time_senior: bool = False
    """True when senior customer people attend for the first time: adds the company overview."""
    objectives: list[Text] = []
    """What the meeting must achieve."""
    decisions_sought: list[Text] = []
    """Decisions asked of the customer (or of management, for an internal review)."""
    next: Date | None = None
    """Date of the next meeting of this kind."""
    presenters: list[Presenters] = []
    """Who presents which agenda item; by default the key account manager presents our items and
    the most senior customer attendee the customer's own (insights, next-quarter activities)."""
    activities: list[MeetingActivity] = []
    """Timed parts of the meeting beyond the standard agenda (a site tour, lunch), in the order given."""


class CustomerActivity(Model):
    """Something the customer's own teams plan to do, which we can support."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    activity: Text
    """What the customer's team will do, in their words."""
    function: CustomerFunction = "other"
    """Which of the customer's functions does it: operations, marketing, technical, commercial or other."""
    due: Date | None = None
    """When it is planned."""
    owner: Id | None = None
    """Id in `contacts` of who leads it at the customer."""
    support: Text | None = None
    """What we can do to support it."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class LogEntry(Model):
    """An action agreed in a meeting."""

    model_config = Model.model_config | hidden_items(
        "internal_log", "marked internal, or raised in an internal review")

    id: Id
    """Unique id of the entry."""
    action: Text
    """What was agreed."""
    owner: Id | None = None
    """Id in `team` or `contacts` of the owner."""
    customer_owner: Id | None = None
    """Id in `contacts` of the customer's owner, when both sides own it."""
    due: Date | None = None
    """When it is due."""
    status: ActionStatus = "planned"
    """Where it stands."""
    raised_in: Id | None = None
    """Id in `meetings` of the meeting that agreed it."""
    notes: Text | None = None
    """Progress notes."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class PartnershipIndicator(Model):
    """One sign that the customer treats us as a partner rather than a supplier."""

    indicator: str = Field(min_length=1)
    """The indicator."""
    status: IndicatorStatus
    """yes, partly or no."""
    evidence: Text | None = None
    """What shows it."""


class AuditAnswer(Model):
    """An answer from the key account audit."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    question: str = Field(min_length=1)
    """The question asked."""
    answer: Text | None = None
    """The customer's answer."""
    kind: AuditKind | None = None
    """past (the past and present) or future."""
    asked_on: Date | None = None
    """When it was asked."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""
