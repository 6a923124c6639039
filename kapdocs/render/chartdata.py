"""Chart data whose embedded workbook never turns plan text into formulas.

python-pptx writes the spreadsheet behind every chart with XlsxWriter's defaults,
under which a category or series name starting with `=` becomes a formula and
one looking like a URL becomes a hyperlink. These chart data classes open the
workbook with both conversions off (and a fixed creation date, so that the same
plan gives the same bytes). Use them for every chart, in Word and PowerPoint alike.
"""

from __future__ import annotations

from contextlib import contextmanager

from pptx.chart import data as _data
from pptx.chart import xlsx as _xlsx
from pptx.util import lazyproperty
from xlsxwriter import Workbook

from kapdocs.reproducible import fixed_timestamp  # the one definition, used by the chart workbooks


class _SafeOpen:
    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        })
        workbook.set_properties({"created": fixed_timestamp()})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _CategoryWriter(_SafeOpen, _xlsx.CategoryWorkbookWriter):
    pass


class _XyWriter(_SafeOpen, _xlsx.XyWorkbookWriter):
    pass


class _BubbleWriter(_SafeOpen, _xlsx.BubbleWorkbookWriter):
    pass


class CategoryChartData(_data.CategoryChartData):
    """`pptx.chart.data.CategoryChartData` with a formula-safe embedded workbook."""

    @lazyproperty
    def _workbook_writer(self):
        return _CategoryWriter(self)


class XyChartData(_data.XyChartData):
    """`pptx.chart.data.XyChartData` with a formula-safe embedded workbook."""

    @lazyproperty
    def _workbook_writer(self):
        return _XyWriter(self)


class BubbleChartData(_data.BubbleChartData):
    """`pptx.chart.data.BubbleChartData` with a formula-safe embedded workbook."""

    @lazyproperty
    def _workbook_writer(self):
        return _BubbleWriter(self)
