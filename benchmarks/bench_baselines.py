"""The speed issue's figures against baselines: the same work done by other means, measured in the same run.

Targets (speed issue), on 2 cores, each a ratio to a baseline measured in the same run (interleaved, the
median of several rounds), so that a loaded machine slows both alike:
- the rich sample's Word plan (`plan_docx.write` in one process after imports: analysis, building the
  document, saving and verifying it) at most 1.0x docxtpl rendering a template of the same tables. The
  template is made here from the plan we wrote: every table with its header row and one loop row over the
  table's body rows, every paragraph a placeholder with the paragraph's text, in the same order; docxtpl
  gets the cell texts and paragraphs as its context. The plan's charts are left out of the template;
- the same plan at most 8x the zip floor: its own parts read and written into a new deflated zip in memory;
- one account's whole set, `kapdocs build` on the rich sample as a whole process (KAPDOCS_CONTENTS=off:
  LibreOffice's fill of the contents runs in another program), at most 1.6x a process that only imports
  the modules the build imports (found by running the build once). The ratios to a process importing only
  the third-party ones among them, and to `python -c pass`, are recorded too;
- the large plan (benchmarks/large_plan.py: 500 actions, 300 contacts, 100 opportunities) through
  `kapdocs plan`, `kapdocs qbr` and `kapdocs contacts`, each a whole process, at most 1.0 s. The issue
  states seconds, so these are held to them as they are; the ratio to `python -c pass` is recorded.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from kapdocs.analysis import analyse
from kapdocs.load import load_plan
from kapdocs.output import OutputFolder
from kapdocs.render import Job, Options
from kapdocs.render.plan_docx import write

ROOT = Path(__file__).parent.parent
RICH = "samples/northwind-foods.yaml"
TODAY = dt.date(2026, 11, 25)
KAPDOCS = [sys.executable, "-m", "kapdocs"]
DAY_AND_FORCE = ["--today", TODAY.isoformat(), "--force"]
CONTENTS_OFF = {**os.environ, "KAPDOCS_CONTENTS": "off"}
DOCXTPL_RATIO = 1.0
ZIP_FLOOR_RATIO = 8.0
WHOLE_SET_RATIO = 1.6
LARGE_PLAN_SECONDS = 1.0
IN_PROCESS_ROUNDS = 15
WHOLE_SET_ROUNDS = 7
LARGE_PLAN_ROUNDS = 5

_RECORD_MODULES = """
import atexit, json, runpy, sys
target = sys.argv.pop(1)
atexit.register(lambda: open(target, "w").write(json.dumps(sorted(sys.modules))))
runpy.run_module("kapdocs", run_name="__main__", alter_sys=True)
"""
"""`kapdocs` with the arguments after the first, which names the file that gets the modules loaded at exit."""

_IMPORT_ONLY = """
import importlib, json, sys
skipped = []
for name in json.load(open(sys.argv[1])):
    try:
        importlib.import_module(name)
    except ImportError:
        skipped.append(name)
print(json.dumps(skipped))
"""
"""Imports each module named in the JSON file given; prints those that cannot be imported by name."""


class WordPlan(NamedTuple):
    write: Callable[[], Path]
    """Analyses the rich sample and writes its Word plan into a new folder."""
    path: Path
    """The plan as written once."""
    peak_mb: float
    added_mb: float
    """The memory of writing it (`forked_memory`), measured before any timing."""


@pytest.fixture(scope="module")
def word_plan(tmp_path_factory, forked_memory) -> WordPlan:
    plan = load_plan(ROOT / RICH)
    options = Options(today=TODAY, edition="internal")
    folder = tmp_path_factory.mktemp("word-plan")

    def run() -> Path:
        return write(Job(plan, analyse(plan, TODAY), options, OutputFolder(tempfile.mkdtemp(dir=folder))))

    return WordPlan(run, run(), *forked_memory(run))


def _medians(calls: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The median seconds of each call, all run once to warm, then in turn IN_PROCESS_ROUNDS times."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()
    for _ in range(IN_PROCESS_ROUNDS):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(kept) for name, kept in times.items()}


class Template(NamedTuple):
    path: Path
    context: dict
    tables: int
    rows: int
    paragraphs: int


@pytest.fixture(scope="module")
def docxtpl_template(word_plan, tmp_path_factory) -> Template:
    """A docxtpl template of the plan's tables and paragraphs, in their order, and the context that fills
    it: each table's body rows as lists of cell texts (`tN`), each paragraph's text (`pN`)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    ours = Document(str(word_plan.path))
    template = Document()
    styles = {style.name for style in template.styles}
    context: dict = {}
    tables = rows = paragraphs = 0
    for element in ours.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            table = Table(element, ours)
            name = f"t{tables}"
            tables += 1
            rows += len(table.rows)
            context[name] = [[cell.text for cell in row.cells] for row in table.rows[1:]]
            made = template.add_table(rows=4, cols=len(table.columns))
            for cell, header in zip(made.rows[0].cells, table.rows[0].cells):
                cell.text = header.text
            made.cell(1, 0).text = f"{{%tr for row in {name} %}}"
            for i, cell in enumerate(made.rows[2].cells):
                cell.text = f"{{{{ row[{i}] }}}}"
            made.cell(3, 0).text = "{%tr endfor %}"
        elif element.tag == qn("w:p"):
            paragraph = Paragraph(element, ours)
            name = f"p{paragraphs}"
            paragraphs += 1
            context[name] = paragraph.text
            style = paragraph.style.name if paragraph.style is not None else None
            template.add_paragraph(f"{{{{ {name} }}}}", style if style in styles else None)
    path = tmp_path_factory.mktemp("docxtpl") / "plan-template.docx"
    template.save(str(path))
    return Template(path, context, tables, rows, paragraphs)


def _docxtpl(template: Template) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template.path))
    document.render(template.context, autoescape=True)  # escaped: the plan's text has ampersands
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_plan_against_docxtpl(benchmark, word_plan, docxtpl_template, figure) -> None:
    template = docxtpl_template
    medians = _medians({"ours": word_plan.write, "docxtpl": lambda: _docxtpl(template)})
    ours, theirs = medians["ours"], medians["docxtpl"]
    ratio = ours / theirs
    with zipfile.ZipFile(word_plan.path) as written:
        charts = sum(name.startswith("word/charts/chart") for name in written.namelist())
    benchmark.extra_info.update(ours_s=round(ours, 4), docxtpl_s=round(theirs, 4), ratio=round(ratio, 2),
                                tables=template.tables, rows=template.rows, paragraphs=template.paragraphs,
                                charts_left_out=charts, target=DOCXTPL_RATIO, added_mb=round(word_plan.added_mb, 1))
    figure("Word plan against docxtpl", measured=f"{ratio:.2f}x ({ours:.3f} s)",
           baseline=f"docxtpl, {template.tables} tables, {template.rows} rows: {theirs:.3f} s",
           target=f"{DOCXTPL_RATIO}x", met=ratio <= DOCXTPL_RATIO, peak_mb=word_plan.peak_mb)
    benchmark.pedantic(word_plan.write, rounds=3)
    assert ratio <= DOCXTPL_RATIO, f"{ratio:.2f}x docxtpl ({ours:.3f} s against {theirs:.3f} s)"


def _rezip(path: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out.getvalue()


@pytest.mark.xfail(strict=True, reason="target still missed (about 9.5x): what was tried is in the README's "
                   "Performance section; strict, so that meeting it shows here")
def test_word_plan_against_the_zip_floor(benchmark, word_plan, figure) -> None:
    medians = _medians({"ours": word_plan.write, "floor": lambda: _rezip(word_plan.path)})
    ours, floor = medians["ours"], medians["floor"]
    ratio = ours / floor
    with zipfile.ZipFile(word_plan.path) as written:
        parts = len(written.infolist())
    benchmark.extra_info.update(ours_s=round(ours, 4), floor_s=round(floor, 4), ratio=round(ratio, 2),
                                parts=parts, target=ZIP_FLOOR_RATIO, added_mb=round(word_plan.added_mb, 1))
    figure("Word plan against the zip floor", measured=f"{ratio:.1f}x ({ours:.3f} s)",
           baseline=f"re-zipping its {parts} parts: {floor:.4f} s", target=f"{ZIP_FLOOR_RATIO:g}x",
           met=ratio <= ZIP_FLOOR_RATIO, peak_mb=word_plan.peak_mb)
    benchmark.pedantic(word_plan.write, rounds=3)
    assert ratio <= ZIP_FLOOR_RATIO, f"{ratio:.1f}x the zip floor ({ours:.3f} s against {floor:.4f} s)"


@pytest.mark.xfail(strict=True, reason="target still missed (about 1.75x): what was tried is in the README's "
                   "Performance section; strict, so that meeting it shows here")
def test_whole_set_against_import_only(benchmark, processes, figure, tmp_path) -> None:
    args = ["build", RICH, "-o", str(tmp_path / "out"), *DAY_AND_FORCE]
    build = KAPDOCS + args
    recorded = tmp_path / "recorded.json"
    processes.run([sys.executable, "-c", _RECORD_MODULES, str(recorded), *args], CONTENTS_OFF)
    # a module run as a program (`x.__main__`) would run it again if imported
    modules = [name for name in json.loads(recorded.read_text()) if name.rpartition(".")[2] != "__main__"]
    top = {name: name.partition(".")[0] for name in modules}
    third_party = [name for name in modules if top[name] != "kapdocs" and top[name] not in sys.stdlib_module_names]
    lists = {"all": modules, "third-party": third_party}
    imports = {}
    for kind, names in lists.items():
        listed = tmp_path / f"{kind}.json"
        listed.write_text(json.dumps(names))
        imports[kind] = [sys.executable, "-c", _IMPORT_ONLY, str(listed)]
    skipped = json.loads(subprocess.run(imports["all"], cwd=ROOT, check=True, capture_output=True,
                                        text=True).stdout)
    timed = processes.interleaved({"build": build, **imports}, WHOLE_SET_ROUNDS, CONTENTS_OFF)
    ours, every, libraries, bare = (timed[name].median_s for name in ("build", "all", "third-party", processes.bare))
    ratio = ours / every
    benchmark.extra_info.update(
        build_s=round(ours, 3), import_all_s=round(every, 3), import_third_party_s=round(libraries, 3),
        bare_python_s=round(bare, 4), ratio=round(ratio, 2), ratio_to_third_party=round(ours / libraries, 2),
        ratio_to_bare_python=round(ours / bare, 1), modules=len(modules), third_party_modules=len(third_party),
        not_importable_by_name=skipped, target=WHOLE_SET_RATIO)
    figure("one account's whole set, whole process", measured=f"{ratio:.2f}x ({ours:.3f} s)",
           baseline=f"importing its {len(modules)} modules: {every:.3f} s", target=f"{WHOLE_SET_RATIO}x",
           met=ratio <= WHOLE_SET_RATIO, peak_mb=timed["build"].peak_mb)
    benchmark.pedantic(processes.run, args=(build, CONTENTS_OFF), rounds=1)
    assert ratio <= WHOLE_SET_RATIO, (f"{ratio:.2f}x a process importing the same modules "
                                      f"({ours:.3f} s against {every:.3f} s)")


@pytest.fixture(scope="module")
def large_plan_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large-plan") / "large-plan.yaml"
    subprocess.run([sys.executable, "benchmarks/large_plan.py", str(path)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return path


@pytest.mark.parametrize("command", ["plan", "qbr", "contacts"])
def test_large_plan_documents_whole_process(benchmark, processes, figure, large_plan_file, tmp_path,
                                            command) -> None:
    cmd = KAPDOCS + [command, str(large_plan_file), "-o", str(tmp_path), *DAY_AND_FORCE]
    timed = processes.interleaved({command: cmd}, LARGE_PLAN_ROUNDS, CONTENTS_OFF)
    ours, bare = timed[command], timed[processes.bare].median_s
    benchmark.extra_info.update(median_s=round(ours.median_s, 3), min_s=round(ours.min_s, 3),
                                max_s=round(ours.max_s, 3), bare_python_s=round(bare, 4),
                                ratio_to_bare_python=round(ours.median_s / bare, 1), target_s=LARGE_PLAN_SECONDS)
    figure(f"large plan: kapdocs {command}, whole process",
           measured=f"{ours.median_s:.3f} s ({ours.median_s / bare:.0f}x)", baseline=f"python -c pass: {bare:.4f} s",
           target=f"{LARGE_PLAN_SECONDS} s", met=ours.median_s <= LARGE_PLAN_SECONDS, peak_mb=ours.peak_mb)
    benchmark.pedantic(processes.run, args=(cmd, CONTENTS_OFF), rounds=1)
    assert ours.median_s <= LARGE_PLAN_SECONDS, f"kapdocs {command} on the large plan: {ours.median_s:.3f} s"
