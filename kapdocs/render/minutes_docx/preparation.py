"""Our own preparation sheet for a meeting: `<slug>-preparation-<meeting-id>.docx` (`kapdocs prep`).

The agenda goes to the customer; how we get ready stays on our side. This sheet, always
built from our own view of the account, holds what the organiser and the team need:

- the meeting at a glance, its objectives and the decisions we will ask for;
- who is coming from the customer, with their roles, attitude and influence and our best
  relationship with each (blockers and sceptics first), and our own attendees;
- the plan's actions behind schedule on the meeting day, which the customer will ask about;
- the preparation steps D-30 to D-1 with their dates, and the checklist for after the meeting.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs import naming
from kapdocs.errors import RenderError
from kapdocs.render import Job
from kapdocs.render.docx_kit import Cell
from kapdocs.view import vocabulary as words

from .layout import at_a_glance, checklist, labelled, new_document, save, title
from .pack import MeetingPack

_ORDER = {"blocker": 0, "sceptic": 1, "neutral": 2, "supporter": 3, "champion": 4, None: 5}


def render(job: Job) -> list[Path]:
    """Write the preparation sheet of the job's meeting; returns its path."""
    pack = job.view.meeting
    name = naming.preparation_file(job.plan.account.name, pack.meeting.id)
    return [job.out.write(name, lambda path: write_preparation(job, pack, path), verify=_verify)]


def _verify(package) -> None:
    if not package.has_paragraphs():
        raise RenderError("the preparation sheet came out empty")


def write_preparation(job: Job, pack: MeetingPack, path: Path) -> None:
    """Write the preparation sheet for `pack` (our own view of the meeting) to `path`."""
    fmt, m = job.fmt, pack.meeting
    b = new_document(job, pack, "Preparation")
    title(b, pack, "Preparation (internal and confidential)")
    b.key_values([
        *at_a_glance(pack, fmt),
        ("Organiser", pack.organiser.label if pack.organiser else "To be named"),
        ("Minute-taker", pack.minute_taker.label if pack.minute_taker else "To be named"),
    ], widths=(1, 4))

    b.heading("What we want from this meeting", 1)
    for text in m.objectives or ["Agree what this meeting must achieve before the invitation goes out."]:
        b.paragraph(text, "List Bullet")
    if m.decisions_sought:
        lead = b.paragraph("Decisions we will ask for:", bold=True)
        lead.paragraph_format.keep_with_next = True
        for text in m.decisions_sought:
            b.paragraph(text, "List Bullet")

    _who_is_coming(b, pack)

    b.heading("Behind schedule on the day", 1)
    if pack.overdue:
        lead = b.paragraph(f"Open plan actions past their due date on {fmt.date(pack.as_of)}: have an answer and "
                           "a new date for each before the meeting.")
        lead.paragraph_format.keep_with_next = True
        b.table(["Action", "Owners", "Due", "Status"],
                [[a.text, a.owners, a.due_text, Cell(a.status_text, bold=True, colour=job.theme.colours.red)]
                 for a in pack.overdue], widths=[8.0, 4.0, 2.2, 1.8], keep_together=len(pack.overdue) <= 12)
    else:
        b.paragraph("No plan action is behind schedule on the day of the meeting.")

    b.heading("Preparation steps", 1)
    b.paragraph(f"Steps count back from the meeting on {fmt.long_date(m.date)}; a date that falls on a weekend "
                "moves to the Friday before.")
    checklist(b, ["Step", "Date", "What to do"],
              [[step.label, fmt.date(step.date), step.task] for step in pack.preparation], [1.5, 2.6, 11.6])
    b.heading("After the meeting", 2)
    checklist(b, ["What to do"], [[task] for task in pack.after], [15.7])
    save(b, job, pack, "Preparation", path)


def _who_is_coming(b, pack: MeetingPack) -> None:
    """The customer's attendees, blockers and sceptics first, with how strongly we are connected to each."""
    plan = pack.plan
    b.heading("Who is coming", 1)
    if not pack.theirs:
        b.paragraph(f"No one from {plan.account.name} is invited yet.")
    else:
        best = pack.figures.coverage.best
        rows = []
        contacts = [plan.contact(p.id) for p in pack.theirs]
        for contact in sorted(contacts, key=lambda c: _ORDER[c.attitude]):
            strength = best.get(contact.id)
            holders = [plan.person_name(r.ours) for r in plan.relationships
                       if r.theirs == contact.id and r.strength == strength and strength]
            roles = ", ".join(words.BUYER_ROLE_SHORT[r] for r in contact.roles) or "–"
            attitude = words.ATTITUDE.get(contact.attitude or "", "–")
            rows.append([Cell(contact.name, bold=True), contact.title or "–", roles,
                         Cell(attitude, bold=contact.attitude in ("blocker", "sceptic")),
                         words.INFLUENCE.get(contact.influence or "", "–"),
                         words.RELATIONSHIP_STRENGTH.get(strength, "none") if strength is not None else "none",
                         ", ".join(holders) or "–"])
        b.table(["Name", "Title", "Buyer roles", "Attitude", "Influence", "Our best link", "Held by"], rows,
                widths=[2.8, 3.3, 2.2, 1.8, 1.9, 1.8, 2.8], keep_together=len(rows) <= 15)
    if pack.ours:
        labelled(b, "Our side: ", "; ".join(p.label for p in pack.ours))
