"""Section 4, customer alignment (critical success factors, us against each competitor) and section 5,
relationship management (decision-making unit, coverage, core team, contact matrix)."""

from __future__ import annotations

from ...analysis import BUYER_ROLES
from ...model import SENIORITY_RANK, Contact
from ...naming import contacts_file
from ..docx_kit import Cell
from . import plan_charts
from .context import Bold, Context
from ...view import vocabulary as words
from .strategy import number

ATTITUDE_LABELS = words.ATTITUDE
LEVEL_LABELS = words.POLICY_LEVEL


# -- 4 customer alignment ------------------------------------------------------------------
def customer_alignment(ctx: Context) -> None:
    """4 Customer alignment: how the customer judges suppliers, and how we compare."""
    ctx.section("Customer alignment")
    success_factors(ctx)
    if ctx.edition.competitors:
        against_competitors(ctx)


def success_factors(ctx: Context) -> None:
    """The critical success factors with their weight and our score (and the competitors', internally)."""
    ctx.subsection("Critical success factors")
    factors = ctx.plan.critical_success_factors
    if not factors:
        ctx.gap("csf")
        return
    competitors = ctx.figures.alignment.competitors if ctx.edition.competitors else []
    headers = [f"Success factor, as {ctx.parties.customer} judges suppliers", "Weight", ctx.parties.us, *competitors]
    rows = [[f.factor, number(f.weight), number(f.us), *(number(f.competitors.get(n)) for n in competitors)]
            for f in factors]
    if competitors:
        fit = ctx.figures.alignment
        rows.append(["Weighted score", "", ctx.fmt.score(fit.score("Us")), *(ctx.fmt.score(fit.score(n)) for n in competitors)])
    width = max(1.4, min(2.4, 9.0 / max(1, len(competitors) + 1)))
    ctx.builder.table(headers, rows, widths=[5.6, 1.3] + [width] * (1 + len(competitors)),
                      align=["left"] + ["right"] * (2 + len(competitors)), total=bool(competitors))
    ctx.builder.caption(f"Scores from 0 to 10, as {ctx.parties.customer} would rate each supplier.")


def against_competitors(ctx: Context) -> None:
    """Us against each competitor, factor by factor (chart), and where we lead or trail."""
    ctx.subsection("Us against the competition")
    factors = ctx.plan.critical_success_factors
    competitors = ctx.figures.alignment.competitors
    if not factors or not competitors:
        ctx.gap("csf_competitors")
        return
    plan_charts.alignment(ctx, factors, competitors)
    lead, trail = ctx.figures.alignment.lead, ctx.figures.alignment.trail
    if lead:
        ctx.say("We lead every competitor on: ", ", ".join(lead) + ".")
    if trail:
        ctx.say("At least one competitor beats us on: ", ", ".join(trail) + ".")


# -- 5 relationship management --------------------------------------------------------------
def relationship_management(ctx: Context) -> None:
    """5 Relationship management: the decision-making unit, coverage, the core team, the contact matrix."""
    wide = ctx.edition.ratings and bool(ctx.plan.contacts)  # influence, attitude and notes need the width
    if wide:
        ctx.builder.landscape()
    ctx.section("Relationship management", page_break=not wide)
    decision_making_unit(ctx)
    if ctx.edition.ratings:
        coverage(ctx)
    core_team(ctx)
    if ctx.edition.contact_matrix:
        contact_matrix(ctx)


def _role_order(contact: Contact) -> tuple:
    first = min((BUYER_ROLES.index(r) for r in contact.roles), default=len(BUYER_ROLES))
    return first, -SENIORITY_RANK.get(contact.seniority or "", -1), contact.name


def decision_making_unit(ctx: Context) -> None:
    """The customer's people by buyer role, with policy level (and influence, attitude, notes internally)."""
    ctx.subsection("Decision-making unit")
    contacts = ctx.plan.contacts
    if not contacts:
        ctx.gap("dmu")
        return
    c = ctx.theme.colours
    attitude_colour = {"champion": c.green, "supporter": c.green, "sceptic": c.amber, "blocker": c.red}
    rows = []
    for contact in sorted(contacts, key=_role_order):
        roles = "\n".join(words.BUYER_ROLE[r] for r in contact.roles) or "No buying role"
        title = contact.title or "–"
        if contact.department and contact.department not in title:
            title += f", {contact.department}"
        site = ctx.plan.site(contact.site)
        if site:
            title += f"\n{site.name}"
        cells = [roles, Cell(contact.name, bold=True), title, LEVEL_LABELS.get(contact.level or "", "–")]
        if ctx.edition.ratings:
            cells += [words.INFLUENCE.get(contact.influence or "", "–"),
                      Cell(ATTITUDE_LABELS.get(contact.attitude or "", "–"),
                           colour=attitude_colour.get(contact.attitude or ""),
                           bold=contact.attitude in ("blocker", "champion")),
                      ctx.rich(contact.notes) if contact.notes else ""]
        rows.append(cells)
    if ctx.edition.ratings:
        headers = ["Buyer role", "Name", "Title and site", "Policy level", "Influence", "Attitude", "Notes"]
        widths = [3.2, 3.0, 4.6, 2.2, 1.7, 2.0, 8.9]
    else:
        headers = ["Buyer role", "Name", "Title and site", "Policy level"]
        widths = [3.6, 3.6, 6.8, 2.6]
    ctx.builder.table(headers, rows, widths=widths, font_size=8)


def coverage(ctx: Context) -> None:
    """How well our relationships cover the decision-making unit (`Figures.coverage`)."""
    ctx.subsection("Coverage of the decision-making unit")
    cov, plan = ctx.figures.coverage, ctx.plan
    if not plan.contacts or not plan.relationships:
        ctx.gap("coverage")
        return

    def names(ids: list[str]) -> str:
        return ", ".join(ctx.name(i) for i in ids) or "none"

    def groups(covered: dict[str, list[str]], missing: list[str], uncovered: list[str], labels) -> str:
        parts = [f"{labels[g]}: {len(ids)} covered" for g, ids in covered.items() if ids]
        parts += [f"{labels[g]}: no contact yet" for g in missing]
        parts += [f"{labels[g]}: contacts but no working relationship" for g in uncovered]
        return "\n".join(parts)

    gaps = [f"{ctx.name(g.contact_id)} ({g.contact_seniority}): "
            + (f"best link {ctx.name(g.best_member_id)} ({g.best_member_seniority or 'seniority unknown'})"
               if g.best_member_id else "nobody linked") for g in cov.seniority_gaps]
    if cov.kam_share is None:
        shape = "Unknown: no key account manager or no live relationships"
    else:
        word = "Diamond" if cov.shape == "diamond" else "Bow-tie"
        shape = (f"{word}: the key account manager holds {ctx.fmt.percent(cov.kam_share)} of the live "
                 "relationships" + ("; the other functions talk to their counterparts" if cov.shape == "diamond"
                                    else "; too much runs through one person"))
    senior = cov.seniority_matches + len(cov.seniority_gaps)
    ctx.builder.key_values([
        ("Buyer roles", groups(cov.roles_covered, cov.roles_missing, cov.roles_uncovered, words.BUYER_ROLE)),
        ("Policy levels", groups(cov.levels_covered, cov.levels_missing, cov.levels_uncovered, LEVEL_LABELS)),
        ("Advocates", names(cov.advocates)),
        ("Seniority matched", f"{cov.seniority_matches} of {senior} director and board contacts"),
        ("Seniority gaps", "\n".join(gaps) or "none"),
        ("Shape of the relationship", shape),
        ("High influence, weak relationship", names(cov.weak_high_influence)),
        ("Relationships below their target", str(len(cov.below_target))),
    ], widths=(1, 3))
    ctx.builder.caption("Covered: at least one working relationship (strength 2 of 4 or more).")


def core_team(ctx: Context) -> None:
    """The core team, with functions and responsibilities."""
    ctx.subsection(ctx.joint("Core team", "{ours} team for {customer}"))
    team, account = ctx.plan.team, ctx.plan.account
    if not team:
        ctx.gap("team")
        return
    rows = []
    for m in team:
        role = (" (key account manager)" if m.id == account.key_account_manager else
                " (executive sponsor)" if m.id == account.executive_sponsor else "")
        rows.append([Cell(m.name + role, bold=bool(role)), m.title or "–",
                     words.FUNCTION[m.function], ctx.rich(m.responsibilities)])
    ctx.builder.table(["Name", "Title", "Function", "Responsibilities on this account"], rows,
                      widths=[3.4, 3.4, 2.4, 7.4])


def contact_matrix(ctx: Context) -> None:
    """Where the full contact matrix is."""
    ctx.subsection("Contact matrix")
    name = contacts_file(ctx.plan.account.name)
    if not ctx.plan.relationships:
        ctx.gap("coverage")
    else:
        ctx.say(f"{len(ctx.plan.relationships)} relationships link our core team to the customer's people; "
                f"{len(ctx.figures.coverage.below_target)} are below the strength they should reach.")
    ctx.say("The full contact matrix (who on our side relates to whom on theirs, how strongly, how often, and "
            "the target strength) is in the workbook ", Bold(name), ", written by ", Bold("kapdocs contacts"), ".")

