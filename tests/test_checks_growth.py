"""Site trends (kapdocs.analysis.growth): the run-rate behind the "every site grows" check."""

from __future__ import annotations

from kapdocs.analysis import performance
from kapdocs.analysis.growth import period_months, plan_months, site_trends
from kapdocs.model import Plan


def trends(records, sites=("york",), period=True, **site_fields):
    data = {
        "account": {"name": "Kestrel Bakeries Ltd"},
        "sites": [{"id": s, "name": s.title(), **site_fields} for s in sites],
        "performance": records,
    }
    if period:
        data["plan"] = {"period": {"start": "2026-01-01", "end": "2026-12-31"}}
    plan = Plan.model_validate(data)
    return site_trends(plan, performance(plan))


def test_period_lengths():
    # a year, a half, a quarter and a month
    assert [period_months(p) for p in ("2026", "2026-H2", "2026-Q3", "2026-07")] == [12, 6, 3, 1]


def test_plan_months_counts_whole_months():
    plan = Plan.model_validate({"account": {"name": "A"}, "plan": {"period": {"start": "2026-04-01",
                                                                              "end": "2026-09-30"}}})
    assert plan_months(plan) == 6
    # no period, no length
    assert plan_months(Plan.model_validate({"account": {"name": "A"}})) is None


def test_run_rate_scales_actuals_to_the_plan_period():
    (t,) = trends([
        {"period": "2026-Q1", "site": "york", "volume_target": 300, "volume_actual": 310},
        {"period": "2026-Q2", "site": "york", "volume_target": 300, "volume_actual": 290},
        {"period": "2026-Q3", "site": "york", "volume_target": 350},
    ])
    # 600 in six months runs at 1,200 a year; the full target is the sum of the records' targets (950)
    assert (t.measure, t.run_rate, t.target) == ("volume", 1200, 950)
    # a target below the run-rate is not growth
    assert t.growing is False


def test_target_above_run_rate_is_growth():
    (t,) = trends([{"period": "2026-Q1", "site": "york", "volume_actual": 250}], volume_target=1200)
    # 250 a quarter runs at 1,000; the site's own target of 1,200 asks for more
    assert (t.run_rate, t.target, t.growing) == (1000, 1200, True)


def test_without_a_plan_period_the_records_stand_for_it():
    (t,) = trends([
        {"period": "2026-Q1", "site": "york", "volume_target": 100, "volume_actual": 100},
        {"period": "2026-Q2", "site": "york", "volume_target": 120},
    ], period=False)
    # the two quarters on record are the period: 100 in one quarter runs at 200 over two
    assert t.run_rate == 200


def test_before_any_actual_rising_targets_are_growth():
    rising = trends([{"period": f"2026-Q{q}", "site": "york", "volume_target": 100 + q} for q in (1, 2, 3)])
    flat = trends([{"period": f"2026-Q{q}", "site": "york", "volume_target": 100} for q in (1, 2, 3)])
    # targets going up every quarter are a growth forecast; flat ones are not
    assert (rising[0].run_rate, rising[0].growing) == (None, True)
    assert flat[0].growing is False


def test_profit_when_there_is_no_volume():
    (t,) = trends([{"period": "2026-H1", "site": "york", "profit_target": 50, "profit_actual": 40}])
    # the measure falls back to profit; 40 in six months runs at 80 a year
    assert (t.measure, t.run_rate) == ("profit", 80)


def test_sites_without_figures_have_no_trend():
    # a site with no records, or records without figures, is not judged
    assert trends([], sites=("york", "leeds")) == []
    assert trends([{"period": "2026-Q1", "site": "york"}]) == []
