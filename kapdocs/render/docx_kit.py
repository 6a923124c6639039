"""Building blocks for every Word deliverable (plan, agenda, minutes, workbook).

`DocxBuilder` opens the theme's reference document, sets the paper size and
document properties, and offers the pieces the renderers are made of: headings,
Markdown text, bullet lists, gap notes, fast tables with repeating header rows,
landscape sections, native charts, a table-of-contents field and a header and
footer with "Page X of Y". Styles come from the reference document by name:
Title, Subtitle, Heading 1-3, Normal, List Bullet, List Bullet 2, Caption,
TOC Heading, TOC 1-2, Header, Footer, and kapdocs' own Gap Note, Table Text,
Small, Cover Detail and Callout (missing ones fall back to Normal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..reproducible import save_office
from ..text import Span, parse_inline, parse_markdown, property_text
from ..theme import Theme
from . import reference
from .chartdata import fixed_timestamp
from .docx_charts import ChartPlacer

SHORT_TABLE = 10
"""Tables with at most this many rows never split across pages (unless told otherwise)."""

PAPER = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
"""Paper sizes in centimetres (width, height), portrait."""
MARGIN_CM = 2.0
LONG_ROW = 1500
"""Characters in a table row above which the row may split across pages (it could outgrow a page)."""
_ALIGN = {"left": "left", "center": "center", "right": "right"}


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell with formatting; plain strings are cells too."""

    text: str
    bold: bool = False
    italic: bool = False
    fill: str | None = None
    colour: str | None = None
    align: str | None = None
    rich: bool = False
    """`text` is plan text in the Markdown subset: **bold**, *italic* and `- ` bullets are rendered."""


def _xml_text(text: str) -> str:
    return escape(text)




HEADER_LOGO_CM = 0.5
"""The height of the theme's logo in page headers."""


_SECT_PR = qn("w:sectPr")

class DocxBuilder:
    """A Word document under construction, from the theme's reference document."""

    def __init__(self, theme: Theme, *, paper: str = "a4", title: str, subject: str = "",
                 keywords: str = "", author: str = "", category: str = ""):
        self.theme = theme
        self.doc = reference.fresh(theme.reference("docx"))
        self._ids_by_name = reference.style_ids(theme.reference("docx"))  # shared: never changed
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.paper = PAPER[paper]
        section = self.doc.sections[0]
        self._portrait(section)
        props = self.doc.core_properties
        props.title, props.subject, props.keywords = property_text(title), property_text(subject), property_text(keywords)
        props.author = props.last_modified_by = property_text(author or "")
        props.category = property_text(category)
        props.comments = ""
        props.created = props.modified = fixed_timestamp()
        props.last_printed = fixed_timestamp()
        props.revision = 1
        self.charts = ChartPlacer(self.doc)
        self.headings: list[tuple[int, str]] = []
        self._toc = None
        self._styles = set(self._ids_by_name)
        self._width_cm: float | None = None  # the last section's, until a section is added
        self._style_ids: dict[str, str] = {}

    # -- page layout ------------------------------------------------------------------
    def _portrait(self, section) -> None:
        width, height = self.paper
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(width), Cm(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        section.header_distance = section.footer_distance = Cm(1.0)

    @property
    def usable_width_cm(self) -> float:
        """Width between the margins of the current section, in centimetres (known until a section is
        added: finding the last section searches the whole document)."""
        if self._width_cm is None:
            section = self.doc.sections[-1]
            self._width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
        return self._width_cm

    def landscape(self) -> None:
        """Start a new landscape page (for wide tables)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._width_cm = None
        width, height = self.paper
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(height), Cm(width)

    def portrait(self) -> None:
        """Start a new portrait page."""
        self._portrait(self.doc.add_section(WD_SECTION.NEW_PAGE))
        self._width_cm = None

    def page_break(self) -> None:
        """Continue on a new page."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- text --------------------------------------------------------------------------
    def style(self, name: str) -> str:
        """`name` if the reference document has that style, else Normal."""
        return name if name in self._styles else "Normal"

    def add_paragraph(self, text: str = "", style: str = "Normal"):
        """A new paragraph at the end of the body in `style` (Normal when the reference lacks it).

        Style ids are looked up once per name: python-docx's own look-up scans every style
        of the document on each call, which dominated the time to build a plan.
        """
        p = OxmlElement("w:p")
        style_id = self._style_id(style)
        if style_id != self._style_id("Normal"):
            # built here: python-docx's style setter looks for each of the thirty-odd elements that could
            # follow the style, twice, and its add_paragraph for the body's last element from the start
            properties = OxmlElement("w:pPr")
            properties.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
            p.append(properties)
        self._append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            paragraph.add_run(text)
        return paragraph

    def _set_style(self, paragraph, style: str) -> None:
        """`paragraph.style = style` (the default style: none named) without python-docx's scan of every
        style on each call."""
        style_id = self._style_id(style)
        paragraph._p.style = style_id if style_id != self._style_id("Normal") else None

    def _style_id(self, name: str) -> str:
        """The style id of the paragraph style `name` (Normal's when the reference lacks it), cached."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = self._ids_by_name[self.style(name)]
        return found

    def heading(self, text: str, level: int = 1, *, page_break: bool = False):
        """A heading in the built-in Heading style (so the table of contents finds it)."""
        paragraph = self.add_paragraph(text, f"Heading {level}")
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        number = len(self.headings) + 1
        mark = f"_Toc_k{number:04d}"  # the contents link to it
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, parse_xml(
            f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{mark}"/>'))
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))
        self.headings.append((level, text))
        return paragraph

    def paragraph(self, text: str = "", style: str = "Normal", *, bold: bool = False, italic: bool = False,
                  colour: str | None = None, size: float | None = None, align: str | None = None):
        """A paragraph of plain text (no Markdown) in `style`."""
        paragraph = self.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
            if size:
                run.font.size = Pt(size)
        if align:
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                                   "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        return paragraph

    def rich(self, text: str, style: str = "Normal"):
        """One paragraph with `**bold**` and `*italic*` rendered."""
        paragraph = self.add_paragraph(style=style)
        for span in parse_inline(text):
            run = paragraph.add_run(span.text)
            run.bold, run.italic = span.bold or None, span.italic or None
        return paragraph

    def markdown(self, text: str | None) -> None:
        """Paragraphs and bullet lists from the Markdown subset of long text fields."""
        for block in parse_markdown(text):
            paragraph = self.add_paragraph(style="List Bullet" if block.bullet else "Normal")
            for span in block.spans:
                run = paragraph.add_run(span.text)
                run.bold, run.italic = span.bold or None, span.italic or None

    def bullets(self, items: Sequence[str], level: int = 1) -> None:
        """A bullet list; each item may use `**bold**` and `*italic*`."""
        style = "List Bullet" if level == 1 else f"List Bullet {level}"
        for item in items:
            self.rich(item, style)

    def gap(self, what: str) -> None:
        """A clearly marked gap: the section has no data yet; says what to capture and why."""
        paragraph = self.add_paragraph(style="Gap Note")
        run = paragraph.add_run("Not yet captured. ")
        run.bold = True
        paragraph.add_run(what)

    def rule(self, colour: str | None = None, weight_pt: float = 3.0, space_after_pt: float = 12) -> None:
        """A full-width horizontal rule in the theme's primary colour (or `colour`)."""
        paragraph = self.doc.add_paragraph(style=self.style("Small"))
        eighths = int(weight_pt * 8)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{eighths}" w:space="1" '
            f'w:color="{colour or self.theme.colours.primary}"/></w:pBdr>'))
        paragraph.paragraph_format.space_after = Pt(space_after_pt)

    def caption(self, text: str) -> None:
        """A caption under a table or chart."""
        self.add_paragraph(text, "Caption")

    # -- tables --------------------------------------------------------------------------
    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str | Cell]], *,
              widths: Sequence[float] | None = None, align: Sequence[str] | None = None,
              font_size: float = 9, zebra: bool = True, total: bool = False,
              header_fill: str | None = None, min_row_height_cm: float | None = None,
              keep_together: bool | None = None):
        """A table with a header row that repeats on every page, built as XML in one go.

        `widths` are relative and scaled to the current page; `align` per column
        ('left', 'center', 'right'). `total` makes the last row bold. Rows do not split
        across pages, unless a row holds more than `LONG_ROW` characters (it could be taller
        than a page). `keep_together` keeps the table on one page; by default a short table (at most
        `SHORT_TABLE` rows, none of them long) is kept together. Returns the python-docx Table.
        """
        if keep_together is None:
            keep_together = len(rows) <= SHORT_TABLE and all(
                sum(len(v.text if isinstance(v, Cell) else str(v)) for v in row) <= LONG_ROW for row in rows)
        c = self.theme.colours
        columns = len(headers)
        widths = list(widths or [1] * columns)
        usable = self.usable_width_cm * 567  # twips per cm ≈ 567
        scale = usable / sum(widths)
        twips = [int(w * scale) for w in widths]
        align = list(align or ["left"] * columns)
        size = int(font_size * 2)
        fill = header_fill or c.primary
        border = ('<w:tblBorders>'
                  + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{c.line}"/>'
                            for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
                  + "</w:tblBorders>")
        parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
                 f'{border}<w:tblLayout w:type="fixed"/>'
                 '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                 '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                 'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        parts += [f'<w:gridCol w:w="{t}"/>' for t in twips]
        parts.append("</w:tblGrid>")
        height = f'<w:trHeight w:val="{int(min_row_height_cm * 567)}"/>' if min_row_height_cm else ""
        style_id = self._table_style

        def cell(value: str | Cell, width: int, col: int, *, header: bool, row_fill: str | None,
                 bold_row: bool, keep: bool = False) -> str:
            item = value if isinstance(value, Cell) else Cell(str(value))
            shade = item.fill or ("" if header else row_fill)
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill if header else shade}"/>' if (
                header or shade) else ""
            jc = _ALIGN.get(item.align or align[col], "left")
            colour = "FFFFFF" if header else (item.colour or None)
            colour_xml = f'<w:color w:val="{colour}"/>' if colour else ""
            def rpr(bold: bool = False, italic: bool = False) -> str:
                return (f'<w:rPr>{"<w:b/>" if header or item.bold or bold_row or bold else ""}'
                        f'{"<w:i/>" if item.italic or italic else ""}{colour_xml}'
                        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')

            if item.rich and item.text:  # one paragraph per Markdown block, emphasis as run formatting
                lines = [((Span("• "),) if block.bullet else ()) + block.spans for block in parse_markdown(item.text)]
            else:
                lines = [(Span(line),) if line else () for line in (item.text.split("\n") if item.text else [""])]
            paragraphs = "".join(
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{"<w:keepNext/>" if keep else ""}'
                '<w:spacing w:before="0" w:after="0"/>'
                f'<w:jc w:val="{jc}"/></w:pPr>'
                + "".join(f'<w:r>{rpr(s.bold, s.italic)}<w:t xml:space="preserve">{_xml_text(s.text)}</w:t></w:r>'
                          for s in spans if s.text)
                + "</w:p>"
                for spans in (lines or [()])
            )
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>')

        parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>')
        # the header row keeps with the first row: never alone at the foot of a page
        parts += [cell(h, twips[i], i, header=True, row_fill=None, bold_row=False, keep=True)
                  for i, h in enumerate(headers)]
        parts.append("</w:tr>")
        for r, row in enumerate(rows):
            row_fill = c.light if zebra and r % 2 == 1 else None
            last = r == len(rows) - 1
            bold_row = total and last
            long = sum(len(v.text if isinstance(v, Cell) else str(v)) for v in row) > LONG_ROW
            parts.append(f"<w:tr><w:trPr>{'' if long else '<w:cantSplit/>'}{height}</w:trPr>")
            parts += [cell(v, twips[i], i, header=False, row_fill=row_fill, bold_row=bold_row,
                           keep=keep_together and not last)
                      for i, v in enumerate(row)]
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        tbl = parse_xml("".join(parts))
        self._append(tbl)
        self.add_paragraph(style="Small")  # breathing room after the table
        return docx.table.Table(tbl, self.doc._body)

    @property
    def _table_style(self) -> str:
        return self._style_id("Table Text")

    def key_values(self, pairs: Sequence[tuple[str, str]], widths: Sequence[float] = (1, 2.2)) -> None:
        """A two-column table of labels and values, labels shaded; kept on one page when short."""
        c = self.theme.colours
        rows = [[Cell(k, bold=True, fill=c.light), v] for k, v in pairs]
        table = self.table(["Item", "Detail"], rows, widths=widths, zebra=False, keep_together=len(rows) <= 20)
        header = table._tbl.tr_lst[0]
        header.getparent().remove(header)  # a fact sheet needs no header row

    def _append(self, element) -> None:
        """Add `element` at the end of the body, before the body's own section properties (its last child;
        taken from the end: `body.sectPr` searches every element from the start)."""
        body = self.doc.element.body
        last = next(body.iterchildren(reversed=True), None)
        last.addprevious(element) if last is not None and last.tag == _SECT_PR else body.append(element)

    # -- charts ------------------------------------------------------------------------
    def chart(self, chart_type, chart_data, *, description: str, width_cm: float | None = None,
              height_cm: float = 8.0, keep_with_next: bool = True):
        """A native chart in its own centred paragraph; returns python-pptx's Chart to style. The chart stays
        on the page of what follows it (its caption) unless `keep_with_next` is False (a table long enough
        to begin on the next page, where the two together would leave a page half empty)."""
        paragraph = self.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = keep_with_next
        width = width_cm or min(self.usable_width_cm, 16.0)
        return self.charts.add(paragraph, chart_type, chart_data, width_cm=width, height_cm=height_cm,
                               description=description)

    # -- fields, header and footer ----------------------------------------------------------
    @staticmethod
    def _field(paragraph, instruction: str, placeholder: str = "") -> None:
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin" w:dirty="true"/>'))
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>'))
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
        paragraph.add_run(placeholder)
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))

    def toc(self, title: str = "Contents", levels: str = "1-2") -> None:
        """A table-of-contents field; `finish` pre-fills it with the headings written."""
        self.add_paragraph(title, "TOC Heading")
        self._toc = self.add_paragraph()
        self._toc_levels = int(levels.split("-")[-1])
        self._field(self._toc, f'TOC \\o "{levels}" \\h \\z \\u')
        # No w:updateFields: Word would ask on opening whether to update fields that "may refer to other
        # files". The entries link to their headings; LibreOffice fills in their page numbers when it is
        # installed (`kapdocs.office.fill_contents`), and Word's "Update field" refreshes them.

    def header_footer(self, left: str, right: str, *, first_page: bool = True) -> None:
        """Header: `left` and `right`; footer: "Page X of Y". `first_page` False leaves the cover bare.

        Call it once the last section exists: every section gets its own header and footer,
        with the right-hand text on its own right margin (portrait and landscape alike).
        """
        for index, section in enumerate(self.doc.sections):
            if index == 0:
                section.different_first_page_header_footer = not first_page
            else:
                section.header.is_linked_to_previous = False
                section.footer.is_linked_to_previous = False
            width = section.page_width - section.left_margin - section.right_margin
            self._header(section.header.paragraphs[0], left, right, width)
            self._footer(section.footer.paragraphs[0])
        self._unique_drawing_ids()

    def _unique_drawing_ids(self) -> None:
        """Drawing ids (`wp:docPr/@id`) unique across the body and every header: python-docx numbers each
        part on its own, so the logo in each section's header would share an id with the body's first
        picture (Word then repairs the file)."""
        taken = [int(x) for x in self.doc.element.xpath("//wp:docPr/@id")]
        next_id = max(taken, default=0) + 1
        seen: set[int] = set()
        for section in self.doc.sections:
            element = section.header._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            for pr in element.xpath(".//wp:docPr"):
                pr.set("id", str(next_id))
                next_id += 1

    def _header(self, header, left: str, right: str, width) -> None:
        header.text = ""
        self._set_style(header, "Header")
        header.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)
        if self.theme.logo is not None:  # our logo, the height of a line of header text, before our name
            header.add_run().add_picture(str(self.theme.logo), height=Cm(HEADER_LOGO_CM))
            header.add_run("  ")
        header.add_run(left)
        header.add_run("\t" + right)

    def _footer(self, footer) -> None:
        footer.text = ""
        self._set_style(footer, "Footer")
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Page ")
        self._field(footer, "PAGE", "1")
        footer.add_run(" of ")
        self._field(footer, "NUMPAGES", "1")

    def finish(self) -> None:
        """Pre-fill the table of contents with the headings (Word and LibreOffice refresh it)."""
        if self._toc is None:
            return
        entries = [(level, text, n) for n, (level, text) in enumerate(self.headings, start=1)
                   if level <= self._toc_levels]
        anchor = self._toc
        separate = anchor._p.xpath(".//w:fldChar[@w:fldCharType='separate']")[0].getparent()
        end = anchor._p.xpath(".//w:fldChar[@w:fldCharType='end']")[0].getparent()
        # the field spans paragraphs: begin..separate here, one paragraph per entry, end in the last
        anchor._p.remove(end)
        for run in list(anchor._p.r_lst):
            if run is not separate and run.getprevious() is not None and run.getprevious() is separate:
                anchor._p.remove(run)
        previous = anchor._p
        for level, text, number in entries:
            style = self.style(f"TOC {level}")
            p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{self._ids_by_name[style]}"/>'
                          f'</w:pPr><w:hyperlink w:anchor="_Toc_k{number:04d}" w:history="1"><w:r>'
                          f'<w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:hyperlink></w:p>')
            previous.addnext(p)
            previous = p
        previous.append(end)

    def save(self, target) -> None:
        """Finish and save the document to a path or a binary stream."""
        self.finish()
        self._no_blank_last_page()
        save_office(self.doc, target)  # reproducible as written: never rewritten afterwards

    def _no_blank_last_page(self) -> None:
        """Shrink the empty paragraph a document ends with (Word needs one after a last table) to a hair,
        so that it never spills onto a page of its own."""
        body = self.doc.element.body
        last = body[-2] if body.sectPr is not None and len(body) > 1 else body[-1]
        if last.tag != qn("w:p") or "".join(last.itertext()).strip():
            return
        ppr = last.get_or_add_pPr()
        for old in ppr.findall(qn("w:spacing")):
            ppr.remove(old)
        ppr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'))
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f'<w:rPr {nsdecls("w")}/>')
            ppr.append(rpr)
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="2"/>'))
