"""Broken plans, one file per case: each must fail with the error its header announces.

A case is a file in tests/cases/invalid/. Its expected errors are `# error: LINE:COL: message`
lines at its top (for JSON, in a `NAME.json.expected` file beside it). Add a case by
dropping in a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kapdocs.cli import main
from kapdocs.errors import PlanError
from kapdocs.load import load

CASES = Path(__file__).parent / "cases" / "invalid"
FILES = sorted(p for p in CASES.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def expected(case: Path) -> list[str]:
    source = case.with_name(case.name + ".expected") if case.suffix == ".json" else case
    return [m.group(1) for m in re.finditer(r"^# error: (.+)$", source.read_text(encoding="utf-8"), re.M)]


@pytest.mark.parametrize("case", FILES, ids=[p.name for p in FILES])
def test_case_fails_with_its_located_error(case: Path) -> None:
    with pytest.raises(PlanError) as caught:
        load(case)
    reported = [str(p) for p in caught.value.problems]
    # every announced error is reported, located as FILE:LINE:COL and worded as announced
    for want in expected(case):
        assert any(r.startswith(f"{case}:{want}") for r in reported), (want, reported)
    # and nothing unannounced sneaks in
    assert len(reported) == len(expected(case)), reported


@pytest.mark.parametrize("case", FILES, ids=[p.name for p in FILES])
def test_validate_command_exits_2_naming_the_file(case: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(case)])
    # invalid input is exit code 2, with the file named on every error line
    assert result.exit_code == 2
    assert f"{case}:" in result.output
    assert "nothing was written" in result.output


def test_every_case_announces_an_error() -> None:
    # a case with no expectation would pass vacuously
    assert FILES and all(expected(case) for case in FILES)
