"""Speed and memory of the Excel contact matrix (`kapdocs contacts`).

Budgets: the rich sample in at most 0.3 s in-process; a plan with 2,000 contacts and
100 team members (20,000 relationships) in at most 10 s and 500 MB peak memory
(measured in a fresh process, so the figure is the whole program's, imports included).

Run with `make bench`, or `pytest benchmarks/bench_contacts.py --benchmark-only`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TODAY = dt.date(2026, 11, 25)
RICH_SAMPLE = ROOT / "samples" / "northwind-foods.yaml"
RICH_BUDGET_S = 0.3
LARGE_BUDGET_S = 10.0
LARGE_BUDGET_MB = 500


def large_plan_data(contacts: int = 2000, members: int = 100, links_per_contact: int = 10, seed: int = 7) -> dict:
    """A plan as plain data: `contacts` customer contacts on 20 sites, `members` team members,
    `links_per_contact` relationships for each contact, a third of them below a target."""
    rnd = random.Random(seed)
    seniorities = ["board", "director", "manager", "staff"]
    functions = ["sales", "marketing", "technical", "supply", "finance", "operations", "service"]
    roles = ["economic", "ultimate", "technical", "end_user", "advocate"]
    return {
        "account": {"name": "Large Account plc", "key_account_manager": "m0", "executive_sponsor": "m1"},
        "sites": [{"id": f"s{i}", "name": f"Site {i}"} for i in range(20)],
        "team": [{"id": f"m{i}", "name": f"Team Member {i}", "title": "Specialist",
                  "function": rnd.choice(functions), "seniority": rnd.choice(seniorities)}
                 for i in range(members)],
        "contacts": [{"id": f"c{i}", "name": f"Contact Person {i}", "title": "Manager, Department of Things",
                      "department": f"Dept {i % 12}", "site": f"s{i % 20}", "seniority": rnd.choice(seniorities),
                      "roles": rnd.sample(roles, rnd.randint(0, 2)),
                      "influence": rnd.choice(["high", "medium", "low"]),
                      "attitude": rnd.choice(["champion", "supporter", "neutral", "sceptic", "blocker"]),
                      "level": rnd.choice(["instigator", "influencer", "implementer"]),
                      "email": f"contact{i}@example.com", "notes": "Met at the annual review. " * 4}
                     for i in range(contacts)],
        "relationships": [
            {"ours": f"m{m}", "theirs": f"c{i}", "strength": s, "frequency": rnd.choice(["weekly", "monthly"]),
             **({"target_strength": min(4, s + 1)} if rnd.random() < 0.33 else {})}
            for i in range(contacts) for m in rnd.sample(range(members), links_per_contact)
            for s in [rnd.randint(0, 4)]
        ],
    }


def _render(plan, out: Path) -> list[Path]:
    from kapdocs import api
    from kapdocs.render import Options, renderer

    return api.render(plan, [renderer("contacts")], out, Options(today=TODAY), force=True)


def test_rich_sample(benchmark, tmp_path, peak_memory):
    from kapdocs.load import load

    loaded = load(RICH_SAMPLE)
    _render(loaded, tmp_path)  # imports and theme loading are paid once, as in a long-lived process
    peak_memory(lambda: _render(loaded, tmp_path))
    benchmark(_render, loaded, tmp_path)
    # the budget for the rich sample, analysis and verification included
    assert benchmark.stats.stats.median <= RICH_BUDGET_S


def test_large_plan(benchmark, tmp_path, peak_memory):
    from kapdocs.model import Plan

    plan = Plan.model_validate(large_plan_data())
    peak_memory(lambda: _render(plan, tmp_path / "peak"))
    written = benchmark.pedantic(_render, args=(plan, tmp_path), rounds=2, iterations=1, warmup_rounds=0)
    # one workbook for the whole plan
    assert len(written) == 1
    # the budget for 2,000 contacts x 100 team members
    assert benchmark.stats.stats.max <= LARGE_BUDGET_S


_LARGE_PLAN = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from bench_contacts import large_plan_data, _render
from kapdocs.model import Plan
_render(Plan.model_validate(large_plan_data()), Path(sys.argv[3]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read from a forked process's resource usage")
def test_large_plan_peak_memory(benchmark, processes, tmp_path):
    cmd = [sys.executable, "-c", _LARGE_PLAN, str(ROOT), str(Path(__file__).parent), str(tmp_path)]
    run = benchmark.pedantic(processes.run, args=(cmd,), rounds=1, iterations=1)
    benchmark.extra_info.update(whole_process_s=round(run.seconds, 2), peak_mb=round(run.peak_mb, 1))
    # the whole program, Python and imports included, stays under the memory budget
    assert run.peak_mb <= LARGE_BUDGET_MB
