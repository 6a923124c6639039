"""Reading an edited contact-matrix workbook back into the plan file.

`read_back(plan, workbook)` compares every editable cell (Matrix relationships,
Contacts and Team rows) with what the writer would show for the plan as it is now;
only a cell that differs is an edit. Edits are checked first (an unknown id, a
strength of 7, a role that does not exist are each reported as
`WORKBOOK!Sheet!C12: ...`, and nothing is written), then applied to the YAML with
ruamel.yaml's round-trip mode so that comments, key order and layout stay as they
were, and the result is validated like any plan before `ContactsUpdate.write`
replaces the file atomically. A workbook read back unchanged changes nothing.

What is read: relationship cells of the Matrix (by the ids in its column A and row 4);
every column of the Contacts and Team tables (by the id in their first column), new
rows included. What is not: the Matrix's contact details and team names (edit them in
the Contacts and Team sheets; a change there is reported as ignored), the Buyers and
Coverage sheets (rebuilt from the plan), and deletions of whole people (remove them
from the plan file: other sections may refer to them).
"""

from __future__ import annotations

import difflib
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kapdocs.errors import PlanError, Problem, UsageError
from kapdocs.model import Contact, Plan, RelationshipLink, TeamMember
from kapdocs.text import clean, parse_inline
from kapdocs.render.contacts_xlsx.cells import (
    CONTACT_COLUMNS, ID_HEADER, MATRIX_CONTACT_COLUMNS, ROLES, SHEET_CONTACTS, SHEET_MATRIX, SHEET_TEAM,
    TEAM_COLUMNS, Column, LinkCell, cell_string, matrix_details, parse_link,
)
from kapdocs.xlsx_safe import CellTextCut, cell_text, column_letter

from . import yamledit

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is read
    from openpyxl.cell.rich_text import CellRichText

_SECTION_LABEL = {"contacts": "contact", "team": "team member"}


class WorkbookEditError(UsageError):
    """Edits in the workbook that cannot go into the plan; nothing was written."""

    def __init__(self, workbook: str, problems: list[str]):
        self.problems = problems
        """Each problem as `WORKBOOK!Sheet!C12: message`."""
        super().__init__(f"{len(problems)} invalid edit{'s' if len(problems) != 1 else ''} in {workbook}; "
                         "nothing was written:\n" + "\n".join(problems))


@dataclass(frozen=True, slots=True)
class Change:
    """One edit found in the workbook, in words."""

    where: str
    """`Sheet!C12`."""
    text: str


@dataclass
class ContactsUpdate:
    """What reading a workbook back would do to a plan file."""

    plan_path: Path
    workbook: Path
    old_text: str
    new_text: str
    changes: list[Change]
    notes: list[str] = field(default_factory=list)
    """Things the user should know: edits ignored, a plan that moved on since the workbook was written."""
    _old_bytes: bytes = b""
    _new_bytes: bytes = b""

    def diff(self) -> str:
        """A unified diff of the plan file, before and after."""
        return "".join(difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            str(self.plan_path), f"{self.plan_path} (with the workbook's edits)", n=2))

    @property
    def changed(self) -> bool:
        return self._new_bytes != self._old_bytes

    def write(self) -> None:
        """Replace the plan file atomically (refused when it changed since it was read). A plan file that is a
        link is updated where it points (the link stays a link, and every other link to it sees the edits)."""
        import os

        path = Path(os.path.realpath(self.plan_path))
        if path.read_bytes() != self._old_bytes:
            raise UsageError(f"{path} changed while its edits were being prepared; run the update again")
        from kapdocs.atomic import write_bytes

        write_bytes(path, self._new_bytes, mode=path.stat().st_mode & 0o7777, prefix=f".{path.name}-", suffix=".tmp")


# -- reading cells ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Cell:
    value: Any
    formula: bool
    ref: str
    """`Sheet!C12`."""
    markdown: str | None = None
    """For a cell of rich text (bold or italic runs): its text with the emphasis as `**bold**` and
    `*italic*`, read back into a column that keeps rich text (`Column.rich`); `value` is its plain text."""


def _markdown(value: CellRichText) -> str:
    """Rich text runs as the plan's Markdown subset (what the writer turned into runs)."""
    from openpyxl.cell.rich_text import TextBlock

    out = []
    for block in value:
        if isinstance(block, TextBlock):
            font = block.font
            if font is not None and font.b and block.text.strip():
                out.append(f"**{block.text}**")
                continue
            if font is not None and font.i and block.text.strip():
                out.append(f"*{block.text}*")
                continue
            out.append(block.text)
        else:
            out.append(str(block))
    return "".join(out)


MAX_ROWS = 20_000
"""The most rows read from one sheet of a contact matrix (people, or lines of the matrix)."""
MAX_COLUMNS = 1_000
"""The most columns read from one row."""


def _sheet_rows(ws, sheet: str) -> list[list[_Cell]]:
    """Every row of a read-only sheet as cells (row i of the list is sheet row i + 1), within `MAX_ROWS` rows
    and `MAX_COLUMNS` columns; a number that is not finite (`1E+400`) is refused at its cell."""
    ws.reset_dimensions()  # a file saved by another program may declare a wrong size
    rows: list[list[_Cell]] = []
    try:
        for r, row in enumerate(ws.iter_rows(), start=1):
            rows.append(_row_cells(r, row, sheet))
    except ValueError as exc:  # the reader's own parse of a cell it cannot read (a number like 1E+400)
        raise UsageError(f"{sheet}, row {len(rows) + 1}: a cell kapdocs cannot read ({exc}); write plain numbers "
                         "and text") from None
    return rows


def _row_cells(r: int, row, sheet: str) -> list[_Cell]:
    """Row `r`'s cells; refused beyond `MAX_ROWS` rows or `MAX_COLUMNS` columns, or holding a number that is
    not finite."""
    import math

    from openpyxl.cell.rich_text import CellRichText

    if r > MAX_ROWS:
        raise UsageError(f"{sheet}: more than {MAX_ROWS:,} rows; kapdocs reads at most {MAX_ROWS:,} (delete the "
                         "empty formatted rows below your data, or split the workbook)")
    if len(row) > MAX_COLUMNS and any(c.value is not None for c in row[MAX_COLUMNS:]):
        raise UsageError(f"{sheet}!{column_letter(MAX_COLUMNS)}{r}: more than {MAX_COLUMNS:,} columns; "
                         "kapdocs reads at most that many")
    cells = []
    for i, c in enumerate(row[:MAX_COLUMNS]):
        value, markdown = c.value, None
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"{sheet}!{column_letter(i)}{r}: {value} is not a number kapdocs can use; "
                             "write a number such as 3")
        if isinstance(value, CellRichText):
            value, markdown = str(value), _markdown(value)
        cells.append(_Cell(value, c.data_type == "f", f"{sheet}!{column_letter(i)}{r}", markdown))
    return cells


def _at(row: list[_Cell], index: int) -> _Cell | None:
    return row[index] if index < len(row) else None


def _written(value: Any) -> str | None:
    """What the writer puts in a cell for a plan value (cleaned, cut to the cell limit)."""
    if value is None or value == "":
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CellTextCut)
        return cell_text(value).text


def _unmarked(written: str | None) -> str | None:
    """`written` as it reads once its rich text runs lose their formatting: the emphasis markers gone."""
    return "".join(span.text for span in parse_inline(written)) if written else written


def _same(cell: _Cell | None, written: str | None) -> bool:
    """Whether a cell still holds what the writer put there."""
    raw = cell.value if cell is not None else None
    if raw is None or raw == "":
        return written is None
    if isinstance(raw, str) and raw == written:
        return True
    return cell_string(raw) == (written.strip() if written else None)


def _close(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


# -- the edits ---------------------------------------------------------------------------------

@dataclass
class _Edits:
    """Everything found in the workbook, checked; `problems` stop the update."""

    plan: Plan
    workbook: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    fields: list[tuple[str, int, str, Any, str]] = field(default_factory=list)
    """(section, index, field, new value, cell): None deletes the key."""
    new_people: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"contacts": [], "team": []})
    new_refs: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    """(section, id) of a new person -> field -> cell."""
    links: list[tuple[str, str, LinkCell | None]] = field(default_factory=list)
    """(ours, theirs, new cell): None removes the relationship."""

    def problem(self, ref: str, message: str) -> None:
        self.problems.append(f"{self.workbook}!{ref}: {message}")

    def note(self, ref: str, message: str) -> None:
        self.notes.append(f"{self.workbook}!{ref}: {message}" if ref else message)

    def name(self, ident: str) -> str:
        """The name of a person in the plan or new in the workbook (else the id)."""
        found = self.plan.person_name(ident)
        if found:
            return found
        new = [p for people in self.new_people.values() for p in people if p["id"] == ident]
        return new[0]["name"] if new else ident

    def ids(self, section: str) -> list[str]:
        """Ids in the plan and new in the workbook."""
        people = self.plan.contacts if section == "contacts" else self.plan.team
        return [p.id for p in people] + [p["id"] for p in self.new_people[section]]


def _shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(empty)"
    text = ", ".join(value) if isinstance(value, list) else str(value)
    text = text.replace("\n", " ")
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _read_list(edits: _Edits, book, sheet: str, section: str, columns: tuple[Column, ...], people: list) -> None:
    """The Contacts or Team table: changed fields of known people, and new people."""
    if sheet not in book.sheetnames:
        edits.note("", f"{edits.workbook} has no {sheet} sheet: {section} are left as they are")
        return
    rows = _sheet_rows(book[sheet], sheet)
    header_at = next((i for i, row in enumerate(rows[:30]) if row and cell_string(row[0].value) == ID_HEADER), None)
    if header_at is None:
        edits.problem(f"{sheet}!A1", f"no header row starting with '{ID_HEADER}' (the table's first column)")
        return
    by_header = {c.header.lower(): c for c in columns}
    layout: dict[int, Column] = {}
    for i, cell in enumerate(rows[header_at]):
        header = cell_string(cell.value)
        if header is None:
            continue
        column = by_header.get(header.lower())
        if column is None:
            edits.note(cell.ref, f"column '{header}' is not part of the plan; it is not read")
        elif column in layout.values():
            edits.problem(cell.ref, f"the column '{header}' appears twice; keep one")
        else:
            layout[i] = column
    if not any(c.field == "name" for c in layout.values()):
        edits.problem(f"{sheet}!{column_letter(0)}{header_at + 1}", "no 'Name' column")
        return
    known = {p.id: (i, p) for i, p in enumerate(people)}
    seen: dict[str, str] = {}
    for row in rows[header_at + 1:]:
        cells = {column: (replace(row[i], value=row[i].markdown) if column.rich and row[i].markdown else row[i])
                 for i, column in layout.items() if i < len(row)}
        if all((c.value is None or c.value == "") for c in cells.values()):
            continue
        id_cell = row[0]
        for column, cell in cells.items():
            if cell.formula:
                edits.problem(cell.ref, f"a formula in the {column.header} column; type the value itself "
                                        "(start with ' to keep text that begins with =)")
        try:
            ident = Column(ID_HEADER, "id", 0, "id", required=True).parse(id_cell.value)
        except ValueError as exc:
            message = (f"no id for this {_SECTION_LABEL[section]}: give each new row a short unique id "
                       "(letters, digits, '-', '_', '.')" if cell_string(id_cell.value) is None else str(exc))
            edits.problem(id_cell.ref, message)
            continue
        if ident in seen:
            edits.problem(id_cell.ref, f"the id '{ident}' is also used on {seen[ident]}; ids must be unique")
            continue
        seen[ident] = id_cell.ref.split("!")[1]
        if ident in known:
            _compare_person(edits, section, *known[ident], cells)
        else:
            _new_person(edits, section, ident, id_cell, cells)
    missing = [p.id for p in people if p.id not in seen]
    if missing:
        shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
        edits.note("", f"{sheet}: {len(missing)} {section} not in the sheet are kept unchanged ({shown}); "
                       "to remove someone, delete them from the plan file")


def _compare_person(edits: _Edits, section: str, index: int, person, cells: dict[Column, _Cell]) -> None:
    roles_seen: dict[str, bool] = {}
    for column, cell in cells.items():
        if column.kind == "role":
            if _same(cell, column.display(person)):
                roles_seen[column.role] = column.role in person.roles
                continue
        elif _same(cell, _written(column.display(person))):
            continue
        elif column.rich and cell.markdown is None and _same(cell, _unmarked(_written(column.display(person)))):
            continue  # a program that drops formatting changed no word: the plan keeps its emphasis
        try:
            value = column.parse(cell.value)
        except ValueError as exc:
            edits.problem(cell.ref, str(exc))
            continue
        if column.kind == "role":
            roles_seen[column.role] = value
            continue
        if isinstance(value, str) and column.kind == "text":
            value = clean(value)
        current = getattr(person, column.field)
        if value == current or (value is None and column.field == "function"):
            continue
        if column.field == "id":
            continue
        edits.fields.append((section, index, column.field, value, cell.ref))
        edits.changes.append(Change(cell.ref, f"{_SECTION_LABEL[section]} {person.id} ({person.name}): "
                                              f"{column.header} {_shown(current)} → {_shown(value)}"))
    if section == "contacts" and roles_seen:
        chosen = {r for r in ROLES if roles_seen.get(r, r in person.roles)}
        if chosen != set(person.roles):
            kept = [r for r in person.roles if r in chosen]
            roles = kept + [r for r in ROLES if r in chosen and r not in kept]
            ref = next(cell.ref for column, cell in cells.items() if column.kind == "role")
            edits.fields.append((section, index, "roles", roles, ref))
            edits.changes.append(Change(ref, f"contact {person.id} ({person.name}): buyer roles "
                                             f"{_shown(list(person.roles))} → {_shown(roles)}"))


def _new_person(edits: _Edits, section: str, ident: str, id_cell: _Cell, cells: dict[Column, _Cell]) -> None:
    model = Contact if section == "contacts" else TeamMember
    data: dict[str, Any] = {}
    roles: list[str] = []
    ok = True
    for column, cell in cells.items():
        if column.field == "id":
            continue
        try:
            value = column.parse(cell.value)
        except ValueError as exc:
            edits.problem(cell.ref, str(exc))
            ok = False
            continue
        if column.kind == "role":
            if value:
                roles.append(column.role)
        elif value is not None:
            data[column.field] = clean(value) if isinstance(value, str) else value
    if "name" not in data and ok:
        edits.problem(id_cell.ref, f"the new {_SECTION_LABEL[section]} '{ident}' has no name")
        ok = False
    if not ok:
        return
    if roles:
        data["roles"] = [r for r in ROLES if r in roles]
    ordered = {"id": ident, **{f: data[f] for f in model.model_fields if f in data}}
    edits.new_people[section].append(ordered)
    edits.new_refs[(section, ident)] = {column.field: cell.ref for column, cell in cells.items()}
    edits.changes.append(Change(id_cell.ref, f"new {_SECTION_LABEL[section]} {ident} ({data['name']})"))


def _check_references(edits: _Edits) -> None:
    """Sites and managers named in Contacts must exist (in the plan, or as new rows)."""
    sites = [s.id for s in edits.plan.sites]
    contacts = edits.ids("contacts")
    for section, _, name, value, ref in edits.fields:
        if section == "contacts":
            _check_reference(edits, name, value, sites, contacts, ref)
    for person in edits.new_people["contacts"]:
        refs = edits.new_refs[("contacts", person["id"])]
        for name in ("site", "reports_to"):
            _check_reference(edits, name, person.get(name), sites, contacts, refs.get(name, ""))


def _check_reference(edits: _Edits, name: str, value: Any, sites: list[str], contacts: list[str], ref: str) -> None:
    if value is None:
        return
    if name == "site" and value not in sites:
        known = (f"sites in the plan: {', '.join(sites)}" if sites
                 else "the plan lists no sites yet (add them under `sites:` first)")
        edits.problem(ref, f"unknown site '{value}'; {known}{_close(value, sites)}")
    if name == "reports_to" and value not in contacts:
        edits.problem(ref, f"'{value}' is not a contact id{_close(value, contacts)}")


def _read_matrix(edits: _Edits, book) -> None:
    """Relationship cells: by contact id (column A) and team id (the id row)."""
    plan = edits.plan
    if SHEET_MATRIX not in book.sheetnames:
        raise UsageError(f"{edits.workbook} has no {SHEET_MATRIX} sheet: it is not a kapdocs contact matrix")
    rows = _sheet_rows(book[SHEET_MATRIX], SHEET_MATRIX)
    names = {h for h, _ in MATRIX_CONTACT_COLUMNS[1:]}
    name_at = next((i for i, row in enumerate(rows[:40]) if len(row) > 1 and cell_string(row[0].value) == ID_HEADER
                    and cell_string(row[1].value) == MATRIX_CONTACT_COLUMNS[1][0]), None)
    above = rows[name_at - 1] if name_at else []
    if name_at is None or not above or cell_string(above[0].value) != ID_HEADER:
        raise WorkbookEditError(edits.workbook, [f"{edits.workbook}!{SHEET_MATRIX}!A1: the header rows are missing "
                                                 f"('{ID_HEADER}' in column A above 'Contact'); it cannot be read"])
    id_row, name_row = rows[name_at - 1], rows[name_at]
    detail_cols = {i: cell_string(c.value) for i, c in enumerate(name_row) if cell_string(c.value) in names}
    first = max(detail_cols, default=0) + 1
    team_ids = edits.ids("team")
    members: dict[int, str] = {}
    for i in range(first, len(id_row)):
        ident = cell_string(id_row[i].value)
        if ident is None or cell_string(_at(name_row, i).value if _at(name_row, i) else None) in ("Links", "Strength"):
            continue
        if ident not in team_ids:
            edits.problem(id_row[i].ref, f"unknown team member id '{ident}' (add new members to the Team sheet "
                                         f"first){_close(ident, team_ids)}")
        elif ident in members.values():
            edits.problem(id_row[i].ref, f"team member '{ident}' has two columns; keep one")
        else:
            members[i] = ident
            member = plan.member(ident)
            name_cell = _at(name_row, i)
            if member is not None and not _same(name_cell, _written(member.name)):
                edits.note(name_cell.ref if name_cell else id_row[i].ref,
                           "names of team members are edited in the Team sheet; this change is not read")
    links = {(r.ours, r.theirs): r for r in plan.relationships}
    contact_ids = edits.ids("contacts")
    contacts = {c.id: c for c in plan.contacts}
    seen: dict[str, str] = {}
    for row in rows[name_at + 2:]:
        if not row:
            continue
        ident = cell_string(row[0].value)
        if ident is None:
            for i in members:
                cell = _at(row, i)
                if cell is not None and not cell.formula and cell_string(cell.value) is not None:
                    edits.problem(cell.ref, "a relationship in a row with no contact id in column A; put the "
                                            "contact's id there (new contacts: add them to the Contacts sheet too)")
                    break
            continue
        if ident not in contact_ids:
            edits.problem(row[0].ref, f"unknown contact id '{ident}' (add new contacts to the Contacts sheet "
                                      f"first){_close(ident, contact_ids)}")
            continue
        if ident in seen:
            edits.problem(row[0].ref, f"contact '{ident}' has two rows (also row {seen[ident]}); keep one")
            continue
        seen[ident] = row[0].ref.rsplit("!", 1)[1][1:]
        contact = contacts.get(ident)
        if contact is not None:
            details = dict(zip((h for h, _ in MATRIX_CONTACT_COLUMNS[1:]), matrix_details(contact)))
            for i, header in detail_cols.items():
                cell, shown = _at(row, i), details[header]
                if not _same(cell, _written(shown)):
                    edits.note(cell.ref if cell else row[0].ref, "contact details are edited in the Contacts "
                                                                 "sheet; this change is not read")
        for i, member_id in members.items():
            cell = _at(row, i)
            _read_link(edits, member_id, ident, cell, links.get((member_id, ident)), f"{SHEET_MATRIX}!"
                       f"{column_letter(i)}{seen[ident]}")
    for contact in plan.contacts:
        if contact.id not in seen and any(r.theirs == contact.id for r in plan.relationships):
            edits.note("", f"{SHEET_MATRIX}: contact {contact.id} has no row; their relationships are kept")


def _read_link(edits: _Edits, ours: str, theirs: str, cell: _Cell | None, link, ref: str) -> None:
    if cell is not None and cell.formula:
        edits.problem(cell.ref, "a formula; write the relationship as text, e.g. '2 → 4, quarterly'")
        return
    try:
        new = parse_link(cell.value if cell is not None else None)
    except ValueError as exc:
        edits.problem(ref, str(exc))
        return
    old = LinkCell.of(link.strength, link.target_strength, link.frequency) if link is not None else None
    if new == old:
        return
    who = f"{edits.name(ours)} → {edits.name(theirs)}"
    if new is None:
        text = f"relationship {who} removed (was '{old.text}')"
    elif old is None:
        text = f"new relationship {who}: '{new.text}'"
    else:
        text = f"relationship {who}: '{old.text}' → '{new.text}'"
    edits.links.append((ours, theirs, new))
    edits.changes.append(Change(ref, text))


# -- three-way: the user's edits against what kapdocs wrote, applied to the plan as it is now ------------

def _base_plan(book, written_fingerprint: str | None, plan: Plan) -> Plan | None:
    """`plan` with the team, contacts and relationships kapdocs wrote the workbook from (its very hidden
    `SHEET_BASE`), when the workbook holds them intact; None otherwise."""
    import json

    from kapdocs.render.contacts_xlsx.cells import SHEET_BASE
    from kapdocs.render.contacts_xlsx.workbook import text_fingerprint

    if SHEET_BASE not in book.sheetnames or not written_fingerprint:
        return None
    rows = _sheet_rows(book[SHEET_BASE], SHEET_BASE)
    text = "".join(str(row[0].value or "") for row in rows[1:] if row)
    if text_fingerprint(text) != written_fingerprint:  # edited, or from another version: not a base
        return None
    try:
        data = json.loads(text)
        return plan.model_copy(update={
            "team": [TeamMember.model_validate(m) for m in data.get("team", [])],
            "contacts": [Contact.model_validate(c) for c in data.get("contacts", [])],
            "relationships": [RelationshipLink.model_validate(r) for r in data.get("relationships", [])],
        })
    except (ValueError, TypeError):
        return None


def _merge(edits: _Edits, base: Plan, plan: Plan) -> _Edits:
    """The workbook's edits (read against `base`, what kapdocs wrote) as edits of `plan` (the plan now),
    field by field: what only the workbook changed is applied, what only the plan changed is kept, and a
    field both changed differently is a conflict (`WorkbookEditError`, each located)."""
    merged = _Edits(plan, edits.workbook, notes=list(edits.notes))
    conflicts: list[str] = []
    kept: set[str] = set()
    for section, index, name, value, ref in edits.fields:
        was = getattr(base, section)[index]
        current = getattr(plan, section)
        at = next((i for i, p in enumerate(current) if p.id == was.id), None)
        if at is None:
            conflicts.append(f"{edits.workbook}!{ref}: {was.id} was removed from the plan since the workbook was "
                             f"written, and edited in the workbook; add them back to the plan or undo the edit")
            continue
        now, before = getattr(current[at], name), getattr(was, name)
        if now == value:
            continue
        if now != before:
            conflicts.append(f"{edits.workbook}!{ref}: {was.id} {name} was changed in both: the plan now says "
                             f"{_shown(now)}, the workbook {_shown(value)} (both said {_shown(before)})")
            continue
        merged.fields.append((section, at, name, value, ref))
        kept.add(ref)
    for section, people in edits.new_people.items():
        ids = {p.id for p in getattr(plan, section)}
        for person in people:
            ref = edits.new_refs[(section, person["id"])].get("id") or ""
            if person["id"] in ids:
                conflicts.append(f"{edits.workbook}: {_SECTION_LABEL[section]} '{person['id']}' was added both to "
                                 "the plan and to the workbook; keep one")
                continue
            merged.new_people[section].append(person)
            merged.new_refs[(section, person["id"])] = edits.new_refs[(section, person["id"])]
    base_links = {(r.ours, r.theirs): LinkCell.of(r.strength, r.target_strength, r.frequency)
                  for r in base.relationships}
    now_links = {(r.ours, r.theirs): LinkCell.of(r.strength, r.target_strength, r.frequency)
                 for r in plan.relationships}
    link_refs = [c.where for c in edits.changes if "relationship" in c.text]
    for (ours, theirs, new), ref in zip(edits.links, link_refs):
        now, before = now_links.get((ours, theirs)), base_links.get((ours, theirs))
        if now == new:
            continue
        if now != before:
            conflicts.append(f"{edits.workbook}!{ref}: the relationship {ours} → {theirs} was changed in both: the "
                             f"plan now says '{now.text if now else 'none'}', the workbook "
                             f"'{new.text if new else 'none'}'")
            continue
        merged.links.append((ours, theirs, new))
        kept.add(ref)
    if conflicts:
        raise WorkbookEditError(edits.workbook, conflicts)
    added = tuple(f"new {_SECTION_LABEL[section]} {p['id']} (" for section, people in merged.new_people.items()
                  for p in people)
    merged.changes = [c for c in edits.changes if c.where in kept or c.text.startswith(added)]
    return merged


# -- applying the edits to the YAML ---------------------------------------------------------------

_PLAN_KEYS = list(Plan.model_fields)


def _apply(edits: _Edits, text: str) -> str:
    rt = yamledit.RoundTrip(text)
    doc = rt.doc
    for section, index, name, value, _ in edits.fields:
        mapping = doc[section][index]
        model = Contact if section == "contacts" else TeamMember
        if name == "roles" and isinstance(mapping.get("roles"), list):
            current = mapping["roles"]
            current.clear()
            current.extend(value)
            if not value:
                yamledit.delete_key(mapping, "roles")
            continue
        if name == "roles" and not value:
            yamledit.delete_key(mapping, "roles")
            continue
        yamledit.set_key(mapping, name, value, list(model.model_fields))
    for section in ("team", "contacts"):
        added = edits.new_people[section]
        if not added:
            continue
        seq = yamledit.ensure_list(doc, section, _PLAN_KEYS[:_PLAN_KEYS.index(section)])
        flow = bool(seq) and getattr(seq[0], "fa", None) is not None and seq[0].fa.flow_style()
        for person in added:
            yamledit.append_item(seq, yamledit.new_mapping(person, flow=flow))
    if edits.links:
        _apply_links(edits, doc)
    return _rebase(text, rt)


def _apply_links(edits: _Edits, doc) -> None:
    plan = edits.plan
    seq = yamledit.ensure_list(doc, "relationships", _PLAN_KEYS[:_PLAN_KEYS.index("relationships")])
    order = list(RelationshipLink.model_fields)
    mappings = {(r.ours, r.theirs): seq[i] for i, r in enumerate(plan.relationships)}  # YAML list = model list
    links = {(r.ours, r.theirs): r for r in plan.relationships}
    flow = not seq or any(getattr(item, "fa", None) is not None and item.fa.flow_style() for item in seq)
    doomed, added = [], {}
    for ours, theirs, new in edits.links:
        link = links.get((ours, theirs))
        if link is None:
            assert new is not None
            data = {"ours": ours, "theirs": theirs, "strength": new.strength}
            if new.frequency:
                data["frequency"] = new.frequency
            if new.target is not None:
                data["target_strength"] = new.target
            added.setdefault(ours, []).append(yamledit.new_mapping(data, flow=flow))
        elif new is None:
            doomed.append(mappings[(ours, theirs)])
        else:
            target = new.target if new.target is not None else (
                link.target_strength if link.target_strength in (None, new.strength) else None)
            for key, value, current in (("strength", new.strength, link.strength),
                                        ("frequency", new.frequency, link.frequency),
                                        ("target_strength", target, link.target_strength)):
                if value != current:
                    yamledit.set_key(mappings[(ours, theirs)], key, value, order)
    for ours, items in added.items():  # new links go after the member's others, under the same comment
        mates = [i for i, item in enumerate(seq) if isinstance(item, dict) and item.get("ours") == ours]
        at = mates[-1] + 1 if mates else len(seq)
        for offset, item in enumerate(items):
            yamledit.insert_item(seq, at + offset, item)
    for mapping in doomed:
        yamledit.delete_item(seq, next(i for i, item in enumerate(seq) if item is mapping))


def _rebase(original: str, rt: yamledit.RoundTrip) -> str:
    """The edited text; when ruamel.yaml would also reformat lines nobody edited, only the edited lines change."""
    edited = rt.dump()
    if rt.exact:
        return edited
    untouched = yamledit._dump(rt.yaml, rt.yaml.load(original))
    o_lines, u_lines, e_lines = (t.splitlines(keepends=True) for t in (original, untouched, edited))
    to_original: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, u_lines, o_lines, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_original[block.a + k] = block.b + k
    out = list(o_lines)
    for tag, u1, u2, e1, e2 in reversed(difflib.SequenceMatcher(None, u_lines, e_lines,
                                                                autojunk=False).get_opcodes()):
        if tag == "equal":
            continue
        if u1 < u2:
            mapped = [to_original.get(k) for k in range(u1, u2)]
            if None in mapped or mapped != list(range(mapped[0], mapped[0] + len(mapped))):
                return edited
            o1, o2 = mapped[0], mapped[-1] + 1
        else:
            if u1 in to_original:
                o1 = to_original[u1]
            elif u1 - 1 in to_original:
                o1 = to_original[u1 - 1] + 1
            else:
                return edited
            o2 = o1
        out[o1:o2] = e_lines[e1:e2]
    return "".join(out)


# -- the entry point --------------------------------------------------------------------------------

def read_back(plan_path: str | Path, workbook_path: str | Path) -> ContactsUpdate:
    """What applying the workbook's edits would do to the plan; raises `WorkbookEditError` for invalid edits."""
    from kapdocs.load import load, read_data, validate_data

    from kapdocs.render.contacts_xlsx.workbook import CUSTOM_ACCOUNT, CUSTOM_FINGERPRINT, fingerprint

    plan_path, workbook_path = Path(plan_path), Path(workbook_path)
    if plan_path.suffix.lower() == ".json":
        raise UsageError(f"{plan_path}: --update edits YAML plans only (it keeps their comments and layout); "
                         "convert the plan to YAML first")
    plan = load(plan_path).plan
    raw = plan_path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    book = _open(workbook_path)
    name = str(workbook_path)
    try:
        props = {p.name: p.value for p in getattr(book, "custom_doc_props", [])}
        written_for = props.get(CUSTOM_ACCOUNT)
        if written_for and written_for != plan.account.name:  # before any edit is read: not this plan's workbook
            raise UsageError(f"{name} was written for '{written_for}', and {plan_path} is the plan of "
                             f"'{plan.account.name}': nothing was read back; use the workbook written for this plan")
        moved_on = bool(props.get(CUSTOM_FINGERPRINT)) and props[CUSTOM_FINGERPRINT] != fingerprint(plan)
        base = _base_plan(book, props.get(CUSTOM_FINGERPRINT), plan) if moved_on else None
        # against what kapdocs wrote when the plan has moved on since (three-way), else against the plan
        edits = _Edits(base or plan, name)
        _read_list(edits, book, SHEET_TEAM, "team", TEAM_COLUMNS, edits.plan.team)
        _read_list(edits, book, SHEET_CONTACTS, "contacts", CONTACT_COLUMNS, edits.plan.contacts)
        _check_references(edits)
        _read_matrix(edits, book)
    finally:
        book.close()
    if edits.problems:
        raise WorkbookEditError(name, edits.problems)
    if base is not None:
        edits = _merge(edits, base, plan)
        edits.notes.insert(0, f"{plan_path} has changed since {name} was written: only the cells you edited are "
                              "applied; the plan's own changes since are kept.")
    elif moved_on:
        edits.notes.insert(0, f"{plan_path} has changed since {name} was written: cells you did not edit show "
                              "the older values, and would put them back. Check the changes below.")
    new_text = _apply(edits, _tabs_before_comments(text)) if edits.changes else text
    if new_text != text:
        try:
            validate_data(read_data(plan_path, new_text), f"{plan_path} (with the edits from {name})")
        except PlanError as exc:
            raise PlanError(exc.problems + [Problem(name, 1, 1, "", "these edits would make the plan invalid; "
                                                                    "nothing was written")]) from None
    out = new_text.replace("\n", "\r\n") if crlf else new_text
    new_bytes = (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8")
    return ContactsUpdate(plan_path, workbook_path, text, new_text, edits.changes, edits.notes, raw,
                          new_bytes if new_text != text else raw)


def _tabs_before_comments(text: str) -> str:
    """`text` with each tab between a value and its `# comment` made a space. The loader (libyaml) accepts such
    tabs; ruamel.yaml, which edits the plan, refuses them. Tokens say where values end, so a tab inside a
    quoted or plain value is never touched."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    ends: dict[int, int] = {}
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            mark = token.end_mark
            ends[mark.line] = max(ends.get(mark.line, 0), mark.column)
    except yaml.YAMLError:
        return text
    for number, line in enumerate(lines):
        end = ends.get(number, 0)
        tail = line[end:]
        stripped = tail.lstrip(" \t")
        if "\t" in tail[:len(tail) - len(stripped)] and stripped.startswith("#"):
            lines[number] = line[:end] + tail[:len(tail) - len(stripped)].replace("\t", " ") + stripped
    return "\n".join(lines)


def _open(path: Path):
    import zipfile

    import openpyxl

    if not path.is_file():
        raise UsageError(f"{path}: no such workbook")
    from kapdocs.templating.safety import check_package

    check_package(path, "workbook")  # zip bombs, entity bombs (DOCTYPE), macros, external links: before reading
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        import io

        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, rich_text=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UsageError(f"{path} is not an Excel workbook (.xlsx) that kapdocs can read: {exc}") from None
