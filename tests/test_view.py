"""The account view: one vocabulary, visibility declared once, the context data and its goldens.

Regenerate the golden context files after a deliberate change with
`KAPDOCS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_view.py`, then review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import jsonschema
import pytest

from kapdocs.load import load_plan
from kapdocs.model import base
from kapdocs.view import build_view, vocabulary
from kapdocs.view.data import context_schema
from kapdocs.view.visibility import editions_table, for_audience, rules

from conftest import MINIMAL_SAMPLE, RICH_SAMPLE, ROOT, TODAY

GOLDEN = Path(__file__).parent / "golden"


# -- one vocabulary ---------------------------------------------------------------------------

def test_every_enumerated_value_has_a_label():
    # each Literal of the model has a table, and each allowed value a label: a new value fails here
    enums = {name: typing.get_args(value) for name, value in vars(base).items()
             if typing.get_origin(value) is typing.Literal}
    assert set(vocabulary.LABELS) == set(enums)
    for name, values in enums.items():
        assert set(vocabulary.LABELS[name]) == set(values), name
    # the customer's stage names and the short tables cover the same values
    assert set(vocabulary.CUSTOMER_STAGE) == set(vocabulary.STAGE)
    assert set(vocabulary.BUYER_ROLE_SHORT) == set(vocabulary.BUYER_ROLE)
    assert set(vocabulary.MEETING_TYPE_SHORT) == set(vocabulary.MEETING_TYPE)


def test_overdue_and_upcoming_are_defined_once():
    from kapdocs.model import Action

    day = dt.date(2026, 12, 10)
    due = lambda d, s="in_progress": Action(id="a", description="x", due=d, status=s)  # noqa: E731
    # open work past its date is overdue whatever the plan calls it, and reads "Overdue"
    assert vocabulary.is_overdue(due(dt.date(2026, 10, 1)), day)
    assert vocabulary.status_label(due(dt.date(2026, 10, 1), "planned"), day) == "Overdue"
    # late is overdue by definition; done and cancelled never are
    assert vocabulary.is_overdue(due(dt.date(2027, 1, 1), "late"), day)
    assert not vocabulary.is_overdue(due(dt.date(2026, 10, 1), "done"), day)
    # due on the day itself is upcoming, not overdue
    assert not vocabulary.is_overdue(due(day), day) and vocabulary.is_upcoming(due(day), day, dt.date(2027, 3, 31))
    assert vocabulary.status_group(due(dt.date(2026, 10, 1), "cancelled"), day) == "cancelled"


# -- visibility declared once -------------------------------------------------------------------

@pytest.fixture(scope="module")
def rich():
    return load_plan(RICH_SAMPLE)


def test_the_customer_filter_applies_the_declarations(rich):
    seen = for_audience(rich, "customer")
    # internal-only fields are emptied, whatever the document
    assert all(c.attitude is None and c.influence is None and c.notes is None for c in seen.contacts)
    assert seen.risks == [] and seen.force_field is None and seen.portfolio is None
    assert seen.relationships == [] and seen.partnership_indicators == []
    assert all(p.profit_actual is None and p.profit_target is None for p in seen.performance)
    # hidden items are left out: unshared opportunities, internal reviews, items marked internal
    assert {o.id for o in seen.opportunities} == {o.id for o in rich.opportunities if o.share_with_customer}
    assert all(m.type == "qbr" for m in seen.meetings)
    assert "a09" not in {a.id for a in seen.actions}
    # an objective about our profit is left out, and every reference to it with it
    hidden = {o.id for o in rich.objectives.smart} - {o.id for o in seen.objectives.smart}
    assert hidden == {"o5"}
    assert all(a.objective not in hidden for a in seen.actions)
    # initiatives of an internal action cannot stand alone
    assert all(i.action in {a.id for a in seen.actions} for i in seen.initiatives)
    # customer wordings replace the internal text; internal texts in lists are dropped
    assert seen.plan.summary == rich.plan.summary.customer
    assert not any("EBITDA" in w for w in seen.environment.customer_swot.weaknesses)
    # the internal view is the plan itself
    assert for_audience(rich, "internal") is rich


def test_the_editions_table_in_the_readme_is_current():
    # the README's "who sees what" table is generated from the model's declarations
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert editions_table() in readme, "refresh it with: python tools/plan_reference.py --write"
    # and it names every declaration
    assert all(f"`{r.path}`" in editions_table() for r in rules())


def test_customer_references_are_numbered_without_holes(rich):
    view = build_view(rich, "customer", TODAY)
    refs = view.refs["smart"]
    # five objectives the customer may see: O1 to O5, whatever ids the plan gave them
    assert list(refs.values()) == [f"O{n}" for n in range(1, len(refs) + 1)]
    assert build_view(rich, "internal", TODAY).ref("smart", "o5") == "o5"


# -- the view as data -----------------------------------------------------------------------------

CONTEXTS = [
    ("northwind-foods", RICH_SAMPLE, "internal", "qbr-2026-q4"),
    ("northwind-foods", RICH_SAMPLE, "customer", "qbr-2026-q4"),
    ("first-draft", MINIMAL_SAMPLE, "internal", None),
    ("first-draft", MINIMAL_SAMPLE, "customer", None),
]


@pytest.mark.parametrize("name, path, audience, meeting", CONTEXTS, ids=[f"{c[0]}-{c[2]}" for c in CONTEXTS])
def test_context_golden(name, path, audience, meeting):
    data = build_view(load_plan(path), audience, TODAY, meeting).data()
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    golden = GOLDEN / f"context-{name}-{audience}.json"
    if os.environ.get("KAPDOCS_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    # a change to the data contract shows as a reviewable diff of this file
    assert text == golden.read_text(encoding="utf-8")
    # and the data matches the published schema
    jsonschema.validate(data, context_schema())


def test_customer_context_has_no_internal_keys(rich):
    data = build_view(rich, "customer", TODAY, "qbr-2026-q4").data()
    # keys of internal-only fields are absent, not empty: a customer template cannot reach them
    assert "risks" not in data["plan"] and "attitude" not in data["plan"]["contacts"][0]
    assert "profit_actual" not in data["plan"]["performance"][0]
    assert "pipeline" not in data["figures"] and "partnership" not in data["figures"]
    assert "ytd_profit_actual" not in data["figures"]["performance"]["total"]
    assert "Attitude" not in data["labels"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kapdocs", *args], capture_output=True, text=True, cwd=ROOT)


def test_kapdocs_context_command():
    done = run_cli("context", str(RICH_SAMPLE), "--audience", "customer", "--meeting", "qbr-2026-q4",
                   "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    # the same data as the library's view, the meeting's facts included
    assert data == build_view(load_plan(RICH_SAMPLE), "customer", TODAY, "qbr-2026-q4").data()
    assert data["meeting"]["upcoming"] and data["meeting"]["overdue"]
    # an internal review is not the customer's: a clear error, exit 2
    done = run_cli("context", str(RICH_SAMPLE), "--audience", "customer", "--meeting", "ir-2026-11")
    assert done.returncode == 2 and "ir-2026-11" in done.stderr and "Traceback" not in done.stderr
    # YAML too, and the schema
    assert run_cli("context", str(MINIMAL_SAMPLE), "--format", "yaml").stdout.startswith("kapdocs_context: 1")
    assert json.loads(run_cli("context", "--schema").stdout)["title"].startswith("kapdocs context")
