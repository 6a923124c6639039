"""supplier_scores(): us and each competitor on the customer's critical success factors."""

import pytest

from kapdocs.analysis.alignment import (
    SupplierScore, competitor_names, supplier_scores, where_we_lead, where_we_trail,
)
from kapdocs.model import Plan


def make_plan(factors) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, "critical_success_factors": factors})


def test_weighted_scores_us_first_then_competitors_in_order():
    plan = make_plan([
        {"factor": "Quality", "weight": 0.6, "us": 8, "competitors": {"Acme": 6}},
        {"factor": "Price", "weight": 0.4, "us": 5, "competitors": {"Acme": 9, "Kestrel": 7}},
    ])
    us, acme, kestrel = supplier_scores(plan)
    # 0.6 × 8 + 0.4 × 5 = 6.8 for us; Acme 0.6 × 6 + 0.4 × 9 = 7.2
    assert us == SupplierScore("Us", pytest.approx(6.8), 2)
    assert acme == SupplierScore("Acme", pytest.approx(7.2), 2)
    # a competitor scored on one factor is averaged over that factor's weight only
    assert kestrel == SupplierScore("Kestrel", pytest.approx(7.0), 1)
    assert competitor_names(plan) == ["Acme", "Kestrel"]


def test_without_weights_factors_count_equally_and_unscored_is_none():
    plan = make_plan([{"factor": "Quality", "competitors": {"Acme": 6}}, {"factor": "Price", "competitors": {"Acme": 8}}])
    us, acme = supplier_scores(plan)
    # we are not scored at all: no score rather than zero
    assert (us.score, us.factors_scored) == (None, 0)
    # equal weights: (6 + 8) / 2
    assert acme.score == pytest.approx(7.0)


def test_no_factors():
    # only our own row, unscored
    assert supplier_scores(make_plan([])) == [SupplierScore("Us", None, 0)]


def test_where_we_lead_and_trail():
    plan = make_plan([
        {"factor": "Quality", "us": 8, "competitors": {"Acme": 6, "Kestrel": 7}},
        {"factor": "Price", "us": 5, "competitors": {"Acme": 9}},
        {"factor": "Service", "us": 7, "competitors": {"Acme": 7}},
        {"factor": "Carbon", "competitors": {"Acme": 3}},
    ])
    # we lead only where we beat every competitor; a tie is neither a lead nor a trail
    assert where_we_lead(plan) == ["Quality"]
    assert where_we_trail(plan) == ["Price"]
