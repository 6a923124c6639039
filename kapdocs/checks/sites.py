"""Sites: each one described, contract dates in the period prepared for, and no growth everywhere."""

from __future__ import annotations

from collections.abc import Iterator

from kapdocs.fmt import for_plan

from .registry import Finding, rule
from .words import mentions

ALERT_WORDS = {"contract_expiry": "Contract expires", "next_tender": "Tender due"}


@rule("site-incomplete", "warning", "sites", "Each site has share, targets, competitors and contract dates")
def site_incomplete(plan, figures) -> Iterator[Finding]:
    """§3 asks, for every site: share of wallet, volume or profit target, main competitors, contract expiry, next tender."""
    for i, s in enumerate(plan.sites):
        missing = [what for what, absent in (
            ("share of wallet", s.share_of_wallet is None),
            ("volume or profit target", s.volume_target is None and s.profit_target is None),
            ("main competitors", not s.competitors),
            ("contract expiry", s.contract_expiry is None),
            ("next tender date", s.next_tender is None),
        ) if absent]
        if missing:
            yield Finding(message=f"Site {s.id} ({s.name}) has no {', '.join(missing)}.",
                          fix="Fill them in: they show where the business is at stake and when.",
                          path=f"sites[{i}]")


def site_is_addressed(plan, site) -> bool:
    """Whether an opportunity or a live action concerns `site`.

    An opportunity concerns it through `opportunities[].site`. Actions have no
    site field, so an action concerns the site when its customer owner works
    there (`contacts[].site`) or its description names the site: its id, its
    name, or the first word of its name (usually the place, "Bristol").
    """
    if any(o.site == site.id for o in plan.opportunities):
        return True
    names = {site.id, site.name, *site.name.split()[:1]}
    for action in plan.actions:
        if action.status == "cancelled":
            continue
        contact = plan.contact(action.customer_owner)
        if contact is not None and contact.site == site.id:
            return True
        if any(mentions(action.description, name) for name in names):
            return True
    return False


@rule("site-date-unaddressed", "error", "sites", "Contracts and tenders in the period have a plan")
def site_date_unaddressed(plan, figures) -> Iterator[Finding]:
    """A contract expiry or tender within the plan period (`Figures.site_alerts`) with no action or opportunity."""
    index = {s.id: i for i, s in enumerate(plan.sites)}
    for alert in figures.site_alerts:
        site = plan.site(alert.site_id)
        if site is None or site_is_addressed(plan, site):
            continue
        yield Finding(message=f"{ALERT_WORDS[alert.kind]} at {site.name} on {alert.date.isoformat()}, "
                              "and no action or opportunity concerns the site.",
                      fix=f"Add the renewal or tender as an opportunity with site: {site.id}, "
                          "and the actions that prepare it.",
                      path=f"sites[{index[site.id]}].{alert.kind}")


@rule("optimism-sites", "warning", "sites", "Not every site is forecast to grow")
def optimism_sites(plan, figures) -> Iterator[Finding]:
    """Distilled optimism: two or more sites with performance figures, every one forecast to grow.

    A site is forecast to grow when its full-period target is above its run-rate
    (year-to-date actual per period × periods), or, before any actual, when its
    targets rise every period (`kapdocs.analysis.growth`).
    """
    trends = figures.growth
    if len(trends) < 2 or not all(t.growing for t in trends):
        return
    fmt = for_plan(plan)

    def why(t) -> str:
        if t.run_rate is None:
            return f"{t.name} targets rising every period"
        shown = fmt.volume if t.measure == "volume" else fmt.money
        return f"{t.name} {shown(t.target)} against a run-rate of {shown(t.run_rate)}"

    detail = "; ".join(why(t) for t in trends[:3])
    more = f" (and {len(trends) - 3} more)" if len(trends) > 3 else ""
    yield Finding(message=f"Every site is forecast to grow: {detail}{more}.",
                  fix="Check each site's target against its trend and say where business could be lost; "
                      "plan for that too.",
                  path="sites")
