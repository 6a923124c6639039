"""Batch builds: a folder per account, one bad plan failing alone, incremental, parallel = serial, shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kapdocs import batch
from kapdocs.cli import main

from conftest import MINIMAL_SAMPLE, RICH_SAMPLE

DAY = ["--today", "2026-11-25"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def accounts(folder: Path, count: int = 3, *, broken: bool = False) -> Path:
    """`count` plans with their own account names (the samples in turn), and a broken one."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = RICH_SAMPLE if i % 2 == 0 else MINIMAL_SAMPLE
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["account"]["name"] = f"{data['account']['name']} {i + 1}"
        (folder / f"account-{i + 1}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")
    if broken:
        (folder / "broken.yaml").write_text("account: {name: Broken Ltd}\nsites: [{id: s1}]\n", encoding="utf-8")
    return folder


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_one_bad_plan_fails_alone(tmp_path):
    plans = accounts(tmp_path / "plans", 2, broken=True)
    out = tmp_path / "out"
    result = run("build", str(plans), "-o", str(out), "--jobs", "1", *DAY)
    assert result.exit_code == 1
    # the good ones are built, each in its account's folder, and read back
    import docx

    plan = out / "northwind-foods-plc-1" / "northwind-foods-plc-1-key-account-plan.docx"
    assert "Northwind Foods plc 1" in [p.text for p in docx.Document(str(plan)).paragraphs]
    assert (out / "harbour-logistics-ltd-2" / "harbour-logistics-ltd-2-contact-matrix.xlsx").is_file()
    # the broken one is named with its located error, in the summary
    assert "failed: " in result.output and "broken.yaml:2:9: sites[0]: missing required key 'name'" in result.output
    assert "2 built, 0 unchanged, 1 failed, of 3 plans" in result.output
    # --fail-fast keeps the old behaviour: nothing written, exit 2
    strict = run("build", str(plans), "-o", str(tmp_path / "strict"), "--fail-fast", *DAY)
    assert strict.exit_code == 2 and not (tmp_path / "strict").exists()
    # nothing buildable at all: exit 2
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "a.yaml").write_text("account: {}\n")
    (only_bad / "b.yaml").write_text("account: {}\n")
    assert run("build", str(only_bad), "-o", str(tmp_path / "o3"), "--jobs", "1").exit_code == 2


def test_an_unchanged_account_is_skipped_and_force_rebuilds(tmp_path):
    plans = accounts(tmp_path / "plans", 2)
    out = tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), "--jobs", "1", *DAY).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    again = run("build", str(plans), "-o", str(out), "--jobs", "1", "--json", *DAY)
    records = [json.loads(line) for line in again.output.splitlines() if line.startswith("{")]
    assert [r["status"] for r in records] == ["skipped", "skipped"]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == before
    # a changed plan is rebuilt, the other is not
    changed = plans / "account-2.yaml"
    changed.write_text(changed.read_text().replace("Maeve Doyle", "Maeve Doyle-Byrne"))
    third = run("build", str(plans), "-o", str(out), "--jobs", "1", "--json", *DAY)
    statuses = {Path(r["plan"]).name: r["status"] for r in map(json.loads, third.output.splitlines())}
    assert statuses == {"account-1.yaml": "skipped", "account-2.yaml": "built"}
    # an edited output makes the account build again (and refuse to replace the edit without --force)
    edited = next((out / "northwind-foods-plc-1").glob("*.docx"))
    edited.write_bytes(edited.read_bytes() + b" ")
    fourth = run("build", str(plans), "-o", str(out), "--jobs", "1", *DAY)
    assert fourth.exit_code == 1 and "was changed after kapdocs wrote it" in fourth.output
    forced = run("build", str(plans), "-o", str(out), "--jobs", "1", "--force", "--json", *DAY)
    assert {json.loads(line)["status"] for line in forced.output.splitlines()} == {"built"}


def test_parallel_equals_serial_byte_for_byte(tmp_path):
    plans = accounts(tmp_path / "plans", 3)
    assert run("build", str(plans), "-o", str(tmp_path / "serial"), "--jobs", "1", *DAY).exit_code == 0
    result = run("build", str(plans), "-o", str(tmp_path / "parallel"), "--jobs", "2", *DAY)
    assert result.exit_code == 0, result.output
    serial, parallel = files(tmp_path / "serial"), files(tmp_path / "parallel")
    assert serial == parallel and len(serial) == 7 + 2 + 7 + 3  # and the portfolio of the three


def test_shards_cover_every_plan_exactly_once(tmp_path):
    paths = [tmp_path / f"plan-{i:02d}.yaml" for i in range(40)]
    slices = [[p for p in paths if batch.in_shard(p, (i, 3))] for i in (1, 2, 3)]
    assert sorted(p for s in slices for p in s) == sorted(paths) and all(slices)
    # stable: a new plan moves no other plan to another slice
    more = paths + [tmp_path / "plan-99.yaml"]
    assert [[p for p in more if batch.in_shard(p, (i, 3)) and p in paths] for i in (1, 2, 3)] == slices
    with pytest.raises(Exception, match="I/N"):
        batch.parse_shard("2-3")
    plans = accounts(tmp_path / "plans", 3)
    built = set()
    for i in (1, 2):
        result = run("build", str(plans), "-o", str(tmp_path / "out"), "--jobs", "1", "--shard", f"{i}/2", "--json",
                     *DAY)
        built |= {json.loads(line)["plan"] for line in result.output.splitlines()}
    assert len(built) == 3


def test_two_plans_for_the_same_folder_are_an_error_naming_both(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name, account in (("a.yaml", "Acme Foods Ltd"), ("b.yaml", "ACME foods ltd.")):
        data = yaml.safe_load(MINIMAL_SAMPLE.read_text())
        data["account"]["name"] = account
        (plans / name).write_text(yaml.safe_dump(data))
    result = run("build", str(plans), "-o", str(tmp_path / "out"), "--jobs", "1", *DAY)
    assert result.exit_code == 1
    assert "a.yaml" in result.output and "b.yaml" in result.output and "same folder acme-foods-ltd/" in result.output


def test_dask_builds_the_same_bytes(tmp_path):
    distributed = pytest.importorskip("distributed")
    plans = accounts(tmp_path / "plans", 2)
    assert run("build", str(plans), "-o", str(tmp_path / "local"), "--jobs", "1", *DAY).exit_code == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run("build", str(plans), "-o", str(tmp_path / "dask"), "--cluster", cluster.scheduler_address, *DAY)
    assert result.exit_code == 0, result.output
    assert files(tmp_path / "local") == files(tmp_path / "dask")
