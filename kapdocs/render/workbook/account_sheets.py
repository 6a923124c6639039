"""Worksheets of modules 1-4: choosing key accounts, the core team, the customer, needs and value.

Each function draws one worksheet. Blank columns stay blank for the pen; with a
case, fact columns are filled in both editions and the analysis columns only in
the facilitator's (from `kapdocs.analysis`, through `Case.figures`).
"""

from __future__ import annotations

from kapdocs.view import vocabulary as words
from kapdocs.analysis import QUADRANTS, THRESHOLD, quadrant
from kapdocs.analysis.portfolio import contribution

from ..docx_kit import Cell
from .case import bullets, force_strength, text
from .modules import ACCOUNT_LADDER, CORE_FUNCTIONS, EXAMPLE_ATTRACTIVENESS, EXAMPLE_STRENGTH, FIVE_FORCES, PESTLE
from .sheets import Ctx

FUNCTION_LABELS: dict[str, str] = {key: label for key, label, _ in CORE_FUNCTIONS}

# -- module 1 --------------------------------------------------------------------------------


def ladder(ctx: Ctx) -> None:
    """Suspects, prospects, customers, key accounts: the participant's own accounts at each step."""
    s = ctx.sheet
    rows = [[s.label(step), s.hint(meaning), ""] for step, meaning in ACCOUNT_LADDER]
    s.table(["Step", "What it means", "Your accounts at this step"], rows, [1.2, 2, 3.2], height=2.6)


def portfolio_scoring(ctx: Ctx) -> None:
    """Factors, weights, scores and weighted scores for both axes, then the two scores and the quadrant."""
    s, case = ctx.sheet, ctx.case
    portfolio = case.plan.portfolio if case else None
    axes = (("Customer attractiveness", "attractiveness", EXAMPLE_ATTRACTIVENESS),
            ("Our business strength, as the customer sees it", "strength", EXAMPLE_STRENGTH))
    rows: list[list] = []
    for title, key, example in axes:
        rows.append([s.band(title), s.band(""), s.band(""), s.band("")])
        factors = getattr(portfolio, key) if portfolio else []
        if factors:
            for f in factors:
                weight = case.fmt.number(f.weight, 2)
                if ctx.answers:
                    rows.append([text(f.factor), weight, case.fmt.number(f.score, 1),
                                 case.fmt.number(contribution(f), 2)])
                else:
                    rows.append([text(f.factor), weight, "", ""])
        else:
            rows += [[s.hint(name), "", "", ""] for name, _ in example[:2]] + [["", "", "", ""]] * 4
        total = case.fmt.number(sum(f.weight for f in factors), 2) if ctx.answers and factors else ""
        total_weighted = (case.fmt.number(sum(contribution(f) for f in factors), 2)
                          if ctx.answers and factors else "")
        rows.append([s.label("Total"), Cell(total, bold=True), s.label(""), Cell(total_weighted, bold=True)])
    s.table(["Factor", "Weight", "Score (0-10)", "Weight × score"], rows, [3.4, 1, 1.1, 1.3],
            align=["left", "center", "center", "center"])
    position = case.figures.portfolio if ctx.answers else None
    s.fields([
        ("Attractiveness score (0-10)", case.fmt.number(position.attractiveness, 2) if position else ""),
        ("Strength score (0-10)", case.fmt.number(position.strength, 2) if position else ""),
        ("Quadrant", position.quadrant if position else ""),
    ], widths=(2.2, 1.2))
    if ctx.answers and position is None:
        ctx.gap("The case plan does not score both axes of the portfolio matrix (portfolio.attractiveness and "
                "portfolio.strength), so there is no worked score or quadrant.")
    elif position is not None and not (position.attractiveness_weights_ok and position.strength_weights_ok):
        ctx.answer("Note: the case's weights do not add up to 1 or 100 on every axis; the scores divide by the "
                   "total weight, so they stay on the 0-10 scale.")


def portfolio_matrix(ctx: Ctx) -> None:
    """The blank 2 × 2 matrix, as wide as the page; the facilitator's shows the case in its quadrant."""
    s = ctx.sheet
    position = ctx.case.figures.portfolio if ctx.answers else None

    def box(attractive: float, strong: float) -> list[Cell]:
        name = quadrant(attractive, strong)
        lines = [name, QUADRANTS[name]]
        if position is not None and position.quadrant == name:
            lines += ["", f"► {ctx.case.name}: attractiveness {ctx.case.score(position.attractiveness)}, "
                          f"strength {ctx.case.score(position.strength)}"]
        return Cell("\n".join(lines), colour=None if position and position.quadrant == name else s.colours.muted)

    number = f"{THRESHOLD:g}"
    rows = [
        [s.label(f"High\n({number} to 10)"), box(10, 0), box(10, 10)],
        [s.label(f"Low\n(0 to under {number})"), box(0, 0), box(0, 10)],
    ]
    s.table(["Attractiveness ↓   Strength →", f"Low (0 to under {number})", f"High ({number} to 10)"], rows,
            [1, 2.5, 2.5], height=9.0)


# -- module 2 --------------------------------------------------------------------------------


def core_team(ctx: Ctx) -> None:
    """Who is in the core team, what each brings, and their counterparts at the customer."""
    s, case = ctx.sheet, ctx.case
    headers = ["Function", "Who", "What they bring to this customer", "Their counterparts at the customer"]
    widths = [1.4, 1.5, 2.6, 2.2]
    if case and case.plan.team:
        rows = []
        for member in case.plan.team:
            counterparts = brings = ""
            if ctx.answers:
                links = [r for r in case.plan.relationships if r.ours == member.id]
                counterparts = ", ".join(case.person(r.theirs) for r in links)
                brings = text(member.responsibilities) if member.responsibilities else ""
            rows.append([s.label(FUNCTION_LABELS.get(member.function, words.FUNCTION[member.function])),
                         f"{member.name}\n{member.title or ''}".strip(), brings, counterparts])
        s.table(headers, rows, widths, height=None if ctx.answers else 1.3, font=9)
    else:
        rows = [[s.label(label), "", s.hint(brings), ""] for _, label, brings in CORE_FUNCTIONS]
        s.table(headers, rows + s.blank_rows(2, 4), widths, height=1.3)
        ctx.gap("The case plan lists no core team (team).")
    if ctx.answers and case.plan.core_team_input:
        s.note("**What the core team said it can bring (the case plan's core team input):**")
        s.b.bullets([text(i) for i in case.plan.core_team_input])


def diamond(ctx: Ctx) -> None:
    """Two boxes to draw today's and the wanted pattern of links; the share held by the key account manager."""
    s = ctx.sheet
    hint = "Our people                                    Their people"
    s.table(["Today", "In a year"], [[s.hint(hint), s.hint(hint)]], [1, 1], height=10.0)
    coverage = ctx.case.figures.coverage if ctx.answers else None
    share = ctx.case.fmt.percent(coverage.kam_share) if coverage and coverage.kam_share is not None else ""
    shape = coverage.shape if coverage and coverage.shape != "unknown" else ""
    held = str(coverage.kam_links) if coverage and coverage.kam_share is not None else ""
    s.fields([("Links held by the key account manager", held),
              ("Share of all links held by the key account manager", share),
              ("Bow-tie or diamond?", shape)], widths=(2.2, 1.2))
    if ctx.answers and not shape:
        ctx.gap("The case plan has no key account manager or no relationships (relationships), so the shape "
                "of the relationship cannot be worked out.")


# -- module 3 --------------------------------------------------------------------------------


def customer_basics(ctx: Ctx) -> None:
    """The account fact sheet: facts from the case in both editions, blank otherwise."""
    s, case = ctx.sheet, ctx.case
    labels = ["Customer", "Parent group", "Sector", "Address", "Main contact method", "Client since",
              "Relationship strength", "Total potential: volume", "Total potential: profit", "Main competitors"]
    if case is None:
        s.fields([(label, "") for label in labels])
        return
    a, p = case.plan.account, case.plan.potential
    competitors = case.plan.relationship.competitors if case.plan.relationship else []
    values = [a.name, a.parent_group or "", a.sector or "", a.address or "", a.main_contact_method or "",
              case.date(a.client_since) if a.client_since else "", a.relationship_strength or "",
              case.fmt.volume(p.volume) if p and p.volume is not None else "",
              case.fmt.money(p.profit) if p and p.profit is not None else "",
              ", ".join(c.name for c in competitors)]
    s.fields(list(zip(labels, values)))


def sites(ctx: Ctx) -> None:
    """One row per site: share of wallet, targets, competitors, contract and tender dates."""
    s, case = ctx.sheet, ctx.case
    headers = ["Site", "Share of wallet", "Volume target", "Profit target", "Main competitors", "Contract expiry",
               "Next tender"]
    widths = [2, 1, 1.2, 1.2, 2, 1.2, 1.2]
    if case and case.plan.sites:
        f = case.fmt
        rows = [[site.name, f.percent(site.share_of_wallet), f.number(site.volume_target), f.money(site.profit_target),
                 ", ".join(site.competitors), f.date(site.contract_expiry), f.date(site.next_tender)]
                for site in case.plan.sites]
        s.table(headers, rows + s.blank_rows(1, 7), widths, font=9)
    else:
        s.table(headers, s.blank_rows(5, 7), widths, height=1.4)


def vision(ctx: Ctx) -> None:
    """The customer's vision and goals, and when they were checked with the customer."""
    s, case = ctx.sheet, ctx.case
    strategy = case.plan.customer_strategy if case else None
    if strategy and (strategy.vision or strategy.goals):
        s.fields([("Vision", text(strategy.vision)), ("Goals", bullets(strategy.goals)),
                  ("Validated with the customer", case.date(strategy.validated_with_customer)
                   if strategy.validated_with_customer else "Not yet: by whom, and when?")], height=1.2)
        return
    s.table(["The customer's vision, in its own words"], [[""]], [1], height=4.5)
    s.table(["#", "The customer's main goals for the next three years"], s.blank_rows(5, 2), [0.3, 6])
    s.fields([("Confirmed by (name, title)", ""), ("Confirmed on (date)", "")])


def pestle(ctx: Ctx) -> None:
    """The six PESTLE factors, each with what is changing and what it means."""
    s, case = ctx.sheet, ctx.case
    found = case.plan.environment.pestle if ctx.answers and case.plan.environment else None
    if found is None:
        rows = [[s.label(label), "", "", ""] for _, label in PESTLE]
        s.table(["Factor", "What is changing", "Impact on the customer", "So what for us?"], rows,
                [1.6, 2.6, 2, 2], height=3.0)
        if ctx.answers:
            ctx.gap("The case plan has no PESTLE analysis (environment.pestle).")
        return
    # the case lists what is changing; the impact and the so-what are the group's judgement, so the
    # facilitator's table holds what the case supplies and the guidance says what a good judgement contains
    rows = [[s.label(label), bullets(getattr(found, key)) or "–"] for key, label in PESTLE]
    s.table(["Factor", "What is changing (from the case)"], rows, [1.6, 7.4], height=None, font=9)
    ctx.answer("**Impact and so-what**: the case gives the changes; the groups judge them. A good answer ties "
               "each change to one of the customer's goals (a cost, a risk or a growth route) and names what we "
               "could offer or must defend; the strongest usually link to the customer's SWOT threats.")


def five_forces(ctx: Ctx) -> None:
    """The five forces on the customer's business: strength and evidence."""
    s, case = ctx.sheet, ctx.case
    found = case.plan.environment.five_forces if ctx.answers and case.plan.environment else None
    rows = [[s.label(label), *force_strength(getattr(found, key))] if found else [s.label(label), "", ""]
            for key, label in FIVE_FORCES]
    s.table(["Force", "Strength (high, medium, low)", "Evidence"], rows, [1.6, 1.2, 4.6], height=3.2,
            font=9 if found else 10)
    if ctx.answers and found is None:
        ctx.gap("The case plan has no five forces analysis (environment.five_forces).")


def _swot(ctx: Ctx, swot, what: str) -> None:
    labels = ("Strengths", "Weaknesses", "Opportunities", "Threats")
    if swot is not None:
        contents = [bullets(getattr(swot, k)) for k in ("strengths", "weaknesses", "opportunities", "threats")]
        ctx.sheet.grid(labels, contents, height=5.0)
    else:
        ctx.sheet.grid(labels, height=10.0)
        ctx.gap(f"The case plan has no {what}.")


def customer_swot(ctx: Ctx) -> None:
    """The customer's own SWOT, as a page-wide grid."""
    case = ctx.case
    found = case.plan.environment.customer_swot if ctx.answers and case.plan.environment else None
    _swot(ctx, found, "SWOT of the customer's business (environment.customer_swot)")


def our_swot(ctx: Ctx) -> None:
    """Our SWOT in this account, as a page-wide grid."""
    found = ctx.case.plan.swot if ctx.answers else None
    _swot(ctx, found, "SWOT of our position in the account (swot)")


# -- module 4 --------------------------------------------------------------------------------


def needs_value(ctx: Ctx) -> None:
    """Needs in priority order with what success looks like; our offer and its value beside each."""
    s, case = ctx.sheet, ctx.case
    headers = ["Priority", "The customer's need", "What success looks like", "Agreed with the customer?",
               "Our offer", "Value to the customer (a year)"]
    widths = [0.8, 2.2, 2, 1, 2.4, 1.3]
    if case and case.plan.needs:
        rows = []
        needs = sorted(case.plan.needs, key=lambda n: (n.priority is None, n.priority or 0))
        for need in needs:
            offer = value = ""
            if ctx.answers:
                matched = [v for v in case.plan.value_proposition if v.need == need.id]
                offer = "\n".join(text(v.offer) for v in matched)
                value = "\n".join(case.fmt.money(v.benefit) for v in matched if v.benefit is not None)
            rows.append([str(need.priority or ""), text(need.need), need.success or "",
                         "yes" if need.agreed_with_customer else "not yet", offer, value])
        s.table(headers, rows, widths, height=1.6, font=9)
        if ctx.answers and not case.plan.value_proposition:
            ctx.gap("The case plan matches no offer to the needs (value_proposition).")
    else:
        s.table(headers, s.blank_rows(6, 6), widths, height=2.2)
        ctx.gap("The case plan lists no customer needs (needs).")
