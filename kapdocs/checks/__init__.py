"""The plan health check: rules that find the defects research sees in real key account plans.

    from kapdocs.analysis import analyse
    from kapdocs.checks import run
    report = run(plan, analyse(plan, today))
    report.score, report.findings

Each rule is a small function in one of the area modules (content, objectives,
customer, actions, pipeline, sites, risk, relationships, cadence), registered
in `RULES` with its id, severity, section and title. `run` applies them all
and scores the plan; `kapdocs.checks.report` writes the result as text, JSON
or Markdown, and `kapdocs.checks.appendix` as the Word plan's appendix.
The rules and the scoring are documented in docs/health-check.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .registry import RULES, SECTIONS, SEVERITIES, Finding, Rule, Severity, rule, rule_by_id

if TYPE_CHECKING:
    from kapdocs.analysis import Figures
    from kapdocs.model import AcceptedFinding, Plan

__all__ = ["CAP_FINDINGS", "GRADES", "PENALTY", "RULES", "SCORING_NOTE", "SECTIONS", "SEVERITIES", "Finding", "Report",
           "Rule", "Severity", "grade", "rule", "rule_by_id", "run", "score"]

PENALTY: dict[str, int] = {"error": 10, "warning": 3, "advice": 1}
"""Points one finding takes off the score of 100, by severity."""

CAP_FINDINGS = 2
"""A rule takes off at most this many findings' worth of points: one rule cannot sink a plan on its own."""

GRADES: tuple[tuple[int, str], ...] = ((80, "strong"), (60, "sound"), (40, "needs work"), (0, "weak"))
"""Score bands, highest first: a score at or above the bound gets the word."""

SCORING_NOTE = (f"Score: 100 less {PENALTY['error']} per error, {PENALTY['warning']} per warning and "
                f"{PENALTY['advice']} per advice, each rule counting at most {CAP_FINDINGS} findings; floor 0.")
"""How the score is computed, in one line (the text report's footer and the Word appendix)."""


def score(findings: list[Finding]) -> int:
    """100 less each rule's penalty (its severity's points × its findings, at most `CAP_FINDINGS`), floor 0."""
    per_rule = Counter(f.rule for f in findings)
    severity = {f.rule: f.severity for f in findings}
    lost = sum(PENALTY[severity[r]] * min(n, CAP_FINDINGS) for r, n in per_rule.items())
    return max(0, 100 - lost)


def grade(value: int) -> str:
    """The word for a score: strong, sound, needs work or weak (see `GRADES`)."""
    return next(word for bound, word in GRADES if value >= bound)


@dataclass(frozen=True, slots=True)
class Report:
    """The health of one plan: its findings, in report order, and its score."""

    account: str
    """`account.name`."""
    findings: list[Finding]
    """Every finding, by section (in `SECTIONS` order), then severity, then rule order."""
    score: int
    """0 to 100, see `score`."""
    today: dt.date
    """The date the plan was judged on (`Figures.today`)."""
    source: str | None = None
    """The plan file, when known."""
    accepted: list[tuple[Finding, "AcceptedFinding"]] = field(default_factory=list)
    """Findings the plan accepts (`accepted_findings`), with the acceptance: reported apart, not scored."""

    @property
    def grade(self) -> str:
        """strong, sound, needs work or weak."""
        return grade(self.score)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings by severity, every severity present (zeros included)."""
        found = Counter(f.severity for f in self.findings)
        return {s: found.get(s, 0) for s in SEVERITIES}

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (what `--strict` fails on)."""
        return any(f.severity == "error" for f in self.findings)

    def by_section(self) -> list[tuple[str, list[Finding]]]:
        """(section key, findings) for every section with findings, in `SECTIONS` order."""
        return [(key, found) for key in SECTIONS if (found := [f for f in self.findings if f.section == key])]


def run(plan: "Plan", figures: "Figures", source: str | None = None,
        locate: "Callable[[str], int | None] | None" = None) -> Report:
    """Apply every rule in `RULES` to `plan` (judged on `figures.today`) and score it.

    `locate` maps a finding's path (`actions[3]`) to its line in the plan file (`Loaded.line_of`).
    """
    order = {r.id: i for i, r in enumerate(RULES)}
    sections = list(SECTIONS)
    findings = [f for r in RULES for f in r(plan, figures)]
    findings.sort(key=lambda f: (sections.index(f.section), SEVERITIES.index(f.severity), order[f.rule]))
    if locate is not None:
        findings = [dataclasses.replace(f, line=locate(f.path)) if f.path else f for f in findings]
    scored, accepted = [], []
    for f in findings:
        acceptance = accepting(plan, f, figures.today)
        (accepted.append((f, acceptance)) if acceptance else scored.append(f))
    return Report(plan.account.name, scored, score(scored), figures.today, source, accepted)


def accepting(plan: "Plan", finding: Finding, today: dt.date) -> "AcceptedFinding | None":
    """The entry of `plan.accepted_findings` that accepts `finding` on `today`, if any.

    An entry matches the finding's rule and, when it gives a path, the finding's path or
    anything inside it (`needs[4]` also accepts `needs[4].priority`); it lapses after `until`.
    """
    for entry in plan.accepted_findings:
        if entry.rule != finding.rule or (entry.until is not None and entry.until < today):
            continue
        if entry.path is None or (finding.path is not None and (
                finding.path == entry.path or finding.path.startswith((entry.path + ".", entry.path + "[")))):
            return entry
    return None


# The rule modules register their rules on import, in this order.
from . import content, objectives, customer, sites, relationships, actions, pipeline, risk, cadence  # noqa: E402,F401
