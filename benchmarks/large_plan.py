"""A large, valid plan for benchmarks: 500 actions, 300 contacts, 100 opportunities by default.

It passes `kapdocs validate` (the model and every cross-reference; a test keeps it so).

    from benchmarks.large_plan import large_plan
    plan = large_plan()                       # a validated kapdocs Plan
    large_plan_data(actions=50)               # the same as plain data (what a YAML file holds)

`python benchmarks/large_plan.py out.yaml` writes it as a plan file. The content is
generated deterministically (no randomness), starting from the rich sample so that
every section is filled in, and scaled up where plans grow in real life: contacts,
relationships, actions, opportunities, sites, risks and meetings.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RICH_SAMPLE = ROOT / "samples" / "northwind-foods.yaml"

_STAGES = ("suspect", "prospect", "analysis", "negotiation", "close", "order", "pay")
_STATUSES = ("planned", "in_progress", "done", "late", "cancelled")
_ROLES = (["economic"], ["technical"], ["end_user"], ["advocate", "end_user"], [], ["ultimate"])
_LEVELS = ("instigator", "influencer", "implementer")
_SENIORITY = ("board", "director", "manager", "staff")
_ATTITUDES = ("champion", "supporter", "neutral", "sceptic", "blocker")
_INFLUENCE = ("high", "medium", "low")


def _day(start: dt.date, n: int) -> str:
    return (start + dt.timedelta(days=n)).isoformat()


def large_plan_data(actions: int = 500, contacts: int = 300, opportunities: int = 100,
                    sites: int = 20) -> dict:
    """The plan as plain data: the rich sample with its lists scaled up to the sizes asked for."""
    data = yaml.safe_load(RICH_SAMPLE.read_text(encoding="utf-8"))
    start = dt.date(2026, 1, 1)
    team = [m["id"] for m in data["team"]]
    own_sites = data["sites"]  # the sample's sites stay: its contacts name them
    data["sites"] = own_sites + [{
        "id": f"s{i:03d}", "name": f"Site {i:03d}, plant and warehouse", "region": f"Region {i % 6 + 1}",
        "share_of_wallet": round(0.1 + (i % 7) / 10, 2), "volume_target": 1000 + 37 * i,
        "profit_target": 150000 + 4100 * i, "competitors": ["Acme Ingredients", "Kestrel Foodtech"][: 1 + i % 2],
        "contract_expiry": _day(start, 90 + 41 * i), "next_tender": _day(start, 30 + 29 * i),
    } for i in range(max(0, sites - len(own_sites)))]
    site_ids = [s["id"] for s in data["sites"]]
    data["performance"] = [{
        "period": f"2026-Q{q}", "site": sid, "volume_target": 250 + 9 * i, "profit_target": 37000 + 1000 * i,
        **({"volume_actual": 240 + 10 * i + q, "profit_actual": 36000 + 1100 * i} if q < 4 else {}),
    } for i, sid in enumerate(site_ids) for q in (1, 2, 3, 4)]
    kept = data["contacts"]  # the sample's own people stay: its meetings, presenters and activities name them
    generated = max(0, contacts - len(kept))
    data["contacts"] = kept + [{
        "id": f"c{i:03d}", "name": f"Contact {i:03d} Surname", "title": f"Manager of area {i % 40}",
        "department": f"Department {i % 12}", "site": site_ids[i % len(site_ids)],
        "seniority": _SENIORITY[i % 4], "roles": _ROLES[i % len(_ROLES)], "influence": _INFLUENCE[i % 3],
        "attitude": _ATTITUDES[i % 5], "level": _LEVELS[i % 3],
        **({"reports_to": f"c{i // 4:03d}"} if i else {}),
        "email": f"contact{i:03d}@northwind.example",
        **({"notes": f"Notes on contact {i}: prefers short e-mails; met at the Q{i % 4 + 1} review."}
           if i % 3 == 0 else {}),
    } for i in range(generated)]
    contact_ids = [c["id"] for c in data["contacts"]]
    data["relationships"] = data["relationships"] + [{
        "ours": team[(i + k) % len(team)], "theirs": f"c{i:03d}", "strength": (i + k) % 5,
        "frequency": ("weekly", "monthly", "quarterly")[k], **({"target_strength": 4} if i % 4 == 0 else {}),
    } for i in range(generated) for k in range(1 + i % 3)]
    needs = [n["id"] for n in data["needs"]]
    objectives = [o["id"] for o in data["objectives"]["smart"]]
    data["actions"] = [{
        "id": f"a{i:03d}",
        "description": f"Action {i}: run the agreed programme step at site {i % len(site_ids)} and report the results.",
        "need": needs[i % len(needs)], "objective": objectives[i % len(objectives)],
        "target": {"value": 1000 * (i % 50 + 1), "unit": "GBP" if i % 2 else "tonnes"},
        "due": _day(start, i % 540), "owner": team[i % len(team)], "customer_owner": contact_ids[i % len(contact_ids)],
        "resources": f"{i % 9 + 1} days of technical time", "status": _STATUSES[i % 5],
    } for i in range(actions)]
    data["initiatives"] = [{"action": f"a{i:03d}", "value_delivered": 5000 * (i + 1), "kind": "highlight",
                            "note": f"Delivered step {i} on time."} for i in range(0, min(actions, 40), 2)]
    data["opportunities"] = [{
        "id": f"op{i:03d}", "name": f"Opportunity {i}: supply programme for site {i % len(site_ids)}",
        "stage": _STAGES[i % 7], "value": 10000 + 2500 * i, "probability": round(0.05 + (i % 19) / 20, 2),
        "expected_close": _day(start, 60 + 5 * i), "next_step": f"Meet the buyer about opportunity {i}",
        "owner": team[i % len(team)], "site": site_ids[i % len(site_ids)],
        "share_with_customer": i % 4 != 0,
    } for i in range(opportunities)]
    data["risks"] = [{"risk": f"Risk {i}: supply disruption at site {i}.", "likelihood": _INFLUENCE[i % 3],
                      "impact": _INFLUENCE[(i + 1) % 3], "contingency": f"Second source for site {i}.",
                      "owner": team[i % len(team)]} for i in range(30)]
    data["meetings"] = data["meetings"] + [{
        "id": f"ir-2026-{m:02d}", "type": "internal_review", "date": f"2026-{m:02d}-1{m % 9}",
        "start": "14:00", "duration_minutes": 60, "attendees": team[:4],
    } for m in (1, 2, 3, 4, 5, 7, 8, 10)]
    data["action_log"] = []
    return data


def large_plan(actions: int = 500, contacts: int = 300, opportunities: int = 100):
    """The large plan, validated as `kapdocs validate` does (the model and every cross-reference): a
    benchmark input that `kapdocs validate` would refuse measures nothing users run."""
    from kapdocs.load import Located, validate_data

    return validate_data(Located(large_plan_data(actions, contacts, opportunities)), "benchmarks/large_plan.py")


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "large-plan.yaml")
    target.write_text(yaml.safe_dump(large_plan_data(), sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"wrote {target}")
