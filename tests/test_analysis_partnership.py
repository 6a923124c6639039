"""Partnership indicators: the self-assessment score."""

import pytest

from kapdocs.analysis.partnership import POINTS, partnership_score
from kapdocs.model import Plan


def make_plan(*statuses: str) -> Plan:
    indicators = [{"indicator": f"sign {i}", "status": s} for i, s in enumerate(statuses)]
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, "partnership_indicators": indicators})


def test_yes_counts_one_partly_a_half_no_nothing():
    score = partnership_score(make_plan("yes", "partly", "no", "yes"))
    # 1 + 0.5 + 0 + 1 over four indicators
    assert score.points == pytest.approx(2.5)
    assert score.out_of == 4
    assert score.share == pytest.approx(0.625)
    # every status is counted, so a document can show "2 yes, 1 partly, 1 no"
    assert score.counts == {"yes": 2, "partly": 1, "no": 1}


def test_no_indicators_means_no_score():
    # an empty self-assessment is a gap, not a score of zero
    assert partnership_score(make_plan()) is None


def test_points_cover_every_status_the_model_allows():
    from typing import get_args

    from kapdocs.model.base import IndicatorStatus

    # a status the model accepts must never be missing from the points table
    assert set(POINTS) == set(get_args(IndicatorStatus))
