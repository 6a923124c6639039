"""People on both sides and the relationships between them (the contact matrix)."""

from __future__ import annotations

from pydantic import Field

from .base import (
    Attitude, BuyerRole, Frequency, Function, Id, Influence, Model, PolicyLevel, Seniority, Text, internal_only,
)


class TeamMember(Model):
    """A member of our core team for the account."""

    id: Id
    """Unique id of the team member; other sections refer to it."""
    name: str = Field(min_length=1)
    """Full name."""
    title: str | None = None
    """Job title."""
    function: Function = "sales"
    """The function the member brings to the core team."""
    seniority: Seniority | None = None
    """Seniority, matched against the customer contacts'."""
    responsibilities: Text | None = None
    """What the member is responsible for on this account."""
    email: str | None = None
    """E-mail address."""
    phone: str | None = None
    """Telephone number."""


class Contact(Model):
    """A person on the customer's side."""

    id: Id
    """Unique id of the contact; other sections refer to it."""
    name: str = Field(min_length=1)
    """Full name."""
    title: str | None = None
    """Job title."""
    department: str | None = None
    """Department."""
    site: Id | None = None
    """Id in `sites` of the site the contact works at."""
    seniority: Seniority | None = None
    """Seniority, to match ours to theirs."""
    roles: list[BuyerRole] = []
    """Buyer roles in the decision-making unit; leave empty rather than force one."""
    influence: Influence | None = internal_only(why="our private rating of the person")
    """Influence on our sales objective (internal only)."""
    attitude: Attitude | None = internal_only(why="our private rating of the person")
    """Attitude towards us (internal only)."""
    level: PolicyLevel | None = None
    """Policy level: instigator, influencer or implementer."""
    reports_to: Id | None = None
    """Id in `contacts` of the contact's manager."""
    email: str | None = None
    """E-mail address."""
    phone: str | None = None
    """Telephone number."""
    notes: Text | None = internal_only(why="our private notes on the person")
    """Notes about the contact (internal only)."""


class RelationshipLink(Model):
    """Who on our side relates to whom on theirs, and how strongly."""

    ours: Id
    """Id in `team`."""
    theirs: Id
    """Id in `contacts`."""
    strength: int = Field(ge=0, le=4)
    """Strength today: 0 none, 1 aware, 2 working, 3 good, 4 trusted partner."""
    frequency: Frequency | None = None
    """How often they are in touch."""
    target_strength: int | None = Field(default=None, ge=0, le=4)
    """The strength this relationship should reach, 0 to 4."""
