"""PowerPoint templates (`kapdocs render deck.pptx`): the engine in kapdocs.templating.pptx_engine and the starter deck.

Templates are built here with python-pptx on the built-in reference deck, rendered against the samples'
views, and the output is opened again with python-pptx to check what it holds.
"""

from __future__ import annotations

import io
import subprocess
import time
from pathlib import Path

import pytest
from conftest import TODAY, deck_text
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches, Pt

from kapdocs.render.chartdata import CategoryChartData
from kapdocs.render.charts import unsigned_axis_ids
from kapdocs.resources import template as builtin_template
from kapdocs.templating import TemplateError, prepare, render_bytes
from kapdocs.templating.charts import view_charts
from kapdocs.templating.starters import pptx_starter
from kapdocs.view import build_view

MEETING = "qbr-2026-q4"
VALIDATOR = Path("/work/shared/tools/validate-ooxml")


# -- helpers ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rich_view(rich_plan):
    return build_view(rich_plan, "customer", TODAY, MEETING)


@pytest.fixture(scope="module")
def minimal_view(minimal_plan):
    return build_view(minimal_plan, "customer", TODAY)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("starter") / "qbr.pptx"
    pptx_starter.write(path)
    return path


def new_deck():
    return Presentation(str(builtin_template("reference.pptx")))


def layout(prs, name: str):
    return next(lay for lay in prs.slide_layouts if lay.name == name)


def save(prs, folder: Path, name: str = "deck.pptx") -> Path:
    path = folder / name
    prs.save(str(path))
    return path


def render(path: Path, view, **kwargs):
    """`path` checked and rendered against `view`, opened again with python-pptx."""
    prepare(path)
    return Presentation(io.BytesIO(render_bytes(path, view, **kwargs)))


def textbox(slide, lines: list[str], name: str = "Text", top: float = 1.5):
    box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(8), Inches(3))
    box.name = name
    frame = box.text_frame
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.add_run().text = line
    return box


def paragraphs(shape) -> list[str]:
    return [p.text for p in shape.text_frame.paragraphs]


def shape_named(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def add_chart(slide, name: str, colour: RGBColor | None = None):
    data = CategoryChartData()
    data.categories = ["a", "b", "c"]
    data.add_series("s", (1, 2, 3))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(1.5), Inches(5), Inches(4), data)
    frame.name = name
    unsigned_axis_ids(frame.chart)
    if colour is not None:
        fill = frame.chart.plots[0].series[0].format.fill
        fill.solid()
        fill.fore_color.rgb = colour
    return frame


def charts_of(prs) -> list:
    return [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def values(shape) -> list[list]:
    return [list(s.values) for s in shape.chart.plots[0].series]


def png(path: Path, width: int, height: int) -> Path:
    from PIL import Image

    Image.new("RGB", (width, height), (200, 30, 30)).save(path)
    return path


# -- the starter deck -------------------------------------------------------------------------------------


def test_starter_declares_the_customer_audience_and_passes_template_check(starter):
    from kapdocs.templating.check import check_template

    assert prepare(starter) == ("pptx", "customer")
    who, report = check_template(starter)
    assert who == "customer" and report.findings == []
    assert {"meeting.agenda[].title", "plan.objectives.smart[].text", "plan.customer_strategy.vision"} <= report.used


def test_template_check_sees_slide_loops_and_reports_locations(tmp_path):
    from kapdocs.templating.check import check_template

    path = one_box_deck(tmp_path, ["{%p for c in plan.contacts %}", "{{ c.nmae }}", "{%p endfor %}"])
    prs = Presentation(str(path))
    prs.slides[0].notes_slide.notes_text_frame.text = "{% slide for o in plan.objectives.smart %}"
    prs.slides[0].shapes.add_textbox(0, 0, Inches(4), Inches(1)).text_frame.text = "{{ o.txt }}"
    prs.save(str(path))
    _, report = check_template(path)
    found = {(f.where, f.path) for f in report.findings}
    assert found == {('slide 1, shape "TextBox 1" "{{ o.txt }}"', "plan.objectives.smart[].txt"),
                     ('slide 2, shape "Body" "{{ c.nmae }}"', "plan.contacts[].nmae")}


def test_starter_renders_the_rich_sample(starter, rich_view):
    prs = render(starter, rich_view)
    data = rich_view.data()
    charts = view_charts(rich_view)
    smart = data["plan"]["objectives"]["smart"]
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[0] == data["meeting"]["title"]
    assert titles[1:4] == ["Agenda", "What we want from this meeting", "Northwind's vision and goals"]
    assert titles[4:4 + len(smart)] == [f"{data['refs']['smart'][o['id']]}: objective {n} of {len(smart)}"
                                        for n, o in enumerate(smart, 1)]
    assert titles[-1] == "Volume by period (tonnes)"
    assert len(prs.slides) == 5 + len(smart)  # the closing slide needs a logo: dropped
    assert "Thursday 10 December 2026, 10:00–12:00" in paragraphs(prs.slides[0].placeholders[1])

    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    agenda = data["meeting"]["agenda"]
    assert len(table.rows) == 1 + len(agenda)
    assert [c.text for c in table.rows[1].cells] == ["10:00–10:05", agenda[0]["title"], agenda[0]["purpose"],
                                                     agenda[0]["presenter"] or ""]
    assert table.rows[1].cells[1].text_frame.paragraphs[0].runs[0].font.bold

    assert paragraphs(prs.slides[2].placeholders[1])[:3] == data["meeting"]["objectives"]

    vision = prs.slides[3].placeholders[1].text_frame.paragraphs
    assert [r.text for p in vision for r in p.runs if r.font.bold] == ["Better food", "Less waste",
                                                                       "Fewer, stronger partners"]
    goals = data["plan"]["customer_strategy"]["goals"]
    assert [p.text for p in vision][2:] == goals and "*" not in "".join(p.text for p in vision)

    objective_charts = [s for slide in list(prs.slides)[4:4 + len(smart)] for s in slide.shapes if s.has_chart]
    assert [values(c) for c in objective_charts] == [
        [charts[f"objective.{o['id']}"]["series"][0]["values"]] for o in smart]
    assert len({c.chart.part.partname for c in objective_charts}) == len(smart)
    assert len({c.chart.part.chart_workbook.xlsx_part.partname for c in objective_charts}) == len(smart)
    performance = next(s for s in prs.slides[-1].shapes if s.has_chart)
    assert list(performance.chart.plots[0].categories) == charts["performance"]["categories"]
    assert values(performance) == [s["values"] for s in charts["performance"]["series"]]

    text = deck_text(prs)
    assert "{{" not in text and "{%" not in text and "slide for" not in text


def test_starter_renders_the_minimal_sample(starter, minimal_view):
    """No meeting, no summary for the customer, no performance yet: those slides go, the rest renders."""
    prs = render(starter, minimal_view)
    data = minimal_view.data()
    assert [s.shapes.title.text for s in prs.slides] == ["Harbour Logistics Ltd", "O1: objective 1 of 1"]
    assert paragraphs(prs.slides[0].placeholders[1])[-1] == "Account plan, Wednesday 25 November 2026"
    (chart,) = charts_of(prs)
    assert values(chart) == [[78.0, None, 45.0]]  # no current reading: a gap
    assert data["plan"]["objectives"]["smart"][0]["text"] in deck_text(prs)
    assert "{{" not in deck_text(prs)


def test_starter_shows_the_theme_logo_fitted_in_its_frame(starter, rich_view, tmp_path):
    logo = png(tmp_path / "logo.png", 400, 100)
    prs = render(starter, rich_view, logo=logo)
    last = prs.slides[-1]
    assert last.shapes.title.text == "Thank you"
    picture = shape_named(last, "img:logo")
    assert picture.image.blob == logo.read_bytes()
    assert abs(picture.width / picture.height - 4.0) < 0.01
    assert picture.width == Inches(4.0)  # the frame was 4 x 3 inches: fitted to its width, centred
    assert picture.top > Inches(2.2)


@pytest.mark.skipif(not VALIDATOR.exists(), reason="the Open XML SDK validator is not installed here")
def test_rendered_starter_passes_the_open_xml_validator(starter, rich_view, tmp_path):
    out = tmp_path / "rendered.pptx"
    prepare(starter)
    out.write_bytes(render_bytes(starter, rich_view, logo=png(tmp_path / "logo.png", 300, 200)))
    result = subprocess.run([str(VALIDATOR), str(out)], check=False, capture_output=True, text=True, timeout=300)
    assert "0 error(s) outside the --allow patterns" in result.stdout, result.stdout + result.stderr


# -- text: paragraphs, runs, markdown ---------------------------------------------------------------------


def test_paragraph_loops_and_conditions(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Title Only"))
    slide.shapes.title.text = "{{ parties.customer }} goals"
    textbox(slide, ["Goals:", "{%p for g in plan.customer_strategy.goals %}", "- {{ g }}", "{%p endfor %}",
                    "{% if plan.sites | length > 10 %}", "Dropped", "{% endif %}",
                    "{%p if plan.sites %}", "{{ plan.sites | length }} sites", "{%p endif %}",
                    "{# a comment paragraph #}", "[{{ meeting.agenda[0].activity }}]", "End"])
    grouped = slide.shapes.add_group_shape()
    textbox(grouped, ["{%p for s in plan.sites %}", "{{ loop.index }}. {{ s.name }}", "{%p endfor %}"], "Inner")
    out = render(save(prs, tmp_path), rich_view)
    goals = rich_view.data()["plan"]["customer_strategy"]["goals"]
    assert out.slides[0].shapes.title.text == "Northwind goals"
    assert paragraphs(shape_named(out.slides[0], "Text")) == [
        "Goals:", *[f"- {g}" for g in goals], "3 sites", "[]", "End"]  # [None]: an unset field prints nothing
    group = next(s for s in out.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    sites = rich_view.data()["plan"]["sites"]
    assert paragraphs(group.shapes[0]) == [f"{n}. {s['name']}" for n, s in enumerate(sites, 1)]


def test_a_tag_split_over_runs_renders_with_the_formatting_where_it_starts(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    box = textbox(slide, [])
    para = box.text_frame.paragraphs[0]
    runs = []
    for text, bold, italic in (("Hello ", False, True), ("{{ plan.acc", False, False), ("ount.na", True, False),
                               ("me }}", False, False), (" and bye", True, False)):
        run = para.add_run()
        run.text, run.font.bold, run.font.italic = text, bold, italic
        runs.append(run)
    out = render(save(prs, tmp_path), rich_view)
    (para,) = shape_named(out.slides[0], "Text").text_frame.paragraphs
    assert para.text == "Hello Northwind Foods plc and bye"
    assert [(r.text, bool(r.font.bold), bool(r.font.italic)) for r in para.runs] == [
        ("Hello ", False, True), ("Northwind Foods plc", False, False), (" and bye", True, False)]


def test_markdown_becomes_bold_and_italic_runs_and_bullets(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    box = textbox(slide, ["{{ plan.customer_strategy.vision | markdown }}", "Inline: {{ '**x** and *y*' | markdown }}",
                          "{{ plan.plan.summary | markdown }}"])
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    out = render(save(prs, tmp_path), rich_view)
    paras = shape_named(out.slides[0], "Text").text_frame.paragraphs
    bold = [r.text for p in paras for r in p.runs if r.font.bold]
    italic = [r.text for p in paras for r in p.runs if r.font.italic]
    assert bold == ["Better food", "Less waste", "Fewer, stronger partners"]
    assert italic == ["healthier recipes, less waste and net zero operations by 2040"]
    assert all(r.font.size == Pt(14) for r in paras[0].runs)  # the tag's run formatting is kept
    texts = [p.text for p in paras]
    assert "Inline: x and y" in texts and "**" not in "".join(texts)
    bullets = [p for p in paras if p._p.pPr is not None and p._p.pPr.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None]
    assert bullets[0].text == "cut changeover waste at Hull with pre-blended protein systems;"
    assert len(bullets) == 4


# -- tables ---------------------------------------------------------------------------------------------


def test_table_rows_repeat_and_drop(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Title Only"))
    rows = [("Site", "Share"), ("{%tr for s in plan.sites %}", ""),
            ("{{ s.name }}", "{{ s.share_of_wallet | percent }}"), ("{%tr endfor %}", ""),
            ("{%tr if plan.sites | length > 10 %}", ""), ("Hidden", "row"), ("{%tr endif %}", ""),
            ("Total", "{{ plan.sites | length }} sites")]
    frame = slide.shapes.add_table(len(rows), 2, Inches(0.5), Inches(1.5), Inches(8), Inches(0.4) * len(rows))
    frame.name = "Sites"
    for r, row in enumerate(rows):
        frame.table.rows[r].height = Inches(0.4)
        for c, text in enumerate(row):
            frame.table.cell(r, c).text = text
    frame.table.cell(2, 0).text_frame.paragraphs[0].runs[0].font.italic = True
    out = render(save(prs, tmp_path), rich_view)
    shape = shape_named(out.slides[0], "Sites")
    table = shape.table
    sites = rich_view.data()["plan"]["sites"]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Site", "Share"], *[[s["name"], f"{round(s['share_of_wallet'] * 100)}%"] for s in sites], ["Total", "3 sites"]]
    assert all(row.cells[0].text_frame.paragraphs[0].runs[0].font.italic for row in list(table.rows)[1:4])
    assert shape.height == sum(row.height for row in table.rows) == Inches(0.4) * 5


def test_table_row_tags_may_open_and_close_a_row_of_text(rich_view, tmp_path):
    """`{%tr %}` before a row's text or after it wraps that row (docxtpl users write `...{%tr endfor %}` in
    the last cell); in the middle of the row it is an error."""
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    frame = slide.shapes.add_table(3, 2, Inches(0.5), Inches(1.5), Inches(8), Inches(1.2))
    frame.name = "Agenda"
    for (r, c), text in {(0, 0): "Time", (0, 1): "Item", (1, 0): "{%tr for item in meeting.agenda %}",
                         (2, 0): "{{ item.start | time }}", (2, 1): "{{ item.title }}{%tr endfor %}"}.items():
        frame.table.cell(r, c).text = text
    out = render(save(prs, tmp_path), rich_view)
    rows = list(shape_named(out.slides[0], "Agenda").table.rows)
    agenda = rich_view.data()["meeting"]["agenda"]
    assert [[c.text for c in row.cells] for row in rows] == [["Time", "Item"]] + [
        [item["start"][:5], item["title"]] for item in agenda]
    frame.table.cell(2, 0).text = "{{ item.start | time }}{%tr endfor %}"
    frame.table.cell(2, 1).text = "{{ item.title }}"
    with pytest.raises(TemplateError) as caught:
        render(save(prs, tmp_path), rich_view)
    assert 'slide 1, shape "Agenda", row 3 "{% endfor %}"' in str(caught.value)


# -- slides ---------------------------------------------------------------------------------------------


def slide_deck(tmp_path: Path) -> Path:
    prs = new_deck()
    first = prs.slides.add_slide(layout(prs, "Title Only"))
    first.shapes.title.text = "Intro"
    repeated = prs.slides.add_slide(layout(prs, "Title Only"))
    repeated.shapes.title.text = "{{ loop.index }}. {{ o.text }}"
    chart = add_chart(repeated, "chart:objective.{{ o.id }}", RGBColor(0xC0, 0x10, 0x20)).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Objective {{ refs.smart[o.id] }}"
    repeated.shapes.add_picture(io.BytesIO(png(tmp_path / "pic.png", 20, 10).read_bytes()), Inches(0.5), Inches(5),
                                Inches(1), Inches(0.5))
    repeated.notes_slide.notes_text_frame.text = ("{% slide for o in plan.objectives.smart %}\n"
                                                  "Say why {{ o.id }} matters.")
    dropped = prs.slides.add_slide(layout(prs, "Title Only"))
    dropped.shapes.title.text = "Dropped"
    dropped.notes_slide.notes_text_frame.text = "Keep it short.\n{% slide if plan.sites | length > 10 %}"
    kept = prs.slides.add_slide(layout(prs, "Title Only"))
    kept.shapes.title.text = "Sites: {{ plan.sites | length }}"
    kept.notes_slide.notes_text_frame.text = "{% slide if plan.sites %}"
    empty = prs.slides.add_slide(layout(prs, "Title Only"))
    empty.shapes.title.text = "{{ x }}"
    empty.notes_slide.notes_text_frame.text = "{% slide for x in [] %}"
    return save(prs, tmp_path)


def test_slides_repeat_with_independent_charts_and_drop(rich_view, tmp_path):
    out = render(slide_deck(tmp_path), rich_view)
    smart = rich_view.data()["plan"]["objectives"]["smart"]
    charts = view_charts(rich_view)
    assert [s.shapes.title.text for s in out.slides] == [
        "Intro", *[f"{n}. {o['text']}" for n, o in enumerate(smart, 1)], "Sites: 3"]
    copies = list(out.slides)[1:1 + len(smart)]
    assert [s.notes_slide.notes_text_frame.text for s in copies] == [f"Say why {o['id']} matters." for o in smart]
    frames = [next(sh for sh in s.shapes if sh.has_chart) for s in copies]
    assert [values(f) for f in frames] == [[charts[f"objective.{o['id']}"]["series"][0]["values"]] for o in smart]
    assert [f.chart.plots[0].series[0].name for f in frames] == [o["measure"] for o in smart]
    assert [f.chart.chart_title.text_frame.text for f in frames] == [f"Objective O{n}" for n in range(1, 6)]
    # each copy has its own chart part and its own embedded workbook, holding its own numbers
    parts = [f.chart.part for f in frames]
    books = [p.chart_workbook.xlsx_part for p in parts]
    assert len({p.partname for p in parts}) == len({b.partname for b in books}) == len(smart)
    assert len({b.blob for b in books}) == len(smart)
    # the template's formatting survives the new data
    assert all(f.chart.plots[0].series[0].format.fill.fore_color.rgb == RGBColor(0xC0, 0x10, 0x20) for f in frames)
    # pictures are shared, the layout is the template's own
    assert len({next(sh for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE).image.sha1 for s in copies}) == 1
    assert len(out.slide_layouts) == len(new_deck().slide_layouts)
    assert {s.slide_layout.name for s in out.slides} == {"Title Only"}
    assert len({s.slide_id for s in out.slides}) == len(out.slides)


def test_links_to_a_dropped_slide_go_with_it(rich_view, tmp_path):
    import zipfile

    prs = new_deck()
    first = prs.slides.add_slide(layout(prs, "Title Only"))
    dropped = prs.slides.add_slide(layout(prs, "Title Only"))
    dropped.notes_slide.notes_text_frame.text = "{% slide if false %}"
    textbox(first, ["Go to the dropped slide"]).click_action.target_slide = dropped
    prepare(path := save(prs, tmp_path))
    out = render_bytes(path, rich_view)
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        slides = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == len(Presentation(io.BytesIO(out)).slides) == 1
    assert "hlinkClick" not in Presentation(io.BytesIO(out)).slides[0].shapes[-1]._element.xml


def test_slide_copies_keep_their_sections(rich_view, tmp_path):
    """PowerPoint sections list slides by id: copies join their original's section, dropped slides leave it."""
    from lxml import etree

    path = slide_deck(tmp_path)
    prs = Presentation(str(path))
    ids = [s.slide_id for s in prs.slides]
    p, p14 = "http://schemas.openxmlformats.org/presentationml/2006/main", \
        "http://schemas.microsoft.com/office/powerpoint/2010/main"
    root = prs.part._element
    ext_list = root.find(f"{{{p}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(root, f"{{{p}}}extLst")

    def section(name: str, guid: str, members: list[int]) -> str:
        refs = "".join(f'<p14:sldId id="{i}"/>' for i in members)
        return f'<p14:section name="{name}" id="{{{guid}}}"><p14:sldIdLst>{refs}</p14:sldIdLst></p14:section>'

    ext = etree.SubElement(ext_list, f"{{{p}}}ext", uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    ext.append(etree.fromstring(
        f'<p14:sectionLst xmlns:p14="{p14}">'
        + section("A", "11111111-1111-1111-1111-111111111111", ids[:3])
        + section("B", "22222222-2222-2222-2222-222222222222", ids[3:]) + "</p14:sectionLst>"))
    prs.save(str(path))
    out = render(path, rich_view)
    listed = [int(e.get("id")) for e in out.part._element.iter(f"{{{p14}}}sldId")]
    assert listed == [s.slide_id for s in out.slides]
    sections = list(out.part._element.iter(f"{{{p14}}}section"))
    assert len(list(sections[0].iter(f"{{{p14}}}sldId"))) == 1 + len(rich_view.data()["plan"]["objectives"]["smart"])


# -- charts and pictures by key -------------------------------------------------------------------------


def test_unknown_chart_key_is_a_located_error_with_a_suggestion(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    add_chart(slide, "chart:perfomance")
    with pytest.raises(TemplateError) as caught:
        render(save(prs, tmp_path), rich_view)
    assert 'slide 1, shape "chart:perfomance"' in str(caught.value)
    assert "did you mean 'performance'" in str(caught.value)


def test_a_chart_without_data_yet_renders_empty(minimal_view, tmp_path):
    prs = new_deck()
    add_chart(prs.slides.add_slide(layout(prs, "Blank")), "chart:performance")
    (chart,) = charts_of(render(save(prs, tmp_path), minimal_view))
    assert values(chart) == [[None], [None]]
    assert [s.name for s in chart.chart.plots[0].series] == ["Target", "Actual"]


def test_chart_key_from_alt_text(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    frame = add_chart(slide, "Volumes")
    frame._element.nvGraphicFramePr.cNvPr.set("descr", "chart:performance")
    out = render(save(prs, tmp_path), rich_view)
    (chart,) = charts_of(out)
    assert values(chart) == [s["values"] for s in view_charts(rich_view)["performance"]["series"]]


def test_a_missing_picture_is_a_located_error(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    slide.shapes.add_picture(str(png(tmp_path / "p.png", 10, 10)), Inches(1), Inches(1)).name = "img:logo"
    with pytest.raises(TemplateError) as caught:
        render(save(prs, tmp_path), rich_view)
    assert 'slide 1, shape "img:logo"' in str(caught.value) and "no picture 'logo'" in str(caught.value)


# -- safety and errors ----------------------------------------------------------------------------------


def one_box_deck(tmp_path: Path, lines: list[str], name: str = "Body") -> Path:
    prs = new_deck()
    prs.slides.add_slide(layout(prs, "Blank"))
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    textbox(slide, lines, name)
    return save(prs, tmp_path)


def test_the_customer_cannot_reach_internal_fields(rich_plan, rich_view, tmp_path):
    path = one_box_deck(tmp_path, ["{%p for c in plan.contacts %}", "{{ c.name }}: {{ c.attitude }}", "{%p endfor %}"],
                        "Contacts")
    with pytest.raises(TemplateError) as caught:
        render(path, rich_view)
    message = str(caught.value)
    assert 'slide 2, shape "Contacts"' in message and "attitude" in message
    assert caught.value.template == path.name
    internal = render(path, build_view(rich_plan, "internal", TODAY, MEETING))
    assert len(paragraphs(shape_named(internal.slides[1], "Contacts"))) == len(rich_plan.contacts)


def test_sandbox_escapes_are_refused_with_a_location(rich_view, tmp_path):
    path = one_box_deck(tmp_path, ["Fine", "{{ ''.__class__.__mro__ }}"])
    with pytest.raises(TemplateError) as caught:
        render(path, rich_view)
    assert 'slide 2, shape "Body"' in str(caught.value) and "unsafe" in str(caught.value)
    assert "__class__" in caught.value.where  # the tag is quoted


def test_plan_text_is_printed_never_compiled(rich_plan, tmp_path):
    name = "{{ 7*7 }} Foods {% if true %}x{% endif %} \x01P0\x02 \x07bell"
    plan = rich_plan.model_copy(update={"account": rich_plan.account.model_copy(update={"name": name})})
    view = build_view(plan, "customer", TODAY, MEETING)
    path = one_box_deck(tmp_path, ["{{ plan.account.name }}", "{{ plan.account.name | markdown }}"])
    out = render(path, view)
    assert paragraphs(shape_named(out.slides[1], "Body")) == ["{{ 7*7 }} Foods {% if true %}x{% endif %} P0 bell"] * 2


def test_syntax_errors_and_unclosed_tags_are_located(rich_view, tmp_path):
    with pytest.raises(TemplateError) as caught:
        render(one_box_deck(tmp_path, ["ok", "{{ plan.account.name "]), rich_view)
    assert 'slide 2, shape "Body"' in str(caught.value) and "not closed" in str(caught.value)
    with pytest.raises(TemplateError) as caught:
        render(one_box_deck(tmp_path, ["{%p for s in plan.sites %}", "{{ s.name }}"]), rich_view)
    assert "endfor" in str(caught.value) and 'shape "Body" "{%p for s in plan.sites %}"' in str(caught.value)
    with pytest.raises(TemplateError) as caught:
        render(one_box_deck(tmp_path, ["{{ plan.acount.name }}"]), rich_view)
    assert "did you mean 'account'" in str(caught.value)


def test_errors_in_table_cells_and_notes_are_located(rich_view, tmp_path):
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    frame = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(6), Inches(1))
    frame.name = "Grid"
    frame.table.cell(1, 1).text = "{{ plan.nope }}"
    with pytest.raises(TemplateError) as caught:
        render(save(prs, tmp_path), rich_view)
    assert 'slide 1, shape "Grid", row 2, cell 2 "{{ plan.nope }}"' in str(caught.value)
    prs = new_deck()
    slide = prs.slides.add_slide(layout(prs, "Blank"))
    slide.notes_slide.notes_text_frame.text = "{% slide for o in plan.objectivs %}"
    with pytest.raises(TemplateError) as caught:
        render(save(prs, tmp_path), rich_view)
    assert "slide 1, notes" in str(caught.value) and "did you mean 'objectives'" in str(caught.value)


# -- speed ----------------------------------------------------------------------------------------------


def test_a_twenty_slide_deck_renders_in_well_under_a_second(rich_view, tmp_path):
    prs = new_deck()
    for n in range(20):
        slide = prs.slides.add_slide(layout(prs, "Title Only"))
        slide.shapes.title.text = f"{n + 1}. {{{{ plan.account.name }}}}"
        textbox(slide, ["{%p for g in plan.customer_strategy.goals %}", "{{ g }}", "{%p endfor %}"], top=1.2)
        if n % 2:
            add_chart(slide, "chart:performance")
        else:
            frame = slide.shapes.add_table(4, 2, Inches(0.5), Inches(4.5), Inches(8), Inches(1.6))
            for r, row in enumerate([("Site", "Target"), ("{%tr for s in plan.sites %}", ""),
                                     ("{{ s.name }}", "{{ s.volume_target | number }}"), ("{%tr endfor %}", "")]):
                for c, text in enumerate(row):
                    frame.table.cell(r, c).text = text
    path = save(prs, tmp_path)
    prepare(path)
    render_bytes(path, rich_view)  # imports warmed
    start = time.perf_counter()
    out = render_bytes(path, rich_view)
    elapsed = time.perf_counter() - start
    assert len(Presentation(io.BytesIO(out)).slides) == 20
    assert elapsed < 1.0, f"{elapsed:.2f} s"


def test_layouts_and_masters_are_untouched(starter, rich_view):
    import zipfile

    prepare(starter)
    out = render_bytes(starter, rich_view)
    with zipfile.ZipFile(starter) as before, zipfile.ZipFile(io.BytesIO(out)) as after:
        parts = [n for n in before.namelist() if n.startswith(("ppt/slideLayouts/", "ppt/slideMasters/", "ppt/theme/"))]
        assert parts and all(before.read(n) == after.read(n) for n in parts)
        assert sorted(n for n in after.namelist() if n.startswith("ppt/slideLayouts/")) == sorted(
            n for n in before.namelist() if n.startswith("ppt/slideLayouts/"))
