"""Site dates that fall due within the plan period: contract expiries and tenders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from kapdocs.model import Plan

AlertKind = Literal["contract_expiry", "next_tender"]


@dataclass(frozen=True, slots=True)
class SiteAlert:
    """A contract expiry or tender at a site, due within the plan period."""

    site_id: str
    """`sites[].id`."""
    site_name: str
    """`sites[].name`."""
    kind: AlertKind
    """Which date falls due: `contract_expiry` or `next_tender`."""
    date: dt.date
    """`sites[].contract_expiry` or `sites[].next_tender`."""


def site_alerts(plan: Plan) -> list[SiteAlert]:
    """Every site date within `plan.period` (both ends included), by date; none without a period."""
    period = plan.plan.period
    if period is None:
        return []
    alerts = [
        SiteAlert(site.id, site.name, kind, when)
        for site in plan.sites
        for kind, when in (("contract_expiry", site.contract_expiry), ("next_tender", site.next_tender))
        if when is not None and period.start <= when <= period.end
    ]
    return sorted(alerts, key=lambda a: a.date)
