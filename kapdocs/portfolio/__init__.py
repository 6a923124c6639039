"""The portfolio: every account of a batch on one page, from the same analysis as its own documents.

`account_row(plan, figures, report)` takes one account's figures (`kapdocs.analysis`) and health
report (`kapdocs.checks`) and keeps what a sales director compares across accounts; it is computed
where the account is built (a worker, in a batch) and travels as plain data. `write_portfolio`
writes `portfolio.xlsx`, `portfolio.pptx` and `portfolio.docx` from the rows (`kapdocs.portfolio.files`).
No figure is computed a second time here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from ..analysis import QUADRANTS

@dataclass
class AccountRow:
    """One account as the portfolio shows it (plain data: it travels from a worker as a dict)."""

    account: str
    folder: str
    """The account's folder under the batch's output folder (its slug)."""
    sector: str | None = None
    key_account_manager: str | None = None
    currency: str = "GBP"
    volume_unit: str = "units"
    potential_volume: float | None = None
    potential_profit: float | None = None
    ytd_volume_target: float = 0.0
    ytd_volume_actual: float | None = None
    volume_gap: float | None = None
    """Actual minus target to date (negative: behind)."""
    volume_achievement: float | None = None
    ytd_profit_target: float = 0.0
    ytd_profit_actual: float | None = None
    weighted_pipeline: float = 0.0
    pipeline_coverage: float | None = None
    attractiveness: float | None = None
    strength: float | None = None
    quadrant: str | None = None
    health_score: int | None = None
    last_reviewed: str | None = None
    next_qbr: str | None = None
    expiring: list[str] = field(default_factory=list)
    """Contract expiries and tenders within the plan period: "2 Nov 2026: Hull, next tender"."""

    def data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: dict[str, Any]) -> "AccountRow":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def stance(self) -> str:
        """What the quadrant recommends (`kapdocs.analysis.QUADRANTS`)."""
        return QUADRANTS.get(self.quadrant or "", "")


def account_row(plan, figures, report, folder: str) -> AccountRow:
    """The portfolio's row for one account, from its figures and its health report."""
    from ..fmt import Formatter

    fmt = Formatter(plan.account.currency, plan.account.volume_unit)
    total = figures.performance.total
    kam = plan.member(plan.account.key_account_manager) if plan.account.key_account_manager else None
    ahead = [m for m in plan.meetings if m.type == "qbr" and m.date >= figures.today]
    portfolio = figures.portfolio
    kinds = {"contract_expiry": "contract expiry", "next_tender": "tender due"}
    return AccountRow(
        account=plan.account.name, folder=folder, sector=plan.account.sector,
        key_account_manager=kam.name if kam else None,
        currency=plan.account.currency, volume_unit=plan.account.volume_unit,
        potential_volume=plan.potential.volume if plan.potential else None,
        potential_profit=plan.potential.profit if plan.potential else None,
        ytd_volume_target=total.ytd_volume_target, ytd_volume_actual=total.ytd_volume_actual,
        volume_gap=(total.ytd_volume_actual - total.ytd_volume_target) if total.ytd_volume_actual is not None else None,
        volume_achievement=total.volume_achievement,
        ytd_profit_target=total.ytd_profit_target, ytd_profit_actual=total.ytd_profit_actual,
        weighted_pipeline=figures.pipeline.weighted_value, pipeline_coverage=figures.pipeline.coverage,
        attractiveness=portfolio.attractiveness if portfolio else None,
        strength=portfolio.strength if portfolio else None,
        quadrant=portfolio.quadrant if portfolio else None,
        health_score=report.score,
        last_reviewed=plan.plan.last_reviewed.isoformat() if plan.plan.last_reviewed else None,
        next_qbr=min(ahead, key=lambda m: m.date).date.isoformat() if ahead else None,
        expiring=[f"{fmt.date(a.date)}: {a.site_name}, {kinds.get(a.kind, a.kind)}" for a in figures.site_alerts],
    )


def row_for(plan, today: dt.date) -> AccountRow:
    """The row of one plan, analysed and health-checked on `today` as its own documents are."""
    from ..analysis import analyse
    from ..checks import run
    from ..naming import slug

    figures = analyse(plan, today)
    return account_row(plan, figures, run(plan, figures), slug(plan.account.name))


def rows_for(loaded_plans, today: dt.date) -> list[AccountRow]:
    """The rows of plans already loaded, by account name."""
    return sorted((row_for(loaded.plan, today) for loaded in loaded_plans), key=lambda r: r.account.lower())


__all__ = ["AccountRow", "QUADRANTS", "account_row", "row_for", "rows_for"]
