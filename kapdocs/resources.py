"""Where the built-in templates live: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The folder of built-in templates (`kapdocs/templates` when installed, `templates/` in a checkout)."""
    for candidate in (_HERE / "templates", _HERE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kapdocs' templates folder is missing: reinstall kapdocs")


def template(name: str) -> Path:
    """The path of the built-in template `name`."""
    return templates_dir() / name
