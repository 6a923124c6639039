"""Section 6, implementation plan (actions, opportunities, Top 5 and Big 5, pipeline coverage, risks,
force field, review calendar) and the appendix (partnership indicators, key account audit)."""

from __future__ import annotations

import datetime as dt

from ...model import OPEN_STAGES, STAGES, Action, Opportunity
from ..docx_kit import Cell
from . import plan_charts
from .context import Bold, Context
from ...view import vocabulary as words
from .strategy import number

LEVELS = words.LEVEL
MEETING_TYPES = words.MEETING_TYPE_SHORT
INDICATOR = words.INDICATOR_STATUS


def implementation(ctx: Context) -> None:
    """6 Implementation plan."""
    wide = bool(ctx.plan.actions or ctx.plan.opportunities)
    if wide:  # the action plan and the opportunities are wide tables: a landscape section
        ctx.builder.landscape()
    ctx.section("Implementation plan", page_break=not wide)
    action_plan(ctx)
    opportunities(ctx)
    # the rest of the section stays on landscape pages: a return to portrait here would end the
    # opportunities on a page of their own, often a few rows on an otherwise empty page
    if ctx.edition.pipeline_management:
        top_and_big(ctx)
        pipeline_coverage(ctx)
    if ctx.edition.risks:
        risks(ctx)
        force_field(ctx)
    review_calendar(ctx)
    if wide:
        ctx.builder.portrait()


# -- actions ---------------------------------------------------------------------------------
def _due_order(item) -> tuple:
    return (item.due is None, item.due or dt.date.max)


def action_target(ctx: Context, action: Action) -> str:
    """An action's target: money in the account currency, else the value and its unit."""
    target = action.target
    if target is None:
        return "–"
    unit = (target.unit or "").strip()
    if unit == ctx.plan.account.currency:
        return ctx.fmt.money(target.value) if ctx.edition.profit else "–"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return f"{unit} {number(target.value)}" if ctx.edition.profit else "–"
    return f"{number(target.value)} {unit}".strip()


def action_plan(ctx: Context) -> None:
    """The tactical action plan, by due date."""
    ctx.subsection("Tactical action plan")
    actions = ctx.plan.actions
    if not actions:
        ctx.gap("actions")
        return
    resources = ctx.edition.action_resources
    headers = ["No.", "Action", "Need", "Objective", "Target", "Due", ctx.parties.owner("us"), ctx.parties.owner("customer")]
    widths = [1.0, 6.6, 1.1, 1.8, 2.3, 2.0, 2.4, 2.4]
    if resources:
        headers.append("Resources")
        widths.append(4.0)
    headers.append("Status")
    widths.append(1.9)
    rows = []
    for a in sorted(actions, key=_due_order):
        cells = [ctx.ref("actions", a.id), ctx.rich(a.description), ctx.ref("needs", a.need),
                 ctx.ref("smart", a.objective), action_target(ctx, a),
                 ctx.date(a.due), ctx.name(a.owner), ctx.name(a.customer_owner)]
        if resources:
            cells.append(a.resources or "–")
        cells.append(ctx.status_cell(a))
        rows.append(cells)
    ctx.builder.table(headers, rows, widths=widths, font_size=8)
    ctx.builder.caption("Need and objective refer to the numbers in section 3.")


# -- opportunities -----------------------------------------------------------------------------
def opportunities(ctx: Context) -> None:
    """Live opportunities by SPANCOP stage: chart and table (shared ones only, in the customer edition)."""
    ctx.subsection("Live opportunities")
    shown = ctx.plan.opportunities
    if not shown:
        ctx.gap("opportunities")
        return
    live = [s for s in ctx.figures.pipeline.by_stage if s.stage in OPEN_STAGES]  # won deals are not live
    plan_charts.pipeline(ctx, live, values=ctx.edition.profit)
    ordered = sorted(shown, key=lambda o: (STAGES.index(o.stage), o.expected_close or dt.date.max, o.id))
    values = ctx.edition.profit
    headers = ["No.", "Opportunity", "Stage"] + (["Value", "Probability"] if values else []) + [
        "Expected close", "Next step", "Site"] + (["Owner"] if ctx.edition.pipeline_management else [])
    widths = [1.1, 6.0, 2.0] + ([2.2, 1.9] if values else []) + [2.2, 6.0, 2.4] + (
        [2.4] if ctx.edition.pipeline_management else [])
    rows = []
    for o in ordered:
        cells = [ctx.ref("opportunities", o.id), o.name, words.stage(o.stage, ctx.view.audience)]
        if values:
            cells += [ctx.fmt.money(o.value), ctx.fmt.percent(o.probability)]
        site = ctx.plan.site(o.site)
        close = (Cell(f"{ctx.date(o.expected_close)}: overdue", bold=True, colour=ctx.theme.colours.red)
                 if words.close_slipped(o, ctx.today) else ctx.date(o.expected_close))
        cells += [close, o.next_step or "–", site.name if site else (o.site or "–")]
        if ctx.edition.pipeline_management:
            cells.append(ctx.name(o.owner))
        rows.append(cells)
    align = ["right" if h in ("Value", "Probability") else "left" for h in headers]
    ctx.builder.table(headers, rows, widths=widths, align=align, font_size=8)


def _opportunity_rows(ctx: Context, opps: list[Opportunity]) -> list[list]:
    return [[str(i), o.name, words.stage(o.stage, ctx.view.audience), ctx.fmt.money(o.value), ctx.date(o.expected_close),
             o.next_step or "–"] for i, o in enumerate(opps, 1)]


def top_and_big(ctx: Context) -> None:
    """Top 5 (nearest to closing) and Big 5 (largest) open opportunities, with next steps."""
    ctx.subsection("Top 5 and Big 5 opportunities")
    p = ctx.figures.pipeline
    if not p.top5:
        ctx.gap("top_big")
        return
    headers = ["#", "Opportunity", "Stage", "Value", "Expected close", "Next step"]
    widths = [0.6, 5.0, 1.8, 1.9, 2.0, 5.3]
    align = ["center", "left", "left", "right", "left", "left"]
    ctx.topic("Top 5: nearest to closing")
    ctx.builder.table(headers, _opportunity_rows(ctx, p.top5), widths=widths, align=align, font_size=8.5)
    ctx.topic("Big 5: largest")
    ctx.builder.table(headers, _opportunity_rows(ctx, p.big5), widths=widths, align=align, font_size=8.5)


def pipeline_coverage(ctx: Context) -> None:
    """Does the weighted pipeline cover the profit still to find? (`Figures.pipeline`)."""
    ctx.subsection("Pipeline coverage of the gap")
    p, perf, fmt = ctx.figures.pipeline, ctx.figures.performance, ctx.fmt
    if not ctx.plan.opportunities or not ctx.plan.performance:
        ctx.gap("pipeline_coverage")
        return
    if p.coverage is None:
        verdict = "There is no profit gap left to cover."
    elif p.coverage >= 1:
        verdict = f"The weighted pipeline closing this period covers the gap {fmt.number(p.coverage, 1)} times."
    else:
        verdict = (f"The weighted pipeline closing this period covers only {fmt.percent(p.coverage)} of the gap: "
                   "more pipeline is needed.")
    ctx.builder.key_values([
        ("Profit target for the period", fmt.money(perf.total.full_profit_target)),
        ("Profit achieved to date", fmt.money(perf.total.ytd_profit_actual)),
        ("Gap still to find", fmt.money(p.gap)),
        ("Open pipeline (suspect to close)", fmt.money(p.open_value)),
        ("Weighted pipeline (value × probability)", fmt.money(p.weighted_value)),
        ("Of which expected to close in the period", fmt.money(p.weighted_in_period)),
        ("Won (order and pay)", fmt.money(p.won_value)),
        ("Coverage of the gap", fmt.times(p.coverage)),
        ("Opportunities at suspect or prospect", str(p.early_stage_count)),
    ], widths=(1.4, 1))
    ctx.say(Bold(verdict))
    period = ctx.plan.plan.period
    ctx.builder.caption("Coverage: the weighted value (value × probability) of the open opportunities expected to "
                        + (f"close by {ctx.date(period.end)}, the end of the plan period, " if period else "close, ")
                        + "divided by the profit still to find in the period. Opportunities closing later, or "
                        "with no expected close date, cannot fill this period's gap.")


# -- risks and the force field -----------------------------------------------------------------
def risks(ctx: Context) -> None:
    """Risks with likelihood, impact, contingency and owner."""
    ctx.subsection("Risks and contingencies")
    if not ctx.plan.risks:
        ctx.gap("risks")
        return
    c = ctx.theme.colours
    colour = {"high": c.red, "medium": c.amber}
    rows = []
    for r in ctx.plan.risks:
        site = ctx.plan.site(r.site)
        what = ctx.rich(f"{r.risk}\n\n({site.name})" if site else r.risk)
        contingency = ctx.rich(r.contingency) if r.contingency else Cell("No contingency yet", bold=True, colour=c.red)
        rows.append([what, Cell(LEVELS.get(r.likelihood or "", "–"), colour=colour.get(r.likelihood or "")),
                     Cell(LEVELS.get(r.impact or "", "–"), colour=colour.get(r.impact or "")),
                     contingency, ctx.name(r.owner)])
    ctx.builder.table(["Risk", "Likelihood", "Impact", "Contingency", "Owner"], rows,
                      widths=[4.6, 1.9, 1.5, 6.2, 2.2], font_size=8.5)


def force_field(ctx: Context) -> None:
    """Forces for and against the plan (chart), their totals and the balance (`Figures.force_field`)."""
    ctx.subsection("Force field analysis")
    balance, field = ctx.figures.force_field, ctx.plan.force_field
    if balance is None or field is None:
        ctx.gap("force_field")
        return
    plan_charts.force_field(ctx, field)
    sign = "+" if balance.balance > 0 else ("−" if balance.balance < 0 else "")
    reading = ("the forces for the plan outweigh those against it: a good chance of success"
               if balance.balance > 0 else "the forces against the plan are at least as strong as those for it: "
               "strengthen the forces for it or weaken those against before relying on it")
    ctx.say("For ", Bold(str(balance.total_for)), ", against ", Bold(str(balance.total_against)), ": a balance of ",
            Bold(f"{sign}{abs(balance.balance)}"), f"; {reading}.")


# -- review calendar ------------------------------------------------------------------------------
def review_calendar(ctx: Context) -> None:
    """The reviews that keep the plan alive: meetings by date, and the cadence."""
    ctx.subsection("Review calendar")
    meetings = list(ctx.plan.meetings)
    if meetings:
        rows = [[ctx.date(m.date), m.start, m.title or MEETING_TYPES[m.type], MEETING_TYPES[m.type],
                 m.venue or "–", ctx.date(m.next)] for m in sorted(meetings, key=lambda m: (m.date, m.start))]
        ctx.builder.table(["Date", "Start", "Meeting", "Type", "Venue", "Next of its kind"], rows,
                          widths=[2.0, 1.1, 5.2, 2.4, 4.0, 2.0], font_size=8.5)
        upcoming = {}
        for m in sorted(meetings, key=lambda m: m.date):
            if m.date >= ctx.today:
                upcoming.setdefault(m.type, m)
        for kind, label in MEETING_TYPES.items():
            of_kind = [m for m in meetings if m.type == kind]
            if of_kind:
                nxt = upcoming.get(kind)
                ctx.say(Bold(f"{label}: "), f"{len(of_kind)} in the calendar"
                        + (f"; the next on {ctx.date(nxt.date)}." if nxt else "; none still to come."))
    else:
        ctx.gap("meetings")
    ctx.say("Between reviews: a short activity update every two weeks, a 30-minute call every month, and a "
            f"one-hour progress review with {ctx.parties.customer} every quarter.")


# -- appendix ----------------------------------------------------------------------------------------
def appendix(ctx: Context) -> None:
    """Appendix A: partnership indicators (internal) and the key account audit; its title names what it holds
    (for the customer, the audit alone: the customer's own view of the partnership)."""
    ctx.section("Partnership and key account audit" if ctx.edition.partnership_indicators
                else f"{ctx.parties.customers} view of the partnership", appendix="A")
    if ctx.edition.partnership_indicators:
        partnership(ctx)
    audit(ctx)


def partnership(ctx: Context) -> None:
    """Where we stand on each sign of partnership."""
    ctx.subsection("Partnership indicators")
    indicators = ctx.plan.partnership_indicators
    if not indicators:
        ctx.gap("partnership")
        return
    c = ctx.theme.colours
    colour = {"yes": c.green, "partly": c.amber, "no": c.red}
    counts = ctx.figures.partnership.counts
    ctx.say(f"Of {len(indicators)} signs that the customer treats us as a partner rather than a supplier: ",
            Bold(f"{counts['yes']} yes"), f", {counts['partly']} partly, {counts['no']} no.")
    ctx.builder.table(["Indicator", "Status", "Evidence"],
                      [[i.indicator, Cell(INDICATOR[i.status], bold=True, colour=colour[i.status]),
                        ctx.rich(i.evidence)] for i in indicators],
                      widths=[5.2, 1.4, 8.0], font_size=8.5)


def audit(ctx: Context) -> None:
    """The customer's answers to the key account audit, past and present first, then the future."""
    ctx.subsection("Key account audit" if ctx.view.internal else "In your own words")
    answers = ctx.plan.audit
    if not answers:
        ctx.gap("audit")
        return
    groups = (("past", "The past and the present"), ("future", "The future"), (None, "Other questions"))
    for kind, title in groups:
        items = [a for a in answers if a.kind == kind]
        if not items:
            continue
        ctx.topic(title)
        for a in items:
            asked = f" (asked {ctx.date(a.asked_on)})" if a.asked_on else ""
            ctx.say(Bold(a.question), asked)
            if a.answer:
                ctx.builder.markdown(a.answer)
            else:
                ctx.builder.paragraph("No answer recorded yet.", italic=True)

