"""The account view of a meeting -> the slides of a QBR deck or an internal review deck (pure, no
python-pptx).

The slides follow the meeting's agenda (the view's meeting facts): the title, the executive summary,
then one builder per agenda item, each returning one or more `Slide`s, in agenda order. Every number
and every list comes from the view (`kapdocs.view`); nothing is computed or selected here.

Audience. A customer deck (a QBR) is shown to, and often sent to, the customer, speaker notes
included. It is built from the customer's view of the plan, which the one visibility filter has
already stripped of everything internal (the README's "Who sees what" table); the internal review
deck (an `internal_review` meeting, or `--internal`) is built from our own view. `ctx.internal`
chooses layout and wording only.

When the plan lacks what a slide needs, the slide stays (the item is still on the
agenda) with a short prompt: for the customer, a question to discuss; internally,
what to capture in the plan and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kapdocs.analysis import AgendaItem
from kapdocs.view import View

from . import qbr_slides, review_slides
from .context import Context, literal
from .spec import Deck, Slide

QBR_BUILDERS: dict[str, Callable[[Context, AgendaItem], list[Slide]]] = {
    "agenda": qbr_slides.agenda_slide,
    "last_actions": qbr_slides.last_actions,
    "ytd": qbr_slides.ytd,
    "company": qbr_slides.company,
    "objectives": qbr_slides.objectives,
    "initiatives": qbr_slides.initiatives,
    "supply": qbr_slides.supply,
    "upcoming": qbr_slides.upcoming,
    "insights": qbr_slides.insights,
    "new_business": qbr_slides.new_business,
    "action_log": qbr_slides.action_log,
    "next_quarter": qbr_slides.next_quarter_activities,
}
"""One builder per customer review agenda item key (`AgendaItem.key` of `qbr_agenda`)."""

INTERNAL_BUILDERS: dict[str, Callable[[Context, AgendaItem], list[Slide]]] = {
    "past": review_slides.past,
    "future": review_slides.future,
    "assess": review_slides.assess,
    "learn": review_slides.learn,
}
"""One builder per internal review agenda item key (`AgendaItem.key` of `internal_agenda`)."""


def _with_notes(ctx: Context, item: AgendaItem, number: int, slides: list[Slide]) -> list[Slide]:
    fmt = ctx.fmt
    count = len(slides)
    who = ctx.facts.presented_by(item)
    out = []
    for i, s in enumerate(slides):
        part = f" (slide {i + 1} of {count})" if count > 1 else ""
        header = (f"Item {number} of {len(ctx.agenda)}: {item.title}{part}. {item.minutes} minutes, "
                  f"{fmt.time(item.start)}–{fmt.time(item.end)}." + (f" Presented by {who}." if who else ""))
        out.append(replace(s, notes=(header, item.purpose, *s.notes), item=item.key))
    return out


def build_deck(view: View) -> Deck:
    """The slides for the view's meeting: the customer QBR deck for the customer's view, else the
    internal review deck (an internal review, or a QBR's internal deck)."""
    assert view.meeting is not None, "a deck is built for a meeting's view"
    internal = view.internal
    plan, fmt, meeting = view.plan, view.fmt, view.meeting.meeting
    items = view.meeting.agenda
    ctx = Context(view, view.meeting, internal)
    slides = [qbr_slides.title_slide(ctx), qbr_slides.summary(ctx)]
    builders = {**QBR_BUILDERS, **INTERNAL_BUILDERS}
    for number, item in enumerate(items, start=1):
        if number == 1 and item.key != "agenda":  # the internal agenda has no agenda item of its own
            first = qbr_slides.agenda_slide(ctx, item)[0]
            slides.append(replace(first, item="agenda", notes=(
                f"Before item 1: the agenda. {ctx.meeting.duration_minutes} minutes in all.", *first.notes)))
        if item.activity is not None:  # a tour or a break has no slide; the agenda slide shows its time
            continue
        slides += _with_notes(ctx, item, number, builders[item.key](ctx, item))
    account = literal(plan.account.name)
    kind = "Internal review" if internal else "Quarterly business review"
    return Deck(tuple(slides), title=slides[0].title,
                footer=f"{account} · {fmt.date(meeting.date)}" + (" · Internal" if internal else ""),
                audience="internal" if internal else "customer", subject=f"{kind} with {account}",
                keywords=(kind, account), author=plan.person_name(plan.account.key_account_manager))
