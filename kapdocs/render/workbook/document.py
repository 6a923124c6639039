"""The Word workbook: cover, contents, timetable, the case, the eleven modules, commitments.

`build_workbook` assembles it with `DocxBuilder`. Every module starts on a new
page under the Heading 1 `Module N: Title` (the contents list these); worksheets
are Heading 3 `Worksheet Na: Title`, each on its own page unless it is small,
landscape when it is wide. The participant edition leaves room to write; the
facilitator edition adds timings, prompts and, with a case, the worked answers.
"""

from __future__ import annotations

from string import ascii_lowercase

from ...theme import Theme
from ..docx_kit import Cell, DocxBuilder
from .case import Case
from .modules import CLOSING_QUESTIONS, MODULES, Module
from .sheets import Ctx, Sheet
from .timetable import FORMATS, PHASES, split, timetable
from .worksheets import DRAWINGS

TITLE = "Key account planning workshop"
EDITION_NAMES = {"participant": "Participant workbook", "facilitator": "Facilitator guide"}
NOTES_CM = 9.0
"""Height of the notes box under the reflection questions: what is left of the page."""


class WorkbookWriter:
    """Writes one edition of the workbook into a `DocxBuilder`, keeping track of the page layout."""

    def __init__(self, builder: DocxBuilder, edition: str, case: Case | None):
        self.b = builder
        self.sheet = Sheet(builder)
        self.edition = edition
        self.case = case
        self.facilitator = edition == "facilitator"
        self.ctx = Ctx(self.sheet, case, self.facilitator)
        self.is_landscape = False
        self.fresh_page = True
        """Nothing written yet on the current page (so a page break would leave it empty)."""

    # -- layout ----------------------------------------------------------------------------
    def _orient(self, landscape: bool) -> None:
        if landscape != self.is_landscape:
            self.b.landscape() if landscape else self.b.portrait()
            self.is_landscape, self.fresh_page = landscape, True

    def _heading(self, text: str, level: int, *, new_page: bool) -> None:
        self.b.heading(text, level, page_break=new_page and not self.fresh_page)
        self.fresh_page = False

    # -- parts -------------------------------------------------------------------------------
    def write(self) -> None:
        """The whole edition, in order."""
        self.cover()
        self.contents()
        self.timetable()
        if self.case is not None:
            self.case_intro()
        for module in MODULES:
            self.module(module)
        self.closing()

    def cover(self) -> None:
        b, c = self.b, self.b.theme.colours
        for _ in range(5):
            b.paragraph("")
        b.paragraph(TITLE, "Title")
        b.paragraph(EDITION_NAMES[self.edition], "Subtitle")
        if self.case is not None:
            b.paragraph(f"Case study: {self.case.name}", "Cover Detail")
        b.paragraph("")
        if self.facilitator:
            b.paragraph("For the facilitator: timings, discussion prompts and "
                        + ("the worked answers to the case." if self.case else "what good answers contain."),
                        "Cover Detail", colour=c.muted)
        else:
            self.sheet.fields([("Name", ""), ("Team", ""), ("Workshop date", ""), ("Facilitator", "")],
                              widths=(1, 3))
        self.fresh_page = False

    def contents(self) -> None:
        self.b.page_break()
        self.b.toc("Contents", levels="1-1")

    def timetable(self) -> None:
        self._heading("Workshop timetable", 1, new_page=True)
        self.b.paragraph("Times include the exercises. Breaks can move by a few minutes to suit the venue.")
        for fmt, name in FORMATS.items():
            days = timetable(fmt)
            for n, day in enumerate(days, 1):
                heading = self.b.heading(name if len(days) == 1 else f"{name}, day {n}", 2)
                heading.paragraph_format.page_break_before = fmt == "two_day" and n == 1
                rows = [[f"{s.start:%H:%M}-{s.end:%H:%M}",
                         Cell(s.title, bold=s.module is not None,
                              italic=s.module is None, colour=None if s.module else self.b.theme.colours.muted),
                         str(s.minutes)] for s in day]
                self.b.table(["Time", "Session", "Minutes"], rows, widths=[1.2, 5, 0.9], font_size=9,
                             align=["left", "left", "right"])

    def case_intro(self) -> None:
        case = self.case
        plan, f = case.plan, case.fmt
        self._heading(f"The case: {case.name}", 1, new_page=True)
        self.b.paragraph("The exercises use this account as a worked example. The facts below come from its key "
                         "account plan; the analysis is yours to do.")
        a = plan.account
        period = plan.plan.period
        pairs = [("Customer", a.name), ("Sector", a.sector or "–"), ("Parent group", a.parent_group or "–"),
                 ("Client since", f.date(a.client_since) if a.client_since else "–"),
                 ("Plan period", f"{f.date(period.start)} to {f.date(period.end)}" if period else "–"),
                 ("Key account manager", case.person(a.key_account_manager) if a.key_account_manager else "–")]
        self.b.key_values(pairs)
        if plan.relationship and plan.relationship.summary:
            self.b.heading("Our relationship with the customer", 2)
            self.b.markdown(plan.relationship.summary)
        if self.facilitator:
            self._answers_at_a_glance()

    def _answers_at_a_glance(self) -> None:
        case, fig = self.case, self.case.figures
        self.b.heading("The answers at a glance (facilitator)", 2)
        p, ff, pipe, cov, score = fig.portfolio, fig.force_field, fig.pipeline, fig.coverage, case.partnership
        rows = [
            ("Portfolio matrix", f"{p.quadrant} (attractiveness {case.score(p.attractiveness)}, strength "
                                 f"{case.score(p.strength)})" if p else "Not scored in the case plan"),
            ("Relationship shape", f"{cov.shape} ({case.fmt.percent(cov.kam_share)} of links held by the key account "
                                   "manager)" if cov.kam_share is not None else "Not known"),
            ("Pipeline coverage", f"{case.fmt.number(pipe.coverage, 2)} × the gap of {case.fmt.money(pipe.gap)}"
                                  if pipe.coverage is not None else "No gap to cover"),
            ("Force field balance", f"{ff.balance:+d} ({ff.total_for} for, {ff.total_against} against)"
                                    if ff else "No force field in the case plan"),
            ("Partnership score", f"{case.fmt.number(score.points, 1)} of {score.out_of}" if score
             else "Not assessed in the case plan"),
        ]
        self.b.key_values(rows)

    def module(self, module: Module) -> None:
        self._orient(False)
        self._heading(module.heading, 1, new_page=True)
        if self.facilitator:
            self._facilitator_notes(module)
        self.b.heading("In brief", 2)
        for paragraph in module.explanation:
            self.b.rich(paragraph)
        self.b.bullets(module.key_points)
        self.b.heading("Exercise", 2)
        self.b.rich(module.exercise)
        for letter, worksheet in zip(ascii_lowercase, module.worksheets):
            drawing = DRAWINGS[worksheet.key]
            self._orient(drawing.landscape)
            self._heading(f"Worksheet {module.number}{letter}: {worksheet.title}", 3, new_page=drawing.new_page)
            self.sheet.instructions(worksheet.instructions)
            if self.ctx.answers and drawing.worked:
                self.b.paragraph(f"Worked answer from the case ({self.case.name}).", "Callout", bold=True)
            drawing.draw(self.ctx)
        self._reflection(module)

    def _facilitator_notes(self, module: Module) -> None:
        self.b.heading("Facilitator notes", 2)
        rows = []
        for fmt, name in FORMATS.items():
            parts = split(module, fmt)
            rows.append([name, str(sum(parts.values()))] + [str(parts[p]) for p in PHASES])
        self.b.table(["Format", "Minutes", *(p.capitalize() for p in PHASES)], rows, widths=[2.2, 1, 1, 1, 1],
                     font_size=9, align=["left", "center", "center", "center", "center"])
        self.b.paragraph("Discussion prompts", bold=True)
        self.b.bullets(module.prompts)
        self.b.paragraph("What good answers contain", bold=True)
        self.b.bullets(module.look_for)
        self.b.paragraph("Reflection questions to close the module", bold=True)
        self.b.bullets(module.reflection)

    def _reflection(self, module: Module) -> None:
        """A page of its own: each question with lines, then room for notes (the facilitator's
        notes list the questions instead)."""
        if self.facilitator:
            return
        self._orient(False)
        self._heading("Reflection and notes", 2, new_page=True)
        for question in module.reflection:
            paragraph = self.b.paragraph(question, bold=True)
            paragraph.paragraph_format.keep_with_next = True
            self.sheet.answer_box(3)
        self.sheet.table(["Notes"], [[""]], [1], height=NOTES_CM)

    def closing(self) -> None:
        self._orient(False)
        self._heading("After the workshop", 1, new_page=True)
        self.b.paragraph("Write down what you will do while the workshop is fresh. Share it with your manager "
                         "and bring it to your next internal review.")
        for question in CLOSING_QUESTIONS:
            paragraph = self.b.paragraph(question, bold=True)
            paragraph.paragraph_format.keep_with_next = True
            self.sheet.answer_box(3)


def build_workbook(theme: Theme, edition: str, case: Case | None, *, paper: str = "a4") -> DocxBuilder:
    """The workbook of `edition` (participant | facilitator), with `case` or blank, ready to save."""
    subject = f"Case study: {case.name}" if case else "Blank worksheets"
    builder = DocxBuilder(theme, paper=paper, title=f"{TITLE}: {EDITION_NAMES[edition].lower()}", subject=subject,
                          keywords="key account management, workshop, workbook", category="Workshop workbook")
    writer = WorkbookWriter(builder, edition, case)
    writer.write()
    builder.header_footer(TITLE, EDITION_NAMES[edition], first_page=False)
    return builder
