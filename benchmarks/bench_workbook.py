"""Workshop workbook speed: the Word editions (about 50-60 pages each) and the scoring workbook.

Measured here (2 cores, shared with other work, min / mean): the blank participant workbook
builds in 0.11 / 0.18 s, the facilitator guide with the rich case builds and saves in
0.16 / 0.20 s, the scoring workbook in 17 / 75 ms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdocs.analysis import analyse
from kapdocs.load import load_plan
from kapdocs.render.workbook.case import Case
from kapdocs.render.workbook.document import build_workbook
from kapdocs.render.workbook.scoring import write_scoring
from kapdocs.theme import load_theme

RICH = Path(__file__).parent.parent / "samples" / "northwind-foods.yaml"
TODAY = dt.date(2026, 11, 25)


def _case() -> Case:
    plan = load_plan(RICH)
    return Case(plan, analyse(plan, TODAY))


def test_blank_participant_workbook(benchmark, tmp_path, peak_memory) -> None:
    theme = load_theme()
    peak_memory(lambda: build_workbook(theme, "participant", None))
    builder = benchmark(build_workbook, theme, "participant", None)
    builder.save(tmp_path / "workbook-participant.docx")


def test_facilitator_guide_with_the_rich_case(benchmark, tmp_path, peak_memory) -> None:
    theme, case = load_theme(), _case()

    def build_and_save():
        build_workbook(theme, "facilitator", case).save(tmp_path / "workbook-facilitator.docx")

    peak_memory(build_and_save)
    benchmark(build_and_save)


def test_scoring_workbook_with_the_rich_case(benchmark, tmp_path, peak_memory) -> None:
    case = _case()
    peak_memory(lambda: write_scoring(tmp_path / "workbook-scoring.xlsx", case))
    benchmark(write_scoring, tmp_path / "workbook-scoring.xlsx", case)
