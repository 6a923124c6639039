"""`kapdocs.toml`: what `kapdocs build` does for the plans in a folder, beside the plans.

    # kapdocs.toml
    theme = "brand"                                  # a theme folder, relative to this file
    templates = ["templates/account-summary.docx", "templates/meeting-invitation.eml"]
    documents = "all"                                # the built-in documents: "all", a list of names, or []

Paths are relative to the file and must stay inside its folder. Options given on the command
line (`--theme`) win over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

FILE = "kapdocs.toml"
KEYS = ("theme", "templates", "documents")


@dataclass(frozen=True)
class Project:
    """The settings of one folder of plans."""

    folder: Path
    theme: Path | None = None
    templates: tuple[Path, ...] = ()
    documents: tuple[str, ...] | None = None
    """The built-in documents to build by name; None: all of them."""
    source: Path | None = None


def _inside(folder: Path, source: Path, key: str, value: object) -> Path:
    if not isinstance(value, str) or not value:
        raise UsageError(f"{source}: {key}: '{value}' must be a path (text), relative to {source.name}")
    path = (folder / value)
    if Path(value).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
        raise UsageError(f"{source}: {key}: '{value}' must stay inside {folder} (no absolute paths, no '..')")
    return path


def load_project(folder: Path) -> Project:
    """The `kapdocs.toml` in `folder`, or the defaults when there is none."""
    from .render import RENDERERS

    source = folder / FILE
    if not source.is_file():
        return Project(folder)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{source}: not valid TOML: {exc}") from None
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        from .templating.errors import did_you_mean

        raise UsageError(f"{source}: unknown key '{unknown[0]}'{did_you_mean(unknown[0], KEYS)}; "
                         f"the keys are {', '.join(KEYS)}")
    theme = _inside(folder, source, "theme", data["theme"]) if "theme" in data else None
    if theme is not None and not theme.is_dir():
        raise UsageError(f"{source}: theme: '{data['theme']}' is not a folder")
    templates = data.get("templates", [])
    if not isinstance(templates, list):
        raise UsageError(f"{source}: templates: must be a list of template files")
    paths = tuple(_inside(folder, source, "templates", t) for t in templates)
    for path, raw in zip(paths, templates):
        if not path.is_file():
            raise UsageError(f"{source}: templates: '{raw}' is not a file")
    documents = data.get("documents", "all")
    names = [r.name for r in RENDERERS if r.in_build]
    if documents == "all":
        chosen = None
    elif isinstance(documents, list) and all(isinstance(d, str) for d in documents):
        bad = [d for d in documents if d not in names]
        if bad:
            raise UsageError(f"{source}: documents: '{bad[0]}' is not a built-in document; use {', '.join(names)}")
        chosen = tuple(documents)
    else:
        raise UsageError(f"{source}: documents: use \"all\" or a list of names ({', '.join(names)})")
    return Project(folder, theme, paths, chosen, source)
