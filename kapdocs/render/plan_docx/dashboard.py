"""The plan on a page: the first page after the cover, for the reader who reads one page.

Where we stand (volume and, for our side, profit against target; value delivered; the
pipeline closing this period), the objectives' scorecard with their status, what is behind
schedule, and the next review with the decisions it will ask for. Every figure is the
view's (`Figures`); the page is left out of nothing: a plan with no data says so briefly.
"""

from __future__ import annotations

from .context import Bold, Context

BEHIND_SHOWN = 5
"""Actions behind schedule listed on the page (the rest are in section 6)."""


def plan_on_a_page(ctx: Context) -> None:
    """The one-page summary that opens the plan."""
    b, plan, fmt, figures = ctx.builder, ctx.plan, ctx.fmt, ctx.figures
    b.page_break()
    b.paragraph("The plan on a page", style="Subtitle")
    b.paragraph(f"{plan.account.name}, as at {ctx.date(ctx.today)}.", style="Cover Detail", italic=True)
    total = figures.performance.total
    pairs = []
    if total.ytd_volume_actual is not None:
        pairs.append(("Volume, year to date", f"{fmt.volume(total.ytd_volume_actual)}: {fmt.percent(total.volume_achievement)} "
                                              f"of the {fmt.volume(total.ytd_volume_target)} target"))
    if ctx.edition.profit and total.ytd_profit_actual is not None:
        pairs.append(("Profit, year to date", f"{fmt.money(total.ytd_profit_actual)}: {fmt.percent(total.profit_achievement)} "
                                              f"of the {fmt.money(total.ytd_profit_target)} target"))
    if figures.initiatives.valued:
        pairs.append((f"Value delivered to {plan.account.name}", fmt.money(figures.initiatives.total)))
    if ctx.edition.pipeline_management and figures.pipeline.coverage is not None:
        pairs.append(("Pipeline closing this period", f"{fmt.money(figures.pipeline.weighted_in_period)} weighted: "
                                                      f"{fmt.percent(figures.pipeline.coverage)} of the gap"))
    review = ctx.view.next_review()
    if review is not None:
        pairs.append(("Next business review", ctx.fmt.long_date(review.date)))
    if pairs:
        b.key_values(pairs, widths=(1.2, 2.6))
    else:
        b.paragraph("Figures will follow once the first period of the plan has closed.", style="Gap Note")

    b.paragraph("Objectives", bold=True).paragraph_format.keep_with_next = True
    if figures.objectives:
        rows = [[ctx.ref("smart", s.objective.id), ctx.rich(s.objective.text), ctx.date(s.objective.due),
                 ctx.objective_cell(s.status)] for s in figures.objectives]
        b.table(["No.", "Objective", "Due", "Status"], rows, widths=[1.0, 11.0, 2.2, 2.2], keep_together=True)
    else:
        ctx.gap("smart")

    behind = ctx.view.overdue_actions()
    b.paragraph("Behind schedule", bold=True).paragraph_format.keep_with_next = True
    if behind:
        shown = behind[:BEHIND_SHOWN]
        rows = [[ctx.rich(a.description), ctx.name(a.owner), ctx.date(a.due), ctx.status_cell(a)] for a in shown]
        b.table(["Action", ctx.parties.owner("us"), "Due", "Status"], rows, widths=[9.6, 2.8, 2.2, 1.8], keep_together=True)
        if len(behind) > len(shown):
            more = len(behind) - len(shown)
            b.caption(f"And {more} more action{'s' if more != 1 else ''} behind schedule: see the action plan.")
    else:
        b.paragraph("No action is behind schedule.")

    if review is not None and review.decisions_sought:
        lead = (f"Decisions we will ask for on {ctx.date(review.date)}" if ctx.edition.internal
                else f"Decisions to take together at our review on {ctx.date(review.date)}")
        b.paragraph(lead, bold=True).paragraph_format.keep_with_next = True
        ctx.points([(Bold(str(d)),) for d in review.decisions_sought])
    b.caption("An objective is at risk when its progress from the baseline trails the share of the period "
              "gone, and missed when its date has passed without the target.")
