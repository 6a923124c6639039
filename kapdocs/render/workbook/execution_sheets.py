"""Worksheets of modules 5-11: people, objectives, pipeline, change, reviews, partnership, behaviours.

As in `account_sheets`: blank for the pen; case facts in both editions; worked
answers (from `kapdocs.analysis`) only in the facilitator's edition.
"""

from __future__ import annotations

from kapdocs.view import vocabulary as words
from kapdocs.analysis import (
    AFTER_MEETING, best_strength, internal_agenda, preparation_timeline, qbr_agenda,
)
from kapdocs.analysis.partnership import POINTS
from kapdocs.model import Meeting

from ..docx_kit import Cell
from .case import ROLE_CODES, text
from .modules import (
    AUDIT_FUTURE, AUDIT_PAST, CHALLENGER_BEHAVIOURS, PARTNERSHIP_INDICATORS, POLICY_LEVELS, REP_PROFILES, SPANCOP,
)
from .sheets import Ctx

EXAMPLE_QBR = Meeting.model_validate({"id": "example-qbr", "type": "qbr", "date": "2027-03-11", "start": "10:00",
                                      "duration_minutes": 120, "first_time_senior": True})
"""The QBR whose agenda a blank workbook shows: two hours, with the company item for first-time senior guests."""

EXAMPLE_INTERNAL = Meeting.model_validate({"id": "example-review", "type": "internal_review", "date": "2027-02-18",
                                           "start": "14:00", "duration_minutes": 90})
"""The internal review whose agenda a blank workbook shows: ninety minutes."""

TICK = "✓"

# -- module 5 --------------------------------------------------------------------------------


def buyers_chart(ctx: Ctx) -> None:
    """Name, title, roles, influence, attitude and level of each buyer; the strongest link we have."""
    s, case = ctx.sheet, ctx.case
    headers = ["Name", "Title, department", "Role(s)", "Influence", "Attitude", "Policy level",
               "Strongest link (0-4) and who holds it"]
    widths = [1.8, 2.6, 1, 1, 1.2, 1.3, 2.4]
    if not (case and case.plan.contacts):
        s.table(headers, s.blank_rows(12, 7), widths)
        ctx.gap("The case plan lists no customer contacts (contacts).")
        return
    rows = []
    for c in case.plan.contacts:
        where = ", ".join(x for x in (c.title, c.department) if x)
        if ctx.answers:
            best = best_strength(case.plan, c.id)
            holders = [case.person(r.ours) for r in case.plan.relationships if r.theirs == c.id and r.strength == best]
            link = f"{best} ({', '.join(holders)})" if best is not None else "none"
            rows.append([c.name, where, " ".join(ROLE_CODES[r] for r in c.roles) or "–", c.influence or "–",
                         c.attitude or "–", c.level or "–", link])
        else:
            rows.append([c.name, where, "", "", "", "", ""])
    s.table(headers, rows, widths, height=None if ctx.answers else 1.0, font=9)
    if ctx.answers:
        _coverage_notes(ctx)


def _coverage_notes(ctx: Ctx) -> None:
    case = ctx.case
    cov = case.figures.coverage
    names = lambda ids: ", ".join(case.person(i) for i in ids) or "none"  # noqa: E731
    notes = [
        f"**Advocates:** {names(cov.advocates)}.",
        f"**Buyer roles nobody holds:** {', '.join(cov.roles_missing) or 'none'}; "
        f"**held but without a working relationship (2+):** {', '.join(cov.roles_uncovered) or 'none'}.",
        f"**High-influence contacts with a weak or no relationship:** {names(cov.weak_high_influence)}.",
        "**Senior contacts without a match in seniority on our side:** "
        + (", ".join(case.person(g.contact_id) for g in cov.seniority_gaps) or "none") + ".",
    ]
    ctx.sheet.b.bullets(notes)


def contact_matrix(ctx: Ctx) -> None:
    """Their people down the side, ours across the top; the facilitator's shows today's strengths."""
    s, case = ctx.sheet, ctx.case
    if case and case.plan.contacts and case.plan.team:
        team = case.plan.team[:12]
        headers = ["Their people"] + [m.name for m in team]
        rows = []
        for c in case.plan.contacts:
            cells = []
            for m in team:
                link = next((r for r in case.plan.relationships if r.ours == m.id and r.theirs == c.id), None)
                if not ctx.answers or link is None:
                    cells.append("")
                elif link.target_strength is not None and link.target_strength > link.strength:
                    cells.append(Cell(f"{link.strength}→{link.target_strength}", bold=True))
                else:
                    cells.append(str(link.strength))
            rows.append([f"{c.name}\n{c.title or ''}".strip()] + cells)
        widths = [3.2] + [1] * len(team)
        s.table(headers, rows, widths, height=1.0, font=8, align=["left"] + ["center"] * len(team))
        if len(case.plan.team) > len(team):
            s.note(f"The first {len(team)} of {len(case.plan.team)} team members are shown.")
        if ctx.answers:
            s.note("A → B: strength today and the strength the plan aims for.")
    else:
        ours = 9
        rows = [[s.hint("Names of our people →")] + [""] * ours] + s.blank_rows(10, ours + 1)
        s.table(["Their people ↓"] + [""] * ours, rows, [2.6] + [1] * ours, heights={0: 2.5})
        ctx.gap("The case plan has no contacts or no team, so there is no contact matrix to show.")


def policy_levels(ctx: Ctx) -> None:
    """Instigators, influencers, implementers: who is there and who covers them."""
    s, case = ctx.sheet, ctx.case
    rows = []
    for key, label, who in POLICY_LEVELS:
        there = covered = status = ""
        if ctx.answers:
            cov = case.figures.coverage
            there = ", ".join(c.name for c in case.plan.contacts if c.level == key)
            covered = ", ".join(case.person(i) for i in cov.levels_covered.get(key, []))
            status = ("nobody at this level" if key in cov.levels_missing else
                      "not covered" if key in cov.levels_uncovered else "covered")
        rows.append([Cell(f"{label}\n{who}", bold=True, fill=s.colours.light), there, covered, status])
    s.table(["Level", "Their people at this level", "Those with a working relationship (2+)", "Covered?"], rows,
            [2, 2.4, 2.4, 1], height=3.0, font=9)


# -- module 6 --------------------------------------------------------------------------------

SMART_STEPS = (
    "S  Specific: what exactly will change?",
    "M  Measurable: the measure, from baseline to target",
    "A  Achievable: why we believe we can",
    "R  Relevant: the need and long-term objective it serves",
    "T  Time-bound: the date, and who owns it",
)


def smart_builder(ctx: Ctx) -> None:
    """Two blank objective builders; with a case, its long-term objectives first, and for the
    facilitator the case's SMART objectives."""
    s, case = ctx.sheet, ctx.case
    objectives = case.plan.objectives if case else None
    if objectives and objectives.long_term:
        s.note("**The case's long-term objectives:**")
        s.b.bullets([f"{o.id}: {text(o.text)}" for o in objectives.long_term])
    if ctx.answers:
        smart = objectives.smart if objectives else []
        if not smart:
            ctx.gap("The case plan has no SMART objectives (objectives.smart).")
        else:
            f = case.fmt
            rows = [[text(o.text), o.measure or "", f"{f.number(o.baseline, 1 if o.baseline % 1 else 0)} → "
                     f"{f.number(o.target, 1 if o.target % 1 else 0)}" if o.baseline is not None and o.target is not None
                     else "", f.date(o.due), case.person(o.owner), o.supports or ""] for o in smart]
            s.table(["Objective", "Measure", "Baseline → target", "Due", "Owner", "Supports"], rows,
                    [3.2, 1.4, 1.3, 1.1, 1.2, 0.8], height=None, font=9)
            return
    for n in (1, 2):
        rows = [[s.label(step), ""] for step in SMART_STEPS] + [[s.label("The objective in one sentence"), ""]]
        s.table([f"Objective {n}", ""], rows, [1.5, 2.5], height=1.15, heights={5: 2.0})


def action_plan(ctx: Ctx) -> None:
    """The tactical action plan: blank rows, or the case's actions for the facilitator."""
    s, case = ctx.sheet, ctx.case
    headers = ["Action", "Need it serves", "Objective", "Target", "Due", "Our owner", "Customer owner", "Resources"]
    widths = [4, 1.6, 1.3, 1.3, 1.1, 1.4, 1.4, 2.4]
    if ctx.answers and case.plan.actions:
        f = case.fmt
        actions = sorted(case.plan.actions, key=lambda a: (a.due is None, a.due or a.id))
        rows = [[text(a.description), a.need or "", a.objective or "",
                 (f"{f.number(a.target.value)} {a.target.unit or ''}".strip() if a.target else ""),
                 f.date(a.due), case.person(a.owner), case.person(a.customer_owner) if a.customer_owner else "",
                 f"{text(a.resources)} ({a.status.replace('_', ' ')})" if a.resources else a.status.replace("_", " ")]
                for a in actions]
        s.table(headers, rows, widths, height=None, font=8)
        return
    s.table(headers, s.blank_rows(10, 8), widths, height=1.3)
    if ctx.answers:
        ctx.gap("The case plan has no actions (actions).")


# -- module 7 --------------------------------------------------------------------------------


def spancop(ctx: Ctx) -> None:
    """The seven stages with their entry tests; the case's opportunities as facts, placed by stage for the
    facilitator with the totals from the analysis."""
    s, case = ctx.sheet, ctx.case
    opps = case.plan.opportunities if case else []
    if opps and not ctx.answers:
        f = case.fmt
        s.note("**The case's opportunities** (place each on the stage it has reached):")
        s.table(["Opportunity", "Value", "Expected close", "Latest news / next step"],
                [[o.name, f.money(o.value), f.date(o.expected_close), o.next_step or ""] for o in opps],
                [3, 1, 1.1, 3], height=None, font=8)
    by_stage = {t.stage: t for t in case.figures.pipeline.by_stage} if ctx.answers else {}
    rows = []
    for stage, test in SPANCOP:
        names = value = ""
        if ctx.answers:
            names = "\n".join(o.name for o in opps if o.stage == stage)
            total = by_stage[stage]
            value = f"{case.fmt.money(total.value)}\n({total.count})" if total.count else ""
        rows.append([Cell(words.STAGE[stage], bold=True, fill=s.colours.light), s.hint(test), names, value])
    s.table(["Stage", "What must be true", "Opportunities at this stage", "Value (count)"], rows,
            [1.1, 2.4, 3.2, 1.1], height=None if ctx.answers else 1.9, font=9)
    if ctx.answers and not opps:
        ctx.gap("The case plan lists no opportunities (opportunities).")


def top5_big5(ctx: Ctx) -> None:
    """Top 5 (nearest to closing) and Big 5 (largest), with next steps; the coverage of the gap."""
    s, case = ctx.sheet, ctx.case
    pipe = case.figures.pipeline if ctx.answers else None
    f = case.fmt if case else None
    for title, chosen, column in (("Top 5: nearest to closing", pipe.top5 if pipe else [], "Expected close"),
                                  ("Big 5: largest", pipe.big5 if pipe else [], "Value")):
        rows = []
        for i in range(5):
            if i < len(chosen):
                o = chosen[i]
                rows.append([str(i + 1), o.name, o.stage, f.date(o.expected_close) if column == "Expected close"
                             else f.money(o.value), o.next_step or ""])
            else:
                rows.append([str(i + 1), "", "", "", ""])
        s.table(["#", title, "Stage", column, "Next step"], rows, [0.3, 2.8, 1, 1.1, 2.6], font=9,
                height=None if pipe and chosen else 1.2)
    if ctx.answers and not case.plan.opportunities:
        ctx.gap("The case plan lists no opportunities (opportunities), so there is no Top 5 or Big 5.")
    s.fields([("Weighted pipeline (value × probability, open stages)", f.money(pipe.weighted_value) if pipe else ""),
              ("Gap to the profit target", f.money(pipe.gap) if pipe else ""),
              ("Coverage = weighted pipeline ÷ gap",
               (f"{f.number(pipe.coverage, 2)} ×" if pipe.coverage is not None else "no gap") if pipe else "")],
             widths=(2.4, 1.2))


# -- module 8 --------------------------------------------------------------------------------


def force_field(ctx: Ctx) -> None:
    """Forces for and against, each scored 1-5, the totals and the balance."""
    s, case = ctx.sheet, ctx.case
    ff = case.plan.force_field if case else None
    pro, con = (list(ff.for_), list(ff.against)) if ff else ([], [])
    count = max(7, len(pro), len(con))
    rows = []
    for i in range(count):
        row = []
        for side in (pro, con):
            if i < len(side):
                row += [text(side[i].force), str(side[i].strength) if ctx.answers else ""]
            else:
                row += ["", ""]
        rows.append(row)
    totals = case.figures.force_field if ctx.answers else None
    rows.append([s.label("Total for"), Cell(str(totals.total_for) if totals else "", bold=True),
                 s.label("Total against"), Cell(str(totals.total_against) if totals else "", bold=True)])
    s.table(["Forces for the plan", "Score", "Forces against the plan", "Score"], rows, [3, 0.7, 3, 0.7],
            align=["left", "center", "left", "center"], height=1.2, font=9)
    balance = ""
    if totals:
        verdict = "a good chance of success" if totals.balance > 0 else "rework the plan before starting"
        balance = f"{totals.balance:+d}: {verdict}"
    s.fields([("Balance = total for − total against", balance),
              ("The force against I will weaken first, and how", "")], widths=(1.6, 2.4), height=1.2)
    if ctx.answers and totals is None:
        ctx.gap("The case plan has no force field (force_field), so there is no balance to show.")


def risks(ctx: Ctx) -> None:
    """Risks with likelihood, impact, contingency and owner."""
    s, case = ctx.sheet, ctx.case
    headers = ["Risk", "Likelihood", "Impact", "Contingency: what we will do if it happens", "Owner"]
    widths = [2.6, 1.1, 1, 3.2, 1.1]
    found = case.plan.risks if case else []
    if found:
        rows = [[text(r.risk), r.likelihood or "", r.impact or "", text(r.contingency), case.person(r.owner)
                 if r.owner else ""] if ctx.answers else [text(r.risk), "", "", "", ""] for r in found]
        s.table(headers, rows, widths, height=None if ctx.answers else 2.0, font=9)
    else:
        s.table(headers, s.blank_rows(6, 5), widths, height=2.0)
        ctx.gap("The case plan lists no risks (risks).")


# -- module 9 --------------------------------------------------------------------------------


def _agenda(ctx: Ctx, kind: str, example: Meeting, schedule) -> None:
    s, case = ctx.sheet, ctx.case
    meeting = case.meeting(kind) if case else None
    if meeting is not None:
        s.note(f"**The case's meeting:** {text(meeting.title or meeting.id)}, {case.date(meeting.date)}, "
               f"{meeting.start}, {meeting.duration_minutes} minutes.")
    else:
        s.note(f"Times for a {example.duration_minutes}-minute meeting starting at {example.start}.")
    items, leads = schedule(meeting or example), {}
    if ctx.answers and meeting is not None:  # who leads each item: the case meeting's presenters (the view's rule)
        from kapdocs.view import build_view, meeting_audience

        facts = build_view(case.plan, meeting_audience(meeting), case.figures.today, meeting).meeting
        items = facts.agenda
        leads = {i.key: facts.presented_by(i) for i in items}
    rows = [[f"{i.start:%H:%M}-{i.end:%H:%M}", Cell(i.title, bold=True), s.hint(i.purpose), leads.get(i.key, ""), ""]
            for i in items]
    s.table(["Time", "Item", "Purpose", "Who leads", "What they bring"], rows, [1, 2.2, 2.6, 1.2, 1.8],
            height=1.1, font=9)


def internal_agenda_sheet(ctx: Ctx) -> None:
    """The internal review agenda with its time slots (`kapdocs.analysis.internal_agenda`)."""
    _agenda(ctx, "internal_review", EXAMPLE_INTERNAL, internal_agenda)


def qbr_agenda_sheet(ctx: Ctx) -> None:
    """The QBR agenda with its time slots (`kapdocs.analysis.qbr_agenda`)."""
    _agenda(ctx, "qbr", EXAMPLE_QBR, qbr_agenda)


def prep_timeline(ctx: Ctx) -> None:
    """D-30 to D-1 before the QBR, then what to do afterwards; the facilitator's has the case's dates."""
    s, case = ctx.sheet, ctx.case
    meeting = case.meeting("qbr") if case else None
    steps = preparation_timeline(meeting or EXAMPLE_QBR)
    if meeting is not None:
        s.note(f"**The case's QBR:** {case.date(meeting.date)}. Work out each date.")
    dated = ctx.answers and meeting is not None
    rows = [[Cell(step.label, bold=True, fill=s.colours.light), case.date(step.date) if dated else "", step.task, ""]
            for step in steps]
    rows += [[Cell("After", bold=True, fill=s.colours.light), "", task, ""] for task in AFTER_MEETING]
    s.table(["Step", "Date", "What to do", "Done"], rows, [0.8, 1.4, 5, 0.7], height=1.2, font=9)


def minutes(ctx: Ctx) -> None:
    """A minutes practice sheet: header, discussion and decisions, actions."""
    s = ctx.sheet
    s.fields([("Meeting", ""), ("Date and place", ""), ("Present", ""), ("Apologies", ""), ("Minutes by", "")])
    s.table(["Agenda item", "What was discussed", "What was decided"], s.blank_rows(4, 3), [1.4, 3.2, 2.4],
            height=2.4)
    s.table(["Action", "Owner (ours / theirs)", "Due"], s.blank_rows(5, 3), [4, 2, 1])


# -- module 10 -------------------------------------------------------------------------------


def partnership(ctx: Ctx) -> None:
    """The partnership indicators with yes / partly / no boxes, evidence and the score."""
    s, case = ctx.sheet, ctx.case
    assessed = case.plan.partnership_indicators if case else []
    names = [i.indicator for i in assessed] or list(PARTNERSHIP_INDICATORS)
    rows = []
    for n, name in enumerate(names, 1):
        status = assessed[n - 1].status if ctx.answers and assessed else None
        marks = [TICK if status == key else "" for key in POINTS]
        evidence = text(assessed[n - 1].evidence) if status and assessed[n - 1].evidence else ""
        rows.append([str(n), text(name), *marks, evidence])
    score = case.partnership if ctx.answers else None
    total = (f"{case.fmt.number(score.points, 1)} of {score.out_of} ({case.fmt.percent(score.share)})"
             if score else f"____ of {len(names)}")
    rows.append(["", s.label("Score: yes 1, partly ½, no 0"), s.label(""), s.label(""), s.label(""),
                 Cell(total, bold=True)])
    s.table(["#", "Indicator", "Yes", "Partly", "No", "Evidence"], rows, [0.35, 2.9, 0.5, 0.6, 0.5, 3.6] if score else [0.35, 3.6, 0.55, 0.6, 0.55, 2.6],
            align=["center", "left", "center", "center", "center", "left"], height=None if score else 0.95,
            font=8 if score else 9)
    if ctx.answers and score is None:
        ctx.gap("The case plan does not assess the partnership indicators (partnership_indicators).")


def audit(ctx: Ctx) -> None:
    """The audit question menu, with the answers expected and given; the case's answers for the facilitator."""
    s, case = ctx.sheet, ctx.case
    if ctx.answers and case.plan.audit:
        rows = []
        for kind, title in (("past", "About the past and present"), ("future", "About the future"),
                            (None, "Other questions")):
            chosen = [a for a in case.plan.audit if a.kind == kind]
            if chosen:
                rows.append([s.band(title), s.band(""), s.band("")])
                rows += [[text(a.question), case.date(a.asked_on) if a.asked_on else "", text(a.answer)]
                         for a in chosen]
        s.table(["Question", "Asked on", "The customer's answer (from the case)"], rows, [2.4, 1, 4.2],
                height=None, font=9)
        return
    rows = [[s.band("About the past and present"), s.band(""), s.band("")]]
    rows += [[q, "", ""] for q in AUDIT_PAST]
    rows += [[s.band("About the future"), s.band(""), s.band("")]]
    rows += [[q, "", ""] for q in AUDIT_FUTURE]
    s.table(["Question", "The answer I expect", "The answer I got"], rows, [2.6, 2.3, 2.3], height=1.15, font=9,
            heights={0: None, len(AUDIT_PAST) + 1: None})
    if ctx.answers:
        ctx.gap("The case plan records no audit answers (audit).")


# -- module 11 -------------------------------------------------------------------------------


def rep_profiles(ctx: Ctx) -> None:
    """The five profiles: what each looks like, how much like me, an example."""
    s = ctx.sheet
    rows = [[s.label(name), s.hint(desc), "", ""] for name, desc in REP_PROFILES]
    s.table(["Profile", "What it looks like", "Like me? (1-5)", "An example from my last month"], rows,
            [1.4, 2.8, 0.9, 2.6], height=2.6, font=9)


def challenger(ctx: Ctx) -> None:
    """Teach, tailor, take control: one conversation prepared for the participant's account."""
    s = ctx.sheet
    rows = [[s.label(name), s.hint(meaning), ""] for name, meaning in CHALLENGER_BEHAVIOURS]
    s.table(["Behaviour", "What it means", "What I will do with my account"], rows, [1.2, 2.6, 3.6], height=3.6,
            font=9)
    s.fields([("The two people I will tailor it for", ""), ("The next step I will propose, and when", "")],
             widths=(1.6, 2.4), height=1.2)
