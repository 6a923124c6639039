"""What each agenda item needs from the plan, pre-filled in the minutes: pure blocks, no Word.

`item_facts(pack, item, fmt)` returns the blocks (tables, bullet lists, short
notes, marked gaps) that open an agenda item in the minutes, and
`writing_space(item)` how much room the item gets for notes and decisions.
Every figure and list comes from the meeting's facts (`kapdocs.view.meeting`, the same the deck
reads); nothing is computed or selected here beyond laying out.

A QBR's facts are the customer's view: the one visibility filter has already removed what the
customer may not see. Where data is missing, our own documents say what to capture (`GAPS`) and
the customer's ask a question (`CUSTOMER_GAPS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kapdocs.analysis import AgendaItem
from kapdocs.fmt import Formatter
from kapdocs.model import STAGES, Opportunity
from kapdocs.text import plain
from kapdocs.view import vocabulary as words

from .pack import ActionRow, MeetingPack


# -- blocks --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Table:
    """A table of facts: header row, rows of text, relative column widths."""

    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]
    align: tuple[str, ...] | None = None
    title: str | None = None
    """A one-line title above the table: what it shows and for which period."""
    total: bool = False
    """The last row is a total (bold)."""


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bullet list under a short lead-in."""

    lead: str
    items: list[str]


@dataclass(frozen=True, slots=True)
class Note:
    """One short paragraph of fact or guidance."""

    text: str


@dataclass(frozen=True, slots=True)
class Gap:
    """A marked gap: the plan lacks what the item needs; says what to capture and why."""

    what: str


Block = Table | Bullets | Note | Gap


@dataclass(frozen=True, slots=True)
class WritingSpace:
    """Room for notes and decisions: labelled prompts, then blank rows."""

    labels: tuple[str, ...] = ()
    """Prompts, each on its own row before the blank rows (e.g. Operational, Marketing, Technical)."""
    blank_rows: int = 3
    """Blank ruled rows to write on."""


GAPS: dict[str, str] = {
    "objectives": "What this meeting must achieve, so that everyone comes prepared and the meeting can be "
                  "judged by it. Plan file: meetings[].objectives.",
    "quarter_actions": "The actions planned for next quarter, with a due date, an owner on each side and a "
                       "target, so that this item starts from the plan rather than a blank page. Plan file: actions.",
    "performance": "Year-to-date targets and actuals by period (and by site), so that the review starts from the "
                   "facts. Plan file: performance.",
    "initiatives": "The initiatives carried out and the value each delivered in money: the evidence that the "
                   "relationship pays. Plan file: initiatives.",
    "supply": "Service metrics such as OTIF and lead time, with target, actual, issue and fix, so that supply is "
              "reviewed against demand. Plan file: supply.",
    "pipeline": "Opportunities with their SPANCOP stage, value and probability, to see whether the pipeline "
                "covers the gap to target. Plan file: opportunities.",
    "top_big": "Open opportunities (suspect to close) with value and expected close date, to rank the Top 5 and "
               "the Big 5. Plan file: opportunities.",
    "last_actions": "The actions agreed at the last meeting, so that they are followed up here. Plan file: "
                    "action_log (with raised_in).",
    "next_meeting": "The date of the next meeting: agree it before this one ends. Plan file: meetings[].next.",
    "company": "When the customer started buying from us and its sites, so that the overview tells the story "
               "of the cooperation. Plan file: account.client_since, sites.",
    "customer_goals": "The customer's goals and the needs agreed with the customer, to reconnect the review "
                      "with what the customer wants to achieve. Plan file: customer_strategy.goals, needs.",
    "attendees": "Who is invited on each side, so that the invitation names who is expected. Plan file: "
                 "meetings[].attendees (ids from team and contacts).",
    "distribution": "The core team (and the customer's attendees), so that the minutes reach everyone who must "
                    "act on them. Plan file: team, meetings[].attendees.",
}
"""The "Not yet captured" notes: what to capture and why, then where it goes in the plan file."""

CUSTOMER_GAPS: dict[str, str] = {
    "objectives": "What should this meeting achieve? We will agree it at the start.",
    "quarter_actions": "Which actions should we plan together for the coming months?",
    "performance": "Year-to-date figures will follow once the first period has closed.",
    "initiatives": "No initiative has been completed yet this period.",
    "supply": "Which service measures matter most to you: on-time in-full, lead time, forecast accuracy?",
    "last_actions": "Is anything still open from that meeting that we should pick up today?",
    "next_meeting": "We will agree the date of the next meeting before this one ends.",
    "company": "The story of our cooperation: when it began and what we supply.",
    "customer_goals": "What are your goals for the coming years?",
    "attendees": "Attendees to be confirmed.",
    "distribution": "These minutes go to everyone who attended.",
}
"""What a customer's meeting document says instead: a question to answer together or a plain statement,
never what to capture or where it goes in the plan file."""


def gap(pack: MeetingPack, key: str) -> Block:
    """Where the plan lacks what an item needs: guidance for our own side, a question for the customer."""
    return Note(CUSTOMER_GAPS[key]) if pack.customer_facing else Gap(GAPS[key])


def write_gap(builder, pack: MeetingPack, key: str) -> None:
    """`gap` written straight into a document."""
    if pack.customer_facing:
        builder.paragraph(CUSTOMER_GAPS[key], "Gap Note")
    else:
        builder.gap(GAPS[key])


# -- shared pieces ---------------------------------------------------------------------------

def quarter_label(quarter: tuple[dt.date, dt.date], fmt: Formatter) -> str:
    """"Q1 2027 (1 Jan 2027 – 31 Mar 2027)"."""
    first, last = quarter
    return f"Q{(first.month - 1) // 3 + 1} {first.year} ({fmt.date(first)} – {fmt.date(last)})"


def log_rows(entries: list[ActionRow], *, notes: bool) -> list[tuple[str, ...]]:
    """Rows of action log entries: number, action, our owner, customer owner, due, status (and notes)."""
    return [(str(n), plain(e.text), e.ours, e.theirs, e.due_text, e.status_text) + ((plain(e.notes),) if notes else ())
            for n, e in enumerate(entries, start=1)]


def _action_rows(pack: MeetingPack, actions: list[ActionRow]) -> list[tuple[str, ...]]:
    rows = []
    for a in actions:
        row = (plain(a.text), a.ours, a.theirs, a.due_text, a.status_text)
        if not pack.customer_facing:
            row += (a.target_text,)
        rows.append(row)
    return rows


def _actions_table(pack: MeetingPack, actions: list[ActionRow], title: str) -> Table:
    headers = ("Action", pack.parties.owner("us"), pack.parties.owner("customer"), "Due", "Status")
    widths = (5.7, 2.4, 2.4, 2.0, 2.0)
    if not pack.customer_facing:
        headers, widths = headers + ("Target",), (4.7, 2.1, 2.1, 2.0, 2.0, 2.2)
    return Table(headers, _action_rows(pack, actions), widths, title=title)


def _quarter_actions(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    if not pack.upcoming:
        return [gap(pack, "quarter_actions")]
    first, last = pack.window
    return [_actions_table(pack, pack.upcoming, f"Open plan actions due from {fmt.date(first)} to {fmt.date(last)}")]


def _overdue(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    """The plan's open actions past their due date on the meeting day (none: nothing)."""
    if not pack.overdue:
        return []
    return [_actions_table(pack, pack.overdue, f"Overdue on {fmt.date(pack.as_of)}: open plan actions past "
                                               "their due date")]


def _ytd(pack: MeetingPack, fmt: Formatter, *, profit: bool) -> list[Block]:
    if not pack.ytd_span:
        return [gap(pack, "performance")]
    span = pack.ytd_span
    unit = pack.plan.account.volume_unit
    rows = [(r.site, r.volume_target, r.volume_actual, r.volume_gap, r.volume_achieved) for r in pack.ytd]
    blocks: list[Block] = [Table(
        ("Site", f"Target ({unit})", f"Actual ({unit})", "Gap", "Achieved"), rows, (6.0, 2.6, 2.6, 2.2, 2.0),
        align=("left", "right", "right", "right", "right"), total=True,
        title=f"Volume, year to date ({span})")]
    if profit:
        rows = [(r.site, r.profit_target, r.profit_actual, r.profit_gap, r.profit_achieved) for r in pack.ytd]
        blocks.append(Table(("Site", "Profit target", "Profit actual", "Gap", "Achieved"), rows,
                            (6.0, 2.6, 2.6, 2.2, 2.0), align=("left", "right", "right", "right", "right"),
                            total=True, title=f"Profit, year to date ({span})"))
    return blocks


def _initiatives(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    if not pack.plan.initiatives:
        return [gap(pack, "initiatives")]
    rows = []
    for i in pack.plan.initiatives:
        action = next((a for a in pack.plan.actions if a.id == i.action), None)
        rows.append((plain(action.description) if action else i.action, words.INITIATIVE_KIND[i.kind],
                     fmt.money(i.value_delivered) if i.value_delivered is not None else "", plain(i.note)))
    return [Table(("Initiative", "Kind", "Value delivered", "What happened"), rows, (4.5, 1.8, 2.2, 6.5),
                  align=("left", "left", "right", "left"),
                  title="Executed initiatives: highlights, lowlights and the value delivered")]


def _supply(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    if not pack.supply:
        return [gap(pack, "supply")]
    rows = [(m.metric, m.target, m.actual, plain(m.issue), plain(m.solution)) for m in pack.supply]
    return [Table(("Metric", "Target", "Actual", "Issue", "What we are doing"), rows, (2.8, 1.8, 1.8, 4.3, 4.3),
                  align=("left", "right", "right", "left", "left"), title="Supply against demand: service metrics")]


def _opportunity_rows(opps: list[Opportunity], fmt: Formatter, *, internal: bool) -> list[tuple[str, ...]]:
    rows = []
    for o in opps:
        close = fmt.date(o.expected_close) if o.expected_close else ""
        if internal:
            rows.append((o.name, words.STAGE[o.stage], fmt.money(o.value), fmt.percent(o.probability), close,
                         o.next_step or ""))
        else:
            rows.append((o.name, o.next_step or "", close))
    return rows


def _pipeline_internal(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    pipe = pack.figures.pipeline
    if not pack.plan.opportunities:
        return [gap(pack, "pipeline")]
    summary = Table(("Measure", "Value"), [
        ("Profit gap still to find this period", fmt.money(pipe.gap)),
        ("Open pipeline (suspect to close)", fmt.money(pipe.open_value)),
        ("Weighted pipeline (value × probability)", fmt.money(pipe.weighted_value)),
        ("Coverage of the gap (weighted pipeline ÷ gap)",
         fmt.percent(pipe.coverage) if pipe.coverage is not None else "No gap to cover"),
    ], (8.0, 4.0), align=("left", "right"), title="Pipeline against the profit gap to target")
    stages = Table(("Stage", "Opportunities", "Value", "Weighted"), [
        (words.STAGE[s.stage], str(s.count), fmt.money(s.value), fmt.money(s.weighted))
        for s in pipe.by_stage if s.stage in STAGES[:5]
    ], (4.0, 2.5, 3.0, 3.0), align=("left", "right", "right", "right"), title="Open pipeline by SPANCOP stage")
    return [summary, stages]


def _top_big(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    pipe = pack.figures.pipeline
    if not pipe.top5:
        return [gap(pack, "top_big")]
    headers = ("Opportunity", "Stage", "Value", "Prob.", "Close", "Next step")
    widths = (4.6, 1.9, 1.9, 1.3, 2.1, 4.2)
    align = ("left", "left", "right", "right", "left", "left")
    return [Table(headers, _opportunity_rows(pipe.top5, fmt, internal=True), widths, align,
                  title="Top 5: the open opportunities nearest to closing"),
            Table(headers, _opportunity_rows(pipe.big5, fmt, internal=True), widths, align,
                  title="Big 5: the largest open opportunities")]


def _previous_label(pack: MeetingPack, fmt: Formatter) -> str:
    previous = pack.previous
    return f"{previous.title or previous.id}, {fmt.date(previous.date)}" if previous else ""


def _last_actions(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    if pack.previous is None:
        return [Note(f"This is the first {pack.kind.lower()} in the plan: there are no actions from an earlier "
                     "one to review.")] + _overdue(pack, fmt)
    if pack.previous.date > pack.today:
        return [Note(f"Last meeting: {_previous_label(pack, fmt)}. Its actions will be added once it has taken "
                     "place.")] + _overdue(pack, fmt)
    if not pack.last_actions:
        return [Note(f"Last meeting: {_previous_label(pack, fmt)}. No action was recorded for it."),
                gap(pack, "last_actions")] + _overdue(pack, fmt)
    rows = [r[1:] for r in log_rows(pack.last_actions, notes=True)]
    return [Table(("Action", pack.parties.owner("us"), pack.parties.owner("customer"), "Due", "Status", "Progress"), rows,
                  (4.4, 2.0, 2.0, 1.9, 2.0, 4.0),
                  title=f"Actions agreed at the last meeting ({_previous_label(pack, fmt)})")] + _overdue(pack, fmt)


def _next_meeting(pack: MeetingPack, fmt: Formatter) -> Block:
    if pack.meeting.next:
        return Note(f"Proposed date of the next meeting: {fmt.long_date(pack.meeting.next)}.")
    return gap(pack, "next_meeting")


# -- QBR items -------------------------------------------------------------------------------

def _qbr_agenda(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    m = pack.meeting
    blocks: list[Block] = []
    if m.objectives:
        blocks.append(Bullets("What this meeting must achieve:", list(m.objectives)))
    else:
        blocks.append(gap(pack, "objectives"))
    if m.decisions_sought:
        blocks.append(Bullets("Decisions we will ask for:", list(m.decisions_sought)))
    return blocks


def _company(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    account = pack.plan.account
    items = []
    if account.client_since:
        years = (pack.meeting.date - account.client_since).days // 365
        items.append(f"Working together since {account.client_since.strftime('%B %Y')}"
                     + (f" ({years} years)." if years > 1 else "."))
    if pack.plan.sites:
        items.append("Sites in this plan: " + "; ".join(s.name for s in pack.plan.sites) + ".")
    if not items:
        return [gap(pack, "company")]
    return [Bullets("For the overview of our company and our cooperation:", items)]


def _objectives(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    blocks: list[Block] = []
    strategy = pack.plan.customer_strategy
    if strategy and strategy.goals:
        blocks.append(Bullets(f"{pack.plan.account.name}'s goals, as we understand them:", list(strategy.goals)))
    agreed = sorted((n for n in pack.plan.needs if n.agreed_with_customer),
                    key=lambda n: (n.priority is None, n.priority or 0))
    if agreed:
        blocks.append(Table(("Priority", "Need", "What success looks like"),
                            [(str(n.priority or ""), plain(n.need), n.success or "") for n in agreed],
                            (1.4, 7.0, 6.6), align=("center", "left", "left"),
                            title="Needs agreed with the customer, in priority order"))
    if not blocks:
        blocks.append(gap(pack, "customer_goals"))
    return blocks


def _insights(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    questions = [a.question for a in pack.plan.audit if a.kind == "future"]
    if not questions:
        questions = ["How is your business changing?", "What pressures will you face in the next two years?",
                     "Where could we add more value?"]
    return [Bullets("Questions to ask:", questions)]


def _new_business(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    nearest = pack.figures.pipeline.top5
    ranked = nearest + [o for o in pack.figures.pipeline.big5 if o not in nearest]
    if not ranked:
        return [Note("No open opportunities to discuss with the customer yet: listen for new projects.")]
    return [Table(("Opportunity", "Next step", "Expected"), _opportunity_rows(ranked, fmt, internal=False),
                  (6.0, 6.5, 2.5), title="Open opportunities to discuss, nearest to closing first")]


def _action_log_item(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    count = len(pack.carried_over)
    open_note = (f"{count} open action{'s' if count != 1 else ''} carried over: see the action log at the end. "
                 if count else "No open actions are carried over. ")
    return [Note(open_note + "Give every new action an owner on each side and a due date."),
            _next_meeting(pack, fmt)]


def _customer_quarter(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    """The customer's own plans for next quarter (the same the deck shows), or the question."""
    lead = Note(f"What {pack.plan.account.name} plans for {quarter_label(pack.quarter, fmt)}, so that we can "
                "support it.")
    if not pack.their_activities:
        return [lead]
    rows = [(a.function_text, plain(a.activity), a.due_text, a.owner, plain(a.support)) for a in pack.their_activities]
    return [lead, Table(("Team", "Activity", "When", "Led by", "How we can support it"), rows,
                        (2.0, 5.0, 2.0, 2.4, 3.6), title="Planned so far")]


# -- internal review items -------------------------------------------------------------------

def _past(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    blocks = _ytd(pack, fmt, profit=True) + _initiatives(pack, fmt)
    if pack.previous is not None:
        return blocks + _last_actions(pack, fmt)
    return blocks + _overdue(pack, fmt)


def _future(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    return _pipeline_internal(pack, fmt) + _quarter_actions(pack, fmt)


def _assess(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    blocks = _top_big(pack, fmt) + _supply(pack, fmt)
    if pack.plan.risks:
        blocks.append(Table(("Risk", "Likelihood", "Impact", "Owner"), [
            (plain(r.risk), words.LEVEL.get(r.likelihood or "", ""), words.LEVEL.get(r.impact or "", ""),
             pack.plan.person_name(r.owner)) for r in pack.plan.risks
        ], (8.0, 2.0, 2.0, 3.0), title="Risks, including price and margin pressure"))
    return blocks


def _learn(pack: MeetingPack, fmt: Formatter) -> list[Block]:
    return [_next_meeting(pack, fmt)]


_FACTS: dict[str, Callable[[MeetingPack, Formatter], list[Block]]] = {
    "agenda": _qbr_agenda,
    "last_actions": _last_actions,
    "ytd": lambda pack, fmt: _ytd(pack, fmt, profit=False),
    "company": _company,
    "objectives": _objectives,
    "initiatives": _initiatives,
    "supply": _supply,
    "upcoming": _quarter_actions,
    "insights": _insights,
    "new_business": _new_business,
    "action_log": _action_log_item,
    "next_quarter": _customer_quarter,
    "past": _past,
    "future": _future,
    "assess": _assess,
    "learn": _learn,
}


def item_facts(pack: MeetingPack, item: AgendaItem, fmt: Formatter) -> list[Block]:
    """The facts from the plan that open `item` in the minutes."""
    facts = _FACTS.get(item.key)
    return facts(pack, fmt) if facts else []


_LABELS: dict[str, tuple[str, ...]] = {
    "next_quarter": ("Operational", "Marketing", "Technical"),
    "learn": ("Good practice to share", "Who to recognise", "Changes to the plan"),
}


def writing_space(item: AgendaItem) -> WritingSpace:
    """Room to write for `item`: a row per five minutes of its slot, 3 to 8 rows, plus any labelled prompts."""
    return WritingSpace(labels=_LABELS.get(item.key, ()), blank_rows=min(8, max(3, item.minutes // 5 + 1)))
