"""Write a dozen varied accounts, made from the two samples, for the portfolio demo and tests.

    python tools/portfolio_samples.py build/portfolio-plans      # twelve plan files in that folder

Each account is a copy of the rich sample (or, for two of them, the first draft) with its own name,
sector, key account manager, sales to date (scaled from the sample's), portfolio scores (spread over
the four quadrants), date of last review and next review, so that the portfolio shows a real spread.
Deterministic: the same files every time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RICH = ROOT / "samples" / "northwind-foods.yaml"
DRAFT = ROOT / "samples" / "first-draft.yaml"

ACCOUNTS = [
    # name, sector, KAM (team id in the rich sample), actual factor, attractiveness, strength, last reviewed
    ("Northwind Foods plc", "Chilled and ambient meals", "jsmith", 1.00, 8, 7, "2026-10-01"),
    ("Saltmarsh Bakeries Ltd", "Bakery", "jsmith", 0.92, 7, 4, "2026-06-15"),
    ("Kittiwake Dairy plc", "Dairy desserts", "rpatel", 1.06, 9, 8, "2026-11-02"),
    ("Ashgrove Ready Meals Ltd", "Ready meals", "rpatel", 0.81, 6, 3, None),
    ("Bramley Sauces Ltd", "Sauces and dressings", "ehughes", 0.97, 4, 7, "2026-09-20"),
    ("Fenland Snacks Ltd", "Savoury snacks", "ehughes", 0.74, 3, 3, "2025-12-01"),
    ("Cairngorm Soups Ltd", "Soups", "jsmith", 1.12, 5, 8, "2026-11-10"),
    ("Harbour Pies plc", "Pies and pastry", "rpatel", 0.88, 8, 5, "2026-03-30"),
    ("Lindisfarne Foods Ltd", "Frozen meals", "ehughes", 0.95, 2, 6, "2026-08-08"),
    ("Oakridge Confectionery Ltd", "Confectionery", "jsmith", 1.03, 6, 6, "2026-10-28"),
]
DRAFTS = [("Harbour Logistics Ltd", "Cold storage"), ("Peregrine Freight Ltd", "Chilled freight")]


def _scores(factors: list[dict], target: float) -> list[dict]:
    return [{**f, "score": max(1, min(10, round(target + (i % 3 - 1) * 0.5, 1)))} for i, f in enumerate(factors)]


def accounts() -> dict[str, dict]:
    """File name -> plan data, for every account."""
    rich = yaml.safe_load(RICH.read_text(encoding="utf-8"))
    draft = yaml.safe_load(DRAFT.read_text(encoding="utf-8"))
    plans: dict[str, dict] = {}
    for n, (name, sector, kam, factor, attractiveness, strength, reviewed) in enumerate(ACCOUNTS):
        data = yaml.safe_load(yaml.safe_dump(rich))  # a deep copy
        data["account"].update(name=name, sector=sector, key_account_manager=kam)
        data["account"].pop("short_name", None)
        for record in data.get("performance", []):
            if record.get("volume_actual") is not None:
                record["volume_actual"] = round(record["volume_actual"] * factor)
            if record.get("profit_actual") is not None:
                record["profit_actual"] = round(record["profit_actual"] * factor)
        data["potential"]["volume"] = round(data["potential"]["volume"] * (0.4 + n / 8))
        data["potential"]["profit"] = round(data["potential"]["profit"] * (0.4 + n / 8))
        data["portfolio"]["attractiveness"] = _scores(data["portfolio"]["attractiveness"], attractiveness)
        data["portfolio"]["strength"] = _scores(data["portfolio"]["strength"], strength)
        if reviewed is None:
            data["plan"].pop("last_reviewed", None)
        else:
            data["plan"]["last_reviewed"] = reviewed
        plans[f"{n + 1:02d}-{name.lower().split()[0]}.yaml"] = data
    for n, (name, sector) in enumerate(DRAFTS, start=len(ACCOUNTS)):
        data = yaml.safe_load(yaml.safe_dump(draft))
        data["account"].update(name=name, sector=sector)
        plans[f"{n + 1:02d}-{name.lower().split()[0]}.yaml"] = data
    return plans


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in accounts().items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"wrote {len(accounts())} plans to {folder}")


if __name__ == "__main__":  # pragma: no cover
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/portfolio-plans"))
