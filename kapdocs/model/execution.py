"""Implementation: actions, opportunities, risks, change, performance and supply."""

from __future__ import annotations


from pydantic import Field

from .base import (
    Date,
    ActionStatus, Id, InitiativeKind, Level, Model, Money, OpportunityKind, Share, Stage, Text, hidden_items,
    internal_only,
)


class ActionTarget(Model):
    """The financial or quantity target of an action."""

    value: float = Field(ge=0)
    """The target value."""
    unit: str | None = None
    """Its unit: a currency code or a quantity unit."""


class Action(Model):
    """An action in the tactical action plan."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    id: Id
    """Unique id of the action."""
    description: Text
    """What will be done."""
    need: Id | None = None
    """Id in `needs` of the agreed need the action serves."""
    objective: Id | None = None
    """Id in `objectives.smart` of the objective it advances."""
    target: ActionTarget | None = internal_only(when="money", why="money targets are our own")
    """Its financial or quantity target (a target in the account currency is internal only)."""
    due: Date | None = None
    """When it is due."""
    owner: Id | None = None
    """Id in `team` of our owner."""
    customer_owner: Id | None = None
    """Id in `contacts` of the customer's owner."""
    resources: str | None = internal_only(why="our internal resources")
    """Internal resources needed."""
    status: ActionStatus = "planned"
    """Where the action stands."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class Opportunity(Model):
    """A live opportunity in the pipeline."""

    model_config = Model.model_config | hidden_items("unshared", "`share_with_customer: false`")

    id: Id
    """Unique id of the opportunity."""
    name: str = Field(min_length=1)
    """Short name."""
    stage: Stage
    """SPANCOP stage: suspect, prospect, analysis, negotiation, close, order, pay."""
    value: Money = internal_only(..., why="on the same basis as our profit targets")
    """Value to us in the account currency, on the same basis as the profit targets."""
    probability: Share | None = internal_only(why="our own estimate")
    """Probability of winning, 0 to 1."""
    expected_close: Date | None = None
    """When it is expected to close."""
    next_step: Text | None = None
    """The next step."""
    owner: Id | None = internal_only(why="how we manage our pipeline")
    """Id in `team` of the owner."""
    site: Id | None = None
    """Id in `sites` of the site concerned."""
    kind: OpportunityKind = "extension"
    """new_business (a new product or project), extension of current business, or renewal."""
    share_with_customer: bool = True
    """Whether it may be shown in documents for the customer (QBR deck, customer edition)."""


class Risk(Model):
    """A risk to the plan and its contingency."""

    risk: Text
    """The risk."""
    likelihood: Level | None = None
    """How likely it is."""
    impact: Level | None = None
    """How much harm it would do."""
    contingency: Text | None = None
    """What we will do if it happens."""
    owner: Id | None = None
    """Id in `team` of the owner."""
    site: Id | None = None
    """Id in `sites` of the site concerned, if any."""


class Force(Model):
    """A force for or against the plan."""

    force: str = Field(min_length=1)
    """The force."""
    strength: int = Field(ge=1, le=5)
    """Its strength, 1 (weak) to 5 (strong)."""


class ForceField(Model):
    """Force field analysis: what helps and what hinders the plan."""

    for_: list[Force] = Field(default=[], alias="for")
    """Forces for the plan."""
    against: list[Force] = []
    """Forces against the plan."""


class PerformanceRecord(Model):
    """Targets and actuals for one period, optionally for one site."""

    period: str = Field(pattern=r"^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?$")
    """The period: 2026, 2026-H1, 2026-Q1 or 2026-01."""
    site: Id | None = None
    """Id in `sites`; absent for the whole account."""
    volume_target: Money | None = None
    """Volume target for the period."""
    volume_actual: Money | None = None
    """Volume achieved; absent while the period is in the future."""
    profit_target: Money | None = internal_only(why="our profit")
    """Profit target for the period (internal only)."""
    profit_actual: Money | None = internal_only(why="our profit")
    """Profit achieved; absent while the period is in the future."""


class Initiative(Model):
    """An executed initiative and the value it delivered."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    action: Id
    """Id in `actions` of the action behind it."""
    label: str | None = Field(None, min_length=1)
    """A short name for charts, e.g. "Leeds anti-staling trial" (keep it under about 40 characters: longer
    ones are cut); by default the action's text, cut to fit."""
    value_delivered: float | None = None
    """Value delivered to the customer, in the account currency."""
    kind: InitiativeKind = "highlight"
    """Highlight or lowlight."""
    note: Text | None = None
    """What happened."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class SupplyMetric(Model):
    """A supply-versus-demand performance metric."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    metric: str = Field(min_length=1)
    """The metric, e.g. OTIF."""
    target: float
    """The target."""
    actual: float | None = None
    """The actual."""
    unit: str | None = None
    """The unit: '%' shows fractions as percentages."""
    higher_is_better: bool = True
    """Whether a higher actual is better (false for lead time, complaints...)."""
    issue: Text | None = None
    """The issue behind a shortfall."""
    lesson: Text | None = None
    """What we learned."""
    solution: Text | None = None
    """What we are doing about it."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""

