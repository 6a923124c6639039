"""The Excel contact matrix: `<slug>-contact-matrix.xlsx`, and reading a user's edits back.

- `workbook.py` writes it (XlsxWriter): Matrix, Contacts, Team, Buyers, Coverage.
- `cells.py` is the contract between writing and reading: what each editable cell
  shows, and how an edited cell is parsed.
- `gaps.py` words the coverage gaps (`Figures.coverage`) with a suggested fix each.
- reading an edited workbook back into the plan is a reader, not a renderer:
  `kapdocs.readers.contact_matrix` (openpyxl), with `kapdocs.readers.yamledit` making the
  edits with ruamel.yaml, keeping comments and layout.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.naming import contacts_file

from .cells import SHEETS


def render(job) -> list[Path]:
    """Write the contact-matrix workbook for `job.plan`; returns the file written."""
    from .workbook import write_workbook

    name = contacts_file(job.plan.account.name)
    return [job.out.write(name, lambda path: write_workbook(job, path), verify=verify)]


def verify(path: Path) -> None:
    """Re-open the written workbook with openpyxl and check that every sheet is there."""
    import openpyxl

    from kapdocs.errors import RenderError

    with open(path, "rb") as fh:  # a file object: openpyxl refuses the temporary file's suffix
        try:
            book = openpyxl.load_workbook(fh, read_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise RenderError(f"the contact matrix did not re-open: {exc}") from exc
        try:
            if tuple(book.sheetnames) != SHEETS:
                raise RenderError(f"the contact matrix has sheets {book.sheetnames}, expected {list(SHEETS)}")
        finally:
            book.close()
