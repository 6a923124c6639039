"""The customer portfolio matrix: weighted scores and quadrants."""

import pytest

from kapdocs.analysis import QUADRANTS, portfolio_position, quadrant, weighted_score, weights_sum_ok
from kapdocs.model import Factor, Plan


def factors(*pairs):
    return [Factor(factor=f"f{i}", weight=w, score=s) for i, (w, s) in enumerate(pairs)]


def make_plan(**sections) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, **sections})


def test_weighted_score_with_fractions():
    # 0.4 × 7 + 0.3 × 5 + 0.3 × 9 = 2.8 + 1.5 + 2.7
    assert weighted_score(factors((0.4, 7), (0.3, 5), (0.3, 9))) == pytest.approx(7.0)


def test_weighted_score_with_percentages_is_the_same():
    # (40 × 7 + 30 × 5 + 30 × 9) / 100: dividing by the weights' sum makes percent and fractions equal
    assert weighted_score(factors((40, 7), (30, 5), (30, 9))) == pytest.approx(7.0)


def test_weights_that_do_not_sum_to_one_still_give_a_0_to_10_score():
    # (0.5 × 8 + 0.3 × 4) / 0.8 = 5.2 / 0.8
    assert weighted_score(factors((0.5, 8), (0.3, 4))) == pytest.approx(6.5)
    # ... but they are flagged
    assert not weights_sum_ok(factors((0.5, 8), (0.3, 4)))


def test_zero_weights_score_zero():
    # nothing weighs anything: no score rather than a division by zero
    assert weighted_score(factors((0, 8), (0, 4))) == 0
    assert weighted_score([]) == 0


def test_weights_sum_tolerance():
    # 1 within 0.001 and 100 within 0.1, the bounds included: thirds rounded to 0.333 or 33.3 pass
    assert weights_sum_ok(factors((0.333, 1), (0.333, 1), (0.333, 1)))
    assert weights_sum_ok(factors((33.3, 1), (33.3, 1), (33.3, 1)))
    # 0.99 and 99 are too far off
    assert not weights_sum_ok(factors((0.5, 1), (0.49, 1)))
    assert not weights_sum_ok(factors((50, 1), (49, 1)))


@pytest.mark.parametrize(
    ("attractiveness", "strength", "expected"),
    [
        (7, 6, "Strategic"),   # high, high
        (7, 3, "Star"),        # attractive, but we are weak
        (3, 7, "Status"),      # we are strong, less attractive
        (3, 3, "Streamline"),  # low, low
        (5.0, 5.0, "Strategic"),  # 5.0 itself counts as high on both axes
        (4.99, 5.0, "Status"),    # just below on attractiveness
        (5.0, 4.99, "Star"),      # just below on strength
    ],
)
def test_quadrants(attractiveness, strength, expected):
    # threshold 5.0, inclusive as high
    assert quadrant(attractiveness, strength) == expected


def test_every_quadrant_is_described():
    # one line of advice for each of the four boxes
    assert list(QUADRANTS) == ["Strategic", "Star", "Status", "Streamline"]
    assert all(QUADRANTS.values())


def test_position_from_the_plan_in_percent():
    plan = make_plan(portfolio={
        "attractiveness": [{"factor": "Profitability", "weight": 40, "score": 7},
                           {"factor": "Growth", "weight": 60, "score": 4}],
        "strength": [{"factor": "Quality", "weight": 0.5, "score": 3},
                     {"factor": "Price", "weight": 0.4, "score": 5}],
    })
    pos = portfolio_position(plan)
    # (40 × 7 + 60 × 4) / 100 = 5.2; (0.5 × 3 + 0.4 × 5) / 0.9 = 3.888...
    assert pos.attractiveness == pytest.approx(5.2)
    assert pos.strength == pytest.approx(3.8889, abs=1e-4)
    # attractive (≥ 5) but weak: Star
    assert pos.quadrant == "Star"
    # attractiveness weights sum to 100; strength weights to 0.9
    assert (pos.attractiveness_weights_ok, pos.strength_weights_ok) == (True, False)


def test_no_position_without_factors_on_both_axes():
    # nothing captured
    assert portfolio_position(make_plan()) is None
    # one axis alone cannot place the account
    half = make_plan(portfolio={"attractiveness": [{"factor": "Profitability", "weight": 1, "score": 7}]})
    assert portfolio_position(half) is None


def test_contribution_is_weight_times_score_and_adds_up_to_the_weighted_sum():
    from kapdocs.analysis.portfolio import contribution

    items = factors((0.4, 7), (0.3, 5), (0.3, 9))
    # each row of a scoring sheet shows weight × score
    assert [contribution(f) for f in items] == pytest.approx([2.8, 1.5, 2.7])
    # and the rows over the total weight give the axis score
    assert sum(contribution(f) for f in items) / 1.0 == pytest.approx(weighted_score(items))
