"""Section 1, relationship overview: executive summary, performance, initiatives, targets,
assumptions, and the account background (customer basics, potential, relationship, sites)."""

from __future__ import annotations

from ...analysis import SiteFigures, default_meeting
from ..docx_kit import Cell
from . import plan_charts
from .context import Bold, Context
from ...view import vocabulary as words

RATING_LABELS = words.RELATIONSHIP_RATING


def relationship_overview(ctx: Context) -> None:
    """1 Relationship overview and executive summary."""
    ctx.section("Relationship overview and executive summary")
    executive_summary(ctx)
    performance_to_date(ctx)
    current_initiatives(ctx)
    financial_targets(ctx)
    assumptions(ctx)
    account_background(ctx)


def period_text(ctx: Context) -> str:
    """The plan period, e.g. "1 Jan 2026 to 31 Dec 2026"; "not set" without one."""
    period = ctx.plan.plan.period
    return f"{ctx.date(period.start)} to {ctx.date(period.end)}" if period else "not set"


def executive_summary(ctx: Context) -> None:
    """The summary text (internal); for the customer, its customer wording when the plan has one, then
    the plan at a glance built from the shared sections."""
    ctx.subsection("Executive summary")
    plan, b = ctx.plan, ctx.builder
    if ctx.edition.internal:
        if plan.plan.summary:
            b.markdown(plan.plan.summary)
        else:
            ctx.gap("summary")
        return
    if plan.plan.summary:
        b.markdown(plan.plan.summary)
    supplier = plan.supplier.name if plan.supplier else "its supplier"
    b.paragraph(f"This is the joint account plan of {plan.account.name} and {supplier} for the period "
                f"{period_text(ctx)}. At a glance:")
    points: list[tuple] = []
    if plan.needs:
        agreed = sum(1 for n in plan.needs if n.agreed_with_customer)
        points.append((Bold(count(len(plan.needs), "need or value driver", "needs and value drivers")),
                       f", {agreed} of them agreed with {ctx.parties.customer} (section 3)"))
    objectives = list(plan.objectives.smart if plan.objectives else [])
    if objectives:
        points.append((Bold(count(len(objectives), "objective", "objectives")),
                       " for the period, each measured and dated (section 3)"))
    if plan.actions:
        groups = [words.status_group(a, ctx.today) for a in plan.actions]
        detail = ", ".join(f"{groups.count(g)} {words.GROUP_WORDS[g]}" for g in words.GROUP_WORDS if groups.count(g))
        points.append((Bold(count(len(plan.actions), "joint action", "joint actions")), f": {detail} (section 6)"))
    meeting = default_meeting(plan, ctx.today)
    if meeting is not None and meeting.type == "qbr" and meeting.date >= ctx.today:
        where = f", {meeting.venue}" if meeting.venue else ""
        points.append(("Next business review: ", Bold(ctx.date(meeting.date)), where))
    ctx.points(points or [("The shared sections of the plan are still being prepared.",)])


def count(n: int, one: str, many: str) -> str:
    """"1 need", "3 needs"."""
    return f"{n} {one if n == 1 else many}"


def _ytd_row(ctx: Context, row: SiteFigures, measure: str, *, total: bool = False) -> list:
    fmt = ctx.fmt
    if measure == "volume":
        target, actual = row.ytd_volume_target, row.ytd_volume_actual
        gap, achieved = row.volume_gap, row.volume_achievement
        full, show = row.full_volume_target, fmt.number
    else:
        target, actual = row.ytd_profit_target, row.ytd_profit_actual
        gap, achieved = row.profit_gap, row.profit_achievement
        full, show = row.full_profit_target, fmt.money
    c = ctx.theme.colours
    gap_colour = None if gap is None else (c.red if gap < 0 else c.green)
    return [row.name, show(target), show(actual), Cell(show(gap), colour=gap_colour), fmt.percent(achieved), show(full)]


def performance_to_date(ctx: Context) -> None:
    """Year-to-date performance against target: per site and in total (table), per period (chart)."""
    ctx.subsection("Performance year to date")
    perf, plan, b, fmt = ctx.figures.performance, ctx.plan, ctx.builder, ctx.fmt
    if not plan.performance:
        ctx.gap("performance")
        return
    total = perf.total
    lead = ["Volume year to date: ", Bold(fmt.volume(total.ytd_volume_actual)),
            f" against a target of {fmt.volume(total.ytd_volume_target)} "
            f"({fmt.percent(total.volume_achievement)} achieved)."]
    if ctx.edition.profit:
        lead += [" Profit: ", Bold(fmt.money(total.ytd_profit_actual)),
                 f" against {fmt.money(total.ytd_profit_target)} ({fmt.percent(total.profit_achievement)})."]
    ctx.say(*lead)
    measures = ["volume", "profit"] if ctx.edition.profit else ["volume"]
    unit = plan.account.volume_unit
    for measure in measures:
        title = f"Volume ({unit})" if measure == "volume" else f"Profit ({fmt.symbol.strip()})"
        rows = [_ytd_row(ctx, row, measure) for row in perf.sites] + [_ytd_row(ctx, total, measure)]
        b.table([title, "Target to date", "Actual to date", "Gap", "Achieved", "Full-period target"], rows,
                widths=[3.4, 1.6, 1.6, 1.5, 1.2, 1.7], align=["left"] + ["right"] * 5, total=True)
    if perf.periods:
        for measure in measures:
            plan_charts.performance(ctx, perf.periods, measure)
    b.caption("Targets to date count only the periods with an actual; the full-period target is the site's "
              "target for the whole plan period.")


def current_initiatives(ctx: Context) -> None:
    """Executed initiatives and the value each delivered to the customer."""
    ctx.subsection("Current initiatives")
    plan, b = ctx.plan, ctx.builder
    under_way = [a for a in plan.actions if a.status == "in_progress"]
    if not plan.initiatives and not under_way:
        ctx.gap("initiatives")
        return
    if plan.initiatives:
        rows = []
        for item in plan.initiatives:
            action = next((a for a in plan.actions if a.id == item.action), None)
            what = ctx.rich(action.description) if action else item.action
            kind = Cell("Highlight", colour=ctx.theme.colours.green) if item.kind == "highlight" else Cell(
                "Lowlight", colour=ctx.theme.colours.red)
            rows.append([what, kind, ctx.fmt.money(item.value_delivered), ctx.rich(item.note)])
        b.table(["Initiative", "", "Value delivered", "What happened"], rows, widths=[4.5, 1.5, 1.8, 6.5],
                align=["left", "left", "right", "left"])
    else:
        ctx.gap("initiatives")
    if under_way:
        b.paragraph(f"Under way now ({count(len(under_way), 'action', 'actions')}; the full list is in the action "
                    "plan, section 6):")
        ctx.points([(ctx.plain(a.description),) for a in under_way[:8]])
        if len(under_way) > 8:
            b.paragraph(f"… and {len(under_way) - 8} more in the action plan.", style="Small")


def financial_targets(ctx: Context) -> None:
    """This period's volume (and profit) targets by site and in total."""
    ctx.subsection("Financial targets")
    perf, b, fmt = ctx.figures.performance, ctx.builder, ctx.fmt
    if not perf.sites or not (perf.total.full_volume_target or perf.total.full_profit_target):
        ctx.gap("financial_targets")
        return
    headers = ["Site", f"Volume target ({ctx.plan.account.volume_unit})"]
    if ctx.edition.profit:
        headers.append(f"Profit target ({fmt.symbol.strip()})")
    rows = []
    for row in [*perf.sites, perf.total]:
        cells = [row.name, fmt.number(row.full_volume_target)]
        if ctx.edition.profit:
            cells.append(fmt.money(row.full_profit_target))
        rows.append(cells)
    b.table(headers, rows, widths=[3, 1.6, 1.6][:len(headers)], align=["left"] + ["right"] * (len(headers) - 1),
            total=True)


def assumptions(ctx: Context) -> None:
    """The planning assumptions."""
    ctx.subsection("Planning assumptions")
    if ctx.plan.plan.assumptions:
        ctx.builder.bullets(ctx.plan.plan.assumptions)
    else:
        ctx.gap("assumptions")


def account_background(ctx: Context) -> None:
    """Customer basics, business potential, the relationship and the competitors', and the sites."""
    ctx.subsection("Account background and status")
    plan, b, fmt, account = ctx.plan, ctx.builder, ctx.fmt, ctx.plan.account
    ctx.topic(ctx.joint("Customer basics", "About {customer}"))
    pairs = [("Customer", account.name), ("Parent group", account.parent_group or "–"),
             ("Sector", account.sector or "–"), ("Address", account.address or "–"),
             ("Website", account.website or "–"), ("Main contact method", account.main_contact_method or "–"),
             ("Customer since", ctx.date(account.client_since))]
    if ctx.edition.ratings:
        pairs.append(("Relationship strength (our rating)",
                      RATING_LABELS.get(account.relationship_strength or "", "–")))
    pairs += [("Plan period", period_text(ctx)), ("Plan last reviewed", ctx.date(plan.plan.last_reviewed))]
    if plan.plan.strategy_horizon_months:
        pairs.append(("Strategy horizon", f"{plan.plan.strategy_horizon_months} months"))
    b.key_values(pairs)

    ctx.topic("Business potential")
    potential = plan.potential
    if potential is None or (potential.volume is None and (potential.profit is None or not ctx.edition.profit)):
        ctx.gap("potential")
    else:
        pairs = [("Total volume potential", fmt.volume(potential.volume))]
        if ctx.edition.profit:
            pairs.append(("Total profit potential", fmt.money(potential.profit)))
        b.key_values(pairs)

    if ctx.edition.relationship_summary or ctx.edition.competitors:
        ctx.topic("Our relationship and the competitors'" if ctx.edition.competitors else "Our relationship")
        relationship = plan.relationship
        if relationship and relationship.summary:
            b.markdown(relationship.summary)
        else:
            ctx.gap("relationship")
        if ctx.edition.competitors:  # the customer's view has none: no table, and no gap to ask about
            if relationship and relationship.competitors:
                b.table(["Competitor", "Position at the customer", "Share of wallet"],
                        [[c.name, c.position or "–", fmt.percent(c.share_of_wallet)]
                         for c in relationship.competitors],
                        widths=[3, 8, 1.6], align=["left", "left", "right"])
            else:
                ctx.gap("competitors")

    ctx.topic("Sites")
    sites_table(ctx)


def sites_table(ctx: Context) -> None:
    """The sites, with the contract expiries and tenders that fall in the plan period flagged."""
    plan, b, fmt = ctx.plan, ctx.builder, ctx.fmt
    if not plan.sites:
        ctx.gap("sites")
        return
    due = {(a.site_id, a.kind) for a in ctx.figures.site_alerts}

    def when(site, kind):
        text = ctx.date(getattr(site, kind))
        return ctx.flagged(text) if (site.id, kind) in due else text

    headers = ["Site", "Share of wallet", "Volume target"]
    widths = [4.0, 1.7, 1.8]
    if ctx.edition.profit:
        headers.append("Profit target")
        widths.append(1.8)
    if ctx.edition.competitors:
        headers.append("Main competitors")
        widths.append(3.0)
    headers += ["Contract expiry", "Next tender"]
    widths += [2.0, 2.0]
    rows = []
    for site in plan.sites:
        name = site.name + (f"\n{site.region}" if site.region else "")
        cells = [name, fmt.percent(site.share_of_wallet), fmt.number(site.volume_target)]
        if ctx.edition.profit:
            cells.append(fmt.money(site.profit_target))
        if ctx.edition.competitors:
            cells.append(", ".join(site.competitors) or "–")
        cells += [when(site, "contract_expiry"), when(site, "next_tender")]
        rows.append(cells)
    align = ["left", "right", "right"] + (["right"] if ctx.edition.profit else []) + (
        ["left"] if ctx.edition.competitors else []) + ["left", "left"]
    b.table(headers, rows, widths=widths, align=align, font_size=8.5)
    if ctx.figures.site_alerts:
        b.caption(f"⚑ Falls due within the plan period ({period_text(ctx)}):")
        labels = {"contract_expiry": "contract expires", "next_tender": "next tender or extension"}
        ctx.points([(Bold(ctx.date(a.date)), f": {a.site_name}, {labels[a.kind]}") for a in ctx.figures.site_alerts])
