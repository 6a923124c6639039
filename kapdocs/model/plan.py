"""The root of the plan format: one key account, one plan."""

from __future__ import annotations

from pydantic import field_validator

from .account import (
    Account, CustomerStrategy, Environment, Need, Objectives, PlanInfo, Portfolio, Potential,
    OurSwot, Relationship, Site, SuccessFactor, Supplier, ValueElement,
)
from .base import Model, Text, internal_only
from .health import AcceptedFinding
from .execution import Action, ForceField, Initiative, Opportunity, PerformanceRecord, Risk, SupplyMetric
from .meetings import AuditAnswer, CustomerActivity, LogEntry, Meeting, PartnershipIndicator
from .people import Contact, RelationshipLink, TeamMember

FORMAT_VERSION = 1


class Plan(Model):
    """A key account plan. Every section except `account` is optional."""

    model_config = Model.model_config | {"title": "kapdocs key account plan"}

    kapdocs: int = FORMAT_VERSION
    """Version of the plan format; this release reads version 1."""
    account: Account
    """The customer account (required)."""
    supplier: Supplier | None = None
    """Our own company, as documents for the customer introduce it."""
    plan: PlanInfo = PlanInfo()
    """About the plan: period, status, summary, assumptions."""
    potential: Potential | None = None
    """Total account potential."""
    relationship: Relationship | None = None
    """Our relationship with the customer, and the competitors'."""
    sites: list[Site] = []
    """The customer's sites."""
    customer_strategy: CustomerStrategy | None = None
    """The customer's vision and goals."""
    environment: Environment | None = None
    """The customer's business environment."""
    swot: OurSwot | None = None
    """Our SWOT relative to this account."""
    portfolio: Portfolio | None = internal_only(why="the customer's attractiveness to us")
    """Customer portfolio matrix inputs."""
    core_team_input: list[Text] = []
    """How the core team can help the customer reach its goals."""
    objectives: Objectives | None = None
    """Our long-term and SMART objectives."""
    needs: list[Need] = []
    """Customer needs and value drivers."""
    value_proposition: list[ValueElement] = []
    """Our offer matched to each need."""
    critical_success_factors: list[SuccessFactor] = []
    """How the customer judges suppliers, and how we compare."""
    team: list[TeamMember] = []
    """Our core team."""
    contacts: list[Contact] = []
    """The customer's people."""
    relationships: list[RelationshipLink] = internal_only([], why="our reading of each relationship's strength")
    """The contact matrix: who talks to whom, how strongly."""
    actions: list[Action] = []
    """The tactical action plan."""
    opportunities: list[Opportunity] = []
    """Live opportunities."""
    risks: list[Risk] = internal_only([], why="our private reading of the account")
    """Risks and contingencies."""
    force_field: ForceField | None = internal_only(why="our private reading of the account")
    """Force field analysis of the plan."""
    performance: list[PerformanceRecord] = []
    """Targets and actuals by period, optionally by site."""
    initiatives: list[Initiative] = []
    """Executed initiatives and the value delivered."""
    supply: list[SupplyMetric] = []
    """Supply-versus-demand performance."""
    meetings: list[Meeting] = []
    """Reviews: QBRs and internal reviews."""
    action_log: list[LogEntry] = []
    """Actions agreed in meetings."""
    customer_activities: list[CustomerActivity] = []
    """What the customer's own teams plan to do (operations, marketing, technical), which we can support."""
    partnership_indicators: list[PartnershipIndicator] = internal_only(
        [], why="our reading of the relationship")
    """Signs of partnership and where we stand on each."""
    audit: list[AuditAnswer] = []
    """Key account audit answers."""
    accepted_findings: list[AcceptedFinding] = internal_only([], why="about our plan, not the account")
    """Health-check findings accepted on purpose, with the reason (reported apart, not scored)."""

    @field_validator("kapdocs")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"format version {value} is not supported; this kapdocs reads version {FORMAT_VERSION}")
        return value

    # -- look-ups used by every renderer ------------------------------------
    def member(self, id_: str | None) -> "TeamMember | None":
        """The team member with this id, or None."""
        return next((m for m in self.team if m.id == id_), None) if id_ else None

    def contact(self, id_: str | None) -> "Contact | None":
        """The customer contact with this id, or None."""
        return next((c for c in self.contacts if c.id == id_), None) if id_ else None

    def person_name(self, id_: str | None) -> str:
        """The name of the team member or contact with this id ('' when absent)."""
        person = self.member(id_) or self.contact(id_)
        return person.name if person else ""

    def site(self, id_: str | None) -> "Site | None":
        """The site with this id, or None."""
        return next((s for s in self.sites if s.id == id_), None) if id_ else None

    def meeting(self, id_: str | None) -> "Meeting | None":
        """The meeting with this id, or None."""
        return next((m for m in self.meetings if m.id == id_), None) if id_ else None


