"""The Word key account plan, read back: structure, content, figures, charts, editions, layout, PDF.

Documents are written once per module (both samples, both editions) with
`plan_docx.write`, which leaves LibreOffice out; the office tests convert them
all in one LibreOffice run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from kapdocs.analysis import analyse
from kapdocs.fmt import Formatter
from kapdocs.model import OPEN_STAGES, Plan
from kapdocs.output import OutputFolder
from kapdocs.render import renderer, Job, Options
from kapdocs.render import plan_docx
from kapdocs.render.plan_docx.editions import Edition
from kapdocs.view import build_view

EDITIONS = ("internal", "customer")
from kapdocs.render.plan_docx.gaps import GAPS
from kapdocs.render.plan_docx.sections import HEADINGS
from kapdocs.text import plain

TODAY = dt.date(2026, 11, 25)
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"

GOLDEN_H1 = [
    "1 Relationship overview and executive summary",
    "2 Key account overview",
    "3 Objectives and strategy",
    "4 Customer alignment",
    "5 Relationship management",
    "6 Implementation plan",
    "Appendix A: Partnership and key account audit",
]
GOLDEN_H2_INTERNAL = [
    "1.1 Executive summary", "1.2 Performance year to date", "1.3 Current initiatives", "1.4 Financial targets",
    "1.5 Planning assumptions", "1.6 Account background and status",
    "2.1 The customer's vision and goals", "2.2 The customer's SWOT", "2.3 PESTLE analysis", "2.4 Five forces",
    "3.1 Customer portfolio matrix", "3.2 Our SWOT", "3.3 Core-team input", "3.4 Long-term objectives",
    "3.5 SMART objectives", "3.6 Customer needs and value drivers", "3.7 Value proposition",
    "4.1 Critical success factors", "4.2 Us against the competition",
    "5.1 Decision-making unit", "5.2 Coverage of the decision-making unit", "5.3 Core team", "5.4 Contact matrix",
    "6.1 Tactical action plan", "6.2 Live opportunities", "6.3 Top 5 and Big 5 opportunities",
    "6.4 Pipeline coverage of the gap", "6.5 Risks and contingencies", "6.6 Force field analysis",
    "6.7 Review calendar",
    "A.1 Partnership indicators", "A.2 Key account audit",
]
def customer_h2(customer: str, customers: str, ours: str) -> list[str]:
    """The customer edition's Heading 2s: a joint plan, both companies named (`customers`, `ours`: the
    possessives)."""
    return [
        "1.1 Executive summary", "1.2 Performance year to date", "1.3 Current initiatives", "1.4 Financial targets",
        "1.5 Planning assumptions", "1.6 Account background and status",
        f"2.1 {customers} vision and goals", f"2.2 {customers} SWOT", "2.3 PESTLE analysis", "2.4 Five forces",
        f"3.1 {ours.capitalize() if ours == 'our' else ours} strengths and opportunities",
        f"3.2 How {ours} team can help", "3.3 Long-term objectives",
        "3.4 SMART objectives", f"3.5 {customers} needs and value drivers", "3.6 Value proposition",
        "4.1 Critical success factors",
        "5.1 Decision-making unit", f"5.2 {ours.capitalize() if ours == 'our' else ours} team for {customer}",
        "6.1 Tactical action plan", "6.2 Live opportunities", "6.3 Review calendar",
        "A.1 In your own words",
    ]


GOLDEN_H2_CUSTOMER = customer_h2("Northwind", "Northwind's", "Meridian's")
"""The rich sample's customer edition (`account.short_name` Northwind, `supplier.short_name` Meridian)."""
GOLDEN_H2_CUSTOMER_MINIMAL = customer_h2("Harbour Logistics", "Harbour Logistics'", "our")
"""The first draft's: the customer's name without its legal form; no supplier named."""


# -- writing and reading back -----------------------------------------------------------------------
def write_plan(plan: Plan, folder: Path, edition: str = "internal", **options) -> Path:
    opts = Options(today=TODAY, edition=edition, **options)
    return plan_docx.write(Job(plan, analyse(plan, TODAY), opts, OutputFolder(folder)))


@pytest.fixture(scope="module")
def written(tmp_path_factory, rich_plan, minimal_plan) -> dict[tuple[str, str], Path]:
    """Both samples in both editions: {(sample, edition): path}."""
    root = tmp_path_factory.mktemp("plans")
    return {(sample, edition): write_plan(plan, root / f"{sample}-{edition}", edition)
            for sample, plan in (("rich", rich_plan), ("minimal", minimal_plan)) for edition in EDITIONS}


@pytest.fixture(scope="module")
def docs(written) -> dict[tuple[str, str], docx.document.Document]:
    return {key: docx.Document(str(path)) for key, path in written.items()}


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_rows(document) -> list[list[str]]:
    """Every row of every table, as cell texts."""
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def find_table(document, first_header: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_header)


def body_text(document) -> str:
    """Paragraphs and table cells, one per line."""
    lines = [p.text for p in document.paragraphs]
    lines += ["\t".join(row) for row in table_rows(document)]
    return "\n".join(lines)


def package_text(path: Path) -> str:
    """Every piece of text the file carries: body, headers, footers, charts, their workbooks, properties."""
    texts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".xlsx"):
                book = openpyxl.load_workbook(io.BytesIO(data))
                texts += [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
            elif name.endswith((".xml", ".rels")):
                root = etree.fromstring(data)
                for p in root.iter(f"{{{NS['w']}}}p", f"{{{NS['a']}}}p"):
                    texts.append("".join(p.itertext()))
                texts += [t for t in root.itertext() if t.strip()]
    return "\n".join(texts)


def charts(document) -> list[etree._Element]:
    """The chart parts of the document, parsed, in document order."""
    rels = document.part.rels
    ids = document.element.body.xpath(".//c:chart/@r:id")
    return [etree.fromstring(rels[i].target_part.blob) for i in ids]


def series(chart) -> dict[str, list]:
    """{series name: values} of a category chart ({name: (xs, ys)} of an XY chart)."""
    out = {}
    for ser in chart.iter(f"{{{NS['c']}}}ser"):
        name = ser.xpath("string(c:tx//c:v)", namespaces=NS)

        def values(tag):
            cache = ser.find(f"c:{tag}//c:numCache", NS)
            if cache is None:
                return None
            count = int(cache.find("c:ptCount", NS).get("val"))
            found = {int(pt.get("idx")): float(pt.findtext("c:v", namespaces=NS)) for pt in cache.findall("c:pt", NS)}
            return [found.get(i) for i in range(count)]

        out[name] = (values("xVal"), values("yVal")) if ser.find("c:xVal", NS) is not None else values("val")
    return out


def categories(chart) -> list[str]:
    return [pt.findtext("c:v", namespaces=NS) for pt in chart.find(".//c:ser/c:cat", NS).iter(f"{{{NS['c']}}}pt")]


def chart_title(chart) -> str:
    return "".join(chart.find("c:chart/c:title", NS).itertext())


# -- structure ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", [("rich", "internal"), ("rich", "customer"), ("minimal", "internal"),
                                 ("minimal", "customer")])
def test_heading_1_structure_is_golden(docs, key):
    # the six research sections and the appendix, in order, whatever the plan holds and whatever the edition;
    # the internal edition ends with the plan health appendix
    health = ["Appendix B: Plan health"] if key[1] == "internal" else []
    # the customer's appendix holds the audit alone, and says so
    customers = "Northwind's" if key[0] == "rich" else "Harbour Logistics'"
    golden = GOLDEN_H1 if key[1] == "internal" else GOLDEN_H1[:-1] + [f"Appendix A: {customers} view of the partnership"]
    assert headings(docs[key], 1) == golden + health
    assert GOLDEN_H1 == HEADINGS


def test_no_health_leaves_the_health_appendix_out(tmp_path, rich_plan):
    document = docx.Document(str(write_plan(rich_plan, tmp_path, health=False)))
    # --no-health: the plan ends with Appendix A
    assert headings(document, 1) == GOLDEN_H1


def test_heading_2_structure_per_edition(docs):
    # every minimum element of a plan has its numbered subsection, in order
    assert headings(docs["rich", "internal"], 2) == GOLDEN_H2_INTERNAL
    # the customer edition drops the internal subsections and numbers the rest without holes
    assert headings(docs["rich", "customer"], 2) == GOLDEN_H2_CUSTOMER
    # a first draft keeps every heading of its edition
    assert headings(docs["minimal", "internal"], 2) == [h for h in GOLDEN_H2_INTERNAL]
    assert headings(docs["minimal", "customer"], 2) == GOLDEN_H2_CUSTOMER_MINIMAL


def test_account_background_topics(docs):
    # the account background covers customer basics, potential, relationship and competitors, sites
    assert headings(docs["rich", "internal"], 3)[:4] == [
        "Customer basics", "Business potential", "Our relationship and the competitors'", "Sites"]


def test_first_draft_marks_every_gap_and_never_says_todo(docs, minimal_plan):
    text = body_text(docs["minimal", "internal"])
    # absent sections say what to capture there, e.g. the SWOT and the risks
    for key in ("summary", "performance", "customer_swot", "pestle", "portfolio", "risks", "force_field", "audit"):
        assert GAPS[key] in text, key
    # each gap note starts with the same marker, and there are many of them in a first draft
    assert text.count("Not yet captured.") >= 20
    # the few sections the draft does fill are shown, not gapped
    assert minimal_plan.objectives.smart[0].text in text and minimal_plan.needs[0].need in text
    # nothing that looks unfinished
    assert not re.search(r"\bTODO\b|\bTBD\b|None\b", text)


def test_cover_page(docs, rich_plan):
    document = docs["rich", "internal"]
    # the cover names the plan, the account, the period and (in its fact table) KAM, sponsor, status, version
    opening = [p.text for p in document.paragraphs[:12] if p.text][:3]
    assert opening == ["Key account plan", "Northwind Foods plc", "1 Jan 2026 to 31 Dec 2026"]
    cover = dict(row[:2] for row in table_rows(document)[:8])
    assert cover == {
        "Prepared by": "Meridian Ingredients Ltd",
        "Account": "Northwind Foods plc", "Parent group": "Northwind Holdings",
        "Plan period": "1 Jan 2026 to 31 Dec 2026",
        "Key account manager": "Joanna Smith, Key Account Manager",
        "Executive sponsor": "Alistair King, Managing Director",
        "Status": "Approved by Joanna Smith", "Version": "3.1 of 1 Oct 2026",
    }


def test_table_of_contents_is_a_real_field_with_linked_entries(written):
    with zipfile.ZipFile(written["rich", "internal"]) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    # a TOC field over heading levels 1-2, with hyperlinks
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-2" \\h \\z \\u </w:instrText>', body)
    # Word opens it without asking to update fields "that may refer to other files"
    assert "updateFields" not in settings
    # each entry links to its heading's bookmark
    anchors = re.findall(r'<w:hyperlink w:anchor="(_Toc_k\d+)"', body)
    assert anchors and all(f'w:name="{a}"' in body for a in anchors)
    # pre-filled with the headings, so that it is never empty
    assert body.index("1 Relationship overview and executive summary") < body.index("Appendix A")


def test_header_footer_and_properties(docs):
    internal, customer = docs["rich", "internal"], docs["minimal", "customer"]
    # every section's header names the account and the edition
    # (with our company's name when the plan gives it)
    assert {s.header.paragraphs[0].text for s in internal.sections} == {
        "Meridian Ingredients Ltd · Northwind Foods plc\tInternal and confidential"}
    assert {s.header.paragraphs[0].text for s in customer.sections} == {
        "Harbour Logistics Ltd\tPrepared for Harbour Logistics Ltd"}
    # the footer numbers pages as "Page X of Y" with fields
    footer = internal.sections[0].footer.paragraphs[0]._p.xml
    assert "Page " in footer and " PAGE " in footer and " NUMPAGES " in footer
    # the cover page has no header
    assert internal.sections[0].different_first_page_header_footer
    props = internal.core_properties
    # title, subject, author (the KAM) and keywords are set
    assert props.title == "Key account plan: Northwind Foods plc"
    assert "2026-01-01 to 2026-12-31" in props.subject and "internal" in props.subject
    assert props.author == "Joanna Smith"
    assert "key account plan" in props.keywords and "Northwind Foods plc" in props.keywords


# -- content ---------------------------------------------------------------------------------------------
def test_every_action_opportunity_risk_and_site_appears(docs, rich_plan):
    text = body_text(docs["rich", "internal"])
    # the action plan lists every action with its description
    for action in rich_plan.actions:
        assert f"{action.id}\t{plain(action.description)}" in text
    # every opportunity, every risk (with its contingency) and every site
    for opp in rich_plan.opportunities:
        assert f"{opp.id}\t{opp.name}" in text
    for risk in rich_plan.risks:
        assert plain(risk.risk) in text
        assert plain(risk.contingency) in text if risk.contingency else "No contingency yet" in text
    for site in rich_plan.sites:
        assert site.name in text


def test_performance_figures_equal_the_analysis(docs, rich_plan):
    figures = analyse(rich_plan, TODAY)
    fmt = Formatter("GBP", "tonnes", "en-GB")
    total = figures.performance.total
    volume = find_table(docs["rich", "internal"], "Volume (tonnes)")
    # the total row is the analysis module's year-to-date and full-period figures, formatted
    assert [c.text for c in volume.rows[-1].cells] == [
        "Total", fmt.number(total.ytd_volume_target), fmt.number(total.ytd_volume_actual),
        fmt.number(total.volume_gap), fmt.percent(total.volume_achievement), fmt.number(total.full_volume_target)]
    profit = find_table(docs["rich", "internal"], "Profit (£)")
    # money carries the currency symbol and thousands separators
    assert [c.text for c in profit.rows[-1].cells][:3] == ["Total", "£1,607,000", "£1,613,000"]
    assert fmt.money(total.ytd_profit_target) == "£1,607,000"


def test_pipeline_portfolio_force_field_and_alignment_equal_the_analysis(docs, rich_plan):
    figures = analyse(rich_plan, TODAY)
    fmt = Formatter("GBP", "tonnes", "en-GB")
    document = docs["rich", "internal"]
    rows = {r[0]: r[1:] for r in table_rows(document)}
    p = figures.pipeline
    # pipeline coverage of the gap, figure by figure
    assert rows["Gap still to find"][0] == fmt.money(p.gap)
    assert rows["Weighted pipeline (value × probability)"][0] == fmt.money(p.weighted_value)
    assert rows["Coverage of the gap"][0] == fmt.times(p.coverage) == f"{p.coverage:.2f}×"
    # the portfolio scores and the quadrant named under the matrix
    assert rows["Customer attractiveness to us"][0] == fmt.score(figures.portfolio.attractiveness)
    assert rows["Quadrant"][:1] == [figures.portfolio.quadrant]
    # force field totals and balance
    balance = figures.force_field
    assert f"For {balance.total_for}, against {balance.total_against}: a balance of +{balance.balance}" in (
        body_text(document))
    # weighted scores of us and each competitor on the critical success factors
    # (one formatter, halves rounded up: 6.95 reads 7.0 in every table)
    assert rows["Weighted score"][1:] == [fmt.score(s.score) for s in figures.alignment.scores]
    # Top 5 and Big 5 in the analysis module's order
    top = find_table_after(document, "Top 5: nearest to closing")
    assert [r.cells[1].text for r in top.rows[1:]] == [o.name for o in p.top5]


def find_table_after(document, heading: str):
    """The first table after the heading `heading` (not its entry in the contents)."""
    body = list(document.element.body)
    start = next(i for i, el in enumerate(body) if el.xpath("string(.)") == heading
                 and el.xpath("string(w:pPr/w:pStyle/@w:val)").startswith("Heading"))
    element = next(el for el in body[start:] if el.tag == f"{{{NS['w']}}}tbl")
    return docx.table.Table(element, document._body)


def test_sites_flag_dates_in_the_plan_period(docs, rich_plan):
    sites = find_table_after(docs["rich", "internal"], "Sites")
    cells = {r.cells[0].text.split("\n")[0]: [c.text for c in r.cells] for r in sites.rows[1:]}
    # Bristol's contract expires and its tender falls in the plan period: both flagged
    assert cells["Bristol chilled desserts plant"][-2:] == ["⚑ 31 Dec 2026", "⚑ 1 Oct 2026"]
    # Leeds's dates are after the period: not flagged
    assert cells["Leeds bakery"][-2:] == ["30 Jun 2028", "17 Jan 2028"]
    # profit targets with the currency symbol
    assert "£1,050,000" in cells["Hull ready meals and sauces plant"]


def test_needs_in_priority_order_with_agreement(docs, rich_plan):
    table = find_table(docs["rich", "internal"], "Priority")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    # priority 1 first, and whether each need was agreed with the customer
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r[-1] for r in rows] == ["Yes", "Yes", "Yes", "Yes", "Not yet", "Not yet"]


def test_validation_date_of_the_customer_strategy(docs):
    # the customer's goals say when they were checked with the customer
    assert "Validated with the customer on 17 Sep 2026." in body_text(docs["rich", "internal"])


# -- charts -----------------------------------------------------------------------------------------------
def test_charts_are_native_chart_parts_with_the_analysis_values(docs, rich_plan):
    figures = analyse(rich_plan, TODAY)
    found = charts(docs["rich", "internal"])
    titles = [chart_title(c) for c in found]
    # six native charts: performance (volume, profit), portfolio, alignment, pipeline, force field
    assert titles == ["Volume: target and actual by period", "Profit: target and actual by period",
                      "Customer portfolio matrix", "Critical success factors: us against the competition",
                      "Live opportunities by SPANCOP stage", "Force field analysis"]
    volume, profit, matrix, alignment, pipeline, forces = found
    periods = figures.performance.periods
    # series values are the analysis module's
    assert categories(volume) == [p.period for p in periods]
    assert series(volume) == {"Volume target": [p.volume_target for p in periods],
                              "Volume actual": [p.volume_actual for p in periods]}
    # each target is a line across the actual columns (same axes), the columns labelled with their values
    for chart, name in ((volume, "Volume target"), (profit, "Profit target")):
        line = chart.find(".//c:lineChart", NS)
        assert line.find("c:ser/c:tx//c:v", NS).text == name
        assert [a.get("val") for a in line.findall("c:axId", NS)] == [
            a.get("val") for a in chart.findall(".//c:barChart/c:axId", NS)]
        assert chart.find(".//c:barChart/c:dLbls/c:showVal", NS).get("val") == "1"
        assert chart.find(".//c:barChart/c:dLbls/c:dLblPos", NS).get("val") == "inBase"
    # live opportunities: the open stages only (won deals are not live)
    assert series(pipeline)["Weighted value"] == [pytest.approx(s.weighted) for s in figures.pipeline.by_stage
                                                  if s.stage in OPEN_STAGES]
    assert series(forces)["For the plan"][:5] == [5, 4, 4, 3, 3]
    assert series(forces)["Against the plan"][5:] == [-4, -4, -3, -2]
    # the account sits on the matrix at (strength, attractiveness)
    xs, ys = series(matrix)["Northwind Foods plc"]
    position = figures.portfolio
    assert (xs[0], ys[0]) == (pytest.approx(position.strength), pytest.approx(position.attractiveness))
    # the matrix axes run 0-10 and cross at 5, so that the quadrants show
    for axis in matrix.iterfind(".//c:valAx", NS):
        assert axis.find("c:scaling/c:min", NS).get("val") == "0.0"
        assert axis.find("c:scaling/c:max", NS).get("val") == "10.0"
        assert axis.find("c:crossesAt", NS).get("val") == "5.0"
    # the quadrant named in the caption table under the chart
    assert figures.portfolio.quadrant in body_text(docs["rich", "internal"])
    # every chart titles its value axis (the scatter matrix both axes), has a legend and fills from the
    # theme's colours; categories that name themselves (periods, stages, factors, forces) carry no axis title
    for chart in found:
        assert len(chart.findall(".//c:valAx/c:title", NS)) >= 1
        assert not chart.findall(".//c:catAx/c:title", NS)
        assert chart.find(".//c:legend", NS) is not None
        assert chart.find(".//c:ser/c:spPr/a:solidFill/a:srgbClr", NS) is not None


def test_chart_parts_have_embedded_workbooks(written):
    document = docx.Document(str(written["rich", "internal"]))
    for rel in document.part.rels.values():
        if rel.reltype == CHART_RT:
            # each chart part links its own workbook, so Word can edit the data
            workbooks = [r for r in rel.target_part.rels.values() if r.target_ref.endswith(".xlsx")]
            assert len(workbooks) == 1


# -- editions ----------------------------------------------------------------------------------------------
def internal_only_strings(plan: Plan) -> dict[str, list[str]]:
    """Text that must not reach the customer, by the reason it is internal."""
    fmt = Formatter("GBP", "tonnes", "en-GB")
    figures = analyse(plan, TODAY)
    return {
        "attitudes and influence": ["Attitude", "Influence", "Blocker", "Sceptic"],
        "contact notes": [plain(c.notes)[:60] for c in plan.contacts if c.notes],
        "profit targets and margins": [fmt.money(s.profit_target) for s in plan.sites]
        + [fmt.money(figures.performance.total.ytd_profit_actual), fmt.money(plan.potential.profit),
           "Profit target", "Profit (£)", "Deliver £2.18m gross profit"],
        "competitor shares and positions": [c.position for c in plan.relationship.competitors]
        + ["Position at the customer"],
        "our weaknesses and threats": plan.swot.weaknesses + plan.swot.threats,
        "risks and the force field": [plain(r.risk) for r in plan.risks]
        + [f.force for f in plan.force_field.for_ + plan.force_field.against],
        "opportunities not to be shared": [o.name for o in plan.opportunities if not o.share_with_customer],
        "opportunity values": [fmt.money(o.value) for o in plan.opportunities if o.value == 540000],
        "our own assessments": [plain(plan.plan.summary)[:80], plain(plan.relationship.summary)[:80],
                                "Customer portfolio matrix", "Partnership indicators",
                                plain(plan.partnership_indicators[0].evidence)],
        "internal reviews and resources": ["Northwind internal account review, November 2026",
                                           plan.actions[0].resources],
    }


def test_customer_edition_carries_no_internal_field(written, rich_plan):
    internal, customer = package_text(written["rich", "internal"]), package_text(written["rich", "customer"])
    for reason, strings in internal_only_strings(rich_plan).items():
        for text in strings:
            # the internal edition has it (so the check means something) ...
            assert text in internal, (reason, text)
            # ... and the customer edition does not, anywhere in the file (charts and workbooks included)
            assert not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", customer), (reason, text)


def test_customer_edition_keeps_the_joint_plan(docs, rich_plan):
    text = body_text(docs["rich", "customer"])
    # shared opportunities, every action, agreed needs, our strengths and the customer's audit answers stay
    for opp in rich_plan.opportunities:
        assert (opp.name in text) == opp.share_with_customer
    for action in rich_plan.actions:
        # every action but the one marked internal (our response to the customer's tender)
        assert (plain(action.description) in text) == (not action.internal)
    assert rich_plan.swot.strengths[0] in text and rich_plan.needs[0].need in text
    assert rich_plan.audit[-1].question in text
    # the summary is the author's customer wording, then a plan at a glance built from the shared sections
    assert rich_plan.plan.summary.customer.split("\n")[0] in text and plain(rich_plan.plan.summary)[:60] not in text
    assert "This is the joint account plan of Northwind Foods plc" in text
    # the customer edition's chart counts the shared opportunities by stage, in the customer's words
    pipeline = [c for c in charts(docs["rich", "customer"]) if chart_title(c) == "Open opportunities by stage"][0]
    shared = [o for o in rich_plan.opportunities if o.share_with_customer and o.stage in OPEN_STAGES]
    assert sum(series(pipeline)["Opportunities"]) == len(shared)


@pytest.mark.parametrize("sample", ["rich", "minimal"])
def test_customer_edition_names_both_companies(docs, sample):
    # a joint plan: our own labels ("Us", "Our owner", "the customer's") become the companies' names, so that
    # "we" and "our" in the document's own words can only mean both companies
    document = docs[sample, "customer"]
    customer, us = ("Northwind", "Meridian") if sample == "rich" else ("Harbour Logistics", None)
    headers = [cell.text for table in document.tables for cell in table.rows[0].cells]
    generated = headers + [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Caption"))]
    for word in ("Us", "Our owner", "Customer owner", "Our offer", "Agreed with customer"):
        assert word not in generated
    assert not [t for t in generated if re.search(r"\bthe customer\b", t, re.I)]
    if us:
        assert {f"{us} owner", f"{customer} owner", us, f"What {us} offers"} <= set(headers)
        assert "This is the joint account plan of Northwind Foods plc and Meridian Ingredients Ltd" in body_text(document)
    assert f"Agreed with {customer}" in headers
    if us:  # our own edition keeps its words
        assert {"Us", "Our owner", "Customer owner"} <= {c.text for t in docs[sample, "internal"].tables
                                                        for c in t.rows[0].cells}


def test_short_names_drop_the_legal_form():
    from kapdocs.view.parties import possessive, short_name

    assert short_name("Meridian Ingredients Ltd") == "Meridian Ingredients"
    assert short_name("Northwind Foods plc") == "Northwind Foods"
    assert short_name("Müller Lebensmittel GmbH") == "Müller Lebensmittel"
    assert short_name("Ltd") == "Ltd" and short_name("Acme") == "Acme"
    assert possessive("Harbour Logistics") == "Harbour Logistics'" and possessive("Northwind") == "Northwind's"


def test_edition_definitions(rich_plan):
    # the internal edition shows everything, the customer edition none of the internal parts
    internal = Edition.of(build_view(rich_plan, "internal", TODAY))
    customer = Edition.of(build_view(rich_plan, "customer", TODAY))
    flags = [f for f in Edition.__slots__ if f != "name"]
    assert all(getattr(internal, f) for f in flags)
    # the plan summary and our relationship summary have customer wordings in the sample
    assert [f for f in flags if getattr(customer, f)] == ["executive_summary", "relationship_summary"]


def test_objectives_about_profit_stay_internal(rich_plan):
    smart = rich_plan.objectives.smart
    plan = rich_plan.model_copy(update={"objectives": rich_plan.objectives.model_copy(update={"smart": [
        smart[0].model_copy(update={"text": "Deliver £2m gross profit", "id": "p1"}),
        smart[1].model_copy(update={"text": "Hold prices", "measure": "margin, %", "id": "p2"}),
        smart[2].model_copy(update={"text": "Raise OTIF to 98%", "measure": "OTIF, %", "id": "p3"})]})})
    # objectives about profit or margin stay internal: the customer sees the third alone, numbered O1
    view = build_view(plan, "customer", TODAY)
    assert [o.id for o in view.plan.objectives.smart] == ["p3"] and view.ref("smart", "p3") == "O1"


# -- layout ------------------------------------------------------------------------------------------------
def tables_by_section(document):
    """(table element, section) pairs: a paragraph holding a sectPr closes a section."""
    sections, index, pairs = document.sections, 0, []
    for element in document.element.body:
        if element.tag == f"{{{NS['w']}}}tbl":
            pairs.append((element, sections[index]))
        elif element.find("w:pPr/w:sectPr", NS) is not None:
            index += 1
    return pairs


@pytest.mark.parametrize("key", [("rich", "internal"), ("rich", "customer")])
def test_no_table_runs_off_the_page_and_wide_ones_are_landscape(docs, key):
    document = docs[key]
    for table, section in tables_by_section(document):
        usable_twips = (section.page_width - section.left_margin - section.right_margin) / 635
        width = int(table.find("w:tblPr/w:tblW", NS).get(f"{{{NS['w']}}}w"))
        # every table fits between the margins of its own section
        assert width <= usable_twips + 2
        # header rows repeat on every page (two-column fact sheets have no header row)
        if len(table.findall("w:tblGrid/w:gridCol", NS)) > 2:
            assert table.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    action_plan = find_table_after(document, "6.1 Tactical action plan")._tbl
    section = next(s for t, s in tables_by_section(document) if t is action_plan)
    # the action plan is on a landscape page
    assert section.page_width > section.page_height


def test_paper_and_dates_follow_the_locale(tmp_path, rich_plan):
    us = docx.Document(str(write_plan(rich_plan, tmp_path, locale="en-US")))
    # Letter paper and US dates with en-US
    assert round(us.sections[0].page_width.cm, 2) == 21.59 and round(us.sections[0].page_height.cm, 2) == 27.94
    assert "Jan 1, 2026 to Dec 31, 2026" in body_text(us)
    # A4 by default
    gb = docx.Document(str(write_plan(rich_plan, tmp_path / "gb")))
    assert round(gb.sections[0].page_width.cm, 1) == 21.0 and round(gb.sections[0].page_height.cm, 1) == 29.7


# -- untrusted text ----------------------------------------------------------------------------------------------
def test_hostile_text_stays_literal(tmp_path):
    long = "long words " * 1000
    plan = Plan.model_validate({
        "account": {"name": "Acme <w:p> & {{ name }} 🏭", "key_account_manager": "k"},
        "team": [{"id": "k", "name": "=HYPERLINK(\"http://x\")"}],
        "sites": [{"id": "s", "name": "مصنع الشمال *not italic*"}],
        "critical_success_factors": [{"factor": "=1+1", "us": 5, "competitors": {"=cmd|' /C calc'!A0": 4}}],
        "actions": [{"id": "a1", "description": long, "owner": "k"}],
        "plan": {"summary": "**Bold** and <b>not bold</b> {% raw %}"},
    })
    path = write_plan(plan, tmp_path)
    document = docx.Document(str(path))
    text = body_text(document)
    # markup, template syntax, emoji and right-to-left text appear as typed
    assert "Acme <w:p> & {{ name }} 🏭" in text and "مصنع الشمال *not italic*" in text
    assert "<b>not bold</b> {% raw %}" in text and long.strip() in text
    # text that looks like a formula is a string in the chart's workbook, never a formula
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xlsx"):
                book = openpyxl.load_workbook(io.BytesIO(z.read(name)))
                assert all(c.data_type != "f" for ws in book for row in ws.iter_rows() for c in row)
    # the 10,000-character row may break across pages rather than outgrow one
    action_row = find_table_after(document, "6.1 Tactical action plan").rows[1]._tr
    assert action_row.find("w:trPr/w:cantSplit", NS) is None


# -- command line ----------------------------------------------------------------------------------------------
def test_cli_writes_the_customer_edition(tmp_path):
    from kapdocs.cli import main

    result = CliRunner().invoke(main, ["plan", "samples/first-draft.yaml", "-o", str(tmp_path), "--edition",
                                       "customer", "--today", "2026-11-25"])
    # exit code 0 and the file named after the account
    assert result.exit_code == 0, result.output
    path = tmp_path / "harbour-logistics-ltd-key-account-plan.docx"
    assert path.is_file()
    assert docx.Document(str(path)).sections[0].header.paragraphs[0].text.endswith("Prepared for Harbour Logistics Ltd")


# -- LibreOffice ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf_texts(written, tmp_path_factory) -> dict[tuple[str, str], str]:
    """Both samples, both editions, converted to PDF in one LibreOffice run; their text."""
    from kapdocs import office

    out = tmp_path_factory.mktemp("pdf")
    keys = list(written)
    copies = []
    for sample, edition in keys:  # the four files share two names: give each its own
        copy = out / f"{sample}-{edition}.docx"
        copy.write_bytes(written[sample, edition].read_bytes())
        copies.append(copy)
    pdfs = office.convert_to_pdf(copies, out / "pdf")
    return {key: office.pdf_text(pdf) for key, pdf in zip(keys, pdfs)}


@pytest.mark.office
@pytest.mark.parametrize("key", [("rich", "internal"), ("rich", "customer"), ("minimal", "internal"),
                                 ("minimal", "customer")])
def test_libreoffice_converts_both_editions_of_both_samples(pdf_texts, key):
    text = pdf_texts[key]
    account = "Northwind Foods plc" if key[0] == "rich" else "Harbour Logistics Ltd"
    # the account name and every section title reach the PDF
    assert account in text
    for heading in GOLDEN_H1[:-1]:
        assert heading in text
    customers = "Northwind's" if key[0] == "rich" else "Harbour Logistics'"
    assert ("Appendix A: Partnership and key account audit" if key[1] == "internal"
            else f"Appendix A: {customers} view of the partnership") in text
    # the contents carry page numbers once LibreOffice has laid the document out (section 1 after the
    # cover, the plan on a page and the contents)
    assert re.search(r"1 Relationship overview and executive summary\s*\.*\s*4\b", text)
    # the footer numbers the pages
    assert re.search(r"Page 2 of \d+", text)
    # and the last page is not a blank page holding only the header and footer
    last = [line for line in text.rstrip("\f").split("\f")[-1].splitlines() if line.strip()]
    assert len(last) > 3, last


@pytest.mark.office
def test_pdf_fills_the_table_of_contents(tmp_path, minimal_plan):
    from kapdocs import api

    written = api.render(minimal_plan, [renderer("plan")], tmp_path, Options(today=TODAY), pdf=True)
    path = next(p for p in written if p.suffix == ".docx")
    # a PDF is written beside the document
    assert path.with_suffix(".pdf").is_file()
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
    # page numbers were written after the entries (LibreOffice laid the document out)
    assert re.search(r"<w:tab/></w:r><w:r><w:t>\d+</w:t>", body[body.index("TOC \\o"):])
    # and the document still opens
    assert headings(docx.Document(str(path)), 1) == GOLDEN_H1 + ["Appendix B: Plan health"]


def test_a_second_theme_recolours_tables_and_charts(tmp_path, rich_plan):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text(
        'name: plum\ncolours:\n  primary: "5B2C6F"\n  accents: ["AA3377", "228833", "4477AA"]\n', encoding="utf-8")
    document = docx.Document(str(write_plan(rich_plan, tmp_path / "out", theme=theme)))
    # table header rows take the theme's primary colour
    assert 'w:fill="5B2C6F"' in find_table(document, "Volume (tonnes)")._tbl.xml
    # chart series take the theme's accents, in order
    alignment = [c for c in charts(document) if chart_title(c).startswith("Critical success factors")][0]
    fills = [s.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val") for s in alignment.iter(f"{{{NS['c']}}}ser")]
    assert fills[:3] == ["AA3377", "228833", "4477AA"]
    # the structure does not depend on the theme
    assert headings(document, 1) == GOLDEN_H1 + ["Appendix B: Plan health"]


def test_the_plan_opens_with_the_plan_on_a_page(docs, rich_plan):
    from kapdocs.view import build_view
    from kapdocs.view import vocabulary as words

    internal, customer = docs["rich", "internal"], docs["rich", "customer"]
    texts = [p.text for p in internal.paragraphs]
    # after the cover, before the contents
    assert texts.index("The plan on a page") < texts.index("Contents")
    # (tables: the cover's facts, the figures, the objectives' scorecard)
    assert [c.text for c in internal.tables[2].rows[0].cells] == ["No.", "Objective", "Due", "Status"]
    facts = {r.cells[0].text: r.cells[1].text for r in internal.tables[1].rows}
    view = build_view(rich_plan, "internal", TODAY)
    total = view.figures.performance.total
    # where we stand, from the analysis
    assert facts["Volume, year to date"].startswith(view.fmt.volume(total.ytd_volume_actual))
    assert facts["Profit, year to date"].startswith(view.fmt.money(total.ytd_profit_actual))
    assert facts["Next business review"] == "Thursday 10 December 2026"
    # the objectives' scorecard: each objective's status on the day
    scorecard = internal.tables[2]
    assert [r.cells[3].text for r in scorecard.rows[1:]] == [words.OBJECTIVE_STATUS[s.status]
                                                            for s in view.figures.objectives]
    # the customer's page has no profit and no pipeline, and numbers objectives without holes
    customer_facts = {r.cells[0].text: r.cells[1].text for r in customer.tables[1].rows}
    assert "Profit, year to date" not in customer_facts and "Pipeline closing this period" not in customer_facts
    assert [r.cells[0].text for r in customer.tables[2].rows[1:]] == [
        "O1", "O2", "O3", "O4", "O5"]


def test_markdown_in_table_cells_is_rendered(tmp_path, rich_plan):
    actions = list(rich_plan.actions)
    actions[0] = actions[0].model_copy(update={"description": "Run the **eight-week** trial on *line 3*"})
    risks = list(rich_plan.risks)
    risks[0] = risks[0].model_copy(update={"contingency": "Two steps:\n\n- offer indexed pricing\n- escalate"})
    path = write_plan(rich_plan.model_copy(update={"actions": actions, "risks": risks}), tmp_path)
    document = docx.Document(str(path))
    cells = [c for t in document.tables for r in t.rows for c in r.cells if c.text.startswith("Run the eight")]
    # in every table that shows it (current initiatives, the action plan), emphasis is run formatting,
    # never literal asterisks
    assert len(cells) >= 2
    for cell in cells:
        runs = [(r.text, bool(r.bold), bool(r.italic)) for p in cell.paragraphs for r in p.runs]
        assert ("eight-week", True, False) in runs and ("line 3", False, True) in runs and "*" not in cell.text
    contingency = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.startswith("Two steps"))
    # bullet items become their own lines
    assert [p.text for p in contingency.paragraphs] == ["Two steps:", "• offer indexed pricing", "• escalate"]


@pytest.fixture(scope="module")
def rich_pdfs(written, tmp_path_factory) -> dict[str, Path]:
    """The rich sample's two editions as PDFs (one LibreOffice run)."""
    from kapdocs import office

    out = tmp_path_factory.mktemp("rich-pdf")
    copies = []
    for edition in ("internal", "customer"):
        copy = out / f"rich-{edition}.docx"
        copy.write_bytes(written["rich", edition].read_bytes())
        copies.append(copy)
    return dict(zip(("internal", "customer"), office.convert_to_pdf(copies, out / "pdf")))


def _ink_depth(png: Path) -> float:
    """How far down the page (0-1) its lowest ink between the header and the footer lies."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    lowest = 0
    for y in range(int(height * 0.08), int(height * 0.9)):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            lowest = y
    return lowest / height


@pytest.mark.office
@pytest.mark.parametrize("edition", ["internal", "customer"])
def test_no_page_of_the_rich_plan_is_mostly_empty(rich_pdfs, edition, tmp_path):
    import subprocess

    from kapdocs import office

    pdf = rich_pdfs[edition]
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    texts = office.pdf_text(pdf).rstrip("\f").split("\f")
    starts_section = re.compile(r"^(\d+ [A-Z]|Appendix [A-Z]:|Contents$)")

    def first_line(page: str) -> str:
        lines = [line for line in page.splitlines() if line.strip()]
        return lines[2] if len(lines) > 2 else ""

    for n, png in enumerate(pngs, start=1):
        before_section = n == len(pngs) or bool(starts_section.match(first_line(texts[n])))
        # a page used less than a third comes only before a new section, or at the very end
        assert _ink_depth(png) >= 1 / 3 or before_section or n == 1, n




@pytest.mark.office
def test_the_customer_plan_leaves_no_half_page_around_its_opportunities(rich_pdfs):
    from kapdocs import office

    pages = office.pdf_text(rich_pdfs["customer"]).split("\f")
    # the headings' own pages: the last that names them (the contents come first)
    live = max(i for i, page in enumerate(pages) if "6.2 Live opportunities" in page)
    calendar = max(i for i, page in enumerate(pages) if "6.3 Review calendar" in page)
    # the chart follows the end of the action plan on its page (kept with its table, both moved on and left
    # that page half empty); the opportunities' table and the review calendar share the next one
    assert "Need and objective refer to the numbers in section 3" in pages[live]
    assert calendar == live + 1
    assert "Plant-based protein blend" in pages[calendar] and "Plant-based protein blend" not in pages[live]
