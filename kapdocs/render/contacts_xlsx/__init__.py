"""The Excel contact matrix: `<slug>-contact-matrix.xlsx`, and reading a user's edits back.

- `workbook.py` writes it (XlsxWriter): Matrix, Contacts, Team, Buyers, Coverage.
- `cells.py` is the contract between writing and reading: what each editable cell
  shows, and how an edited cell is parsed.
- `gaps.py` words the coverage gaps (`Figures.coverage`) with a suggested fix each.
- reading an edited workbook back into the plan is a reader, not a renderer:
  `kapdocs.readers.contact_matrix` (openpyxl), with `kapdocs.readers.yamledit` making the
  edits with ruamel.yaml, keeping comments and layout. `update` is the hook that runs it
  for `kapdocs contacts PLAN --update WORKBOOK [--yes]`.
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


def update(*, plan: Path, update: Path | None, yes: bool, **_) -> bool:
    """The hook of `kapdocs contacts`: with `--update WORKBOOK`, read its edits back into `plan`.

    Shows the changes and a diff, and writes them with `yes` or after a confirmation at a
    terminal. Returns False without `--update` (the command then writes the workbook).
    """
    if update is None:
        return False
    import sys

    import click

    from kapdocs.manifest import Manifest, adopt
    from kapdocs.readers.contact_matrix import read_back

    workbook = update
    found = read_back(plan, workbook)
    for note in found.notes:
        click.echo(f"note: {note}", err=True)
    if not found.changed:
        click.echo(f"no changes: {plan} already matches {workbook}")
        return True
    click.echo(f"{len(found.changes)} change(s) from {workbook}:")
    for change in found.changes:
        click.echo(f"  {change.where}: {change.text}")
    click.echo()
    colours = {"+": "green", "-": "red", "@": "cyan"}
    for line in found.diff().splitlines():
        click.secho(line, fg=None if line[:3] in ("+++", "---") else colours.get(line[:1]))
    if yes or (sys.stdin.isatty() and click.confirm(f"Write these changes to {plan}?", default=False)):
        found.write()
        if workbook.name in Manifest(workbook.parent).records:
            adopt(workbook)  # its edits now live in the plan: the next build may replace it
            click.echo(f"updated {plan}; rebuild the workbook with: kapdocs contacts {plan} -o {workbook.parent}")
        else:
            click.echo(f"updated {plan}")
    else:
        click.echo(f"nothing written: run again with --yes to apply these changes to {plan}")
    return True


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
