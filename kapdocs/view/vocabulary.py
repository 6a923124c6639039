"""One vocabulary: how every enumerated value reads, which statuses count as open, done or late,
and the single definitions of "overdue" and "upcoming".

Every document takes its words from here; a test ties each table to the model's allowed
values (`kapdocs.model.base`), so a value added to the model without a label fails the suite.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from kapdocs.analysis.timeline import AGENDA_TITLES

# -- labels of the model's enumerations ----------------------------------------------------------

ACTION_STATUS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "late": "Late",
                 "cancelled": "Cancelled"}
"""`actions[].status` and `action_log[].status`."""

STAGE = {"suspect": "Suspect", "prospect": "Prospect", "analysis": "Analysis", "negotiation": "Negotiation",
         "close": "Close", "order": "Order", "pay": "Pay"}
"""`opportunities[].stage`: the SPANCOP stages, as our own side says them."""

CUSTOMER_STAGE = {"suspect": "Idea", "prospect": "Exploring", "analysis": "Assessing together",
                  "negotiation": "Agreeing terms", "close": "Final approval", "order": "Ordered",
                  "pay": "Delivered"}
"""`opportunities[].stage` as the customer reads it (the stage names are our sales jargon)."""

def stage(value: str, audience: str) -> str:
    """A SPANCOP stage as the audience says it: our sales words internally, plain words for the customer."""
    return (STAGE if audience == "internal" else CUSTOMER_STAGE)[value]


OPPORTUNITY_KIND = {"new_business": "New business", "extension": "Extension", "renewal": "Renewal"}
"""`opportunities[].kind`."""

BUYER_ROLE = {"economic": "Economic decision-maker", "ultimate": "Ultimate decision-maker",
              "technical": "Technical decision-maker", "end_user": "End user", "advocate": "Advocate"}
"""`contacts[].roles`, in full."""

BUYER_ROLE_SHORT = {"economic": "Economic", "ultimate": "Ultimate", "technical": "Technical",
                    "end_user": "End user", "advocate": "Advocate"}
"""`contacts[].roles`, for narrow columns."""

POLICY_LEVEL = {"instigator": "Instigator", "influencer": "Influencer", "implementer": "Implementer"}
"""`contacts[].level`."""

ATTITUDE = {"champion": "Champion", "supporter": "Supporter", "neutral": "Neutral", "sceptic": "Sceptic",
            "blocker": "Blocker"}
"""`contacts[].attitude` (internal only)."""

INFLUENCE = {"high": "High", "medium": "Medium", "low": "Low"}
"""`contacts[].influence` (internal only)."""

SENIORITY = {"board": "Board", "director": "Director", "manager": "Manager", "staff": "Staff"}
"""`team[].seniority` and `contacts[].seniority`."""

FUNCTION = {"sales": "Sales / key account", "marketing": "Marketing", "technical": "Technical",
            "supply": "Supply chain", "finance": "Finance", "operations": "Operations",
            "service": "Customer service", "legal": "Legal", "executive": "Executive", "other": "Other"}
"""`team[].function`."""

FREQUENCY = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly", "yearly": "Yearly",
             "ad_hoc": "Ad hoc"}
"""`relationships[].frequency`."""

RELATIONSHIP_RATING = {"poor": "Poor", "fair": "Fair", "good": "Good", "strong": "Strong",
                       "excellent": "Excellent"}
"""`account.relationship_strength`."""

PLAN_STATUS = {"draft": "Draft", "approved": "Approved"}
"""`plan.status`."""

LEVEL = {"low": "Low", "medium": "Medium", "high": "High"}
"""`risks[].likelihood` and `risks[].impact`."""

INITIATIVE_KIND = {"highlight": "Highlight", "lowlight": "Lowlight"}
"""`initiatives[].kind`."""

MEETING_TYPE = {"qbr": "Quarterly business review", "internal_review": "Internal account review"}
"""`meetings[].type`, in titles."""

MEETING_TYPE_SHORT = {"qbr": "Customer review (QBR)", "internal_review": "Internal review"}
"""`meetings[].type`, in tables."""

INDICATOR_STATUS = {"yes": "Yes", "partly": "Partly", "no": "No"}
"""`partnership_indicators[].status`."""

AUDIT_KIND = {"past": "Past and present", "future": "Future"}
"""`audit[].kind`."""

CUSTOMER_FUNCTION = {"operations": "Operations", "marketing": "Marketing", "technical": "Technical",
                     "commercial": "Commercial", "other": "Other"}
"""`customer_activities[].function`."""

LABELS: dict[str, dict[str, str]] = {
    "RelationshipRating": RELATIONSHIP_RATING, "PlanStatus": PLAN_STATUS, "Function": FUNCTION,
    "Seniority": SENIORITY, "BuyerRole": BUYER_ROLE, "Influence": INFLUENCE, "Attitude": ATTITUDE,
    "PolicyLevel": POLICY_LEVEL, "Frequency": FREQUENCY, "ActionStatus": ACTION_STATUS, "Stage": STAGE,
    "OpportunityKind": OPPORTUNITY_KIND, "Level": LEVEL, "InitiativeKind": INITIATIVE_KIND,
    "MeetingType": MEETING_TYPE, "IndicatorStatus": INDICATOR_STATUS, "AuditKind": AUDIT_KIND,
    "CustomerFunction": CUSTOMER_FUNCTION, "AgendaKey": AGENDA_TITLES,
}
"""Each enumeration of `kapdocs.model.base` by its name, and its labels."""

RELATIONSHIP_STRENGTH = {0: "none", 1: "aware", 2: "working", 3: "good", 4: "trusted partner"}
"""`relationships[].strength`, 0 to 4."""

RAG = {"green": "On target", "amber": "Near target", "red": "Off target"}
"""A supply metric's standing against its target (`analysis.supply`)."""

OBJECTIVE_STATUS = {"met": "Met", "on_track": "On track", "at_risk": "At risk", "missed": "Missed",
                    "no_reading": "No reading yet"}
"""Where a SMART objective stands (`analysis.objectives`)."""

OBJECTIVE_RAG = {"met": "green", "on_track": "green", "at_risk": "amber", "missed": "red", "no_reading": None}
"""The traffic-light colour of each objective status."""

# -- status groups -------------------------------------------------------------------------------

OPEN = ("planned", "in_progress", "late")
"""Statuses of work still to do."""
DONE = ("done",)
"""Statuses of work finished."""
CLOSED = ("done", "cancelled")
"""Statuses of work that needs nothing more."""
GROUPS = {"open": OPEN, "done": DONE, "cancelled": ("cancelled",)}
"""Each status's group, for the view's data."""
GROUP_WORDS = {"open": "under way or planned", "overdue": "behind schedule", "done": "done", "cancelled": "cancelled"}
"""How a count of actions in each group reads: "5 behind schedule"."""


class Dated(Protocol):
    status: str
    due: dt.date | None


def is_open(item: Dated) -> bool:
    """Whether an action (or log entry) still needs work: planned, in progress or late."""
    return item.status in OPEN


def is_overdue(item: Dated, as_of: dt.date) -> bool:
    """Overdue: still open and due before `as_of`, or marked late.

    The one definition every document uses: an action due in October that the plan still
    calls "in progress" is overdue at a December meeting, whatever its recorded status.
    """
    return is_open(item) and (item.status == "late" or (item.due is not None and item.due < as_of))


def is_upcoming(item: Dated, first: dt.date, last: dt.date) -> bool:
    """Upcoming in [first, last]: still open, not marked late, and due in that window."""
    return is_open(item) and item.status != "late" and item.due is not None and first <= item.due <= last


def close_slipped(opportunity, as_of: dt.date) -> bool:
    """Whether an open opportunity's expected close has passed on `as_of` without it being won."""
    from kapdocs.model import OPEN_STAGES

    return opportunity.stage in OPEN_STAGES and opportunity.expected_close is not None \
        and opportunity.expected_close < as_of


def status_label(item: Dated, as_of: dt.date) -> str:
    """How an action's status reads on `as_of`: "Overdue" for open work past its due date."""
    if is_overdue(item, as_of) and item.status != "late":
        return "Overdue"
    return ACTION_STATUS[item.status]


def status_group(item: Dated, as_of: dt.date) -> str:
    """open, overdue, done or cancelled."""
    if is_overdue(item, as_of):
        return "overdue"
    return next(name for name, statuses in GROUPS.items() if item.status in statuses)
