"""Contract expiries and tenders that fall due within the plan period."""

import datetime as dt

from kapdocs.analysis import SiteAlert, site_alerts
from kapdocs.model import Plan

SITES = [
    {"id": "hull", "name": "Hull", "contract_expiry": "2027-03-31", "next_tender": "2026-12-01"},
    {"id": "york", "name": "York", "contract_expiry": "2026-06-30", "next_tender": "2025-12-15"},
    {"id": "leeds", "name": "Leeds", "contract_expiry": "2026-12-31", "next_tender": "2026-01-01"},
    {"id": "bare", "name": "Bare"},
]


def test_alerts_inside_the_period_by_date():
    plan = Plan.model_validate({
        "account": {"name": "Northwind Foods plc"},
        "plan": {"period": {"start": "2026-01-01", "end": "2026-12-31"}},
        "sites": SITES,
    })
    # Hull's expiry (2027) and York's tender (2025) fall outside 2026; Leeds' dates sit exactly on the
    # period's first and last days, which count; Bare has no dates
    assert site_alerts(plan) == [
        SiteAlert("leeds", "Leeds", "next_tender", dt.date(2026, 1, 1)),
        SiteAlert("york", "York", "contract_expiry", dt.date(2026, 6, 30)),
        SiteAlert("hull", "Hull", "next_tender", dt.date(2026, 12, 1)),
        SiteAlert("leeds", "Leeds", "contract_expiry", dt.date(2026, 12, 31)),
    ]


def test_no_alerts_without_a_period():
    plan = Plan.model_validate({"account": {"name": "Northwind Foods plc"}, "sites": SITES})
    # without a period there is nothing to be "within"
    assert site_alerts(plan) == []
