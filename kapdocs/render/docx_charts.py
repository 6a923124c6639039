"""Native, editable charts in Word documents.

python-docx has no chart API, but a Word chart is the same DrawingML chart part
PowerPoint uses. python-pptx writes that part's XML and its embedded workbook;
this module adds them to the .docx package as a chart part and an embedded
workbook, and places the chart inline in a paragraph. The result is a real chart
that Word and LibreOffice let the user restyle and whose data they can edit.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from pptx.chart.chart import Chart
from pptx.oxml import parse_xml as parse_chart_xml

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_INLINE = (
    '<wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="Chart {id}" descr="{descr}"/>'
    '<wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>'
)


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", " "))


class ChartPlacer:
    """Adds chart parts to one document; numbers parts and drawing ids without rescanning."""

    def __init__(self, document):
        self.document = document
        self.package = document.part.package
        names = {str(p.partname) for p in self.package.iter_parts()}
        self._next_part = 1 + sum(1 for n in names if n.startswith("/word/charts/chart"))
        ids = [int(x) for x in document.element.xpath("//wp:docPr/@id")] or [0]
        self._next_id = max(ids) + 1000  # headers and footers are not scanned: keep well clear

    def add(self, paragraph: Paragraph, chart_type, chart_data, *, width_cm: float, height_cm: float,
            description: str) -> Chart:
        """Place a chart of `chart_type` from `chart_data` at the end of `paragraph`.

        Returns python-pptx's `Chart` object, to be styled before the document is saved.
        """
        n = self._next_part
        self._next_part += 1
        chart_space = parse_chart_xml(chart_data.xml_bytes(chart_type))
        chart_part = XmlPart(PackURI(f"/word/charts/chart{n}.xml"), CHART_CT, chart_space, self.package)
        workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Sheet{n}.xlsx"), XLSX_CT,
                        chart_data.xlsx_blob, self.package)
        external = chart_space._add_externalData()
        external.rId = chart_part.relate_to(workbook, RT.PACKAGE)
        rid = self.document.part.relate_to(chart_part, RT.CHART)
        drawing_id = self._next_id
        self._next_id += 1
        inline = parse_xml(_INLINE.format(cx=int(Cm(width_cm)), cy=int(Cm(height_cm)), id=drawing_id,
                                          descr=_attr(description), rid=rid))
        run = paragraph.add_run()
        drawing = parse_xml('<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        drawing.append(inline)
        run._r.append(drawing)
        return Chart(chart_space, None)
