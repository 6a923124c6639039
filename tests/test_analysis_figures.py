"""analyse(): every derived figure computed once; and the force field balance."""

import datetime as dt

from kapdocs.analysis import ForceFieldBalance, analyse, force_field_balance
from kapdocs.model import Plan


def make_plan(**sections) -> Plan:
    return Plan.model_validate({"account": {"name": "Northwind Foods plc"}, **sections})


def test_force_field_balance():
    plan = make_plan(force_field={
        "for": [{"force": "Fewer suppliers wanted", "strength": 4}, {"force": "Sponsor", "strength": 3}],
        "against": [{"force": "Switching cost", "strength": 2}],
    })
    # 4 + 3 for, 2 against: a positive balance of 5
    assert force_field_balance(plan) == ForceFieldBalance(7, 2, 5)


def test_no_force_field():
    # absent, or present without any force
    assert force_field_balance(make_plan()) is None
    assert force_field_balance(make_plan(force_field={})) is None


def test_analyse_wires_every_figure():
    plan = make_plan(
        performance=[{"period": "2026", "profit_target": 1000, "profit_actual": 600}],
        opportunities=[{"id": "o1", "name": "O1", "stage": "close", "value": 1000, "probability": 0.2}],
    )
    figures = analyse(plan, today=dt.date(2026, 5, 1))
    # the pipeline measures itself against the performance gap: 200 weighted for 400 to find
    assert (figures.pipeline.gap, figures.pipeline.coverage) == (400, 0.5)
    # sections not captured stay None or empty, never an error
    assert (figures.portfolio, figures.force_field, figures.site_alerts) == (None, None, [])
    assert figures.coverage.shape == "unknown"
    # the date given is kept; without one it is today
    assert figures.today == dt.date(2026, 5, 1)
    assert analyse(plan).today == dt.date.today()
