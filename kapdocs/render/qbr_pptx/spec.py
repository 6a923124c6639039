"""The presentation model: slides as plain data, between the plan and the .pptx file.

`deck.py` turns a plan into a `Deck` of these; `write.py` turns a `Deck` into a
.pptx file. Nothing here knows about python-pptx or the theme: colours are named
by role ("primary", "red"...) and resolved by the writer against the theme, and
layouts are named by the standard slide layout names of the reference deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TITLE_SLIDE = "Title Slide"
TITLE_AND_CONTENT = "Title and Content"
TWO_CONTENT = "Two Content"
TITLE_ONLY = "Title Only"
SECTION_HEADER = "Section Header"

Colour = Literal["primary", "secondary", "text", "muted", "light", "line", "red", "amber", "green", "white"]
"""A theme colour role (see templates/theme.yaml); the writer resolves it to RGB."""


@dataclass(frozen=True, slots=True)
class Run:
    """Text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: Colour | None = None


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: level 0 is plain text, 1 a bullet, 2 a sub-bullet."""

    runs: tuple[Run, ...]
    level: int = 0
    scale: float = 1.0
    """Font size relative to the text's size (e.g. 1.4 for a key figure)."""
    continued: bool = False
    """The rest of a paragraph cut at the bottom of the previous slide: no bullet."""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Text:
    """Paragraphs set at the largest size from `max_size` down to `min_size` that fits their box."""

    paras: tuple[Para, ...]
    max_size: float = 20
    min_size: float = 12


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; `fill` and `colour` are theme colour roles."""

    text: str
    bold: bool = False
    fill: Colour | None = None
    colour: Colour | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header and its share of the table width."""

    header: str
    weight: float = 1.0
    align: Literal["left", "right", "center"] = "left"


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under a header row; long tables continue on follow-on slides marked "(cont.)"."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    size: float = 12
    """Font size when the table runs over several slides, points."""
    max_size: float = 16
    """Largest font size: a table that fits one slide gets the largest size from here down to `min_size`."""
    min_size: float = 12
    """Smallest font size tried before continuing on follow-on slides."""
    group_rows: frozenset[int] = frozenset()
    """Indexes of rows that head a group (set in bold on a light band)."""


@dataclass(frozen=True, slots=True)
class Series:
    """One chart series; `colour` is a theme colour role (None: the theme's accents in turn)."""

    name: str
    values: tuple[float | None, ...]
    colour: Colour | None = None
    line: bool = False
    """Drawn as a dashed line over the columns (a target), not as columns of its own."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A native chart: clustered columns or horizontal bars, with titles."""

    kind: Literal["column", "bar"]
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_title: str | None = None
    y_title: str | None = None
    number_format: str = "#,##0"
    data_labels: bool = False
    description: str = ""
    """Alternative text for screen readers."""


Content = Text | Table | Chart


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide (before pagination): a layout, a title, one or two content regions and speaker notes."""

    layout: str
    title: str
    body: tuple[Content, ...] = ()
    """One region for Title and Content / Title Only, two for Two Content; Title Slide: the attendee columns."""
    notes: tuple[str, ...] = ()
    """Speaker notes, one paragraph each."""
    subtitle: tuple[str, ...] = ()
    """Title Slide only: the subtitle lines."""
    item: str | None = None
    """Key of the agenda item the slide belongs to (`AgendaItem.key`); None for the title slide."""
    caption: str | None = None
    """One line under the title, above the content (what the figures are, where they come from)."""
    split: float | None = None
    """Two Content only: the first region's share of the width (default: the layout's halves)."""


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole deck: its slides and what the footer and document properties say."""

    slides: tuple[Slide, ...]
    title: str
    footer: str
    audience: Literal["customer", "internal"]
    subject: str = ""
    keywords: tuple[str, ...] = field(default=())
    author: str = ""
    """The key account manager's name (the document's author)."""
