"""The rule registry: what a finding is, what a rule is, and the list of every rule.

A rule is a small function `def name(plan, figures) -> Iterable[Finding]`
registered with `@rule(id, severity, section, title)`. The function yields
findings with only the message, the fix and (when it points at one item) the
path into the plan; the registry fills in the rule id, the severity and the
section, so rule bodies stay short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kapdocs.analysis import Figures
    from kapdocs.model import Plan

Severity = Literal["error", "warning", "advice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "advice")
"""Severities, most serious first: an error is a defect a reviewer would send back,
a warning weakens the plan, advice is a heuristic worth a look."""

SECTIONS: dict[str, str] = {
    "overview": "Account overview",
    "sites": "Sites and contracts",
    "strategy": "Customer strategy and analysis",
    "objectives": "Objectives",
    "needs": "Customer needs and value",
    "relationships": "Contacts and relationships",
    "actions": "Action plan",
    "pipeline": "Pipeline",
    "risks": "Risks and change",
    "reviews": "Reviews and performance",
}
"""Sections of the health report, in the order of the plan, with their titles."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One defect found in a plan."""

    rule: str = ""
    """Id of the rule that found it, e.g. `objective-not-smart`."""
    severity: Severity = "warning"
    """error, warning or advice (the rule's severity)."""
    section: str = ""
    """Key in `SECTIONS` of the part of the plan it concerns (the rule's, unless the rule says otherwise)."""
    message: str
    """One line naming the offending item, e.g. 'Objective o2 "Win Bristol" has no owner.'"""
    fix: str
    """What to do about it, in one line."""
    path: str | None = None
    """Where in the plan file, e.g. `actions[3]` or `objectives.smart[0]`; None for the plan as a whole."""
    line: int | None = None
    """The line of the plan file where `path` stands, when the plan was read from a file."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its identity and the function that finds its defects."""

    id: str
    """Stable id, kebab-case; used in reports and by tools."""
    severity: Severity
    """Severity of every finding of the rule."""
    section: str
    """Key in `SECTIONS` the rule's findings belong to by default."""
    title: str
    """What the rule checks, in a few words."""
    function: Callable[["Plan", "Figures"], Iterable[Finding]]
    """The rule body."""

    def __call__(self, plan: "Plan", figures: "Figures") -> list[Finding]:
        """The rule's findings for `plan`: rule id, severity and section filled in, message and fix on one line."""
        return [
            replace(f, rule=self.id, severity=self.severity, section=f.section or self.section,
                    message=_one_line(f.message), fix=_one_line(f.fix))
            for f in self.function(plan, figures)
        ]


def _one_line(text: str) -> str:
    """`text` with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())


RULES: list[Rule] = []
"""Every rule, in registration order (the order of the rule modules, then of the rules in each)."""


def rule(id: str, severity: Severity, section: str, title: str):
    """Register the decorated function as a rule; returns the `Rule` (callable like the function)."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id}: unknown severity {severity!r}")
    if section not in SECTIONS:
        raise ValueError(f"rule {id}: unknown section {section!r}")
    if any(r.id == id for r in RULES):
        raise ValueError(f"rule {id} is registered twice")

    def register(function: Callable[["Plan", "Figures"], Iterable[Finding]]) -> Rule:
        registered = Rule(id, severity, section, title, function)
        RULES.append(registered)
        return registered

    return register


def rule_by_id(id: str) -> Rule:
    """The registered rule with this id (KeyError when there is none)."""
    for r in RULES:
        if r.id == id:
            return r
    raise KeyError(id)
