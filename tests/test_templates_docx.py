"""Word templates (`kapdocs render x.docx`): docxtpl's tags, plan Markdown, pictures, native charts, located
errors, the sandbox, and the one-page account summary starter."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from kapdocs.templating import TemplateError, prepare, render_bytes
from kapdocs.templating.core import render_context
from kapdocs.view import build_view

TODAY = dt.date(2026, 11, 25)

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


# -- helpers ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def customer_view(rich_plan):
    return build_view(rich_plan, "customer", TODAY, None)


@pytest.fixture(scope="module")
def minimal_view(minimal_plan):
    return build_view(minimal_plan, "customer", TODAY, None)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    from kapdocs.templating.starters import docx_starter

    path = tmp_path_factory.mktemp("starter") / "account-summary.docx"
    docx_starter.write(path)
    return path


@pytest.fixture(scope="module")
def rendered_starter(starter, customer_view) -> bytes:
    return render_bytes(starter, customer_view)


def make(path: Path, paragraphs=(), *, table=None, header: str | None = None, footer: str | None = None,
         after=()) -> Path:
    """A template: `paragraphs` (strings, or lists of (text, bold) runs), then `table` (rows of cell texts),
    then the paragraphs `after`."""
    document = docx.Document()

    def add(item):
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            paragraph = document.add_paragraph()
            for text, bold in item:
                paragraph.add_run(text).bold = bold or None

    for item in paragraphs:
        add(item)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(t.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    for item in after:
        add(item)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def render(path: Path, view, **kwargs) -> docx.document.Document:
    prepare(path)
    return docx.Document(io.BytesIO(render_bytes(path, view, **kwargs)))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def all_text(document) -> str:
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def chart_part(document, n: int = 1):
    for part in document.part.package.iter_parts():
        if str(part.partname) == f"/word/charts/chart{n}.xml":
            return part
    raise AssertionError(f"no chart{n}")


def chart_xml(part):
    return etree.fromstring(part.blob)


def series(chart) -> list[tuple[str, list[str], list[float | None]]]:
    """(name, categories, values) of each series, read from the chart's caches."""
    out = []
    for ser in chart.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        cats = [pt.find(f"{C}v").text for pt in ser.find(f"{C}cat").iter(f"{C}pt")]
        count = int(ser.find(f"{C}val//{C}ptCount").get("val"))
        values: list[float | None] = [None] * count
        for pt in ser.find(f"{C}val").iter(f"{C}pt"):
            values[int(pt.get("idx"))] = float(pt.find(f"{C}v").text)
        out.append((name, cats, values))
    return out


def fill_colours(chart) -> list[str | None]:
    out = []
    for ser in chart.iter(f"{C}ser"):
        colour = ser.find(f"{C}spPr/{A}solidFill/{A}srgbClr")
        out.append(colour.get("val") if colour is not None else None)
    return out


def chart_template(path: Path, *, descr: str = "chart:performance", series_count: int = 1,
                   colour: str = "FF0000", before=(), loop: str | None = None) -> Path:
    """A template with one column chart named `descr`, its series in `colour`."""
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE

    from kapdocs.render.chartdata import CategoryChartData
    from kapdocs.render.docx_charts import ChartPlacer

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    if loop:
        document.add_paragraph(f"{{%p for s in {loop} %}}")
    paragraph = document.add_paragraph()
    data = CategoryChartData()
    data.categories = ["a", "b"]
    for i in range(series_count):
        data.add_series(f"S{i}", [1, 2])
    chart = ChartPlacer(document).add(paragraph, XL_CHART_TYPE.COLUMN_CLUSTERED, data, width_cm=10, height_cm=6,
                                      description=descr)
    for s in chart.plots[0].series:
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = RGBColor.from_string(colour)
    chart.has_title = True
    chart.chart_title.text_frame.text = "Placeholder title"
    if loop:
        document.add_paragraph("{%p endfor %}")
    document.save(str(path))
    return path


# -- the starter -----------------------------------------------------------------------------------------------

def test_starter_declares_the_customer_audience(starter):
    assert prepare(starter) == ("docx", "customer")
    with zipfile.ZipFile(starter) as archive:
        assert "docProps/custom.xml" in archive.namelist()


def test_starter_renders_the_rich_sample(rendered_starter, customer_view):
    document = docx.Document(io.BytesIO(rendered_starter))
    text = all_text(document)
    assert "{{" not in text and "{%" not in text
    assert document.paragraphs[0].text == "Northwind Foods plc"
    assert "Wednesday 25 November 2026" in text
    goals = customer_view.data()["plan"]["customer_strategy"]["goals"]
    layout, objectives = document.tables
    bullets = [p.text for p in layout.cell(0, 0).paragraphs if p.style.name == "List Bullet"]
    assert bullets == goals
    smart = customer_view.data()["plan"]["objectives"]["smart"]
    assert len(objectives.rows) == 1 + len(smart)  # the "no objectives" row is gone
    assert [r.cells[0].text for r in objectives.rows[1:]] == [f"O{i}" for i in range(1, len(smart) + 1)]
    assert objectives.rows[3].cells[3].text == "Missed (36%)"
    assert objectives.rows[1].cells[2].text == "31 Dec 2026"
    summary = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert summary and summary[0].text.startswith("cut changeover waste at Hull")
    assert document.sections[0].header.paragraphs[0].text == \
        "Meridian Ingredients Ltd · account summary for Northwind"
    assert document.core_properties.title == "Northwind Foods plc: account summary"


def test_starter_chart_holds_the_view_data_in_its_own_colours(rendered_starter, customer_view):
    ctx = render_context(customer_view, "account-summary.docx")
    expected = ctx.charts["performance"]
    document = docx.Document(io.BytesIO(rendered_starter))
    chart = chart_xml(chart_part(document))
    assert series(chart) == [(s["name"], expected["categories"], s["values"]) for s in expected["series"]]
    assert fill_colours(chart) == ["C9D3E0", "2E75B6"]  # set in the template, kept
    title = "".join(t.text for t in chart.find(f"{C}chart/{C}title").iter(f"{A}t"))
    assert title == expected["title"]
    formulas = [f.text for f in chart.iter(f"{C}f")]
    assert formulas[:3] == ["Sheet1!$B$1", "Sheet1!$A$2:$A$5", "Sheet1!$B$2:$B$5"]


def test_starter_chart_workbook_holds_the_same_data(rendered_starter, customer_view):
    import openpyxl

    expected = render_context(customer_view, "x.docx").charts["performance"]
    with zipfile.ZipFile(io.BytesIO(rendered_starter)) as archive:
        name = next(n for n in archive.namelist() if n.startswith("word/embeddings/") and n.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read(name))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [None, "Target", "Actual"]
    assert [r[0] for r in rows[1:]] == expected["categories"]
    assert [r[2] for r in rows[1:]] == expected["series"][1]["values"]


def test_starter_renders_the_minimal_sample(starter, minimal_view):
    document = render(starter, minimal_view)
    text = all_text(document)
    assert "{{" not in text and "{%" not in text
    assert "The plan has no summary yet." in text
    assert "No volumes recorded yet." in text
    assert not document.element.body.xpath(".//c:chart")  # no data, no chart
    objectives = document.tables[1]
    assert len(objectives.rows) == 2


# -- docxtpl's tags ----------------------------------------------------------------------------------------------

def test_paragraph_loop_and_condition(tmp_path, customer_view):
    path = make(tmp_path / "loop.docx", ["Sites:", "{%p for s in plan.sites %}", "{{ s.name }}", "{%p endfor %}",
                                         "{%p if plan.sites | length > 99 %}", "Never shown", "{%p endif %}", "End"])
    assert texts(render(path, customer_view)) == [
        "Sites:", "Hull ready meals and sauces plant", "Leeds bakery", "Bristol chilled desserts plant", "End"]


def test_table_rows_repeat_and_a_row_drops(tmp_path, customer_view):
    path = make(tmp_path / "rows.docx", ["Needs"], table=[
        ["Ref", "Need"],
        ["{%tr for n in plan.needs %}", ""],
        ["{{ refs.needs[n.id] }}", "{{ n.need }}"],
        ["{%tr endfor %}", ""],
        ["{%tr if not plan.needs %}", ""],
        ["-", "No needs yet"],
        ["{%tr endif %}", ""],
    ])
    table = render(path, customer_view).tables[0]
    needs = customer_view.data()["plan"]["needs"]
    assert len(table.rows) == 1 + len(needs)
    assert [r.cells[0].text for r in table.rows] == ["Ref"] + [f"N{i}" for i in range(1, len(needs) + 1)]
    assert table.rows[1].cells[1].text == needs[0]["need"]


def test_a_tag_split_by_bold_formatting(tmp_path, customer_view):
    path = make(tmp_path / "split.docx", [[("Account: {{ plan.acc", False), ("ount.na", True), ("me }}", False)]])
    assert texts(render(path, customer_view)) == ["Account: Northwind Foods plc"]


def test_headers_and_footers_render(tmp_path, customer_view):
    path = make(tmp_path / "hf.docx", ["Body"], header="For {{ parties.customer }}",
                footer="{{ as_of | date('long') }}")
    document = render(path, customer_view)
    assert document.sections[0].header.paragraphs[0].text == "For Northwind"
    assert document.sections[0].footer.paragraphs[0].text == "Wednesday 25 November 2026"


# -- plan text ---------------------------------------------------------------------------------------------------

def _runs(paragraphs):
    return [(r.text, bool(r.bold), bool(r.italic)) for p in paragraphs for r in p.runs if r.text]


def test_markdown_as_paragraphs_with_bold_italic_and_bullets(tmp_path, customer_view):
    path = make(tmp_path / "md.docx", ["Before", "{{p plan.customer_strategy.vision | markdown }}",
                                       "{{p plan.plan.summary | markdown }}", "After"])
    document = render(path, customer_view)
    runs = _runs(document.paragraphs)
    assert ("Better food", True, False) in runs
    assert ("healthier recipes, less waste and net zero operations by 2040", False, True) in runs
    assert not any("**" in t or "*h" in t for t, _, _ in runs)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "cut changeover waste at Hull with pre-blended protein systems;"
    assert len(bullets) == 4
    assert document.paragraphs[0].text == "Before" and document.paragraphs[-1].text == "After"


def test_markdown_as_runs_keeps_the_paragraph(tmp_path, customer_view):
    path = make(tmp_path / "runs.docx", ["Vision: {{r plan.customer_strategy.vision | markdown }} (end)",
                                         "Inline: {{ plan.plan.summary | markdown }} (end)"])
    document = render(path, customer_view)
    assert len(document.paragraphs) == 2
    vision, summary = document.paragraphs
    assert vision.text.startswith("Vision: ") and vision.text.endswith(" (end)")
    assert ("Better food", True, False) in _runs([vision])
    assert "• cut changeover waste at Hull" in summary.text  # bullets on lines of their own
    assert summary._p.xpath(".//w:br")


def test_markdown_in_a_table_cell_keeps_the_cell_style(tmp_path, customer_view):
    path = make(tmp_path / "cell.docx", table=[["{{p plan.customer_strategy.vision | markdown }}"]])
    document = docx.Document(str(path))
    document.tables[0].cell(0, 0).paragraphs[0].style = document.styles["Quote"]
    document.save(str(path))
    cell = render(path, customer_view).tables[0].cell(0, 0)
    assert len(cell.paragraphs) == 2
    assert {p.style.name for p in cell.paragraphs} == {"Quote"}


def test_a_paragraph_tag_with_plain_or_empty_values(tmp_path, minimal_view):
    path = make(tmp_path / "plain.docx", ["{{p plan.account.name }}"], table=[
        ["{{p plan.account.short_name | markdown }}", "{{p plan.account.sector }}"]])
    document = docx.Document(str(path))
    document.paragraphs[0].style = document.styles["Heading 1"]
    document.save(str(path))
    rendered = render(path, minimal_view)
    assert rendered.paragraphs[0].text == "Harbour Logistics Ltd"
    assert rendered.paragraphs[0].style.name == "Heading 1"
    empty, sector = rendered.tables[0].rows[0].cells
    assert [p.text for p in empty.paragraphs] == [""]  # a cell keeps a paragraph
    assert [p.text for p in sector.paragraphs] == ["Third-party logistics and cold storage"]


def test_plan_text_is_never_a_template_and_is_escaped(tmp_path, customer_view):
    from kapdocs.templating import docx_engine

    path = make(tmp_path / "literal.docx", ["Name: {{ plan.account.name }}",
                                            "{{p plan.plan.summary | markdown }}"])
    ctx = render_context(customer_view, path.name)
    ctx.data["plan"]["account"]["name"] = "{{ 7*7 }} & <Co>\x0b{%p if true %}"
    ctx.data["plan"]["plan"]["summary"] = "**{{ 7*7 }}** and [site](https://example.com)"
    document = docx.Document(io.BytesIO(docx_engine.render(path, ctx)))
    assert texts(document) == ["Name: {{ 7*7 }} & <Co>{%p if true %}",
                               "{{ 7*7 }} and site (https://example.com)"]
    assert _runs(document.paragraphs[1:])[0] == ("{{ 7*7 }}", True, False)
    assert not document.part.rels or all("hyperlink" not in r.reltype for r in document.part.rels.values())


# -- pictures ----------------------------------------------------------------------------------------------------

def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (200, 100), (31, 58, 95)).save(path)
    return path


def test_the_logo_as_a_picture_only_when_the_theme_has_one(tmp_path, customer_view):
    path = make(tmp_path / "logo.docx", ["{%p if images.logo is defined %}", "{{ images.logo }}", "{%p endif %}",
                                         "Text"])
    with_logo = render(path, customer_view, logo=_png(tmp_path / "logo.png"))
    assert len(with_logo.inline_shapes) == 1
    assert abs(with_logo.inline_shapes[0].height - Cm(1.5)) < Cm(0.01)
    assert abs(with_logo.inline_shapes[0].width - Cm(3.0)) < Cm(0.01)
    without = render(path, customer_view)
    assert len(without.inline_shapes) == 0
    assert texts(without) == ["Text"]


# -- charts ------------------------------------------------------------------------------------------------------

def test_a_chart_gains_series_copied_from_the_last(tmp_path, customer_view):
    path = chart_template(tmp_path / "one.docx", series_count=1, colour="AA0000")
    document = render(path, customer_view)
    chart = chart_xml(chart_part(document))
    expected = render_context(customer_view, "x").charts["performance"]
    assert [s[0] for s in series(chart)] == ["Target", "Actual"]
    assert fill_colours(chart) == ["AA0000", "AA0000"]
    assert [s[2] for s in series(chart)] == [s["values"] for s in expected["series"]]
    idx = [int(s.find(f"{C}idx").get("val")) for s in chart.iter(f"{C}ser")]
    assert len(set(idx)) == 2


def test_a_chart_loses_series_it_does_not_need(tmp_path, customer_view):
    path = chart_template(tmp_path / "three.docx", descr="chart:pipeline", series_count=3)
    chart = chart_xml(chart_part(render(path, customer_view)))
    expected = render_context(customer_view, "x").charts["pipeline"]
    assert series(chart) == [(s["name"], expected["categories"], s["values"]) for s in expected["series"]]


def test_a_chart_in_a_loop_gets_a_copy_for_each_key(tmp_path, customer_view):
    path = chart_template(tmp_path / "loop.docx", descr="chart:performance.{{ s.id }}", loop="plan.sites")
    document = render(path, customer_view)
    charts = render_context(customer_view, "x").charts
    drawn = document.element.body.xpath(".//c:chart/@r:id")
    assert len(drawn) == 3 and len(set(drawn)) == 3
    for rid, site in zip(drawn, ("hull", "leeds", "bristol")):
        chart = chart_xml(document.part.rels[rid].target_part)
        assert [s[2] for s in series(chart)] == [s["values"] for s in charts[f"performance.{site}"]["series"]]


def test_an_unknown_chart_is_a_located_error(tmp_path, customer_view):
    path = chart_template(tmp_path / "typo.docx", descr="chart:perfomance", before=["Intro"])
    with pytest.raises(TemplateError) as caught:
        render(path, customer_view)
    assert caught.value.where.startswith("paragraph 2")
    assert "did you mean 'performance'" in caught.value.message


# -- errors and the sandbox -----------------------------------------------------------------------------------------

def test_the_customer_cannot_reach_an_internal_field(tmp_path, customer_view, rich_plan):
    path = make(tmp_path / "attitude.docx", ["Contacts"], table=[
        ["Name", "Attitude"],
        ["{%tr for c in plan.contacts %}", ""],
        ["{{ c.name }}", "{{ c.attitude }}"],
        ["{%tr endfor %}", ""],
    ])
    internal = render(path, build_view(rich_plan, "internal", TODAY, None))  # the field exists internally
    assert len(internal.tables[0].rows) == 1 + len(rich_plan.contacts)
    with pytest.raises(TemplateError) as caught:
        render(path, customer_view)
    # paragraphs: "Contacts" 1; cells: Name 2, Attitude 3, tr 4, '' 5, name 6, attitude 7
    assert caught.value.where == 'paragraph 7 "{{ c.attitude }}"'
    assert "no field 'attitude'" in caught.value.message
    assert str(caught.value).startswith("attitude.docx: paragraph 7")


@pytest.mark.parametrize("paragraphs, where, words", [
    (["Hello", "Dear {{ plan.account.nmae }}", "x"], 'paragraph 2 "Dear {{ plan.account.nmae }}"',
     "did you mean 'name'"),
    (["Hello", "x", "{{ plan.account.name | }}"], 'paragraph 3 "{{ plan.account.name | }}"', "syntax error"),
    (["Hello", "{%p for s in plan.sites %}", "{{ s.name }}", "x"], 'paragraph 2 "{%p for s in plan.sites %}"',
     "endfor"),
    (["Hello", "{{ s }}", "{%p endfor %}"], 'paragraph 3 "{%p endfor %}"', "syntax error"),
])
def test_errors_are_located_by_paragraph(tmp_path, customer_view, paragraphs, where, words):
    path = make(tmp_path / "error.docx", paragraphs)
    with pytest.raises(TemplateError) as caught:
        render(path, customer_view)
    assert caught.value.where == where
    assert words in caught.value.message


@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "cycler.__init__.__globals__",
                                        "plan.__class__", "joiner.__init__.__globals__.os"])
def test_sandbox_escapes_are_refused(tmp_path, customer_view, expression):
    path = make(tmp_path / "escape.docx", ["Fine", f"Bad {{{{ {expression} }}}}"])
    with pytest.raises(TemplateError) as caught:
        render(path, customer_view)
    assert caught.value.where.startswith("paragraph 2")
    assert "unsafe" in caught.value.message or "not allowed" in caught.value.message


def test_an_error_in_the_header_says_header(tmp_path, customer_view):
    path = make(tmp_path / "header.docx", ["Body"], header="For {{ parties.custmer }}")
    with pytest.raises(TemplateError) as caught:
        render(path, customer_view)
    assert caught.value.where.startswith("header")
    assert "did you mean 'customer'" in caught.value.message
