"""Health reports for people and tools: a terminal report, JSON (see report.schema.json) and Markdown.

Every function takes the reports of one or more plans. With several plans the
text and Markdown outputs start with one summary line per plan, then the details.
Plan text quoted in findings is shown literally: escaped in Markdown, never
interpreted.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from importlib import resources

from . import CAP_FINDINGS, GRADES, PENALTY, SCORING_NOTE, SECTIONS, Report, rule_by_id

FORMAT_VERSION = 1
"""Version of the JSON output shape; raised when a field changes meaning or goes away."""

DOCS = "docs/health-check.md"
"""Where the rules, heuristics and scoring are explained."""

WIDTH = 100
"""Width the text report wraps to."""

_COLOURS = {"error": "red", "warning": "yellow", "advice": "cyan"}
_LABEL = {"error": "ERROR", "warning": "WARNING", "advice": "ADVICE"}


def _plural(n: int, word: str) -> str:
    if word == "advice":
        return f"{n} advice"
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts_line(report: Report) -> str:
    """'0 errors, 5 warnings, 1 advice'."""
    c = report.counts
    return ", ".join(_plural(c[s], s) for s in ("error", "warning", "advice"))


def _label(report: Report) -> str:
    account = " ".join(report.account.split())
    return f"{account} ({report.source})" if report.source else account


def weakest_first(reports: Sequence[Report]) -> list[Report]:
    """The reports by score, lowest first (ties in the order given): the summary's order."""
    return sorted(reports, key=lambda r: r.score)


# -- text ------------------------------------------------------------------------------

def text(reports: Sequence[Report], *, colour: bool = False) -> str:
    """The terminal report: a summary line per plan (when several), then each plan's findings by section."""

    def style(value: str, **kwargs) -> str:
        if not colour:
            return value
        import click

        return click.style(value, **kwargs)

    out: list[str] = []
    if len(reports) > 1:
        out.append(style("Plan health", bold=True))
        for r in weakest_first(reports):
            out.append(f"{r.score:>4}  {r.grade:<10}  {counts_line(r):<36}  {_label(r)}")
        out.append("")
    for r in reports:
        out.append(style(f"Plan health: {_label(r)}", bold=True))
        out.append(f"Score {r.score}/100 ({r.grade}): {counts_line(r)}. Judged on {r.today.isoformat()}.")
        if not r.findings:
            out.append("No findings: every rule passed.")
        for key, findings in r.by_section():
            out.append("")
            out.append(style(SECTIONS[key], bold=True, underline=True))
            for f in findings:
                label = _LABEL[f.severity]
                head = f"  {style(label.ljust(8), fg=_COLOURS[f.severity], bold=f.severity == 'error')} "
                indent = " " * 11
                body = textwrap.wrap(f.message, WIDTH - len(indent)) or [""]
                out.append(head + body[0])
                out += [indent + line for line in body[1:]]
                out += textwrap.wrap(f"Fix: {f.fix}", WIDTH, initial_indent=indent, subsequent_indent=indent + "     ")
                where = f"{f.rule}" + (f" at {f.path}" if f.path else "") + (f" (line {f.line})" if f.line else "")
                out.append(indent + style(where, dim=True))
        if r.accepted:
            out.append("")
            out.append(style("Accepted (not scored)", bold=True, underline=True))
            for f, entry in r.accepted:
                indent = " " * 11
                body = textwrap.wrap(f.message, WIDTH - len(indent)) or [""]
                out.append(f"  {'ACCEPTED':<8} " + body[0])
                out += [indent + line for line in body[1:]]
                lapse = f" (until {entry.until.isoformat()})" if entry.until else ""
                out += textwrap.wrap(f"Reason: {entry.reason}{lapse}", WIDTH, initial_indent=indent,
                                     subsequent_indent=indent + "        ")
                out.append(indent + style(f.rule + (f" at {f.path}" if f.path else ""), dim=True))
        out.append("")
    out += [style(line, dim=True) for line in textwrap.wrap(f"{SCORING_NOTE} Rules and heuristics: {DOCS}.", WIDTH)]
    return "\n".join(out) + "\n"


# -- JSON ------------------------------------------------------------------------------

def as_data(reports: Sequence[Report]) -> dict:
    """The JSON document as Python data (the shape is kapdocs/checks/report.schema.json)."""
    total = {s: sum(r.counts[s] for r in reports) for s in ("error", "warning", "advice")}
    return {
        "version": FORMAT_VERSION,
        "scoring": {
            "penalty": dict(PENALTY),
            "cap_findings": CAP_FINDINGS,
            "grades": [{"min": bound, "grade": word} for bound, word in GRADES],
        },
        "summary": {"plans": len(reports), "counts": total,
                    "lowest_score": min((r.score for r in reports), default=None),
                    "has_errors": any(r.has_errors for r in reports)},
        "plans": [
            {
                "file": r.source,
                "account": r.account,
                "today": r.today.isoformat(),
                "score": r.score,
                "grade": r.grade,
                "counts": r.counts,
                "findings": [
                    {
                        "rule": f.rule,
                        "title": rule_by_id(f.rule).title,
                        "severity": f.severity,
                        "section": f.section,
                        "section_title": SECTIONS[f.section],
                        "message": f.message,
                        "fix": f.fix,
                        "path": f.path,
                        "line": f.line,
                    }
                    for f in r.findings
                ],
                "accepted": [
                    {"rule": f.rule, "severity": f.severity, "message": f.message, "path": f.path, "line": f.line,
                     "reason": entry.reason, "until": entry.until.isoformat() if entry.until else None}
                    for f, entry in r.accepted
                ],
            }
            for r in reports
        ],
    }


def as_json(reports: Sequence[Report]) -> str:
    """`as_data` as indented JSON text, ending with a newline."""
    return json.dumps(as_data(reports), indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict:
    """The JSON Schema of `as_data`'s output."""
    return json.loads(resources.files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8"))


# -- Markdown --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_ICON = {"error": "🔴 error", "warning": "🟠 warning", "advice": "🔵 advice"}


def md(value: str | None) -> str:
    """Text shown literally in Markdown (and in a table cell): specials escaped, HTML neutralised, one line."""
    flat = " ".join((value or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def markdown(reports: Sequence[Report]) -> str:
    """Markdown for a pull request: a summary table, then each plan's findings by section."""
    out = ["## Plan health", ""]
    if len(reports) > 1:
        out += ["| Score | Grade | Errors | Warnings | Advice | Plan |", "|---:|---|---:|---:|---:|---|"]
        for r in weakest_first(reports):
            c = r.counts
            out.append(f"| {r.score} | {r.grade} | {c['error']} | {c['warning']} | {c['advice']} | {md(_label(r))} |")
        out.append("")
    for r in reports:
        out += [f"### {md(r.account)}: {r.score}/100 ({r.grade})", ""]
        where = f"{md(r.source)}, " if r.source else ""
        out += [f"{where}judged on {r.today.isoformat()}: {counts_line(r)}.", ""]
        if not r.findings:
            out += ["No findings: every rule passed.", ""]
        for key, findings in r.by_section():
            out += [f"**{SECTIONS[key]}**", "", "| Severity | Finding | Fix | Rule |", "|---|---|---|---|"]
            for f in findings:
                rule_cell = (f"`{f.rule}`" + (f" at `{f.path}`" if f.path and "`" not in f.path else "")
                             + (f", line {f.line}" if f.line else ""))
                out.append(f"| {_ICON[f.severity]} | {md(f.message)} | {md(f.fix)} | {rule_cell} |")
            out.append("")
        if r.accepted:
            out += ["**Accepted (not scored)**", "", "| Finding | Reason | Until | Rule |", "|---|---|---|---|"]
            for f, entry in r.accepted:
                until = entry.until.isoformat() if entry.until else "–"
                out.append(f"| {md(f.message)} | {md(entry.reason)} | {until} | `{f.rule}` |")
            out.append("")
    out.append(f"<sub>{md(SCORING_NOTE)} Rules and heuristics: {DOCS}.</sub>")
    return "\n".join(out) + "\n"
