"""Start-up: whole processes, against bare Python in the same run.

Targets (speed issue): `kapdocs --help` and `kapdocs validate` on the rich sample, each a whole
process, at most 0.25 s on a quiet 2-core machine. Measured as ratios to `python -c pass` run the same
number of times in the same run (interleaved), so that a loaded machine slows both alike; the absolute
medians are kept in the benchmark's extra info.
"""

from __future__ import annotations

import sys

KAPDOCS = [sys.executable, "-m", "kapdocs"]
ROUNDS = 7
TARGET_SECONDS = 0.25
BARE_PYTHON_SECONDS = 0.009
"""`python -c pass` on the machine the targets were set on (2 cores, 2026-12-02): the ratio target is 0.25 s
over this (about 27x)."""


def _against_bare_python(benchmark, processes, figure, name: str, cmd: list[str]) -> None:
    timed = processes.interleaved({name: cmd}, ROUNDS)
    ours, bare = timed[name].median_s, timed[processes.bare].median_s
    ratio, most = ours / bare, TARGET_SECONDS / BARE_PYTHON_SECONDS
    benchmark.extra_info.update(median_s=round(ours, 3), bare_python_s=round(bare, 3), ratio=round(ratio, 1))
    figure(name, measured=f"{ours:.3f} s ({ratio:.1f}x)", baseline=f"python -c pass: {bare:.4f} s",
           target=f"{TARGET_SECONDS} s ({most:.1f}x)", met=ratio <= most, peak_mb=timed[name].peak_mb)
    benchmark.pedantic(processes.run, args=(cmd,), rounds=3)
    assert ratio <= most, f"{ours:.3f} s, {ratio:.1f}x python -c pass"


def test_validate_whole_process(benchmark, processes, figure) -> None:
    _against_bare_python(benchmark, processes, figure, "kapdocs validate, whole process",
                         KAPDOCS + ["validate", "samples/northwind-foods.yaml"])


def test_help_whole_process(benchmark, processes, figure) -> None:
    _against_bare_python(benchmark, processes, figure, "kapdocs --help, whole process", KAPDOCS + ["--help"])
