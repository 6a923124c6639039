"""The `kapdocs` command: thin wrappers that parse options, call `api`, map errors to exit codes.

Heavy libraries (python-docx, python-pptx, openpyxl) are imported only inside the
commands that use them, so `kapdocs --help` starts fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import ExitStatus, KapdocsError, PlanError
from .fmt import LOCALES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(exc: KapdocsError) -> None:
    if isinstance(exc, PlanError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        files = {p.file for p in exc.problems}
        click.echo(f"{len(exc.problems)} problem(s) in {', '.join(sorted(files))}; nothing was written.", err=True)
    else:
        click.echo(f"kapdocs: {exc}", err=True)
    sys.exit(int(exc.exit_status))


def guarded(command):
    """Report kapdocs errors as messages with their exit code, never as a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return command(*args, **kwargs)
            except KapdocsError as exc:
                _fail(exc)
            finally:
                for warning in caught:
                    if issubclass(warning.category, UserWarning):
                        click.echo(f"warning: {warning.message}", err=True)

    return wrapper


def _warn(loaded) -> None:
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)


def _today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def output_options(func):
    """-o/--out, --theme, --locale, --paper, --today and --force, shared by every command that writes documents."""
    func = click.option("--force", is_flag=True,
                        help="Replace output files even if they were edited since kapdocs wrote them "
                             "(or were not written by kapdocs).")(func)
    func = click.option("--theme", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help="Theme folder (theme.yaml, reference.docx, reference.pptx); default: built-in.")(func)
    func = click.option("--today", metavar="YYYY-MM-DD", help="Date taken as today (default: the system date).")(func)
    func = click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper size (default: A4, Letter with en-US).")(func)
    func = click.option("--locale", type=click.Choice(LOCALES), default="en-GB", show_default=True,
                        help="Date style and default paper size.")(func)
    func = click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
                        show_default=True, help="Folder to write to (created if needed).")(func)
    return func


def _options(out_opts: dict, **extra):
    from .render import Options

    return Options(locale=out_opts["locale"], paper=out_opts["paper"], today=_today(out_opts["today"]),
                   theme=out_opts["theme"], **extra)


def _render_one(plan_path: Path, name: str, out_opts: dict, **extra) -> None:
    """Load one plan and run one renderer on it."""
    from . import api
    from .load import load
    from .render import renderer

    loaded = load(plan_path)
    _warn(loaded)
    out, force, pdf = out_opts.pop("out"), out_opts.pop("force"), out_opts.pop("pdf", False)
    _report(api.render(loaded, [renderer(name)], out, _options(out_opts, **extra), force=force, pdf=pdf))


def _report(written: list[Path]) -> None:
    for path in written:
        click.echo(f"wrote {path}")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kapdocs")
def main() -> None:
    """Turn one key-account plan (YAML or JSON) into the documents key account management runs on.

    \b
    Start with:
      kapdocs init northwind.yaml        # a commented starter plan
      kapdocs validate northwind.yaml    # check it, with located errors
      kapdocs build northwind.yaml       # every deliverable into out/

    Exit codes: 0 done, 1 findings (check --strict), 2 invalid input, 3 edited output protected, 4 internal error.
    """


@main.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=Path("plan.yaml"))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@guarded
def init(path: Path, force: bool) -> None:
    """Write a commented starter plan to PATH (default: plan.yaml), and the plan format's
    JSON Schema beside it for editors.

    \b
    Example:
      kapdocs init accounts/northwind.yaml
    """
    from .errors import UsageError
    from .resources import template

    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    from . import api

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template("starter.yaml").read_bytes())
    click.echo(f"wrote {path}: fill it in, then run `kapdocs validate {path}`")
    schema_file = path.parent / "kapdocs-plan.schema.json"
    if not schema_file.exists():  # the starter's first line points editors at it
        schema_file.write_text(api.schema_text(), encoding="utf-8")
        click.echo(f"wrote {schema_file}: editors using yaml-language-server complete and check the plan with it")


@main.command(context_settings=CONTEXT)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@guarded
def validate(plans: tuple[Path, ...]) -> None:
    """Check each PLAN file (or folder of plans); report every problem with its file and line.

    \b
    Example:
      kapdocs validate samples/*.yaml
    Exit code 0 when all are valid, 2 otherwise.
    """
    from . import api
    from .load import load

    problems = []
    for path in api.plan_files(plans):
        try:
            loaded = load(path)
        except PlanError as exc:
            problems.extend(exc.problems)
            continue
        _warn(loaded)
        click.echo(f"{loaded.path}: valid ({loaded.plan.account.name})")
    if problems:
        raise PlanError(problems)


@main.command(context_settings=CONTEXT)
@guarded
def schema() -> None:
    """Print the JSON Schema of the plan format.

    \b
    Example (then point your editor at it, see the README):
      kapdocs schema > kapdocs-plan.schema.json
    """
    from . import api

    click.echo(api.schema_text(), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each Office file (needs LibreOffice).")
@output_options
@guarded
def build(plans: tuple[Path, ...], pdf: bool, **out_opts) -> None:
    """Write every deliverable for each PLAN (files or folders of plans).

    \b
    Example:
      kapdocs build samples/ -o out
      kapdocs build samples/ -o out --pdf      # and a PDF beside each Office file
    Meeting documents are written for every meeting from today on (else the latest);
    past meetings' documents are left as they were filed. Files edited since kapdocs
    wrote them are never replaced without --force (exit code 3).
    """
    from . import api, office

    if pdf:
        office.require()  # before anything is written
    out, force = out_opts.pop("out"), out_opts.pop("force")
    loaded = api.load_all(plans)
    for one in loaded:
        _warn(one)
    _report(api.build_loaded(loaded, out, _options(out_opts), force=force, pdf=pdf))


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--edition", type=click.Choice(["internal", "customer"]), default="internal", show_default=True,
              help="internal: everything; customer: the joint plan, without internal-only fields.")
@click.option("--no-health", is_flag=True, help="Leave out the plan health appendix.")
@output_options
@click.option("--pdf", is_flag=True, help="Also write a PDF (needs LibreOffice); fills the contents' page numbers.")
@guarded
def plan(plan: Path, edition: str, no_health: bool, **out_opts) -> None:
    """Write the Word key account plan: <account>-key-account-plan.docx.

    \b
    Example:
      kapdocs plan samples/northwind-foods.yaml --edition customer -o out
    """
    _render_one(plan, "plan", out_opts, edition=edition, health=not no_health)


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--update", "workbook", metavar="WORKBOOK", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the edits made in WORKBOOK (a contact matrix kapdocs wrote) back into PLAN.")
@click.option("--yes", is_flag=True, help="With --update: write the changes to PLAN without asking.")
@output_options
@guarded
def contacts(plan: Path, workbook: Path | None, yes: bool, **out_opts) -> None:
    """Write the Excel contact matrix <account>-contact-matrix.xlsx, or read its edits back (--update).

    \b
    Examples:
      kapdocs contacts samples/northwind-foods.yaml -o out
      kapdocs contacts samples/northwind-foods.yaml --update out/northwind-foods-plc-contact-matrix.xlsx
    --update reads the Matrix, Contacts and Team sheets, shows what would change in PLAN (which
    keeps its comments and layout), and writes it with --yes or after you confirm at a terminal.
    Invalid edits are reported as WORKBOOK!Sheet!C12 and nothing is written (exit code 2).
    """
    import warnings

    from .xlsx_safe import CellTextCut

    if workbook is None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CellTextCut)
            _render_one(plan, "contacts", out_opts)
        for warning in caught:
            if issubclass(warning.category, CellTextCut):
                click.echo(f"warning: {warning.message}", err=True)
        return

    from .readers.contact_matrix import read_back

    update = read_back(plan, workbook)
    for note in update.notes:
        click.echo(f"note: {note}", err=True)
    if not update.changed:
        click.echo(f"no changes: {plan} already matches {workbook}")
        return
    click.echo(f"{len(update.changes)} change(s) from {workbook}:")
    for change in update.changes:
        click.echo(f"  {change.where}: {change.text}")
    click.echo()
    colours = {"+": "green", "-": "red", "@": "cyan"}
    for line in update.diff().splitlines():
        click.secho(line, fg=None if line[:3] in ("+++", "---") else colours.get(line[:1]))
    if yes or (sys.stdin.isatty() and click.confirm(f"Write these changes to {plan}?", default=False)):
        update.write()
        from .manifest import Manifest, adopt

        if workbook.name in Manifest(workbook.parent).records:
            adopt(workbook)  # its edits now live in the plan: the next build may replace it
            click.echo(f"updated {plan}; rebuild the workbook with: kapdocs contacts {plan} -o {workbook.parent}")
        else:
            click.echo(f"updated {plan}")
    else:
        click.echo(f"nothing written: run again with --yes to apply these changes to {plan}")


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meeting", metavar="ID", help="Meeting id (default: the next QBR on or after today, else the latest).")
@click.option("--internal", is_flag=True, help="Build the internal review deck (Past, Future, Assess, Learn).")
@output_options
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each file (needs LibreOffice).")
@guarded
def qbr(plan: Path, meeting: str | None, internal: bool, **out_opts) -> None:
    """Write the QBR deck: <account>-qbr-<meeting-id>.pptx.

    \b
    Example:
      kapdocs qbr samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
    """
    _render_one(plan, "qbr", out_opts, meeting=meeting, internal=internal)


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meeting", metavar="ID", help="Meeting id (default: the next QBR on or after today, else the latest).")
@output_options
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each file (needs LibreOffice).")
@guarded
def minutes(plan: Path, meeting: str | None, **out_opts) -> None:
    """Write the meeting pack: agenda (.docx), minutes template (.docx) and calendar (.ics).

    \b
    Example:
      kapdocs minutes samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
    """
    _render_one(plan, "minutes", out_opts, meeting=meeting)


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--audience", type=click.Choice(["internal", "customer"]), default="internal", show_default=True,
              help="Who the view is for: the customer's leaves out everything internal.")
@click.option("--meeting", metavar="ID", help="Add the facts of this meeting (agenda, actions, year to date...).")
@click.option("--today", metavar="YYYY-MM-DD", help="Date taken as today (default: the system date).")
@click.option("--locale", type=click.Choice(LOCALES), default="en-GB", show_default=True,
              help="Style of the display strings (dates, numbers).")
@click.option("--format", "format_", type=click.Choice(["json", "yaml"]), default="json", show_default=True)
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON Schema of the context instead.")
@guarded
def context(plan: Path | None, audience: str, meeting: str | None, today: str | None, locale: str, format_: str,
            print_schema: bool) -> None:
    """Print the account as one audience sees it: the data that templates render against.

    
    Examples:
      kapdocs context samples/northwind-foods.yaml --audience customer --meeting qbr-2026-q4
      kapdocs context --schema > kapdocs-context.schema.json
    The plan as the audience may see it, every derived figure, the meeting's facts and the
    labels of every value, with stable keys (see the README, "The account view").
    """
    import json

    from . import api
    from .errors import UsageError

    if print_schema:
        from .view.data import context_schema

        click.echo(json.dumps(context_schema(), indent=2, ensure_ascii=False))
        return
    if plan is None:
        raise UsageError("name a plan file (or use --schema)")
    from .load import load

    loaded = load(plan)
    _warn(loaded)
    data = api.context(loaded.plan, audience=audience, meeting=meeting, today=_today(today), locale=locale)
    if format_ == "yaml":
        import yaml

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), nl=False)
    else:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@main.command(context_settings=CONTEXT)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text for people, json for tools, markdown for pull requests.")
@click.option("--strict", is_flag=True, help="Exit 1 when any plan has an error-level finding (to gate CI).")
@click.option("--min-score", type=click.IntRange(0, 100), metavar="N",
              help="Exit 1 when any plan scores below N (0-100).")
@click.option("--today", metavar="YYYY-MM-DD", help="Date taken as today (default: the system date).")
@guarded
def check(plans: tuple[Path, ...], format_: str, strict: bool, min_score: int | None, today: str | None) -> None:
    """Check the health of each PLAN (files or folders of plans): findings by section, a score out of 100.

    \b
    Example:
      kapdocs check samples/ --format markdown > plan-health.md
    Exit code 0; 1 with --strict when any finding is an error, or with --min-score N when a
    plan scores below N; 2 when a plan is invalid.
    Rules, heuristics and scoring: docs/health-check.md.
    """
    from . import api
    from .analysis import analyse
    from .checks import report as health
    from .checks import run

    day = _today(today) or dt.date.today()
    loaded = api.load_all(plans)
    for one in loaded:
        _warn(one)
    reports = [run(one.plan, analyse(one.plan, day), source=str(one.path), locate=one.line_of) for one in loaded]
    if format_ == "json":
        click.echo(health.as_json(reports), nl=False)
    elif format_ == "markdown":
        click.echo(health.markdown(reports), nl=False)
    else:
        click.echo(health.text(reports, colour=True), nl=False)
    if strict and any(r.has_errors for r in reports):
        sys.exit(int(ExitStatus.FINDINGS))
    if min_score is not None and any(r.score < min_score for r in reports):
        sys.exit(int(ExitStatus.FINDINGS))


@main.command(context_settings=CONTEXT)
@click.option("--case", "case", type=click.Path(dir_okay=False, path_type=Path), metavar="PLAN",
              help="A plan to use as the case study (default: blank worksheets).")
@click.option("--edition", type=click.Choice(["participant", "facilitator"]), default="participant",
              show_default=True, help="participant: worksheets to fill in; facilitator: timings, prompts and, "
                                      "with --case, the worked answers.")
@click.option("--xlsx", is_flag=True, help="Also write workbook-scoring.xlsx (live formulas for the portfolio "
                                           "matrix, force field and partnership score).")
@output_options
@click.option("--pdf", is_flag=True, help="Also write PDFs (needs LibreOffice); fills the contents' page numbers.")
@guarded
def workbook(case: Path | None, edition: str, xlsx: bool, **out_opts) -> None:
    """Write a key account planning workshop workbook: workbook-<edition>.docx.

    \b
    Example:
      kapdocs workbook --case samples/northwind-foods.yaml --edition facilitator --xlsx -o out
    Eleven modules with explanations, worksheets and reflection questions, and a one-day
    and a two-day timetable.
    """
    from . import office
    from .output import OutputFolder
    from .render.workbook import render_workbook

    pdf = out_opts.pop("pdf")
    if pdf:
        office.require()  # before anything is written
    options = _options(out_opts)
    folder = OutputFolder(out_opts["out"], force=out_opts["force"], staged=True)
    plan = None
    if case is not None:
        from .load import load

        loaded = load(case)
        _warn(loaded)
        plan, folder.plan = loaded.plan, loaded.path
    try:
        written = render_workbook(folder, edition=edition, plan=plan, xlsx=xlsx, theme=options.theme,
                                  paper=options.page, locale=options.locale, today=options.today)
        if pdf:  # contents page numbers filled, then a PDF beside each file
            written += [folder.target(name) for name in office.publish_pdfs(folder)]
        folder.commit()
    except BaseException:
        folder.discard()
        raise
    _report(written)


@main.group(context_settings=CONTEXT)
def theme() -> None:
    """Themes: colours, fonts and the reference Word and PowerPoint documents.

    \b
    Example:
      kapdocs theme init brand/ && kapdocs build samples/ --theme brand/
    """


@theme.command("init", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files already in FOLDER.")
@guarded
def theme_init(folder: Path, force: bool) -> None:
    """Write the built-in theme to FOLDER (theme.yaml, reference.docx, reference.pptx) to edit.

    \b
    Example:
      kapdocs theme init brand/
    Then restyle the reference documents in Word and PowerPoint (keep the style and
    layout names the README lists) and pass --theme brand/ to any command.
    """
    from .errors import UsageError
    from .resources import template

    names = ("theme.yaml", "reference.docx", "reference.pptx")
    existing = [n for n in names if (folder / n).exists()]
    if existing and not force:
        raise UsageError(f"{folder} already has {', '.join(existing)}; use --force to overwrite")
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(template(name).read_bytes())
        click.echo(f"wrote {folder / name}")


if __name__ == "__main__":  # pragma: no cover
    main()
