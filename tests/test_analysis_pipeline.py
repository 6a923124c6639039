"""Pipeline figures: stage totals, weighted pipeline, coverage of the gap, Top 5 and Big 5."""

import pytest

from kapdocs.analysis import performance, pipeline
from kapdocs.model import STAGES, Plan


def make_plan(**sections) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, **sections})


def opp(id_, stage, value, close=None, probability=None, **more):
    return {"id": id_, "name": id_.upper(), "stage": stage, "value": value,
            "expected_close": close, "probability": probability, **more}


RANKING_PLAN = make_plan(opportunities=[
    opp("a", "analysis", 100, "2026-06-30"),
    opp("b", "prospect", 300, "2026-05-31"),
    opp("c", "negotiation", 200, "2026-05-31"),
    opp("d", "negotiation", 500, "2026-05-31"),
    opp("e", "suspect", 50),
    opp("f", "close", 80, "2026-09-30"),
    opp("g", "analysis", 900, "2026-07-31"),
    opp("h", "prospect", 100),
    opp("w1", "order", 5000, "2026-01-15"),
    opp("w2", "pay", 4000, "2026-02-01"),
])


def ids(opps):
    return [o.id for o in opps]


def test_top5_is_nearest_close_then_later_stage_then_larger_value():
    top5 = pipeline(RANKING_PLAN, performance(RANKING_PLAN)).top5
    # b, c, d all close on 31 May: negotiation before prospect, then d (500) before c (200);
    # then a (June), g (July); f (September) is sixth; undated e and h would come last;
    # won w1 and w2 close earliest but are no longer in the pipeline
    assert ids(top5) == ["d", "c", "b", "a", "g"]


def test_undated_opportunities_come_last_in_the_top5():
    plan = make_plan(opportunities=[opp("x", "close", 10), opp("y", "suspect", 10, "2030-01-01")])
    # an opportunity without an expected close cannot be "nearest to closing"
    assert ids(pipeline(plan, performance(plan)).top5) == ["y", "x"]


def test_big5_is_largest_open_value_ties_by_id():
    big5 = pipeline(RANKING_PLAN, performance(RANKING_PLAN)).big5
    # 900, 500, 300, 200, then a and h tie at 100: a wins on id; won w1 (5000) and w2 (4000) excluded
    assert ids(big5) == ["g", "d", "b", "c", "a"]


# Profit: 1000000 targeted over the year, 260000 + 270000 achieved so far: 470000 to find.
GAP_PERFORMANCE = [
    {"period": "2026-Q1", "profit_target": 250000, "profit_actual": 260000},
    {"period": "2026-Q2", "profit_target": 250000, "profit_actual": 270000},
    {"period": "2026-Q3", "profit_target": 250000},
    {"period": "2026-Q4", "profit_target": 250000},
]
GAP_OPPORTUNITIES = [
    opp("o1", "analysis", 400000, probability=0.4),
    opp("o2", "negotiation", 100000, probability=0.75),
    opp("o3", "suspect", 50000),
    opp("o4", "order", 200000, probability=1.0),
    opp("o5", "prospect", 30000, probability=0.1, share_with_customer=False),
]


def test_weighted_pipeline_and_coverage_of_the_gap():
    plan = make_plan(performance=GAP_PERFORMANCE, opportunities=GAP_OPPORTUNITIES)
    p = pipeline(plan, performance(plan))
    # open stages only: 400000 × 0.4 + 100000 × 0.75 + 50000 × 0 (no probability) + 30000 × 0.1
    assert p.weighted_value == pytest.approx(238000)
    # 400000 + 100000 + 50000 + 30000; the won o4 is counted apart
    assert (p.open_value, p.won_value) == (580000, 200000)
    # the gap is the profit still to find: 1000000 - 530000
    assert p.gap == 470000
    # 238000 / 470000
    assert p.coverage == pytest.approx(0.50638, abs=1e-5)
    # suspect o3 and prospect o5
    assert p.early_stage_count == 2


def test_no_gap_means_no_coverage_ratio():
    plan = make_plan(
        performance=[{"period": "2026", "profit_target": 100, "profit_actual": 120}],
        opportunities=GAP_OPPORTUNITIES,
    )
    p = pipeline(plan, performance(plan))
    # target met: nothing to cover, and dividing by zero would be meaningless
    assert (p.gap, p.coverage) == (0, None)


def test_stage_totals_list_all_seven_stages():
    plan = make_plan(opportunities=GAP_OPPORTUNITIES)
    by_stage = {s.stage: s for s in pipeline(plan, performance(plan)).by_stage}
    # every stage in SPANCOP order, even with no opportunity in it
    assert list(by_stage) == list(STAGES)
    assert (by_stage["close"].count, by_stage["close"].value, by_stage["close"].weighted) == (0, 0, 0)
    # analysis: one opportunity, 400000 × 0.4
    assert (by_stage["analysis"].count, by_stage["analysis"].weighted) == (1, pytest.approx(160000))
    # a won stage's weighted value is its full value: it is no longer a chance
    assert by_stage["order"].weighted == 200000


def test_fewer_than_five_opportunities():
    plan = make_plan(opportunities=[opp("only", "close", 5, "2026-03-01")])
    p = pipeline(plan, performance(plan))
    # the lists are simply shorter, never padded
    assert ids(p.top5) == ids(p.big5) == ["only"]
