"""The `kapdocs` command: thin wrappers that parse options, call `api`, map errors to exit codes.

The document commands (`kapdocs plan`, `contacts`, `qbr`, `minutes`, `workbook`, `check`)
are made from the registry, `kapdocs.render.RENDERERS`: one command per entry, with the
argument, options, help and hook it declares (`document_command`). The others (init,
validate, schema, build, context, theme) are written here; the template commands (render,
template, theme check) in `cli_templates`. `make_main` puts them together.

Heavy libraries (python-docx, python-pptx, openpyxl) are imported only inside the
commands that use them, so `kapdocs --help` starts fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ExitStatus, KapdocsError, PlanError, UsageError
from .fmt import LOCALES
from .render import Opt, Renderer

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
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except OSError as exc:  # disk full, a read-only folder, a file that vanished: the user's to fix
                where = f"{exc.filename}: " if exc.filename else ""
                click.echo(f"kapdocs: {where}{exc.strerror or exc}; nothing was changed", err=True)
                sys.exit(int(ExitStatus.INVALID))
            except MemoryError:
                click.echo("kapdocs: not enough memory for this input; nothing was changed", err=True)
                sys.exit(int(ExitStatus.INVALID))
            except Exception as exc:  # noqa: BLE001 - a bug in kapdocs: say so, without a traceback
                if os.environ.get("KAPDOCS_DEBUG"):
                    raise
                click.echo(f"kapdocs: internal error ({type(exc).__name__}: {exc}). This is a bug in kapdocs: "
                           "please report it with the command and the plan (KAPDOCS_DEBUG=1 shows the "
                           "traceback); nothing was changed", err=True)
                sys.exit(int(ExitStatus.INTERNAL))
            finally:
                for warning in caught:
                    if issubclass(warning.category, UserWarning):
                        click.echo(f"warning: {warning.message}", err=True)

    return wrapper


def show_warnings(loaded) -> None:
    """Print a loaded plan's warnings to standard error."""
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)


def parse_today(value: str | None) -> dt.date | None:
    """The date of a `--today YYYY-MM-DD` value (None when not given)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _output_options() -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """(flags, click settings) of the output options, in `--help` order."""
    return [
        (("-o", "--out"), dict(type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
                               show_default=True, help="Folder to write to (created if needed).")),
        (("--locale",), dict(type=click.Choice(LOCALES), default="en-GB", show_default=True,
                             help="Date style and default paper size.")),
        (("--paper",), dict(type=click.Choice(["a4", "letter"]), help="Paper size (default: A4, Letter with en-US).")),
        (("--today",), dict(metavar="YYYY-MM-DD", help="Date taken as today (default: the system date).")),
        (("--theme",), dict(type=click.Path(exists=True, file_okay=False, path_type=Path),
                            help="Theme folder (theme.yaml, reference.docx, reference.pptx); default: built-in.")),
        (("--force",), dict(is_flag=True, help="Replace output files even if they were edited since kapdocs wrote "
                                               "them (or were not written by kapdocs).")),
    ]


OUTPUT_OPTIONS = ("out", "locale", "paper", "today", "theme", "force")
"""The keywords of the output options."""


def output_options(func):
    """-o/--out, --locale, --paper, --today, --theme and --force, shared by every command that writes documents."""
    for flags, attrs in reversed(_output_options()):
        func = click.option(*flags, **attrs)(func)
    return func


def _options(out_opts: dict, **extra):
    from .render import Options

    return Options(locale=out_opts["locale"], paper=out_opts["paper"], today=parse_today(out_opts["today"]),
                   theme=out_opts["theme"], **extra)


def _report(written: list[Path]) -> None:
    for path in written:
        click.echo(f"wrote {path}")


@click.command(context_settings=CONTEXT)
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

    if path.is_symlink():
        raise UsageError(f"{path} is a link; kapdocs does not create files through links: name a plain file")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    from . import api
    from .atomic import write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, template("starter.yaml").read_bytes())
    click.echo(f"wrote {path}: fill it in, then run `kapdocs validate {path}`")
    schema_file = path.parent / "kapdocs-plan.schema.json"
    if schema_file.is_symlink():  # a link, even a dangling one, may point anywhere: leave it alone
        click.echo(f"left {schema_file} alone: it is a link", err=True)
    elif not schema_file.exists():  # the starter's first line points editors at it
        write_bytes(schema_file, api.schema_text().encode("utf-8"))
        click.echo(f"wrote {schema_file}: editors using yaml-language-server complete and check the plan with it")


@click.command(context_settings=CONTEXT)
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
        show_warnings(loaded)
        click.echo(f"{loaded.path}: valid ({loaded.plan.account.name})")
    if problems:
        raise PlanError(problems)


@click.command(context_settings=CONTEXT)
@guarded
def schema() -> None:
    """Print the JSON Schema of the plan format.

    \b
    Example (then point your editor at it, see the README):
      kapdocs schema > kapdocs-plan.schema.json
    """
    from . import api

    click.echo(api.schema_text(), nl=False)


@click.command(context_settings=CONTEXT)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each Office file (needs LibreOffice).")
@click.option("--jobs", type=click.IntRange(1, 256), help="Accounts built at once (default: the number of CPUs).")
@click.option("--fail-fast", is_flag=True, help="Validate every plan first and stop at the first invalid one, "
                                                "writing nothing.")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N stable slices of the plans (CI, cron).")
@click.option("--cluster", metavar="ADDRESS", help="Build on a Dask cluster, e.g. tcp://scheduler:8786 "
                                                   "(pip install 'kapdocs[dask]').")
@click.option("--quiet", is_flag=True, help="Print only the summary and the failures.")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per account on standard output.")
@output_options
@guarded
def build(plans: tuple[Path, ...], pdf: bool, jobs: int | None, fail_fast: bool, shard: str | None,
          cluster: str | None, quiet: bool, as_json: bool, **out_opts) -> None:
    """Write every deliverable for each PLAN (files or folders of plans).

    \b
    Examples:
      kapdocs build samples/northwind-foods.yaml -o out   # one plan: its files in out/
      kapdocs build plans/ -o out --jobs 4                # many: out/<account>/ each
      kapdocs build samples/ -o out --pdf      # and a PDF beside each Office file
    Meeting documents are written for the next meeting of each kind (else the latest);
    past meetings' documents are left as they were filed. Files edited since kapdocs
    wrote them are never replaced without --force (exit code 3).

    \b
    With several plans each account gets its own folder, a bad plan fails alone (the
    others are built; exit 1, or 2 when nothing could be built), unchanged accounts are
    skipped (--force rebuilds), and the work is spread over --jobs processes or a
    --cluster. The same bytes are written whichever way.
    """
    from . import api, office

    if pdf:
        office.require()  # before anything is written
    out, force = out_opts.pop("out"), out_opts.pop("force")
    sources = api.plan_files(plans)
    if len(sources) == 1 and not (shard or cluster or jobs):
        loaded = api.load_all(sources)
        for one in loaded:
            show_warnings(one)
        _report(api.build_loaded(loaded, out, _options(out_opts), force=force, pdf=pdf))
        return
    _batch(sources, out, out_opts, force=force, pdf=pdf, jobs=jobs, fail_fast=fail_fast, shard=shard,
           cluster=cluster, quiet=quiet, as_json=as_json)


@click.command(context_settings=CONTEXT)
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options
@guarded
def portfolio(plans: tuple[Path, ...], **out_opts) -> None:
    """Write the portfolio of every PLAN: portfolio.xlsx, portfolio.pptx and portfolio.docx.

    \b
    Example:
      kapdocs portfolio plans/ -o out --today 2026-11-25
    One row per account (potential, year to date against target, pipeline, portfolio scores and
    quadrant, plan health, reviews due), the customer portfolio matrix with every account placed,
    and the accounts that need attention. A batch `kapdocs build` writes it too. An invalid plan
    is left out and named (exit 1).
    """
    from . import api
    from .batch import write_portfolio_files
    from .load import load
    from .portfolio import row_for

    options = _options(out_opts)
    today = options.today or dt.date.today()
    rows, failed = [], []
    for path in api.plan_files(plans):
        try:
            loaded = load(path)
        except PlanError as exc:
            failed.append(exc)
            continue
        show_warnings(loaded)
        rows.append(row_for(loaded.plan, today).data())
    for exc in failed:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
    if not rows:
        raise UsageError("no valid plan to put in the portfolio")
    settings = {"today": today.isoformat(), "theme": str(options.theme) if options.theme else None}
    names = write_portfolio_files(rows, out_opts["out"], settings, force=out_opts["force"])
    _report([out_opts["out"] / n for n in names])
    if failed:
        sys.exit(1)


def _batch(sources: list[Path], out: Path, out_opts: dict, *, force: bool, pdf: bool, jobs: int | None,
           fail_fast: bool, shard: str | None, cluster: str | None, quiet: bool, as_json: bool) -> None:
    """`kapdocs build` of several plans: one folder per account (`kapdocs.batch`)."""
    import json as jsonlib

    from . import api, batch

    chosen = [p for p in sources if batch.in_shard(p, batch.parse_shard(shard))]
    if fail_fast:
        api.load_all(chosen)  # every plan valid, or nothing is written (exit 2)
    options = _options(out_opts)
    settings = {"locale": options.locale, "paper": options.paper,
                "theme": str(options.theme.resolve()) if options.theme else None,
                "today": (options.today or dt.date.today()).isoformat()}
    close = None
    if cluster:
        executor, close = batch.cluster_executor(cluster)
    else:
        executor = batch.local_executor(jobs or os.cpu_count() or 1)
    started = time.perf_counter()
    terminal = sys.stderr.isatty() and not (quiet or as_json)

    def report(result, done: int, total: int) -> None:
        if as_json:
            click.echo(jsonlib.dumps(result.record(), ensure_ascii=False))
            return
        if result.status == "failed":
            click.echo(f"[{done}/{total}] failed {result.plan}: {result.errors[0] if result.errors else ''}"
                       + (f" (+{len(result.errors) - 1} more)" if len(result.errors) > 1 else ""), err=True)
        elif not quiet:
            eta = ""
            if terminal and done < total:
                left = (time.perf_counter() - started) / done * (total - done)
                eta = f", about {left:.0f} s left"
            what = "unchanged" if result.status == "skipped" else f"{len(result.files)} files, {result.seconds:.1f} s"
            click.echo(f"[{done}/{total}] {result.status} {result.folder or result.plan} ({what}{eta})", err=True)

    try:
        outcome = batch.build_batch(chosen, out, settings, executor=executor, force=force, pdf=pdf, report=report)
    finally:
        executor.shutdown(wait=True)
        if close is not None:
            close()
    counts = {s: sum(1 for r in outcome.results if r.status == s) for s in ("built", "skipped", "failed")}
    if not as_json:
        click.echo(f"{counts['built']} built, {counts['skipped']} unchanged, {counts['failed']} failed, of "
                   f"{len(outcome.results)} plans in {time.perf_counter() - started:.1f} s; output in {out}",
                   err=True)
        for result in outcome.failed:
            click.echo(f"failed: {result.plan}", err=True)
            for error in result.errors:
                click.echo(f"  {error}", err=True)
    if outcome.exit_status:
        sys.exit(outcome.exit_status)


@click.command(context_settings=CONTEXT)
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
    show_warnings(loaded)
    data = api.context(loaded.plan, audience=audience, meeting=meeting, today=parse_today(today), locale=locale)
    if format_ == "yaml":
        import yaml

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), nl=False)
    else:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(context_settings=CONTEXT)
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


# -- the document commands, made from the registry --------------------------------------------------------

def _param_type(opt: Opt):
    if opt.choices is not None:
        return click.Choice(list(opt.choices))
    kinds = {
        "text": None,
        "int": click.IntRange(*opt.limits) if opt.limits else click.INT,
        "file": click.Path(exists=True, dir_okay=False, path_type=Path),
        "plan": click.Path(dir_okay=False, path_type=Path),
    }
    if opt.kind not in kinds:
        raise ValueError(f"option {opt.name}: unknown kind {opt.kind!r}; use one of {', '.join(kinds)}")
    return kinds[opt.kind]


def _option(opt: Opt) -> click.Option:
    """The click option an `Opt` declares."""
    settings: dict[str, Any] = {"help": opt.help}
    if opt.is_flag:
        settings["is_flag"] = True
        if opt.value:  # a flag that turns something off (--no-health)
            settings.update(default=True, flag_value=False)
    else:
        settings.update(type=_param_type(opt), metavar=opt.metavar)
        if opt.default is not None:
            settings.update(default=opt.default, show_default=True)
    return click.Option([*opt.flags, opt.name], **settings)


def _params(entry: Renderer) -> list[click.Parameter]:
    """The argument, the options, the output options and --pdf of `entry`'s command, in `--help` order."""
    params: list[click.Parameter] = []
    if entry.argument == "plan":
        params.append(click.Argument(["plan"], type=click.Path(dir_okay=False, path_type=Path)))
    elif entry.argument == "plans":
        params.append(click.Argument(["plans"], nargs=-1, required=True, type=click.Path(path_type=Path)))
    elif entry.argument is not None:
        raise ValueError(f"{entry.name}: unknown argument {entry.argument!r}; use plan, plans or None")
    params.extend(_option(opt) for opt in entry.options)
    if entry.writes:
        params.extend(click.Option(list(flags), **attrs) for flags, attrs in _output_options())
        if entry.pdf:
            params.append(click.Option(["--pdf"], is_flag=True, help=entry.pdf))
    return params


def _run_document(entry: Renderer, values: dict[str, Any]) -> None:
    """`kapdocs NAME ...`: the entry's hook, else load the plan and render the document."""
    from . import api, render
    from .load import load

    hook = entry.load_hook()
    if hook is not None and hook(**values):
        return
    if not entry.writes or entry.argument == "plans":
        raise RuntimeError(f"{entry.name}: the command's hook must do its work (it writes nothing or takes PLANS)")
    # the entry in force under this name when the command runs (a test may swap the renderer)
    current = next((r for r in render.RENDERERS if r.name == entry.name), entry)
    out_opts = {key: values.pop(key) for key in OUTPUT_OPTIONS}
    pdf = values.pop("pdf", False)
    loaded = None
    if entry.argument == "plan":
        loaded = load(values.pop("plan"))
        show_warnings(loaded)
    for opt in entry.options:
        if opt.kind == "plan" and (path := values.pop(opt.name)) is not None:
            loaded = load(path)
            show_warnings(loaded)
    options = _options(out_opts, **values)
    _report(api.render(loaded, [current], out_opts["out"], options, force=out_opts["force"], pdf=pdf))


def document_command(entry: Renderer) -> click.Command:
    """The command `kapdocs NAME` of a registry entry: its argument, options, help and hook."""

    @guarded
    def run(**values: Any) -> None:
        _run_document(entry, values)

    return click.Command(entry.name, params=_params(entry), callback=run, help=entry.help, context_settings=CONTEXT)


def make_main(renderers: Sequence[Renderer] | None = None) -> click.Group:
    """The `kapdocs` group: the fixed commands, and one command per entry of `renderers` (default: `RENDERERS`)."""
    from .render import RENDERERS

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

    from .cli_templates import render as render_command, template, theme_check

    if "check" not in theme.commands:
        theme.add_command(theme_check)
    for command in (init, validate, schema, build, portfolio, context, theme, render_command, template):
        main.add_command(command)
    for entry in RENDERERS if renderers is None else renderers:
        if entry.name in main.commands:
            raise ValueError(f"the document {entry.name!r} has the name of a command kapdocs already has")
        main.add_command(document_command(entry))
    return main


main = make_main()


def run() -> None:
    """The `kapdocs` program: `main`, then a prompt exit.

    Once a command has finished (its files written, synced and renamed, its output printed), Python
    would spend about 0.1 s freeing every object one by one as it shuts down (a build's documents hold
    hundreds of thousands). kapdocs runs the exit handlers, flushes its output and leaves at once
    instead, unless a thread of the program is still running or a profiler or tracer is attached (it
    would lose its report)."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    _leave(code)


def _leave(code: object) -> None:
    import atexit
    import threading

    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if others or sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): Python prints it and exits with 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            status = status or 1
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
