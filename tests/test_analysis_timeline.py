"""Meetings: preparation dates, agenda time slots, and which meeting to prepare."""

import datetime as dt

import pytest

from kapdocs.analysis import (
    AFTER_MEETING, agenda, allocate_minutes, default_meeting, internal_agenda, meeting_end, next_quarter,
    preparation_timeline, previous_meeting, previous_working_day, qbr_agenda,
)
from kapdocs.model import Meeting, Plan

QBR_KEYS = ["agenda", "last_actions", "ytd", "objectives", "initiatives", "supply", "upcoming",
            "insights", "new_business", "action_log", "next_quarter"]


def qbr(**more) -> Meeting:
    return Meeting.model_validate({"id": "q", "date": "2026-12-07", **more})


def test_previous_working_day():
    # Saturday 7 March 2026 and Sunday 8 March move back to Friday 6 March
    assert previous_working_day(dt.date(2026, 3, 7)) == dt.date(2026, 3, 6)
    assert previous_working_day(dt.date(2026, 3, 8)) == dt.date(2026, 3, 6)
    # Monday 9 March and Friday 6 March stay
    assert previous_working_day(dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)
    assert previous_working_day(dt.date(2026, 3, 6)) == dt.date(2026, 3, 6)


def test_preparation_dates_move_off_weekends():
    steps = preparation_timeline(qbr())  # Monday 7 December 2026
    assert [(s.offset_days, s.label) for s in steps] == [
        (-30, "D-30"), (-15, "D-15"), (-5, "D-5"), (-3, "D-3"), (-1, "D-1")]
    assert [s.date for s in steps] == [
        dt.date(2026, 11, 6),   # D-30 is Saturday 7 November: back to Friday 6
        dt.date(2026, 11, 20),  # D-15 is Sunday 22 November: back to Friday 20
        dt.date(2026, 12, 2),   # D-5 is Wednesday 2 December: unchanged
        dt.date(2026, 12, 4),   # D-3 is Friday 4 December: unchanged
        dt.date(2026, 12, 4),   # D-1 is Sunday 6 December: back to Friday 4
    ]
    # D-3 sends the plan and the brief to our participants
    assert "meeting brief" in steps[3].task


def test_internal_review_preparation_speaks_to_the_core_team():
    steps = preparation_timeline(qbr(type="internal_review"))
    # same five steps and dates as a QBR on the same day
    assert [s.date for s in steps] == [s.date for s in preparation_timeline(qbr())]
    # but the invitation goes to the core team
    assert "core team" in steps[0].task


def test_after_meeting_checklist():
    # minutes, call report, plan update, filing
    assert len(AFTER_MEETING) == 4
    assert "same day" in AFTER_MEETING[0]


def test_qbr_agenda_items_in_order_company_only_for_first_time_seniors():
    # the eleven standard items
    assert [i.key for i in qbr_agenda(qbr())] == QBR_KEYS
    # senior people attending for the first time add the company overview after year to date
    assert [i.key for i in qbr_agenda(qbr(first_time_senior=True))] == (
        QBR_KEYS[:3] + ["company"] + QBR_KEYS[3:])


def test_one_hour_qbr():
    items = qbr_agenda(qbr(start="10:00", duration_minutes=60))
    # 12 five-minute units for 11 items: upcoming, the heaviest, gets two, every other item one
    assert {i.key: i.minutes for i in items} == {k: 10 if k == "upcoming" else 5 for k in QBR_KEYS}
    # slots start at 10:00 and the last ends at 11:00
    assert (items[0].start, items[-1].end) == (dt.time(10, 0), dt.time(11, 0))


@pytest.mark.parametrize("duration", [15, 60, 90, 120, 600])
@pytest.mark.parametrize("first_time_senior", [False, True])
def test_slots_fill_the_meeting_exactly(duration, first_time_senior):
    meeting = qbr(start="09:30", duration_minutes=duration, first_time_senior=first_time_senior)
    items = qbr_agenda(meeting)
    # largest-remainder rounding: the slots add up to the duration
    assert sum(i.minutes for i in items) == duration
    # contiguous from the start to the end of the meeting
    assert items[0].start == dt.time(9, 30)
    assert all(a.end == b.start for a, b in zip(items, items[1:]))
    assert items[-1].end == meeting_end(meeting)


def test_slot_rules_hold_for_every_duration():
    for duration in range(15, 601):
        for meeting in (qbr(duration_minutes=duration, first_time_senior=True),
                        qbr(duration_minutes=duration, type="internal_review")):
            items = agenda(meeting)
            minutes = [i.minutes for i in items]
            # the whole duration is used, no more
            assert sum(minutes) == duration
            # five minutes each when there is room, at least one otherwise
            assert min(minutes) >= (5 if duration >= 5 * len(items) else 1)
            # whole five-minute slots when the duration allows it
            if duration % 5 == 0 and duration >= 5 * len(items):
                assert all(m % 5 == 0 for m in minutes)
            # looking back never takes more than 30% of the time
            backward = next(i for i in items if i.key in ("ytd", "past"))
            assert backward.minutes <= 0.3 * duration
            # the upcoming initiatives (or the future) get the most time
            focus = next(i for i in items if i.key in ("upcoming", "future"))
            assert focus.minutes == max(minutes)


def test_future_facing_items_get_the_most_time():
    minutes = {i.key: i.minutes for i in qbr_agenda(qbr(duration_minutes=120))}
    future = sum(minutes[k] for k in ("upcoming", "insights", "new_business", "next_quarter"))
    past = sum(minutes[k] for k in ("last_actions", "ytd", "initiatives", "supply"))
    # 25 + 10 + 10 + 10 minutes ahead against 10 + 10 + 10 + 10 behind
    assert (future, past) == (55, 40)


def test_the_capped_item_gives_its_excess_to_the_others():
    # ytd would take 10/12 of 60 minutes; 30% is 18, rounded down to 15 in five-minute slots;
    # the other 45 minutes are shared 1:1, the odd five minutes going to the first listed
    assert allocate_minutes(60, {"ytd": 10, "a": 1, "b": 1}, capped="ytd") == {"ytd": 15, "a": 25, "b": 20}
    # 61 minutes cannot be cut in fives: the cap is 18 whole minutes, 43 left for a and b
    assert allocate_minutes(61, {"ytd": 10, "a": 1, "b": 1}, capped="ytd") == {"ytd": 18, "a": 22, "b": 21}


def test_internal_agenda():
    items = internal_agenda(qbr(type="internal_review", start="14:00", duration_minutes=60))
    assert [i.key for i in items] == ["past", "future", "assess", "learn"]
    # weights 3:5:3:2 over 12 five-minute units, by largest remainder
    assert [i.minutes for i in items] == [15, 20, 15, 10]
    # 14:00 to 15:00
    assert (items[0].start, items[-1].end) == (dt.time(14, 0), dt.time(15, 0))
    # agenda() dispatches on the meeting type
    assert agenda(qbr(type="internal_review")) == internal_agenda(qbr(type="internal_review"))


def test_meeting_end():
    # 10:00 plus 120 minutes
    assert meeting_end(qbr(start="10:00", duration_minutes=120)) == dt.time(12, 0)


MEETINGS_PLAN = Plan.model_validate({
    "account": {"name": "Northwind Foods plc"},
    "meetings": [
        {"id": "ir-q2", "type": "internal_review", "date": "2026-06-01"},
        {"id": "qbr-q1", "date": "2026-03-10"},
        {"id": "qbr-q3", "date": "2026-09-10"},
        {"id": "qbr-q2", "date": "2026-06-10"},
        {"id": "ir-q3", "type": "internal_review", "date": "2026-09-01"},
    ],
})


def test_default_meeting():
    # the next QBR on or after today, whatever the listing order
    assert default_meeting(MEETINGS_PLAN, dt.date(2026, 4, 1)).id == "qbr-q2"
    # on the day itself
    assert default_meeting(MEETINGS_PLAN, dt.date(2026, 9, 10)).id == "qbr-q3"
    # all QBRs past: the latest one
    assert default_meeting(MEETINGS_PLAN, dt.date(2027, 1, 1)).id == "qbr-q3"
    # no QBR at all: the first meeting listed
    reviews_only = MEETINGS_PLAN.model_copy(
        update={"meetings": [m for m in MEETINGS_PLAN.meetings if m.type == "internal_review"]})
    assert default_meeting(reviews_only, dt.date(2026, 1, 1)).id == "ir-q2"
    # no meeting at all
    assert default_meeting(Plan.model_validate({"account": {"name": "X"}}), dt.date(2026, 1, 1)) is None


def test_previous_meeting():
    # the latest QBR before Q3's, ignoring the internal reviews in between
    assert previous_meeting(MEETINGS_PLAN, MEETINGS_PLAN.meeting("qbr-q3")).id == "qbr-q2"
    # the first internal review has none before it
    assert previous_meeting(MEETINGS_PLAN, MEETINGS_PLAN.meeting("ir-q2")) is None


def test_next_quarter():
    # 12 February is in Q1: next is Q2
    assert next_quarter(dt.date(2026, 2, 12)) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    # Q3 to Q4
    assert next_quarter(dt.date(2026, 9, 30)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    # Q4 rolls over into the next year
    assert next_quarter(dt.date(2026, 11, 3)) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
