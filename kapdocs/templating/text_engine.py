"""Text templates: Markdown, plain text, HTML, XML, calendar files... and e-mails.

Plain Jinja2 in the sandbox (`environment`), HTML and XML autoescaped. A `.eml` template is an
e-mail: its headers come from the front matter (`subject`, `to`, `cc`, `bcc`, `from`, `reply_to`),
each value rendered, then set through Python's `email` package, which encodes it and refuses a
line break in a header, so that no plan text can add a header; the rendered body is its text.
"""

from __future__ import annotations

import email.policy
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from .core import AUTOESCAPE, RenderContext, read_text, split_front_matter
from .errors import TemplateError, snippet
from .jinja_errors import RENDER_ERRORS, reason, template_line

HEADERS = {"subject": "Subject", "from": "From", "to": "To", "cc": "Cc", "bcc": "Bcc", "reply_to": "Reply-To"}
"""Front matter keys of an e-mail template and the headers they fill."""
ADDRESS_HEADERS = ("from", "to", "cc", "bcc", "reply_to")
KNOWN_KEYS = ("audience", "description", *HEADERS)


def output_suffix(source: Path) -> str:
    """The suffix of what `source` writes: `.ics` for `invite.ics.j2`."""
    name = source.name[:-3] if source.name.lower().endswith(".j2") else source.name
    return Path(name).suffix.lower()


def render_string(env, source: str, ctx: RenderContext, *, line_offset: int = 0, where: str | None = None) -> str:
    """`source` rendered with `ctx.data`; errors located at `line N "..."` of the template file."""
    lines = source.split("\n")
    try:
        return env.from_string(source).render(ctx.data)
    except RENDER_ERRORS as exc:
        line = template_line(exc)
        if where is None:
            at = f"line {line + line_offset}" if line else "line ?"
            quoted = f" {snippet(lines[line - 1])}" if line and line <= len(lines) else ""
            raise ctx.fail(at + quoted, reason(exc)) from None
        raise ctx.fail(where, reason(exc)) from None


def render(source: Path, ctx: RenderContext) -> bytes:
    """The text `source` renders to (UTF-8), or the e-mail it describes."""
    text = read_text(source)
    meta, body, offset = split_front_matter(source, text)
    unknown = [k for k in meta if k not in KNOWN_KEYS]
    if unknown:
        from .errors import did_you_mean

        raise ctx.fail("front matter", f"unknown key '{unknown[0]}'{did_you_mean(str(unknown[0]), KNOWN_KEYS)}; "
                                       f"the keys are {', '.join(KNOWN_KEYS)}")
    suffix = output_suffix(source)
    env = ctx.environment(autoescape=suffix in AUTOESCAPE)
    rendered = render_string(env, body, ctx, line_offset=offset)
    if suffix != ".eml":
        return rendered.encode("utf-8")
    return _email(meta, rendered, ctx, env)


def _email(meta: dict[str, Any], body: str, ctx: RenderContext, env) -> bytes:
    """An RFC 5322 message: headers from the front matter, `body` as its UTF-8 text."""
    # lines up to RFC 5322's hard limit: Python folds a long first word onto its own line otherwise
    message = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
    for key, header in HEADERS.items():
        if key not in meta or meta[key] in (None, "", []):
            continue
        values = meta[key] if isinstance(meta[key], list) else [meta[key]]
        rendered = [" ".join(render_string(env, str(v), ctx, where=f"front matter: {key}").split()) for v in values]
        rendered = [r for r in rendered if r]
        if not rendered:
            continue
        try:
            if key in ADDRESS_HEADERS:
                message[header] = _addresses(rendered, key)
            else:
                message[header] = rendered[0]
        except (ValueError, TypeError) as exc:
            raise ctx.fail(f"front matter: {key}", f"not a valid {header} header: {exc}") from None
    if "Subject" not in message:
        raise ctx.fail("front matter", "an e-mail template needs a subject: in its front matter")
    message["Date"] = email.utils.format_datetime(_fixed_time())
    message["MIME-Version"] = "1.0"
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def _addresses(values: list[str], key: str) -> list[Address]:
    """Each value split into addresses ("Name <a@b>, c@d"), each checked by the `email` package."""
    found: list[Address] = []
    for name, addr in email.utils.getaddresses(values):
        if not addr or "@" not in addr:
            raise ValueError(f"'{name or addr}' is not an e-mail address")
        user, _, domain = addr.rpartition("@")
        found.append(Address(display_name=name, username=user, domain=domain))
    return found


def _fixed_time():
    """The build's fixed time (`SOURCE_DATE_EPOCH`, else the date taken as today), so that the same inputs
    give the same bytes."""
    import datetime as dt

    from ..reproducible import fixed_timestamp

    return fixed_timestamp().replace(tzinfo=dt.timezone.utc)


__all__ = ["render", "render_string", "output_suffix", "TemplateError"]
