"""Every document of one meeting says the same thing, and the customer's documents say nothing internal.

Two guarantees of the account view (`kapdocs.view`), read back from the files written:
- the deck, the agenda and the minutes of each sample meeting show the same actions (overdue,
  upcoming, carried over), the same year-to-date figures and the same supply values;
- a marker planted in every internal-only field and every text marked internal reaches no
  customer document (customer plan, QBR deck, agenda, minutes, calendar) nor the customer's
  context data: not in text, notes, charts, embedded workbooks or properties.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from pptx import Presentation

from kapdocs import api
from kapdocs.load import load_plan, validate_data, Located
from kapdocs.render import Options, renderer
from kapdocs.view import build_view
from kapdocs.view.visibility import rules

from conftest import MINIMAL_SAMPLE, RICH_SAMPLE, TODAY

QBRS = ["qbr-2026-q2", "qbr-2026-q3", "qbr-2026-q4", "qbr-2027-q1"]


# -- reading the files back ---------------------------------------------------------------------

def deck_tables(path: Path) -> dict[str, list[list[str]]]:
    """Rows of every table in the deck, by slide title without "(cont.)": continued tables joined."""
    found: dict[str, list[list[str]]] = {}
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text.replace(" (cont.)", "") if slide.shapes.title else ""
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[c.text_frame.text for c in r.cells] for r in shape.table.rows]
                found.setdefault(title, [rows[0]])
                found[title] += rows[1:]
    return found


def doc_tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in t.rows] for t in docx.Document(str(path)).tables]


def column(rows: list[list[str]], name: str) -> list[str]:
    at = rows[0].index(name)
    return [r[at] for r in rows[1:] if r[at]]


def table_after(path: Path, title_start: str) -> list[list[str]]:
    """The table that follows the paragraph starting with `title_start` in a Word document."""
    document = docx.Document(str(path))
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).startswith(title_start):
            seen = True
        elif tag == "tbl" and seen:
            table = docx.table.Table(child, document)
            return [[c.text for c in r.cells] for r in table.rows]
    raise AssertionError(f"no table after {title_start!r} in {path.name}")


@pytest.fixture(scope="module")
def meetings(tmp_path_factory):
    """Deck, agenda and minutes of every sample QBR, written by the renderers."""
    plan = load_plan(RICH_SAMPLE)
    out = tmp_path_factory.mktemp("meetings")
    files = {}
    for meeting in QBRS:
        written = api.render(plan, [renderer("qbr"), renderer("minutes")], out / meeting,
                             Options(today=TODAY, meeting=meeting))
        files[meeting] = {"deck": written[0], "agenda": written[1], "minutes": written[2], "ics": written[3]}
    return plan, files


@pytest.mark.parametrize("meeting", QBRS)
def test_deck_and_minutes_show_the_same_actions(meetings, meeting):
    plan, files = meetings
    deck, minutes = deck_tables(files[meeting]["deck"]), files[meeting]["minutes"]
    facts = build_view(plan, "customer", TODAY, meeting).meeting
    # overdue on the meeting day: the same actions, in the same order, in both
    if facts.overdue:
        overdue = table_after(minutes, "Overdue on")
        assert column(deck["Actions behind schedule"], "Action") == column(overdue, "Action")
        assert set(column(overdue, "Status")) <= {"Overdue", "Late"}
    else:
        assert "Actions behind schedule" not in deck
    # upcoming to the end of next quarter
    if facts.upcoming:
        upcoming = table_after(minutes, "Open plan actions due from")
        assert column(deck["Upcoming initiatives"], "Initiative") == column(upcoming, "Action")
        assert column(deck["Upcoming initiatives"], "Due") == column(upcoming, "Due")
    # the action log carried over
    log = [t for t in doc_tables(minutes) if t[0][:2] == ["No.", "Action"]][0]
    assert column(deck.get("Action log and next meeting", [["Action"]]), "Action") == column(log, "Action")
    # and they are the view's, the one place that chose them
    assert column(log, "Action") == [a.text for a in facts.carried_over]


@pytest.mark.parametrize("meeting", QBRS)
def test_deck_and_minutes_show_the_same_figures(meetings, meeting):
    plan, files = meetings
    deck, minutes = deck_tables(files[meeting]["deck"]), files[meeting]["minutes"]
    # year to date by site: target, actual, gap and achievement read the same, total row included
    ytd = table_after(minutes, "Volume, year to date")
    site = deck["Year-to-date performance by site"]
    for i, row in enumerate(ytd[1:], start=1):
        assert site[i][:5] == row[:5]
    # supply metrics: "97%" in both, never "9,700%" in one of them
    supply = table_after(minutes, "Supply against demand")
    shown = deck["Supply vs demand performance"]
    assert column(shown, "Target") == column(supply, "Target")
    assert column(shown, "Actual") == column(supply, "Actual")
    assert not any("00%" in v for v in column(supply, "Target") + column(supply, "Actual"))


@pytest.mark.parametrize("meeting", QBRS)
def test_agenda_and_deck_share_the_agenda(meetings, meeting):
    plan, files = meetings
    deck = deck_tables(files[meeting]["deck"])
    agenda = [t for t in doc_tables(files[meeting]["agenda"]) if t[0][:3] == ["No.", "Time", "Item"]][0]
    # the same items in the same time slots
    assert column(deck["Agenda"], "Item") == column(agenda, "Item")
    assert column(deck["Agenda"], "Time") == column(agenda, "Time")


# -- nothing internal reaches the customer ----------------------------------------------------------

MARK = "ZQXMARK"
NUMBER = 987654.0
NUMBER_SHOWN = ("987654", "987,654")


def _texts(rows: list) -> list:
    return rows


def plant(data: dict) -> set[str]:
    """Put MARK (or NUMBER) in every internal-only field and in items and texts marked internal;
    returns the declared paths it covered."""
    d = data
    covered = set()

    def did(*paths):
        covered.update(paths)

    d["account"]["relationship_strength"] = "excellent"
    did("account.relationship_strength")  # an enumeration: the filter test checks it
    d["plan"]["summary"] = {"text": f"{MARK} summary", "customer": "The joint plan in brief."}
    d["potential"]["profit"] = NUMBER
    d["relationship"]["summary"] = f"{MARK} relationship"
    d["relationship"]["competitors"].append({"name": f"{MARK} Competitor", "position": MARK})
    d["sites"][0]["profit_target"] = NUMBER
    d["sites"][0]["competitors"] = [f"{MARK} Rival"]
    d["swot"]["weaknesses"].append(f"{MARK} weakness")
    d["swot"]["threats"].append(f"{MARK} threat")
    d["portfolio"]["attractiveness"][0]["factor"] = f"{MARK} factor"
    did("account.relationship_strength", "plan.summary", "potential.profit", "relationship.summary",
        "relationship.competitors", "sites[].profit_target", "sites[].competitors", "swot.weaknesses",
        "swot.threats", "portfolio")
    d["objectives"]["long_term"].append({"id": "ltm", "text": f"{MARK} long-term", "internal": True})
    d["objectives"]["smart"].append({"id": "om", "text": f"{MARK} gross profit of £3m"})
    d["needs"].append({"id": "nm", "need": f"{MARK} need", "internal": True})
    d["value_proposition"].append({"need": "n1", "offer": f"{MARK} offer", "internal": True})
    d["critical_success_factors"][0]["competitors"][f"{MARK} Rival"] = 9
    did("objectives.long_term[]", "objectives.smart[]", "needs[]", "value_proposition[]",
        "critical_success_factors[].competitors")
    for contact in d["contacts"]:
        contact["notes"] = f"{MARK} note"
    did("contacts[].influence", "contacts[].attitude", "contacts[].notes", "relationships")
    d["actions"].append({"id": "am", "description": f"{MARK} action", "due": "2026-12-20", "owner": "jsmith",
                         "status": "planned", "internal": True, "objective": "om"})
    d["actions"][0]["target"] = {"value": NUMBER, "unit": d["account"].get("currency", "GBP")}
    for action in d["actions"]:
        action["resources"] = f"{MARK} resources"
    did("actions[]", "actions[].target", "actions[].resources")
    d["opportunities"].append({"id": "opm", "name": f"{MARK} opportunity", "stage": "analysis", "value": 1000,
                               "share_with_customer": False})
    d["opportunities"][0]["value"] = NUMBER
    did("opportunities[]", "opportunities[].value", "opportunities[].probability", "opportunities[].owner")
    d["risks"][0]["risk"] = f"{MARK} risk"
    d["force_field"]["for"][0]["force"] = f"{MARK} force"
    d["performance"][0]["profit_actual"] = NUMBER
    d["performance"][1]["profit_target"] = NUMBER
    did("risks", "force_field", "performance[].profit_target", "performance[].profit_actual")
    d["initiatives"].append({"action": "a01", "note": f"{MARK} initiative", "value_delivered": 5, "internal": True})
    d["supply"].append({"metric": f"{MARK} metric", "target": 1, "actual": 0.5, "internal": True})
    review = next(m for m in d["meetings"] if m["type"] == "internal_review")
    review["title"] = f"{MARK} review"
    review["decisions_sought"] = [f"{MARK} decision"]
    d["action_log"].append({"id": "alm", "action": f"{MARK} log", "due": "2026-10-01", "raised_in": review["id"]})
    d["action_log"].append({"id": "alm2", "action": f"{MARK} log two", "due": "2026-10-01", "internal": True})
    d["partnership_indicators"][0]["indicator"] = f"{MARK} indicator"
    d["audit"].append({"question": "Anything else?", "answer": f"{MARK} answer", "internal": True})
    d["accepted_findings"].append({"rule": "need-not-agreed", "reason": f"{MARK} reason"})
    d["customer_activities"].append({"activity": f"{MARK} activity", "due": "2027-01-20", "internal": True})
    did("initiatives[]", "supply[]", "meetings[]", "action_log[]", "partnership_indicators", "audit[]",
        "accepted_findings", "customer_activities[]")
    # texts marked internal, and an internal text with a customer wording
    d["customer_strategy"]["goals"].append({"text": f"{MARK} goal", "internal": True})
    d["plan"]["assumptions"].append({"text": f"{MARK} assumption", "internal": True})
    d["environment"]["pestle"]["social"].append({"text": f"{MARK} social", "internal": True})
    d["customer_strategy"]["vision"] = {"text": f"{MARK} vision", "customer": "A vision we share."}
    d["action_log"][3]["notes"] = {"text": f"{MARK} progress", "customer": "Moving."}
    return covered


def _parts(data: bytes) -> list[bytes]:
    """Every part of an Office file, and of the workbooks embedded in it."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            part = z.read(name)
            out += _parts(part) if name.endswith(".xlsx") else [part]
    return out


def leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    parts = _parts(data) if path.suffix in (".docx", ".pptx", ".xlsx") else [data]
    found = []
    for part in parts:
        text = part.decode("utf-8", "replace")
        found += [m for m in (MARK, *NUMBER_SHOWN) if m in text]
    return sorted(set(found))


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    data = yaml.safe_load(RICH_SAMPLE.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the text a plan file holds
    covered = plant(data)
    plan = validate_data(Located(copy.deepcopy(data)), "planted.yaml")
    return plan, covered, tmp_path_factory.mktemp("planted")


def test_every_declaration_has_a_marker(planted):
    _, covered, _ = planted
    # a new internal-only field, or items newly hidden from the customer, needs its marker here
    assert {r.path for r in rules()} <= covered


def test_the_internal_documents_do_show_the_markers(planted):
    plan, _, out = planted
    # the markers are real: our own plan shows them, so their absence below means something
    written = api.render(plan, [renderer("plan")], out / "internal", Options(today=TODAY))
    assert MARK in leaks(written[0])


def test_no_marker_reaches_a_customer_document(planted):
    plan, _, out = planted
    written = api.render(plan, [renderer("plan")], out / "plan", Options(today=TODAY, edition="customer"))
    for meeting in QBRS:
        written += api.render(plan, [renderer("qbr"), renderer("minutes")], out / meeting,
                              Options(today=TODAY, meeting=meeting))
    assert len(written) == 1 + 4 * len(QBRS)
    # text, notes, charts and their workbooks, properties, calendars: nothing internal anywhere
    assert {p.name: leaks(p) for p in written if leaks(p)} == {}


def test_no_marker_reaches_the_customer_context(planted):
    plan, _, _ = planted
    for meeting in (None, *QBRS):
        text = json.dumps(build_view(plan, "customer", TODAY, meeting).data(), ensure_ascii=False)
        assert not [m for m in (MARK, *NUMBER_SHOWN) if m in text], meeting
    # while the internal context carries them
    assert MARK in json.dumps(build_view(plan, "internal", TODAY).data(), ensure_ascii=False)


def test_the_customer_edition_has_none_of_the_leaks_found_in_review(tmp_path):
    written = api.render(load_plan(RICH_SAMPLE), [renderer("plan")], tmp_path, Options(today=TODAY,
                                                                                        edition="customer"))
    text = "\n".join(p.text for p in docx.Document(str(written[0])).paragraphs)
    text += "\n".join(c.text for t in docx.Document(str(written[0])).tables for r in t.rows for c in r.cells)
    # the blocker at Bristol, our bid, the competitors, their margin, the hidden objective, the footnote
    for leak in ("site general manager", "postponed", "tender response", "cost-in-use case", "Acme", "Kestrel",
                 "Solent", "EBITDA", "o5", "kept in our internal plan"):
        assert leak not in text, leak
    # nor a "not yet captured" note about a field the customer never sees: that would say it exists
    for rule in rules():
        assert f"Plan file: {rule.path.replace('[]', '')}." not in text, rule.path


# -- customer language ------------------------------------------------------------------------------

TOOL_WORDS = re.compile(r"kapdocs|Plan file|Not yet captured|`|\b[a-z]+_[a-z_]+\b|\b[a-z_]+\[\]|\(s\)|\bSPANCOP\b")


def customer_documents(plan, folder: Path) -> list[Path]:
    """Every document written for the customer from `plan`: the customer plan and each QBR's deck,
    agenda, minutes and calendar."""
    written = api.render(plan, [renderer("plan")], folder / "plan", Options(today=TODAY, edition="customer"))
    for meeting in (m.id for m in plan.meetings if m.type == "qbr"):
        written += api.render(plan, [renderer("qbr"), renderer("minutes")], folder / meeting,
                              Options(today=TODAY, meeting=meeting))
    return written


def visible_text(path: Path) -> str:
    """What a reader can see: body text, tables, notes, chart text and the document's properties."""
    data = path.read_bytes()
    if path.suffix == ".ics":  # the lines a calendar shows (its product and event ids are not shown)
        return "\n".join(line for line in data.decode("utf-8").splitlines()
                         if not line.startswith(("PRODID", "UID")))
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml") and not name.endswith(".rels") and "theme" not in name:
                xml = z.read(name).decode("utf-8")
                texts += re.findall(r"<(?:w|a|c|dc|cp|dcterms):(?:t|v|title|subject|keywords|description|creator|"
                                    r"category)(?: [^>]*)?>([^<]*)<", xml)
    return "\n".join(texts)


@pytest.mark.parametrize("sample", [RICH_SAMPLE, MINIMAL_SAMPLE], ids=["rich", "first-draft"])
def test_customer_documents_speak_the_customers_language(sample, tmp_path):
    plan = load_plan(sample)
    ids = {i for i in _plan_ids(plan) if re.search(r"\d|-", i) or i in {m.id for m in plan.team} | {
        c.id for c in plan.contacts}}
    found = {}
    for path in customer_documents(plan, tmp_path):
        text = visible_text(path)
        words = set(TOOL_WORDS.findall(text)) | {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])",
                                                                            text)}
        if words:
            found[path.name] = sorted(words)
    # no tool name, field path, internal id or "(s)" in anything the customer reads
    assert found == {}


def _plan_ids(plan) -> set[str]:
    lists = [plan.sites, plan.team, plan.contacts, plan.needs, plan.actions, plan.opportunities, plan.meetings,
             plan.action_log, *((plan.objectives.long_term, plan.objectives.smart) if plan.objectives else ())]
    return {item.id for items in lists for item in items}


def test_check_reports_each_leak_when_the_markings_are_removed():
    # the rich sample with its customer wordings and internal marks taken away: the leaks found in review
    from kapdocs.analysis import analyse
    from kapdocs.checks import run

    data = json.loads(json.dumps(yaml.safe_load(RICH_SAMPLE.read_text(encoding="utf-8")), default=str))

    def unmark(value):
        return value["text"] if isinstance(value, dict) and "text" in value else value

    for o in data["objectives"]["smart"]:
        o["text"] = unmark(o["text"])
    for i in data["initiatives"]:
        i["note"] = unmark(i.get("note"))
    for a in data["audit"]:
        a["answer"] = unmark(a.get("answer"))
    data["environment"]["customer_swot"]["weaknesses"] = [
        unmark(w) for w in data["environment"]["customer_swot"]["weaknesses"]]
    for a in data["actions"]:
        a.pop("internal", None)
    plan = validate_data(Located(data), "unmarked.yaml")
    findings = {f.path: f.message for f in run(plan, analyse(plan, TODAY)).findings
                if f.rule == "customer-text-leak"}
    paths = {p for p in findings}
    index = {a["id"]: n for n, a in enumerate(data["actions"])}
    # our bid for the customer's tender; the blocker at Bristol; the competitors by name; their margin;
    # our aim to win the tender
    assert f"actions[{index['a09']}].description" in paths
    assert any(p.startswith("initiatives[") and "Derek Mills (rated blocker)" in m for p, m in findings.items())
    assert any(p.startswith("audit[") and "Acme" in m for p, m in findings.items())
    assert any("EBITDA" in m for m in findings.values())
    assert "objectives.smart[1].text" in paths
