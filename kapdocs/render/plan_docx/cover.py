"""The cover page and the table of contents."""

from __future__ import annotations

from docx.shared import Cm

from ...fmt import Formatter
from .context import Context
from .overview import period_text
from ...view import vocabulary as words

STATUS = words.PLAN_STATUS

LOGO_HEIGHT_CM = 2.0
"""The height of the theme's logo on the cover."""


def cover(ctx: Context) -> None:
    """Account, parent group, plan period, KAM, executive sponsor, status and approval, version date."""
    plan, b, account = ctx.plan, ctx.builder, ctx.plan.account
    logo = ctx.theme.logo
    if logo is not None:  # our logo at the top of the cover, at a fixed height whatever its proportions
        b.paragraph().add_run().add_picture(str(logo), height=Cm(LOGO_HEIGHT_CM))
    for _ in range(6 if logo is None else 4):
        b.paragraph()
    b.paragraph("Key account plan", style="Title")
    b.paragraph(account.name, style="Subtitle")
    b.rule()
    b.paragraph(period_text(ctx), style="Callout")
    us = plan.supplier.name if plan.supplier else ctx.theme.company
    if ctx.edition.internal:
        b.paragraph(f"{ctx.theme.label('internal', account.name)}: for our core team and management only.",
                    style="Cover Detail", italic=True)
    elif us:
        b.paragraph(f"Joint account plan of {account.name} and {us}.", style="Cover Detail", italic=True)
    else:
        b.paragraph(f"Joint account plan prepared for {account.name}.", style="Cover Detail", italic=True)
    b.paragraph()
    status = STATUS[plan.plan.status]
    if plan.plan.status == "approved" and plan.plan.approved_by:
        status += f" by {ctx.name(plan.plan.approved_by)}"
    elif plan.plan.status == "draft":
        status += ": not yet approved"
    b.key_values([
        *((("Prepared by", us),) if us else ()),
        ("Account", account.name),
        ("Parent group", account.parent_group or "–"),
        ("Plan period", period_text(ctx)),
        ("Key account manager", _member(ctx, account.key_account_manager)),
        ("Executive sponsor", _member(ctx, account.executive_sponsor)),
        ("Status", status),
        _version(ctx.fmt, plan.plan.version, plan.plan.last_reviewed or ctx.today),
    ], widths=(1, 2.2))


def _member(ctx: Context, member_id: str | None) -> str:
    member = ctx.plan.member(member_id)
    if member is None:
        return "Not yet named" if not member_id else member_id
    return f"{member.name}, {member.title}" if member.title else member.name


def _version(fmt: Formatter, version: str | None, when) -> tuple[str, str]:
    """The cover's version row: "3.1 of 1 Oct 2026", else just the version date (the last review, else today)."""
    return ("Version", f"{version} of {fmt.date(when)}") if version else ("Version date", fmt.date(when))


def contents(ctx: Context) -> None:
    """A real table-of-contents field on its own page (Word and LibreOffice fill it in)."""
    ctx.builder.page_break()
    ctx.builder.toc("Contents", levels="1-2")
