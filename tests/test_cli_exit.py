"""The program leaves promptly once a command is done (no interpreter teardown), and loses nothing by it:
every byte of its output, its exit code, its exit handlers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
RICH = ROOT / "samples" / "northwind-foods.yaml"


def _kapdocs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kapdocs", *args], cwd=ROOT, capture_output=True, text=True)


def test_a_long_output_through_a_pipe_arrives_whole() -> None:
    done = _kapdocs("context", str(RICH), "--today", "2026-11-25")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 50_000  # far more than one buffer
    assert json.loads(done.stdout)["plan"]["account"]["name"] == "Northwind Foods plc"


def test_exit_codes_and_messages_are_kept(tmp_path: Path) -> None:
    missing = _kapdocs("validate", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2
    assert "cannot read the file" in missing.stderr
    assert _kapdocs("no-such-command").returncode == 2
    assert _kapdocs("--version").stdout.startswith("kapdocs")


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = ("import atexit, sys\n"
              f"atexit.register(lambda: open({str(marker)!r}, 'w').write('yes'))\n"
              "sys.argv = ['kapdocs', '--help']\n"
              "from kapdocs.cli import run\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Usage: kapdocs" in done.stdout
    assert marker.read_text() == "yes"
