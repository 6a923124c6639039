"""The agenda to send with the invitation: `<slug>-agenda-<meeting-id>.docx`.

The meeting at a glance (account, date, time, venue), the attendees on both
sides with their titles, the objectives and decisions sought, and the agenda
items in the documented order with their time slots and presenters (`timeline.agenda`, the
meeting's own timed activities such as a site tour among them). A QBR's
agenda goes to the customer: how we prepare (the D-30 to D-1 steps, the
after-meeting checklist, our timing rules) is in our own preparation sheet
(`preparation.py`, `kapdocs prep`).
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.render import Job
from kapdocs.render.docx_kit import Cell

from .facts import write_gap
from .layout import at_a_glance, attendee_table, labelled, new_document, save, slot, title
from .pack import MeetingPack

_TIMING = {
    "qbr": "Looking back at the year to date takes at most 30% of the time; the upcoming initiatives get the most.",
    "internal_review": "The past takes at most 30% of the time; the future (pipeline against the gap) gets the most.",
}


def write_agenda(job: Job, pack: MeetingPack, path: Path) -> None:
    """Write the agenda document for `pack` to `path`."""
    fmt = job.fmt
    m = pack.meeting
    b = new_document(job, pack, "Agenda")
    title(b, pack, "Agenda")
    b.key_values(at_a_glance(pack, fmt), widths=(1, 4))

    b.heading("Attendees", 1)
    attendee_table(b, pack)
    if pack.apologies:
        labelled(b, "Apologies: ", "; ".join(p.label for p in pack.apologies))

    b.heading("Objectives", 1)
    if m.objectives:
        for text in m.objectives:
            b.paragraph(text, "List Bullet")
    else:
        write_gap(b, pack, "objectives")
    if m.decisions_sought:
        at = next(((n, item) for n, item in enumerate(pack.agenda, 1) if item.key in ("action_log", "learn")), None)
        lead = b.paragraph(f"Decisions sought, at item {at[0]} ({at[1].title}):" if at else "Decisions sought:",
                           bold=True)
        lead.paragraph_format.keep_with_next = True
        for text in m.decisions_sought:
            b.paragraph(text, "List Bullet")

    b.heading("Agenda", 1)
    rows = [[str(n), slot(item, fmt), Cell(item.title, bold=True), item.purpose, pack.presented_by(item),
             str(item.minutes)] for n, item in enumerate(pack.agenda, 1)]
    time_width = 3.4 if fmt.locale == "en-US" else 2.6  # "10:00 AM–10:05 AM" on one line
    b.table(["No.", "Time", "Item", "Purpose", "Presenter", "Min."], rows,
            widths=[0.9, time_width, 4.3, 7.9 - time_width, 2.6, 1.1],
            align=["center", "left", "left", "left", "left", "right"], keep_together=True)
    if not pack.customer_facing:  # a coaching note for our own side
        b.caption(_TIMING[m.type])
    if pack.minute_taker:
        b.paragraph(f"Minutes: {pack.minute_taker.label}.")
    save(b, job, pack, "Agenda", path)
