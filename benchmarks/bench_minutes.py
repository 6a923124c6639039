"""Meeting pack speed: agenda, minutes and calendar for the rich sample's December QBR.

Target (issue 6): the whole pack in well under a second, so that `kapdocs build`
can write it for every meeting of a plan without the user noticing. Most of the
time goes into python-docx opening the reference document and saving the two
Word files; gathering the content and writing the calendar take milliseconds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kapdocs import api
from kapdocs.fmt import Formatter
from kapdocs.load import load_plan
from kapdocs.render import Options, renderer
from kapdocs.render.minutes_docx.calendar import calendar_bytes
from kapdocs.view import build_view

RICH = Path(__file__).parent.parent / "samples" / "northwind-foods.yaml"
TODAY = dt.date(2026, 11, 25)


def test_meeting_pack_three_files(benchmark, tmp_path, peak_memory) -> None:
    plan = load_plan(RICH)
    options = Options(today=TODAY, meeting="qbr-2026-q4")
    minutes = [renderer("minutes")]
    peak_memory(lambda: api.render(plan, minutes, tmp_path / "peak", options))
    written = benchmark(api.render, plan, minutes, tmp_path, options)
    assert [p.suffix for p in written] == [".docx", ".docx", ".ics"]


def test_pack_content_only(benchmark, peak_memory) -> None:
    plan = load_plan(RICH)
    peak_memory(lambda: build_view(plan, "customer", TODAY, "qbr-2026-q4"))
    view = benchmark(build_view, plan, "customer", TODAY, "qbr-2026-q4")
    assert len(view.meeting.agenda) == 12


def test_calendar_only(benchmark, peak_memory) -> None:
    plan = load_plan(RICH)
    pack = build_view(plan, "customer", TODAY, "qbr-2026-q4").meeting
    peak_memory(lambda: calendar_bytes(pack, Formatter()))
    data = benchmark(calendar_bytes, pack, Formatter())
    assert data.count(b"BEGIN:VEVENT") == 6
