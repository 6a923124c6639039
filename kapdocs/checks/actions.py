"""The tactical action plan: each action serves a need and an objective, has owners and a date, and is on time."""

from __future__ import annotations

from collections.abc import Iterator

from kapdocs.view.vocabulary import is_overdue

from .registry import Finding, rule
from .words import quote


def _live(plan):
    """(index, action) for every action not cancelled."""
    return [(i, a) for i, a in enumerate(plan.actions) if a.status != "cancelled"]


@rule("action-unlinked", "warning", "actions", "Actions serve an agreed need and an objective")
def action_unlinked(plan, figures) -> Iterator[Finding]:
    """An action with no `need` or no `objective` may be activity for its own sake."""
    for i, a in _live(plan):
        missing = [what for what, value in (("need", a.need), ("objective", a.objective)) if value is None]
        if missing:
            yield Finding(message=f"Action {a.id} {quote(a.description)} is linked to no {' and no '.join(missing)}.",
                          fix=f"Link it to the {' and the '.join(missing)} it serves, or drop it.",
                          path=f"actions[{i}]")


@rule("action-no-owner-or-date", "error", "actions", "Actions have an owner and a date")
def action_no_owner_or_date(plan, figures) -> Iterator[Finding]:
    """An action with no `owner` or no `due` date is an intention, not an action."""
    for i, a in _live(plan):
        missing = [what for what, value in (("owner", a.owner), ("due date", a.due)) if value is None]
        if missing:
            yield Finding(message=f"Action {a.id} {quote(a.description)} has no {' and no '.join(missing)}.",
                          fix="Name " + " and ".join(
                              ask for ask, absent in (("who on our side does it", a.owner is None),
                                                      ("when it is due", a.due is None)) if absent) + ".",
                          path=f"actions[{i}]")


@rule("action-no-customer-owner", "warning", "actions", "Actions have an owner on the customer's side")
def action_no_customer_owner(plan, figures) -> Iterator[Finding]:
    """A joint action plan names an owner on both sides (`customer_owner`)."""
    for i, a in _live(plan):
        if a.customer_owner is None:
            yield Finding(message=f"Action {a.id} {quote(a.description)} has no owner at the customer.",
                          fix="Agree who on the customer's side owns it and set customer_owner.",
                          path=f"actions[{i}]")


@rule("action-overdue", "warning", "actions", "Overdue actions are marked late")
def action_overdue(plan, figures) -> Iterator[Finding]:
    """An action (or action-log entry) overdue today (`vocabulary.is_overdue`) that the plan does not yet
    mark late: still planned or in progress after its due date."""
    today = figures.today
    for key, items, text in (("actions", plan.actions, "description"), ("action_log", plan.action_log, "action")):
        for i, a in enumerate(items):
            if is_overdue(a, today) and a.status != "late":
                label = "Action" if key == "actions" else "Action-log entry"
                yield Finding(message=f"{label} {a.id} {quote(getattr(a, text))} was due {a.due.isoformat()} "
                                      f"and is still {a.status.replace('_', ' ')}.",
                              fix="Mark it done or late, and if late agree a new date with its owner.",
                              path=f"{key}[{i}]")
