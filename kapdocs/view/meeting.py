"""A meeting's facts, chosen once: what the deck, the agenda, the minutes and the calendar of one
meeting all show, so that they agree by construction.

Built from the plan as the meeting's audience may see it (`visibility.for_audience`) and the
figures as they stand on the meeting's date. Nothing here knows about Word, PowerPoint or
iCalendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kapdocs.analysis import (
    AgendaItem, Figures, PrepStep, after_meeting, agenda, internal_agenda, meeting_end, meeting_start,
    next_quarter, preparation_timeline, previous_meeting,
)
from kapdocs.fmt import Formatter, percent_is_fraction
from kapdocs.model import SENIORITY_RANK, Action, LogEntry, Meeting, Plan

from . import vocabulary as words
from .parties import Parties

OUR_SIDE = "Our team"
"""The heading of our side in attendee lists."""


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


def person(plan: Plan, id_: str) -> Person:
    """The person with this id, wherever they are in the plan."""
    member = plan.member(id_)
    if member is not None:
        return Person(id_, member.name, member.title or "", member.email, customer=False)
    contact = plan.contact(id_)
    if contact is not None:
        return Person(id_, contact.name, contact.title or "", contact.email, customer=True)
    return Person(id_, id_, "", None, customer=False)


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action (from `actions[]` or `action_log[]`) as every document of the meeting shows it."""

    id: str
    """Its id in the plan (for joins; documents for the customer do not print it)."""
    text: str
    """`actions[].description` or `action_log[].action`."""
    need: str
    """The text of the need it serves (`actions[].need`), or ''."""
    ours: str
    """Our owner's name, or ''."""
    theirs: str
    """The customer owner's name, or ''."""
    owner_function: str
    """Our owner's `team[].function` ('other' when unknown): groups activities by function."""
    due: dt.date | None
    """When it is due."""
    due_text: str
    """`due` in the locale's style."""
    status: str
    """The status as recorded in the plan."""
    group: str
    """open, overdue, done or cancelled, as of the meeting date (`vocabulary.status_group`)."""
    status_text: str
    """The status as documents show it on the meeting date: "Overdue" for open work past its due date."""
    target_text: str
    """The action's target as the audience may see it, formatted; '' when none."""
    notes: str
    """`action_log[].notes`; ''."""

    @property
    def owners(self) -> str:
        """"Ours / Theirs" (either alone), or an en dash."""
        return " / ".join(dict.fromkeys(n for n in (self.ours, self.theirs) if n)) or "–"

    @property
    def overdue(self) -> bool:
        return self.group == "overdue"


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """Something the customer's teams plan (`customer_activities[]`), as the documents show it."""

    activity: str
    function: str
    """operations, marketing, technical, commercial or other."""
    function_text: str
    due: dt.date | None
    due_text: str
    owner: str
    """The customer owner's name, or ''."""
    support: str
    """What we can do to support it, or ''."""


@dataclass(frozen=True, slots=True)
class SupplyRow:
    """A supply metric as every document shows it."""

    metric: str
    target: str
    actual: str
    status: str | None
    """green, amber or red; None without an actual."""
    status_text: str
    """"On target", "Near target", "Off target" or an en dash."""
    issue: str
    lesson: str
    solution: str


@dataclass(frozen=True, slots=True)
class YtdRow:
    """One site's (or the total's) year to date, formatted once for every document."""

    site: str
    total: bool
    """Whether this is the total row."""
    volume_target: str
    volume_actual: str
    volume_gap: str
    """Signed: `+120` ahead of target, `−300` behind."""
    volume_gap_value: float | None
    volume_achieved: str
    full_volume_target: str
    profit_target: str
    """'' where the audience may not see profit (and so for every profit column)."""
    profit_actual: str
    profit_gap: str
    profit_gap_value: float | None
    profit_achieved: str


def ytd_rows(figures: Figures, fmt: Formatter, *, profit: bool) -> list[YtdRow]:
    """`figures.performance` by site and in total, formatted; profit columns only when `profit`."""
    perf = figures.performance
    rows = []
    for s in [*perf.sites, perf.total]:
        rows.append(YtdRow(
            site=str(s.name), total=s is perf.total,
            volume_target=fmt.number(s.ytd_volume_target), volume_actual=fmt.number(s.ytd_volume_actual),
            volume_gap=fmt.signed(s.volume_gap), volume_gap_value=s.volume_gap,
            volume_achieved=fmt.percent(s.volume_achievement), full_volume_target=fmt.number(s.full_volume_target),
            profit_target=fmt.money(s.ytd_profit_target) if profit else "",
            profit_actual=fmt.money(s.ytd_profit_actual) if profit else "",
            profit_gap=fmt.signed(s.profit_gap, money=True) if profit else "",
            profit_gap_value=s.profit_gap if profit else None,
            profit_achieved=fmt.percent(s.profit_achievement) if profit else ""))
    return rows


def ytd_span(figures: Figures) -> str:
    """The periods with actuals: "2026-Q1 to 2026-Q3" (or one period); '' when none."""
    periods = [p.period for p in figures.performance.periods
               if p.volume_actual is not None or p.profit_actual is not None]
    if not periods:
        return ""
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """Everything the documents of one meeting show (the agenda, deck, minutes and calendar)."""

    plan: Plan
    """The plan as the meeting's audience may see it."""
    figures: Figures
    """Figures of that plan as they stood on `as_of`."""
    meeting: Meeting
    audience: str
    """customer for a QBR, internal for an internal review (or the internal deck of a QBR)."""
    as_of: dt.date
    """The meeting's date: actions are open, overdue or upcoming as of it."""
    today: dt.date
    """The date the documents are built on: what has not happened by then is not reported as past."""
    title: str
    """`meetings[].title`, else "<account> <kind>, <date>"."""
    agenda: list[AgendaItem]
    """The items in their documented order with their time slots."""
    presenters: dict[str, list[Person]]
    """Who presents each agenda item, by `AgendaItem.key` (see `presenters`); an item may have nobody."""
    start: dt.time
    end: dt.time
    preparation: list[PrepStep]
    """D-30 to D-1, weekends moved to the Friday before."""
    after: list[str]
    """The checklist for once the meeting is over."""
    ours: list[Person]
    """Attendees from `team`, in `meetings[].attendees` order."""
    theirs: list[Person]
    """Attendees from `contacts`, in `meetings[].attendees` order."""
    apologies: list[Person]
    minute_taker: Person | None
    previous: Meeting | None
    """The latest meeting of the same type before this one."""
    last_actions: list[ActionRow]
    """`action_log[]` entries raised at the previous meeting, whatever their status."""
    carried_over: list[ActionRow]
    """Open `action_log[]` entries raised before this meeting, by due date: the action log to follow up."""
    overdue: list[ActionRow]
    """Open `actions[]` due before the meeting date (or marked late), by due date."""
    upcoming: list[ActionRow]
    """Open `actions[]` due from the meeting date to the end of the next quarter, by due date."""
    window: tuple[dt.date, dt.date]
    """The span of `upcoming`: the meeting date and the last day of the next quarter."""
    quarter: tuple[dt.date, dt.date]
    """First and last day of the quarter after the meeting's."""
    calendar: list[tuple[dt.date, str]]
    """What falls between the meeting and the end of the next quarter, by date: our other meetings, the
    customer's planned activities, contract expiries and tenders at its sites (our own actions are in
    `upcoming`)."""
    their_activities: list[ActivityRow]
    """`customer_activities[]` due in the next quarter (or undated), by function then date: the customer's
    own plans, which we can support."""
    supply: list[SupplyRow]
    """`supply[]` metrics as the documents show them."""
    ytd: list[YtdRow]
    """Year to date by site and in total, as of the meeting date (or today, when earlier)."""
    ytd_span: str
    """The periods `ytd` covers, e.g. "2026-Q1 to 2026-Q3"; '' when no actual is recorded."""
    decisions_sought: list[str]
    objectives: list[str]
    next: dt.date | None
    """`meetings[].next`."""
    distribution: list[Person]
    """Who gets the minutes: the whole core team, then the customer attendees and apologies for a QBR."""

    @property
    def customer_facing(self) -> bool:
        """Whether the documents go to the customer."""
        return self.audience == "customer"

    @property
    def parties(self) -> Parties:
        """How the meeting's documents name the customer and us (`parties`)."""
        return Parties.of(self.plan, self.audience)

    @property
    def kind(self) -> str:
        """"Quarterly business review" or "Internal account review": the meeting's type."""
        return words.MEETING_TYPE[self.meeting.type]

    @property
    def quarter_actions(self) -> list[ActionRow]:
        """The part of `upcoming` due in the next quarter."""
        first, last = self.quarter
        return [a for a in self.upcoming if a.due is not None and first <= a.due <= last]

    @property
    def organiser(self) -> Person | None:
        """The key account manager when on our side of the meeting, else our first attendee."""
        return organiser(self.plan, self.ours)

    def person(self, id_: str | None) -> Person | None:
        """The person with this id, wherever they are in the plan; None for no id."""
        return person(self.plan, id_) if id_ else None

    def presented_by(self, item: AgendaItem) -> str:
        """The names of who presents `item`, "Ravi Patel and Nicola Wright"; '' for nobody."""
        names = [p.name for p in self.presenters.get(item.key, [])]
        return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else ""


def meeting_title(plan: Plan, meeting: Meeting, fmt: Formatter | None = None) -> str:
    """`meetings[].title`, else e.g. "Northwind Foods plc quarterly business review, 10 Dec 2026"."""
    when = fmt.date(meeting.date) if fmt else meeting.date.isoformat()
    return meeting.title or f"{plan.account.name} {words.MEETING_TYPE[meeting.type].lower()}, {when}"


def _owners(plan: Plan, owner: str | None, customer_owner: str | None) -> tuple[str, str]:
    """(our owner, customer owner) names; an `owner` who is a customer contact counts as theirs."""
    ours = person(plan, owner) if owner else None
    theirs = person(plan, customer_owner) if customer_owner else None
    if ours is not None and ours.customer and theirs is None:
        ours, theirs = None, ours
    return (ours.name if ours else ""), (theirs.name if theirs else "")


def target_text(plan: Plan, action: Action, fmt: Formatter) -> str:
    """`actions[].target`: money in the account currency, else the value and its unit; '' when none."""
    target = action.target
    if target is None:
        return ""
    if target.unit == plan.account.currency:
        return fmt.money(target.value)
    return f"{fmt.number(target.value)} {target.unit or ''}".strip()


def action_row(plan: Plan, item: Action | LogEntry, as_of: dt.date, fmt: Formatter) -> ActionRow:
    """An action or log entry as the documents show it on `as_of`."""
    is_action = isinstance(item, Action)
    ours, theirs = _owners(plan, item.owner, item.customer_owner)
    member = plan.member(item.owner)
    need = next((n for n in plan.needs if n.id == item.need), None) if is_action else None
    return ActionRow(
        id=item.id, text=str(item.description if is_action else item.action), need=str(need.need) if need else "",
        ours=ours, theirs=theirs, owner_function=member.function if member else "other",
        due=item.due, due_text=fmt.date(item.due) if item.due else "", status=item.status,
        group=words.status_group(item, as_of), status_text=words.status_label(item, as_of),
        target_text=target_text(plan, item, fmt) if is_action else "",
        notes="" if is_action else str(item.notes or ""))


def _by_due(rows: list[ActionRow]) -> list[ActionRow]:
    return sorted(rows, key=lambda r: (r.due or dt.date.max, r.id))


def carried_over(plan: Plan, meeting: Meeting) -> list[LogEntry]:
    """Open `action_log[]` entries raised before `meeting` (or with no known meeting)."""
    def earlier(entry: LogEntry) -> bool:
        raised = plan.meeting(entry.raised_in)
        return raised is None or raised.date < meeting.date

    return [e for e in plan.action_log if words.is_open(e) and earlier(e)]


def calendar(plan: Plan, meeting: Meeting, window: tuple[dt.date, dt.date]) -> list[tuple[dt.date, str]]:
    """The dated events after `meeting` up to the end of `window` (see `MeetingFacts.calendar`)."""
    first, last = window

    def inside(day: dt.date | None) -> bool:
        return day is not None and first < day <= last

    events = [(m.date, str(m.title or words.MEETING_TYPE[m.type])) for m in plan.meetings
              if m.id != meeting.id and inside(m.date)]
    events += [(a.due, f"{plan.account.name}: {a.activity}") for a in plan.customer_activities if inside(a.due)]
    for site in plan.sites:
        if inside(site.next_tender):
            events.append((site.next_tender, f"Tender due: {site.name}"))
        if inside(site.contract_expiry):
            events.append((site.contract_expiry, f"Contract renewal: {site.name}"))
    return sorted(events, key=lambda e: e[0])


def activity_rows(plan: Plan, quarter: tuple[dt.date, dt.date], fmt: Formatter) -> list[ActivityRow]:
    """The customer's activities due in `quarter` (undated ones too), by function in `CUSTOMER_FUNCTION`
    order, then by date."""
    first, last = quarter
    order = list(words.CUSTOMER_FUNCTION)
    chosen = [a for a in plan.customer_activities if a.due is None or first <= a.due <= last]
    chosen.sort(key=lambda a: (order.index(a.function), a.due or dt.date.max))
    return [ActivityRow(activity=str(a.activity), function=a.function, function_text=words.CUSTOMER_FUNCTION[a.function],
                        due=a.due, due_text=fmt.date(a.due) if a.due else "", owner=plan.person_name(a.owner),
                        support=str(a.support or "")) for a in chosen]


def supply_rows(figures: Figures, fmt: Formatter) -> list[SupplyRow]:
    """`figures.supply` as the documents show it: values with their units, the same in every document."""
    rows = []
    for standing in figures.supply:
        m = standing.metric
        fraction = percent_is_fraction(m.target, m.actual)
        rows.append(SupplyRow(
            metric=str(m.metric), target=fmt.metric(m.target, m.unit, fraction=fraction),
            actual=fmt.metric(m.actual, m.unit, fraction=fraction), status=standing.status,
            status_text=words.RAG.get(standing.status or "", "–"), issue=str(m.issue or ""),
            lesson=str(m.lesson or ""), solution=str(m.solution or "")))
    return rows


def organiser(plan: Plan, ours: list[Person]) -> Person | None:
    """The key account manager when among `ours` (our side of a meeting), else the first of them."""
    kam = plan.account.key_account_manager
    return next((p for p in ours if p.id == kam), ours[0] if ours else None)


CUSTOMER_ITEMS = frozenset({"insights", "next_quarter"})
"""The QBR agenda items the customer presents: its own view of its business and its plans."""


def presenters(plan: Plan, meeting: Meeting, items: list[AgendaItem], ours: list[Person],
               theirs: list[Person]) -> dict[str, list[Person]]:
    """Who presents each item: `meetings[].presenters` where given, else, at a QBR, the most senior
    customer attendee for the customer's own items and the key account manager (our first attendee when
    absent) for the others; at an internal review, the key account manager. An activity is led by its
    `led_by`, else by nobody named. The plan's presenters apply only to the agenda they were written for
    (a QBR's internal preparation agenda uses the defaults)."""
    named = {p.item: [person(plan, i) for i in p.by] for p in meeting.presenters}
    lead = organiser(plan, ours)

    def rank(p: Person) -> int:
        contact = plan.contact(p.id)
        return SENIORITY_RANK.get(contact.seniority or "", -1) if contact is not None else -1

    host = max(theirs, key=rank, default=None)  # of equals, the first listed
    own_agenda = meeting.type == "internal_review" or not items or items[0].key == "agenda"
    out: dict[str, list[Person]] = {}
    for item in items:
        if item.activity is not None:
            out[item.key] = [person(plan, i) for i in meeting.activities[item.activity - 1].led_by]
        elif item.key in named and own_agenda:
            out[item.key] = named[item.key]
        elif item.key in CUSTOMER_ITEMS and meeting.type == "qbr":
            out[item.key] = [host] if host else []
        else:
            out[item.key] = [lead] if lead else []
    return out


def meeting_facts(plan: Plan, figures: Figures, meeting: Meeting, fmt: Formatter, audience: str,
                  today: dt.date) -> MeetingFacts:
    """The facts of `meeting` for `audience`, from the plan as that audience sees it.

    `figures` are that plan's figures as of the meeting date (or today, when earlier).
    An internal audience for a QBR gets the internal review agenda (Past, Future, Assess, Learn).
    """
    as_of = meeting.date
    invited = [person(plan, i) for i in meeting.attendees]
    ours, theirs = [p for p in invited if not p.customer], [p for p in invited if p.customer]
    apologies = [person(plan, i) for i in meeting.apologies]
    customer = audience == "customer"
    distribution = [person(plan, m.id) for m in plan.team]
    if customer:
        distribution += [p for p in invited + apologies if p.customer]
    distribution = list({p.id: p for p in distribution}.values())
    previous = previous_meeting(plan, meeting)
    quarter = next_quarter(meeting.date)
    window = (meeting.date, quarter[1])
    items = internal_agenda(meeting) if not customer and meeting.type == "qbr" else agenda(meeting)

    def rows(found) -> list[ActionRow]:
        return _by_due([action_row(plan, a, as_of, fmt) for a in found])

    return MeetingFacts(
        plan=plan, figures=figures, meeting=meeting, audience=audience, as_of=as_of, today=today,
        title=meeting_title(plan, meeting, fmt), agenda=items,
        presenters=presenters(plan, meeting, items, ours, theirs),
        start=meeting_start(meeting), end=meeting_end(meeting),
        preparation=preparation_timeline(meeting), after=after_meeting(meeting),
        ours=ours, theirs=theirs,
        apologies=apologies,
        minute_taker=person(plan, meeting.minute_taker) if meeting.minute_taker else None,
        previous=previous,
        last_actions=[action_row(plan, e, as_of, fmt) for e in plan.action_log
                      if previous is not None and e.raised_in == previous.id],
        carried_over=rows(carried_over(plan, meeting)),
        overdue=rows(a for a in plan.actions if words.is_overdue(a, as_of)),
        upcoming=rows(a for a in plan.actions if words.is_upcoming(a, *window)),
        window=window, quarter=quarter,
        calendar=calendar(plan, meeting, window),
        their_activities=activity_rows(plan, quarter, fmt),
        supply=supply_rows(figures, fmt),
        ytd=ytd_rows(figures, fmt, profit=not customer), ytd_span=ytd_span(figures),
        decisions_sought=[str(d) for d in meeting.decisions_sought],
        objectives=[str(o) for o in meeting.objectives],
        next=meeting.next,
        distribution=distribution,
    )
