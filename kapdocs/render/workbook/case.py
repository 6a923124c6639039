"""The case study: one plan and its figures, as the workbook uses them.

With `--case`, participants get the case's facts (who, where, what was said)
and do the analysis themselves; the facilitator gets the analysis too, taken
from `kapdocs.analysis` (the same figures the key account plan shows), never
worked out again here.
"""

from __future__ import annotations

import re

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from kapdocs.analysis import Figures
from kapdocs.analysis.partnership import PartnershipScore
from kapdocs.fmt import Formatter
from kapdocs.model import Meeting, Plan
from kapdocs.text import plain

ROLE_CODES: dict[str, str] = {"economic": "E", "ultimate": "U", "technical": "T", "end_user": "EU", "advocate": "A"}
"""Short codes of the buyer roles, as the buyers' chart worksheet asks for them."""


@dataclass(frozen=True)
class Case:
    """The case plan, its figures and how its numbers read."""

    plan: Plan
    figures: Figures
    locale: str = "en-GB"

    @property
    def name(self) -> str:
        """`account.name`."""
        return self.plan.account.name

    @cached_property
    def fmt(self) -> Formatter:
        """Money, volume and dates in the case's currency, unit and locale."""
        return Formatter(self.plan.account.currency, self.plan.account.volume_unit, self.locale)

    @cached_property
    def partnership(self) -> PartnershipScore | None:
        """Score of `partnership_indicators` (`Figures.partnership`)."""
        return self.figures.partnership

    def meeting(self, kind: str) -> Meeting | None:
        """The next meeting of type `kind` (qbr | internal_review) on or after `figures.today`, else the latest."""
        meetings = [m for m in self.plan.meetings if m.type == kind]
        upcoming = [m for m in meetings if m.date >= self.figures.today]
        if upcoming:
            return min(upcoming, key=lambda m: m.date)
        return max(meetings, key=lambda m: m.date) if meetings else None

    def person(self, id_: str | None) -> str:
        """The name of a team member or contact (the id itself when unknown, a dash when None)."""
        return (self.plan.person_name(id_) or id_) if id_ else "–"

    def member_label(self, id_: str) -> str:
        """A team member as `Name (function)`."""
        member = self.plan.member(id_)
        return f"{member.name} ({member.function})" if member else id_

    def date(self, value: dt.date | None) -> str:
        """A date in the case's locale."""
        return self.fmt.date(value)

    def score(self, value: float | None) -> str:
        """A 0-10 score with one decimal, the way the portfolio matrix shows it."""
        return self.fmt.number(value, 1) if value is not None else "–"


def text(value: str | None) -> str:
    """Plan text for a table cell: Markdown markers removed, paragraphs joined."""
    return plain(value) if value else ""


def bullets(items: list[str]) -> str:
    """List items as one cell's lines, each with a bullet."""
    return "\n".join(f"• {text(i)}" for i in items)


_STRENGTH = re.compile(r"^(very high|high|medium to high|medium-high|low to medium|low-medium|medium|moderate|"
                       r"low|very low)\b[.:;,]?\s*", re.IGNORECASE)


def force_strength(value: str | None) -> tuple[str, str]:
    """A five-forces assessment split into its strength and its evidence, when the text opens with the
    strength ("**High.** Northwind competes..." -> ("High", "Northwind competes...")); ("", text) otherwise."""
    words = text(value)
    found = _STRENGTH.match(words)
    if not found:
        return "", words
    strength = found.group(1)
    return strength[:1].upper() + strength[1:].lower(), words[found.end():]
