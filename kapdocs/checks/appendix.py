"""The "Plan health" appendix of the Word plan: the score and the findings, from the same rules as `kapdocs check`.

The plan renderer calls `health_appendix(builder, job)` at the end of the
internal edition (unless `--no-health`). Findings name blockers, sceptics and
weak relationships, so the customer edition never gets the appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import SCORING_NOTE, SECTIONS, run
from .report import counts_line

if TYPE_CHECKING:
    from kapdocs.render import Job
    from kapdocs.render.docx_kit import DocxBuilder

HEADING = "Appendix B: Plan health"
"""The appendix heading; it follows the plan's Appendix A."""
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "advice": "Advice"}
INTRO = ("kapdocs checks the plan against the minimum content of a key account plan and the defects research "
         "finds again and again in real plans: objectives that are not SMART, needs not agreed with the customer, "
         "too little pipeline for the target, no contingency plans, and optimism everywhere. Errors are defects "
         "a reviewer would send back; warnings weaken the plan; advice is a heuristic worth a look.")


def health_appendix(builder: "DocxBuilder", job: "Job") -> None:
    """Write the appendix: heading, score line, and a findings table grouped by section.

    The findings come from `kapdocs.checks.run(job.plan, job.figures)`, judged on `job.figures.today`.
    Writes nothing for the customer edition (`job.options.edition == "customer"`).
    """
    if job.options.edition == "customer":
        return
    report = run(job.plan, job.figures)
    colours = builder.theme.colours
    severity_colour = {"error": colours.red, "warning": colours.amber, "advice": colours.secondary}

    builder.heading(HEADING, 1, page_break=True)
    builder.paragraph(f"Score {report.score} out of 100 ({report.grade}): {counts_line(report)}, "
                      f"judged on {job.fmt.date(report.today)}.", bold=True)
    builder.paragraph(INTRO)
    builder.paragraph(SCORING_NOTE, style="Small")
    if not report.findings:
        builder.paragraph("No findings: the plan passes every check.")
    else:
        _findings_table(builder, report, severity_colour)
    if report.accepted:
        builder.paragraph("Accepted findings", bold=True)
        builder.paragraph("The plan's owner accepted these on purpose, for the reason given; they are not scored.")
        builder.table(["Finding", "Reason", "Until"],
                      [[f.message, entry.reason, job.fmt.date(entry.until) if entry.until else "–"]
                       for f, entry in report.accepted], widths=(3.4, 3.4, 1.2), font_size=8.5)


def _findings_table(builder: "DocxBuilder", report, severity_colour: dict[str, str]) -> None:
    """The scored findings, grouped by section."""
    from kapdocs.render.docx_kit import Cell

    rows = []
    for key, findings in report.by_section():
        for n, f in enumerate(findings):
            section = Cell(SECTIONS[key], bold=True) if n == 0 else ""
            severity = Cell(SEVERITY_WORDS[f.severity], bold=True, colour=severity_colour[f.severity])
            rows.append([section, severity, f.message, f.fix])
    builder.table(["Section", "Severity", "Finding", "Fix"], rows, widths=(1.5, 1.0, 3.3, 2.9), font_size=8.5)
    builder.caption(f"Plan health findings: {counts_line(report)}. Rule ids and heuristics: "
                    "kapdocs check --format json, and the kapdocs health-check documentation.")
