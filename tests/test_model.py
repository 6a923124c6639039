"""The plan model: bounds on every value, and a description on every field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from kapdocs import api
from kapdocs.model import Plan

ROOT = Path(__file__).parent.parent


def plan_with(**sections) -> dict:
    return {"account": {"name": "Acme"}, **sections}


@pytest.mark.parametrize("sections", [
    {"sites": [{"id": "s", "name": "S", "share_of_wallet": 1.01}]},
    {"sites": [{"id": "s", "name": "S", "profit_target": -1}]},
    {"relationship": {"competitors": [{"name": "X", "share_of_wallet": -0.1}]}},
    {"portfolio": {"strength": [{"factor": "Q", "weight": 1, "score": -1}]}},
    {"portfolio": {"strength": [{"factor": "Q", "weight": 1, "score": 10.5}]}},
    {"critical_success_factors": [{"factor": "OTIF", "us": 11}]},
    {"critical_success_factors": [{"factor": "OTIF", "competitors": {"X": 12}}]},
    {"opportunities": [{"id": "o", "name": "O", "stage": "close", "value": 1, "probability": 1.2}]},
    {"opportunities": [{"id": "o", "name": "O", "stage": "won", "value": 1}]},
    {"opportunities": [{"id": "o", "name": "O", "stage": "close", "value": -5}]},
    {"relationships": [{"ours": "a", "theirs": "b", "strength": 5}]},
    {"relationships": [{"ours": "a", "theirs": "b", "strength": 2, "target_strength": -1}]},
    {"relationships": [{"ours": "a", "theirs": "b", "strength": 2, "frequency": "daily"}]},
    {"force_field": {"against": [{"force": "Cost", "strength": 6}]}},
    {"objectives": {"smart": [{"id": "o", "text": "t", "target": -3}]}},
    {"actions": [{"id": "a", "description": "d", "target": {"value": -1}}]},
    {"actions": [{"id": "a", "description": "d", "status": "finished"}]},
    {"contacts": [{"id": "c", "name": "C", "roles": ["buyer"]}]},
    {"contacts": [{"id": "c", "name": "C", "seniority": "chief"}]},
    {"team": [{"id": "t", "name": "T", "function": "hr"}]},
    {"team": [{"id": "../x", "name": "T"}]},
    {"needs": [{"id": "n", "need": "x", "priority": 0}]},
    {"meetings": [{"id": "m", "date": "2026-01-01", "type": "lunch"}]},
    {"meetings": [{"id": "m", "date": "2026-01-01", "duration_minutes": 5}]},
    {"performance": [{"period": "Q1 2026"}]},
    {"partnership_indicators": [{"indicator": "i", "status": "maybe"}]},
    {"account": {"name": "Acme", "currency": "pounds"}},
    {"account": {"name": ""}},
], ids=lambda s: json.dumps(s)[:60])
def test_out_of_range_or_unknown_values_are_refused(sections: dict) -> None:
    # every bound of the format is enforced by the model
    with pytest.raises(ValidationError):
        Plan.model_validate(plan_with(**sections))


def test_a_plan_needs_only_an_account_name() -> None:
    # a first draft grows from here: every other section is optional
    plan = Plan.model_validate({"account": {"name": "Acme"}})
    assert plan.account.currency == "GBP" and plan.sites == [] and plan.plan.status == "draft"


def _models(model: type[BaseModel], seen: set) -> None:
    if model in seen:
        return
    seen.add(model)
    for f in model.model_fields.values():
        for arg in getattr(f.annotation, "__args__", ()) + (f.annotation,):
            for inner in getattr(arg, "__args__", ()) + (arg,):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    _models(inner, seen)


def test_every_field_has_a_description_for_editors() -> None:
    from kapdocs.model.docs import describe_models

    describe_models()  # read on demand, as `kapdocs schema` does
    seen: set = set()
    _models(Plan, seen)
    missing = [f"{m.__name__}.{n}" for m in seen for n, f in m.model_fields.items() if not f.description]
    # editors show these descriptions as the user types: none may be missing
    assert missing == []
    assert len(seen) > 30


def test_the_committed_schema_file_is_current() -> None:
    # samples point editors at kapdocs-plan.schema.json: regenerate with `make schema`
    assert (ROOT / "kapdocs-plan.schema.json").read_text(encoding="utf-8") == api.schema_text()


def test_the_schema_lists_enumerations_and_forbids_unknown_keys() -> None:
    schema = api.schema()
    contact = schema["$defs"]["Contact"]
    # editors can offer the allowed values and flag typos
    assert contact["additionalProperties"] is False
    assert "champion" in json.dumps(contact["properties"]["attitude"])
    assert "for" in schema["$defs"]["ForceField"]["properties"]


def test_the_readme_reference_is_current() -> None:
    import subprocess
    import sys

    expected = subprocess.run([sys.executable, str(ROOT / "tools" / "plan_reference.py")], capture_output=True,
                              text=True, check=True).stdout
    # the README documents every key: refresh with `python tools/plan_reference.py --write`
    assert expected in (ROOT / "README.md").read_text(encoding="utf-8")
