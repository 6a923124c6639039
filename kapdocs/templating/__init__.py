"""Users' own templates: Word, PowerPoint, Excel and text files filled from the account view.

    load -> model -> analysis -> view -> **templates** (beside the built-in renderers) -> output

A template sees exactly the view of its audience (`kapdocs context` prints it): a customer
template cannot reach internal data, because the customer's view does not hold it. Every
format renders in one sandboxed Jinja2 environment (`environment`) with the same filters as
the built-in documents; Office templates are checked before they are opened (`safety`).

    kapdocs render my-summary.docx qbr-master.pptx samples/northwind-foods.yaml --meeting qbr-2026-q4
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from ..errors import UsageError
from .core import RenderContext, audience_for, declared_audience, kind, output_name, read_text, render_context, \
    split_front_matter
from .errors import TemplateError

__all__ = ["TemplateError", "RenderContext", "render_bytes", "render_templates", "render_templates_in_memory",
           "prepare", "kind", "output_name"]

ENGINES = {"docx": "docx_engine", "pptx": "pptx_engine", "xlsx": "xlsx_engine", "text": "text_engine"}


def prepare(path: Path) -> tuple[str, str | None]:
    """`path` checked before use: (its kind, the audience it declares). Office files go through
    `safety.check_package` before anything parses them."""
    if not path.is_file():
        raise UsageError(f"{path}: no such template file")
    what = kind(path)
    if what == "text":
        meta, _, _ = split_front_matter(path, read_text(path))
        return what, declared_audience(path, meta)
    if path.suffix.lower() in (".docm", ".pptm", ".xlsm", ".dotm", ".potm", ".xltm"):
        raise UsageError(f"{path}: macro-enabled files are not templates; save it as .docx, .pptx or .xlsx")
    from .safety import check_package

    check_package(path)
    return what, declared_audience(path)


def render_bytes(path: Path, view, *, logo: Path | None = None) -> bytes:
    """`path` rendered against `view` (already checked with `prepare`), in memory."""
    ctx = render_context(view, path.name, logo)
    engine = import_module(f".{ENGINES[kind(path)]}", __name__)
    return engine.render(path, ctx)


def _meeting_for(plan, audience: str, meeting: str | None, today: dt.date) -> str | None:
    """The meeting whose facts fill `meeting`: the one asked for, else the next review the audience may see (a
    QBR for the customer; any meeting for our side), else the latest; None when the plan has none."""
    if meeting is not None:
        return meeting
    shown = [m for m in plan.meetings if audience == "internal" or m.type == "qbr"]
    ahead = [m for m in shown if m.date >= today]
    if ahead:
        return min(ahead, key=lambda m: (m.date, m.type != "qbr")).id
    return max(shown, key=lambda m: m.date).id if shown else None


def render_templates_in_memory(templates: Sequence[Path], loaded, *, audience: str | None = None,
                               meeting: str | None = None, today: dt.date | None = None, locale: str = "en-GB",
                               theme_folder: Path | None = None) -> list[tuple[Path, str, bytes]]:
    """Check and render every template against the plan's view: (template, output name, bytes) each.

    Nothing is written; the first template that cannot be rendered raises its located `TemplateError`."""
    from ..load import Loaded
    from ..naming import slug
    from ..reproducible import building_on
    from ..theme import load_theme
    from ..view import build_view

    plan = loaded.plan if isinstance(loaded, Loaded) else loaded
    today = today or dt.date.today()
    theme = load_theme(theme_folder)
    prepared = [(Path(t), *prepare(Path(t))) for t in templates]
    key = slug(plan.account.name)
    names: dict[str, Path] = {}
    for path, _, _ in prepared:
        name = output_name(key, path)
        if name in names:
            raise UsageError(f"{path} and {names[name]} would both write {name}; rename one of them")
        names[name] = path
    views: dict[str, object] = {}
    results = []
    with building_on(today):
        for path, _, declared in prepared:
            who = audience_for(path, declared, audience)
            if who not in views:
                views[who] = build_view(plan, who, today, _meeting_for(plan, who, meeting, today), locale=locale)
            results.append((path, output_name(key, path), render_bytes(path, views[who], logo=theme.logo)))
    return results


def render_templates(templates: Sequence[Path], loaded, out, *, audience: str | None = None,
                     meeting: str | None = None, today: dt.date | None = None, locale: str = "en-GB",
                     theme_folder: Path | None = None, force: bool = False, pdf: bool = False,
                     folder=None) -> list[Path]:
    """Render each template against the plan's view and write `<slug>-<template stem>.<ext>` into `out`.

    Every template is checked and rendered before anything is written; then the files are written
    together through the output folder (atomic, manifest, edited files protected, reproducible bytes).
    Given `folder` (a staged `OutputFolder`), writes into it and leaves the commit to the caller.
    """
    from .. import office
    from ..load import Loaded
    from ..output import OutputFolder
    from ..reproducible import building_on

    if pdf:
        office.require()
    today = today or dt.date.today()
    results = render_templates_in_memory(templates, loaded, audience=audience, meeting=meeting, today=today,
                                         locale=locale, theme_folder=theme_folder)
    own = folder is None
    folder = OutputFolder(out, force=force, staged=True) if own else folder
    folder.plan = loaded.path if isinstance(loaded, Loaded) else None
    folder.account = (loaded.plan if isinstance(loaded, Loaded) else loaded).account.name
    written: list[Path] = []
    with folder.committing(own):
        with building_on(today):
            for _, name, data in results:
                written.append(folder.write(name, data))
        if own and pdf:
            written.extend(folder.target(n) for n in office.publish_pdfs(folder))
    return written
