"""Minimum content: every block a key account plan must hold (DOMAIN.md §3), one rule per block.

Each rule yields one error per missing item, naming the plan key to fill in.
"""

from __future__ import annotations

from collections.abc import Iterator

from .registry import Finding, rule


def _missing(what: str, key: str, why: str, section: str | None = None) -> Finding:
    return Finding(message=f"No {what}.", fix=f"Fill in {key}: {why}", path=key, section=section or "")


@rule("content-account", "error", "overview", "Account background and status captured")
def content_account(plan, figures) -> Iterator[Finding]:
    """Plan period, customer basics, business potential, relationship summary, competitors and sites."""
    account = plan.account
    if plan.plan.period is None:
        yield _missing("plan period", "plan.period", "the start and end dates every date in the plan is judged by.")
    if not account.sector:
        yield _missing("customer sector", "account.sector", "the customer's industry frames the whole analysis.")
    if not account.address:
        yield _missing("customer address", "account.address", "the customer's main address belongs in the basics.")
    if not account.main_contact_method:
        yield _missing("main contact method", "account.main_contact_method",
                       "how the customer prefers to be reached (e-mail, phone, portal).")
    potential = plan.potential
    if potential is None or (potential.volume is None and potential.profit is None):
        yield _missing("business potential", "potential",
                       "total volume and profit the account could give us, so targets can be judged against it.")
    relationship = plan.relationship
    if relationship is None or not relationship.summary:
        yield _missing("relationship summary", "relationship.summary",
                       "how the customer relates to us today, in a few lines.")
    if relationship is None or not relationship.competitors:
        yield _missing("competitors", "relationship.competitors",
                       "the key competitors at the customer and their position.")
    if not plan.sites:
        yield _missing("customer sites", "sites",
                       "each site with our share of wallet, targets, competitors, contract expiry and next tender.",
                       section="sites")


@rule("content-strategy", "error", "strategy", "Account strategy, objectives and targets captured")
def content_strategy(plan, figures) -> Iterator[Finding]:
    """Customer vision and goals, SWOT, PESTLE, core-team input, long-term and SMART objectives."""
    strategy = plan.customer_strategy
    if strategy is None or not (strategy.vision or strategy.goals):
        yield _missing("customer vision or goals", "customer_strategy",
                       "the customer's own vision and goals, in their words, checked with them.")
    environment = plan.environment
    swots = [s for s in (plan.swot, environment.customer_swot if environment else None) if s is not None]
    if not any(s.strengths or s.weaknesses or s.opportunities or s.threats for s in swots):
        yield _missing("SWOT analysis", "swot", "our strengths, weaknesses, opportunities and threats at this account.")
    pestle = environment.pestle if environment else None
    if pestle is None or not any(getattr(pestle, f) for f in type(pestle).model_fields):
        yield _missing("PESTLE analysis", "environment.pestle",
                       "the political, economic, social, technological, legal and environmental forces on the customer.")
    if not plan.core_team_input:
        yield _missing("core-team input", "core_team_input",
                       "how each function of the core team can help the customer reach its goals.")
    objectives = plan.objectives
    if objectives is None or not objectives.long_term:
        yield _missing("medium or long-term objectives", "objectives.long_term",
                       "where we want to be with this account over the strategy horizon.", section="objectives")
    if objectives is None or not objectives.smart:
        yield _missing("SMART objectives for the plan period", "objectives.smart",
                       "this period's objectives, each with a measure, target, due date and owner.",
                       section="objectives")


@rule("content-needs", "error", "needs", "Customer needs captured")
def content_needs(plan, figures) -> Iterator[Finding]:
    """What success looks like for the customer, agreed and prioritised with them."""
    if not plan.needs:
        yield _missing("customer needs", "needs",
                       "the customer's needs and value drivers in their words, prioritised and agreed with them.")


@rule("content-contacts", "error", "relationships", "Contact matrix captured")
def content_contacts(plan, figures) -> Iterator[Finding]:
    """Our core team, the customer's contacts, and who relates to whom."""
    if not plan.team:
        yield _missing("core team", "team", "who on our side works on the account, by function.")
    if not plan.contacts:
        yield _missing("customer contacts", "contacts",
                       "the customer's decision-making unit, with buyer roles, influence and attitude.")
    if not plan.relationships:
        yield _missing("contact matrix", "relationships",
                       "who on our side relates to whom on theirs, and how strongly.")


@rule("content-actions", "error", "actions", "Tactical action plan captured")
def content_actions(plan, figures) -> Iterator[Finding]:
    """This period's actions."""
    if not plan.actions:
        yield _missing("action plan", "actions",
                       "this period's actions, each with the need it serves, a target, a date and owners on both sides.")


@rule("content-opportunities", "error", "pipeline", "Live opportunities captured")
def content_opportunities(plan, figures) -> Iterator[Finding]:
    """Live opportunities with their SPANCOP stage and next step."""
    if not plan.opportunities:
        yield _missing("live opportunities", "opportunities",
                       "each opportunity with its SPANCOP stage, value, probability and next step.")
