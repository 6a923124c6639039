"""The skeleton of the Word plan: its parts in order.

The six numbered sections follow the research structure of a key account plan
(relationship overview, key account overview, objectives and strategy, customer
alignment, relationship management, implementation); the minimum content of a
good plan sits inside them: the account background in section 1, the customer's
needs and our value proposition in section 3. Every heading is written whatever
the plan holds; a part without data says what to capture there (`gaps.GAPS`).
"""

from __future__ import annotations

from collections.abc import Callable

from .context import Context
from .cover import contents, cover
from .dashboard import plan_on_a_page
from .implementation import appendix, implementation
from .overview import relationship_overview
from .relationships import customer_alignment, relationship_management
from .strategy import key_account_overview, objectives_and_strategy

SECTIONS: list[Callable[[Context], None]] = [
    cover,
    plan_on_a_page,
    contents,
    relationship_overview,
    key_account_overview,
    objectives_and_strategy,
    customer_alignment,
    relationship_management,
    implementation,
    appendix,
]
"""Every part of the plan, in document order."""

HEADINGS: list[str] = [
    "1 Relationship overview and executive summary",
    "2 Key account overview",
    "3 Objectives and strategy",
    "4 Customer alignment",
    "5 Relationship management",
    "6 Implementation plan",
    "Appendix A: Partnership and key account audit",
]
"""The Heading 1 texts of the internal edition (tests keep them golden); the customer's Appendix A, which
holds the audit alone, is "Appendix A: Key account audit"."""
