"""Performance figures: per period, per site, year to date and the gap still to find."""

import pytest

from kapdocs.analysis import performance, period_key
from kapdocs.model import Plan


def make_plan(**sections) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, **sections})


# Hull has its own full-year targets; York has none, so its full targets are the sum of its records.
# Q1 and Q2 have actuals (York's Q2 profit is not in yet); Q3 and Q4 are still in the future.
SITES_PLAN = make_plan(
    sites=[
        {"id": "hull", "name": "Hull plant", "volume_target": 6200, "profit_target": 950000},
        {"id": "york", "name": "York plant"},
    ],
    performance=[
        {"period": "2026-Q1", "site": "hull", "volume_target": 1500, "volume_actual": 1420,
         "profit_target": 220000, "profit_actual": 205000},
        {"period": "2026-Q2", "site": "hull", "volume_target": 1500, "volume_actual": 1600,
         "profit_target": 230000, "profit_actual": 240000},
        {"period": "2026-Q3", "site": "hull", "volume_target": 1500, "profit_target": 225000},
        {"period": "2026-Q4", "site": "hull", "volume_target": 1500, "profit_target": 225000},
        {"period": "2026-Q1", "site": "york", "volume_target": 500, "volume_actual": 450,
         "profit_target": 60000, "profit_actual": 50000},
        {"period": "2026-Q2", "site": "york", "volume_target": 500, "volume_actual": 520,
         "profit_target": 60000},
        {"period": "2026-Q3", "site": "york", "volume_target": 500, "profit_target": 60000},
        {"period": "2026-Q4", "site": "york", "volume_target": 500, "profit_target": 60000},
    ],
)


def test_periods_sort_by_start_month_and_longer_periods_first():
    plan = make_plan(performance=[
        {"period": p, "volume_target": 1}
        for p in ["2026-Q2", "2026", "2025-12", "2026-H1", "2026-01", "2026-Q1", "2026-02", "2026-H2"]
    ])
    # chronological by first month; a year comes before its half, quarter and month starting together
    assert [p.period for p in performance(plan).periods] == [
        "2025-12", "2026", "2026-H1", "2026-Q1", "2026-01", "2026-02", "2026-Q2", "2026-H2",
    ]
    # the key is (year, first month, -length in months)
    assert period_key("2026-Q3") == (2026, 7, -3)


def test_period_totals_add_up_the_sites():
    periods = {p.period: p for p in performance(SITES_PLAN).periods}
    q1 = periods["2026-Q1"]
    # Q1: Hull 1500 + York 500 targeted, 1420 + 450 achieved
    assert (q1.volume_target, q1.volume_actual) == (2000, 1870)
    # Q1 profit: 220000 + 60000 targeted, 205000 + 50000 achieved; gap 255000 - 280000
    assert (q1.profit_target, q1.profit_actual, q1.profit_gap) == (280000, 255000, -25000)
    # Q2 profit actual is Hull's alone: York's is not in yet, its target still counts in the period target
    assert (periods["2026-Q2"].profit_target, periods["2026-Q2"].profit_actual) == (290000, 240000)
    # Q3 has no actual at all: no actual, no gap, no achievement
    q3 = periods["2026-Q3"]
    assert (q3.volume_actual, q3.volume_gap, q3.volume_achievement) == (None, None, None)


def test_ytd_counts_only_records_with_an_actual():
    hull, york = performance(SITES_PLAN).sites
    # Hull YTD = Q1 + Q2: Q3 and Q4 are in the future
    assert (hull.ytd_volume_target, hull.ytd_volume_actual) == (3000, 3020)
    assert (hull.ytd_profit_target, hull.ytd_profit_actual) == (450000, 445000)
    # 445000 / 450000
    assert hull.profit_achievement == pytest.approx(0.98889, abs=1e-5)
    # 3020 - 3000
    assert hull.volume_gap == 20
    # York volume YTD = Q1 + Q2 (both have a volume actual) ...
    assert (york.ytd_volume_target, york.ytd_volume_actual) == (1000, 970)
    # ... but profit YTD is Q1 only: Q2 has no profit actual yet
    assert (york.ytd_profit_target, york.ytd_profit_actual) == (60000, 50000)


def test_full_targets_come_from_the_site_else_the_sum_of_its_records():
    perf = performance(SITES_PLAN)
    hull, york = perf.sites
    # Hull sets its own targets, which win over the 4 × 1500 and 880000 of its records
    assert (hull.full_volume_target, hull.full_profit_target) == (6200, 950000)
    # York sets none: 4 × 500 and 4 × 60000
    assert (york.full_volume_target, york.full_profit_target) == (2000, 240000)


def test_total_and_remaining_gaps():
    perf = performance(SITES_PLAN)
    total = perf.total
    assert (total.site_id, total.name) == (None, "Total")
    # YTD over every record with an actual: 3020 + 970, and 445000 + 50000
    assert (total.ytd_volume_actual, total.ytd_profit_actual) == (3990, 495000)
    # full targets are the rows' full targets: 6200 + 2000 and 950000 + 240000
    assert (total.full_volume_target, total.full_profit_target) == (8200, 1190000)
    # still to find: 1190000 - 495000 and 8200 - 3990
    assert perf.remaining_profit_gap == 695000
    assert perf.remaining_volume_gap == 4210
    # no record without a site, so no "Account (no site)" row
    assert [s.name for s in perf.sites] == ["Hull plant", "York plant"]


def test_records_without_a_site_get_their_own_row():
    plan = make_plan(
        sites=[{"id": "hull", "name": "Hull plant"}],
        performance=[
            {"period": "2026-H1", "profit_target": 500000, "profit_actual": 600000},
            {"period": "2026-H2", "profit_target": 500000},
        ],
    )
    perf = performance(plan)
    # the site row comes first even without records, then the account-level row
    assert [(s.site_id, s.name) for s in perf.sites] == [("hull", "Hull plant"), (None, "Account (no site)")]
    # the site has no records: zero targets and no actual
    assert (perf.sites[0].full_profit_target, perf.sites[0].ytd_profit_actual) == (0, None)
    # 600000 / 500000 achieved so far
    assert perf.sites[1].profit_achievement == pytest.approx(1.2)
    # 1000000 - 600000 still to find
    assert perf.remaining_profit_gap == 400000


def test_remaining_gap_never_goes_below_zero_and_zero_targets_have_no_achievement():
    plan = make_plan(performance=[
        {"period": "2026", "volume_target": 0, "volume_actual": 10, "profit_target": 100, "profit_actual": 150},
    ])
    perf = performance(plan)
    # 150 achieved against 100: nothing left to find, not -50
    assert perf.remaining_profit_gap == 0
    # a zero target has no meaningful achievement ratio, but the gap is still 10 - 0
    assert perf.total.volume_achievement is None
    assert perf.total.volume_gap == 10


def test_an_empty_plan_has_empty_figures():
    perf = performance(make_plan())
    # nothing recorded: no periods, no rows, zero totals and no actuals
    assert (perf.periods, perf.sites) == ([], [])
    assert (perf.total.full_profit_target, perf.total.ytd_profit_actual, perf.remaining_profit_gap) == (0, None, 0)


def test_as_of_a_date_actuals_of_periods_not_yet_begun_are_left_out():
    import datetime as dt

    from kapdocs.analysis.performance import performance as perf_of, period_start

    plan = Plan.model_validate({"account": {"name": "A"}, "performance": [
        {"period": "2026-Q1", "volume_target": 100, "volume_actual": 90},
        {"period": "2026-Q2", "volume_target": 100, "volume_actual": 120},
        {"period": "2026-Q3", "volume_target": 100, "volume_actual": 110},
    ]})
    # a QBR on 10 June 2026 saw Q1 and Q2 (in progress), not Q3: 90 + 120 against 200
    june = perf_of(plan, dt.date(2026, 6, 10)).total
    assert (june.ytd_volume_actual, june.ytd_volume_target) == (210, 200)
    # without a date, every actual counts
    assert perf_of(plan).total.ytd_volume_actual == 320
    assert period_start("2026-H2") == dt.date(2026, 7, 1) and period_start("2026") == dt.date(2026, 1, 1)
