"""Output file names: built only from an allow-list, never able to leave the output folder."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60
"""Longest slug, in characters, so that file names stay well under every system's limits."""

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slug(text: str, fallback: str = "account") -> str:
    """ASCII letters, digits and single hyphens from `text`, lower case, at most 60 characters.

    Accents are dropped (é -> e); anything else, '/', '\\' and '.' included, becomes a
    hyphen. A name that is empty afterwards becomes `fallback`; a name Windows reserves
    (CON, NUL, COM1...) gets `-x` appended.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    out = out[:MAX_SLUG].rstrip("-") or fallback
    if out.split("-")[0] in _RESERVED and "-" not in out:
        out += "-x"
    return out


def plan_file(account: str) -> str:
    """`<slug>-key-account-plan.docx`."""
    return f"{slug(account)}-key-account-plan.docx"


def qbr_file(account: str, meeting_id: str) -> str:
    """`<slug>-qbr-<meeting-id>.pptx`."""
    return f"{slug(account)}-qbr-{slug(meeting_id, 'meeting')}.pptx"


def contacts_file(account: str) -> str:
    """`<slug>-contact-matrix.xlsx`."""
    return f"{slug(account)}-contact-matrix.xlsx"


def minutes_file(account: str, meeting_id: str) -> str:
    """`<slug>-minutes-<meeting-id>.docx`."""
    return f"{slug(account)}-minutes-{slug(meeting_id, 'meeting')}.docx"


def agenda_file(account: str, meeting_id: str) -> str:
    """`<slug>-agenda-<meeting-id>.docx`."""
    return f"{slug(account)}-agenda-{slug(meeting_id, 'meeting')}.docx"


def preparation_file(account: str, meeting_id: str) -> str:
    """`<account>-preparation-<meeting>.docx`: our own preparation sheet for a meeting."""
    return f"{slug(account)}-preparation-{slug(meeting_id, 'meeting')}.docx"


def calendar_file(account: str, meeting_id: str) -> str:
    """`<slug>-<meeting-id>.ics`."""
    return f"{slug(account)}-{slug(meeting_id, 'meeting')}.ics"


def health_file(account: str) -> str:
    """`<slug>-plan-health.md`."""
    return f"{slug(account)}-plan-health.md"
