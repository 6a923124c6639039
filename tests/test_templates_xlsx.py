"""Excel templates (`kapdocs.templating.xlsx_engine`): tagged cells, `kap_` tables grown to the view's lists,
charts and references that follow, formula safety, located errors, and the starter."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import TODAY

from kapdocs.templating import TemplateError, prepare, render_bytes
from kapdocs.templating.starters import xlsx_starter
from kapdocs.view import build_view


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("starter") / "pipeline.xlsx"
    xlsx_starter.write(path)
    return path


@pytest.fixture(scope="module")
def rich_customer(rich_plan):
    return build_view(rich_plan, "customer", TODAY)


def render(path: Path, view) -> bytes:
    prepare(path)
    return render_bytes(path, view)


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def template(path: Path, build, *, audience: str | None = "customer") -> Path:
    """A workbook written with XlsxWriter: `build(workbook, sheet)` fills the sheet "Data"."""
    workbook = xlsxwriter.Workbook(str(path))
    if audience:
        workbook.set_custom_property("kapdocs-audience", audience)
    build(workbook, workbook.add_worksheet("Data"))
    workbook.close()
    return path


def opportunities_table(row_cells: list[str], headers: list[str] | None = None):
    headers = headers or [f"Column {i + 1}" for i in range(len(row_cells))]

    def build(workbook, sheet):
        sheet.add_table(0, 0, 1, len(row_cells) - 1, {
            "name": "kap_opportunities", "columns": [{"header": h} for h in headers], "data": [row_cells]})
    return build


# -- the starter ----------------------------------------------------------------------------------------

def test_starter_declares_the_customer(starter):
    assert prepare(starter) == ("xlsx", "customer")


def test_starter_fills_the_opportunities_table(starter, rich_customer):
    data = render(starter, rich_customer)
    sheet = load(data)["Pipeline"]
    items = rich_customer.data()["plan"]["opportunities"]
    labels = rich_customer.data()["labels"]["Stage"]
    assert len(items) > 3
    assert sheet["A1"].value == "Northwind Foods plc: pipeline and performance"
    assert sheet["A2"].value == "As of Wednesday 25 November 2026, prepared by Meridian Ingredients Ltd"
    table = sheet.tables["kap_opportunities"]
    assert table.ref == f"A5:D{5 + len(items)}"
    for i, item in enumerate(items):
        row = 6 + i
        assert sheet.cell(row, 1).value == item["name"]
        assert sheet.cell(row, 2).value == labels[item["stage"]]
        assert sheet.cell(row, 3).value.date().isoformat() == item["expected_close"]  # a date, not text
        assert sheet.cell(row, 3).is_date
        assert sheet.cell(row, 4).value == item["next_step"]
    # the count under the table moved down with it and keeps its structured reference
    count = 6 + len(items)
    assert sheet.cell(count, 1).value == "Opportunities listed"
    assert sheet.cell(count, 2).value == "=COUNTA(kap_opportunities[Opportunity])"
    # nothing internal reached the customer's workbook
    text = part(data, "xl/sharedStrings.xml")
    assert "180000" not in text and "rpatel" not in text


def test_starter_fills_performance_and_its_chart_follows(starter, rich_customer):
    data = render(starter, rich_customer)
    book = load(data)
    sheet = book["Pipeline"]
    extra = len(rich_customer.data()["plan"]["opportunities"]) - 1
    periods = rich_customer.data()["figures"]["performance"]["periods"]
    header = 10 + extra
    last = header + len(periods)
    assert sheet.tables["kap_performance"].ref == f"A{header}:C{last}"
    for i, period in enumerate(periods):
        row = header + 1 + i
        assert sheet.cell(row, 1).value == period["period"]
        assert sheet.cell(row, 2).value == period["volume_target"]       # a number stays a number
        assert isinstance(sheet.cell(row, 2).value, (int, float))
        assert sheet.cell(row, 3).value == period["volume_actual"]       # None: an empty cell
    assert sheet.cell(last + 1, 2).value == "=SUM(kap_performance[Target])"
    # the defined name that named the list is a directive: gone from the result
    assert "kap_performance.rows" not in book.defined_names
    # the chart survived, its series cover the filled rows, its cache holds their values
    chart = part(data, "xl/charts/chart1.xml")
    formulas = re.findall(r"<c:f>([^<]+)</c:f>", chart)
    assert f"Pipeline!$A${header + 1}:$A${last}" in formulas
    assert f"Pipeline!$B${header + 1}:$B${last}" in formulas
    assert f"Pipeline!$C${header + 1}:$C${last}" in formulas
    assert f"Pipeline!$B${header}" in formulas
    target_cache = chart.split(f"<c:f>Pipeline!$B${header + 1}:$B${last}</c:f>")[1].split("</c:numCache>")[0]
    assert f'<c:ptCount val="{len(periods)}"/>' in target_cache
    assert "<c:v>3140</c:v>" in target_cache
    # the chart was anchored under both tables: it moved down with them
    drawing = part(data, "xl/drawings/drawing1.xml")
    start = int(re.search(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)", drawing)[1])
    assert start == 13 + extra + len(periods) - 1


def test_starter_renders_the_minimal_plan(starter, minimal_plan):
    view = build_view(minimal_plan, "customer", TODAY)
    data = render(starter, view)
    sheet = load(data)["Pipeline"]
    assert sheet["A1"].value == f"{minimal_plan.account.name}: pipeline and performance"
    # empty lists: one empty data row each, the tables and formulas as in the template
    assert sheet.tables["kap_opportunities"].ref == "A5:D6"
    assert [sheet.cell(6, c).value for c in range(1, 5)] == [None] * 4
    assert sheet["B7"].value == "=COUNTA(kap_opportunities[Opportunity])"
    assert sheet.tables["kap_performance"].ref == "A10:C11"
    assert "Pipeline!$B$11:$B$11" in part(data, "xl/charts/chart1.xml")


def test_result_is_recalculated_on_opening(starter, rich_customer):
    data = render(starter, rich_customer)
    workbook = part(data, "xl/workbook.xml")
    assert 'fullCalcOnLoad="1"' in workbook
    # cached formula results of the template are dropped (LibreOffice computes them on opening)
    assert not re.search(r"</f><v>", part(data, "xl/worksheets/sheet1.xml"))


# -- formula safety and plan text -----------------------------------------------------------------------

def test_plan_text_never_becomes_a_formula_nor_a_template(starter, rich_plan):
    opportunities = list(rich_plan.opportunities)
    opportunities[0] = opportunities[0].model_copy(update={
        "name": '=HYPERLINK("http://evil.example","click")', "next_step": "=1+1"})
    opportunities[1] = opportunities[1].model_copy(update={"name": "{{ 7*7 }}", "next_step": "@SUM(A1)"})
    plan = rich_plan.model_copy(update={"opportunities": opportunities})
    sheet = load(render(starter, build_view(plan, "customer", TODAY)))["Pipeline"]
    first, second = sheet["A6"], sheet["A7"]
    assert first.value == '=HYPERLINK("http://evil.example","click")'
    assert first.data_type == "s" and first.quotePrefix
    assert sheet["D6"].value == "=1+1" and sheet["D6"].data_type == "s" and sheet["D6"].quotePrefix
    assert second.value == "{{ 7*7 }}" and not second.quotePrefix
    assert sheet["D7"].value == "@SUM(A1)" and sheet["D7"].quotePrefix
    assert not sheet["B6"].quotePrefix  # the quote prefix is a format of its own, not the template's


def test_cells_keep_numbers_and_format_text(tmp_path, rich_customer):
    def build(workbook, sheet):
        sheet.write_string("A1", "{{ figures.performance.total.ytd_volume_actual }}")
        sheet.write_string("A2", "{{ figures.performance.total.volume_achievement | percent }}")
        sheet.write_string("A3", "Actual: {{ figures.performance.total.ytd_volume_actual | number }} {{ volume_unit }}")
        sheet.write_string("A4", "{{ as_of }}")
        sheet.write_string("A5", "{{ plan.customer_strategy.vision | markdown }}")
        sheet.write_string("A6", "{{ plan.sites | length > 2 }}")
        sheet.write_string("A7", "{% if plan.sites %}{{ plan.sites[0].name }}{% endif %}")
        sheet.write_formula("A8", "=A1*2", None, 0)
        sheet.write_string("A9", "no tags here")

    data = render(template(tmp_path / "cells.xlsx", build), rich_customer)
    sheet = load(data)["Data"]
    assert sheet["A1"].value == 9954 and sheet["A1"].data_type == "n"
    assert sheet["A2"].value == "100%"
    assert sheet["A3"].value == "Actual: 9,954 tonnes"
    assert sheet["A4"].is_date and sheet["A4"].value.date() == TODAY
    assert "*" not in sheet["A5"].value and "healthier recipes" in sheet["A5"].value
    assert sheet["A6"].value is True
    assert sheet["A7"].value == "Hull ready meals and sauces plant"
    assert sheet["A8"].value == "=A1*2"
    assert sheet["A9"].value == "no tags here"


# -- tables: which list, and what moves -----------------------------------------------------------------

def moving_parts(workbook, sheet):
    """A kap_actions table with formulas, merged cells, a validation, a comment and a chart around it."""
    sheet.write_string("A1", "Actions for {{ plan.account.short_name }}")
    sheet.add_table("A3:E4", {"name": "kap_actions", "columns": [
        {"header": "No."}, {"header": "ID"}, {"header": "Action"}, {"header": "Due"},
        {"header": "Chars", "formula": "=LEN(kap_actions[[#This Row],[Action]])"}],
        "data": [["{{ loop.index }}", "{{ row.id }}", "{{ row.description }}", "{{ row.due }}"]]})
    sheet.write_formula("F4", "=SUM($A$4:A4)", None, 0)           # beside the template row: not copied
    sheet.write_string("A6", "Rows")
    sheet.write_formula("B6", "=ROWS(kap_actions[ID])", None, 0)
    sheet.write_formula("B7", "=SUM(A4:A4)", None, 0)             # an A1 range over the table column: grows
    sheet.write_formula("B8", "=B6", None, 0)                     # a reference to a cell below: moves
    sheet.merge_range("A10:B10", "Merged below")
    sheet.write_comment("A11", "a note below the table")
    sheet.data_validation("D4", {"validate": "any", "input_message": "a date"})
    other = workbook.add_worksheet("Other")
    other.write_formula("A1", "=Data!B6", None, 0)
    other.write_formula("A2", "=COUNTA(Data!$B$4:$B$4)", None, 0)
    workbook.define_name("Below", "=Data!$A$10")
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({"categories": "=Data!$B$4", "values": "=Data!$A$4"})
    sheet.insert_chart("D12", chart)


def test_table_rows_and_everything_below_move(tmp_path, rich_customer):
    data = render(template(tmp_path / "actions.xlsx", moving_parts), rich_customer)
    book = load(data)
    sheet = book["Data"]
    actions = rich_customer.data()["plan"]["actions"]
    n = len(actions)
    extra = n - 1
    assert n > 3
    assert sheet["A1"].value == "Actions for Northwind"
    assert sheet.tables["kap_actions"].ref == f"A3:E{3 + n}"
    for i, action in enumerate(actions):
        assert sheet.cell(4 + i, 1).value == i + 1
        assert sheet.cell(4 + i, 5).value == "=LEN(kap_actions[[#This Row],[Action]])"  # the calculated column
        assert sheet.cell(4 + i, 2).value == action["id"]
        assert sheet.cell(4 + i, 3).value == action["description"]
    assert sheet["F4"].value == "=SUM($A$4:A4)" and sheet["F5"].value is None
    assert sheet.cell(6 + extra, 1).value == "Rows"
    assert sheet.cell(6 + extra, 2).value == "=ROWS(kap_actions[ID])"
    assert sheet.cell(7 + extra, 2).value == f"=SUM(A4:A{4 + extra})"
    assert sheet.cell(8 + extra, 2).value == f"=B{6 + extra}"
    assert sheet.cell(10 + extra, 1).value == "Merged below"
    assert f"A{10 + extra}:B{10 + extra}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(11 + extra, 1).comment is not None
    assert book["Other"]["A1"].value == f"=Data!B{6 + extra}"
    assert book["Other"]["A2"].value == f"=COUNTA(Data!$B$4:$B${4 + extra})"
    assert book.defined_names["Below"].attr_text == f"Data!$A${10 + extra}"
    assert f'sqref="D4:D{4 + extra}"' in part(data, "xl/worksheets/sheet1.xml")
    chart = part(data, "xl/charts/chart1.xml")
    assert f"<c:f>Data!$A$4:$A${4 + extra}</c:f>" in chart
    assert f"<c:f>Data!$B$4:$B${4 + extra}</c:f>" in chart
    assert f'<c:ptCount val="{n}"/>' in chart and f"<c:v>{actions[1]['id']}</c:v>" in chart


def test_empty_list_leaves_one_empty_row(tmp_path, minimal_plan):
    view = build_view(minimal_plan, "customer", TODAY)
    sheet = load(render(template(tmp_path / "actions.xlsx", moving_parts), view))["Data"]
    assert sheet.tables["kap_actions"].ref == "A3:E4"
    assert [sheet.cell(4, c).value for c in range(1, 5)] == [None] * 4
    assert sheet["E4"].value == "=LEN(kap_actions[[#This Row],[Action]])"
    assert sheet["B7"].value == "=SUM(A4:A4)" and sheet["A10"].value == "Merged below"


def test_defined_name_gives_the_list(tmp_path, rich_customer):
    def build(workbook, sheet):
        sheet.add_table("A1:B2", {"name": "kap_done", "columns": [{"header": "Action"}, {"header": "Status"}],
                                  "data": [["{{ row.description }}", "{{ row.status }}"]]})
        workbook.define_name("kap_done.rows",
                             '="for row in plan.actions | selectattr(\'status\', \'equalto\', \'done\')"')

    data = render(template(tmp_path / "done.xlsx", build), rich_customer)
    book = load(data)
    done = [a for a in rich_customer.data()["plan"]["actions"] if a["status"] == "done"]
    assert 0 < len(done) < len(rich_customer.data()["plan"]["actions"])
    assert book["Data"].tables["kap_done"].ref == f"A1:B{1 + len(done)}"
    assert [book["Data"].cell(2 + i, 2).value for i in range(len(done))] == ["done"] * len(done)
    assert "kap_done.rows" not in book.defined_names


def test_meeting_lists_and_figures_by_name(tmp_path, rich_plan):
    view = build_view(rich_plan, "customer", TODAY, "qbr-2026-q4")

    def build(workbook, sheet):
        sheet.add_table("A1:A2", {"name": "kap_agenda", "columns": [{"header": "Item"}],
                                  "data": [["{{ row.title }}"]]})
        sheet.add_table("A20:A21", {"name": "kap_site_alerts", "columns": [{"header": "Alert"}],
                                    "data": [["{{ row.site_name }}: {{ row.kind }}"]]})

    sheet = load(render(template(tmp_path / "agenda.xlsx", build), view))["Data"]
    agenda = view.data()["meeting"]["agenda"]
    assert sheet.tables["kap_agenda"].ref == f"A1:A{1 + len(agenda)}"
    assert sheet["A2"].value == agenda[0]["title"]
    alerts = view.data()["figures"]["site_alerts"]
    top = 20 + len(agenda) - 1
    assert sheet.tables["kap_site_alerts"].ref == f"A{top}:A{top + max(len(alerts), 1)}"


def test_tables_sharing_rows_are_refused(tmp_path, rich_customer):
    def build(workbook, sheet):
        sheet.add_table("A1:A2", {"name": "kap_contacts", "columns": [{"header": "A"}], "data": [["{{ row.name }}"]]})
        sheet.add_table("C1:C2", {"name": "kap_actions", "columns": [{"header": "B"}], "data": [["{{ row.id }}"]]})

    with pytest.raises(TemplateError, match="shares rows with table"):
        render(template(tmp_path / "side.xlsx", build), rich_customer)


# -- located errors -------------------------------------------------------------------------------------

def test_customer_template_reaching_an_internal_field_fails(tmp_path, rich_plan, rich_customer):
    path = template(tmp_path / "values.xlsx", opportunities_table(["{{ row.name }}", "{{ row.value | money }}"]))
    with pytest.raises(TemplateError) as caught:
        render(path, rich_customer)
    assert caught.value.where == 'Data!B2 "{{ row.value | money }}"'
    assert "no field 'value'" in caught.value.message
    assert "item" not in caught.value.message  # a template mistake, not a value: no item number
    # for our own side the field is there
    internal = build_view(rich_plan, "internal", TODAY)
    sheet = load(render_bytes(path, internal))["Data"]
    assert sheet["B2"].value == internal.fmt.money(rich_plan.opportunities[0].value)


def test_sandbox_escape_is_refused_with_its_cell(tmp_path, rich_customer):
    path = template(tmp_path / "evil.xlsx", lambda wb, sheet: sheet.write_string("C3", "{{ ''.__class__ }}"))
    with pytest.raises(TemplateError) as caught:
        render(path, rich_customer)
    assert caught.value.where.startswith("Data!C3 ")
    assert "not allowed in a template" in caught.value.message
    assert str(caught.value).startswith("evil.xlsx: Data!C3")


def test_syntax_error_and_unknown_name_are_located(tmp_path, rich_customer):
    path = template(tmp_path / "typo.xlsx", lambda wb, sheet: sheet.write_string("B2", "{{ plan.acount.name }}"))
    with pytest.raises(TemplateError, match=r"Data!B2 .*did you mean 'account'"):
        render(path, rich_customer)
    path = template(tmp_path / "syntax.xlsx", lambda wb, sheet: sheet.write_string("A5", "{{ plan.account.name "))
    with pytest.raises(TemplateError, match=r"Data!A5 .*syntax error"):
        render(path, rich_customer)


def test_table_without_a_list_is_located(tmp_path, rich_customer):
    def build(workbook, sheet):
        sheet.add_table("B2:C3", {"name": "kap_contcts", "columns": [{"header": "A"}, {"header": "B"}],
                                  "data": [["{{ row.name }}", ""]]})

    with pytest.raises(TemplateError) as caught:
        render(template(tmp_path / "nolist.xlsx", build), rich_customer)
    assert caught.value.where == "Data!B2:C3 (table kap_contcts)"
    assert "did you mean 'contacts'" in caught.value.message and "kap_contcts.rows" in caught.value.message


def test_table_naming_a_mapping_asks_for_the_list(tmp_path, rich_customer):
    build = lambda wb, sheet: sheet.add_table("A1:A2", {"name": "kap_objectives", "columns": [{"header": "P"}],
                                                        "data": [["{{ row.text }}"]]})
    with pytest.raises(TemplateError, match=r"plan.objectives is not a list.*kap_objectives.rows"):
        render(template(tmp_path / "perf.xlsx", build), rich_customer)


def test_table_with_several_data_rows_is_refused(tmp_path, rich_customer):
    build = lambda wb, sheet: sheet.add_table("A1:B4", {"name": "kap_contacts",
                                                        "columns": [{"header": "A"}, {"header": "B"}],
                                                        "data": [["{{ row.name }}", ""], ["x", "y"]]})
    with pytest.raises(TemplateError, match=r"one data row.*this one has 3"):
        render(template(tmp_path / "rows.xlsx", build), rich_customer)


def test_template_sources_wrap_table_rows_in_their_loop(tmp_path):
    from kapdocs.templating.xlsx_engine import template_sources

    path = template(tmp_path / "actions.xlsx", moving_parts)
    sources = dict(template_sources(path))
    assert sources['Data!A1 "Actions for {{ plan.account.short_name }}"'] == \
        "Actions for {{ plan.account.short_name }}"
    assert sources['Data!B4 "{{ row.id }}"'] == "{% for row in plan.actions %}{{ row.id }}{% endfor %}"


def test_totals_row_and_tagged_headings(tmp_path, rich_customer):
    def build(workbook, sheet):
        sheet.add_table("A1:B3", {"name": "kap_sites", "total_row": True, "columns": [
            {"header": "Site of {{ parties.customer }}", "total_string": "Total"},
            {"header": "Target ({{ volume_unit }})", "total_function": "sum"}],
            "data": [["{{ row.name }}", "{{ row.volume_target }}"]]})

    data = render(template(tmp_path / "sites.xlsx", build), rich_customer)
    sheet = load(data)["Data"]
    sites = rich_customer.data()["plan"]["sites"]
    last = 1 + len(sites)
    table = sheet.tables["kap_sites"]
    assert table.ref == f"A1:B{last + 1}" and table.autoFilter.ref == f"A1:B{last}"
    assert [c.name for c in table.tableColumns] == ["Site of Northwind", "Target (tonnes)"]
    assert sheet["A1"].value == "Site of Northwind" and sheet["B1"].value == "Target (tonnes)"
    assert sheet.cell(last, 2).value == sites[-1]["volume_target"]
    assert sheet.cell(last + 1, 1).value == "Total"
    assert sheet.cell(last + 1, 2).value.startswith("=SUBTOTAL(109,")


def test_references_move_and_grow():
    from kapdocs.templating.xlsx_engine import Insert, shift_formula

    op = Insert("My Data", after=4, count=3, left=2, right=3)
    assert shift_formula("SUM('My Data'!B4:B4)+'My Data'!C9", "Other", op) == "SUM('My Data'!B4:B7)+'My Data'!C12"
    assert shift_formula("SUM(B2:C4)*D4+E4", "My Data", op) == "SUM(B2:C7)*D4+E4"   # D4, E4: cells, not ranges
    assert shift_formula("SUM(E1:E4)", "My Data", op) == "SUM(E1:E4)"                 # not the table's columns
    assert shift_formula("SUM(B4:B4)", "My Data", op, grow=False) == "SUM(B4:B4)"
    assert shift_formula("'My Data'!$B$4", None, op, single=True) == "'My Data'!$B$4:$B$7"
    assert shift_formula("'My Data'!$5:$6", None, op) == "'My Data'!$8:$9"
    assert shift_formula('"My Data!B9"&B9', "Other", op) == '"My Data!B9"&B9'        # text, another sheet
    assert shift_formula("Other!B9+kap_x[Volume]", "My Data", op) == "Other!B9+kap_x[Volume]"
