"""The library entry points: what the CLI calls, and what users can call from Python.

    from kapdocs import api
    plan = api.load_plan("samples/northwind-foods.yaml")
    api.build(["samples/northwind-foods.yaml"], "out")
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import PlanError, UsageError
from .load import Loaded, load, load_plan
from .model import Plan
from .output import OutputFolder
from .reproducible import building_on
from . import render as registry
from .render import Job, Options, Renderer

__all__ = ["load", "load_plan", "plan_files", "load_all", "schema", "build", "build_loaded", "render", "context",
           "Options"]

PLAN_SUFFIXES = (".yaml", ".yml", ".json")


def plan_files(sources: Iterable[str | Path]) -> list[Path]:
    """The plan files named by `sources`: files as given, folders expanded to their plan files."""
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.suffix.lower() in PLAN_SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"{source}: no plan files (*.yaml, *.yml, *.json) in this folder")
            files.extend(found)
        else:
            files.append(source)
    return files


def load_all(sources: Iterable[str | Path]) -> list[Loaded]:
    """Load and validate every plan; raises one `PlanError` with the problems of all files."""
    loaded, problems = [], []
    for path in plan_files(sources):
        try:
            loaded.append(load(path))
        except PlanError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanError(problems)
    return loaded


def schema() -> dict:
    """The JSON Schema of the plan format (for editors and yaml-language-server)."""
    from .model.docs import describe_models

    describe_models()  # the fields' docstrings become the schema's descriptions
    doc = Plan.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://kapdocs.example/schema/plan-1.json", **doc}


def schema_text() -> str:
    """`schema()` as indented JSON text, ending with a newline."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def render(loaded: Loaded | Plan | None, renderers: Sequence[Renderer | str], out: str | Path | OutputFolder,
           options: Options = Options(), *, all_meetings: bool = False, force: bool = False,
           pdf: bool = False) -> list[Path]:
    """Run `renderers` (entries of `RENDERERS`, or their names) on one plan; returns the files written.

        api.render(plan, ["plan", "qbr"], "out", Options(edition="customer", meeting="qbr-2026-q4"))

    `loaded` may be None for a document that needs no plan (the blank workbook).

    `pdf` adds a PDF beside every Office file written (LibreOffice, in one run; Word tables
    of contents get their page numbers first); it needs a folder this call owns.

    The files are written all together at the end: if one would replace a file the user
    edited (or one kapdocs did not write), nothing is written and `OutputProtectedError`
    is raised, unless `force`. Given an `OutputFolder`, writes into it (a staged folder
    is left for the caller to commit).
    """
    from . import office

    from .analysis import analyse

    if pdf:
        office.require()  # before anything is written
    renderers = [registry.renderer(r) if isinstance(r, str) else r for r in renderers]
    plan = loaded.plan if isinstance(loaded, Loaded) else loaded
    source = loaded.path if isinstance(loaded, Loaded) else None
    if plan is None and (needy := [r.name for r in renderers if r.needs_plan]):
        raise UsageError(f"{', '.join(needy)}: needs a plan")
    today = options.today or dt.date.today()
    options = options.with_(today=today)
    figures = analyse(plan, today) if plan is not None else None
    own = not isinstance(out, OutputFolder)
    folder = OutputFolder(out, force=force, staged=True) if own else out
    folder.plan = source
    folder.account = plan.account.name if plan is not None else None
    written: list[Path] = []
    with folder.committing(own):
        with building_on(today):  # document properties carry the build date (or SOURCE_DATE_EPOCH)
            for r in renderers:
                function = r.load()
                audience = getattr(r, "audience", None)
                if not r.per_meeting:
                    written.extend(function(Job(plan, figures, options, folder, source, audience_fixed=audience)))
                    continue
                if all_meetings and options.meeting is None:
                    meetings = upcoming_meetings(plan, today)
                else:
                    meetings = [Job(plan, figures, options, folder, source).meeting()]  # UsageError if none
                for meeting in meetings:
                    # the view shows a past meeting's figures as they stood on its date
                    written.extend(function(Job(plan, figures, options.with_(meeting=meeting.id), folder, source,
                                                per_meeting=True, audience_fixed=audience)))
        if pdf and own:
            written.extend(folder.target(name) for name in office.publish_pdfs(folder))
        elif own and office.fills_contents():  # one LibreOffice run fills every contents' page numbers
            office.fill_contents(folder)
    return written


def context(plan: Loaded | Plan, *, audience: str = "internal", meeting: str | None = None,
            today: dt.date | None = None, locale: str = "en-GB") -> dict:
    """The account as `audience` sees it on `today`, for `meeting` when given, as plain data.

    What `kapdocs context` prints and user templates render against (`kapdocs.view`).
    """
    from .view import build_view

    plan = plan.plan if isinstance(plan, Loaded) else plan
    if meeting is not None and plan.meeting(meeting) is None:
        Job(plan, None, Options(meeting=meeting), None).meeting()  # the located "did you mean" error
    return build_view(plan, audience, today or dt.date.today(), meeting, locale=locale).data()


def upcoming_meetings(plan: Plan, today: dt.date) -> list:
    """The meetings `build` writes documents for: the next of each kind (QBR, internal review) on or
    after `today`; when none is to come, the latest meeting.

    Past meetings are left alone: their decks and minutes were presented and filed as they were,
    and rebuilding them would show today's figures under an old date. Later meetings are built on
    request (`--meeting`): built months early they could show only today's facts.
    """
    from .analysis import default_meeting

    coming = []
    for kind in ("qbr", "internal_review"):
        ahead = [m for m in plan.meetings if m.type == kind and m.date >= today]
        if ahead:
            coming.append(min(ahead, key=lambda m: m.date))
    if coming:
        return sorted(coming, key=lambda m: (m.date, m.id))
    latest = default_meeting(plan, today)
    return [latest] if latest is not None else []


def build(sources: Iterable[str | Path], out: str | Path = "out", options: Options = Options(),
          only: Sequence[str] | None = None, *, force: bool = False, pdf: bool = False) -> list[Path]:
    """The documents `kapdocs build` writes (`Renderer.in_build`; or those named in `only`) for each plan in `sources`.

    All plans are validated before anything is written: one invalid plan stops the build. A
    `kapdocs.toml` beside the plans names a theme, the user's templates to render for every plan and
    which built-in documents to write (`kapdocs.project`).
    Meeting documents are written for every meeting on or after today (else the latest), unless
    `options.meeting` names one.
    `pdf` adds a PDF beside every Office file (LibreOffice; Word tables of contents get their
    page numbers first). Nothing is written unless every file can be: see `render` for `force`.
    """
    from . import office

    if pdf:
        office.require()
    return build_loaded(load_all(sources), out, options, only, force=force, pdf=pdf)


def build_loaded(plans: Sequence[Loaded], out: str | Path = "out", options: Options = Options(),
                 only: Sequence[str] | None = None, *, force: bool = False, pdf: bool = False) -> list[Path]:
    """`build` for plans already loaded."""
    from . import office

    if pdf:
        office.require()  # before anything is written
    renderers = [r for r in registry.in_build() if only is None or r.name in only]
    names: dict[str, Path] = {}
    from .naming import slug

    for loaded in plans:
        key = slug(loaded.plan.account.name)
        if key in names:
            raise UsageError(f"{loaded.path} and {names[key]} are both for '{loaded.plan.account.name}' and "
                             "would write the same files; build them into different folders")
        names[key] = loaded.path
    from .project import load_project

    projects = {}
    for loaded in plans:  # every kapdocs.toml read (and checked) before anything is written
        where = Path(loaded.path).parent if loaded.path else Path(".")
        if where not in projects:
            projects[where] = load_project(where)
    written: list[Path] = []
    with OutputFolder(out, force=force, staged=True).committing() as folder:
        for loaded in plans:
            project = projects[Path(loaded.path).parent if loaded.path else Path(".")]
            these = renderers if project.documents is None else [r for r in renderers if r.name in project.documents]
            opts = options if options.theme or project.theme is None else options.with_(theme=project.theme)
            written.extend(render(loaded, these, folder, opts, all_meetings=True))
            if project.templates:
                from .templating import render_templates

                written.extend(render_templates(project.templates, loaded, out, today=opts.today, locale=opts.locale,
                                                theme_folder=opts.theme, folder=folder))
        if pdf:
            written.extend(folder.target(name) for name in office.publish_pdfs(folder))
        elif office.fills_contents():  # one LibreOffice run for every plan's documents
            office.fill_contents(folder)
    return written
