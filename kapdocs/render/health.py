"""The plan health report as a document of the registry (`check` in `RENDERERS`).

- `kapdocs check PLAN...` runs `command`, the entry's hook: it prints the report of every
  plan (text, JSON or Markdown) to standard output and sets the exit code (`--strict`,
  `--min-score`); it writes no file.
- `render` writes one plan's Markdown report, `<slug>-plan-health.md`, through the output
  folder, for `api.render(plan, ["check"], out)`. The report is not part of `kapdocs build`.

The rules and the scoring are `kapdocs.checks`; the formats are `kapdocs.checks.report`.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs.naming import health_file


def render(job) -> list[Path]:
    """Write the Markdown health report of `job.plan` (judged on `job.figures.today`)."""
    from kapdocs.checks import report as health
    from kapdocs.checks import run

    source = job.source.name if job.source is not None else None
    text = health.markdown([run(job.plan, job.figures, source=source)])
    return [job.out.write(health_file(job.plan.account.name), text.encode("utf-8"))]


def command(*, plans: tuple[Path, ...], format_: str, strict: bool, min_score: int | None, today: str | None,
            **_) -> bool:
    """The hook of `kapdocs check`: print the health of each plan; exit 1 on `strict` errors or below `min_score`."""
    import datetime as dt
    import sys

    import click

    from kapdocs import api
    from kapdocs.analysis import analyse
    from kapdocs.checks import report as health
    from kapdocs.checks import run
    from kapdocs.cli import parse_today, show_warnings
    from kapdocs.errors import ExitStatus

    day = parse_today(today) or dt.date.today()
    loaded = api.load_all(plans)
    for one in loaded:
        show_warnings(one)
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
    return True
