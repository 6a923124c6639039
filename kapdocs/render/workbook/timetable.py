"""Workshop timetables: the modules' minutes laid out over one day or two, with breaks.

Each module's length comes from `Module.timing`; the day starts at `DAY_START`
and the plans below place the welcome, the breaks and the close between the
modules. `split` shares a module's minutes between explaining, the exercise and
the debrief with the same allocation the meeting agendas use
(`kapdocs.analysis.timeline.allocate_minutes`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kapdocs.analysis.timeline import allocate_minutes

from .modules import MODULES, Module

DAY_START = dt.time(9, 0)
"""When each workshop day starts."""

FORMATS: dict[str, str] = {"one_day": "One-day workshop", "two_day": "Two-day workshop"}
"""The workshop formats and their names."""

PHASES: dict[str, int] = {"explain": 1, "exercise": 2, "debrief": 1}
"""How a module's time is shared: the exercise gets half, explaining and the debrief a quarter each."""

_Step = int | tuple[str, int]
"""A module number, or a (title, minutes) session that is not a module."""

PLANS: dict[str, tuple[tuple[_Step, ...], ...]] = {
    "one_day": (
        (("Welcome, objectives and introductions", 15), 1, 2, 3, ("Coffee break", 15), 4, 5, ("Lunch", 45),
         6, 7, 8, ("Tea break", 15), 9, 10, 11, ("Personal commitments and close", 15)),
    ),
    "two_day": (
        (("Welcome, objectives and introductions", 20), 1, ("Coffee break", 15), 2, 3, ("Lunch", 45), 4,
         ("Tea break", 15), 5, ("Review of day 1", 20)),
        (("Recap and questions", 15), 6, ("Coffee break", 15), 7, 8, ("Lunch", 45), 9, ("Tea break", 15), 10, 11,
         ("Personal commitments and close", 30)),
    ),
}
"""Each format's days: the order of modules and of the other sessions."""


@dataclass(frozen=True, slots=True)
class Session:
    """One slot of a workshop day."""

    start: dt.time
    end: dt.time
    minutes: int
    title: str
    """`Module N: Title` for a module, else the session's name."""
    module: int | None
    """The module number; None for welcome, breaks and close."""


def _minutes(module: Module, fmt: str) -> int:
    return module.timing.one_day if fmt == "one_day" else module.timing.two_day


def timetable(fmt: str) -> list[list[Session]]:
    """The days of workshop format `fmt` (`one_day` or `two_day`), each a list of sessions from `DAY_START`."""
    by_number = {m.number: m for m in MODULES}
    days = []
    for plan in PLANS[fmt]:
        at = dt.datetime.combine(dt.date(2000, 1, 3), DAY_START)
        sessions = []
        for step in plan:
            if isinstance(step, int):
                module = by_number[step]
                title, minutes, number = module.heading, _minutes(module, fmt), module.number
            else:
                (title, minutes), number = step, None
            end = at + dt.timedelta(minutes=minutes)
            sessions.append(Session(at.time(), end.time(), minutes, title, number))
            at = end
        days.append(sessions)
    return days


def split(module: Module, fmt: str) -> dict[str, int]:
    """The module's minutes in format `fmt`, shared between the `PHASES` (multiples of 5 where possible)."""
    return allocate_minutes(_minutes(module, fmt), dict(PHASES))
