"""The meeting pack's content is the view's meeting facts (`kapdocs.view.meeting`).

The agenda, the minutes and the calendar of one meeting read one `MeetingFacts`, the same
that the meeting's deck reads, so that they agree by construction. A QBR's facts are the
customer's view; an internal review's are our own side's.
"""

from __future__ import annotations

from kapdocs.view.meeting import OUR_SIDE, ActionRow, MeetingFacts, Person, meeting_title

MeetingPack = MeetingFacts
"""The facts of one meeting, as the meeting documents call them."""

__all__ = ["OUR_SIDE", "ActionRow", "MeetingPack", "Person", "meeting_title"]
