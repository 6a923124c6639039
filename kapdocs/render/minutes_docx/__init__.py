"""The meeting pack for one meeting: agenda (.docx), minutes template (.docx) and calendar (.ics).

`render(job)` picks the meeting (`job.meeting()`), gathers its content once
(the view's meeting facts, `kapdocs.view.meeting`: the same the deck reads) and writes three files, each re-opened by its own
library before it replaces an older one:

- `naming.agenda_file`: the agenda to send with the invitation, and the
  organiser's preparation and follow-up checklist (`agenda.py`);
- `naming.minutes_file`: the minutes template to fill in during the meeting (`minutes.py`);
- `naming.calendar_file`: the meeting and its preparation steps (`calendar.py`).

A QBR's documents go to the customer and show nothing internal; an internal
review's use the Past, Future, Assess, Learn agenda and may show internal figures.
"""

from __future__ import annotations

from pathlib import Path

from kapdocs import naming
from kapdocs.errors import RenderError
from kapdocs.render import Job

from .agenda import write_agenda
from .calendar import calendar_bytes
from .minutes import write_minutes
from .pack import MeetingPack

__all__ = ["render", "MeetingPack"]


def _verify_docx(package) -> None:
    if not package.has_paragraphs():
        raise RenderError("the meeting document came out empty")


def _verify_ics(path: Path) -> None:
    from icalendar import Calendar

    if not Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
        raise ValueError(f"{path.name}: the calendar has no event")


def render(job: Job) -> list[Path]:
    """Write the agenda, the minutes template and the calendar of `job.meeting()`; return their paths."""
    pack = job.view.meeting
    meeting = pack.meeting
    account = job.plan.account.name
    agenda_name = naming.agenda_file(account, meeting.id)
    written = [
        job.out.write(agenda_name, lambda path: write_agenda(job, pack, path), verify=_verify_docx),
        job.out.write(naming.minutes_file(account, meeting.id), lambda path: write_minutes(job, pack, path),
                      verify=_verify_docx),
        job.out.write(naming.calendar_file(account, meeting.id), calendar_bytes(pack, job.fmt),
                      verify=_verify_ics),
    ]
    return written
