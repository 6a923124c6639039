"""The minutes template, to fill in during the meeting: `<slug>-minutes-<meeting-id>.docx`.

1. The header table: account, meeting, date, time, venue, who is present (a box
   to tick per invitee, both sides), apologies, minute-taker.
2. Every agenda item in order (`timeline.agenda`): its time slot, its purpose
   in one line, the facts from the plan it needs (`facts.item_facts`), and ruled
   rows for notes and decisions, more rows for longer slots.
3. The action log: open actions carried over (`pack.carried_over`), then blank
   rows for new ones (action, our owner, customer owner, due date, status).
4. The next meeting, the distribution list (core team and, for a QBR, the
   customer's invitees), the reminder that the minutes go out the same day,
   and the after-meeting checklist.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.render import Job
from kapdocs.render.docx_kit import Cell

from .facts import item_facts, log_rows, write_gap, writing_space
from .layout import (
    WRITING_ROW_CM, checklist, names, new_document, save, rule, ruled_space, slot, tick_names, time_range, title,
    write_blocks,
)
from .pack import OUR_SIDE, MeetingPack

NEW_ACTION_ROWS = 8
"""Blank rows in the action log for the actions agreed at the meeting."""


def write_minutes(job: Job, pack: MeetingPack, path: Path) -> None:
    """Write the minutes template for `pack` to `path`."""
    b = new_document(job, pack, "Minutes")
    title(b, pack, "Minutes")
    _header(job, pack, b)
    for n, item in enumerate(pack.agenda, 1):
        _item(job, pack, b, n, item)
    _action_log(job, pack, b)
    _close(job, pack, b)
    save(b, job, pack, "Minutes", path)


def _header(job: Job, pack: MeetingPack, b) -> None:
    fmt = job.fmt
    m = pack.meeting
    pairs = [
        ("Account", pack.plan.account.name),
        ("Meeting", f"{pack.title} ({pack.kind.lower()})"),
        ("Date", fmt.long_date(m.date)),
        ("Time", time_range(pack, fmt)),
        ("Venue", m.venue or ""),
    ]
    if pack.theirs:
        pairs.append((f"Present: {pack.plan.account.name}", tick_names(pack.theirs)))
    side = pack.parties.our_side
    pairs.append((f"Present: {side if side != OUR_SIDE else side.lower()}" if pack.theirs else "Present",
                  tick_names(pack.ours)))
    pairs += [
        ("Apologies", names(pack.apologies)),
        ("Minute-taker", pack.minute_taker.label if pack.minute_taker else ""),
    ]
    b.key_values(pairs, widths=(1, 3))


def _item(job: Job, pack: MeetingPack, b, n: int, item) -> None:
    fmt = job.fmt
    c = b.theme.colours
    b.heading(f"{n}. {item.title}", 1)
    minutes = f"{item.minutes} minute{'s' if item.minutes != 1 else ''}"
    who = pack.presented_by(item)
    by = f" · {'Led' if item.activity is not None else 'Presented'} by {who}" if who else ""
    when = b.paragraph(f"{slot(item, fmt)} · {minutes}{by}", bold=True, colour=c.secondary)
    when.paragraph_format.keep_with_next = True
    if item.purpose:
        purpose = b.paragraph(item.purpose, italic=True, colour=c.muted)
        purpose.paragraph_format.keep_with_next = True
    blocks = item_facts(pack, item, fmt)
    if blocks:
        lead = b.paragraph("From the plan", "Heading 3")
        lead.paragraph_format.keep_with_next = True
        write_blocks(b, blocks)
    ruled_space(b, writing_space(item), f"Notes on item {n}")


def _action_log(job: Job, pack: MeetingPack, b) -> None:
    b.heading("Action log", 1, page_break=True)
    if pack.carried_over:
        count = len(pack.carried_over)
        b.paragraph(f"{count} open action{'s' if count != 1 else ''} carried over from earlier meetings, then room for the "
                    "actions agreed today. Every action needs an owner on each side and a due date.")
    else:
        b.paragraph("No open actions are carried over from earlier meetings. Write the actions agreed today below; "
                    "every action needs an owner on each side and a due date.")
    rows = [list(r) for r in log_rows(pack.carried_over, notes=False)]
    rows += [[""] * 6 for _ in range(NEW_ACTION_ROWS)]
    table = b.table(["No.", "Action", pack.parties.owner("us"), pack.parties.owner("customer"), "Due", "Status"], rows,
                    widths=[1.2, 6.4, 2.6, 2.6, 2.0, 2.1], zebra=False, min_row_height_cm=WRITING_ROW_CM)
    rule(table, vertical=True)


def _close(job: Job, pack: MeetingPack, b) -> None:
    fmt = job.fmt
    m = pack.meeting
    b.heading("Next meeting", 1)
    proposed = f"{fmt.long_date(m.next)} (proposed)" if m.next else ""
    table = b.table(["Date", "Time", "Venue"], [[proposed, "", ""]], widths=[3, 1.5, 4], zebra=False,
                    min_row_height_cm=1.0)
    rule(table, vertical=True)

    b.heading("Distribution", 1)
    if pack.distribution:
        b.table(["Name", "Title", "Side"],
                [[Cell(p.name, bold=True), p.title, pack.plan.account.name if p.customer else pack.parties.our_side]
                 for p in pack.distribution],
                widths=[4, 7, 4], keep_together=len(pack.distribution) <= 25)
    else:
        write_gap(b, pack, "distribution")
    if pack.customer_facing:  # what we do afterwards is on our own preparation sheet, not in the customer's copy
        return
    b.paragraph("Send these minutes, with the actions for next quarter, to the core team straight after the "
                "meeting, the same day.", "Callout")
    b.heading("After the meeting", 2)
    checklist(b, ["What to do"], [[task] for task in pack.after], [15.7])
