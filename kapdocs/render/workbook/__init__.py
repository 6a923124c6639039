"""Workshop workbooks for trainers: `kapdocs workbook`.

Not a per-plan deliverable (in `RENDERERS`, but not in `kapdocs build`): the workbook
is the same eleven modules for every workshop, blank or worked through one case plan.

- `workbook-participant.docx`: worksheets to fill in by hand; with a case, its facts
  are given and the analysis is left to the participants.
- `workbook-facilitator.docx`: timings, discussion prompts and, with a case, the
  worked answers computed by `kapdocs.analysis`.
- `workbook-scoring.xlsx` (optional): live formulas for the portfolio matrix, the
  force field and the partnership indicators, protected except for the input cells.

Layout: `modules` (content as data), `timetable`, `case` (the plan and its figures),
`sheets` (drawing primitives), `account_sheets` and `execution_sheets` (one function
per worksheet), `worksheets` (the registry), `document` (the Word workbook),
`scoring` (the Excel workbook).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import RenderError, UsageError
from ...output import OutputFolder

if TYPE_CHECKING:
    from ...analysis import Figures
    from ...model import Plan

EDITIONS: tuple[str, ...] = ("participant", "facilitator")
"""The two editions of the Word workbook."""

SCORING_FILE = "workbook-scoring.xlsx"
"""The scoring workbook's file name."""


def workbook_file(edition: str) -> str:
    """`workbook-<edition>.docx`."""
    return f"workbook-{edition}.docx"


def _verify_docx(package) -> None:
    import docx

    from .modules import MODULES

    document = docx.Document(str(package.path))
    found = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
             and p.text.startswith("Module ")]
    if found != [m.heading for m in MODULES]:
        raise RenderError(f"the workbook's module headings came out as {found}")


def _verify_xlsx(package) -> None:
    from .scoring import SHEETS

    names = package.sheet_names()
    if names != list(SHEETS):
        raise RenderError(f"the scoring workbook has the sheets {names}, expected {list(SHEETS)}")


def render_workbook(out: OutputFolder | str | Path, *, edition: str = "participant", plan: "Plan | None" = None,
                    figures: "Figures | None" = None, xlsx: bool = False, theme: Path | None = None,
                    paper: str = "a4", locale: str = "en-GB", today: dt.date | None = None) -> list[Path]:
    """Write the workbook of `edition` (and, with `xlsx`, the scoring workbook) into `out`; return the paths.

    `plan` is the case study (None: blank worksheets); its figures are `figures`, or
    `kapdocs.analysis.analyse(plan, today)` when not given.
    """
    from ...analysis import analyse
    from ...theme import load_theme
    from .case import Case
    from .document import build_workbook

    if edition not in EDITIONS:
        raise UsageError(f"unknown workbook edition {edition!r}: choose {' or '.join(EDITIONS)}")
    folder = out if isinstance(out, OutputFolder) else OutputFolder(out)
    case = None
    if plan is not None:
        case = Case(plan, figures or analyse(plan, today), locale)
    builder = build_workbook(load_theme(theme), edition, case, paper=paper)
    written = [folder.write(workbook_file(edition), builder.save, verify=_verify_docx)]
    if xlsx:
        from .scoring import write_scoring

        written.append(folder.write(SCORING_FILE, lambda path: write_scoring(path, case, paper=paper),
                                    verify=_verify_xlsx))
    return written


def render(job) -> list[Path]:
    """The registry's renderer (`kapdocs workbook`): `render_workbook` for `job.plan` as the case (None: blank).

    Reads the options `workbook_edition` (`--edition`) and `xlsx`.
    """
    options = job.options
    return render_workbook(job.out, edition=options.workbook_edition, plan=job.plan, figures=job.figures,
                           xlsx=options.xlsx, theme=options.theme, paper=options.page, locale=options.locale,
                           today=options.today)
