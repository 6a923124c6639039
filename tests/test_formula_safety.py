"""One regression test per formula trigger, in every kind of spreadsheet kapdocs writes.

Text from a plan that starts with `=`, `+`, `-`, `@`, a tab or a carriage return must
reach a spreadsheet as text: in the workbooks kapdocs writes with XlsxWriter and with
openpyxl, and in the workbook python-pptx embeds behind every chart (Word and PowerPoint).
"""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter

from kapdocs.render.chartdata import BubbleChartData, CategoryChartData, XyChartData
from kapdocs.xlsx_safe import SafeCells, set_text

TRIGGERS = ["=1+2", "+1+2", "-1+2", "@SUM(1,2)", "\t=1+2", "\r=1+2", "=HYPERLINK(\"http://x\")"]


def read_back(text: str) -> str:
    """What a reader returns for `text`: XML turns a CR into LF, and OOXML may escape it as _x000D_."""
    return text.replace("\r", "\n")


def same(value: object, text: str) -> bool:
    return value in (text, read_back(text), text.replace("\r", "_x000D_"))


def cells(blob: bytes) -> list[tuple[object, str]]:
    book = openpyxl.load_workbook(io.BytesIO(blob))
    return [(c.value, c.data_type) for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


@pytest.mark.parametrize("text", TRIGGERS, ids=repr)
def test_xlsxwriter_cells_keep_triggers_as_text(text: str) -> None:
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = book.add_worksheet()
    SafeCells(book).text(sheet, 0, 0, text)
    book.close()
    # a string cell holding exactly the text: no formula
    [(value, kind)] = cells(stream.getvalue())
    assert kind == "s" and same(value, text)


@pytest.mark.parametrize("text", TRIGGERS, ids=repr)
def test_openpyxl_cells_keep_triggers_as_text(text: str) -> None:
    book = openpyxl.Workbook()
    set_text(book.active["A1"], text)
    stream = io.BytesIO()
    book.save(stream)
    # read back: still the text, typed as a string
    [(value, kind)] = cells(stream.getvalue())
    assert kind == "s" and same(value, text)


@pytest.mark.parametrize("text", TRIGGERS, ids=repr)
def test_chart_workbooks_keep_triggers_as_text(text: str) -> None:
    category = CategoryChartData()
    category.categories = [text, "plain"]
    category.add_series(text, (1, 2))
    xy = XyChartData()
    xy.add_series(text).add_data_point(1, 2)
    bubble = BubbleChartData()
    bubble.add_series(text).add_data_point(1, 2, 3)
    for data in (category, xy, bubble):
        found = cells(data.xlsx_blob)
        # the series name (and category) behind the chart is a string, never a formula
        assert any(kind == "s" and same(value, text) for value, kind in found)
        assert all(kind != "f" for _, kind in found)
