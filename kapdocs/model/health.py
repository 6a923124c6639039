"""Health-check findings the plan's owner has accepted, with the reason."""

from __future__ import annotations


from pydantic import Field

from .base import Date, Model, Text


class AcceptedFinding(Model):
    """A finding of `kapdocs check` the plan accepts: reported apart, not scored."""

    rule: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    """Id of the rule, as `kapdocs check` prints it (e.g. need-not-agreed)."""
    path: str | None = None
    """Where the finding points (e.g. needs[4]); absent accepts every finding of the rule."""
    reason: Text = Field(min_length=1)
    """Why the plan accepts it; shown wherever the finding is reported."""
    until: Date | None = None
    """Date after which the acceptance lapses and the finding counts again."""
