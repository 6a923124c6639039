"""Chart styling shared by Word and PowerPoint: titles, axis titles, fonts, theme colours.

Both formats hold the same DrawingML chart (python-pptx's `Chart` object model);
`style` gives every kapdocs chart the same finish wherever it is placed.
"""

from __future__ import annotations

from pptx.chart.chart import Chart
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
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


def style(chart: Chart, theme: Theme, *, title: str, x_title: str | None = None, y_title: str | None = None,
          legend: bool = True, font_size: float = 9, number_format: str | None = None,
          colours: list[str] | None = None) -> Chart:
    """Give `chart` a title, axis titles, a readable legend, the theme's font and colours."""
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
