"""Every benchmark input is a plan `kapdocs validate` accepts: a benchmark of a plan users could not
build measures nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from kapdocs.cli import main

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from large_plan import large_plan_data  # noqa: E402


def test_the_large_plan_passes_validate(tmp_path):
    plan = tmp_path / "large.yaml"
    plan.write_text(yaml.safe_dump(large_plan_data(), sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(plan)])
    assert result.exit_code == 0, result.output
    data = large_plan_data()
    assert (len(data["actions"]), len(data["contacts"]), len(data["opportunities"])) == (500, 300, 100)
