"""The Excel starter template: a customer pipeline workbook (`pipeline.xlsx`).

One sheet, "Pipeline", showing what an Excel template can do (see `kapdocs.templating.xlsx_engine`):

- a title cell and an as-of cell with tags (`{{ plan.account.name }}`, `{{ as_of | date }}`);
- the table `kap_opportunities`, filled from `plan.opportunities` by its name, with only what the
  customer sees of an opportunity (its value and probability are ours): name, stage, expected close
  (a date cell), next step; under it a count with a structured reference;
- the table `kap_performance`, filled from `figures.performance.periods` through the defined name
  `kap_performance.rows`, totals under it (structured references), and a column chart of target and actual volume whose
  series refer to the table's columns (they grow with the table).

The workbook declares itself for the customer (custom document property `kapdocs-audience`).
"""

from __future__ import annotations

from pathlib import Path

SHEET = "Pipeline"
ACCENT = "#1F4E79"


def write(path: Path) -> None:
    """Write the starter workbook to `path`."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    try:
        workbook.set_properties({"title": "Pipeline workbook", "subject": "kapdocs starter template",
                                 "comments": "Fill it with: kapdocs render pipeline.xlsx PLAN"})
        workbook.set_custom_property("kapdocs-audience", "customer")
        sheet = workbook.add_worksheet(SHEET)
        title = workbook.add_format({"bold": True, "font_size": 16, "font_color": ACCENT})
        subtitle = workbook.add_format({"italic": True, "font_color": "#595959"})
        heading = workbook.add_format({"bold": True, "font_size": 12, "font_color": ACCENT})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        day = workbook.add_format({"num_format": "d mmm yyyy", "valign": "top", "align": "left"})
        volume = workbook.add_format({"num_format": "#,##0"})
        label = workbook.add_format({"bold": True})
        count = workbook.add_format({"bold": True, "align": "left"})
        total = workbook.add_format({"bold": True, "num_format": "#,##0", "top": 1})

        sheet.set_column("A:A", 60)
        sheet.set_column("B:B", 14)
        sheet.set_column("C:C", 16)
        sheet.set_column("D:D", 62)
        sheet.write_string("A1", "{{ plan.account.name }}: pipeline and performance", title)
        sheet.write_string("A2", "As of {{ as_of | date('long') }}, prepared by {{ parties.our_side }}", subtitle)

        # rows 4-7: the opportunities, filled from plan.opportunities (the table's name says which list)
        sheet.write_string("A4", "Opportunities", heading)
        sheet.add_table("A5:D6", {
            "name": "kap_opportunities",
            "style": "Table Style Medium 2",
            "columns": [
                {"header": "Opportunity", "format": wrap},
                {"header": "Stage", "format": wrap},
                {"header": "Expected close", "format": day},
                {"header": "Next step", "format": wrap},
            ],
            "data": [["{{ row.name }}", "{{ labels.Stage[row.stage] }}", "{{ row.expected_close }}",
                      "{{ row.next_step }}"]],
        })
        sheet.write_string("A7", "Opportunities listed", label)
        sheet.write_formula("B7", "=COUNTA(kap_opportunities[Opportunity])", count, 1)

        # rows 9-12: volume by period, filled from figures.performance.periods (the defined name says which)
        sheet.write_string("A9", "Volume by period ({{ volume_unit }})", heading)
        sheet.add_table("A10:C11", {
            "name": "kap_performance",
            "style": "Table Style Medium 2",
            "columns": [
                {"header": "Period"},
                {"header": "Target", "format": volume},
                {"header": "Actual", "format": volume},
            ],
            "data": [["{{ row.period }}", "{{ row.volume_target }}", "{{ row.volume_actual }}"]],
        })
        workbook.define_name("kap_performance.rows", '="figures.performance.periods"')
        sheet.write_string("A12", "Total", label)
        sheet.write_formula("B12", "=SUM(kap_performance[Target])", total, 0)
        sheet.write_formula("C12", "=SUM(kap_performance[Actual])", total, 0)

        chart = workbook.add_chart({"type": "column"})
        for col, colour in (("B", "#A6A6A6"), ("C", ACCENT)):
            chart.add_series({
                "name": f"={SHEET}!${col}$10",
                "categories": f"={SHEET}!$A$11:$A$11",
                "values": f"={SHEET}!${col}$11:${col}$11",
                "fill": {"color": colour},
                "gap": 80,
            })
        chart.set_title({"name": "Volume: target and actual"})
        chart.set_y_axis({"num_format": "#,##0", "major_gridlines": {"visible": True,
                                                                      "line": {"color": "#D9D9D9"}}})
        chart.set_legend({"position": "bottom"})
        sheet.insert_chart("A14", chart, {"x_scale": 1.4, "y_scale": 1.1})

        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.activate()
    finally:
        workbook.close()
