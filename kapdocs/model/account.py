"""The account, the plan's frame, the customer's context and our analysis of it."""

from __future__ import annotations


from pydantic import Field

from .base import (
    Date,
    Id, Model, Money, PlanStatus, RelationshipRating, Score, Share, Text, hidden_items,
    internal_only,
)


class Account(Model):
    """The customer account this plan is for."""

    name: str = Field(min_length=1, max_length=200)
    """The customer's name as it should appear on every document."""
    short_name: str | None = Field(default=None, min_length=1)
    """How documents name the customer in running text and column headings, e.g. Northwind (default:
    `name` without its legal form, such as Ltd or plc)."""
    parent_group: str | None = None
    """The group the customer belongs to, if any."""
    sector: str | None = None
    """The customer's industry or sector."""
    address: str | None = None
    """The customer's main address."""
    website: str | None = None
    """The customer's web site."""
    main_contact_method: str | None = None
    """How the customer prefers to be reached (email, phone, portal...)."""
    client_since: Date | None = None
    """The date the customer first bought from us."""
    relationship_strength: RelationshipRating | None = internal_only(why="our own rating of the relationship")
    """Our overall rating of the relationship."""
    currency: str = Field(default="GBP", pattern=r"^[A-Z]{3}$")
    """ISO 4217 code of the currency all money in the plan is in."""
    volume_unit: str = "units"
    """The unit all volumes in the plan are counted in (tonnes, units, hours...)."""
    key_account_manager: Id | None = None
    """Id in `team` of the key account manager, who owns the plan."""
    executive_sponsor: Id | None = None
    """Id in `team` of the executive sponsor."""


class Supplier(Model):
    """Our own company, as the customer's documents introduce it."""

    name: str = Field(min_length=1, max_length=200)
    """Our company's name, e.g. Meridian Ingredients Ltd."""
    short_name: str | None = Field(default=None, min_length=1)
    """How documents name us in running text and column headings, e.g. Meridian (default: `name`
    without its legal form, such as Ltd or plc)."""
    offer: Text | None = None
    """What we supply, in a sentence the customer would recognise."""
    scale: Text | None = None
    """How large we are: people, sites, turnover, markets."""
    sites: list[str] = []
    """Where we make and ship from."""
    history: Text | None = None
    """Milestones of our own company worth telling a new senior attendee (founded, acquisitions...)."""


class Period(Model):
    """The span of time the plan covers."""

    start: Date
    """First day of the plan period."""
    end: Date
    """Last day of the plan period (a year, a half-year or a quarter)."""


class PlanInfo(Model):
    """About the plan document itself."""

    period: Period | None = None
    """The plan period."""
    strategy_horizon_months: int | None = Field(default=None, ge=1, le=120)
    """How far the account strategy looks ahead, usually 12 to 36 months."""
    last_reviewed: Date | None = None
    """When the plan was last reviewed; also the version date on the cover."""
    version: str | None = None
    """A version label for the plan, e.g. "2.1"."""
    status: PlanStatus = "draft"
    """Whether the plan is a draft or has been approved."""
    approved_by: Id | None = None
    """Id in `team` of who approved the plan (normally the key account manager)."""
    summary: Text | None = internal_only(
        why="written for our own side; a `customer:` wording is shown to the customer instead")
    """Executive summary: our objective with this customer and why they will respond."""
    assumptions: list[Text] = []
    """Planning assumptions the plan depends on."""


class Potential(Model):
    """The total business the account could give us."""

    volume: Money | None = None
    """Total volume potential, in the account's volume unit."""
    profit: Money | None = internal_only(why="our profit")
    """Total profit potential, in the account currency."""


class Competitor(Model):
    """A competitor active at this customer."""

    name: str = Field(min_length=1)
    """The competitor's name."""
    position: str | None = None
    """Their position at the customer (internal only)."""
    share_of_wallet: Share | None = None
    """Their share of the customer's spend, 0 to 1 (internal only)."""


class Relationship(Model):
    """Our relationship with the customer, and the competitors'."""

    summary: Text | None = internal_only(
        why="our own assessment; a `customer:` wording is shown to the customer instead")
    """A summary of the customer's relationship with us."""
    competitors: list[Competitor] = internal_only([], why="our reading of the competition")
    """Key competitors and their position at the customer."""


class Site(Model):
    """One of the customer's sites, plants or regions."""

    id: Id
    """Unique id of the site."""
    name: str = Field(min_length=1)
    """The site's name."""
    region: str | None = None
    """The region the site is in."""
    share_of_wallet: Share | None = None
    """Our share of the site's spend in our category, 0 to 1."""
    volume_target: Money | None = None
    """Our volume target at the site for the plan period."""
    profit_target: Money | None = internal_only(why="our profit")
    """Our profit target at the site for the plan period (internal only)."""
    competitors: list[str] = internal_only([], why="our reading of the competition")
    """Main competitors at the site."""
    contract_expiry: Date | None = None
    """When our current contract at the site expires."""
    next_tender: Date | None = None
    """When the next tender or contract extension is due."""


class CustomerStrategy(Model):
    """The customer's own vision and strategy."""

    vision: Text | None = None
    """The customer's vision, in their words."""
    goals: list[Text] = []
    """The customer's strategic goals."""
    validated_with_customer: Date | None = None
    """The date the vision and goals were checked with the customer; absent if never."""


class Pestle(Model):
    """Political, economic, social, technological, legal and environmental factors."""

    political: list[Text] = []
    """Political factors."""
    economic: list[Text] = []
    """Economic factors."""
    social: list[Text] = []
    """Social factors."""
    technological: list[Text] = []
    """Technological factors."""
    legal: list[Text] = []
    """Legal factors."""
    environmental: list[Text] = []
    """Environmental factors."""


class FiveForces(Model):
    """Porter's five forces acting on the customer's business."""

    rivalry: Text | None = None
    """Competitive rivalry in the customer's market."""
    new_entrants: Text | None = None
    """The threat of new entrants."""
    substitutes: Text | None = None
    """The threat of substitutes."""
    buyer_power: Text | None = None
    """The bargaining power of the customer's buyers."""
    supplier_power: Text | None = None
    """The bargaining power of the customer's suppliers."""


class Swot(Model):
    """Strengths, weaknesses, opportunities and threats."""

    strengths: list[Text] = []
    """Strengths."""
    weaknesses: list[Text] = []
    """Weaknesses."""
    opportunities: list[Text] = []
    """Opportunities."""
    threats: list[Text] = []
    """Threats."""


class OurSwot(Model):
    """Our strengths, weaknesses, opportunities and threats relative to this account."""

    strengths: list[Text] = []
    """Strengths."""
    weaknesses: list[Text] = internal_only([], why="our weaknesses are for our own side")
    """Weaknesses."""
    opportunities: list[Text] = []
    """Opportunities."""
    threats: list[Text] = internal_only([], why="our threats are for our own side")
    """Threats."""


class Environment(Model):
    """The customer's business environment."""

    pestle: Pestle | None = None
    """PESTLE analysis of the customer's environment."""
    five_forces: FiveForces | None = None
    """Five forces analysis of the customer's market."""
    customer_swot: Swot | None = None
    """The customer's own SWOT."""


class Factor(Model):
    """A weighted factor on one axis of the customer portfolio matrix."""

    factor: str = Field(min_length=1)
    """What is scored, e.g. Profitability."""
    weight: float = Field(ge=0, le=100)
    """The factor's weight; the weights of one axis sum to 1 (or to 100)."""
    score: Score
    """The score, 0 (worst) to 10 (best)."""


class Portfolio(Model):
    """Inputs of the customer portfolio matrix."""

    attractiveness: list[Factor] = []
    """Factors of the customer's attractiveness to us."""
    strength: list[Factor] = []
    """Factors of our business strength as the customer sees it."""


class LongTermObjective(Model):
    """A medium or long-term objective for the account."""

    model_config = Model.model_config | hidden_items(
        "internal_or_profit", "marked internal, or about our profit or margin")

    id: Id
    """Unique id of the objective."""
    text: Text
    """The objective."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class SmartObjective(Model):
    """A SMART objective for the plan period."""

    model_config = Model.model_config | hidden_items(
        "internal_or_profit", "marked internal, or about our profit or margin")

    id: Id
    """Unique id of the objective."""
    text: Text
    """The objective."""
    measure: str | None = None
    """What is measured, e.g. tonnes or OTIF %."""
    baseline: float | None = None
    """Where the measure stands today."""
    target: float | None = Field(default=None, ge=0)
    """Where the measure must be by the due date."""
    current: float | None = None
    """Where the measure stands now: the latest reading, or the forecast for a measure over the period."""
    due: Date | None = None
    """When the target must be met."""
    owner: Id | None = None
    """Id in `team` of who owns the objective."""
    supports: Id | None = None
    """Id of the long-term objective this serves."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class Objectives(Model):
    """Our objectives for the account."""

    long_term: list[LongTermObjective] = []
    """Medium and long-term objectives."""
    smart: list[SmartObjective] = []
    """This period's SMART objectives."""


class Need(Model):
    """A customer need or value driver, in the customer's words."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    id: Id
    """Unique id of the need."""
    need: Text
    """The need."""
    success: Text | None = None
    """What success looks like for the customer."""
    priority: int | None = Field(default=None, ge=1)
    """Priority, 1 first."""
    agreed_with_customer: bool = False
    """Whether the customer has agreed this need and its priority."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class ValueElement(Model):
    """An element of the customer value proposition matched to a need."""

    model_config = Model.model_config | hidden_items("internal", "marked internal")

    need: Id
    """Id in `needs` of the need this answers."""
    offer: Text
    """What we offer."""
    benefit: Money | None = None
    """The value to the customer, in the account currency per year."""
    internal: bool = False
    """Keep this item out of customer documents (it stays in the internal ones)."""


class SuccessFactor(Model):
    """A critical success factor: how the customer judges suppliers."""

    factor: str = Field(min_length=1)
    """What the customer judges."""
    weight: float | None = Field(default=None, ge=0, le=100)
    """How much it matters to the customer (shares of 1 or of 100)."""
    us: Score | None = None
    """Our performance, 0 to 10."""
    competitors: dict[str, Score] = internal_only({}, why="our reading of the competition")
    """Each competitor's performance, 0 to 10, by competitor name (internal only)."""
