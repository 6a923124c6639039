"""Word layout shared by the agenda and the minutes: the document frame, fact blocks, tick boxes,
ruled space to write in, and the attendee table.
"""

from __future__ import annotations

from itertools import zip_longest

from docx.oxml.ns import qn

from kapdocs.fmt import Formatter
from kapdocs.render import Job
from kapdocs.render.docx_kit import Cell, DocxBuilder

from .facts import Block, Bullets, Gap, Note, Table, WritingSpace, write_gap
from .pack import MeetingPack, Person

CHECKBOX = "\u2610"
"""An empty ballot box, to tick by hand."""

WRITING_ROW_CM = 0.85
"""Minimum height of a row to write in by hand."""


def new_document(job: Job, pack: MeetingPack, what: str) -> DocxBuilder:
    """A document for `pack` on the job's paper (A4, or Letter), titled "<what>: <meeting title>"."""
    organiser = pack.organiser
    return DocxBuilder(job.theme, paper=job.options.page, title=f"{what}: {pack.title}",
                       subject=pack.plan.account.name, category=pack.kind,
                       keywords=f"{pack.kind}; {what.lower()}", author=organiser.name if organiser else "")


def save(builder: DocxBuilder, job: Job, pack: MeetingPack, what: str, path) -> None:
    """Add the header (account; document, meeting kind and date) and the "Page X of Y" footer, and save."""
    kind = "" if pack.meeting.title else f" · {pack.kind}"
    builder.header_footer(pack.plan.account.name, f"{what}{kind} · {job.fmt.date(pack.meeting.date)}")
    builder.save(path)


def title(builder: DocxBuilder, pack: MeetingPack, what: str) -> None:
    """The meeting's title and what the document is."""
    builder.paragraph(pack.title, "Title")
    # a meeting with its own title ("annual business review") is not called a quarterly one underneath
    builder.paragraph(what if pack.meeting.title else f"{what} · {pack.kind}", "Subtitle")


def time_range(pack: MeetingPack, fmt: Formatter) -> str:
    """"10:00–12:00 (120 minutes)"."""
    return f"{fmt.time(pack.start)}–{fmt.time(pack.end)} ({pack.meeting.duration_minutes} minutes)"


def at_a_glance(pack: MeetingPack, fmt: Formatter) -> list[tuple[str, str]]:
    """The meeting at a glance: account, date, time and venue (the first table of its documents)."""
    m = pack.meeting
    return [("Account", pack.plan.account.name), ("Date", fmt.long_date(m.date)), ("Time", time_range(pack, fmt)),
            ("Venue", m.venue or "To be confirmed")]


def slot(item, fmt: Formatter) -> str:
    """An agenda item's slot: "10:20–10:35"."""
    return f"{fmt.time(item.start)}–{fmt.time(item.end)}"


def write_blocks(builder: DocxBuilder, blocks: list[Block]) -> None:
    """Fact blocks as Word tables, bullet lists, paragraphs and marked gaps."""
    for block in blocks:
        if isinstance(block, Table):
            if block.title:
                lead = builder.paragraph(block.title, bold=True)
                lead.paragraph_format.keep_with_next = True
            builder.table(block.headers, block.rows, widths=block.widths, align=block.align, total=block.total,
                          keep_together=True)
        elif isinstance(block, Bullets):
            lead = builder.paragraph(block.lead, bold=True)
            lead.paragraph_format.keep_with_next = True
            for text in block.items:  # plan text as written: no Markdown in short list items
                builder.paragraph(text, "List Bullet")
        elif isinstance(block, Note):
            builder.paragraph(block.text)
        elif isinstance(block, Gap):
            builder.gap(block.what)


def rule(table, *, vertical: bool = False) -> None:
    """Make `table` ruled: horizontal lines only (and column lines when `vertical`), like lined paper."""
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in ("left", "right") + (() if vertical else ("insideV",)):
        borders.find(qn(f"w:{side}")).set(qn("w:val"), "nil")


def ruled_space(builder: DocxBuilder, space: WritingSpace, notes_heading: str = "Notes") -> None:
    """Ruled rows of at least `WRITING_ROW_CM` to write notes (left) and decisions (right) by hand."""
    c = builder.theme.colours
    rows: list[list[str | Cell]] = []
    for label in space.labels:
        rows.append([Cell(label, italic=True, colour=c.muted), ""])
    rows += [["", ""] for _ in range(space.blank_rows)]
    table = builder.table([notes_heading, "Decisions and actions agreed"], rows, widths=(3, 2), zebra=False,
                          header_fill=c.secondary, min_row_height_cm=WRITING_ROW_CM, keep_together=True)
    rule(table, vertical=True)


def checklist(builder: DocxBuilder, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A table whose first column is a box to tick."""
    builder.table(["Done", *headers], [[Cell(CHECKBOX, align="center"), *r] for r in rows],
                  widths=[1.2, *widths], align=["center"] + ["left"] * len(headers), keep_together=True)


def attendee_table(builder: DocxBuilder, pack: MeetingPack) -> None:
    """The attendees side by side: the customer's, then ours; name and title for each."""
    sides = [(pack.plan.account.name, pack.theirs), (pack.parties.our_side, pack.ours)]
    sides = [(name, people) for name, people in sides if people]
    if not sides:
        write_gap(builder, pack, "attendees")
        return
    headers: list[str] = []
    for name, _ in sides:
        headers += [name, "Title"]
    rows = []
    for people in zip_longest(*(p for _, p in sides)):
        row: list[str | Cell] = []
        for person in people:
            row += [Cell(person.name, bold=True), person.title] if person else ["", ""]
        rows.append(row)
    builder.table(headers, rows, widths=[3.2, 5.0] * len(sides), zebra=False)


def names(people: list[Person]) -> str:
    """Labels one per line: "Name, Title"."""
    return "\n".join(p.label for p in people)


def tick_names(people: list[Person]) -> str:
    """Labels one per line, each after a box to tick (who is present)."""
    return "\n".join(f"{CHECKBOX} {p.label}" for p in people)


def labelled(builder: DocxBuilder, label: str, text: str, style: str = "Normal"):
    """A paragraph: `label` in bold, then `text` as written."""
    paragraph = builder.paragraph(label, style, bold=True)
    paragraph.add_run(text)
    return paragraph
