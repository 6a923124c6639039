"""The native Word charts of the plan: performance, portfolio matrix, alignment, pipeline, force field.

Every chart is a real, editable chart part (`DocxBuilder.chart`) built from
kapdocs' formula-safe chart data, finished by `charts.style` (title, axis
titles, legend at the bottom, theme font and colours). Values come from
`Figures` or straight from the plan; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.util import Pt

from ...analysis import PeriodFigures, PortfolioPosition, StageTotal
from ...model import ForceField, SuccessFactor
from ..chartdata import CategoryChartData, XyChartData
from ..charts import as_line, hide_legend_entry, matrix_axes, number_format, point_label, style
from .context import Context
from ...view import vocabulary as words


def _money_format(ctx: Context) -> str:
    return number_format(ctx.fmt.symbol)


def performance(ctx: Context, periods: Sequence[PeriodFigures], measure: str) -> None:
    """Target and actual by period, for `measure` volume or profit (`Figures.performance.periods`)."""
    volume = measure == "volume"
    numbers = "#,##0" if volume else _money_format(ctx)
    data = CategoryChartData(number_format=numbers)
    data.categories = [p.period for p in periods]
    if volume:
        data.add_series("Volume target", [p.volume_target for p in periods])
        data.add_series("Volume actual", [p.volume_actual for p in periods])
    else:
        data.add_series("Profit target", [p.profit_target for p in periods])
        data.add_series("Profit actual", [p.profit_actual for p in periods])
    unit = ctx.plan.account.volume_unit if volume else ctx.fmt.symbol.strip()
    label = "Volume" if volume else "Profit"
    chart = ctx.builder.chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data, height_cm=7.0,
                              description=f"{label} target and actual by period")
    style(chart, ctx.theme, title=f"{label}: target and actual by period", y_title=f"{label} ({unit})", number_format=numbers,
          colours=[ctx.theme.colours.line, ctx.theme.colours.secondary])
    plot = chart.plots[0]
    plot.gap_width = 80
    chart.value_axis.minimum_scale = 0
    plot.has_data_labels = True  # the actual columns carry their values; the target is the line they meet
    plot.data_labels.number_format = numbers
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(8)
    as_line(chart, 0, ctx.theme.colours.primary)


def portfolio(ctx: Context, position: PortfolioPosition) -> None:
    """The customer portfolio matrix: our strength (x) against the customer's attractiveness (y), 0-10,
    axes crossing at 5 so that the four quadrants show, with the account placed and the quadrants named.

    The quadrant names are data labels of a second, invisible series. Both series carry the
    same x values (a y of None where a series has no point): LibreOffice reads one column of
    x values for every series of an XY chart, and would otherwise lose the account's point.
    """
    account = ctx.plan.account.name
    corners = (("Star", 2.5, 9.4), ("Strategic", 7.5, 9.4), ("Streamline", 2.5, 0.6), ("Status", 7.5, 0.6))
    xs = [position.strength] + [x for _, x, _ in corners]
    data = XyChartData(number_format="0.0")
    point = data.add_series(account)
    names = data.add_series("Quadrants")
    for i, x in enumerate(xs):
        point.add_data_point(x, position.attractiveness if i == 0 else None)
        names.add_data_point(x, None if i == 0 else corners[i - 1][2])
    chart = ctx.builder.chart(XL_CHART_TYPE.XY_SCATTER, data, height_cm=9.5,
                              width_cm=min(13.0, ctx.builder.usable_width_cm),
                              description=f"Customer portfolio matrix: {account} in the {position.quadrant} quadrant")
    c = ctx.theme.colours
    style(chart, ctx.theme, title="Customer portfolio matrix",
          x_title="Our business strength, as the customer sees it (0-10)",
          y_title="Customer attractiveness to us (0-10)", colours=[c.secondary, c.muted])
    matrix_axes(chart, c.muted)
    account_series, quadrant_series = chart.plots[0].series
    account_series.marker.style = XL_MARKER_STYLE.CIRCLE
    account_series.marker.size = 14
    account_series.marker.format.fill.solid()
    account_series.marker.format.fill.fore_color.rgb = RGBColor.from_string(c.secondary)
    account_series.format.line.fill.background()
    where = XL_LABEL_POSITION.BELOW if position.attractiveness > 2 else XL_LABEL_POSITION.ABOVE
    point_label(account_series.points[0], account, where, 9, True, c.text)
    quadrant_series.marker.style = XL_MARKER_STYLE.NONE
    quadrant_series.format.line.fill.background()
    for i, (name, _, _) in enumerate(corners, 1):
        chosen = name == position.quadrant
        point_label(quadrant_series.points[i], name, XL_LABEL_POSITION.CENTER, 10, chosen,
                    c.primary if chosen else c.muted)
    hide_legend_entry(chart, 1)


def alignment(ctx: Context, factors: Sequence[SuccessFactor], competitors: Sequence[str]) -> None:
    """Us against each competitor on the customer's critical success factors (0-10)."""
    data = CategoryChartData(number_format="0")
    data.categories = [f.factor for f in factors]
    data.add_series("Us", [f.us for f in factors])
    for name in competitors:
        data.add_series(name, [f.competitors.get(name) for f in factors])
    height = min(16.0, 5.0 + 0.45 * len(factors) * (1 + len(competitors)) ** 0.5 * 2)
    chart = ctx.builder.chart(XL_CHART_TYPE.BAR_CLUSTERED, data, height_cm=height,
                              description="Our score against each competitor on the critical success factors")
    style(chart, ctx.theme, title="Critical success factors: us against the competition",
          y_title="Score as the customer sees it (0-10)")
    _top_down(chart)
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale, chart.value_axis.major_unit = 0, 10, 2
    chart.plots[0].gap_width = 60


def _top_down(chart) -> None:
    """Bar charts list their categories from the top, in plan order, with the value axis kept at the bottom."""
    chart.category_axis.reverse_order = True
    value_axis = chart.value_axis._element  # c:crosses on the value axis: where it crosses the categories
    value_axis._remove_crosses()
    value_axis._remove_crossesAt()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)


def pipeline(ctx: Context, stages: Sequence[StageTotal], *, values: bool) -> None:
    """Opportunities by stage: value and weighted value (`values`), or the number of opportunities."""
    labels = [words.stage(s.stage, ctx.view.audience) for s in stages]
    title = "Live opportunities by SPANCOP stage" if ctx.view.internal else "Open opportunities by stage"
    if values:
        data = CategoryChartData(number_format=_money_format(ctx))
        data.categories = labels
        data.add_series("Value", [s.value for s in stages])
        data.add_series("Weighted value", [s.weighted for s in stages])
    else:
        data = CategoryChartData(number_format="0")
        data.categories = labels
        data.add_series("Opportunities", [s.count for s in stages])
    # the opportunities' table follows: chart and table kept together would move both to a new page
    chart = ctx.builder.chart(XL_CHART_TYPE.COLUMN_CLUSTERED, data, height_cm=7.0, description=title,
                              keep_with_next=False)
    style(chart, ctx.theme, title=title, y_title=f"Value ({ctx.fmt.symbol.strip()})" if values else "Number of opportunities",
          number_format=_money_format(ctx) if values else "0")
    chart.plots[0].gap_width = 70
    chart.value_axis.minimum_scale = 0


def force_field(ctx: Context, field: ForceField) -> None:
    """Forces for the plan (to the right) against forces against it (to the left), strengths 1-5."""
    forces = [(f.force, f.strength, None) for f in field.for_] + [(f.force, None, -f.strength) for f in field.against]
    data = CategoryChartData(number_format="0")
    data.categories = [name for name, _, _ in forces]
    data.add_series("For the plan", [v for _, v, _ in forces])
    data.add_series("Against the plan", [v for _, _, v in forces])
    height = min(18.0, 4.5 + 0.75 * len(forces))
    chart = ctx.builder.chart(XL_CHART_TYPE.BAR_CLUSTERED, data, height_cm=height,
                              description="Force field analysis: forces for and against the plan")
    c = ctx.theme.colours
    style(chart, ctx.theme, title="Force field analysis", y_title="Strength: against (left) and for (right), 1-5", colours=[c.green, c.red])
    plot = chart.plots[0]
    plot.overlap, plot.gap_width = 100, 40
    _top_down(chart)
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale, chart.value_axis.major_unit = -5, 5, 1
    chart.value_axis.tick_labels.number_format = "0;0"
    chart.value_axis.tick_labels.number_format_is_linked = False
