"""The internal review slides: Past, Future, Assess, Learn (the internal review agenda).

The internal deck is for our own side only, so it shows what a customer deck
never does: profit, opportunity values and probabilities, the whole pipeline,
risks and contingencies.
"""

from __future__ import annotations

import datetime as dt

from kapdocs.view import vocabulary as words
from kapdocs.analysis import AgendaItem
from kapdocs.model import OPEN_STAGES, WON_STAGES, Opportunity

from .context import (
    Context, action_label, bullets, close_cell, heading, literal, money_format, para, plain_para, prompt,
    sentence, text,
)
from .qbr_slides import initiatives, opportunity_table, top_and_big, ytd
from .spec import TITLE_AND_CONTENT, TITLE_ONLY, TWO_CONTENT, Cell, Chart, Column, Para, Run, Series, Slide, Table, Text


def past(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Past: year to date against target, by site, and the executed initiatives."""
    return ytd(ctx, item) + initiatives(ctx, item)


def future(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Future: the open pipeline by stage against the gap to target (`Figures.pipeline`), then every open deal."""
    p, fmt = ctx.figures.pipeline, ctx.fmt
    title = "Future: pipeline against the gap"
    if not ctx.plan.opportunities:
        body = prompt(ctx, ["No opportunities yet."],
                      ["opportunities[]: stage, value, probability, expected close, next step.",
                       "Without a pipeline there is no way to see how the gap will be closed."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    stages = [s for s in p.by_stage if s.stage in OPEN_STAGES]
    chart = Chart("column", "Open pipeline by stage", tuple(words.STAGE[s.stage] for s in stages),
                  (Series("Value", tuple(s.value for s in stages), "line"),
                   Series("Weighted", tuple(s.weighted for s in stages), "secondary")),
                  y_title=f"Value ({fmt.symbol.strip()})", number_format=money_format(ctx),
                  description="Open pipeline value and weighted value by stage")
    if p.coverage is None:
        coverage = Run("Coverage: no gap left", bold=True, colour="green")
    else:
        coverage = Run(f"Coverage: {fmt.percent(p.coverage)}", bold=True, colour="green" if p.coverage >= 1 else "red")
    facts = [heading("Coverage of the gap"),
             plain_para("Profit still to find: ", Run(fmt.money(p.gap), bold=True), level=1),
             plain_para("Weighted, closing this period: ", Run(fmt.money(p.weighted_in_period), bold=True), level=1),
             Para((coverage,), scale=1.3),
             plain_para(f"Open pipeline: {fmt.money(p.open_value)}", level=1),
             plain_para(f"Won this period (order, pay): {fmt.money(p.won_value)}", level=1),
             plain_para(f"At suspect or prospect: {p.early_stage_count} opportunities", level=1),
             para("Are this plan's actions in the pipeline as opportunities?", italic=True, colour="muted")]
    slides = [Slide(TWO_CONTENT, title, body=(chart, text(facts, max_size=18)),
                    notes=("The main focus of the review: does the weighted pipeline cover what is still to find?",
                           f"Weighted pipeline closing this period {fmt.money(p.weighted_in_period)} (of "
                           f"{fmt.money(p.weighted_value)} in all) against a gap of {fmt.money(p.gap)}."))]
    open_opps = sorted((o for o in ctx.plan.opportunities if o.stage in OPEN_STAGES),
                       key=lambda o: (-OPEN_STAGES.index(o.stage), o.expected_close or dt.date.max, o.id))
    if open_opps:
        slides.append(Slide(TITLE_ONLY, "Future: the open pipeline", body=(opportunity_table(ctx, open_opps),),
                            caption="Latest stage first",
                            notes=("For each: is the next step booked, and is the probability honest?",)))
    return slides


def _deal_table(ctx: Context, opps: list[Opportunity], last: str) -> Table | Text:
    """A short Top 5 or Big 5 table whose last column is the expected close or the value."""
    if not opps:
        return prompt(ctx, ["No open opportunities."])

    def last_cell(o: Opportunity) -> Cell:
        if last == "Value":
            return Cell(ctx.fmt.money(o.value))
        return close_cell(ctx, o)

    rows = tuple((Cell(literal(o.name)), Cell(words.STAGE[o.stage]), last_cell(o)) for o in opps)
    return Table((Column("Opportunity", 3.4), Column("Stage", 1.6), Column(last, 1.2, "right")), rows, size=12,
                 max_size=14)


def assess(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Assess: the Top 5 and Big 5; late actions and supply misses; risks, wins and what the plan cannot say."""
    plan, fmt = ctx.plan, ctx.fmt
    top, big = top_and_big(ctx)
    slides = [Slide(TWO_CONTENT, "Assess: Top 5 and Big 5", body=(_deal_table(ctx, top, "Close"),
                                                                  _deal_table(ctx, big, "Value")),
                    caption="Left: the Top 5, nearest to closing. Right: the Big 5, the largest.",
                    notes=("Stage, next step and owner for each; what would move it forward this month?",))]
    late = ctx.facts.overdue
    off = [s for s in ctx.facts.supply if s.status in ("red", "amber")]
    delivery = [heading("Delivery on time")]
    delivery += [para(f"{sentence(a.text)} (due {a.due_text}, {a.ours or a.theirs or 'no owner'})", 1)
                 for a in late] or [para("No action is overdue.", 1)]
    if off:
        delivery.append(para("Supply measures off target", bold=True))
        delivery += [para(f"{literal(s.metric)}: {s.actual} against {s.target}", 1) for s in off]
    pressure = [heading("Churn and price pressure")]
    for risk in plan.risks:
        rating = f" ({risk.likelihood} likelihood, {risk.impact} impact)" if risk.likelihood and risk.impact else ""
        pressure.append(para(sentence(risk.risk) + rating, 1))
    if not plan.risks:
        pressure.append(para("No risks recorded: what could we lose, and to whom?", italic=True, colour="muted"))
    won = sum(s.count for s in ctx.figures.pipeline.by_stage if s.stage in WON_STAGES)
    pressure.append(para("Hit rates and cycle times", bold=True))
    pressure.append(para(f"Won this period: {won} opportunities worth {fmt.money(ctx.figures.pipeline.won_value)}. "
                         "Lost business is not in the plan: bring the hit rate and cycle times from the CRM.", 1))
    notes = ["Be honest about slippage and lost business; agree one fix for each."]
    notes += [f"Contingency for \u201c{sentence(r.risk)}\u201d: {' '.join(literal(r.contingency).split())}"
              for r in plan.risks if r.contingency]
    slides.append(Slide(TWO_CONTENT, "Assess: delivery, churn and price pressure",
                        body=(text(delivery, max_size=16, min_size=10), text(pressure, max_size=16, min_size=10)),
                        notes=tuple(notes)))
    return slides + [_relationships_and_competitors(ctx)]


def _relationships_and_competitors(ctx: Context) -> Slide:
    """Assess: the relationship picture (blockers, sceptics, gaps in the buying centre) and where the
    competition stands (`Figures.coverage`, `Figures.alignment`): our own reading, for our side only."""
    plan, cov, fit = ctx.plan, ctx.figures.coverage, ctx.figures.alignment
    people = [heading("Relationships")]
    wary = [c for c in plan.contacts if c.attitude in ("blocker", "sceptic")]
    for c in sorted(wary, key=lambda c: (c.attitude != "blocker", c.name)):
        strength = cov.best.get(c.id)
        link = words.RELATIONSHIP_STRENGTH.get(strength, "none") if strength is not None else "none"
        people.append(para(f"{literal(c.name)}, {literal(c.title or '')}: {words.ATTITUDE[c.attitude].lower()}, "
                           f"our best link {link}", 1))
    gaps = [words.BUYER_ROLE[r] for r in cov.roles_missing + cov.roles_uncovered]
    if gaps:
        people.append(para("Buying roles not covered: " + ", ".join(gaps), 1))
    if cov.kam_share is not None:
        people.append(para(f"Shape: {cov.shape} ({ctx.fmt.percent(cov.kam_share)} of the links held by the key "
                           "account manager)", 1))
    if len(people) == 1:
        people.append(para("No blocker or sceptic recorded, and every buying role covered.", 1))
    rivals = [heading("The competition")]
    scores = [s for s in fit.scores if s.score is not None]
    rivals += [plain_para(f"{literal(s.supplier)}: ", Run(ctx.fmt.score(s.score), bold=True), level=1)
               for s in sorted(scores, key=lambda s: -s.score)]
    if fit.lead:
        rivals.append(para("We lead on: " + ", ".join(literal(f) for f in fit.lead), 1))
    if fit.trail:
        rivals.append(para("We trail on: " + ", ".join(literal(f) for f in fit.trail), 1))
    if len(rivals) == 1:
        rivals.append(para("No competitor is scored on the customer's success factors yet.", 1))
    return Slide(TWO_CONTENT, "Assess: relationships and the competition",
                 body=(text(people, max_size=16, min_size=10), text(rivals, max_size=16, min_size=10)),
                 notes=("Who could block the plan, and who on our side will win them over? Where must we close "
                        "the gap on the competition before the next review?",))


def learn(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Learn: good practice and who to thank (the highlights and their owners), decisions, the next review."""
    plan, fmt, m = ctx.plan, ctx.fmt, ctx.meeting
    highlights = [i for i in plan.initiatives if i.kind == "highlight"]
    good = [heading("Good practice to share")]
    good += [para(action_label(plan, i.action), 1) for i in highlights] or [
        para("What worked well this period that others should copy?", italic=True, colour="muted")]
    thanks = [heading("Recognition")]
    owners: dict[str, list[str]] = {}
    for i in highlights:
        action = next((a for a in plan.actions if a.id == i.action), None)
        if action and action.owner:
            owners.setdefault(action.owner, []).append(sentence(action.description))
    for owner, done in owners.items():
        thanks.append(plain_para(Run(ctx.name(owner), bold=True), level=1))
        thanks += [para(d, 2) for d in done]
    if len(thanks) == 1:
        thanks.append(para("Who contributed this period, on our side and the customer's?", italic=True,
                           colour="muted"))
    slides = [Slide(TWO_CONTENT, "Learn: good practice and recognition",
                    body=(text(good, max_size=18), text(thanks, max_size=18)),
                    notes=("Name the people and say what they did; agree how to share the practice.",))]
    body = [heading("Decisions we need")]
    body += bullets(m.decisions_sought) or [para("No decisions requested.", 1, italic=True, colour="muted")]
    body.append(heading("Update the plan"))
    reviewed = plan.plan.last_reviewed
    body.append(para(f"The plan was last reviewed on {fmt.date(reviewed)}: update it with what we decided today."
                     if reviewed else "Record today's decisions in the plan and set its review date.", 1))
    next_review = f"Next review: {fmt.long_date(m.next)}" if m.next else "Next review: to be booked today"
    body.append(Para((Run(next_review, bold=True, colour="primary"),), scale=1.1))
    slides.append(Slide(TITLE_AND_CONTENT, "Learn: update the plan and the next review",
                        body=(text(body, max_size=20),),
                        notes=("Close by booking the next review and agreeing who updates the plan by when.",)))
    return slides
