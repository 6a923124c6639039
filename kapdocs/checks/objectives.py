"""Objectives: SMART, within the period, outcomes rather than activities, and backed by actions."""

from __future__ import annotations

from collections.abc import Iterator

from .registry import Finding, rule
from .words import quote, words

ACTIVITY_VERBS: frozenset[str] = frozenset("""
run hold visit send organise organize arrange call meet present launch implement complete deliver host attend
introduce submit prepare conduct schedule invite train provide write draft install contact email mail
book set roll produce publish share hire recruit update attend demonstrate
""".split())
"""Verbs that start an activity ("Run a workshop") rather than a result ("Grow volume to 6,200 t")."""

OUTCOME_VERBS: frozenset[str] = frozenset("""
increase grow improve raise boost expand strengthen develop maximise maximize enhance reduce cut lower win
become achieve secure gain double halve
""".split())
"""Verbs that state an outcome ("Grow volume"): fine for an objective, as long as actions lead to it."""


def first_verb(text: str) -> str:
    """The first word of an objective, lower-cased, skipping a leading "To"."""
    found = words(text)
    if found[:1] == ["to"]:
        found = found[1:]
    return found[0] if found else ""


def _smart(plan):
    return plan.objectives.smart if plan.objectives else []


@rule("objective-not-smart", "error", "objectives", "SMART objectives have a measure, target, due date and owner")
def objective_not_smart(plan, figures) -> Iterator[Finding]:
    """An objective missing any of measure, target, due or owner cannot be tracked or owned."""
    for i, o in enumerate(_smart(plan)):
        missing = [name for name, value in (("measure", o.measure), ("target", o.target),
                                             ("due date", o.due), ("owner", o.owner)) if value is None]
        if missing:
            yield Finding(message=f"Objective {o.id} {quote(o.text)} has no {_either(missing, 'or')}.",
                          fix=f"Fill in its {_either(missing, 'and')}, so progress can be measured and "
                              "someone answers for it.",
                          path=f"objectives.smart[{i}]")


def _either(items: list[str], last: str) -> str:
    """'measure, target or owner'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


@rule("objective-outside-period", "warning", "objectives", "SMART objectives fall due within the plan period")
def objective_outside_period(plan, figures) -> Iterator[Finding]:
    """An objective due before the period starts or after it ends is not this period's objective."""
    period = plan.plan.period
    if period is None:
        return
    for i, o in enumerate(_smart(plan)):
        if o.due is not None and not period.start <= o.due <= period.end:
            side = "before the plan period starts" if o.due < period.start else "after the plan period ends"
            yield Finding(message=f"Objective {o.id} {quote(o.text)} is due {o.due.isoformat()}, {side}.",
                          fix=f"Set a due date between {period.start.isoformat()} and {period.end.isoformat()}, "
                              "or move it to the long-term objectives.",
                          path=f"objectives.smart[{i}].due")


@rule("objective-is-action", "warning", "objectives", "Objectives are results, not activities")
def objective_is_action(plan, figures) -> Iterator[Finding]:
    """Heuristic: the text starts with an activity verb and the objective has no measure or no target."""
    for i, o in enumerate(_smart(plan)):
        verb = first_verb(o.text)
        if verb in ACTIVITY_VERBS and (o.measure is None or o.target is None):
            yield Finding(message=f"Objective {o.id} {quote(o.text)} reads as an action (“{verb}…”), not a result.",
                          fix="State the result it should bring, with a measure and a target, "
                              "and move the activity to the action plan.",
                          path=f"objectives.smart[{i}]")


@rule("objective-outcome-only", "warning", "objectives", "Every objective has actions that lead to it")
def objective_outcome_only(plan, figures) -> Iterator[Finding]:
    """An objective no action advances (`actions[].objective`) is an outcome without a strategy to reach it."""
    if not plan.actions:
        return  # the missing action plan is reported once, by content-actions
    advanced = {a.objective for a in plan.actions if a.status != "cancelled"}
    for i, o in enumerate(_smart(plan)):
        if o.id not in advanced:
            wording = " states an outcome" if first_verb(o.text) in OUTCOME_VERBS else ""
            yield Finding(message=f"Objective {o.id} {quote(o.text)}{wording} with no action leading to it.",
                          fix=f"Add the actions that will achieve it and link them with objective: {o.id}.",
                          path=f"objectives.smart[{i}]")


@rule("long-term-unsupported", "advice", "objectives", "Long-term objectives are served by this period's")
def long_term_unsupported(plan, figures) -> Iterator[Finding]:
    """A long-term objective no SMART objective `supports` gets no step forward this period."""
    objectives = plan.objectives
    if objectives is None or not objectives.smart:
        return
    supported = {o.supports for o in objectives.smart}
    for i, lt in enumerate(objectives.long_term):
        if lt.id not in supported:
            yield Finding(message=f"Long-term objective {lt.id} {quote(lt.text)} has no SMART objective this period.",
                          fix=f"Add a SMART objective with supports: {lt.id}, or say why it waits.",
                          path=f"objectives.long_term[{i}]")
