"""Which function draws each worksheet key of `modules.MODULES`, on which page layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import account_sheets as a
from . import execution_sheets as e
from .sheets import Ctx


@dataclass(frozen=True, slots=True)
class Drawing:
    """How a worksheet is drawn."""

    draw: Callable[[Ctx], None]
    landscape: bool = False
    """Drawn on a landscape page (wide tables)."""
    new_page: bool = True
    """Starts on a new page, so that it is never split from its title."""
    worked: bool = True
    """Has a worked answer from a case (False: the same in both editions, e.g. the participant's own accounts)."""


DRAWINGS: dict[str, Drawing] = {
    "ladder": Drawing(a.ladder, worked=False),
    "portfolio_scoring": Drawing(a.portfolio_scoring),
    "portfolio_matrix": Drawing(a.portfolio_matrix),
    "core_team": Drawing(a.core_team),
    "diamond": Drawing(a.diamond),
    "customer_basics": Drawing(a.customer_basics),
    "sites": Drawing(a.sites, landscape=True),
    "vision": Drawing(a.vision),
    "pestle": Drawing(a.pestle),
    "five_forces": Drawing(a.five_forces),
    "customer_swot": Drawing(a.customer_swot),
    "our_swot": Drawing(a.our_swot),
    "needs_value": Drawing(a.needs_value, landscape=True),
    "buyers_chart": Drawing(e.buyers_chart, landscape=True),
    "contact_matrix": Drawing(e.contact_matrix, landscape=True),
    "policy_levels": Drawing(e.policy_levels),
    "smart_builder": Drawing(e.smart_builder),
    "action_plan": Drawing(e.action_plan, landscape=True),
    "spancop": Drawing(e.spancop),
    "top5_big5": Drawing(e.top5_big5),
    "force_field": Drawing(e.force_field),
    "risks": Drawing(e.risks),
    "internal_agenda": Drawing(e.internal_agenda_sheet),
    "qbr_agenda": Drawing(e.qbr_agenda_sheet),
    "prep_timeline": Drawing(e.prep_timeline),
    "minutes": Drawing(e.minutes, worked=False),
    "partnership": Drawing(e.partnership),
    "audit": Drawing(e.audit),
    "rep_profiles": Drawing(e.rep_profiles, worked=False),
    "challenger": Drawing(e.challenger, worked=False),
}
"""Every worksheet key used in `MODULES`, with its drawing."""
