"""Output file names: built only from an allow-list, never able to leave the output folder."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60
"""Longest slug, in characters, so that file names stay well under every system's limits."""

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _letter(ch: str) -> str:
    """One character of a slug: a Latin letter without its accent (é -> e), a letter or digit of any other
    script as it is (lower case), anything else a hyphen."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else "-"
    base = unicodedata.normalize("NFKD", ch)
    ascii_base = base.encode("ascii", "ignore").decode("ascii")
    if ascii_base and ascii_base.isalnum() and all(unicodedata.combining(c) for c in base if not c.isascii()):
        return ascii_base.lower()
    if ch.isalnum():
        return ch.lower()
    return "-"


def slug(text: str, fallback: str = "account") -> str:
    """Letters, digits and single hyphens from `text`, lower case, at most 60 characters.

    Latin letters lose their accents (é -> e); letters and digits of other scripts stay as they are
    ("株式会社すずき", "ооо-ромашка"), so that names in every script give distinct file names; anything
    else, '/', '\\' and '.' included, becomes a hyphen. A name that is empty afterwards becomes
    `fallback`; a name Windows reserves (CON, NUL, COM1...) gets `-x` appended.
    """
    text = unicodedata.normalize("NFC", text)
    out = re.sub(r"-+", "-", "".join(_letter(ch) for ch in text)).strip("-")
    out = unicodedata.normalize("NFC", out)
    out = out[:MAX_SLUG].rstrip("-") or fallback
    if out.split("-")[0] in _RESERVED and "-" not in out:
        out += "-x"
    return out


def plan_file(account: str) -> str:
    """`<slug>-key-account-plan.docx`."""
    return f"{slug(account)}-key-account-plan.docx"


INTERNAL_SUFFIX = "-internal"
"""Ends the name of a customer review's internal deck."""


def meeting_part(meeting_id: str) -> str:
    """The meeting's part of a file name: its slug, with a trailing `-internal` escaped as `-internal--` (a
    slug never holds `--`), so that no meeting's customer deck can take another meeting's internal deck name."""
    part = slug(meeting_id, "meeting")
    return part + "--" if part.endswith(INTERNAL_SUFFIX) else part


def qbr_file(account: str, meeting_id: str, *, internal: bool = False) -> str:
    """`<slug>-qbr-<meeting-id>.pptx`; `<slug>-qbr-<meeting-id>-internal.pptx` for the internal deck of a
    customer review."""
    return f"{slug(account)}-qbr-{meeting_part(meeting_id)}{INTERNAL_SUFFIX if internal else ''}.pptx"


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
