"""The renderers: one per document, each declared by one entry in `RENDERERS`.

A renderer is a function `render(job: Job) -> list[Path]` in its own module,
imported only when it runs (so `kapdocs --help` stays fast). Its `Renderer` entry
declares everything else as plain data: the command `kapdocs NAME` with its help,
argument and options (`Opt`), whether `kapdocs build` writes it, and any hook.
`kapdocs.cli` makes one command per entry and `kapdocs.api` renders any entry by
name. Adding a document means: its module, one entry here, its tests.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable

from ..output import OutputFolder

if TYPE_CHECKING:
    from ..analysis import Figures
    from ..fmt import Formatter
    from ..model import Meeting, Plan
    from ..theme import Theme
    from ..view import View


@dataclass(frozen=True, slots=True)
class Opt:
    """One option of a document's command (`kapdocs NAME --flag VALUE`), as plain data.

    Its value reaches the renderer as `Options.extra[name]` (read as `job.options.<name>`),
    or the hook (`Renderer.hook`) as the keyword `name`.
    """

    flags: tuple[str, ...]
    """How it is spelt on the command line: ("--meeting",)."""
    name: str
    """The key its value travels under (unique in meaning across `RENDERERS`: one name, one default)."""
    help: str | None = None
    """Its line in `--help`."""
    choices: tuple[str, ...] | None = None
    """The values allowed, if only some are."""
    default: Any = None
    """The value when it is not given (shown in `--help` unless None or a flag's)."""
    is_flag: bool = False
    """A switch that takes no value: giving it turns `default` (False unless set) to its opposite."""
    metavar: str | None = None
    """How `--help` names its value (ID, PLAN, N)."""
    kind: str = "text"
    """text; int (within `limits`); file (an existing file); plan (a plan file, loaded as the document's plan)."""
    limits: tuple[int, int] | None = None
    """Smallest and largest value of an int option."""

    @property
    def value(self) -> Any:
        """The value when the option is not given (False for a flag without a default)."""
        return bool(self.default) if self.is_flag else self.default


_SHARED = ("locale", "paper", "theme", "today")


class Options:
    """What the user asked for: the options every document shares, and each document's own.

    The shared ones are attributes: `locale` (en-GB or en-US: dates and the default paper),
    `paper` (a4 or letter; None follows the locale), `theme` (a theme folder; None: the
    built-in theme) and `today` (None: the system date). A document's own options, declared
    by its `Renderer.options`, are in `extra` and read as attributes too (`options.edition`,
    `options.meeting`, `options.internal`, `options.health`); one not given has the default
    its `Opt` declares. Immutable: `with_` makes a changed copy.

        Options(today=dt.date(2026, 11, 25), edition="customer")
    """

    __slots__ = (*_SHARED, "extra")

    locale: str
    paper: str | None
    theme: Path | None
    today: dt.date | None
    extra: Mapping[str, Any]

    def __init__(self, *, locale: str = "en-GB", paper: str | None = None, theme: Path | None = None,
                 today: dt.date | None = None, extra: Mapping[str, Any] | None = None, **named: Any) -> None:
        for key, value in (("locale", locale), ("paper", paper), ("theme", theme), ("today", today)):
            object.__setattr__(self, key, value)
        object.__setattr__(self, "extra", MappingProxyType({**(extra or {}), **named}))

    def __getattr__(self, name: str) -> Any:  # only for names that are not shared options
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self.get(name)
        except KeyError:
            raise AttributeError(f"no option {name!r}: no renderer in RENDERERS declares it") from None

    def get(self, name: str, default: Any = ...) -> Any:
        """The option `name`: as given, else its declared default, else `default` (KeyError without one)."""
        if name in _SHARED:
            return object.__getattribute__(self, name)
        extra = object.__getattribute__(self, "extra")
        if name in extra:
            return extra[name]
        declared = declared_option(name)
        if declared is not None:
            return declared.value
        if default is ...:
            raise KeyError(name)
        return default

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: Options are immutable, use with_()")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _key(self) -> tuple:
        return (self.locale, self.paper, self.theme, self.today, tuple(sorted(self.extra.items())))

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Options) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shared = [f"{k}={getattr(self, k)!r}" for k in _SHARED]
        return f"Options({', '.join(shared + [f'{k}={v!r}' for k, v in self.extra.items()])})"

    def __reduce__(self):
        return (_options, (self.locale, self.paper, self.theme, self.today, dict(self.extra)))

    @property
    def page(self) -> str:
        """The paper size in force: a4 or letter."""
        return self.paper or ("letter" if self.locale == "en-US" else "a4")

    def with_(self, **changes: Any) -> "Options":
        """A copy with some options changed (shared or a document's own)."""
        shared = {k: changes.pop(k) if k in changes else getattr(self, k) for k in _SHARED}
        return Options(**shared, extra={**self.extra, **changes})


def _options(locale, paper, theme, today, extra) -> Options:
    return Options(locale=locale, paper=paper, theme=theme, today=today, extra=extra)


@dataclass(slots=True)
class Job:
    """One plan to render: the plan, its figures, the options and where to write.

    Renderers read `job.view`: the plan as the document's audience may see it, its figures
    and (for a meeting document) the meeting's facts. `plan` and `figures` are the whole
    plan's, for what only our own side reads (the health appendix, the contact matrix).
    """

    plan: "Plan"
    """The plan; None only for a document that needs none (`Renderer.needs_plan`), such as a blank workbook."""
    figures: "Figures"
    options: Options
    out: OutputFolder
    source: Path | None = None
    written: list[Path] = field(default_factory=list)
    per_meeting: bool = False
    """Whether the document is for one meeting (`Renderer.per_meeting`)."""
    audience_fixed: str | None = None
    """`Renderer.audience`: the audience when the document declares one."""
    _view: "View | None" = field(default=None, repr=False)

    @property
    def audience(self) -> str:
        """Who the document is for: a meeting's audience (`view.meeting_audience`), else `options.edition`."""
        from ..view import meeting_audience

        if self.audience_fixed:
            return self.audience_fixed
        if self.per_meeting:
            return meeting_audience(self.meeting(), self.options.internal)
        return self.options.edition

    @property
    def view(self) -> "View":
        """The account as the document's audience may see it (built once per job)."""
        if self._view is None:
            from ..view import build_view

            meeting = self.meeting() if self.per_meeting else None
            today = self.options.today or self.figures.today
            self._view = build_view(self.plan, self.audience, today, meeting, locale=self.options.locale,
                                    figures=self.figures)
        return self._view

    @property
    def theme(self) -> "Theme":
        """The theme in force (the option's folder, else the built-in theme)."""
        from ..theme import load_theme

        return load_theme(self.options.theme)

    @property
    def fmt(self) -> "Formatter":
        """Number, money and date formatting for this plan and locale (the view's formatter)."""
        return self.view.fmt

    def meeting(self) -> "Meeting":
        """The meeting to render: `options.meeting`, else the next QBR on or after today (else the latest)."""
        import difflib

        from ..analysis import default_meeting
        from ..errors import UsageError

        if self.options.meeting:
            found = self.plan.meeting(self.options.meeting)
            if found is None:
                ids = [m.id for m in self.plan.meetings]
                close = difflib.get_close_matches(self.options.meeting, ids, n=3, cutoff=0.5)
                hint = f"; did you mean {', '.join(close)}?" if close else (
                    f"; meetings in the plan: {', '.join(ids)}" if ids else "; the plan has no meetings")
                raise UsageError(f"no meeting '{self.options.meeting}' in the plan{hint}")
            return found
        found = default_meeting(self.plan, self.options.today or dt.date.today())
        if found is None:
            raise UsageError("the plan has no meetings: add one under `meetings:` "
                             "(id, type, date, start, duration_minutes, attendees)")
        return found


def _resolve(spec: str) -> Callable:
    """The function named by `module:function`, the module relative to this package (imported now)."""
    module, _, func = spec.partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


PDF_HELP = "Also write a PDF beside each file (needs LibreOffice)."
"""The `--pdf` help of a document that does not say more."""


@dataclass(frozen=True, slots=True)
class Renderer:
    """A document kapdocs can produce, and its command `kapdocs NAME`, declared as plain data."""

    name: str
    """The command that produces it alone (`kapdocs NAME`), and its name in `api.render` and `api.build(only=...)`."""
    summary: str
    """What it is, in a few words."""
    target: str
    """`module:function` of the renderer, relative to this package."""
    per_meeting: bool = False
    """Whether it is for one meeting: `kapdocs build` runs it once per coming meeting in the plan."""
    help: str = ""
    """The text of `kapdocs NAME --help`, with an example (the command's docstring)."""
    options: tuple[Opt, ...] = ()
    """The command's own options, in `--help` order (before the output options)."""
    argument: str | None = "plan"
    """The command's argument: plan (one PLAN file); plans (PLANS..., files or folders, for a command
    whose `hook` does the work); None (no argument; an `Opt` of kind plan may name an optional plan)."""
    in_build: bool = True
    """Whether `kapdocs build` (and `api.build`) writes it for every plan."""
    writes: bool = True
    """Whether the command writes files: it takes the output options (-o, --locale, --paper,
    --today, --theme, --force); when False its `hook` does all its work."""
    pdf: str | None = PDF_HELP
    """The help of its `--pdf` option; None: no `--pdf`."""
    audience: str | None = None
    """Who the document is for when that is fixed (internal: our own side's, whatever the meeting);
    None: a meeting's audience (`view.meeting_audience`), else `--edition`."""
    hook: str | None = None
    """`module:function` (relative to this package) the command calls first with the value of
    every argument and option as keywords; it returns True when it has done the command's work
    (`contacts --update` reads a workbook back; `check` prints a report), False to go on and render."""

    def load(self) -> Callable[[Job], list[Path]]:
        """The renderer function (imports its module on first use)."""
        return _resolve(self.target)

    def load_hook(self) -> Callable[..., bool] | None:
        """The hook function, if the entry declares one (imports its module)."""
        return _resolve(self.hook) if self.hook else None

    @property
    def needs_plan(self) -> bool:
        """Whether it renders a plan (False: a plan is optional, as the workbook's case)."""
        return self.argument is not None


_WORKBOOK_EDITIONS = ("participant", "facilitator")
_MEETING = Opt(("--meeting",), "meeting", "Meeting id (default: the next QBR on or after today, else the latest).",
               metavar="ID")

RENDERERS: list[Renderer] = [
    Renderer(
        "plan", "the Word key account plan", "plan_docx:render",
        options=(
            Opt(("--edition",), "edition", "internal: everything; customer: the joint plan, without internal-only "
                "fields.", choices=("internal", "customer"), default="internal"),
            Opt(("--no-health",), "health", "Leave out the plan health appendix.", default=True, is_flag=True),
        ),
        pdf="Also write a PDF (needs LibreOffice); fills the contents' page numbers.",
        help="""Write the Word key account plan: <account>-key-account-plan.docx.

        \b
        Example:
          kapdocs plan samples/northwind-foods.yaml --edition customer -o out
        """),
    Renderer(
        "contacts", "the Excel contact matrix", "contacts_xlsx:render",
        options=(
            Opt(("--update",), "update", "Read the edits made in WORKBOOK (a contact matrix kapdocs wrote) back "
                "into PLAN.", metavar="WORKBOOK", kind="file"),
            Opt(("--yes",), "yes", "With --update: write the changes to PLAN without asking.", is_flag=True),
        ),
        pdf=None, hook="contacts_xlsx:update",
        help="""Write the Excel contact matrix <account>-contact-matrix.xlsx, or read its edits back (--update).

        \b
        Examples:
          kapdocs contacts samples/northwind-foods.yaml -o out
          kapdocs contacts samples/northwind-foods.yaml --update out/northwind-foods-plc-contact-matrix.xlsx
        --update reads the Matrix, Contacts and Team sheets, shows what would change in PLAN (which
        keeps its comments and layout), and writes it with --yes or after you confirm at a terminal.
        Invalid edits are reported as WORKBOOK!Sheet!C12 and nothing is written (exit code 2).
        """),
    Renderer(
        "qbr", "the PowerPoint QBR deck (or internal review deck)", "qbr_pptx:render", per_meeting=True,
        options=(
            _MEETING,
            Opt(("--internal",), "internal", "Build the internal review deck (Past, Future, Assess, Learn).",
                is_flag=True),
        ),
        help="""Write the QBR deck: <account>-qbr-<meeting-id>.pptx.

        \b
        Example:
          kapdocs qbr samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
        """),
    Renderer(
        "minutes", "the meeting agenda, minutes and calendar", "minutes_docx:render", per_meeting=True,
        options=(_MEETING,),
        help="""Write the meeting pack: agenda (.docx), minutes template (.docx) and calendar (.ics).

        \b
        Example:
          kapdocs minutes samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
        """),
    Renderer(
        "prep", "our own preparation sheet for a meeting", "minutes_docx.preparation:render", per_meeting=True,
        audience="internal", options=(_MEETING,),
        help="""Write our own preparation sheet for a meeting: <account>-preparation-<meeting-id>.docx.

        \b
        Example:
          kapdocs prep samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out
        Who is coming from the customer (roles, attitude, our best relationship with each), the actions
        behind schedule on the day, the decisions we will ask for, and the preparation steps D-30 to
        D-1 with their dates. Internal: the agenda is what goes to the customer.
        """),
    Renderer(
        "workbook", "the workshop workbook (and scoring workbook)", "workbook:render",
        argument=None, in_build=False,
        options=(
            Opt(("--case",), "case", "A plan to use as the case study (default: blank worksheets).",
                metavar="PLAN", kind="plan"),
            Opt(("--edition",), "workbook_edition", "participant: worksheets to fill in; facilitator: timings, "
                "prompts and, with --case, the worked answers.", choices=_WORKBOOK_EDITIONS, default="participant"),
            Opt(("--xlsx",), "xlsx", "Also write workbook-scoring.xlsx (live formulas for the portfolio matrix, "
                "force field and partnership score).", is_flag=True),
        ),
        pdf="Also write PDFs (needs LibreOffice); fills the contents' page numbers.",
        help="""Write a key account planning workshop workbook: workbook-<edition>.docx.

        \b
        Example:
          kapdocs workbook --case samples/northwind-foods.yaml --edition facilitator --xlsx -o out
        Eleven modules with explanations, worksheets and reflection questions, and a one-day
        and a two-day timetable.
        """),
    Renderer(
        "check", "the plan health report", "health:render",
        argument="plans", in_build=False, writes=False, hook="health:command",
        options=(
            Opt(("--format",), "format_", "text for people, json for tools, markdown for pull requests.",
                choices=("text", "json", "markdown"), default="text"),
            Opt(("--strict",), "strict", "Exit 1 when any plan has an error-level finding (to gate CI).",
                is_flag=True),
            Opt(("--min-score",), "min_score", "Exit 1 when any plan scores below N (0-100).", metavar="N",
                kind="int", limits=(0, 100)),
            Opt(("--today",), "today", "Date taken as today (default: the system date).", metavar="YYYY-MM-DD"),
        ),
        help="""Check the health of each PLAN (files or folders of plans): findings by section, a score out of 100.

        \b
        Example:
          kapdocs check samples/ --format markdown > plan-health.md
        Exit code 0; 1 with --strict when any finding is an error, or with --min-score N when a
        plan scores below N; 2 when a plan is invalid.
        Rules, heuristics and scoring: docs/health-check.md.
        """),
]
"""Every document, in the order `kapdocs build` writes those it writes (`in_build`)."""


def renderer(name: str) -> Renderer:
    """The renderer called `name`."""
    found = next((r for r in RENDERERS if r.name == name), None)
    if found is None:
        from ..errors import UsageError

        raise UsageError(f"no document called {name!r}; documents: {', '.join(r.name for r in RENDERERS)}")
    return found


def in_build() -> list[Renderer]:
    """The renderers `kapdocs build` runs, in order."""
    return [r for r in RENDERERS if getattr(r, "in_build", True)]


def declared_option(name: str) -> Opt | None:
    """The first declaration of the option `name` in `RENDERERS`, if any renderer declares it."""
    for r in RENDERERS:
        for opt in getattr(r, "options", ()):
            if opt.name == name:
                return opt
    return None
