"""Template errors: each names the template and where in it, and exits with code 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import UsageError


class TemplateError(UsageError):
    """A template that cannot be used: its file, where in it (paragraph, slide and shape, cell, line) and why."""

    def __init__(self, template: str, where: str, message: str):
        self.template, self.where, self.message = template, where, message
        location = f"{template}: {where}" if where else template
        super().__init__(f"{location}: {message}")


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """" (did you mean 'x'?)" when `name` is close to one of `known`; '' otherwise."""
    close = difflib.get_close_matches(name, sorted(set(known)), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def snippet(text: str, limit: int = 60) -> str:
    """A short quotation of template text for an error message."""
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit - 1]}…"'
