"""Typed errors and the exit codes they map to, in one place."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitStatus(enum.IntEnum):
    """Process exit codes of the `kapdocs` command."""

    OK = 0
    """Everything was written (or the plan is valid)."""
    FINDINGS = 1
    """`kapdocs check --strict` found error-level findings."""
    INVALID = 2
    """Invalid input: the plan, an option, a workbook, or a missing tool that was asked for."""
    PROTECTED = 3
    """An output was edited since kapdocs wrote it; nothing was overwritten."""
    INTERNAL = 4
    """A bug in kapdocs: please report it with the plan that caused it."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.path}: " if self.path else ""
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {tag}{what}{self.message}"


class KapdocsError(Exception):
    """Base of every error kapdocs reports to its user."""

    exit_status = ExitStatus.INTERNAL


class PlanError(KapdocsError):
    """The plan file cannot be used; carries every problem found in it."""

    exit_status = ExitStatus.INVALID

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(KapdocsError):
    """An option or argument that cannot be honoured (a missing meeting, LibreOffice absent...)."""

    exit_status = ExitStatus.INVALID


class OutputProtectedError(KapdocsError):
    """An output file was edited by hand since kapdocs wrote it."""

    exit_status = ExitStatus.PROTECTED


class RenderError(KapdocsError):
    """A document could not be produced."""

    exit_status = ExitStatus.INTERNAL
