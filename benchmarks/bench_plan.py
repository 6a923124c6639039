"""Speed of the Word plan: `make bench` (pytest-benchmark), not part of the test suite.

Targets (issue 3), in-process after imports, LibreOffice's table-of-contents fill
excluded (it runs in another process and takes seconds whatever kapdocs does):
- the rich sample's plan in at most 0.5 s;
- a large plan (500 actions, 300 contacts, 100 opportunities) in at most 5 s.
Each case measures `plan_docx.write`: analysis, building the document, saving it
in its reproducible form and checking it (zip and XML level).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.large_plan import large_plan  # noqa: E402
from kapdocs.analysis import analyse  # noqa: E402
from kapdocs.load import load_plan  # noqa: E402
from kapdocs.output import OutputFolder  # noqa: E402
from kapdocs.render import Job, Options  # noqa: E402
from kapdocs.render.plan_docx import write  # noqa: E402

TODAY = dt.date(2026, 11, 25)
BUDGET = {"rich": 0.5, "large": 5.0}
"""Seconds each plan may take (the benchmark's mean is compared with it)."""


@pytest.fixture(scope="module")
def plans():
    return {"rich": load_plan(ROOT / "samples" / "northwind-foods.yaml"), "large": large_plan()}


@pytest.mark.parametrize("edition", ["internal", "customer"])
@pytest.mark.parametrize("size", ["rich", "large"])
def test_plan_docx_speed(benchmark, plans, tmp_path, peak_memory, size, edition):
    plan = plans[size]
    options = Options(today=TODAY, edition=edition)
    folder = OutputFolder(tmp_path)

    def run():
        return write(Job(plan, analyse(plan, TODAY), options, folder))

    benchmark.extra_info["budget_s"] = BUDGET[size]
    peak_memory(run)
    path = benchmark.pedantic(run, rounds=5 if size == "rich" else 2, warmup_rounds=1)
    assert path.is_file()
    # the budget is part of the definition of done: report a miss loudly
    assert benchmark.stats.stats.mean <= BUDGET[size], f"{size} plan: {benchmark.stats.stats.mean:.2f} s"
