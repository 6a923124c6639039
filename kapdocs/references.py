"""Rules that span sections: unique ids, references that resolve, sums and orders.

They read the plain data (not the validated model), so that they run and report
even when other parts of the file are invalid: every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

from .naming import slug

Path_ = tuple[str | int, ...]

ID_LISTS: dict[str, Path_] = {
    "sites": ("sites",),
    "team": ("team",),
    "contacts": ("contacts",),
    "needs": ("needs",),
    "long-term objectives": ("objectives", "long_term"),
    "SMART objectives": ("objectives", "smart"),
    "actions": ("actions",),
    "opportunities": ("opportunities",),
    "meetings": ("meetings",),
    "action_log": ("action_log",),
}
"""Lists whose items carry an `id`, unique within the list."""

PEOPLE = ("team", "contacts")

# (list path or None for a single mapping, field, target lists, is the field a list of ids)
REFERENCES: list[tuple[Path_, str, tuple[str, ...], bool]] = [
    (("account",), "key_account_manager", ("team",), False),
    (("account",), "executive_sponsor", ("team",), False),
    (("plan",), "approved_by", ("team",), False),
    (("objectives", "smart", "*"), "owner", ("team",), False),
    (("objectives", "smart", "*"), "supports", ("long-term objectives",), False),
    (("value_proposition", "*"), "need", ("needs",), False),
    (("contacts", "*"), "site", ("sites",), False),
    (("contacts", "*"), "reports_to", ("contacts",), False),
    (("relationships", "*"), "ours", ("team",), False),
    (("relationships", "*"), "theirs", ("contacts",), False),
    (("actions", "*"), "need", ("needs",), False),
    (("actions", "*"), "objective", ("SMART objectives",), False),
    (("actions", "*"), "owner", ("team",), False),
    (("actions", "*"), "customer_owner", ("contacts",), False),
    (("opportunities", "*"), "owner", ("team",), False),
    (("opportunities", "*"), "site", ("sites",), False),
    (("risks", "*"), "owner", ("team",), False),
    (("risks", "*"), "site", ("sites",), False),
    (("performance", "*"), "site", ("sites",), False),
    (("initiatives", "*"), "action", ("actions",), False),
    (("meetings", "*"), "attendees", PEOPLE, True),
    (("meetings", "*"), "apologies", PEOPLE, True),
    (("meetings", "*"), "minute_taker", ("team",), False),
    (("meetings", "*", "presenters", "*"), "by", PEOPLE, True),
    (("meetings", "*", "activities", "*"), "led_by", PEOPLE, True),
    (("action_log", "*"), "owner", PEOPLE, False),
    (("action_log", "*"), "customer_owner", ("contacts",), False),
    (("action_log", "*"), "raised_in", ("meetings",), False),
    (("customer_activities", "*"), "owner", ("contacts",), False),
]
"""Every field that names an id in another list."""

ID_FIELDS = {field for _, field, _, _ in REFERENCES}
"""Names of the fields that hold ids."""


def _walk(data: Any, pattern: Path_, at: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Each (path, value) matching `pattern`, where '*' stands for every list index."""
    if not pattern:
        yield at, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _walk(item, rest, at + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, at + (head,))


def _ids(data: Any, problems: list[tuple[Path_, str]]) -> dict[str, dict[str, Path_]]:
    known: dict[str, dict[str, Path_]] = {}
    for name, path in ID_LISTS.items():
        seen: dict[str, Path_] = {}
        for item_path, item in _walk(data, path + ("*",)):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str) or not ident:
                continue
            if ident in seen:
                first = seen[ident][-1]
                problems.append((item_path + ("id",), f"id '{ident}' is used twice in {name} "
                                 f"(also at index {first}); ids must be unique within a list"))
            else:
                seen[ident] = item_path
        known[name] = seen
    files: dict[str, str] = {}
    for ident, path in known["meetings"].items():
        name = slug(ident, "meeting")
        if name in files:
            problems.append((path + ("id",), f"meeting ids '{files[name]}' and '{ident}' would give the same "
                             f"file names (…-{name}.pptx: file names keep only letters, digits and hyphens); rename one"))
        else:
            files[name] = ident
    for ident in sorted(known["team"].keys() & known["contacts"].keys()):
        problems.append((known["contacts"][ident] + ("id",), f"id '{ident}' is used in both team and contacts; "
                         "meetings and the action log could not tell them apart: rename one"))
    return known


def _dangling(value: str, targets: tuple[str, ...], known: dict[str, dict[str, Path_]]) -> str:
    choices = [i for t in targets for i in known.get(t, {})]
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.5)
    where = " or ".join(targets)
    if close:
        return f"unknown id '{value}': no such id in {where}; closest: {', '.join(close)}"
    if choices:
        shown = ", ".join(sorted(choices)[:8]) + (" ..." if len(choices) > 8 else "")
        return f"unknown id '{value}': no such id in {where} (known: {shown})"
    return f"unknown id '{value}': {where} has no entries yet; add it there first"


def _references(data: Any, known: dict[str, dict[str, Path_]], problems: list[tuple[Path_, str]]) -> None:
    for pattern, field, targets, many in REFERENCES:
        for path, holder in _walk(data, pattern):
            if not isinstance(holder, dict) or holder.get(field) is None:
                continue
            values = holder[field] if many else [holder[field]]
            if not isinstance(values, list):
                continue
            for i, value in enumerate(values):
                if not isinstance(value, str):
                    continue
                if not any(value in known.get(t, {}) for t in targets):
                    at = path + ((field, i) if many else (field,))
                    problems.append((at, _dangling(value, targets, known)))


def _weights(data: Any, problems: list[tuple[Path_, str]]) -> None:
    for axis in ("attractiveness", "strength"):
        factors = list(_walk(data, ("portfolio", axis, "*")))
        weights = [f.get("weight") for _, f in factors if isinstance(f, dict)]
        numbers = []
        for w in weights:
            try:
                numbers.append(float(w))
            except (TypeError, ValueError):
                return  # reported as a type error already
        if not numbers:
            continue
        total = sum(numbers)
        if not (abs(total - 1) <= 0.001 or abs(total - 100) <= 0.1):
            problems.append((("portfolio", axis), f"the weights sum to {total:g}; "
                             "they must sum to 1 (or to 100)"))


def _as_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _period(data: Any, problems: list[tuple[Path_, str]]) -> None:
    for path, period in _walk(data, ("plan", "period")):
        if isinstance(period, dict):
            start, end = _as_date(period.get("start")), _as_date(period.get("end"))
            if start and end and start > end:
                problems.append((path + ("end",), f"the period ends ({end}) before it starts ({start})"))


def _pairs(data: Any, problems: list[tuple[Path_, str]]) -> None:
    seen: dict[tuple[Any, Any], int] = {}
    for path, link in _walk(data, ("relationships", "*")):
        if isinstance(link, dict) and isinstance(link.get("ours"), str) and isinstance(link.get("theirs"), str):
            key = (link["ours"], link["theirs"])
            if key in seen:
                problems.append((path, f"the relationship {key[0]} → {key[1]} is given twice "
                                 f"(also at index {seen[key]}); keep one"))
            else:
                seen[key] = path[-1]
    rows: dict[tuple[Any, Any], int] = {}
    for path, row in _walk(data, ("performance", "*")):
        if isinstance(row, dict) and isinstance(row.get("period"), str):
            key = (row["period"], row.get("site"))
            if key in rows:
                problems.append((path, f"performance for {key[0]}"
                                 f"{' at ' + key[1] if isinstance(key[1], str) else ''} is given twice "
                                 f"(also at index {rows[key]}); keep one"))
            else:
                rows[key] = path[-1]


def _whole(value: Any) -> int | None:
    """`value` as a whole number (plain scalars may still be text here); None when it is not one."""
    try:
        return int(str(value))
    except ValueError:
        return None


def _agendas(data: Any, known: dict[str, dict[str, Path_]], problems: list[tuple[Path_, str]]) -> None:
    from .model.base import INTERNAL_AGENDA_KEYS, QBR_AGENDA_KEYS

    every_key = INTERNAL_AGENDA_KEYS + QBR_AGENDA_KEYS

    def is_person(value: Any) -> bool:
        return isinstance(value, str) and any(value in known.get(t, {}) for t in PEOPLE)

    for path, meeting in _walk(data, ("meetings", "*")):
        if not isinstance(meeting, dict):
            continue
        internal = meeting.get("type") == "internal_review"
        keys = INTERNAL_AGENDA_KEYS if internal else QBR_AGENDA_KEYS
        kind = "an internal review" if internal else "a QBR"
        attending = meeting.get("attendees") if isinstance(meeting.get("attendees"), list) else []
        if not all(is_person(a) for a in attending):
            attending = []  # a broken attendee list is reported as such; judge presenters against it once fixed
        seen: set[str] = set()
        for i, entry in enumerate(meeting.get("presenters") or []):
            item = entry.get("item") if isinstance(entry, dict) else None
            if not isinstance(item, str):
                continue
            if item not in keys and item in every_key:
                problems.append((path + ("presenters", i, "item"), f"'{item}' is not an item of {kind}'s "
                                 f"agenda; use one of: {', '.join(keys)}"))
            elif item in seen:
                problems.append((path + ("presenters", i, "item"), f"the presenters of '{item}' are given twice; "
                                 "list everyone in one `by`"))
            seen.add(item)
            for j, who in enumerate(entry.get("by") or []):
                if attending and who not in attending and is_person(who):  # an unknown id is reported once
                    problems.append((path + ("presenters", i, "by", j), f"'{who}' presents '{item}' but is not "
                                     "in this meeting's attendees; add them there or choose an attendee"))
        total = 0
        for i, activity in enumerate(meeting.get("activities") or []):
            if not isinstance(activity, dict):
                continue
            after = activity.get("after")
            if isinstance(after, str) and after not in keys and after in every_key:
                problems.append((path + ("activities", i, "after"), f"'{after}' is not an item of {kind}'s "
                                 f"agenda; use one of: {', '.join(keys)}"))
            total += _whole(activity.get("minutes")) or 0
        duration = _whole(meeting.get("duration_minutes", 60))
        if total and duration is not None:
            items = len(keys) - (0 if internal or meeting.get("first_time_senior") else 1)
            if duration - total < 5 * items:
                problems.append((path + ("activities",), f"the activities take {total} of the meeting's "
                                 f"{duration} minutes, leaving less than 5 minutes for each of the {items} agenda "
                                 f"items; lengthen duration_minutes to at least {total + 5 * items} or shorten them"))


def _accepted_rules(data: Any, problems: list[tuple[Path_, str]]) -> None:
    entries = list(_walk(data, ("accepted_findings", "*")))
    if not entries:
        return
    from .check_ids import RULE_IDS as ids  # the ids only: the rules and the analysis are not imported
    for path, entry in entries:
        rule = entry.get("rule") if isinstance(entry, dict) else None
        if isinstance(rule, str) and rule not in ids:
            close = difflib.get_close_matches(rule, ids, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else " (`kapdocs check` prints rule ids)"
            problems.append((path + ("rule",), f"no health-check rule '{rule}'{hint}"))


def check(data: Any) -> list[tuple[Path_, str]]:
    """Every cross-section problem in the plan data, as (path, message)."""
    problems: list[tuple[Path_, str]] = []
    if not isinstance(data, dict):
        return problems
    known = _ids(data, problems)
    _references(data, known, problems)
    _weights(data, problems)
    _period(data, problems)
    _pairs(data, problems)
    _agendas(data, known, problems)
    _accepted_rules(data, problems)
    return problems
