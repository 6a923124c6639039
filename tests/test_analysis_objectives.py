"""Objective status on a date: met, on track, at risk, missed, no reading yet (hand-computed examples)."""

from __future__ import annotations

import datetime as dt

from kapdocs.analysis.objectives import objective_standings
from kapdocs.model import Plan

TODAY = dt.date(2026, 7, 2)  # half-way through a calendar-year plan


def plan(*objectives: dict) -> Plan:
    return Plan.model_validate({"account": {"name": "Acme"}, "plan": {"period": {"start": "2026-01-01",
                                                                                  "end": "2026-12-31"}},
                                "objectives": {"smart": [{"id": f"o{i}", "text": "x", **o}
                                                         for i, o in enumerate(objectives)]}})


def status(**objective) -> str:
    return objective_standings(plan(objective), TODAY)[0].status


def test_met_when_the_reading_reaches_the_target_either_way():
    assert status(baseline=100, target=120, current=125, due="2026-12-31") == "met"
    # a measure that must come down (lead time from 5 to 3 days) is met at 3 or below
    assert status(baseline=5, target=3, current=3, due="2026-12-31") == "met"


def test_missed_after_the_due_date_without_the_target():
    assert status(baseline=94, target=98, current=96, due="2026-06-30") == "missed"


def test_at_risk_when_progress_trails_time_by_more_than_fifteen_points():
    # half the year gone (50%): 30% of the way is 20 points behind, at risk; 40% is 10 behind, on track
    assert status(baseline=100, target=200, current=130, due="2026-12-31") == "at_risk"
    assert status(baseline=100, target=200, current=140, due="2026-12-31") == "on_track"


def test_no_reading_yet():
    assert status(baseline=100, target=200, due="2026-12-31") == "no_reading"
    assert status(current=5, due="2026-12-31") == "no_reading"  # no target to judge by


def test_progress_is_the_share_of_the_way():
    [standing] = objective_standings(plan({"baseline": 100, "target": 200, "current": 175}), TODAY)
    assert standing.progress == 0.75 and standing.status == "on_track"  # undated: never at risk of lateness
