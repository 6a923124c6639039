"""What every template format shares: the render context, the audience a template declares, output names.

`RenderContext` is what an engine gets: the view's data (what `kapdocs context` prints), the
charts it offers, the theme's images, the formatter, and a factory for the sandboxed Jinja2
environment. Engines (`text_engine`, `docx_engine`, `pptx_engine`, `xlsx_engine`) each expose
`render(source: Path, ctx: RenderContext) -> bytes` and raise `TemplateError` with a location.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fmt import Formatter
from ..view import View
from .charts import view_charts
from .environment import TemplateEnvironment, make_environment
from .errors import TemplateError

OFFICE = {".docx": "docx", ".pptx": "pptx", ".xlsx": "xlsx"}
"""Office template formats by suffix; every other file is a text template."""
TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".xml", ".eml", ".ics", ".csv", ".json", ".yaml", ".yml", ".tex",
                 ".rst")
"""Text formats a template may produce (a `.j2` suffix after one of them is dropped from the output name)."""
AUTOESCAPE = (".html", ".htm", ".xml")
"""Text outputs whose values are escaped (HTML and XML)."""
AUDIENCES = ("internal", "customer")
MAX_TEXT_BYTES = 1024 * 1024
"""The largest text template accepted."""


@dataclass
class RenderContext:
    """One template rendered against one view."""

    view: View
    name: str
    """The template as error messages name it (its file name)."""
    data: dict[str, Any]
    """`View.data()` plus `charts` and `images`: the names a template sees."""
    images: dict[str, Path] = field(default_factory=dict)
    """Pictures the view offers by key (`logo`: the theme's logo)."""

    @property
    def fmt(self) -> Formatter:
        return self.view.fmt

    @property
    def charts(self) -> dict[str, dict]:
        return self.data["charts"]

    def environment(self, *, autoescape: bool = False, markdown: Callable[[Any], Any] | None = None
                    ) -> TemplateEnvironment:
        """The sandboxed environment (see `environment`), its unknown names checked against `data`."""
        return make_environment(self.fmt, self.data, autoescape=autoescape, markdown=markdown)

    def fail(self, where: str, message: str) -> TemplateError:
        """A located error for this template (raise it)."""
        return TemplateError(self.name, where, message)


def render_context(view: View, name: str, logo: Path | None = None) -> RenderContext:
    """The context `name` renders in: the view's data, its charts, the theme's logo."""
    data = view.data()
    data["charts"] = view_charts(view)
    images = {"logo": logo} if logo is not None else {}
    data["images"] = {key: key for key in images}
    return RenderContext(view, name, data, images)


def kind(path: Path) -> str:
    """docx, pptx, xlsx or text."""
    return OFFICE.get(path.suffix.lower(), "text")


def output_name(slug: str, template: Path) -> str:
    """`<slug>-<template stem>.<ext>`; a trailing `.j2` is dropped: `invite.ics.j2` -> `<slug>-invite.ics`."""
    name = template.name
    if name.lower().endswith(".j2"):
        name = name[:-3]
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, "txt"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "template"
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower() or "txt"
    return f"{slug}-{stem}.{ext}"


# -- the audience a template declares ------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(path: Path, source: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, lines before the body) of a text template; front matter is YAML between `---`
    lines at the very top."""
    found = _FRONT.match(source)
    if not found:
        return {}, source, 0
    import yaml

    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else "front matter"
        raise TemplateError(path.name, where, f"the front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
    if not isinstance(meta, dict):
        raise TemplateError(path.name, "line 2", "the front matter must be keys and values (audience: customer)")
    return meta, source[found.end():], source[:found.end()].count("\n")


_CUSTOM_PROPERTY = re.compile(rb'name="kapdocs-audience"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', re.IGNORECASE)
_KEYWORDS = re.compile(rb"<cp:keywords>([^<]*)</cp:keywords>")
_KEYWORD_AUDIENCE = re.compile(r"\bkapdocs-audience\s*[:=]\s*(\w+)", re.IGNORECASE)


def declared_audience(path: Path, front_matter: dict[str, Any] | None = None) -> str | None:
    """The audience a template declares: `audience:` in a text template's front matter; in an Office file a
    custom document property `kapdocs-audience`, or `kapdocs-audience: customer` among its keywords."""
    value: str | None = None
    where = "front matter"
    if front_matter is not None:
        raw = front_matter.get("audience")
        value = None if raw is None else str(raw)
    else:
        where = "document properties"
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "docProps/custom.xml" in names:
                found = _CUSTOM_PROPERTY.search(archive.read("docProps/custom.xml"))
                if found:
                    value = found.group(1).decode("utf-8", "replace").strip()
            if value is None and "docProps/core.xml" in names:
                keywords = _KEYWORDS.search(archive.read("docProps/core.xml"))
                if keywords:
                    match = _KEYWORD_AUDIENCE.search(keywords.group(1).decode("utf-8", "replace"))
                    value = match.group(1) if match else None
    if value is not None and value.lower() not in AUDIENCES:
        raise TemplateError(path.name, where, f"audience '{value}' is not known; use internal or customer")
    return value.lower() if value is not None else None


def audience_for(path: Path, declared: str | None, asked: str | None) -> str:
    """The audience to render `path` for: what was asked, never wider than what the template declares.

    A template that declares nothing renders for what is asked, by default the customer (the narrower
    view); a customer template asked for internally is refused."""
    if asked is None:
        return declared or "customer"
    if declared == "customer" and asked == "internal":
        raise TemplateError(path.name, "audience",
                            "the template is declared for the customer; --audience internal would show it "
                            "internal data. Render it for the customer, or declare it internal")
    return asked


def read_text(path: Path) -> str:
    """A text template's source, size-checked and decoded as UTF-8."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise TemplateError(path.name, "", f"{size // 1024} KB is over the {MAX_TEXT_BYTES // 1024} KB limit "
                                           "for a text template")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise TemplateError(path.name, f"line {line}", "not UTF-8 text; save the template as UTF-8") from None
