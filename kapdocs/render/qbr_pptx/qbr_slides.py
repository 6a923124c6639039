"""The customer review (QBR) slides, one builder per agenda item, in the documented order.

Each builder takes the deck `Context` and its `AgendaItem` and returns the item's
slides. What a customer deck may show is set out in `deck.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from kapdocs.analysis import AgendaItem, meeting_end, meeting_start, preparing_review
from kapdocs.view import vocabulary as words
from kapdocs.model import OPEN_STAGES, WON_STAGES, Meeting, Opportunity, Plan
from kapdocs.text import parse_markdown

from .context import (
    DEFAULT_FUTURE_QUESTIONS, GROUP_COLOUR, MONTHS, Context, action_label, close_cell,
    bullets, gap_cell, heading, money_format, month,
    literal, opportunity_stage, para, plain_para, prompt, runs, short, status_cell, text,
)
from .spec import (
    TITLE_AND_CONTENT, TITLE_ONLY, TITLE_SLIDE, TWO_CONTENT, Cell, Chart, Column, Para, Run, Series, Slide, Table, Text,
)

# -- title and agenda ---------------------------------------------------------------

def default_title(plan: Plan, meeting: Meeting) -> str:
    kind = words.MEETING_TYPE[meeting.type].lower()
    return f"{literal(plan.account.name)}: {kind}, {month(meeting.date)}"


def title_slide(ctx: Context) -> Slide:
    plan, m, fmt = ctx.plan, ctx.meeting, ctx.fmt
    title = literal(m.title) or default_title(plan, m)
    subtitle = []
    if ctx.internal and m.type == "qbr":
        # our preparation for the customer's review: the internal review's own date, place and people
        title = f"{title}: internal preparation"
        subtitle.append(f"Preparing the review of {fmt.long_date(m.date)}")
        m = preparing_review(plan, m) or m.model_copy(update={"venue": None, "attendees": [
            i for i in m.attendees if plan.member(i)], "apologies": [i for i in m.apologies if plan.member(i)]})
    if plan.account.name not in title:
        subtitle.insert(0, literal(plan.account.name))
    if m is ctx.meeting:
        subtitle.append(f"{fmt.long_date(m.date)}, {fmt.time(ctx.facts.start)}–{fmt.time(ctx.facts.end)}")
    else:
        subtitle.append(f"{fmt.long_date(m.date)}, {fmt.time(meeting_start(m))}–{fmt.time(meeting_end(m))}")
    if m.venue:
        subtitle.append(literal(m.venue))
    if ctx.internal:
        subtitle.append("Internal: not for the customer")

    def people(ids: Sequence[str], lookup: Callable) -> list[Para]:
        out = []
        for pid in ids:
            person = lookup(pid)
            if person is None:
                continue
            role = f", {literal(person.title)}" if person.title else ""
            out.append(plain_para(Run(literal(person.name), bold=True), Run(role)))
        return out

    ours = people(m.attendees, plan.member)
    theirs = people(m.attendees, plan.contact)
    ours_apologies = [plan.member(i).name for i in m.apologies if plan.member(i)]
    theirs_apologies = [plan.contact(i).name for i in m.apologies if plan.contact(i)]

    def column(head: str, names: list[Para], apologies: list[str], empty: str) -> Text:
        paras = [heading(head or " ")] + (names or [Para((Run(empty, italic=True, colour="muted"),))])
        if apologies:
            paras.append(Para((Run("Apologies: " + ", ".join(literal(a) for a in apologies), italic=True,
                                   colour="muted"),)))
        return Text(tuple(paras), max_size=14, min_size=9)

    body = (column(literal(plan.account.name), theirs, theirs_apologies, "Attendees to be confirmed"),
            column(ctx.view.parties.our_side, ours, ours_apologies, "Attendees to be confirmed"))
    if ctx.internal and not theirs:  # our side only: the list runs over two columns
        half = (len(ours) + 1) // 2
        body = (column("Core team", ours[:half], [], "Attendees to be confirmed"),
                column("", ours[half:], ours_apologies, ""))
    notes = [f"Welcome and introductions: {m.duration_minutes} minutes in all, from {fmt.time(ctx.facts.start)}."]
    notes.append("Introduce everyone in the room: name, role, and what each wants from today.")
    if m.objectives:
        notes.append("This meeting must: " + "; ".join(literal(o) for o in m.objectives) + ".")
    return Slide(TITLE_SLIDE, title, body=body, subtitle=tuple(subtitle), notes=tuple(notes))


def agenda_slide(ctx: Context, item: AgendaItem) -> list[Slide]:
    fmt = ctx.fmt
    rows = tuple((Cell(f"{fmt.time(a.start)}–{fmt.time(a.end)}"), Cell(a.title), Cell(ctx.facts.presented_by(a)),
                  Cell(str(a.minutes))) for a in ctx.agenda)
    slot = 2.6 if fmt.locale == "en-US" else 1.5  # "10:00 AM–10:05 AM" needs more room than "10:00–10:05"
    table = Table((Column("Time", slot), Column("Item", 3.6), Column("Presenter", 1.9), Column("Min", 0.7, "right")),
                  rows, size=12, max_size=14)
    m = ctx.meeting
    aims = [heading("What today must achieve")]
    aims += bullets(m.objectives) if m.objectives else [
        para("Agree at the start what this meeting must achieve.", italic=True, colour="muted")]
    if m.decisions_sought:
        n = ctx.item_number("action_log") or ctx.item_number("learn")
        count = len(m.decisions_sought)
        what = "one decision" if count == 1 else f"{count} decisions"
        aims.append(plain_para(Run(f"We will ask for {what}" + (f" at item {n}." if n else "."), bold=True)))
    notes = ["Walk through the agenda and the time for each item; agree what the meeting must achieve.",
             "Year to date is capped at 30% of the time: the future-facing items get the most."]
    return [Slide(TWO_CONTENT, "Agenda", body=(table, text(aims, max_size=18)), notes=tuple(notes), split=0.62)]


# -- QBR items ----------------------------------------------------------------------

def last_actions(ctx: Context, item: AgendaItem) -> list[Slide]:
    title = "Review of actions from the last meeting"
    previous = ctx.facts.previous
    if previous is None:
        body = prompt(ctx, ["This is our first review together: there are no earlier actions to review.",
                            "We will agree actions, owners and dates at the end of today's meeting."],
                      ["action_log entries raised at an earlier meeting (raised_in).",
                       "The review opens by checking what was promised last time."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))] + overdue_slides(ctx)
    entries = ctx.facts.last_actions
    if previous.date > ctx.facts.today:  # built ahead of time: that meeting has not happened yet
        body = prompt(ctx, [f"The actions agreed at our meeting on {ctx.fmt.date(previous.date)} will be "
                            "reviewed here.",
                            "Which of them are done, and which need a new date?"])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))] + overdue_slides(ctx)
    caption = f"Actions agreed on {ctx.fmt.date(previous.date)}"
    if previous.title:
        caption += f" ({literal(previous.title)})"
    if not entries:
        body = prompt(ctx, [f"No actions were recorded at our meeting on {ctx.fmt.date(previous.date)}.",
                            "Is anything still open from that meeting that we should pick up today?"],
                      [f"action_log entries with raised_in: {previous.id}.",
                       "The review opens by checking what was promised last time."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,), notes=(caption + ".",))] + overdue_slides(ctx)
    columns = (Column("Action", 5.0), Column("Owner", 2.4), Column("Due", 1.3), Column("Status", 1.3))
    rows = tuple((Cell(literal(e.text)), Cell(e.owners), Cell(e.due_text or "–"), status_cell(e))
                 for e in entries)
    done = sum(1 for e in entries if e.group == "done")
    notes = [caption + ".", f"{done} of {len(entries)} done. Start with what is late and agree a new date for it."]
    return [Slide(TITLE_ONLY, title, body=(Table(tuple(columns), tuple(rows)),), notes=tuple(notes),
                  caption=caption)] + overdue_slides(ctx)


def overdue_slides(ctx: Context) -> list[Slide]:
    """The plan's open actions past their due date on the meeting day (none: no slide)."""
    late = ctx.facts.overdue
    if not late:
        return []
    columns = (Column("Action", 5.0), Column("Owners", 2.4), Column("Due", 1.3), Column("Status", 1.3))
    rows = tuple((Cell(literal(a.text)), Cell(a.owners), Cell(a.due_text), status_cell(a)) for a in late)
    caption = f"Open plan actions past their due date on {ctx.fmt.date(ctx.facts.as_of)}"
    return [Slide(TITLE_ONLY, "Actions behind schedule", body=(Table(columns, rows),), caption=caption,
                  notes=("For each: what is holding it up, what we need from each other, and the new date.",))]


def _ytd_chart(ctx: Context, measure: str) -> Chart | None:
    periods = [p for p in ctx.figures.performance.periods
               if p.volume_actual is not None or p.profit_actual is not None]
    if not periods:
        return None
    if measure == "volume":
        unit = literal(ctx.plan.account.volume_unit)
        return Chart("column", f"Volume by period ({unit}): target and actual", tuple(p.period for p in periods),
                     (Series("Target", tuple(p.volume_target for p in periods), "primary", line=True),
                      Series("Actual", tuple(p.volume_actual for p in periods), "secondary")),
                     y_title=unit.capitalize() or "Volume",
                     description="Volume target and actual by period, year to date", data_labels=True)
    money = ctx.fmt.symbol.strip()
    return Chart("column", f"Profit by period ({money}): target and actual", tuple(p.period for p in periods),
                 (Series("Target", tuple(p.profit_target for p in periods), "secondary", line=True),
                  Series("Actual", tuple(p.profit_actual for p in periods), "primary")),
                 y_title=f"Profit ({money})", number_format=money_format(ctx),
                 description="Profit target and actual by period, year to date", data_labels=True)


def _ytd_summary(ctx: Context) -> Text:
    t, fmt = ctx.figures.performance.total, ctx.fmt
    perf = ctx.figures.performance
    paras = [heading("Year to date")]
    if t.ytd_volume_actual is not None:
        paras.append(Para((Run(fmt.volume(t.ytd_volume_actual), bold=True, colour="primary"),), scale=1.4))
        paras.append(plain_para(f"against a target of {fmt.volume(t.ytd_volume_target)} "
                                f"({fmt.percent(t.volume_achievement)} of target)"))
        gap = t.volume_gap or 0
        word = "ahead of" if gap >= 0 else "behind"
        paras.append(Para((Run(f"{fmt.number(abs(gap))} {literal(ctx.plan.account.volume_unit)} {word} target",
                               bold=True, colour="green" if gap >= 0 else "red"),)))
    paras.append(heading("Full period"))
    paras.append(plain_para(f"Target: {fmt.volume(t.full_volume_target)}", level=1))
    paras.append(plain_para(f"Still to deliver: {fmt.volume(perf.remaining_volume_gap)}", level=1))
    return text(paras, max_size=20)


def ytd(ctx: Context, item: AgendaItem) -> list[Slide]:
    perf, fmt = ctx.figures.performance, ctx.fmt
    title = "Past: year to date against target" if ctx.internal else _ytd_point(ctx)
    if not ctx.plan.performance:
        body = prompt(ctx, ["Year-to-date figures are not available yet.",
                            "Let us agree which volumes we track together, and how often we share them."],
                      ["performance[] records: volume and profit targets and actuals per period and site.",
                       "The review starts from where we stand against target."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    slides = []
    volume = _ytd_chart(ctx, "volume")
    t = perf.total
    gap_note = (f"Year to date: {fmt.volume(t.ytd_volume_actual)} against {fmt.volume(t.ytd_volume_target)} "
                f"({fmt.percent(t.volume_achievement)}).")
    if ctx.view.visible("performance[].profit_actual"):
        profit = _ytd_chart(ctx, "profit")
        caption = (f"Volume {fmt.volume(t.ytd_volume_actual)} of {fmt.volume(t.ytd_volume_target)} "
                   f"({fmt.percent(t.volume_achievement)}); profit {fmt.money(t.ytd_profit_actual)} of "
                   f"{fmt.money(t.ytd_profit_target)} ({fmt.percent(t.profit_achievement)}); profit still to find "
                   f"{fmt.money(perf.remaining_profit_gap)}")
        body = tuple(c for c in (volume, profit) if c is not None) or (prompt(ctx, ["No actuals yet."]),)
        slides.append(Slide(TWO_CONTENT if len(body) == 2 else TITLE_ONLY, title,
                            body=body, caption=caption, notes=(gap_note, caption + ".")))
    else:
        left = volume or prompt(ctx, ["No actuals have been recorded yet this period."])
        slides.append(Slide(TWO_CONTENT, title, body=(left, _ytd_summary(ctx)),
                            notes=(gap_note, "Keep this short: at most 30% of the meeting looks back.")))
    site_title = "Past: year to date by site" if ctx.internal else "Year-to-date performance by site"
    unit = literal(ctx.plan.account.volume_unit)
    profit = ctx.view.visible("performance[].profit_actual")
    caption = f"Volumes in {unit}" + (f"; money in {ctx.plan.account.currency}" if profit else "")
    slides.append(Slide(TITLE_ONLY, site_title, body=(_site_table(ctx),), caption=caption,
                        notes=("Site by site: where are we ahead, where behind, and why?",)))
    return slides


def _ytd_point(ctx: Context) -> str:
    """The year-to-date slide's title, the point in a line: "Volume at 100% of target; Bristol 4% behind"."""
    total = ctx.figures.performance.total
    if total.volume_achievement is None:
        return "Year-to-date performance"
    point = f"Volume at {ctx.fmt.percent(total.volume_achievement)} of target"
    behind = [s for s in ctx.figures.performance.sites
              if s.site_id is not None and s.volume_achievement is not None and s.volume_achievement < 1]
    if behind:
        worst = min(behind, key=lambda s: s.volume_achievement)
        short_name = literal(worst.name).split()[0]
        point += f"; {short_name} {ctx.fmt.percent(1 - worst.volume_achievement)} behind"
    return point


def _site_table(ctx: Context) -> Table:
    """Year to date by site and in total (`MeetingFacts.ytd`); profit where the view shows it."""
    profit = ctx.view.visible("performance[].profit_actual")
    columns = [Column("Site", 3.2), Column("Target YTD", 1.4, "right"), Column("Actual YTD", 1.4, "right"),
               Column("Gap", 1.2, "right"), Column("Achieved", 1.2, "right"),
               Column("Full-period target", 1.7, "right")]
    if profit:
        columns = [Column("Site", 2.8), Column("Volume target", 1.3, "right"),
                   Column("Volume actual", 1.3, "right"), Column("Gap", 1.1, "right"),
                   Column("Achieved", 1.1, "right"), Column("Profit target", 1.4, "right"),
                   Column("Profit actual", 1.4, "right"), Column("Gap", 1.3, "right"),
                   Column("Achieved", 1.1, "right")]
    rows = []
    for s in ctx.facts.ytd:
        bold = s.total
        row = [Cell(literal(s.site), bold=bold), Cell(s.volume_target, bold=bold),
               Cell(s.volume_actual, bold=bold), gap_cell(s.volume_gap, s.volume_gap_value),
               Cell(s.volume_achieved, bold=bold)]
        if profit:
            row += [Cell(s.profit_target, bold=bold), Cell(s.profit_actual, bold=bold),
                    gap_cell(s.profit_gap, s.profit_gap_value), Cell(s.profit_achieved, bold=bold)]
        else:
            row.append(Cell(s.full_volume_target, bold=bold))
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def company(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Who we are (`supplier`), then how our work together has grown and who looks after the account."""
    plan, fmt = ctx.plan, ctx.fmt
    us = plan.supplier
    who = [heading(f"Who we are: {literal(us.name)}" if us else "Who we are")]
    if us is not None:
        who += [para(text_, 1) for text_ in (us.offer, us.scale, us.history) if text_]
        if us.sites:
            who.append(para("Our sites: " + ", ".join(literal(site) for site in us.sites), 1))
    if len(who) == 1:
        who.append(para("Introduce our company: what we make, where, how large we are.", italic=True,
                        colour="muted"))
    together = [heading("Working together")]
    if plan.account.client_since:
        together.append(para(f"Partners since {MONTHS[plan.account.client_since.month - 1]} "
                             f"{plan.account.client_since.year}", 1))
    if plan.sites:
        together.append(para("Sites we serve: " + ", ".join(literal(site.name) for site in plan.sites), 1))
    won = sorted((o for o in plan.opportunities if o.stage in WON_STAGES),
                 key=lambda o: o.expected_close or dt.date.min)
    together += [para(f"{month(o.expected_close)}: {o.name}" if o.expected_close else o.name, 1) for o in won]
    highlights = [i for i in plan.initiatives if i.kind == "highlight"]
    if highlights:
        count = len(highlights)
        together.append(para(f"{count} initiative{'s' if count != 1 else ''} delivered this period, worth "
                             f"{fmt.money(ctx.figures.initiatives.total)} to you", 1))
    leads = list({m.id: m for m in (plan.member(plan.account.key_account_manager),
                                     plan.member(plan.account.executive_sponsor)) if m is not None}.values())
    if leads:
        together.append(heading("Your account team"))
        together += [plain_para(Run(literal(m.name), bold=True), Run(f", {literal(m.title)}" if m.title else ""),
                                level=1) for m in leads]
    notes = ("Senior people are with us for the first time: introduce our company in two or three minutes "
             "(who we are, what we make, where), then how our work together has grown.",)
    return [Slide(TWO_CONTENT, "Our company and the history of cooperation",
                  body=(text(who, max_size=20), text(together, max_size=20)), notes=notes)]


def objectives(ctx: Context, item: AgendaItem) -> list[Slide]:
    plan, fmt = ctx.plan, ctx.fmt
    strategy = plan.customer_strategy
    goals = [heading("Your goals")]
    if strategy and strategy.goals:
        goals += bullets(strategy.goals)
        if strategy.validated_with_customer:
            goals.append(para(f"As agreed with you on {fmt.date(strategy.validated_with_customer)}",
                              italic=True, colour="muted", scale=0.85))
    else:
        goals.append(para("What are your goals for the next one to three years? We will build our plan around them.",
                          italic=True, colour="muted"))
    needs = {n.id: n for n in plan.needs}
    served: dict[str, list[str]] = {}
    for a in plan.actions:
        if a.objective and a.need in needs:
            served.setdefault(a.objective, [])
            if a.need not in served[a.objective]:
                served[a.objective].append(a.need)
    ours = [heading("Our objectives that serve them")]
    smart = list(plan.objectives.smart if plan.objectives else [])
    status = {s.objective.id: s.status for s in ctx.figures.objectives}
    links = []
    for o in smart:
        due = f" (by {fmt.date(o.due)})" if o.due else ""
        state = words.OBJECTIVE_STATUS[status[o.id]]
        flagged = status[o.id] in ("at_risk", "missed")
        ours.append(plain_para(*runs(o.text + due), Run(f": {state.lower()}", bold=flagged,
                                                       colour=GROUP_COLOUR["overdue"] if flagged else None), level=1))
        if served.get(o.id):
            links.append(f"\u201c{short(o.text, 60)}\u201d serves: " +
                         "; ".join(literal(needs[n].need) for n in served[o.id]))
    if len(ours) == 1:
        ours.append(para("Which of your goals should our work this year serve first?", italic=True, colour="muted"))
    slides = [Slide(TWO_CONTENT, "Account objectives: your goals and how we support them",
                    body=(text(goals, max_size=18), text(ours, max_size=18)),
                    notes=("Start from the customer's goals, in their words; show how each of our objectives serves "
                           "one of them, and ask whether the priorities still hold.", *links))]
    slides.append(activity_calendar(ctx))
    return slides


def activity_calendar(ctx: Context) -> Slide:
    fmt, m = ctx.fmt, ctx.meeting
    _, horizon = ctx.facts.window
    events = [(day, literal(what)) for day, what in ctx.facts.calendar]  # our actions: the upcoming slide
    title = "Activity calendar"
    if not events:
        body = prompt(ctx, [f"No joint activities are planned yet up to {fmt.date(horizon)}.",
                            "Which activities should we plan together for the coming months?"],
                      ["Meetings, the customer's own activities and contract dates in the coming months.",
                       "The customer sees what is coming, month by month."])
        return Slide(TITLE_AND_CONTENT, title, body=(body,))
    months = []
    d = dt.date(m.date.year, m.date.month, 1)
    while d <= horizon:
        months.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    rows = []
    for first in months:
        inside = sorted(e for e in events if (e[0].year, e[0].month) == (first.year, first.month))
        lines = "\n".join(f"{e[0].day} {MONTHS[e[0].month - 1]}: {e[1]}" for e in inside) or "Nothing planned yet"
        rows.append((Cell(month(first), bold=True), Cell(lines, colour=None if inside else "muted")))
    return Slide(TITLE_ONLY, title, body=(Table((Column("Month", 1.4), Column("Activities and meetings", 8.6)),
                                                tuple(rows)),),
                 caption=f"From {fmt.date(m.date)} to {fmt.date(horizon)}",
                 notes=("Walk through the calendar month by month from the customer's side: what they will see, "
                        "when, and who is involved.",))


def initiatives(ctx: Context, item: AgendaItem) -> list[Slide]:
    """Executed initiatives: the value each delivered (chart), then highlights and lowlights (table)."""
    plan, fmt = ctx.plan, ctx.fmt
    title = "Past: executed initiatives" if ctx.internal else "Executed initiatives: value delivered"
    if not plan.initiatives:
        body = prompt(ctx, ["No initiatives have been completed yet this period.",
                            "Which initiatives under way should show results first, and how will we measure them?"],
                      ["initiatives[]: executed actions, highlight or lowlight, value delivered.",
                       "The review weighs what the plan has delivered so far, in money."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    # largest first, so the bars read as a ranking
    valued = sorted((i for i in plan.initiatives if i.value_delivered is not None), key=lambda i: -i.value_delivered)
    value = ctx.figures.initiatives
    caption = (f"{value.highlights} highlights, {value.lowlights} lowlights; "
               f"value delivered in total: {fmt.money(value.total)}")
    slides = []
    if valued:
        chart = Chart("bar", f"Value delivered to {literal(plan.account.name)} ({fmt.symbol.strip()})",
                      tuple(short(i.label or action_label(plan, i.action), 60) for i in valued),
                      (Series("Value delivered", tuple(i.value_delivered for i in valued), "secondary"),),
                      x_title=None, y_title=f"Value delivered ({fmt.symbol.strip()})", number_format=money_format(ctx),
                      data_labels=True, description="Value delivered by each executed initiative")
        slides.append(Slide(TITLE_ONLY, title, body=(chart,), caption=caption,
                            notes=(caption + ".",
                                   "Put a money value on each highlight and let the customer confirm it.")))
    rows = []
    for i in sorted(plan.initiatives, key=lambda i: i.kind != "highlight"):
        highlight = i.kind == "highlight"
        rows.append((Cell(action_label(plan, i.action), bold=True),
                     Cell("Highlight" if highlight else "Lowlight", colour="green" if highlight else "red"),
                     Cell(" ".join(b.text for b in parse_markdown(literal(i.note))) or "–"),
                     Cell(fmt.money(i.value_delivered) if i.value_delivered is not None else "–")))
    table = Table((Column("Initiative", 3.6), Column("", 1.3), Column("What happened", 5.6),
                   Column("Value", 1.4, "right")), tuple(rows))
    table_title = "Past: highlights and lowlights" if ctx.internal else "Executed initiatives: highlights and lowlights"
    slides.append(Slide(TITLE_ONLY, table_title, body=(table,), caption=None if valued else caption,
                        notes=("Be candid about the lowlights: say what fell short and what we changed as a result.",)))
    return slides


def supply(ctx: Context, item: AgendaItem) -> list[Slide]:
    plan = ctx.plan
    title = "Supply vs demand performance"
    if not plan.supply:
        body = prompt(ctx, ["Service measures are not in the plan yet.",
                            "Which supply measures matter most to you: on-time in-full, lead time, forecast accuracy?"],
                      ["supply[]: metrics with target and actual (OTIF, lead time...), issues, lessons and solutions.",
                       "The customer judges us on service as much as on product."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    rows = []
    for s in ctx.facts.supply:
        status = s.status
        cell = Cell(s.status_text, bold=True, fill=status, colour="text" if status == "amber" else "white") \
            if status else Cell("No actual yet", colour="muted")
        rows.append((Cell(literal(s.metric), bold=True), Cell(s.target, colour=None),
                     Cell(s.actual), cell, Cell(literal(s.issue) or "–")))
    table = Table((Column("Measure", 2.4), Column("Target", 1.4, "right"), Column("Actual", 1.4, "right"),
                   Column("Status", 1.5, "center"), Column("Issue", 5.0)), tuple(rows))
    slides = [Slide(TITLE_ONLY, title, body=(table,),
                    caption="Green: on target; amber: within 5% of target; red: further off",
                    notes=("Lead with the measures off target, the issue behind each, and what we are doing.",))]
    learned = [s for s in plan.supply if s.lesson or s.solution]
    if learned:
        rows = tuple((Cell(literal(s.metric), bold=True), Cell(literal(s.lesson) or "–"),
                      Cell(literal(s.solution) or "–")) for s in learned)
        slides.append(Slide(TITLE_ONLY, "Supply vs demand: lessons and solutions",
                            body=(Table((Column("Measure", 2.2), Column("What we learned", 4.6),
                                         Column("What we are doing", 4.6)), rows),),
                            notes=("Agree the solutions and who on each side owns them.",)))
    return slides


def opportunity_table(ctx: Context, opps: list[Opportunity], marks: dict[str, tuple[bool, bool]] | None = None
                       ) -> Table:
    fmt = ctx.fmt
    stage = "Stage" if ctx.internal else "Where it stands"
    columns = [Column("Opportunity", 3.8), Column("Site", 2.2), Column(stage, 1.7),
               Column("Expected", 1.3), Column("Next step", 3.6)]
    values = ctx.view.visible("opportunities[].value")
    if values:
        columns[4:4] = [Column("Value", 1.3, "right"), Column("Prob.", 0.8, "right")]
    if marks is not None:
        columns += [Column("Top 5", 0.8, "center"), Column("Big 5", 0.8, "center")]
    rows = []
    for o in opps:
        site = ctx.plan.site(o.site)
        row = [Cell(literal(o.name), bold=True), Cell(literal(site.name) if site else "All sites"),
               Cell(opportunity_stage(ctx, o)), close_cell(ctx, o),
               Cell(literal(o.next_step) or "–")]
        if values:
            row[4:4] = [Cell(fmt.money(o.value)), Cell(fmt.percent(o.probability))]
        if marks is not None:
            top, big = marks[o.id]
            row += [Cell("●" if top else "", colour="secondary"), Cell("●" if big else "", colour="secondary")]
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows), size=12)


def top_and_big(ctx: Context) -> tuple[list[Opportunity], list[Opportunity]]:
    return ctx.figures.pipeline.top5, ctx.figures.pipeline.big5


def upcoming(ctx: Context, item: AgendaItem) -> list[Slide]:
    fmt, m = ctx.fmt, ctx.meeting
    _, horizon = ctx.facts.window
    actions = ctx.facts.upcoming
    title = "Upcoming initiatives"
    if actions:
        rows = tuple((Cell(literal(a.text), bold=True), Cell(literal(a.need) or "–"),
                      Cell(a.due_text), Cell(a.owners), status_cell(a))
                     for a in actions)
        first = Slide(TITLE_ONLY, title, body=(Table((Column("Initiative", 4.2), Column("For your need", 3.4),
                                                      Column("Due", 1.3), Column("Owners", 2.2),
                                                      Column("Status", 1.3)), rows),),
                      caption=f"Planned from {fmt.date(m.date)} to the end of next quarter ({fmt.date(horizon)})",
                      notes=("The main focus of the meeting: for each initiative, the need it serves, what it is "
                             "worth to the customer and what we need from them.",))
    else:
        first = Slide(TITLE_AND_CONTENT, title, body=(prompt(
            ctx, ["No initiatives are planned yet for next quarter.",
                  "Which of your priorities should we work on together next quarter?"],
            ["actions[] due next quarter, with the need each serves.",
             "Upcoming initiatives are the main focus of a customer review."]),))
    listed = upcoming_opportunities(ctx)
    if ctx.internal:
        top, big = top_and_big(ctx)
        top_ids, big_ids = {o.id for o in top}, {o.id for o in big}
        marks = {o.id: (o.id in top_ids, o.id in big_ids) for o in listed}
        if listed:
            second = Slide(TITLE_ONLY, "Upcoming initiatives: Top 5 and Big 5 opportunities",
                           body=(opportunity_table(ctx, listed, marks),),
                           caption="Top 5: nearest to a decision; Big 5: the largest",
                           notes=("For each, agree the next step and who on the customer's side takes it.",))
        else:
            second = Slide(TITLE_AND_CONTENT, "Upcoming initiatives: Top 5 and Big 5 opportunities", body=(prompt(
                ctx, ["There are no open opportunities to review together yet.",
                      "Where could we help you next: new products, new sites, new projects?"],
                ["opportunities[] with stage, expected close and next step (share_with_customer for the QBR).",
                 "The Top 5 and Big 5 focus the conversation on what matters most."]),))
        return [first, second]
    if not listed:  # the new projects have their own slide: nothing to list twice
        return [first]
    return [first, Slide(TITLE_ONLY, "Upcoming initiatives: projects under way", body=(opportunity_table(ctx, listed),),
                         caption="Renewals and extensions of what we already do together, by expected decision",
                         notes=("For each, agree the next step and who on the customer's side takes it.",))]


def upcoming_opportunities(ctx: Context) -> list[Opportunity]:
    """The opportunities the upcoming-initiatives slide lists: for our side the Top 5 and Big 5; for the
    customer the open renewals and extensions (our ranking is our own), by expected close. New business has
    its own slide (`new_business`), which leaves out what is listed here."""
    if ctx.internal:
        top, big = top_and_big(ctx)
        return list({o.id: o for o in [*top, *big]}.values())
    shown = [o for o in ctx.plan.opportunities if o.kind != "new_business" and o.stage in OPEN_STAGES]
    return sorted(shown, key=lambda o: (o.expected_close or dt.date.max, o.id))


def insights(ctx: Context, item: AgendaItem) -> list[Slide]:
    plan, fmt = ctx.plan, ctx.fmt
    future = [a for a in plan.audit if a.kind == "future"]
    questions = [heading("Questions for you")] + bullets([a.question for a in future] or DEFAULT_FUTURE_QUESTIONS)
    swot = plan.environment.customer_swot if plan.environment else None
    heard = [heading("What we hear about your market")]
    if swot and (swot.threats or swot.opportunities):
        if swot.threats:
            heard.append(para("Challenges", bold=True))
            heard += bullets(swot.threats)
        if swot.opportunities:
            heard.append(para("Opportunities", bold=True))
            heard += bullets(swot.opportunities)
        heard.append(para("Is this still right? What have we missed?", italic=True, colour="muted"))
    else:
        heard.append(para("Tell us what is changing in your market and which challenges worry you most.",
                          italic=True, colour="muted"))
    notes = ["A discussion, not a presentation: ask, listen and take notes for the minutes."]
    for a in future:
        if a.answer:
            when = f" ({fmt.date(a.asked_on)})" if a.asked_on else ""
            answer = " ".join(literal(a.answer).split())
            notes.append(f"Last time{when}, to \u201c{literal(a.question)}\u201d: {answer}")
    return [Slide(TWO_CONTENT, "Your insights and future challenges",
                  body=(text(questions, max_size=20), text(heard, max_size=16, min_size=10)), notes=tuple(notes))]


def new_business(ctx: Context, item: AgendaItem) -> list[Slide]:
    listed = {o.id for o in upcoming_opportunities(ctx)}
    found = [o for o in ctx.plan.opportunities if o.kind == "new_business" and o.stage in OPEN_STAGES]
    opps = sorted((o for o in found if o.id not in listed), key=lambda o: (o.expected_close or dt.date.max, o.id))
    title = "New business and projects"
    if found and not opps:  # every one is on the Top 5 and Big 5 slide (our own deck): a discussion, not a repeat
        body = text([para("Our new projects are on the Top 5 and Big 5 slide.", italic=True, colour="muted"),
                     heading("To ask"),
                     *bullets(["Which new products, sites or projects could we take on together?",
                               "Who on your side should we involve, and when?"])], max_size=24)
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    if not opps:
        body = prompt(ctx, ["No new projects are in our plan yet.",
                            "Which new products, sites or projects could we take on together?"],
                      ["opportunities[] of kind new_business (with share_with_customer for the QBR).",
                       "New business is where the account grows."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    return [Slide(TITLE_ONLY, title, body=(opportunity_table(ctx, opps),),
                  notes=("For each project: what the customer gains, the next step, and who decides.",))]


def action_log(ctx: Context, item: AgendaItem) -> list[Slide]:
    fmt, m = ctx.fmt, ctx.meeting
    asks = bullets(m.decisions_sought) if m.decisions_sought else [
        para("No decisions are requested today: confirm the priorities for next quarter instead.", italic=True,
             colour="muted")]
    nxt = f"Next meeting: {fmt.long_date(m.next)}" if m.next else "Next meeting: to be agreed today"
    asks.append(Para((Run(nxt, bold=True, colour="primary"),), scale=1.1))
    slides = [Slide(TITLE_AND_CONTENT, "Decisions we are asking for today", body=(text(asks, max_size=24),),
                    notes=("Ask for each decision plainly and note the answer, the owner and the date.",))]
    entries = ctx.facts.carried_over
    if entries:
        rows = tuple((Cell(literal(e.text)), Cell(e.owners), Cell(e.due_text or "–"), status_cell(e))
                     for e in entries)
        body = Table((Column("Action", 6.0), Column("Owners", 2.8), Column("Due", 1.4), Column("Status", 1.4)), rows)
    else:
        body = prompt(ctx, ["No actions are open on the action log.",
                            "Agree today's actions, each with an owner on both sides and a date."],
                      ["action_log[] entries with owner, due date and status.",
                       "Every action agreed in a review needs an owner and a date."])
    slides.append(Slide(TITLE_ONLY if entries else TITLE_AND_CONTENT, "Action log and next meeting", body=(body,),
                        caption=f"Open actions, with today's to be added. {nxt}" if entries else None,
                        notes=("Add the actions agreed today, each with an owner on both sides and a date; "
                               "book the next meeting before everyone leaves.",)))
    return slides


def next_quarter_activities(ctx: Context, item: AgendaItem) -> list[Slide]:
    """The customer's own plans for next quarter (`customer_activities`), by function, with how we can help.

    Never our actions (they are on the upcoming initiatives slide): without the customer's plans in the
    plan, the slide asks for them.
    """
    fmt = ctx.fmt
    start, end = ctx.facts.quarter
    activities = ctx.facts.their_activities
    title = "Your next-quarter operational, marketing and technical activities"
    if not activities:
        body = prompt(ctx, [f"What will your teams do next quarter ({fmt.date(start)} to {fmt.date(end)})?",
                            "Operations: changes to lines, shifts or sites?",
                            "Marketing: launches, relaunches, promotions?",
                            "Technical: new products, specifications, trials?",
                            "Where can we support them?"],
                      ["What the customer's own teams plan next quarter (customer activities).",
                       "Ask each of the customer's people what is coming; record it for the next review."])
        return [Slide(TITLE_AND_CONTENT, title, body=(body,))]
    rows: list[tuple[Cell, ...]] = []
    groups: set[int] = set()
    for function in dict.fromkeys(a.function for a in activities):
        chosen = [a for a in activities if a.function == function]
        groups.add(len(rows))
        rows.append((Cell(chosen[0].function_text, bold=True), Cell(""), Cell(""), Cell("")))
        rows += [(Cell(literal(a.activity)), Cell(a.due_text or "–"), Cell(a.owner or "–"),
                  Cell(literal(a.support) or "–")) for a in chosen]
    table = Table((Column("Your activity", 4.6), Column("When", 1.4), Column("Led by", 2.0),
                   Column("How we can support it", 4.0)), tuple(rows), group_rows=frozenset(groups))
    return [Slide(TITLE_ONLY, title, body=(table,), caption=f"Next quarter: {fmt.date(start)} to {fmt.date(end)}",
                  notes=("Go function by function; ask each of the customer's people what else is coming that we "
                         "should know about.",))]



# -- the executive summary ------------------------------------------------------------------

def summary_title(ctx: Context) -> str:
    """The summary slide's title: the point in a line, from the facts (volume against target, then what
    is behind schedule), e.g. "Volume at 100% of target; 6 actions behind schedule"."""
    total = ctx.figures.performance.total
    parts = []
    if total.volume_achievement is not None:
        parts.append(f"Volume at {ctx.fmt.percent(total.volume_achievement)} of target")
    if ctx.internal and total.profit_achievement is not None:
        parts.append(f"profit at {ctx.fmt.percent(total.profit_achievement)}")
    behind = len(ctx.facts.overdue)
    if behind:
        parts.append(f"{behind} action{'s' if behind != 1 else ''} behind schedule")
    elif ctx.facts.upcoming:
        parts.append("every action on schedule")
    return "; ".join(parts) if parts else "Where we stand today"


def summary(ctx: Context) -> Slide:
    """The deck's executive summary, after the title: where we stand, then what we will ask for today."""
    fmt, facts = ctx.fmt, ctx.facts
    total = ctx.figures.performance.total
    left = [heading("Where we stand")]
    if total.ytd_volume_actual is not None:
        left.append(plain_para("Volume year to date: ", Run(fmt.volume(total.ytd_volume_actual), bold=True),
                               Run(f", {fmt.percent(total.volume_achievement)} of target"), level=1))
    if ctx.internal and total.ytd_profit_actual is not None:
        left.append(plain_para("Profit year to date: ", Run(fmt.money(total.ytd_profit_actual), bold=True),
                               Run(f", {fmt.percent(total.profit_achievement)} of target"), level=1))
    if ctx.figures.initiatives.valued:
        left.append(plain_para("Value delivered to you: ", Run(fmt.money(ctx.figures.initiatives.total), bold=True),
                               level=1))
    on_target = [s for s in facts.supply if s.status == "green"]
    if facts.supply:
        left.append(para(f"Service: {len(on_target)} of {len(facts.supply)} measures on target", 1))
    if facts.overdue:
        count = len(facts.overdue)
        left.append(plain_para(Run(f"{count} action{'s' if count != 1 else ''} behind schedule", bold=True,
                                   colour="red"), level=1))
    if len(left) == 1:
        left.append(para("The first figures will follow once the first period has closed.", 1))
    right = [heading("What we ask today")]
    right += bullets(facts.decisions_sought) if facts.decisions_sought else [
        para("Confirm the priorities for next quarter.", 1)]
    if facts.next:
        right.append(plain_para("Next review: ", Run(fmt.long_date(facts.next), bold=True)))
    return Slide(TWO_CONTENT, summary_title(ctx), body=(text(left, max_size=20), text(right, max_size=20)),
                 item="summary", notes=("The whole review in one slide: start here, and come back to it at the end.",))
