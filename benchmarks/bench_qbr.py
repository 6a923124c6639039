"""QBR deck speed: the rich sample's deck, in process, after imports.

Target (issue 4): at most 0.7 s for the rich sample's qbr-2026-q4 deck, its
largest (19 slides, three native charts, eleven tables). Measured here (2 cores,
other jobs running): median 0.19-0.33 s to build and write it, 0.25-0.33 s through
`api.render` with analysis, the check of the written file and the output manifest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdocs import api
from kapdocs.load import load
from kapdocs.render import Options, renderer
from kapdocs.render.qbr_pptx.deck import build_deck
from kapdocs.render.qbr_pptx.write import write_deck
from kapdocs.theme import load_theme
from kapdocs.view import build_view

RICH = Path(__file__).parent.parent / "samples" / "northwind-foods.yaml"
TODAY = dt.date(2026, 11, 25)
TARGET_SECONDS = 0.7


def test_rich_deck_through_the_renderer(benchmark, tmp_path, peak_memory) -> None:
    loaded = load(RICH)
    options = Options(today=TODAY, meeting="qbr-2026-q4")
    qbr = renderer("qbr")
    api.render(loaded, [qbr], tmp_path / "warm", options)  # imports and caches, outside the timing
    peak_memory(lambda: api.render(loaded, [qbr], tmp_path / "peak", options))

    counter = iter(range(10_000))
    written = benchmark(lambda: api.render(loaded, [qbr], tmp_path / f"run{next(counter)}", options))
    assert written[0].suffix == ".pptx"
    assert benchmark.stats.stats.median < TARGET_SECONDS


def test_build_and_write_only(benchmark, tmp_path, peak_memory) -> None:
    plan = load(RICH).plan
    view = build_view(plan, "customer", TODAY, "qbr-2026-q4")
    theme = load_theme(None)
    write_deck(build_deck(view), theme, tmp_path / "warm.pptx")

    def run() -> int:
        return write_deck(build_deck(view), theme, tmp_path / "deck.pptx")

    peak_memory(run)
    assert benchmark(run) == 22  # the summary slide, the overdue actions, follow-on slides at 12 pt
