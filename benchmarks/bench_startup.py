"""Start-up: whole processes, against bare Python in the same run.

Targets (speed issue): `kapdocs --help` and `kapdocs validate` on the rich sample, each a whole
process, at most 0.25 s on a quiet 2-core machine. Measured as ratios to `python -c pass` run the same
number of times in the same run (interleaved), so that a loaded machine slows both alike; the absolute
medians are kept in the benchmark's extra info.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
KAPDOCS = [sys.executable, "-m", "kapdocs"]
ROUNDS = 7
TARGET_SECONDS = 0.25
BARE_PYTHON_SECONDS = 0.009
"""`python -c pass` on the machine the targets were set on (2 cores, 2026-12-02): the ratio target is 0.25 s
over this (about 27x)."""


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _paired(cmd: list[str]) -> tuple[float, float]:
    ours, bare = [], []
    _time(cmd)
    for _ in range(ROUNDS):
        bare.append(_time([sys.executable, "-c", "pass"]))
        ours.append(_time(cmd))
    return statistics.median(ours), statistics.median(bare)


def test_validate_whole_process(benchmark) -> None:
    ours, bare = _paired(KAPDOCS + ["validate", "samples/northwind-foods.yaml"])
    ratio = ours / bare
    benchmark.extra_info.update(median_s=round(ours, 3), bare_python_s=round(bare, 3), ratio=round(ratio, 1))
    benchmark.pedantic(lambda: _time(KAPDOCS + ["validate", "samples/northwind-foods.yaml"]), rounds=3)
    assert ratio <= TARGET_SECONDS / BARE_PYTHON_SECONDS, f"{ours:.3f} s, {ratio:.1f}x python -c pass"


def test_help_whole_process(benchmark) -> None:
    ours, bare = _paired(KAPDOCS + ["--help"])
    ratio = ours / bare
    benchmark.extra_info.update(median_s=round(ours, 3), bare_python_s=round(bare, 3), ratio=round(ratio, 1))
    benchmark.pedantic(lambda: _time(KAPDOCS + ["--help"]), rounds=3)
    assert ratio <= TARGET_SECONDS / BARE_PYTHON_SECONDS, f"{ours:.3f} s, {ratio:.1f}x python -c pass"
