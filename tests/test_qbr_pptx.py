"""The PowerPoint QBR deck (`kapdocs qbr`): slides in agenda order, native charts with the
analysis figures, notes everywhere, nothing internal in a customer deck, nothing overflowing.

Decks are written once per module (`decks`) and re-opened with python-pptx; the office
tests convert all of them in one LibreOffice run (`pdfs`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.oxml.ns import qn
import yaml
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu

from kapdocs import api
from kapdocs.analysis import agenda, analyse
from kapdocs.cli import main
from kapdocs.errors import RenderError, UsageError
from kapdocs.fmt import Formatter
from kapdocs.model import Plan
from kapdocs.render import Job, Options, renderer
from kapdocs.render.qbr_pptx import LAYOUTS, fit
from kapdocs.render.qbr_pptx.deck import build_deck
from kapdocs.view import build_view
from kapdocs.render.qbr_pptx.spec import Para, Run
from kapdocs.output import OutputFolder

ROOT = Path(__file__).parent.parent
RICH = ROOT / "samples" / "northwind-foods.yaml"
MINIMAL = ROOT / "samples" / "first-draft.yaml"
TODAY = dt.date(2026, 11, 25)

GOLDEN_Q4 = [
    ("title", "Northwind and Meridian annual business review 2026"),
    ("summary", "Volume at 100% of target; 6 actions behind schedule"),
    ("agenda", "Agenda"),
    ("last_actions", "Review of actions from the last meeting"),
    ("last_actions", "Actions behind schedule"),
    ("ytd", "Volume at 100% of target; Bristol 4% behind"),
    ("ytd", "Year-to-date performance by site"),
    ("company", "Our company and the history of cooperation"),
    ("objectives", "Account objectives: your goals and how we support them"),
    ("objectives", "Activity calendar"),
    ("initiatives", "Executed initiatives: value delivered"),
    ("initiatives", "Executed initiatives: highlights and lowlights"),
    ("supply", "Supply vs demand performance"),
    ("supply", "Supply vs demand: lessons and solutions"),
    ("upcoming", "Upcoming initiatives"),
    ("upcoming", "Upcoming initiatives (cont.)"),
    ("upcoming", "Upcoming initiatives: projects under way"),
    ("insights", "Your insights and future challenges"),
    ("new_business", "New business and projects"),
    ("action_log", "Decisions we are asking for today"),
    ("action_log", "Action log and next meeting"),
    ("next_quarter", "Your next-quarter operational, marketing and technical activities"),
]
"""qbr-2026-q4: senior people attend for the first time, so the company overview is in."""

GOLDEN_Q1 = [(k, t) for k, t in GOLDEN_Q4 if k != "company"]
GOLDEN_Q1[0] = ("title", "Northwind and Meridian quarterly business review, Q1 2027")
# by March 2027 more of the plan's actions are behind schedule: two slides of them at 12 pt or larger
GOLDEN_Q1[1] = ("summary", "Volume at 100% of target; 14 actions behind schedule")  # as of the March meeting
GOLDEN_Q1.insert(5, ("last_actions", "Actions behind schedule (cont.)"))
GOLDEN_Q1.remove(("upcoming", "Upcoming initiatives (cont.)"))  # fewer actions still to come by then
"""qbr-2027-q1: the same agenda without the company overview."""

GOLDEN_IR = [
    ("title", "Northwind internal account review, November 2026"),
    ("summary", "Volume at 100% of target; profit at 100%; 6 actions behind schedule"),
    ("agenda", "Agenda"),
    ("past", "Past: year to date against target"),
    ("past", "Past: year to date by site"),
    ("past", "Past: executed initiatives"),
    ("past", "Past: highlights and lowlights"),
    ("future", "Future: pipeline against the gap"),
    ("future", "Future: the open pipeline"),
    ("assess", "Assess: Top 5 and Big 5"),
    ("assess", "Assess: delivery, churn and price pressure"),
    ("assess", "Assess: relationships and the competition"),
    ("learn", "Learn: good practice and recognition"),
    ("learn", "Learn: update the plan and the next review"),
]
"""ir-2026-11: the internal review agenda, Past, Future, Assess, Learn."""


# -- building decks ----------------------------------------------------------------

def rich_data() -> dict:
    return yaml.safe_load(RICH.read_text(encoding="utf-8"))


def write(plan: Plan, folder: Path, meeting: str | None = None, *, internal: bool = False, theme=None) -> Path:
    """Write one deck with the qbr renderer, as `kapdocs qbr` does."""
    options = Options(today=TODAY, meeting=meeting, internal=internal, theme=theme)
    return api.render(plan, [renderer("qbr")], folder, options)[0]


def sparse_plan() -> Plan:
    """The minimal sample with one QBR added: every slide must fall back to a prompt."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["meetings"] = [{"id": "qbr-2026-q4", "date": "2026-12-03", "start": "14:00", "duration_minutes": 60,
                         "attendees": ["mdoyle"]}]
    return Plan.model_validate(data)


def long_plan() -> Plan:
    """The rich sample with 40 more actions raised at the Q3 review and very long goals."""
    data = rich_data()
    for i in range(40):
        data["action_log"].append({"id": f"extra{i:02d}", "owner": "jsmith", "due": "2026-10-30",
                                   "action": f"Extra follow-up number {i} " + "with detail " * (i % 5),
                                   "status": "planned", "raised_in": "qbr-2026-q3"})
    data["customer_strategy"]["goals"] = [f"Goal {i}: " + "grow the business steadily " * 12 for i in range(12)]
    data["meetings"][3]["decisions_sought"] = [f"Decision {i}: " + "approve the next step " * 10 for i in range(25)]
    return Plan.model_validate(data)


def hostile_plan() -> Plan:
    """Formula triggers, markup, template syntax, RTL text, emoji and a 10,000-character note."""
    data = rich_data()
    data["actions"][0]["description"] = "=HYPERLINK(\"http://x\",\"click\")"
    data["actions"][1]["description"] = "<w:p>broken</w:p> {{ 7*7 }} & more"
    data["initiatives"][2]["note"] = "x" * 10_000
    data["initiatives"][1]["label"] = "=HYPERLINK(\"http://x\",\"click\")"  # a chart label from the plan
    data["customer_strategy"]["goals"][0] = "שלום עולם — مرحبا بالعالم 🚀 👩‍💼"
    data["meetings"][3]["objectives"][0] = "+SUM(A1:A9) @SUM(1)"
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def decks(tmp_path_factory, rich_plan) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decks")
    return {
        "q4": write(rich_plan, out, "qbr-2026-q4"),
        "q1": write(rich_plan, out, "qbr-2027-q1"),
        "ir": write(rich_plan, out, "ir-2026-11"),
        "q4-internal": write(rich_plan, out, "qbr-2026-q4", internal=True),
        "sparse": write(sparse_plan(), out / "sparse", "qbr-2026-q4"),
        "long": write(long_plan(), out / "long", "qbr-2026-q4"),
        "hostile": write(hostile_plan(), out / "hostile", "qbr-2026-q4"),
    }


@pytest.fixture(scope="module")
def opened(decks):
    return {key: Presentation(str(path)) for key, path in decks.items()}


def titles(prs) -> list[tuple[str, str]]:
    """(agenda item key, title) of every slide; the key is the slide's name."""
    return [(s._element.cSld.get("name"), s.shapes.title.text) for s in prs.slides]


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts.extend(c.text for row in shape.table.rows for c in row.cells)
    return "\n".join(parts)


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def charts(slide) -> list:
    return [s.chart for s in slide.shapes if getattr(s, "has_chart", False) and s.chart is not None]


def slides_named(prs, title: str) -> list:
    return [s for s in prs.slides if s.shapes.title.text == title]


def package_text(path: Path) -> str:
    """Every XML part of the deck, the embedded workbooks' parts included: what a recipient receives."""
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    parts += [inner.read(n).decode("utf-8", "replace") for n in inner.namelist()
                              if n.endswith(".xml")]
            elif name.endswith((".xml", ".rels")):
                parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


# -- structure -------------------------------------------------------------------------

@pytest.mark.parametrize("key, golden", [("q4", GOLDEN_Q4), ("q1", GOLDEN_Q1), ("ir", GOLDEN_IR)])
def test_slide_titles_are_golden(opened, key, golden):
    # the slides, their titles and the agenda item each belongs to are the documented structure
    assert titles(opened[key]) == golden


@pytest.mark.parametrize("key, meeting", [("q4", "qbr-2026-q4"), ("q1", "qbr-2027-q1"), ("ir", "ir-2026-11"),
                                          ("sparse", "qbr-2026-q4")])
def test_slides_follow_the_agenda_order(opened, rich_plan, key, meeting):
    plan = sparse_plan() if key == "sparse" else rich_plan
    keys = [a.key for a in agenda(plan.meeting(meeting))]
    shown = [name for name, _ in titles(opened[key])[1:] if name not in ("agenda", "summary")]
    # the summary comes straight after the title
    assert titles(opened[key])[1][0] == "summary"
    # every agenda item has at least one slide, and the slides come in agenda order; a timed
    # activity (the Q1 tour of the applications lab) has its slot on the agenda slide, no slide of its own
    assert list(dict.fromkeys(shown)) == [k for k in keys if k != "agenda" and not k.startswith("activity-")]
    if key == "q1":
        assert "activity-1" in keys


def test_company_overview_exactly_when_senior_people_attend_for_the_first_time(opened, rich_plan, tmp_path):
    # qbr-2026-q4 has first_time_senior: true, qbr-2027-q1 does not
    assert rich_plan.meeting("qbr-2026-q4").first_time_senior and not rich_plan.meeting("qbr-2027-q1").first_time_senior
    assert "company" in dict(titles(opened["q4"]))
    assert "company" not in dict(titles(opened["q1"]))
    # switching the flag on for qbr-2027-q1 adds the slide, in its agenda place
    data = rich_data()
    data["meetings"][4]["first_time_senior"] = True
    deck = Presentation(str(write(Plan.model_validate(data), tmp_path, "qbr-2027-q1")))
    keys = [k for k, _ in titles(deck)]
    assert keys.index("company") == keys.index("ytd") + 2
    # an internal review never has it
    assert "company" not in dict(titles(opened["ir"]))


def test_the_deck_model_is_plain_data(rich_plan):
    deck = build_deck(build_view(rich_plan, "customer", TODAY, "qbr-2026-q4"))
    # before any python-pptx work the slide specs already carry the golden structure and the audience
    # (follow-on "(cont.)" slides are made when the text is fitted, later)
    assert [(s.item or "title", s.title) for s in deck.slides] == [g for g in GOLDEN_Q4 if "(cont.)" not in g[1]]
    assert deck.audience == "customer" and deck.footer == "Northwind Foods plc · 10 Dec 2026"
    # an internal review meeting gives the internal deck without being asked
    review = build_deck(build_view(rich_plan, "internal", TODAY, "ir-2026-11"))
    assert review.audience == "internal" and [s.item for s in review.slides][3] == "past"


def test_layouts_are_the_reference_layouts_by_name(opened):
    for prs in opened.values():
        used = {s.slide_layout.name for s in prs.slides}
        # only the four documented layout names are used
        assert used <= set(LAYOUTS)
        # the deck is 16:9, 13.333 x 7.5 in
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))


def test_reference_deck_has_the_standard_layouts_rescaled_for_16_9():
    prs = Presentation(str(ROOT / "templates" / "reference.pptx"))
    names = {layout.name for layout in prs.slide_layouts}
    # the five standard names the issue asks for, and no slide of its own
    assert {"Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only"} <= names
    assert len(prs.slides) == 0
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            # every placeholder lies on the wide slide
            assert 0 <= ph.left and ph.left + ph.width <= prs.slide_width, (layout.name, ph.name)
    body = next(l for l in prs.slide_layouts if l.name == "Title and Content").placeholders[1]
    # the content area spans the wide page with 0.6 in margins, not a stretched 4:3 box
    assert abs(body.left - Emu(548640)) < 2000 and abs(prs.slide_width - body.left - body.width - Emu(548640)) < 2000


def test_theme_colours_and_fonts_come_from_theme_yaml():
    from kapdocs.theme import load_theme

    theme = load_theme(None)
    with zipfile.ZipFile(ROOT / "templates" / "reference.pptx") as archive:
        xml = archive.read("ppt/theme/theme1.xml").decode("utf-8")
    # the primary colour is the theme's dk2 and the first accent is accent1; the font is the theme font
    assert f'<a:dk2><a:srgbClr val="{theme.colours.primary}"/>' in xml
    assert f'<a:accent1><a:srgbClr val="{theme.colours.accents[0]}"/>' in xml
    assert f'<a:latin typeface="{theme.fonts.body}"/>' in xml


def test_notes_on_every_slide_with_the_minutes_allotted(opened, rich_plan):
    for key, prs in opened.items():
        for slide in prs.slides:
            # every slide has speaker notes
            assert notes(slide).strip(), (key, slide.shapes.title.text)
    items = {a.key: a for a in agenda(rich_plan.meeting("qbr-2026-q4"))}
    for slide in list(opened["q4"].slides)[2:]:  # after the title and the summary
        item = items[slide._element.cSld.get("name")]
        # each agenda slide's notes give the item's minutes and time slot
        assert f"{item.minutes} minutes, {item.start:%H:%M}–{item.end:%H:%M}" in notes(slide)


def test_agenda_slide_shows_the_computed_time_slots(opened, rich_plan):
    slide = slides_named(opened["q4"], "Agenda")[0]
    table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows][1:]
    expected = [[f"{a.start:%H:%M}–{a.end:%H:%M}", a.title, str(a.minutes)]
                for a in agenda(rich_plan.meeting("qbr-2026-q4"))]
    # the agenda is the analysis module's, slot for slot
    assert [[r[0], r[1], r[3]] for r in rows] == expected
    # each item names its presenter: the plan's where given, else the key account manager for ours and
    # the most senior customer attendee for the customer's own items
    presenter = {r[1]: r[2] for r in rows}
    assert presenter["Year-to-date performance"] == "Ravi Patel"
    assert presenter["Upcoming initiatives"] == "Joanna Smith and James Lawson"
    assert presenter["Your insights and future challenges"] == "Catherine Whitfield"
    assert presenter["New business and projects"] == "Joanna Smith"
    year = notes(next(s for s in opened["q4"].slides if "Item 3 of" in notes(s)))
    assert "Presented by Ravi Patel." in year
    # year to date takes at most 30% of the meeting; upcoming initiatives get the most time
    minutes = {r[1]: int(r[3]) for r in rows}
    assert minutes["Year-to-date performance"] <= 0.3 * 120
    assert max(minutes, key=minutes.get) == "Upcoming initiatives"


def test_title_slide_names_both_sides(opened, rich_plan):
    text = slide_text(opened["q4"].slides[0])
    meeting = rich_plan.meeting("qbr-2026-q4")
    # venue, date and every attendee from both sides
    assert meeting.venue in text and "Thursday 10 December 2026, 10:00–12:00" in text
    for pid in meeting.attendees:
        assert rich_plan.person_name(pid) in text, pid
    # each side under its company's name
    assert "Meridian Ingredients Ltd" in text and "Northwind Foods plc" in text and "Our team" not in text


# -- figures ----------------------------------------------------------------------------

def series_values(chart) -> dict[str, list]:
    return {s.name: list(s.values) for plot in chart.plots for s in plot.series}  # columns and target lines


def test_year_to_date_chart_equals_the_analysis(opened, rich_plan):
    figures = analyse(rich_plan, TODAY)
    periods = [p for p in figures.performance.periods if p.volume_actual is not None]
    (chart,) = charts(slides_named(opened["q4"], "Volume at 100% of target; Bristol 4% behind")[0])
    # target and actual by period, as computed by the analysis module
    assert [c for c in chart.plots[0].categories] == [p.period for p in periods]
    assert series_values(chart) == {"Target": [p.volume_target for p in periods],
                                    "Actual": [p.volume_actual for p in periods]}
    # the target is a dashed line over the actual columns, on the same axes; the columns carry their values
    column_plot, line_plot = chart.plots
    assert [s.name for s in column_plot.series] == ["Actual"] and [s.name for s in line_plot.series] == ["Target"]
    xml = chart._chartSpace
    line = xml.find(".//" + qn("c:lineChart"))
    assert line.find(qn("c:ser")).find(".//" + qn("a:prstDash")).get("val") == "dash"
    bar_axes = [a.get("val") for a in xml.find(".//" + qn("c:barChart")).findall(qn("c:axId"))]
    assert [a.get("val") for a in line.findall(qn("c:axId"))] == bar_axes
    assert column_plot.has_data_labels and not line.findall(".//" + qn("c:dLbls"))
    # the values sit at the columns' base, clear of the target line that runs near their tops
    assert column_plot.data_labels.position == XL_LABEL_POSITION.INSIDE_BASE
    # a native chart with a title, a value axis title and a legend; the quarters name themselves, so the
    # category axis carries no title that repeats the chart's own
    assert chart.has_title and "Volume by period" in chart.chart_title.text_frame.text
    assert chart.value_axis.axis_title.text_frame.text == "Tonnes"
    assert not chart.category_axis.has_title
    # the internal deck adds profit, target and actual
    profit = charts(slides_named(opened["ir"], "Past: year to date against target")[0])[1]
    assert series_values(profit)["Actual"] == [p.profit_actual for p in periods]


def test_site_table_and_gap(opened, rich_plan):
    figures = analyse(rich_plan, TODAY)
    slide = slides_named(opened["q4"], "Year-to-date performance by site")[0]
    text = slide_text(slide)
    fmt = Formatter("GBP", "tonnes")
    for site in figures.performance.sites:
        # every site with its year-to-date actual and its gap
        assert site.name in text and fmt.number(site.ytd_volume_actual) in text
    assert "+44" in text  # the total gap: 9,954 against 9,910 tonnes
    # the customer deck shows volume only: no money on the site table
    assert "£" not in text


def fmt_percent(share: float) -> str:
    return Formatter("GBP", "tonnes").percent(share)


def test_initiative_and_pipeline_charts_equal_the_plan_and_the_analysis(opened, rich_plan):
    (chart,) = charts(slides_named(opened["q4"], "Executed initiatives: value delivered")[0])
    # value delivered, in money, for each initiative that has one, largest first
    assert series_values(chart)["Value delivered"] == sorted((i.value_delivered for i in rich_plan.initiatives
                                                              if i.value_delivered is not None), reverse=True)
    assert chart.value_axis.tick_labels.number_format == '"£"#,##0'
    # each bar is named by the initiative's short label, whole: no sentence cut with an ellipsis
    assert list(chart.plots[0].categories) == [
        "Pre-blend on Hull lines 1, 2, 4", "Pre-blended sauce base trial", "Reduced-salt white sauce",
        "Leeds anti-staling trial", "Second haulier, Hull and Bristol"]
    figures = analyse(rich_plan, TODAY)
    (pipe,) = charts(slides_named(opened["ir"], "Future: pipeline against the gap")[0])
    open_stages = [s for s in figures.pipeline.by_stage if s.stage in ("suspect", "prospect", "analysis",
                                                                       "negotiation", "close")]
    # pipeline value and weighted value by open stage, from the analysis module
    assert series_values(pipe) == {"Value": [s.value for s in open_stages],
                                   "Weighted": [s.weighted for s in open_stages]}
    # coverage counts only what is expected to close in the plan period
    assert fmt_percent(figures.pipeline.coverage) == "46%"
    assert "46%" in slide_text(slides_named(opened["ir"], "Future: pipeline against the gap")[0])


def test_supply_status_is_red_amber_green(opened):
    slide = slides_named(opened["q4"], "Supply vs demand performance")[0]
    table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
    status = {row.cells[0].text: row.cells[3].text for row in list(table.rows)[1:]}
    # OTIF 95.5% against 98% is within 5%: amber; lead time 3.6 against 3 days: red; fewer complaints: green
    assert status["OTIF"] == "Near target"
    assert status["Order lead time"] == "Off target"
    assert status["Quality complaints"] == "On target"


# -- audience -----------------------------------------------------------------------------

SENTINEL = "ZZSECRET"


def sentinel_plan() -> tuple[Plan, list[str]]:
    """The rich sample with a marker in every internal-only field, and the markers to look for."""
    data = rich_data()
    marks: list[str] = []

    def mark(label: str) -> str:
        marks.append(f"{SENTINEL}{label}")
        return marks[-1]

    data["plan"]["summary"] = mark("summary")
    data["relationship"]["summary"] = mark("relationship")
    names = {}
    for i, c in enumerate(data["relationship"]["competitors"]):
        names[c["name"]] = mark(f"competitor{i}")
        c["name"], c["position"] = names[c["name"]], mark(f"position{i}")
    for s in data["sites"]:
        s["competitors"] = [names.get(n, n) for n in s["competitors"]]
    for f in data["critical_success_factors"]:
        f["competitors"] = {names.get(k, k): v for k, v in f["competitors"].items()}
    for i, c in enumerate(data["contacts"]):
        c["notes"] = mark(f"contactnote{i}")
    for i, r in enumerate(data["risks"]):
        r["risk"], r["contingency"] = mark(f"risk{i}"), mark(f"contingency{i}")
    for side in ("for", "against"):
        for i, f in enumerate(data["force_field"][side]):
            f["force"] = mark(f"force{side}{i}")
    for key in ("strengths", "weaknesses", "opportunities", "threats"):
        data["swot"][key] = [mark(f"swot{key}")]
    for i, a in enumerate(data["actions"]):
        a["resources"] = mark(f"resources{i}")
    for i, e in enumerate(data["action_log"]):
        e["notes"] = mark(f"lognote{i}")
    for i, p in enumerate(data["partnership_indicators"]):
        p["evidence"] = mark(f"partner{i}")
    for i, f in enumerate(data["portfolio"]["attractiveness"] + data["portfolio"]["strength"]):
        f["factor"] = mark(f"portfolio{i}")
    for i, o in enumerate(data["opportunities"]):
        if not o.get("share_with_customer", True):
            o["name"], o["next_step"] = mark(f"unshared{i}"), mark(f"unsharedstep{i}")
        o["value"] = 7_654_321 + i * 1_000
    data["objectives"]["smart"][4]["text"] = mark("profitobjective") + " gross profit"
    data["potential"]["profit"] = 9_876_543
    for i, r in enumerate(data["performance"]):
        r["profit_target"] = 987_001 + 10 * i
        if "profit_actual" in r:
            r["profit_actual"] = 876_001 + 10 * i
    for i, s in enumerate(data["sites"]):
        s["profit_target"] = 6_543_001 + 10 * i
    for i, a in enumerate(data["actions"]):
        if a.get("target", {}).get("unit") == "GBP":
            a["target"]["value"] = 5_432_001 + 10 * i
    plan = Plan.model_validate(data)
    figures = analyse(plan, TODAY)
    numbers = [r.profit_target for r in plan.performance] + [r.profit_actual for r in plan.performance
                                                             if r.profit_actual] + \
              [s.profit_target for s in plan.sites] + [o.value for o in plan.opportunities] + \
              [a.target.value for a in plan.actions if a.target and a.target.unit == "GBP"] + \
              [figures.performance.total.ytd_profit_actual, figures.performance.total.ytd_profit_target,
               figures.performance.remaining_profit_gap, figures.pipeline.weighted_value, 9_876_543]
    for n in numbers:
        marks += [f"{n:,.0f}", f"{n:.0f}"]
    return plan, marks


@pytest.fixture(scope="module")
def sentinel_decks(tmp_path_factory):
    plan, marks = sentinel_plan()
    out = tmp_path_factory.mktemp("sentinel")
    paths = {"q4": write(plan, out, "qbr-2026-q4"), "q1": write(plan, out, "qbr-2027-q1"),
             "q4-internal": write(plan, out, "qbr-2026-q4", internal=True), "ir": write(plan, out, "ir-2026-11")}
    return {k: package_text(p) for k, p in paths.items()}, marks


@pytest.mark.parametrize("key", ["q4", "q1"])
def test_a_customer_deck_carries_no_internal_only_field(sentinel_decks, key):
    texts, marks = sentinel_decks
    found = [m for m in marks if m in texts[key]]
    # no attitude, influence, profit, margin, competitor, risk or other internal field anywhere in the
    # file: slides, speaker notes, chart parts and the workbooks behind the charts
    assert found == []
    for word in ("Attitude", "Influence", "champion", "blocker", "sceptic", "Probability"):
        assert word not in texts[key], word


def test_the_internal_deck_does_show_them(sentinel_decks):
    texts, marks = sentinel_decks
    # the sentinel test is not vacuous: the internal review shows risks, profit and the unshared opportunities
    for key in ("ir", "q4-internal"):
        assert f"{SENTINEL}risk0" in texts[key] and f"{SENTINEL}unshared3" in texts[key]
        assert sum(1 for m in marks if m in texts[key]) > 20


def test_the_rich_customer_deck_hides_unshared_opportunities(opened, rich_plan):
    text = "\n".join(slide_text(s) + notes(s) for s in opened["q4"].slides)
    unshared = [o.name for o in rich_plan.opportunities if not o.share_with_customer]
    shared_open = [o.name for o in rich_plan.opportunities if o.share_with_customer and o.stage not in ("order", "pay")]
    # opportunities marked share_with_customer: false never reach the customer; the shared open ones do
    assert unshared and not any(name in text for name in unshared)
    assert all(name in text for name in shared_open)
    # nor do the profit objective, opportunity values or SPANCOP jargon
    assert "gross profit" not in text and "£540,000" not in text and "Negotiation" not in text


def test_internal_flag_writes_the_internal_deck_under_its_own_name(decks):
    # --internal on a QBR never overwrites the customer deck
    assert decks["q4"].name == "northwind-foods-plc-qbr-qbr-2026-q4.pptx"
    assert decks["q4-internal"].name == "northwind-foods-plc-qbr-qbr-2026-q4-internal.pptx"
    # an internal review meeting keeps the plain name
    assert decks["ir"].name == "northwind-foods-plc-qbr-ir-2026-11.pptx"


# -- fitting and splitting -----------------------------------------------------------------

def table_rows(prs, title: str) -> list[list[str]]:
    rows = []
    for slide in prs.slides:
        if slide.shapes.title.text in (title, f"{title} (cont.)"):
            table = next(s.table for s in slide.shapes if getattr(s, "has_table", False) and s.has_table)
            cells = [[c.text for c in row.cells] for row in table.rows]
            # every page repeats the header row
            assert cells[0][0] == "Action"
            rows += cells[1:]
    return rows


def test_long_tables_continue_on_follow_on_slides(opened):
    prs = opened["long"]
    names = [s.shapes.title.text for s in prs.slides]
    # 48 actions from the last meeting do not fit one slide: the table continues, marked (cont.)
    assert "Review of actions from the last meeting (cont.)" in names
    rows = table_rows(prs, "Review of actions from the last meeting")
    # no row lost or repeated across the pages
    assert len(rows) == 48 and len({r[0] for r in rows}) == 48
    # long text in a single-content slide continues too
    assert "Decisions we are asking for today (cont.)" in names


def test_long_text_beside_other_content_is_cut_not_overflowing(opened):
    slide = slides_named(opened["long"], "Account objectives: your goals and how we support them")[0]
    # twelve very long goals cannot fit half a slide: the text ends with an ellipsis
    assert "…" in slide_text(slide)


def test_autofit_is_never_relied_on(opened):
    """Text is fitted by measurement when written (LibreOffice checks the result below), never by autofit."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for prs in opened.values():
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.strip():
                    body_pr = shape.text_frame._txBody.bodyPr
                    # no shrink-on-overflow flag that only PowerPoint would apply, and only on edit
                    assert body_pr.find(f"{a}normAutofit") is None and body_pr.find(f"{a}noAutofit") is not None
                    # every run has an explicit, measured size
                    assert all(r.font.size for p in shape.text_frame.paragraphs for r in p.runs)


def test_hostile_text_stays_literal_and_out_of_formulas(opened, decks):
    prs = opened["hostile"]
    text = "\n".join(slide_text(s) + notes(s) for s in prs.slides)
    # formulas, markup and template syntax show as typed
    assert '=HYPERLINK("http://x","click")' in text
    assert "<w:p>broken</w:p> {{ 7*7 }} & more" in text
    assert "+SUM(A1:A9) @SUM(1)" in text
    assert "שלום עולם — مرحبا بالعالم 🚀 👩‍💼" in text
    # the 10,000-character note is cut to fit its table cell
    assert "x" * 10_000 not in text and "x" * 50 in text
    # the chart's workbook holds the formula-like category as text, never as a formula
    with zipfile.ZipFile(decks["hostile"]) as archive:
        books = [archive.read(n) for n in archive.namelist() if n.endswith(".xlsx")]
    formulas, categories = [], []
    for blob in books:
        for row in openpyxl.load_workbook(io.BytesIO(blob)).active.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(cell.value)
                elif isinstance(cell.value, str):
                    categories.append(cell.value)
    assert formulas == []
    assert any(c.startswith("=HYPERLINK") for c in categories)


def test_fit_measures_and_wraps_like_the_office_programs():
    runs = (Run("Bring us ideas before we ask for them, especially for the plant-based range."),)
    lines = fit.wrap(runs, 200, 12)
    # greedy wrapping keeps every word, breaks at spaces and after hyphens, never wider than the column
    assert " ".join(lines).replace("- ", "-") == runs[0].text
    assert all(fit.text_width(line, 12) <= 200 / 12 * 12 for line in lines)
    # Liberation Sans (Arial) advances: "W" is wider than "i", bold wider than regular
    assert fit.text_width("W", 10) > fit.text_width("i", 10)
    assert fit.text_width("Meridian", 10, bold=True) > fit.text_width("Meridian", 10)
    # the largest size that fits a box, and the split of what does not, loses nothing
    box = fit.Box(int(Emu(914400 * 4)), int(Emu(914400 * 2)))
    paras = [Para((Run("word " * 40),), level=1) for _ in range(6)]
    assert fit.best_size(paras, box, 20, 30) is None
    head, rest = fit.split(paras, box, 12)
    assert head and rest
    text = lambda ps: "".join(p.text for p in ps).replace(" ", "")
    assert text(head) + text(rest) == text(paras)


# -- errors and the command ------------------------------------------------------------------

def test_a_plan_without_meetings_is_a_usage_error(minimal_plan, tmp_path):
    job = Job(minimal_plan, analyse(minimal_plan, TODAY), Options(today=TODAY), OutputFolder(tmp_path))
    # the minimal sample has no meetings: a clear message, exit status 2
    with pytest.raises(UsageError, match="no meetings"):
        job.meeting()
    result = CliRunner().invoke(main, ["qbr", str(MINIMAL), "-o", str(tmp_path), "--today", "2026-11-25"])
    assert result.exit_code == 2
    assert "the plan has no meetings" in result.output
    assert list(tmp_path.glob("*.pptx")) == []


def test_cli_writes_the_deck_for_the_chosen_meeting(tmp_path):
    result = CliRunner().invoke(main, ["qbr", str(RICH), "--meeting", "qbr-2027-q1", "-o", str(tmp_path),
                                       "--today", "2026-11-25"])
    # exit 0 and the documented file name
    assert result.exit_code == 0, result.output
    assert (tmp_path / "northwind-foods-plc-qbr-qbr-2027-q1.pptx").is_file()
    # an unknown meeting names the closest ones
    result = CliRunner().invoke(main, ["qbr", str(RICH), "--meeting", "qbr-2026-q5", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "did you mean" in result.output


def test_sparse_plan_keeps_every_slide_with_a_prompt(opened):
    prs = opened["sparse"]
    for slide in prs.slides:
        body = slide_text(slide).replace(slide.shapes.title.text, "", 1)
        # no slide is empty: where the plan has no data the slide asks a useful question
        assert len(body.strip()) > 20, slide.shapes.title.text
    text = "\n".join(slide_text(s) for s in prs.slides)
    assert "TODO" not in text and "None" not in text


def test_a_reference_deck_without_the_layouts_is_refused(tmp_path, rich_plan):
    from pptx import Presentation as New

    theme = tmp_path / "theme"
    theme.mkdir()
    prs = New()
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if layout.name == "Two Content":
            layouts.remove(layout)
    prs.save(str(theme / "reference.pptx"))
    # the error names the missing layout and the ones kapdocs needs
    with pytest.raises(RenderError, match="Two Content"):
        write(rich_plan, tmp_path / "out", "qbr-2026-q4", theme=theme)


def test_a_branded_4_3_reference_deck_still_fits(tmp_path, rich_plan):
    from pptx import Presentation as New

    theme = tmp_path / "theme"
    theme.mkdir()
    New().save(str(theme / "reference.pptx"))  # python-pptx's own 4:3 template, the standard layout names
    prs = Presentation(str(write(rich_plan, tmp_path / "out", "qbr-2026-q4", theme=theme)))
    # the deck takes the user's page size and layouts, and still has every agenda item, in order
    assert prs.slide_width == Emu(9144000)
    assert list(dict.fromkeys(k for k, _ in titles(prs))) == list(dict.fromkeys(k for k, _ in GOLDEN_Q4))


# -- LibreOffice ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(decks, tmp_path_factory) -> dict[str, Path]:
    from kapdocs import office

    out = tmp_path_factory.mktemp("pdf")
    keys = list(decks)
    copies = []
    for key in keys:  # the same file names in different folders: give each its own
        copies.append(out / f"{key}.pptx")
        copies[-1].write_bytes(decks[key].read_bytes())
    return dict(zip(keys, office.convert_to_pdf(copies, out / "pdf")))


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Words of each page with their boxes (points), from pdftotext -bbox."""
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


@pytest.mark.office
def test_libreoffice_converts_each_deck_with_one_page_per_slide(pdfs, opened):
    from kapdocs import office

    for key, pdf in pdfs.items():
        pages = pdf_words(pdf)
        # one PDF page per slide
        assert len(pages) == len(opened[key].slides), key
        text = office.pdf_text(pdf)
        # every slide title is on its page
        for slide in opened[key].slides:
            assert slide.shapes.title.text.split()[0] in text


@pytest.mark.office
def test_nothing_overflows_on_the_rendered_pages(pdfs, opened):
    """Text that overflowed its box would run into the footer band or off the page."""
    for key, pdf in pdfs.items():
        prs = opened[key]
        width, height = prs.slide_width / 12700, prs.slide_height / 12700
        content_bottom = 6.85 * 72 * height / 540
        for number, (slide, words) in enumerate(zip(prs.slides, pdf_words(pdf)), start=1):
            footer = {str(number)}
            for shape in slide.shapes:
                if shape.is_placeholder and shape.placeholder_format.type in (15, 13):  # footer, slide number
                    footer |= set(shape.text_frame.text.split())
            for x0, y0, x1, y1, word in words:
                # inside the page, left and right
                assert x1 <= width - 20 and x0 >= 20, (key, number, word)
                # nothing but the footer below the content area
                if y1 > content_bottom:
                    assert word in footer and y0 > content_bottom - 4, (key, number, word, y0, y1)


def test_a_past_meetings_deck_shows_the_year_to_date_as_it_stood(tmp_path, rich_plan):
    from kapdocs import api
    from kapdocs.render import renderer

    meeting = next(m for m in rich_plan.meetings if m.id == "qbr-2026-q2")
    (deck,) = api.render(rich_plan, [renderer("qbr")], tmp_path, Options(today=TODAY, meeting=meeting.id))
    charts = [s.chart for slide in Presentation(str(deck)).slides for s in slide.shapes if s.has_chart]
    volume = next(c for c in charts if "target and actual" in c.chart_title.text_frame.text)
    actual = next(s for s in volume.plots[0].series if s.name == "Actual")
    # on its date Q3 had not begun: the chart has no Q3 actual
    assert list(volume.plots[0].categories) == ["2026-Q1", "2026-Q2"]
    assert all(v is not None for v in actual.values)


def _sizes(shape) -> list[float]:
    """Point sizes of the runs in a shape's text or table."""
    root = shape._element
    return [int(r.get("sz")) / 100 for r in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")
            if r.get("sz")]


@pytest.mark.parametrize("key", ["q4", "q1"])
def test_the_customer_deck_keeps_its_type_scale(opened, key):
    for number, slide in enumerate(opened[key].slides, start=1):
        title = slide.shapes.title
        if title is None or number == 1:
            continue
        top = max(_sizes(title) or [28])
        for shape in slide.shapes:
            if shape == title or (shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16)):
                continue  # footer, slide number and date placeholders
            sizes = _sizes(shape)
            # nothing on a slide is set larger than its title
            assert all(s <= top for s in sizes), (number, title.text_frame.text, max(sizes))
            # tables stay readable from the back of the room: 12 pt or more
            if shape.has_table:
                assert min(sizes) >= 12, (number, title.text_frame.text)


def test_a_long_table_is_shared_evenly_over_its_slides(opened):
    # ten upcoming initiatives at 12 pt or more take two slides: five and five, not nine and one
    tables = [next(s for s in slide.shapes if s.has_table) for slide in opened["q4"].slides
              if slide.shapes.title.text_frame.text in ("Upcoming initiatives", "Upcoming initiatives (cont.)")]
    counts = [len(t.table.rows) - 1 for t in tables]
    assert len(counts) == 2 and max(counts) - min(counts) <= 1
    # each share is set at the largest size it fits at (16 pt), not at the size that needed two slides
    assert {_sizes(t) and min(_sizes(t)) for t in tables} == {16.0}


def _opportunity_names(slide) -> list[str]:
    table = next((s for s in slide.shapes if s.has_table), None)
    if table is None or table.table.rows[0].cells[0].text != "Opportunity":
        return []
    return [r.cells[0].text for r in list(table.table.rows)[1:]]


@pytest.mark.parametrize("key", ["q4", "q1", "ir"])
def test_no_opportunity_is_listed_twice_and_the_ranking_stays_ours(opened, key):
    # the customer's upcoming-initiatives and new-business slides never show the same opportunity twice (the
    # internal review's Top 5 and Big 5 are two rankings side by side, where one deal may be in both)
    names = [n for slide in opened[key].slides for n in _opportunity_names(slide)]
    assert names and (key == "ir" or len(names) == len(set(names)))
    words = " ".join(shape.text_frame.text for slide in opened[key].slides for shape in slide.shapes
                     if shape.has_text_frame)
    cells = " ".join(c.text for slide in opened[key].slides for shape in slide.shapes if shape.has_table
                     for row in shape.table.rows for c in row.cells)
    # Top 5 / Big 5 is our own ranking: never in the customer's deck
    assert (("Top 5" in words + cells) or ("Big 5" in words + cells)) == (key == "ir")


def test_an_opportunity_past_its_close_date_says_so(opened, rich_plan):
    # op09 was expected to close in October 2026 and is still at its last stage: overdue, not on track
    late = next(o for o in rich_plan.opportunities if o.id == "op09")
    assert late.stage == "close" and late.expected_close.month == 10
    texts = [c.text_frame.text for slide in opened["q4"].slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for c in row.cells]
    assert "Oct 2026: overdue" in texts and "Oct 2026" not in texts


def test_the_internal_review_weighs_relationships_and_the_competition(opened):
    slide = slides_named(opened["ir"], "Assess: relationships and the competition")[0]
    text = slide_text(slide)
    # the blocker at Bristol and the sceptics, with our best link to each; the competitors' scores
    assert "Derek Mills" in text and "blocker" in text and "sceptic" in text
    assert "Acme Ingredients" in text and "We trail on" in text
    # none of it in the customer's deck
    customer = " ".join(slide_text(s) for s in opened["q4"].slides)
    assert "blocker" not in customer and "Acme" not in customer


def test_the_internal_preparation_deck_is_the_internal_reviews(opened, rich_plan):
    first = slide_text(list(opened["q4-internal"].slides)[0])
    review = rich_plan.meeting("ir-2026-11")
    # the internal review that prepares the QBR: its date, its place, its people, none of the customer's
    assert "Preparing the review of Thursday 10 December 2026" in first
    assert review.venue in first and "Northwind Foods HQ" not in first
    assert "Catherine Whitfield" not in first and "Joanna Smith" in first
