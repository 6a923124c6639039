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
        if workbook.name not in Manifest(workbook.parent).records:
            click.echo(f"updated {plan}")
            return True
        left = unread_edits(plan, workbook, found.old_text)
        if left == []:
            adopt(workbook)  # every edit now lives in the plan: the next build may replace it
            click.echo(f"updated {plan}; rebuild the workbook with: kapdocs contacts {plan} -o {workbook.parent}")
        elif left is None:
            click.echo(f"updated {plan}")
            click.echo(f"note: {workbook} was written for an earlier version of the plan, so kapdocs cannot tell "
                       "which of its cells you changed: it stays protected, and the next build will not replace "
                       "it without --force", err=True)
        else:
            shown = ", ".join(left[:6]) + (f" and {len(left) - 6} more" if len(left) > 6 else "")
            click.echo(f"updated {plan}", err=False)
            click.echo(f"note: {workbook} also holds changes the plan has no place for ({shown}): it stays "
                       "protected, and the next build will not replace it without --force; copy what you need "
                       "first", err=True)
    else:
        click.echo(f"nothing written: run again with --yes to apply these changes to {plan}")
    return True


def unread_edits(plan: Path, workbook: Path, old_text: str) -> list[str] | None:
    """The cells the user changed in `workbook` that the plan does not carry (`Sheet!B7`): an extra column of
    notes, edits on the Coverage sheet... A cell counts as changed when it differs from what kapdocs wrote
    (the plan before the update, `old_text`, rendered for the workbook's build date), and as carried when
    what kapdocs would write now for the updated `plan` shows the same. Empty: nothing would be lost. None
    when what kapdocs wrote cannot be known (the plan had moved on since the workbook was written)."""
    import datetime as dt
    import re
    import tempfile
    import zipfile

    import openpyxl

    from kapdocs import api
    from kapdocs.render import Options

    def cells(path: Path) -> dict[str, str]:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            found = {}
            for ws in book.worksheets:
                ws.reset_dimensions()
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is not None and c.value != "":
                            found[f"{ws.title}!{c.coordinate}"] = str(c.value)
            return found
        finally:
            book.close()

    with zipfile.ZipFile(workbook) as z:  # the build date kapdocs wrote into it (reproducible builds)
        core = z.read("docProps/core.xml").decode("utf-8", "replace") if "docProps/core.xml" in z.namelist() else ""
    found = re.search(r"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", core)
    day = dt.date.fromisoformat(found.group(1)) if found else dt.date.today()
    from .workbook import CUSTOM_FINGERPRINT, fingerprint

    book = openpyxl.load_workbook(workbook, read_only=True)
    try:
        written_for = {p.name: p.value for p in getattr(book, "custom_doc_props", [])}.get(CUSTOM_FINGERPRINT)
    finally:
        book.close()
    with tempfile.TemporaryDirectory(prefix="kapdocs-contacts-") as scratch:
        before = Path(scratch) / "before" / plan.name
        before.parent.mkdir()
        before.write_text(old_text, encoding="utf-8")
        loaded = api.load(before)
        if written_for is None or written_for != fingerprint(loaded.plan):
            return None
        options = Options(today=day)
        base = cells(api.render(loaded, ["contacts"], Path(scratch) / "base", options)[0])
        now = cells(api.render(api.load(plan), ["contacts"], Path(scratch) / "now", options)[0])
    edited = cells(workbook)
    changed = {k for k in base.keys() | edited.keys() if base.get(k) != edited.get(k)}
    return sorted((k for k in changed if now.get(k) != edited.get(k)), key=_cell_order)


def _cell_order(ref: str) -> tuple:
    import re

    sheet, _, cell = ref.partition("!")
    m = re.match(r"([A-Z]+)(\d+)", cell)
    return (sheet, int(m.group(2)), len(m.group(1)), m.group(1)) if m else (sheet, 0, 0, cell)


def verify(package) -> None:
    """Check that the written workbook (checked as a package by the output folder) has every sheet."""
    from kapdocs.errors import RenderError

    names = package.sheet_names()
    if tuple(names) != SHEETS:
        raise RenderError(f"the contact matrix has sheets {names}, expected {list(SHEETS)}")
