"""The starter text templates: a meeting invitation e-mail and a call report in Markdown."""

from __future__ import annotations

from pathlib import Path

INVITATION = """\
---
audience: customer
description: The invitation to the next review, to send from your mail program.
subject: "Invitation: {{ meeting.title }}, {{ meeting.date | date }}"
to: "{% for p in meeting.theirs if p.email %}{{ p.name }} <{{ p.email }}>{% if not loop.last %}, {% endif %}{% endfor %}"
cc: "{% for p in meeting.ours if p.email %}{{ p.name }} <{{ p.email }}>{% if not loop.last %}, {% endif %}{% endfor %}"
---
Dear {% for p in meeting.theirs %}{{ p.name.split()[0] }}{% if loop.revindex == 2 %} and {% elif not loop.last %}, {% endif %}{% endfor %},

We look forward to welcoming you to our {{ meeting.kind | lower }} on {{ meeting.date | date("long") }}, \
{{ meeting.start | time }} to {{ meeting.end | time }}{% if meeting.venue %}, at {{ meeting.venue }}{% endif %}.

What the meeting must achieve:
{% for o in meeting.objectives %}
- {{ o }}
{%- endfor %}

The agenda:
{% for item in meeting.agenda %}
{{ item.start | time }}  {{ item.title }}{% if item.presenter %} ({{ item.presenter }}){% endif %}
{%- endfor %}
{% if meeting.decisions_sought %}
We would like to take these decisions together:
{% for d in meeting.decisions_sought %}
- {{ d }}
{%- endfor %}
{% endif %}
Kind regards,
{% for p in meeting.ours if p.id == plan.account.key_account_manager %}{{ p.name }}
{{ p.title }}{% if plan.supplier is defined %}, {{ plan.supplier.name }}{% endif %}{% endfor %}
"""

CALL_REPORT = """\
---
audience: internal
description: Our call report after a review, for the team and the CRM.
---
# Call report: {{ plan.account.name }}

**Meeting:** {{ meeting.title }}, {{ meeting.date | date("long") }}, {{ meeting.start | time }} to {{ meeting.end | time }}
{% if meeting.venue %}**Venue:** {{ meeting.venue }}{% endif %}

**{{ parties.customer_name }}:** {% for p in meeting.theirs %}{{ p.label }}{% if not loop.last %}; {% endif %}{% endfor %}

**Our side:** {% for p in meeting.ours %}{{ p.label }}{% if not loop.last %}; {% endif %}{% endfor %}

## Where we stand
- Volume year to date: {{ figures.performance.total.ytd_volume_actual | number }} {{ volume_unit }} against \
{{ figures.performance.total.ytd_volume_target | number }} ({{ figures.performance.total.volume_achievement | percent }}).
- Value delivered this period: {{ figures.initiatives.total | money }}.
{%- for s in figures.supply if s.status == "red" %}
- Off target: {{ s.metric.metric }} ({{ s.metric.actual }} {{ s.metric.unit or "" }} against {{ s.metric.target }}).
{%- endfor %}

## Objectives of the meeting
{% for o in meeting.objectives %}
- [ ] {{ o }}
{%- endfor %}

## Decisions sought
{% for d in meeting.decisions_sought %}
- [ ] {{ d }}
{%- else %}
- None requested.
{%- endfor %}

## Actions behind schedule on the day
| Action | Owners | Due | Status |
|---|---|---|---|
{% for a in meeting.overdue -%}
| {{ a.text | markdown }} | {{ a.ours }}{% if a.theirs %} / {{ a.theirs }}{% endif %} | {{ a.due_text }} | {{ a.status_text }} |
{% else -%}
| None | | | |
{% endfor %}
## What we learned
_Write here after the meeting: what the customer said, what changed, what we agreed._

## Next meeting
{% if meeting.next %}{{ meeting.next | date("long") }}{% else %}To be agreed.{% endif %}
"""


def write(folder: Path) -> list[Path]:
    """Write the text starters into `folder`; returns their paths."""
    written = []
    for name, text in (("meeting-invitation.eml", INVITATION), ("call-report.md", CALL_REPORT)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
