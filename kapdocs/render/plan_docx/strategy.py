"""Section 2, key account overview (the customer's vision, SWOT, PESTLE, five forces) and section 3,
objectives and strategy (portfolio matrix, our SWOT, core-team input, objectives, needs, value proposition)."""

from __future__ import annotations

from ...analysis import QUADRANTS
from ...fmt import Formatter
from ...model import Swot
from ...view.parties import possessive
from ..docx_kit import Cell
from . import plan_charts
from .context import Bold, Context

PESTLE = (("political", "Political"), ("economic", "Economic"), ("social", "Social"),
          ("technological", "Technological"), ("legal", "Legal"), ("environmental", "Environmental"))
FIVE_FORCES = (("rivalry", "Competitive rivalry"), ("new_entrants", "Threat of new entrants"),
               ("substitutes", "Threat of substitutes"), ("buyer_power", "Power of {customers} buyers"),
               ("supplier_power", "Power of {customers} suppliers"))
"""The five forces and their labels; `{customers}` is the customer's possessive (`Parties.customers`)."""


def _listing(items: list[str]) -> str:
    """List items for one table cell, one per line."""
    return "\n".join(f"• {item}" for item in items) if items else "–"


def number(value: float | None) -> str:
    """A baseline or target as typed: 94.1 stays 94.1, 6200 reads 6,200 (`Formatter.as_typed`)."""
    return _AS_TYPED.as_typed(value)


_AS_TYPED = Formatter()


# -- 2 key account overview ---------------------------------------------------------------
def key_account_overview(ctx: Context) -> None:
    """2 Key account overview: the customer's business and environment, from its side."""
    ctx.section("Key account overview")
    vision_and_goals(ctx)
    ctx.subsection(f"{_cap(ctx.parties.customers)} SWOT")
    swot = ctx.plan.environment.customer_swot if ctx.plan.environment else None
    if _empty_swot(swot):
        ctx.gap("customer_swot")
    else:
        swot_tables(ctx, swot, weaknesses_threats=True)
    pestle(ctx)
    five_forces(ctx)


def vision_and_goals(ctx: Context) -> None:
    """The customer's vision and goals, and whether and when they were validated with the customer."""
    ctx.subsection(f"{_cap(ctx.parties.customers)} vision and goals")
    strategy, b = ctx.plan.customer_strategy, ctx.builder
    if strategy is None or not (strategy.vision or strategy.goals):
        ctx.gap("vision")
        return
    if strategy.vision:
        ctx.topic("Vision")
        b.markdown(strategy.vision)
    if strategy.goals:
        ctx.topic("Goals")
        b.bullets(strategy.goals)
    if strategy.validated_with_customer:
        ctx.say(Bold(f"Validated with {ctx.parties.customer}"), f" on {ctx.date(strategy.validated_with_customer)}.")
    elif ctx.view.customer:
        ctx.say(Bold("To be confirmed together"), " at our next review.")
    else:
        p = ctx.say(Bold("Not yet validated with the customer."),
                    " Check the vision and goals with the customer before the plan relies on them.")
        p.runs[0].font.color.rgb = _rgb(ctx.theme.colours.red)


def _cap(text: str) -> str:
    """`text` with its first letter in capitals ("the customer's" -> "The customer's")."""
    return text[:1].upper() + text[1:]


def _rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def _empty_swot(swot: Swot | None) -> bool:
    return swot is None or not (swot.strengths or swot.weaknesses or swot.opportunities or swot.threats)


def swot_tables(ctx: Context, swot: Swot, *, weaknesses_threats: bool) -> None:
    """A SWOT as a 2 × 2 grid (or strengths and opportunities only)."""
    b = ctx.builder
    if weaknesses_threats:
        b.table(["Strengths", "Weaknesses"], [[_listing(swot.strengths), _listing(swot.weaknesses)]],
                widths=[1, 1], zebra=False)
        b.table(["Opportunities", "Threats"], [[_listing(swot.opportunities), _listing(swot.threats)]],
                widths=[1, 1], zebra=False)
    else:
        b.table(["Strengths", "Opportunities"], [[_listing(swot.strengths), _listing(swot.opportunities)]],
                widths=[1, 1], zebra=False)


def pestle(ctx: Context) -> None:
    """PESTLE factors of the customer's environment."""
    ctx.subsection("PESTLE analysis")
    factors = ctx.plan.environment.pestle if ctx.plan.environment else None
    if factors is None or not any(getattr(factors, key) for key, _ in PESTLE):
        ctx.gap("pestle")
        return
    ctx.builder.table(["Factor", f"What is changing for {ctx.parties.customer}"],
                      [[Cell(label, bold=True), _listing(getattr(factors, key))] for key, label in PESTLE],
                      widths=[2.6, 12])


def five_forces(ctx: Context) -> None:
    """Porter's five forces in the customer's market."""
    ctx.subsection("Five forces")
    forces = ctx.plan.environment.five_forces if ctx.plan.environment else None
    if forces is None or not any(getattr(forces, key) for key, _ in FIVE_FORCES):
        ctx.gap("five_forces")
        return
    ctx.builder.table(["Force", "Assessment"],
                      [[Cell(label.format(customers=ctx.parties.customers), bold=True), ctx.rich(getattr(forces, key))]
                       for key, label in FIVE_FORCES],
                      widths=[3.4, 11.2])


# -- 3 objectives and strategy -------------------------------------------------------------
def objectives_and_strategy(ctx: Context) -> None:
    """3 Objectives and strategy, with the customer's needs and our value proposition."""
    ctx.section("Objectives and strategy")
    if ctx.edition.portfolio_matrix:
        portfolio_matrix(ctx)
    our_swot(ctx)
    core_team_input(ctx)
    long_term_objectives(ctx)
    smart_objectives(ctx)
    customer_needs(ctx)
    value_proposition(ctx)


def portfolio_matrix(ctx: Context) -> None:
    """The account on the customer portfolio matrix, its quadrant named, and the factors behind it."""
    ctx.subsection("Customer portfolio matrix")
    position, b = ctx.figures.portfolio, ctx.builder
    if position is None:
        ctx.gap("portfolio")
        return
    plan_charts.portfolio(ctx, position)
    b.caption(f"{ctx.plan.account.name} on the customer portfolio matrix: axes from 0 to 10, "
              f"crossing at 5.")
    b.table(["", "Score (0-10)", "Reading"], [
        [Cell("Customer attractiveness to us", bold=True), ctx.fmt.score(position.attractiveness),
         "high" if position.attractiveness >= 5 else "low"],
        [Cell("Our business strength", bold=True), ctx.fmt.score(position.strength),
         "high" if position.strength >= 5 else "low"],
        [Cell("Quadrant", bold=True), Cell(position.quadrant, bold=True), QUADRANTS[position.quadrant]],
    ], widths=[4.2, 2, 8.4], align=["left", "right", "left"], zebra=False)
    rows = []
    portfolio = ctx.plan.portfolio
    for axis, factors in (("Attractiveness", portfolio.attractiveness), ("Strength", portfolio.strength)):
        rows += [[axis, f.factor, number(f.weight), number(f.score)] for f in factors]
    b.table(["Axis", "Factor", "Weight", "Score"], rows, widths=[2.6, 8, 1.6, 1.6],
            align=["left", "left", "right", "right"], font_size=8.5)
    for label, ok in (("attractiveness", position.attractiveness_weights_ok),
                      ("strength", position.strength_weights_ok)):
        if not ok:
            b.caption(f"The {label} weights do not add up to 1 (or 100): the score is weighted by their total.")


def our_swot(ctx: Context) -> None:
    """Our SWOT with this account (strengths and opportunities only, in the customer edition)."""
    full = ctx.edition.our_weaknesses_threats
    us = "Our" if ctx.parties.us == "Us" else possessive(ctx.parties.us)
    ctx.subsection(f"{us} SWOT" if full else f"{us} strengths and opportunities")
    swot = ctx.plan.swot
    shown = swot if full or swot is None else Swot(strengths=swot.strengths, opportunities=swot.opportunities)
    if _empty_swot(shown):
        ctx.gap("swot")
    else:
        swot_tables(ctx, shown, weaknesses_threats=full)


def core_team_input(ctx: Context) -> None:
    """How each function of the core team can help the customer reach its goals."""
    ctx.subsection(ctx.joint("Core-team input", "How {ours} team can help"))
    if ctx.plan.core_team_input:
        ctx.builder.bullets(ctx.plan.core_team_input)
    else:
        ctx.gap("core_team_input")


def long_term_objectives(ctx: Context) -> None:
    """Medium and long-term objectives."""
    ctx.subsection("Long-term objectives")
    objectives = ctx.plan.objectives
    shown = list(objectives.long_term if objectives else [])
    if not shown:
        ctx.gap("long_term")
        return
    if ctx.plan.plan.strategy_horizon_months:
        ctx.say(f"Where we aim to be within {ctx.plan.plan.strategy_horizon_months} months:")
    ctx.builder.table(["No.", "Objective"], [[ctx.ref("long_term", o.id), ctx.rich(o.text)] for o in shown],
                      widths=[1.2, 13.4])


def smart_objectives(ctx: Context) -> None:
    """This period's SMART objectives with measure, baseline, target, due date, owner and what they serve."""
    ctx.subsection("SMART objectives")
    objectives = ctx.plan.objectives
    shown = list(objectives.smart if objectives else [])
    if not shown:
        ctx.gap("smart")
        return
    status = {s.objective.id: s.status for s in ctx.figures.objectives}
    rows = [[ctx.ref("smart", o.id), ctx.rich(o.text), o.measure or "–", number(o.baseline), number(o.target),
             number(o.current), ctx.date(o.due), ctx.name(o.owner), ctx.ref("long_term", o.supports),
             ctx.objective_cell(status[o.id])] for o in shown]
    ctx.builder.table(["No.", "Objective", "Measure", "Baseline", "Target", "Now", "Due", "Owner", "Serves", "Status"],
                      rows, widths=[0.9, 3.9, 1.8, 1.5, 1.5, 1.5, 1.9, 1.9, 1.1, 1.6],
                      align=["left", "left", "left", "right", "right", "right", "left", "left", "left", "left"],
                      font_size=8.5)
    ctx.builder.caption(f"Serves: the long-term objective each one advances. Status on {ctx.date(ctx.today)}: "
                        "at risk when progress from the baseline trails the time elapsed in the period.")


def _by_priority(needs):
    return sorted(needs, key=lambda n: (n.priority is None, n.priority or 0))


def customer_needs(ctx: Context) -> None:
    """The customer's needs and value drivers, in priority order, marked when agreed with the customer."""
    ctx.subsection(ctx.joint("Customer needs and value drivers", "{customers} needs and value drivers"))
    needs = ctx.plan.needs
    if not needs:
        ctx.gap("needs")
        return
    c = ctx.theme.colours
    rows = [[str(n.priority or "–"), ctx.ref("needs", n.id), ctx.rich(n.need), n.success or "–",
             Cell("Yes", colour=c.green) if n.agreed_with_customer else Cell("Not yet", bold=True, colour=c.amber)]
            for n in _by_priority(needs)]
    agreed = "Agreed with customer" if ctx.view.internal else f"Agreed with {ctx.parties.customer}"
    ctx.builder.table(["Priority", "No.", f"Need, in {ctx.parties.customers} words", "What success looks like",
                       agreed], rows, widths=[1.3, 0.9, 5.6, 5.0, 1.8],
                      align=["center", "left", "left", "left", "center"])


def value_proposition(ctx: Context) -> None:
    """Our offer matched to each need, with its value to the customer."""
    ctx.subsection("Value proposition")
    plan = ctx.plan
    if not plan.value_proposition:
        ctx.gap("value_proposition")
        return
    rows = []
    for need in _by_priority(plan.needs):
        offers = [v for v in plan.value_proposition if v.need == need.id]
        for v in offers:
            rows.append([f"{ctx.ref('needs', need.id)}: {ctx.plain(need.need)}", ctx.plain(v.offer),
                         ctx.fmt.money(v.benefit)])
        if not offers:
            rows.append([f"{ctx.ref('needs', need.id)}: {ctx.plain(need.need)}",
                         Cell("No offer matched yet", italic=True), "–"])
    known = {n.id for n in plan.needs}
    rows += [[v.need, ctx.rich(v.offer), ctx.fmt.money(v.benefit)] for v in plan.value_proposition
             if v.need not in known]
    offer = "Our offer" if ctx.parties.us == "Us" else f"What {ctx.parties.us} offers"
    ctx.builder.table(["Need", offer, f"Value to {ctx.parties.customer} a year"], rows, widths=[4.8, 7.4, 2.4],
                      align=["left", "left", "right"])
