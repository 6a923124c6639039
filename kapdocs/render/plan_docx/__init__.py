"""The Word key account plan: `kapdocs plan PLAN [--edition internal|customer]`.

`build(job)` writes the document in memory (cover, contents, the six sections,
the appendix; see `sections`), `render(job)` saves it as
`<slug>-key-account-plan.docx` and, when LibreOffice is available, fills in the
table of contents with page numbers. What each edition shows is in `editions`.
"""

from __future__ import annotations

from pathlib import Path

from ...naming import plan_file
from ..docx_kit import DocxBuilder
from .context import Context
from .editions import Edition, edition
from .sections import SECTIONS

__all__ = ["build", "render", "write"]


def build(job) -> DocxBuilder:
    """The plan as a Word document in memory, for `job.options.edition`."""
    options = job.options
    edition(options.edition)
    view = job.view
    plan = view.plan
    chosen = Edition.of(view)
    account = plan.account.name
    kam = plan.member(plan.account.key_account_manager)
    label = "internal edition" if chosen.internal else f"prepared for {account}"
    builder = DocxBuilder(
        job.theme, paper=options.page,
        title=f"Key account plan: {account}",
        subject=f"Key account plan for {account}, {_period(plan)} ({label})",
        keywords=", ".join(k for k in ("key account plan", account, plan.account.parent_group,
                                        plan.account.sector, chosen.name) if k),
        author=kam.name if kam else "",
        category="Key account plan",
    )
    ctx = Context(builder, view, job.theme, chosen)
    for write_part in SECTIONS:
        write_part(ctx)
    if options.health and chosen.internal:
        from ...checks.appendix import health_appendix

        health_appendix(builder, job)
    us = plan.supplier.name if plan.supplier else job.theme.company
    left = f"{us} · {account}" if us else account
    builder.header_footer(left, job.theme.label(chosen.name, account), first_page=False)
    return builder


def _period(plan) -> str:
    period = plan.plan.period
    return f"{period.start.isoformat()} to {period.end.isoformat()}" if period else "no period set"


def write(job) -> Path:
    """Build and save the plan (atomically, re-opened before it replaces an older file); no LibreOffice."""
    builder = build(job)
    return job.out.write(plan_file(job.plan.account.name), builder.save, verify=_verify)


def _verify(package) -> None:
    from ...errors import RenderError

    if not package.has_paragraphs():
        raise RenderError("the plan came out without a paragraph")


def render(job) -> list[Path]:
    """Write the plan. Word fills in the table of contents' page numbers when the document is
    opened; `--pdf` has LibreOffice fill them into the document as it makes the PDF."""
    return [write(job)]
