"""A non-editable install works: the wheel carries the templates and every data file."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="the test extras install hatchling to build the wheel")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out)], check=True, capture_output=True)
    return next(out.glob("kapdocs-*.whl"))


@pytest.mark.slow
def test_the_wheel_carries_the_templates_and_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    # templates/ at the repository root is shipped inside the package
    for name in ("theme.yaml", "reference.docx", "reference.pptx", "starter.yaml"):
        assert f"kapdocs/templates/{name}" in names
    # and so are the data files the renderers and the health check read
    assert "kapdocs/render/qbr_pptx/font_metrics.json" in names
    assert "kapdocs/checks/report.schema.json" in names
    # the console script is declared
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kapdocs = kapdocs.cli:run" in zipfile.ZipFile(wheel).read(entry).decode()


@pytest.mark.slow
def test_an_installed_copy_builds_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import kapdocs.resources as r, kapdocs; print(r.templates_dir()); print(kapdocs.__file__)")
    where = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    # the installed copy finds its own templates, not the checkout's
    assert all(str(site) in w for w in where)
    plan = tmp_path / "plan.yaml"
    subprocess.run([sys.executable, "-m", "kapdocs", "init", str(plan)], cwd=tmp_path, env=env, check=True,
                   capture_output=True)
    result = subprocess.run([sys.executable, "-m", "kapdocs", "plan", str(plan), "-o", str(tmp_path / "out")],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    # and writes a plan from the starter
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "example-customer-ltd-key-account-plan.docx").is_file()
