"""The meeting and its preparation steps as an iCalendar file (RFC 5545): `<slug>-<meeting-id>.ics`.

One VEVENT for the meeting (start, end, venue, the attendees' names in the
description and, for those with an e-mail address, as ATTENDEE properties) and
one all-day VEVENT per preparation step (D-30 to D-1, `timeline.preparation_timeline`).

Deterministic: UIDs are built from the account slug, the meeting id and the
item ("meeting", "d-30"...), never random; DTSTAMP is `chartdata.fixed_timestamp()`
in UTC; the `icalendar` library writes CRLF line endings and folds long lines.

Times are *floating* local times (no TZID, no trailing Z). The plan records a
start time but no time zone, and the venue's zone cannot be guessed reliably
from the locale or the currency. Google Calendar, Outlook and Apple Calendar
all read a floating time as the wall-clock time of the calendar it is imported
into, which is what "10:00 at the venue" means for people in the venue's zone;
a TZID would need a VTIMEZONE block for a zone the plan does not give, and
guessing it wrongly shifts the meeting for everyone. The cost: someone
importing from another time zone sees the venue's wall-clock time, not their
own. The preparation steps are all-day dates (VALUE=DATE), which no zone shifts.

No METHOD property: this is a calendar to import, not an invitation (iTIP), so
importing it never sends anything to the attendees.
"""

from __future__ import annotations

import re

import datetime as dt

from icalendar import Calendar, Event, vCalAddress, vText

from kapdocs import __version__
from kapdocs.naming import slug
from kapdocs.render.chartdata import fixed_timestamp

from .pack import MeetingPack, Person

PRODID = f"-//kapdocs//kapdocs {__version__}//EN"
"""Identifies the program that wrote the calendar (RFC 5545 §3.7.3)."""

UID_DOMAIN = "kapdocs.invalid"
"""Right-hand side of every UID: a reserved domain, so that no real host's UIDs can collide."""


def uid(pack: MeetingPack, item: str) -> str:
    """A stable UID: `<account slug>-<meeting id slug>-<item>@kapdocs.invalid`."""
    return f"{slug(pack.plan.account.name)}-{slug(pack.meeting.id, 'meeting')}-{item}@{UID_DOMAIN}"


def _stamp() -> dt.datetime:
    return fixed_timestamp().replace(tzinfo=dt.timezone.utc)


def _people(heading: str, people: list[Person]) -> list[str]:
    return [f"{heading}:", *(f"- {p.label}" for p in people)] if people else []


def _meeting_event(pack: MeetingPack) -> Event:
    m = pack.meeting
    start = dt.datetime.combine(m.date, pack.start)
    lines = [f"{pack.kind} with {pack.plan.account.name}."]
    if m.objectives:
        lines += ["", "Objectives:", *(f"- {o}" for o in m.objectives)]
    lines += [""] + _people(pack.plan.account.name, pack.theirs) + _people(pack.parties.our_side, pack.ours)
    if pack.apologies:
        lines += ["Apologies: " + "; ".join(p.name for p in pack.apologies)]
    lines += ["", "The agenda comes with this invitation."]

    event = Event()
    event.add("uid", uid(pack, "meeting"))
    event.add("dtstamp", _stamp())
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=m.duration_minutes))  # DTEND: read by every calendar app
    event.add("summary", pack.title)
    if m.venue:
        event.add("location", m.venue)
    event.add("description", "\n".join(lines))
    event.add("categories", [pack.kind])
    event.add("transp", "OPAQUE")
    event.add("sequence", 0)
    organiser = pack.organiser
    if organiser is not None and _mailbox(organiser.email):  # RFC 5545: ATTENDEE needs an ORGANIZER
        event.add("organizer", _address(organiser, organiser=True))
        for person in pack.theirs + pack.ours:
            if _mailbox(person.email):
                event.add("attendee", _address(person))
    return event


_MAILBOX = re.compile(r"^[^@\s<>\"(),;:\\]+@[^@\s<>\"(),;:\\]+\.[^@\s<>\"(),;:\\]+$")


def _param(text: str) -> str:
    """`text` as a parameter value: RFC 5545 allows no double quote or line break there."""
    return " ".join(text.replace('"', "'").split())


def _mailbox(email: str | None) -> bool:
    """Whether `email` is a plain address a calendar can invite (plan text is not trusted)."""
    return bool(email) and _MAILBOX.match(email) is not None


def _address(person: Person, *, organiser: bool = False) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(_param(person.name))
    if not organiser:
        address.params["cutype"] = vText("INDIVIDUAL")
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
    return address


def _step_event(pack: MeetingPack, step, fmt) -> Event:
    event = Event()
    event.add("uid", uid(pack, step.label.lower()))
    event.add("dtstamp", _stamp())
    event.add("dtstart", step.date)
    event.add("dtend", step.date + dt.timedelta(days=1))  # all-day: the end date is exclusive
    event.add("summary", f"{step.label} {pack.plan.account.name}: {step.task}")
    event.add("description", f"{step.task}\n\nPreparation for {pack.title} on {fmt.long_date(pack.meeting.date)}"
                             f" at {fmt.time(pack.start)}.")
    event.add("categories", [pack.kind, "Preparation"])
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    event.add("sequence", 0)
    return event


def calendar_bytes(pack: MeetingPack, fmt) -> bytes:
    """The .ics file for `pack`: the meeting, then its preparation steps, earliest first."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _param(f"{pack.plan.account.name}: {pack.title}"))  # an X- property is not escaped
    cal.add_component(_meeting_event(pack))
    for step in pack.preparation:
        cal.add_component(_step_event(pack, step, fmt))
    return cal.to_ical()
