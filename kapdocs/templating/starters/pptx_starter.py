"""A starter QBR deck template: every feature of PowerPoint templates on a few slides.

Built with python-pptx on the built-in reference deck (its master and layouts), then saved as a
template the user edits in PowerPoint and renders with `kapdocs render`:

1. Title: the meeting's title, date, time and venue, or the account and today's date without a meeting.
2. Agenda (`{% slide if meeting %}`): time, item, purpose and presenter, a row per `meeting.agenda` item
   (`{%tr for %}`).
3. What we want from this meeting (`{% slide if meeting %}`): one bullet per meeting objective (`{%p for %}`).
4. The customer's vision and goals (`{% slide if ... %}`): the vision's Markdown as native bold and italic
   runs (`{{ ... | markdown }}`), then one bullet per goal.
5. One slide per SMART objective (`{% slide for o in ... %}`), each with its own chart `chart:objective.<id>`.
6. Volume by period (`{% slide if figures.performance.periods %}`): the chart `chart:performance`.
7. Thank you, with the theme's logo `img:logo`: only when the theme has one
   (`{% slide if images.logo is defined %}`).

The template declares the customer audience (custom document property `kapdocs-audience`), so it never
renders internal data.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches, Pt

from ...render.chartdata import CategoryChartData
from ...render.charts import unsigned_axis_ids
from ...reproducible import save_office
from ...resources import template

AUDIENCE = "customer"
SHORT = 'number(1) | replace(".0", "")'
"""A number with one decimal, none when it is zero: 94.1, 6,050."""
ACCENT = RGBColor(0x1F, 0x5C, 0x99)
SECOND = RGBColor(0xE0, 0x8A, 0x1E)
CUSTOM_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="kapdocs-audience">'
    '<vt:lpwstr>%s</vt:lpwstr></property></Properties>')


def write(path: Path) -> None:
    """Write the starter QBR deck template to `path`."""
    prs = Presentation(str(template("reference.pptx")))
    _title_slide(prs)
    _agenda_slide(prs)
    _meeting_objectives_slide(prs)
    _vision_slide(prs)
    _objective_slide(prs)
    _performance_slide(prs)
    _closing_slide(prs)
    prs.core_properties.title = "QBR starter template"
    prs.core_properties.subject = "kapdocs PowerPoint template"
    _declare_audience(prs, AUDIENCE)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    save_office(prs, path)  # the same kapdocs writes the same bytes


# -- slides ---------------------------------------------------------------------------------------------


def _layout(prs, name: str, fallback: int):
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    return prs.slide_layouts[fallback]


def _notes(slide, *lines: str) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _paragraphs(text_frame, lines: list[str], size: int | None = None, bold_first: bool = False) -> None:
    """`lines` as the paragraphs of `text_frame`, each one run."""
    text_frame.clear()
    for n, line in enumerate(lines):
        para = text_frame.paragraphs[0] if n == 0 else text_frame.add_paragraph()
        run = para.add_run()
        run.text = line
        if size:
            run.font.size = Pt(size)
        if bold_first and n == 0:
            run.font.bold = True


def _title_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Slide", 0))
    slide.shapes.title.text = "{{ meeting.title if meeting else plan.account.name }}"
    subtitle = slide.placeholders[1]
    _paragraphs(subtitle.text_frame, [
        "{{ parties.customer_name }} and {{ parties.our_side }}",
        "{%p if meeting %}",
        "{{ meeting.date | date(\"long\") }}, {{ meeting.start | time }}\u2013{{ meeting.end | time }}",
        "{{ meeting.venue or \"\" }}",
        "{%p else %}",
        "Account plan, {{ as_of | date(\"long\") }}",
        "{%p endif %}",
    ], size=18)
    _notes(slide, "Welcome everyone and introduce both teams.")


def _agenda_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Only", 5))
    slide.shapes.title.text = "Agenda"
    widths = [Inches(1.5), Inches(3.7), Inches(4.6), Inches(2.0)]
    rows = [("Time", "Item", "Purpose", "Presenter"),
            ("{%tr for item in meeting.agenda %}", "", "", ""),
            ("{{ item.start | time }}\u2013{{ item.end | time }}", "{{ item.title }}", "{{ item.purpose }}",
             "{{ item.presenter }}"),
            ("{%tr endfor %}", "", "", "")]
    heights = [Inches(0.36), Inches(0.3), Inches(0.36), Inches(0.3)]
    frame = slide.shapes.add_table(len(rows), len(widths), Inches(0.75), Inches(1.4), sum(widths, Emu(0)),
                                   sum(heights, Emu(0)))
    frame.name = "Agenda table"
    table = frame.table
    for c, width in enumerate(widths):
        table.columns[c].width = width
    for r, (row, height) in enumerate(zip(rows, heights)):
        table.rows[r].height = height
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(11)
                    run.font.bold = r == 0 or (r == 2 and c == 1)
    _notes(slide, "{% slide if meeting %}",
           "Agree the agenda and timings ({{ meeting.start | time }} to {{ meeting.end | time }}).")


def _meeting_objectives_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title and Content", 1))
    slide.shapes.title.text = "What we want from this meeting"
    _paragraphs(slide.placeholders[1].text_frame, [
        "{%p for x in meeting.objectives %}",
        "{{ x }}",
        "{%p endfor %}",
        "{%p if meeting.decisions_sought %}",
        "Decisions we will ask you for: {{ meeting.decisions_sought | join(\"; \") }}.",
        "{%p endif %}",
    ], size=20)
    _notes(slide, "{% slide if meeting %}", "Check that everyone agrees what the meeting should achieve.")


def _vision_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title and Content", 1))
    slide.shapes.title.text = "{{ parties.customers }} vision and goals"
    _paragraphs(slide.placeholders[1].text_frame, [
        "{{ plan.customer_strategy.vision | markdown }}",
        "{%p for goal in plan.customer_strategy.goals %}",
        "{{ goal }}",
        "{%p endfor %}",
    ], size=15)
    _notes(slide, "{% slide if plan.customer_strategy and plan.customer_strategy.vision %}",
           "Their vision in their words (Markdown: bold, italic and bullets come out as PowerPoint text), "
           "then their goals, one bullet each.")


def _column_chart(slide, data, box: tuple[float, float, float, float], name: str):
    """A clustered column chart at `box` (left, top, width, height in inches) named `name` for the engine:
    axis ids the validator accepts, readable ticks, columns measured from zero so that heights compare."""
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *(Inches(v) for v in box), data)
    frame.name = name
    chart = frame.chart
    unsigned_axis_ids(chart)
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.tick_labels.font.size = Pt(11)
    chart.value_axis.minimum_scale = 0
    return chart


def _objective_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Only", 5))
    slide.shapes.title.text = "{{ refs.smart[o.id] }}: objective {{ loop.index }} of {{ loop.length }}"
    box = slide.shapes.add_textbox(Inches(0.75), Inches(1.6), Inches(4.6), Inches(4.6))
    box.name = "Objective text"
    box.text_frame.word_wrap = True
    _paragraphs(box.text_frame, [
        "{{ o.text }}",
        "Measure: {{ o.measure or \"\u2013\" }}",
        "Baseline {{ o.baseline | %s }}, now {{ o.current | %s }}, target {{ o.target | %s }}" % ((SHORT,) * 3),
        "Due {{ o.due | date }}",
    ], size=16, bold_first=True)
    for para in box.text_frame.paragraphs[1:]:
        para.space_before = Pt(8)
    data = CategoryChartData(number_format="General")
    data.categories = ["Baseline", "Now", "Target"]
    data.add_series("Measure", (1, 2, 3))
    chart = _column_chart(slide, data, (5.8, 1.5, 6.8, 4.9), "chart:objective.{{ o.id }}")
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 80
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(12)
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = ACCENT
    chart.value_axis.has_major_gridlines = False
    _notes(slide, "{% slide for o in (plan.objectives.smart if plan.objectives else []) %}",
           "Objective {{ loop.index }} of {{ loop.length }}: {{ o.text }}")


def _performance_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Only", 5))
    slide.shapes.title.text = "Volume by period ({{ volume_unit }})"
    box = slide.shapes.add_textbox(Inches(0.75), Inches(1.35), Inches(11.8), Inches(0.6))
    box.name = "Year to date"
    box.text_frame.word_wrap = True
    _paragraphs(box.text_frame, [
        ("Year to date: {{ figures.performance.total.ytd_volume_actual | number }} of "
         "{{ figures.performance.total.ytd_volume_target | number }} {{ volume_unit }} "
         "({{ figures.performance.total.volume_achievement | percent }} of target)")], size=16)
    data = CategoryChartData(number_format="#,##0")
    data.categories = ["Q1", "Q2", "Q3", "Q4"]
    data.add_series("Target", (1, 2, 3, 4))
    data.add_series("Actual", (1, 2, 3, None))
    chart = _column_chart(slide, data, (0.75, 2.0, 11.8, 4.8), "chart:performance")
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)
    for series, colour in zip(chart.plots[0].series, (SECOND, ACCENT)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = colour
    _notes(slide, "{% slide if figures.performance.periods %}",
           "Volumes by period against target; the last period has no actual yet.")


def _closing_slide(prs) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Only", 5))
    slide.shapes.title.text = "Thank you"
    picture = slide.shapes.add_picture(io.BytesIO(_placeholder_png()), Inches(4.67), Inches(2.2), Inches(4.0),
                                       Inches(3.0))
    picture.name = "img:logo"
    _notes(slide, "{% slide if images.logo is defined %}",
           "Shown only when the theme has a logo: the picture named img:logo shows it.")


# -- package details ------------------------------------------------------------------------------------


def _placeholder_png(width: int = 4, height: int = 3) -> bytes:
    """A small grey PNG standing for the logo in the template."""
    raw = b"".join(b"\x00" + b"\xc8\xc8\xc8" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _declare_audience(prs, audience: str) -> None:
    """The custom document property `kapdocs-audience` (docProps/custom.xml), which `core.declared_audience`
    reads."""
    package = prs.part.package
    blob = (CUSTOM_PROPERTIES % audience).encode("utf-8")
    try:
        package.part_related_by(RT.CUSTOM_PROPERTIES).blob = blob
        return
    except KeyError:
        pass
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, package, blob)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


__all__ = ["write"]
