"""Chart styling shared by Word and PowerPoint: titles, axis titles, fonts, theme colours.

Both formats hold the same DrawingML chart (python-pptx's `Chart` object model);
`style` gives every kapdocs chart the same finish wherever it is placed.
"""

from __future__ import annotations

from pptx.chart.chart import Chart
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from ..theme import Theme


def _title(frame_owner, text: str, size: float, colour: str, bold: bool = True) -> None:
    frame = frame_owner.text_frame
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(colour)


_NSDECL = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')

_MAX_ID = 0x7FFFFFFF
_AXIS_IDS = ("{http://schemas.openxmlformats.org/drawingml/2006/chart}axId",
             "{http://schemas.openxmlformats.org/drawingml/2006/chart}crossAx")


def unsigned_axis_ids(chart: Chart) -> None:
    """Write the chart's axis ids as the non-negative numbers Office's validator accepts (0 to 2^31 - 1).

    python-pptx's chart templates carry negative ids. Each id is mapped once, the same way for
    `c:axId` and `c:crossAx`, so every axis still crosses the one it crossed.
    """
    elements = [e for tag in _AXIS_IDS for e in chart._chartSpace.iter(tag)]
    values = [int(e.get("val")) for e in elements]
    used = {v for v in values if 0 <= v <= _MAX_ID}
    mapping: dict[int, int] = {}
    for value in values:
        if (0 <= value <= _MAX_ID) or value in mapping:
            continue
        new = value & _MAX_ID
        while new in used:
            new = (new + 1) & _MAX_ID
        mapping[value] = new
        used.add(new)
    for element, value in zip(elements, values):
        if value in mapping:
            element.set("val", str(mapping[value]))


def style(chart: Chart, theme: Theme, *, title: str, x_title: str | None = None, y_title: str | None = None,
          legend: bool = True, font_size: float = 9, number_format: str | None = None,
          colours: list[str] | None = None) -> Chart:
    """Give `chart` a title, axis titles, a readable legend, the theme's font and colours."""
    unsigned_axis_ids(chart)
    c = theme.colours
    chart.font.size = Pt(font_size)
    chart.font.name = theme.fonts.body
    chart.font.color.rgb = RGBColor.from_string(c.text)
    chart.has_title = True
    _title(chart.chart_title, title, font_size + 3, c.primary)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(font_size)
    try:
        category_axis, value_axis = chart.category_axis, chart.value_axis
    except (ValueError, AttributeError):  # pie charts have no axes
        category_axis = value_axis = None
    if value_axis is not None:
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(c.line)
        value_axis.tick_labels.font.size = Pt(font_size)
        category_axis.tick_labels.font.size = Pt(font_size)
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        if number_format:
            value_axis.tick_labels.number_format = number_format
            value_axis.tick_labels.number_format_is_linked = False
        if x_title:
            category_axis.has_title = True
            _title(category_axis.axis_title, x_title, font_size, c.muted, bold=False)
        if y_title:
            value_axis.has_title = True
            _title(value_axis.axis_title, y_title, font_size, c.muted, bold=False)
    palette = colours or c.accents
    for i, series in enumerate(chart.plots[0].series if chart.plots else []):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(palette[i % len(palette)])
    return chart


def number_format(currency_symbol: str) -> str:
    """An Excel number format for money in charts, e.g. `£#,##0`."""
    symbol = currency_symbol.strip()
    if len(symbol) == 1 or symbol in ("A$", "C$", "NZ$"):
        return f'"{symbol}"#,##0'
    return f'#,##0" {symbol}"'


def as_line(chart: Chart, index: int, colour: str) -> None:
    """Draw series `index` of the chart's bar plot as a line over the bars, on the same axes: a target
    read against the actual columns instead of another column beside them.

    python-pptx writes one plot per chart, so the series moves into a `c:lineChart` placed after the
    `c:barChart` in the plot area (the order the schema asks for), with the bar-only elements removed
    and a line, no markers and no data labels of its own. The columns' data labels, if any, move
    inside the columns at their base, in white, where the line (near the columns' tops) cannot cross them.
    """
    bar = chart._chartSpace.find(".//" + qn("c:barChart"))
    series = bar.findall(qn("c:ser")) if bar is not None else []
    if index >= len(series):
        return
    ser = series[index]
    bar.remove(ser)
    for tag in ("c:invertIfNegative", "c:pictureOptions", "c:dPt", "c:dLbls", "c:shape"):
        for child in ser.findall(qn(tag)):
            ser.remove(child)
    old = ser.find(qn("c:spPr"))
    if old is not None:
        ser.remove(old)
    tx = ser.find(qn("c:tx"))
    at = list(ser).index(tx) + 1 if tx is not None else 2  # after idx, order and the name
    ser.insert(at, parse_xml(
        f'<c:spPr {_NSDECL}><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        '<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>'))
    ser.insert(at + 1, parse_xml(f'<c:marker {_NSDECL}><c:symbol val="none"/></c:marker>'))
    ser.append(parse_xml(f'<c:smooth {_NSDECL} val="0"/>'))
    line = parse_xml(f'<c:lineChart {_NSDECL}><c:grouping val="standard"/><c:varyColors val="0"/>'
                     '<c:marker val="1"/></c:lineChart>')
    line.insert(2, ser)
    for ax in bar.findall(qn("c:axId")):
        line.append(parse_xml(f'<c:axId {_NSDECL} val="{ax.get("val")}"/>'))
    bar.addnext(line)
    columns = chart.plots[0]
    if columns.has_data_labels:
        columns.data_labels.position = XL_LABEL_POSITION.INSIDE_BASE
        columns.data_labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def point_label(point, text: str, where, size: float, bold: bool, colour: str) -> None:
    """A data label with its own text, formatted on the run (LibreOffice ignores the label's default run)."""
    label = point.data_label
    label.has_text_frame = True
    label.text_frame.text = " ".join(text.split()) or "\u2013"  # a label is one line
    label.position = where
    for target in (label.font, *(run.font for run in label.text_frame.paragraphs[0].runs)):
        target.size, target.bold = Pt(size), bold
        target.color.rgb = RGBColor.from_string(colour)


def matrix_axes(chart: Chart, colour: str) -> None:
    """Both axes of a 0-10 matrix (the customer portfolio matrix, the plan's and the portfolio's): every
    whole number, crossing at 5 so that the four quadrants show, labels at the edges, no gridlines, the
    axis lines in `colour`."""
    for axis in (chart.category_axis, chart.value_axis):
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 10, 1
        axis.crosses_at = 5
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        axis.has_major_gridlines = False
        axis.format.line.color.rgb = RGBColor.from_string(colour)


def hide_legend_entry(chart: Chart, index: int) -> None:
    """Drop series `index` from the legend (e.g. the portfolio matrix's quadrant names: labels, not data)."""
    from lxml import etree

    legend = chart._chartSpace.find(".//" + qn("c:legend"))
    if legend is None:
        return
    entry = etree.Element(qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", str(index))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    legend.insert(1, entry)  # after c:legendPos, as the schema orders it
