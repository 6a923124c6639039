"""How documents name the two companies: the customer and us (the supplier).

Our own documents say "the customer" and "we"; a customer document is a joint document and
names both companies, so that "we" never has to mean only one of them. The short names come
from the plan (`account.short_name`, `supplier.short_name`) or from the full name without its
legal form ("Northwind Foods plc" -> "Northwind Foods").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Plan

_LEGAL_FORM = re.compile(
    r"[\s,]+(?:plc|p\.l\.c\.|ltd\.?|limited|llp|llc|inc\.?|incorporated|corp\.?|corporation|co\.?|"
    r"gmbh|ag|kg|se|sa|s\.a\.|sas|sarl|s\.r\.l\.|srl|spa|s\.p\.a\.|bv|b\.v\.|nv|n\.v\.|ab|as|a/s|oy|"
    r"pty(?:\s+ltd)?|kk|k\.k\.)$", re.IGNORECASE)


def short_name(name: str) -> str:
    """`name` without a trailing legal form: "Meridian Ingredients Ltd" -> "Meridian Ingredients"."""
    shorter = _LEGAL_FORM.sub("", name.strip())
    return shorter or name.strip()


def possessive(name: str) -> str:
    """The possessive of a company name: "Northwind's", "Northwind Foods'"."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


@dataclass(frozen=True, slots=True)
class Parties:
    """The two companies as one audience's documents name them."""

    customer: str
    """The customer in running text: "the customer" for our side, its short name for the customer."""
    customers: str
    """Possessive of `customer`: "the customer's", "Northwind's"."""
    us: str
    """Our company as a column heading: "Us" for our side, our short name for the customer
    ("Us" still when the plan does not name us)."""
    customer_name: str
    """The customer's short name, whatever the audience."""
    supplier_name: str | None
    """Our short name, whatever the audience; None when the plan does not name us."""
    our_side: str = "Our team"
    """The heading over our people in attendee lists: "Our team" for our side; our company's full name
    for the customer (beside the customer's own), when the plan names us."""

    @classmethod
    def of(cls, plan: Plan, audience: str) -> "Parties":
        """The parties of `plan` as `audience` names them."""
        customer = plan.account.short_name or short_name(plan.account.name)
        supplier = (plan.supplier.short_name or short_name(plan.supplier.name)) if plan.supplier else None
        if audience == "internal":
            return cls("the customer", "the customer's", "Us", customer, supplier)
        side = plan.supplier.name if plan.supplier else "Our team"
        return cls(customer, possessive(customer), supplier or "Us", customer, supplier, side)

    def owner(self, side: str) -> str:
        """A column heading for whose owner: side "us" or "customer" ("Our owner", "Meridian owner")."""
        if side == "customer":
            return "Customer owner" if self.customer == "the customer" else f"{self.customer} owner"
        return "Our owner" if self.us == "Us" else f"{self.us} owner"
