"""The PowerPoint QBR deck: `kapdocs qbr PLAN [--meeting ID] [--internal]`.

Writes `<account>-qbr-<meeting-id>.pptx` (`naming.qbr_file`) for the chosen
meeting (`Job.meeting`): the customer review deck for a QBR, or the internal
review deck for an `internal_review` meeting. `--internal` on a QBR writes the
internal review deck for that meeting as `<account>-qbr-<meeting-id>-internal.pptx`,
so it can never overwrite (and be mistaken for) the deck shown to the customer.

Two steps, as in pandoc's PowerPoint writer:
- `deck.py`: Plan + Figures -> a `Deck` of slide specs (`spec.py`, plain data);
- `write.py`: slide specs -> .pptx on the theme's reference deck, fitting text by
  measuring it with the font's metrics (`fit.py`, `font_metrics.json`).

Reference deck contract. The deck is built on `theme.reference("pptx")`: the
theme's own reference.pptx, else templates/reference.pptx (16:9, built by
tools/make_reference_pptx.py). kapdocs uses these slide layouts, by name:

- "Title Slide": the first slide; its title and subtitle placeholders; the
  attendees go in text boxes below the subtitle;
- "Title and Content": text slides; its content placeholder (idx 1) also sets
  where tables and charts go on "Title Only" slides;
- "Two Content": a chart, table or text on each side (placeholders idx 1 and 2);
- "Title Only": full-width tables and charts.

Each layout's footer and slide number placeholders, when present, are filled on
every slide. A branded master can be swapped in as long as it has those four
layout names; any existing slides in it are dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...naming import qbr_file

if TYPE_CHECKING:
    from .. import Job

LAYOUTS = ("Title Slide", "Title and Content", "Two Content", "Title Only")
"""The slide layouts a reference deck must provide (see the module docstring)."""


def deck_for(job: "Job"):
    """The `Deck` (slide specs) for the job's meeting."""
    from .deck import build_deck

    view = job.view
    return view.meeting.meeting, build_deck(view)


def file_name(job: "Job", meeting) -> str:
    """`<slug>-qbr-<meeting-id>.pptx`; `-internal` added for `--internal` on a customer review."""
    return qbr_file(job.plan.account.name, meeting.id, internal=bool(job.options.internal and meeting.type == "qbr"))


def render(job: "Job") -> list[Path]:
    """Write the deck for the job's meeting; returns its path."""
    from .write import write_deck

    meeting, deck = deck_for(job)
    theme = job.theme
    expected: list[int] = []

    def produce(path: Path) -> None:
        expected.append(write_deck(deck, theme, path))

    def verify(package) -> None:
        from ...errors import RenderError

        count = package.slide_count()
        if count != expected[0]:
            raise RenderError(f"the deck re-opened with {count} slides instead of {expected[0]}")

    return [job.out.write(file_name(job, meeting), produce, verify=verify)]
