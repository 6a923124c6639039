"""The `kapdocs` command: thin wrappers that parse options, call `api`, map errors to exit codes.

Heavy libraries (python-docx, python-pptx, openpyxl) are imported only inside the
commands that use them, so `kapdocs --help` starts fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
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
        try:
            return command(*args, **kwargs)
        except KapdocsError as exc:
            _fail(exc)

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
    """-o/--out, --theme, --locale, --paper and --today, shared by every command that writes documents."""
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
    out = out_opts.pop("out")
    _report(api.render(loaded, [renderer(name)], out, _options(out_opts, **extra)))


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
    """Write a commented starter plan to PATH (default: plan.yaml).

    \b
    Example:
      kapdocs init accounts/northwind.yaml
    """
    from .errors import UsageError
    from .resources import template

    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template("starter.yaml").read_bytes())
    click.echo(f"wrote {path}: fill it in, then run `kapdocs validate {path}`")


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
@output_options
@guarded
def build(plans: tuple[Path, ...], **out_opts) -> None:
    """Write every deliverable for each PLAN (files or folders of plans).

    \b
    Example:
      kapdocs build samples/ -o out
    Meeting documents are written for every meeting in the plan.
    """
    from . import api

    out = out_opts.pop("out")
    loaded = api.load_all(plans)
    for one in loaded:
        _warn(one)
    _report(api.build_loaded(loaded, out, _options(out_opts)))


@main.command(context_settings=CONTEXT)
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--edition", type=click.Choice(["internal", "customer"]), default="internal", show_default=True,
              help="internal: everything; customer: the joint plan, without internal-only fields.")
@click.option("--no-health", is_flag=True, help="Leave out the plan health appendix.")
@output_options
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
@click.option("--meeting", metavar="ID", help="Meeting id (default: the next QBR on or after today, else the latest).")
@click.option("--internal", is_flag=True, help="Build the internal review deck (Past, Future, Assess, Learn).")
@output_options
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
@guarded
def minutes(plan: Path, meeting: str | None, **out_opts) -> None:
    """Write the meeting pack: agenda (.docx), minutes template (.docx) and calendar (.ics).

    \b
    Example:
      kapdocs minutes samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
    """
    _render_one(plan, "minutes", out_opts, meeting=meeting)


if __name__ == "__main__":  # pragma: no cover
    main()
