"""What every benchmark shares: whole processes timed in turn, peak memory, and the speed issue's table.

- `processes`: run commands as whole processes, each `rounds` times in turn with `python -c pass`, so
  that load on the machine falls on all of them alike; wall time and peak resident memory of each.
- `peak_memory(fn)`: runs `fn` once in a copy of the benchmark process (forked, with everything it has
  imported and holds) and keeps in the benchmark's extra info the copy's peak resident memory in MB
  (`peak_mb`) and how much of it `fn` added to what the copy held when it started (`added_mb`). The peak
  is an upper bound on what `fn` needs: it includes pytest and whatever earlier benchmarks in the same
  run left in the process. The added memory is a lower bound: `fn` may reuse memory that the process
  had freed but kept. `forked_memory(fn)` measures the same without recording it.
- `figure(...)`: report one of the speed issue's figures; after the run they are printed as one table
  (figure, measured, baseline, target, met, peak memory), and kept in the benchmark's extra info, which
  pytest-benchmark writes to benchmarks/results.json.

Peak memory is read from the kernel's accounting of a finished child (`ru_maxrss`). A process started
straight from the benchmark process would inherit its high-water mark when it replaces its image, so whole
processes are started from a small launcher (a bare Python process) that forks and times them itself.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).parent.parent
_KIB_PER_MB = 1024  # ru_maxrss is in KiB on Linux
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs the command given as its arguments (standard output discarded) and prints its wall time in seconds
and its peak resident memory (ru_maxrss); exits with the command's exit status."""


class Run(NamedTuple):
    seconds: float
    peak_mb: float


class Timed(NamedTuple):
    """A command's runs: wall time in seconds and the largest peak resident memory of any run."""

    median_s: float
    min_s: float
    max_s: float
    peak_mb: float


class Processes:
    """Whole processes, started in the project folder."""

    bare = "python -c pass"
    """The name `interleaved` gives bare Python's runs."""

    @staticmethod
    def run(cmd: Sequence[str], env: Mapping[str, str] | None = None) -> Run:
        """Run `cmd` once (failing on a non-zero exit status): its wall time and peak resident memory."""
        done = subprocess.run([sys.executable, "-c", _LAUNCHER, *cmd], cwd=ROOT, env=env, check=True,
                              stdout=subprocess.PIPE, text=True)
        seconds, maxrss = done.stdout.split()
        return Run(float(seconds), int(maxrss) / _KIB_PER_MB)

    def interleaved(self, commands: Mapping[str, Sequence[str]], rounds: int,
                    env: Mapping[str, str] | None = None) -> dict[str, Timed]:
        """Each command, and `python -c pass` (kept under the name `bare`), run once to warm the file
        cache, then `rounds` times in turn."""
        commands = {**commands, self.bare: [sys.executable, "-c", "pass"]}
        for cmd in commands.values():
            self.run(cmd, env)
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, cmd in commands.items():
                runs[name].append(self.run(cmd, env))
        timed = {}
        for name, kept in runs.items():
            seconds = [run.seconds for run in kept]
            peak = max(run.peak_mb for run in kept)
            timed[name] = Timed(statistics.median(seconds), min(seconds), max(seconds), peak)
        return timed


@pytest.fixture(scope="session")
def processes() -> Processes:
    return Processes()


def _forked(fn: Callable[[], object]) -> tuple[float, float]:
    """Run `fn` once in a forked copy of this process: the copy's peak resident memory and that peak less
    the copy's resident memory before `fn`, in MB."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: it must end here, whatever happens
        try:
            os.close(read)
            os.write(write, str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).encode())
            os.close(write)
            fn()
            os._exit(0)
        except Exception:  # noqa: BLE001 - any failure: shown, and the copy ends with status 1
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(1)
    os.close(write)
    with os.fdopen(read) as pipe:
        before = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the measured function failed in the forked copy"
    return usage.ru_maxrss / _KIB_PER_MB, (usage.ru_maxrss - int(before)) / _KIB_PER_MB


@pytest.fixture(scope="session")
def forked_memory() -> Callable[[Callable[[], object]], tuple[float, float]]:
    """`forked_memory(fn)`: the peak and added memory of `fn`, in MB, without recording them (for fixtures
    shared by several benchmarks, which measure once, before any benchmark's rounds)."""
    return _forked


@pytest.fixture
def peak_memory(benchmark, forked_memory) -> Callable[[Callable[[], object]], float]:
    """`peak_memory(fn)`: run `fn` once in a forked copy of this process, keep `peak_mb` and `added_mb` in
    the benchmark's extra info, and return the peak."""

    def measure(fn: Callable[[], object]) -> float:
        peak, added = forked_memory(fn)
        benchmark.extra_info.update(peak_mb=round(peak, 1), added_mb=round(added, 1))
        return peak

    return measure


class Figure(NamedTuple):
    name: str
    measured: str
    baseline: str
    target: str
    met: bool
    peak_mb: float


_FIGURES: list[Figure] = []


@pytest.fixture
def figure(benchmark) -> Callable[..., None]:
    """`figure(name, measured=, baseline=, target=, met=, peak_mb=)`: one of the speed issue's figures,
    as text for the table (target: the most it may be), kept in the benchmark's extra info too."""

    def record(name: str, *, measured: str, baseline: str, target: str, met: bool, peak_mb: float) -> None:
        _FIGURES.append(Figure(name, measured, baseline, target, met, peak_mb))
        benchmark.extra_info.update(figure=name, met=met, peak_mb=round(peak_mb, 1))

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if not _FIGURES:
        return
    rows = [("figure", "measured", "baseline", "target (at most)", "met", "peak MB")]
    rows += [(f.name, f.measured, f.baseline, f.target, "yes" if f.met else "NO", f"{f.peak_mb:.0f}")
             for f in _FIGURES]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    terminalreporter.write_sep("-", "the speed issue's figures")
    for row in rows:
        terminalreporter.write_line("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
