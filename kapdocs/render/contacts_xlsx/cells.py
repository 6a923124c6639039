"""The workbook's contract: what each editable cell shows, and how an edited cell is read back.

The writer (`workbook.py`) and the reader (`update.py`) both use these functions,
so that a workbook read back unchanged gives exactly the plan it came from: the
reader compares each cell with what `display` would write for the plan as it is,
and only a cell that differs counts as an edit.

Matrix cells hold one relationship as text:

    ""                   no relationship
    "3"                  strength 3, no frequency given
    "3, monthly"         strength 3, in touch monthly
    "2 → 4, quarterly"   strength 2 today, target 4 (the target is shown only where it differs)

Strength runs 0 (none) to 4 (trusted partner). The reader also accepts `->` for the
arrow, `ad_hoc` for `ad hoc`, any letter case and spacing, and a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from kapdocs.view import vocabulary as words
from kapdocs.model.base import Attitude, BuyerRole, Frequency, Function, Influence, PolicyLevel, Seniority

SHEET_MATRIX = "Matrix"
SHEET_CONTACTS = "Contacts"
SHEET_TEAM = "Team"
SHEET_BUYERS = "Buyers"
SHEET_COVERAGE = "Coverage"
SHEET_LISTS = "Lists"
SHEET_BASE = "kapdocs"
"""A very hidden sheet holding what kapdocs wrote (team, contacts, relationships as JSON), so that reading edits
back can tell the user's changes from the plan's since (a three-way merge)."""
SHEETS = (SHEET_MATRIX, SHEET_CONTACTS, SHEET_TEAM, SHEET_BUYERS, SHEET_COVERAGE, SHEET_LISTS, SHEET_BASE)
"""The sheets in workbook order (Lists is hidden: it feeds the drop-downs)."""

ID_HEADER = "id"
"""Header of the id column (Matrix column A, Contacts and Team column A) and of the Matrix id row."""

STRENGTHS: dict[int, str] = words.RELATIONSHIP_STRENGTH
"""Relationship strengths and what each means."""
FREQUENCIES: tuple[str, ...] = get_args(Frequency)
ROLES: tuple[str, ...] = get_args(BuyerRole)
ROLE_LABELS: dict[str, str] = words.BUYER_ROLE_SHORT
LEVEL_LABELS: dict[str, str] = words.POLICY_LEVEL
FUNCTION_LABELS: dict[str, str] = words.FUNCTION
YES = "yes"
"""What a buyer-role column of the Contacts sheet holds for a contact with that role."""

ARROW = "→"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# -- the matrix cell ---------------------------------------------------------------------

def frequency_text(frequency: str | None) -> str:
    """`ad_hoc` as `ad hoc`; other frequencies as they are."""
    return (frequency or "").replace("_", " ")


@dataclass(frozen=True, slots=True)
class LinkCell:
    """What one Matrix cell says about a relationship."""

    strength: int
    target: int | None = None
    """The target strength where it differs from `strength`; None otherwise."""
    frequency: str | None = None

    @classmethod
    def of(cls, strength: int, target: int | None, frequency: str | None) -> "LinkCell":
        """The cell for a `relationships[]` entry (a target equal to the strength is not shown)."""
        return cls(strength, target if target is not None and target != strength else None, frequency)

    @property
    def text(self) -> str:
        """`2 → 4, quarterly`, `3, monthly`, `1`."""
        out = str(self.strength)
        if self.target is not None:
            out += f" {ARROW} {self.target}"
        if self.frequency:
            out += f", {frequency_text(self.frequency)}"
        return out


_LINK = re.compile(r"^\s*(\d+)\s*(?:(?:→|->|-+>|=>)\s*(\d+)\s*)?(?:,\s*([A-Za-z _-]+?)\s*)?$")


def parse_link(raw: Any) -> LinkCell | None:
    """A Matrix cell's value as a `LinkCell`; None for an empty cell. Raises ValueError with the reason."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a relationship; write e.g. '2 → 4, quarterly' (see the legend)")
    if isinstance(raw, (int, float)):
        if raw != int(raw):
            raise ValueError(f"strength {raw:g} is not a whole number; use 0 to 4")
        raw = str(int(raw))
    text = str(raw).strip()
    if not text:
        return None
    m = _LINK.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a relationship; write strength [→ target], frequency, "
                         f"e.g. '2 → 4, quarterly' or '3, monthly' (see the legend), or leave it empty")
    strength, target, frequency = int(m[1]), m[2], m[3]
    if strength not in STRENGTHS:
        raise ValueError(f"strength {strength} is out of range; use 0 (none) to 4 (trusted partner)")
    if target is not None and int(target) not in STRENGTHS:
        raise ValueError(f"target {int(target)} is out of range; use 0 (none) to 4 (trusted partner)")
    freq = None
    if frequency is not None:
        freq = re.sub(r"[\s-]+", "_", frequency.strip().lower())
        if freq not in FREQUENCIES:
            raise ValueError(f"'{frequency.strip()}' is not a frequency; use one of: "
                             f"{', '.join(frequency_text(f) for f in FREQUENCIES)}")
    return LinkCell.of(strength, int(target) if target is not None else None, freq)


def link_choices() -> list[str]:
    """Every canonical Matrix cell text, for the drop-down: by strength, then target, then frequency."""
    out = []
    for strength in STRENGTHS:
        for target in [None, *(t for t in STRENGTHS if t != strength)]:
            for frequency in [None, *FREQUENCIES]:
                out.append(LinkCell(strength, target, frequency).text)
    return out


# -- the list sheets ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column:
    """One column of the Contacts or Team sheet, bound to a field of the plan."""

    header: str
    field: str
    """The attribute of `Contact` / `TeamMember` (for a role column: `roles`)."""
    width: float
    kind: str = "text"
    """text | id | enum | role | site | contact (the last two: ids of sites or contacts)."""
    choices: tuple[str, ...] = ()
    """Allowed values of an enum column (also its drop-down)."""
    role: str | None = None
    """The buyer role of a role column."""
    wrap: bool = False
    required: bool = False
    rich: bool = False
    """Plan text in the Markdown subset: `**bold**` and `*italic*` are written as bold and italic runs
    (and read back as such)."""

    def display(self, person: Any) -> str | None:
        """What the cell shows for `person` (None: empty)."""
        if self.kind == "role":
            return YES if self.role in person.roles else None
        value = getattr(person, self.field)
        return None if value is None or value == "" else str(value)

    def parse(self, raw: Any) -> Any:
        """The plan value for an edited cell; raises ValueError with the reason."""
        text = cell_string(raw)
        if self.kind == "role":
            if text is None or text.lower() in ("no", "n", "false", "0", "-", "–"):
                return False
            if text.lower() in (YES, "y", "x", "✓", "✔", "true", "1"):
                return True
            raise ValueError(f"'{text}' in the {self.header} column: write '{YES}' for a contact with this "
                             "buyer role, or leave it empty")
        if text is None:
            if self.required:
                raise ValueError(f"{self.header} is required")
            return None
        if self.kind == "enum":
            key = re.sub(r"[\s-]+", "_", text.lower())
            if key not in self.choices:
                import difflib

                close = difflib.get_close_matches(key, self.choices, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise ValueError(f"'{text}' is not a {self.header.lower()}; use one of: "
                                 f"{', '.join(self.choices)}{hint}")
            return key
        if self.kind in ("id", "site", "contact") and not _ID.match(text):
            raise ValueError(f"'{text}' is not a valid id; use letters, digits, '-', '_' or '.', "
                             "starting with a letter or digit")
        if self.kind == "id" and len(text) > 64:
            raise ValueError(f"the id '{text[:20]}...' is longer than 64 characters")
        return text


def cell_string(raw: Any) -> str | None:
    """A cell value as text, stripped; None when empty (whole numbers lose their `.0`)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if hasattr(raw, "isoformat"):
        raw = raw.isoformat()
    text = str(raw).strip()
    return text or None


def _enum(header: str, field: str, literal, width: float) -> Column:
    return Column(header, field, width, "enum", get_args(literal))


CONTACT_COLUMNS: tuple[Column, ...] = (
    Column(ID_HEADER, "id", 12, "id", required=True),
    Column("Name", "name", 22, required=True),
    Column("Title", "title", 28, wrap=True),
    Column("Department", "department", 16),
    Column("Site", "site", 11, "site"),
    _enum("Seniority", "seniority", Seniority, 11),
    *(Column(ROLE_LABELS[r], "roles", 10, "role", role=r) for r in ROLES),
    _enum("Influence", "influence", Influence, 10),
    _enum("Attitude", "attitude", Attitude, 11),
    _enum("Policy level", "level", PolicyLevel, 12),
    Column("Reports to", "reports_to", 12, "contact"),
    Column("Email", "email", 36),
    Column("Phone", "phone", 15),
    Column("Notes", "notes", 60, wrap=True, rich=True),
)
"""The Contacts sheet, left to right (the role columns hold `yes` or nothing)."""

TEAM_COLUMNS: tuple[Column, ...] = (
    Column(ID_HEADER, "id", 12, "id", required=True),
    Column("Name", "name", 22, required=True),
    Column("Title", "title", 28, wrap=True),
    _enum("Function", "function", Function, 12),
    _enum("Seniority", "seniority", Seniority, 11),
    Column("Responsibilities", "responsibilities", 50, wrap=True, rich=True),
    Column("Email", "email", 30),
    Column("Phone", "phone", 15),
)
"""The Team sheet, left to right."""

MATRIX_CONTACT_COLUMNS: tuple[tuple[str, float], ...] = (
    (ID_HEADER, 11), ("Contact", 22), ("Title", 28), ("Buyer roles", 18), ("Influence", 10), ("Attitude", 10),
    ("Policy level", 12),
)
"""The Matrix's columns before the team: the id, then details shown for reading (edited in Contacts)."""


def matrix_details(contact) -> list[str | None]:
    """What the Matrix shows about a contact after the id: name, title, roles, influence, attitude, level."""
    roles = ", ".join(ROLE_LABELS[r] for r in ROLES if r in contact.roles)
    return [contact.name, contact.title, roles or None, contact.influence, contact.attitude, contact.level]
