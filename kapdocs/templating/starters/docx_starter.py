"""The Word starter: a one-page account summary template to copy and change.

`write(path)` builds it from kapdocs' reference document (the house styles) with python-docx.
It shows what a Word template can do (see `kapdocs.templating.docx_engine`):

- the account name and both parties in the title, the date the plan is read on, through filters;
- the theme's logo, only when the theme has one (`{%p if images.logo is defined %}`);
- the plan's summary as rich text, its bold, italic and bullets kept (`{{p ... | markdown }}`);
- the customer's goals, a bullet paragraph repeated for each (`{%p for %}`);
- the SMART objectives, a table row repeated for each (`{%tr for %}`) with its status, and a row
  shown only when the plan has none (`{%tr if %}`);
- a native Word chart named `chart:performance`, filled with the volume by period;
- a header and footer that are templates too.

The template declares its audience: the custom document property `kapdocs-audience` is
`customer`, so it is never rendered with internal data. It renders the minimal sample too:
every optional field is guarded and loops over empty lists print nothing.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

from ...render.chartdata import CategoryChartData, fixed_timestamp
from ...render.charts import style as style_chart
from ...render.docx_charts import ChartPlacer
from ...reproducible import save_office
from ...resources import template
from ...theme import load_theme

AUDIENCE = "customer"
CHART_WIDTH_CM = 8.2
CHART_HEIGHT_CM = 6.2

_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="kapdocs-audience">'
    '<vt:lpwstr>%s</vt:lpwstr></property></Properties>'
)

STATUS = ("{% for s in figures.objectives if s.objective == o.id %}"
          "{{ s.status | replace('_', ' ') | capitalize }}"
          "{% if s.progress is not none %} ({{ s.progress | percent }}){% endif %}{% endfor %}")
"""An objective's status and progress, looked up in `figures.objectives`."""


def write(path: Path) -> None:
    """Write the one-page account summary template to `path`."""
    theme = load_theme(None)
    colours = theme.colours
    doc = docx.Document(str(template("reference.docx")))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.6)
    section.header_distance = section.footer_distance = Cm(0.8)
    styles = {s.name for s in doc.styles}

    def para(text: str = "", style: str = "Normal", *, size: float | None = None, bold: bool = False,
             colour: str | None = None, align=None, after: float | None = None, before: float | None = None):
        paragraph = doc.add_paragraph(style=style if style in styles else "Normal")
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
        if align is not None:
            paragraph.alignment = align
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        if before is not None:
            paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    def heading(text: str):
        paragraph = para(text, "Heading 2", after=3, before=8)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    # The logo, right-aligned above the title, only when the theme has one.
    para("{%p if images.logo is defined %}")
    para("{{ images.logo }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    para("{%p endif %}")

    title = para("{{ plan.account.name }}", "Title", after=2)
    title.paragraph_format.keep_with_next = True
    para("Account summary · prepared for {{ parties.customer }} by {{ parties.our_side }}", "Subtitle", after=2)
    para("As of {{ as_of | date('long') }} · plan period {{ plan.plan.period.start | date }} to "
         "{{ plan.plan.period.end | date }}{% if plan.plan.version %} · version {{ plan.plan.version }}{% endif %}",
         "Small", colour=colours.muted, after=6)

    heading("Summary")
    para("{%p if plan.plan.summary is defined and plan.plan.summary %}")
    para("{{p plan.plan.summary | markdown }}", after=4)
    para("{%p else %}")
    para("The plan has no summary yet.", "Gap Note")
    para("{%p endif %}")
    para("{%p if plan.customer_strategy and plan.customer_strategy.vision %}")
    vision = para("{{ parties.customers }} vision: ", bold=True, colour=colours.primary, after=4)
    vision.add_run("{{r plan.customer_strategy.vision | markdown }}")
    para("{%p endif %}")

    # Goals beside the chart: a two-column layout table without borders.
    layout = doc.add_table(rows=1, cols=2)
    layout.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout.autofit = False
    widths = (Cm(8.6), Cm(8.4))
    for cell, width in zip(layout.rows[0].cells, widths):
        cell.width = width
    _grid(layout, widths)
    _no_borders(layout)
    left, right = layout.rows[0].cells
    _cell_text(left, "{{ parties.customers }} goals", "Heading 3")
    _cell_text(left, "{%p if plan.customer_strategy and plan.customer_strategy.goals %}")
    _cell_text(left, "{%p for g in plan.customer_strategy.goals %}")
    _cell_text(left, "{{ g | markdown }}", "List Bullet", size=9.5)
    _cell_text(left, "{%p endfor %}")
    _cell_text(left, "{%p else %}")
    _cell_text(left, "No goals recorded for {{ parties.customer }} yet.", "Gap Note")
    _cell_text(left, "{%p endif %}")
    _cell_text(right, "{%p if charts.performance.categories %}")
    chart_paragraph = _cell_text(right, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(right, "{%p else %}")
    _cell_text(right, "Volume by period", "Heading 3")
    _cell_text(right, "No volumes recorded yet.", "Gap Note")
    _cell_text(right, "{%p endif %}")
    _chart(doc, chart_paragraph, theme)

    heading("Objectives")
    _objectives(doc, colours, styles)

    # Header and footer: templates too.
    header = section.header.paragraphs[0]
    header.text = "{{ parties.our_side }} · account summary for {{ parties.customer }}"
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.text = "{{ plan.account.name }} · as of {{ as_of | date }} · prepared by {{ parties.our_side }}"
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    props = doc.core_properties
    props.title = "{{ plan.account.name }}: account summary"
    props.subject = "Account summary"
    props.keywords = "kapdocs-audience: customer"
    props.author = props.last_modified_by = "kapdocs"
    props.comments = ""
    props.created = props.modified = props.last_printed = fixed_timestamp()
    props.revision = 1
    _declare_audience(doc, AUDIENCE)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_office(doc, path)  # the same kapdocs writes the same bytes


def _grid(table, widths) -> None:
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl_pr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    _order_tbl_pr(tbl_pr)


def _order_tbl_pr(tbl_pr) -> None:
    """tblPr's children in the order the schema asks for."""
    order = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
             "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
             "tblCaption", "tblDescription"]
    children = list(tbl_pr)
    children.sort(key=lambda e: order.index(e.tag.split("}")[1]) if e.tag.split("}")[1] in order else 99)
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def _cell_text(cell, text: str, style: str = "Normal", *, size: float | None = None, align=None):
    """A paragraph in `cell` (its first, empty one first)."""
    first = cell.paragraphs[0]
    paragraph = first if not first.text and not first.runs and getattr(cell, "_used", False) is False else \
        cell.add_paragraph()
    cell._used = True
    paragraph.style = cell.part.document.styles[style] if _has_style(cell, style) else None
    if text:
        run = paragraph.add_run(text)
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _has_style(cell, name: str) -> bool:
    try:
        cell.part.document.styles[name]
    except KeyError:
        return False
    return True


def _chart(doc, paragraph, theme) -> None:
    """The `chart:performance` chart, with placeholder data the render replaces."""
    data = CategoryChartData(number_format="#,##0")
    data.categories = ["Q1", "Q2", "Q3", "Q4"]
    data.add_series("Target", [100, 110, 120, 130])
    data.add_series("Actual", [95, 115, 118, None])
    chart = ChartPlacer(doc).add(paragraph, XL_CHART_TYPE.COLUMN_CLUSTERED, data, width_cm=CHART_WIDTH_CM,
                                 height_cm=CHART_HEIGHT_CM, description="chart:performance")
    colours = theme.colours
    style_chart(chart, theme, title="Volume by period", font_size=8, number_format="#,##0",
                colours=[colours.line, colours.secondary])
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.value_axis.minimum_scale = 0
    chart.plots[0].gap_width = 60
    chart.plots[0].overlap = -10


def _objectives(doc, colours, styles) -> None:
    """The SMART objectives: a header row, a row repeated for each, a row when there are none."""
    headers = ("Ref", "Objective", "Due", "Status")
    widths = (Cm(1.3), Cm(10.2), Cm(2.3), Cm(3.2))
    table = doc.add_table(rows=6, cols=4)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _grid(table, widths)
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    line = colours.line
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{line}"/>'
                      for side in ("top", "bottom", "insideH"))
    tbl_pr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{borders}</w:tblBorders>'))
    tbl_pr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/>'
                            '<w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
                            '<w:right w:w="80" w:type="dxa"/></w:tblCellMar>'))
    _order_tbl_pr(tbl_pr)
    text_style = "Table Text" if "Table Text" in styles else "Normal"
    rows = [
        headers,
        ("{%tr for o in (plan.objectives.smart if plan.objectives else []) %}", "", "", ""),
        ("{{ refs.smart[o.id] }}", "{{ o.text | markdown }}", "{{ o.due | date }}", STATUS),
        ("{%tr endfor %}", "", "", ""),
        ("{%tr if not (plan.objectives and plan.objectives.smart) %}", "", "", ""),
        ("–", "No SMART objectives yet.", "", ""),
    ]
    end = ("{%tr endif %}", "", "", "")
    rows.append(end)
    while len(table.rows) < len(rows):
        table.add_row()
    for r, (row, values) in enumerate(zip(table.rows, rows)):
        for c, (cell, value) in enumerate(zip(row.cells, values)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles[text_style]
            run = paragraph.add_run(value)
            run.font.size = Pt(9)
            if r == 0:
                run.bold = True
                run.font.color.rgb = RGBColor.from_string("FFFFFF")
                cell._tc.get_or_add_tcPr().append(parse_xml(
                    f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colours.primary}"/>'))
    for r, values in enumerate(rows):
        if values[0].startswith("{%tr"):  # a tag row: one cell across the table, easier to read and edit
            row = table.rows[r]
            row.cells[0].merge(row.cells[-1])
            merged = row.cells[0]
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _declare_audience(doc, audience: str) -> None:
    """The custom document property `kapdocs-audience` (docProps/custom.xml)."""
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rel.rId]
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                (_CUSTOM_XML % audience).encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


__all__ = ["AUDIENCE", "write"]
