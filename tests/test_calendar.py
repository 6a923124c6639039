"""The meeting pack's calendar: the meeting and its preparation steps, as an RFC 5545 .ics file.

Each file is parsed back with the `icalendar` library, as a calendar app would read it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from kapdocs import api
from kapdocs.fmt import Formatter
from kapdocs.model import Plan
from kapdocs.render import Options, renderer
from kapdocs.render.minutes_docx.calendar import calendar_bytes
from kapdocs.view import build_view, meeting_audience

TODAY = dt.date(2026, 11, 25)

WEEKEND_PLAN = {  # Monday 7 December 2026: D-30, D-15 and D-1 fall on a weekend
    "account": {"name": "Harbour Logistics Ltd", "key_account_manager": "mdoyle"},
    "team": [{"id": "mdoyle", "name": "Maeve Doyle", "title": "Key Account Manager", "email": "maeve@example.com"},
             {"id": "fbrennan", "name": "Fergal Brennan", "title": "Solutions Engineer"}],
    "contacts": [{"id": "ckeane", "name": "Ciara Keane, PhD; Ops", "title": "Operations Director",
                  "email": "ciara@harbour.example"}],
    "meetings": [{"id": "qbr-dec", "date": "2026-12-07", "start": "23:30", "duration_minutes": 60,
                  "venue": "Dublin port depot, gate 3; yard office", "attendees": ["mdoyle", "fbrennan", "ckeane"]}],
}


def ics(plan: Plan, meeting: str, tmp_path=None) -> bytes:
    """The calendar of `meeting`: written by the renderer into `tmp_path`, else built in memory (faster)."""
    if tmp_path is not None:
        paths = api.render(plan, [renderer("minutes")], tmp_path, Options(today=TODAY, meeting=meeting))
        return paths[2].read_bytes()
    found = plan.meeting(meeting)
    pack = build_view(plan, meeting_audience(found), TODAY, found).meeting
    return calendar_bytes(pack, Formatter())


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


@pytest.fixture(scope="module")
def northwind(rich_plan, tmp_path_factory) -> bytes:
    return ics(rich_plan, "qbr-2026-q4", tmp_path_factory.mktemp("ics"))


@pytest.fixture(scope="module")
def weekend() -> bytes:
    return ics(Plan.model_validate(WEEKEND_PLAN), "qbr-dec")


def test_the_calendar_parses_and_names_its_producer(northwind):
    calendar = Calendar.from_ical(northwind)
    # a version 2.0 iCalendar object from kapdocs
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//kapdocs//")
    # a calendar to import, not an invitation: importing it never e-mails the attendees
    assert "METHOD" not in calendar
    # the meeting, then the five preparation steps
    assert [str(e["SUMMARY"]).split(" ")[0] for e in events(northwind)][1:] == ["D-30", "D-15", "D-5", "D-3", "D-1"]


def test_the_meeting_event(northwind, rich_plan):
    meeting = events(northwind)[0]
    # floating local time: 10:00 on the day, whatever the importing calendar's zone
    assert meeting.decoded("DTSTART") == dt.datetime(2026, 12, 10, 10, 0)
    assert meeting.decoded("DTSTART").tzinfo is None
    # the end is the start plus the duration (120 minutes)
    assert meeting.decoded("DTEND") - meeting.decoded("DTSTART") == dt.timedelta(minutes=120)
    assert str(meeting["SUMMARY"]) == "Northwind and Meridian annual business review 2026"
    assert str(meeting["LOCATION"]) == "Northwind Foods HQ, Humber House, 1 Quay Street, Hull (boardroom)"
    description = str(meeting["DESCRIPTION"])
    # every attendee's name is in the description, on both sides
    for person_id in rich_plan.meeting("qbr-2026-q4").attendees:
        assert rich_plan.person_name(person_id) in description
    # and the objectives
    assert "Open the conversation on a three-year group supply agreement" in description


def test_attendees_with_an_address_are_attendees_the_kam_organises(northwind, rich_plan):
    meeting = events(northwind)[0]
    attendees = meeting.get("ATTENDEE")
    names = [a.params["CN"] for a in attendees]
    # one ATTENDEE per invitee with an e-mail address, named: the customer's side, then ours
    assert names == ["Catherine Whitfield", "Graham Harrison", "Pat Brown", "Nicola Wright", "James Lawson",
                     "Hannah Morgan", "Joanna Smith", "Alistair King", "Ravi Patel", "Siân Davies", "Eleanor Hughes"]
    assert set(names) == {rich_plan.person_name(i) for i in rich_plan.meeting("qbr-2026-q4").attendees
                          if (rich_plan.member(i) or rich_plan.contact(i)).email}
    # RFC 5545 requires an organiser with attendees: the key account manager
    assert str(meeting["ORGANIZER"]) == "mailto:joanna.smith@meridian-ingredients.example"
    # apologies are not invited
    assert "Farah Ahmed" not in names


def test_preparation_steps_are_all_day_events_off_weekends(weekend):
    steps = events(weekend)[1:]
    # Monday 7 Dec 2026: D-30 (Sat), D-15 (Sun) and D-1 (Sun) move to the Friday before
    assert [s.decoded("DTSTART") for s in steps] == [
        dt.date(2026, 11, 6), dt.date(2026, 11, 20), dt.date(2026, 12, 2), dt.date(2026, 12, 4), dt.date(2026, 12, 4)]
    for step in steps:
        # all-day: a date, ending (exclusively) the next day
        assert type(step.decoded("DTSTART")) is dt.date
        assert step.decoded("DTEND") - step.decoded("DTSTART") == dt.timedelta(days=1)
        # a reminder, not busy time
        assert str(step["TRANSP"]) == "TRANSPARENT"
    # each says what to do
    assert "Invite everyone" in str(steps[0]["SUMMARY"])


def test_a_meeting_that_runs_past_midnight(weekend):
    meeting = events(weekend)[0]
    # 23:30 for an hour ends at 00:30 the next day
    assert meeting.decoded("DTEND") == dt.datetime(2026, 12, 8, 0, 30)


def test_text_with_commas_and_semicolons_round_trips(weekend):
    meeting = events(weekend)[0]
    # escaped by the library, read back as typed
    assert str(meeting["LOCATION"]) == "Dublin port depot, gate 3; yard office"
    assert "Ciara Keane, PhD; Ops, Operations Director" in str(meeting["DESCRIPTION"])
    assert [a.params["CN"] for a in meeting.get("ATTENDEE")] == ["Ciara Keane, PhD; Ops", "Maeve Doyle"]


def test_uids_are_stable_and_unique(northwind, rich_plan):
    uids = [str(e["UID"]) for e in events(northwind)]
    # built from the account slug, the meeting id and the item: no random UUIDs
    assert uids == [f"northwind-foods-plc-qbr-2026-q4-{item}@kapdocs.invalid"
                    for item in ("meeting", "d-30", "d-15", "d-5", "d-3", "d-1")]
    # another meeting of the same plan gets other UIDs
    other = [str(e["UID"]) for e in events(ics(rich_plan, "qbr-2027-q1"))]
    assert not set(uids) & set(other)


def test_output_is_deterministic(northwind, rich_plan, tmp_path):
    # written again, byte for byte the same
    assert ics(rich_plan, "qbr-2026-q4", tmp_path) == northwind
    # DTSTAMP is the build date (the date taken as today), in UTC: the same inputs, the same bytes
    assert {e.decoded("DTSTAMP") for e in events(northwind)} == {
        dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc)}


def test_dtstamp_follows_source_date_epoch(rich_plan, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    pack = build_view(rich_plan, "customer", TODAY, "qbr-2026-q4").meeting
    stamp = events(calendar_bytes(pack, Formatter()))[0].decoded("DTSTAMP")
    # a reproducible build's timestamp, in UTC
    assert stamp == dt.datetime.fromtimestamp(1790000000, dt.timezone.utc)


def test_crlf_line_endings_and_folded_lines(northwind):
    lines = northwind.split(b"\r\n")
    # every line ends with CRLF (the last split piece is empty), no bare LF
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    # lines are folded at 75 octets, continuation lines start with a space
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)


def test_internal_review_invites_the_core_team_only(rich_plan):
    data = ics(rich_plan, "ir-2026-11")
    meeting = events(data)[0]
    # the internal review's own date and time
    assert meeting.decoded("DTSTART") == dt.datetime(2026, 11, 19, 14, 0)
    # only our team attends
    assert all(str(a).endswith("@meridian-ingredients.example") for a in meeting.get("ATTENDEE"))
    # the preparation steps speak to the core team
    assert "core team" in str(events(data)[1]["DESCRIPTION"])


def test_without_addresses_names_stay_in_the_description():
    plan = Plan.model_validate({**WEEKEND_PLAN, "team": [{"id": "mdoyle", "name": "Maeve Doyle"},
                                                        {"id": "fbrennan", "name": "Fergal Brennan"}]})
    meeting = events(ics(plan, "qbr-dec"))[0]
    # no organiser address: no ATTENDEE either (RFC 5545 would need an ORGANIZER)
    assert "ORGANIZER" not in meeting and "ATTENDEE" not in meeting
    # everyone is still named
    assert all(name in str(meeting["DESCRIPTION"]) for name in ("Maeve Doyle", "Fergal Brennan", "Ciara Keane"))


def test_plan_text_is_never_ics_syntax():
    venue = "Room 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
    plan = Plan.model_validate({**WEEKEND_PLAN, "meetings": [{**WEEKEND_PLAN["meetings"][0], "venue": venue}]})
    data = ics(plan, "qbr-dec")
    # a line break in plan text cannot start a new property or component
    assert len(events(data)) == 6
    assert not re.search(rb"^SUMMARY:injected", data, re.MULTILINE)


@pytest.mark.parametrize("name", ["Line one\nline two", "Carriage\rreturn", 'Quote " inside'])
def test_names_with_line_breaks_or_quotes_make_a_valid_calendar(tmp_path, name):
    from kapdocs import api
    from kapdocs.render import Options, renderer

    plan = Plan.model_validate({
        "account": {"name": name, "key_account_manager": "kam"},
        "team": [{"id": "kam", "name": name, "email": "kam@example.com"}],
        "meetings": [{"id": "m1", "date": "2026-12-10", "attendees": ["kam"]}],
    })
    written = api.render(plan, [renderer("minutes")], tmp_path, Options(today=dt.date(2026, 11, 25)))
    ics = next(p for p in written if p.suffix == ".ics")
    # the calendar parses, and the name survives on one line
    calendar = Calendar.from_ical(ics.read_bytes())
    assert " ".join(name.replace('"', "'").split()) in str(calendar.get("x-wr-calname"))
