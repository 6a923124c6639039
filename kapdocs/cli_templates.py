"""The template commands: `kapdocs render`, `kapdocs template check|init` and `kapdocs theme check`.

Kept apart from `cli` so that the commands every build uses stay small; each imports the
templating package only when it runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli import CONTEXT, _report, guarded, parse_today, show_warnings
from .fmt import LOCALES


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path),
                metavar="TEMPLATE... PLAN")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Folder to write to (created if needed).")
@click.option("--audience", type=click.Choice(["internal", "customer"]),
              help="Who the documents are for (default: what each template declares, else customer); never wider "
                   "than a template declares.")
@click.option("--meeting", metavar="ID", help="The meeting whose facts fill `meeting` (default: the next review "
                                              "the audience may see).")
@click.option("--today", metavar="YYYY-MM-DD", help="Date taken as today (default: the system date).")
@click.option("--locale", type=click.Choice(LOCALES), default="en-GB", show_default=True,
              help="Style of dates and numbers.")
@click.option("--theme", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Theme folder (its logo fills images.logo).")
@click.option("--force", is_flag=True, help="Replace output files even if they were edited since kapdocs wrote them.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each Office file (needs LibreOffice).")
@guarded
def render(paths: tuple[Path, ...], out: Path, audience: str | None, meeting: str | None, today: str | None,
           locale: str, theme: Path | None, force: bool, pdf: bool) -> None:
    """Fill your own templates (Word, PowerPoint, Excel, text) from a plan: <account>-<template>.<ext>.

    \b
    Examples:
      kapdocs render summary.docx qbr.pptx samples/northwind-foods.yaml --meeting qbr-2026-q4
      kapdocs render invitation.eml call-report.md plan.yaml -o out
    Each template sees the account as its audience may (see `kapdocs context`); a customer
    template cannot reach internal data. `kapdocs template init DIR` writes starters.
    """
    from .errors import UsageError
    from .load import load
    from .templating import render_templates

    if len(paths) < 2:
        raise UsageError("name one or more templates, then the plan: kapdocs render TEMPLATE... PLAN")
    *templates, plan_path = paths
    loaded = load(plan_path)
    show_warnings(loaded)
    _report(render_templates(templates, loaded, out, audience=audience, meeting=meeting, today=parse_today(today),
                             locale=locale, theme_folder=theme, force=force, pdf=pdf))


@click.group(context_settings=CONTEXT)
def template() -> None:
    """Your own templates: check them, or start from the starters.

    \b
    Example:
      kapdocs template init my-templates/
      kapdocs template check my-templates/* --plan samples/northwind-foods.yaml
    """


@template.command("check", context_settings=CONTEXT)
@click.argument("templates", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also render each template against this plan, in memory.")
@click.option("--audience", type=click.Choice(["internal", "customer"]),
              help="Check for this audience (default: what each template declares, else customer).")
@click.option("--meeting", metavar="ID", help="With --plan: the meeting whose facts fill `meeting`.")
@click.option("--today", metavar="YYYY-MM-DD", help="With --plan: the date taken as today.")
@click.option("-v", "--verbose", is_flag=True, help="List every view path each template uses.")
@guarded
def template_check(templates: tuple[Path, ...], plan_path: Path | None, audience: str | None, meeting: str | None,
                   today: str | None, verbose: bool) -> None:
    """Check templates without writing anything: syntax, unknown fields, safety; exit 0 or 2.

    \b
    Example:
      kapdocs template check summary.docx qbr.pptx --plan samples/northwind-foods.yaml
    Lists the view paths each template uses (-v) and reports unknown ones with the
    nearest known field, and located syntax errors. Usable in CI over a template library.
    """
    import sys

    from .errors import KapdocsError
    from .templating import prepare, render_templates_in_memory
    from .templating.check import check_template

    problems = 0
    loaded = None
    if plan_path is not None:
        from .load import load

        loaded = load(plan_path)
        show_warnings(loaded)
    for path in templates:
        try:
            prepare(path)
            who, report = check_template(path, audience)
        except KapdocsError as exc:
            click.echo(f"{exc}", err=True)
            problems += 1
            continue
        for finding in report.findings:
            click.echo(f"{path}: {finding}", err=True)
        problems += len(report.findings)
        if verbose:
            roots = ("plan", "figures", "meeting", "parties", "refs", "labels", "charts", "images", "as_of",
                     "audience", "currency", "volume_unit", "locale")
            for used in sorted(p for p in report.used if p.split(".")[0].split("[")[0] in roots):
                click.echo(f"{path}: uses {used}")
        if report.findings:
            continue
        if loaded is not None:
            try:
                render_templates_in_memory([path], loaded, audience=audience, meeting=meeting,
                                           today=parse_today(today))
            except KapdocsError as exc:
                click.echo(f"{exc}", err=True)
                problems += 1
                continue
        click.echo(f"{path}: ok ({who}{', rendered' if loaded is not None else ''})")
    if problems:
        click.echo(f"{problems} problem(s) in {len(templates)} template(s)", err=True)
        sys.exit(2)


@template.command("init", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite starters already in FOLDER.")
@guarded
def template_init(folder: Path, force: bool) -> None:
    """Write starter templates to FOLDER: a one-page summary (.docx), a QBR deck (.pptx), a pipeline
    workbook (.xlsx), a meeting invitation (.eml) and a call report (.md).

    \b
    Example:
      kapdocs template init my-templates/
      kapdocs render my-templates/* samples/northwind-foods.yaml --meeting qbr-2026-q4
    """
    from .templating.starters import STARTERS, write_starters
    from .errors import UsageError

    existing = [n for n in STARTERS if (folder / n).exists()]
    if existing and not force:
        raise UsageError(f"{folder} already has {', '.join(existing)}; use --force to overwrite")
    for path in write_starters(folder):
        click.echo(f"wrote {path}")


@click.command("check", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@guarded
def theme_check(folder: Path) -> None:
    """Check a theme folder: theme.yaml, the logo, and the reference documents' safety, styles and layouts.

    \b
    Example:
      kapdocs theme check brand/
    """
    import sys

    from .theme import check_theme

    problems = check_theme(folder)
    for problem in problems:
        click.echo(problem, err=True)
    errors = [p for p in problems if not p.startswith("warning")]
    if errors:
        sys.exit(2)
    click.echo(f"{folder}: ok" + (f" ({len(problems)} warning(s))" if problems else ""))
