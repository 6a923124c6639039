"""Shared fixtures: the two sample plans, the date taken as today, and LibreOffice tests.

Tests marked `@pytest.mark.office` need LibreOffice (soffice) and poppler-utils
(pdftotext). Where they are absent the tests are skipped, saying what to install;
on CI (the `CI` environment variable set) they fail instead, so that a CI image
without LibreOffice cannot pass by skipping them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
RICH_SAMPLE = SAMPLES / "northwind-foods.yaml"
"""The rich sample: every section filled in."""
MINIMAL_SAMPLE = SAMPLES / "first-draft.yaml"
"""The minimal sample: a first draft with most sections absent."""
TODAY = dt.date(2026, 11, 25)
"""The date the samples are written for (their next QBR is in December 2026)."""

# Writing a Word document fills its contents' page numbers with LibreOffice when it is installed (one
# LibreOffice run per build, 2-4 s). The suite leaves that off, for speed and so that every test writes
# the same bytes with or without LibreOffice; the tests of that step turn it back on.
os.environ.setdefault("KAPDOCS_CONTENTS", "off")


def deck_text(prs) -> str:
    """Every text of a python-pptx presentation: shapes, table cells, notes."""
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def office_missing() -> str | None:
    """What an `office` test lacks, or None when LibreOffice and pdftotext are both installed."""
    from kapdocs import office

    missing = []
    if not office.available():
        missing.append("LibreOffice (soffice; or set KAPDOCS_SOFFICE)")
    if shutil.which("pdftotext") is None:
        missing.append("pdftotext (poppler-utils)")
    return " and ".join(missing) or None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("office") is None:
        return
    missing = office_missing()
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing} not installed, and CI is set: office tests must run on CI", pytrace=False)
    pytest.skip(f"needs {missing}: install LibreOffice and poppler-utils to run it")


def ready_renderer_names() -> list[str]:
    """Names of the registered renderers whose module exists and has `render` (all of them, once built)."""
    import importlib

    from kapdocs.render import RENDERERS

    ready = []
    for r in RENDERERS:
        module = r.target.partition(":")[0]
        try:
            if hasattr(importlib.import_module(f"kapdocs.render.{module}"), "render"):
                ready.append(r.name)
        except ImportError:
            continue
    return ready


@pytest.fixture(scope="session")
def ready_renderers() -> list[str]:
    """`ready_renderer_names()`; a test that needs at least one is skipped when there is none."""
    names = ready_renderer_names()
    if not names:
        pytest.skip("no renderer is implemented yet")
    return names


@pytest.fixture(scope="session")
def today() -> dt.date:
    """The date taken as today in tests: 2026-11-25."""
    return TODAY


@pytest.fixture(scope="session")
def rich_plan():
    """The rich sample plan (samples/northwind-foods.yaml), loaded once per session; do not modify it."""
    from kapdocs.load import load_plan

    return load_plan(RICH_SAMPLE)


@pytest.fixture(scope="session")
def minimal_plan():
    """The minimal sample plan (samples/first-draft.yaml), loaded once per session; do not modify it."""
    from kapdocs.load import load_plan

    return load_plan(MINIMAL_SAMPLE)
