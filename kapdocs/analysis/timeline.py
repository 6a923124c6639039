"""Meetings: the preparation timeline, the agenda with its time slots, and which meeting to use.

Preparation steps count back from the meeting date (D-30 to D-1) and move to
the previous working day when they fall on a weekend. Agenda slots share the
meeting's duration between the items by weight (see `allocate_minutes`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from kapdocs.model import Meeting, Plan

# -- preparation ---------------------------------------------------------------

_QBR_PREP: dict[int, str] = {
    -30: "Invite everyone with the date, time, venue and agenda, and check they can come.",
    -15: "Check availability again and send any changed details.",
    -5: "Confirm the final time, venue, agenda and list of participants.",
    -3: "Send our participants the key account plan, the meeting brief and the supporting material.",
    -1: "Everyone reads the pre-reading and sends their feedback.",
}
_INTERNAL_PREP: dict[int, str] = {
    -30: "Invite the core team (and finance) with the date, time, venue and agenda, and check they can come.",
    -15: "Check availability again and send any changed details.",
    -5: "Confirm the final time, venue, agenda and list of participants.",
    -3: "Send the core team the key account plan, the latest figures and the pipeline.",
    -1: "Everyone reads the pre-reading and sends their feedback.",
}

AFTER_MEETING: list[str] = [
    "Send the minutes, with the actions for next quarter, to the core team and the customer the same day.",
    "Write the call report.",
    "Update the key account plan with what was learned and agreed.",
    "File the agenda, the slides and the minutes with the plan.",
]
"""What to do once a customer review (QBR) is over, in order."""

AFTER_INTERNAL_REVIEW: list[str] = [
    "Send the minutes, with the actions agreed, to the core team the same day.",
    "Update the key account plan and the pipeline with what was decided.",
    "Confirm the date of the next review with everyone who attends it.",
    "File the agenda, the slides and the minutes with the plan.",
]
"""What to do once an internal review is over, in order: nothing goes to the customer."""


def after_meeting(meeting: Meeting) -> list[str]:
    """The after-meeting checklist for `meeting`'s type: `AFTER_MEETING` or `AFTER_INTERNAL_REVIEW`."""
    return AFTER_MEETING if meeting.type == "qbr" else AFTER_INTERNAL_REVIEW


def previous_working_day(d: dt.date) -> dt.date:
    """`d` on a weekday; the Friday before when `d` is a Saturday or a Sunday."""
    weekday = d.weekday()  # Monday 0 .. Sunday 6
    return d - dt.timedelta(days=weekday - 4) if weekday >= 5 else d


@dataclass(frozen=True, slots=True)
class PrepStep:
    """One step of the preparation timeline before a meeting."""

    offset_days: int
    """Days relative to the meeting date, negative: -30, -15, -5, -3 or -1."""
    label: str
    """The step's label, e.g. "D-30"."""
    date: dt.date
    """`meetings[].date` + offset_days, moved back to a Friday when it falls on a weekend."""
    task: str
    """What to do on that day."""


def preparation_timeline(meeting: Meeting) -> list[PrepStep]:
    """The D-30, D-15, D-5, D-3 and D-1 steps before `meeting`, earliest first."""
    tasks = _QBR_PREP if meeting.type == "qbr" else _INTERNAL_PREP
    return [
        PrepStep(offset, f"D{offset}", previous_working_day(meeting.date + dt.timedelta(days=offset)), task)
        for offset, task in tasks.items()
    ]


# -- agenda --------------------------------------------------------------------

CAP_SHARE = 0.3
"""The year-to-date (QBR) or past (internal review) item takes at most this share of the meeting."""


@dataclass(frozen=True, slots=True)
class _Item:
    """An agenda item before it gets its time slot; `weight` sets its share of the time."""

    key: str
    title: str
    purpose: str
    weight: int
    section: str | None


# Future-facing items (upcoming, insights, new business, next quarter) carry 15 of the 30
# weight points, more than the past (10) or the framing items (5); upcoming carries the most.
_QBR_ITEMS: tuple[_Item, ...] = (
    _Item("agenda", "Present the agenda", "Agree what we will cover and what the meeting must achieve.", 1, None),
    _Item("last_actions", "Review of actions from the last meeting",
          "Check what was done since we last met and what is still open.", 2, "action_log"),
    _Item("ytd", "Year-to-date performance", "Volumes so far against target, site by site, and the gap to close.",
          3, "performance"),
    _Item("company", "Our company and the history of cooperation",
          "Introduce who we are and how our work together has grown.", 3, "relationship"),
    _Item("objectives", "Account objectives and activity calendar",
          "Reconnect with the customer's goals and this year's calendar of activities.", 2, "objectives"),
    _Item("initiatives", "Executed initiatives",
          "Highlights and lowlights so far, and the value each delivered in money.", 3, "initiatives"),
    _Item("supply", "Supply vs demand performance",
          "Service against target, the issues behind shortfalls, lessons and fixes.", 2, "supply"),
    _Item("upcoming", "Upcoming initiatives",
          "The heart of the meeting: what we will do next together and what it is worth.", 6, "actions"),
    _Item("insights", "Your insights and future challenges",
          "Hear how the customer's business and market are changing.", 3, "customer_strategy"),
    _Item("new_business", "New business and projects",
          "New opportunities and projects we could take on together.", 3, "opportunities"),
    _Item("action_log", "Agree the action log and the next meeting",
          "Confirm an owner and a date for every action, and book the next review.", 2, "action_log"),
    _Item("next_quarter", "Your next-quarter operational, marketing and technical activities",
          "What the customer plans next quarter, so that we can support it.", 3, None),
)

_INTERNAL_ITEMS: tuple[_Item, ...] = (
    _Item("past", "Past: year to date vs target, gaps, executed initiatives",
          "Where we stand against target and what our initiatives delivered.", 3, "performance"),
    _Item("future", "Future: pipeline vs targets, coverage of the gap",
          "The main focus: does the weighted pipeline cover the gap, and are plan actions in it?",
          5, "opportunities"),
    _Item("assess", "Assess: Top 5 / Big 5, hit rates, churn, price pressure",
          "The nearest and largest deals, delivery, win rates, lost business and margin.", 3, "opportunities"),
    _Item("learn", "Learn: good practice, recognition, plan update, next review",
          "Share what worked, thank who contributed, update the plan, book the next review.", 2, None),
)

AGENDA_TITLES: dict[str, str] = {i.key: i.title for i in _QBR_ITEMS + _INTERNAL_ITEMS}
"""The title of each standard agenda item, by key (`meetings[].presenters[].item` names them)."""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of a meeting agenda, with its time slot."""

    key: str
    """Stable key of the item, e.g. "ytd"; renderers map keys to slides."""
    title: str
    """The item's title."""
    purpose: str
    """What the item is for, in one line."""
    start: dt.time
    """Start of the slot: `meetings[].start` plus the minutes of the items before it."""
    end: dt.time
    """End of the slot: start + minutes."""
    minutes: int
    """Length of the slot: a weighted share of `meetings[].duration_minutes`."""
    section: str | None
    """The top-level plan key whose data the item presents (e.g. "performance"); None if none."""
    activity: int | None = None
    """For a timed part of the meeting from `meetings[].activities` (a site tour, lunch): its position
    there, from 1 (its key is "activity-1", "activity-2"...); None for a standard item."""


def allocate_minutes(
    duration: int, weights: dict[str, float], capped: str | None = None, cap_share: float = CAP_SHARE
) -> dict[str, int]:
    """Share `duration` minutes between the keys of `weights`, in proportion to the weights.

    Slots are whole multiples of 5 minutes when the duration is a multiple of 5
    and gives every item at least 5 minutes, else whole minutes. Every item gets
    at least 5 minutes (1 when there is not enough time for that). The `capped`
    item gets at most `cap_share` of the duration; its excess goes to the
    others. Rounding is by largest remainder, so the slots add up to `duration`.
    """
    n = len(weights)
    if n == 0:
        return {}
    if duration < n:
        raise ValueError(f"{duration} minutes cannot hold {n} agenda items")
    minimum = 5 if duration >= 5 * n else 1
    unit = 5 if minimum == 5 and duration % 5 == 0 else 1
    units, min_units = duration // unit, minimum // unit
    caps = {capped: max(min_units, math.floor(duration * cap_share / unit + 1e-9))} if capped else {}

    # Water-filling: pin items below the minimum or above their cap, share the rest, repeat.
    fixed: dict[str, int] = {}
    ideal: dict[str, Fraction] = {}
    while True:
        free = [k for k in weights if k not in fixed]
        remaining = units - sum(fixed.values())
        if not free:
            break
        total = sum(Fraction(weights[k]) for k in free)
        ideal = {
            k: remaining * Fraction(weights[k]) / total if total else Fraction(remaining, len(free)) for k in free
        }
        low = {k: min_units for k in free if ideal[k] < min_units}
        high = {k: caps[k] for k in free if k in caps and ideal[k] > caps[k]}
        if not (low or high):
            break
        fixed.update(low or high)

    shares = {k: math.floor(v) for k, v in ideal.items() if k not in fixed}
    spare = units - sum(fixed.values()) - sum(shares.values())
    order = list(weights)
    if shares:
        by_remainder = sorted(shares, key=lambda k: (-(ideal[k] - shares[k]), -weights[k], order.index(k)))
        for k in by_remainder[:spare]:
            shares[k] += 1
    elif spare:  # every item pinned: the cap cannot be honoured, give the rest to the heaviest item
        heaviest = max(order, key=lambda k: (weights[k], -order.index(k)))
        fixed[heaviest] += spare
    result = fixed | shares
    return {k: result[k] * unit for k in order}


def meeting_start(meeting: Meeting) -> dt.time:
    """`meetings[].start` as a time."""
    hours, minutes = meeting.start.split(":")
    return dt.time(int(hours), int(minutes))


def meeting_end(meeting: Meeting) -> dt.time:
    """Start + `duration_minutes` (wraps past midnight)."""
    start = dt.datetime.combine(meeting.date, meeting_start(meeting))
    return (start + dt.timedelta(minutes=meeting.duration_minutes)).time()


def _schedule(meeting: Meeting, items: tuple[_Item, ...] | list[_Item], capped: str,
              activities: bool = True) -> list[AgendaItem]:
    """Time slots for `items` and, when `activities`, the meeting's own timed activities: each goes after
    the item it names (else last) and keeps its minutes; the items share the rest of the duration."""
    extra = list(enumerate(meeting.activities, 1)) if activities else []
    keys = {i.key for i in items}
    taken = sum(a.minutes for _, a in extra)
    minutes = allocate_minutes(meeting.duration_minutes - taken, {i.key: i.weight for i in items}, capped=capped)

    def timed(after) -> list[tuple[str, str, str, int, str | None, int | None]]:
        return [(f"activity-{n}", a.title, a.purpose or "", a.minutes, None, n) for n, a in extra if after(a.after)]

    order: list[tuple[str, str, str, int, str | None, int | None]] = []
    for item in items:
        order.append((item.key, item.title, item.purpose, minutes[item.key], item.section, None))
        order += timed(lambda key: key == item.key)
    order += timed(lambda key: key not in keys)
    at = dt.datetime.combine(meeting.date, meeting_start(meeting))
    agenda = []
    for key, title, purpose, length, section, activity in order:
        end = at + dt.timedelta(minutes=length)
        agenda.append(AgendaItem(key, title, purpose, at.time(), end.time(), length, section, activity))
        at = end
    return agenda


def qbr_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The customer review agenda; the company item only when `first_time_senior`. Year to date ≤ 30%."""
    items = [i for i in _QBR_ITEMS if i.key != "company" or meeting.first_time_senior]
    return _schedule(meeting, items, capped="ytd")


def internal_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The internal review agenda: past, future, assess, learn. Past ≤ 30%."""
    return _schedule(meeting, _INTERNAL_ITEMS, capped="past", activities=meeting.type == "internal_review")


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The agenda for `meeting`'s type."""
    return qbr_agenda(meeting) if meeting.type == "qbr" else internal_agenda(meeting)


# -- choosing meetings ---------------------------------------------------------

def default_meeting(plan: Plan, today: dt.date) -> Meeting | None:
    """The next QBR on or after `today`; else the latest QBR; else the first meeting listed; else None.

    Of several meetings on the same date, the first listed wins.
    """
    qbrs = [m for m in plan.meetings if m.type == "qbr"]
    upcoming = [m for m in qbrs if m.date >= today]
    if upcoming:
        return min(upcoming, key=lambda m: m.date)
    if qbrs:
        return max(qbrs, key=lambda m: m.date)
    return plan.meetings[0] if plan.meetings else None


def previous_meeting(plan: Plan, meeting: Meeting) -> Meeting | None:
    """The latest meeting of the same type dated before `meeting` (of ties, the first listed)."""
    earlier = [m for m in plan.meetings if m.type == meeting.type and m.date < meeting.date]
    return max(earlier, key=lambda m: m.date) if earlier else None


def next_quarter(d: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter after the one containing `d`."""
    first_month = 3 * ((d.month - 1) // 3) + 4
    year = d.year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    start = dt.date(year, first_month, 1)
    following = dt.date(year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def preparing_review(plan: Plan, meeting: Meeting) -> Meeting | None:
    """The internal review that prepares the QBR `meeting`: the latest one dated on or before it and
    after the QBR before it; None when the plan has none."""
    before = previous_meeting(plan, meeting)
    since = before.date if before is not None else dt.date.min
    reviews = [m for m in plan.meetings if m.type == "internal_review" and since < m.date <= meeting.date]
    return max(reviews, key=lambda m: m.date) if reviews else None
