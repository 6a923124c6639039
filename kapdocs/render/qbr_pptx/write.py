"""Slide specs -> .pptx: layouts by name, fitted text, paginated tables, native charts, notes.

`DeckWriter` opens the theme's reference deck, reads where each layout puts its
title and content, and writes every `Slide` of a `Deck` (see `spec.py`):

- text is set at the largest size that fits its box, measured with the font's
  metrics (`fit.py`); long text in a one-region slide continues on follow-on
  slides marked "(cont.)", and in a two-region slide is cut with "…";
- tables get measured row heights and continue on follow-on slides, header
  repeated, titles marked "(cont.)"; a table beside other content shrinks
  (down to 9 pt) and, if still too long, ends with an "… and N more" row;
- charts are native, editable charts (kapdocs' formula-safe chart data and the
  shared `charts.style`);
- every slide gets the footer, the slide number and its speaker notes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.shapes.placeholder import NotesSlidePlaceholder
from pptx.util import Emu, Inches, Pt

from ...errors import RenderError
from ...reproducible import save_office
from ...text import property_text
from ...theme import Theme
from .. import reference
from ..chartdata import CategoryChartData, fixed_timestamp
from ..charts import as_line
from ..charts import style as style_chart
from . import fit
from .spec import (
    TITLE_AND_CONTENT, TITLE_ONLY, TITLE_SLIDE, TWO_CONTENT, Cell, Chart, Content, Deck, Para, Run, Slide, Table,
    Text,
)

REQUIRED_LAYOUTS = (TITLE_SLIDE, TITLE_AND_CONTENT, TWO_CONTENT, TITLE_ONLY)
"""Slide layouts a reference deck must have, by name."""
CONT = " (cont.)"
TITLE_SIZES = (28, 26, 24, 22, 20, 18)
COVER_TITLE_SIZES = (36, 34, 32, 30, 28, 26, 24, 22)
CAPTION_H = Inches(0.42)
MIN_TABLE_SIZE = 9
PAGED_TEXT_SIZE = 16
"""Size of text that runs over several slides: it cannot fit one at any size, so it stays readable."""
_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle on the slide, EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h


def _rect(shape) -> Rect:
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


# -- XML pieces ------------------------------------------------------------------

def _colour_xml(hex_colour: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_colour}"/></a:solidFill>' if hex_colour else ""


class DeckWriter:
    """Writes decks on one reference presentation (the theme's reference.pptx)."""

    def __init__(self, theme: Theme):
        self.theme = theme
        c = theme.colours
        self.colours = {"primary": c.primary, "secondary": c.secondary, "text": c.text, "muted": c.muted,
                        "light": c.light, "line": c.line, "red": c.red, "amber": c.amber, "green": c.green,
                        "white": "FFFFFF"}
        self.prs = reference.fresh(theme.reference("pptx"))
        self._drop_existing_slides()
        layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        missing = [name for name in REQUIRED_LAYOUTS if name not in layouts]
        if missing:
            raise RenderError(f"the reference deck {theme.reference('pptx')} lacks the slide layouts "
                              f"{', '.join(repr(m) for m in missing)}; kapdocs needs {', '.join(REQUIRED_LAYOUTS)}")
        self.layouts = layouts
        self.regions = {name: self._layout_regions(layouts[name]) for name in REQUIRED_LAYOUTS}
        # content areas: the layout's own placeholders; Title Only borrows Title and Content's; a layout
        # without content placeholders uses the space below its title
        if not self.regions[TITLE_AND_CONTENT]:
            self.regions[TITLE_AND_CONTENT] = [self._below_title(layouts[TITLE_AND_CONTENT])]
        self.regions[TITLE_ONLY] = self.regions[TITLE_AND_CONTENT]
        if not self.regions[TWO_CONTENT]:
            self.regions[TWO_CONTENT] = [self._below_title(layouts[TWO_CONTENT])]
        self.titles = {name: self._title_rect(layouts[name]) for name in REQUIRED_LAYOUTS}
        self._footers: dict[int, list[tuple]] = {}  # per layout: its footer placeholders (`_footer_placeholders`)
        self._blank_shapes: dict[str, etree._Element] = {}  # per layout: a new slide's placeholders
        self._placeholder_roles: dict[str, tuple] = {}  # per layout: which of them is the title, the contents
        self._notes: tuple | None = None  # (blank notes slide, notes master part, next number, its notes' place)

    # -- geometry of the reference deck ----------------------------------------------
    def _drop_existing_slides(self) -> None:
        ids = self.prs.slides._sldIdLst
        for sld_id in list(ids):
            self.prs.part.drop_rel(sld_id.rId)
            ids.remove(sld_id)

    @staticmethod
    def _content_placeholders(layout) -> list:
        kinds = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE)
        return sorted((ph for ph in layout.placeholders if ph.placeholder_format.type in kinds),
                      key=lambda ph: (int(ph.left), int(ph.top)))

    def _layout_regions(self, layout) -> list[Rect]:
        return [_rect(ph) for ph in self._content_placeholders(layout)]

    def _title_rect(self, layout) -> Rect:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                return _rect(ph)
        return Rect(int(Inches(0.5)), int(Inches(0.3)), int(self.prs.slide_width - Inches(1)), int(Inches(1)))

    def _below_title(self, layout) -> Rect:
        t = self._title_rect(layout)
        top = t.bottom + int(Inches(0.2))
        return Rect(t.x, top, t.w, int(self.prs.slide_height) - top - int(Inches(0.7)))

    # -- the deck ---------------------------------------------------------------------
    def write(self, deck: Deck, path: str | Path) -> int:
        """Write `deck` to `path`; returns the number of slides written."""
        for spec in deck.slides:
            if spec.layout == TITLE_SLIDE:
                self._cover(spec, deck)
            else:
                for n, (title, body, caption) in enumerate(self._pages(spec)):
                    self._slide(spec, title, body, caption, deck, n)
        props = self.prs.core_properties
        props.title, props.subject = property_text(deck.title), property_text(deck.subject)
        props.keywords = property_text(", ".join(deck.keywords))
        props.author = props.last_modified_by = property_text(deck.author)
        props.category = "Internal" if deck.audience == "internal" else "Customer"
        props.comments = ""
        props.created = props.modified = fixed_timestamp()
        props.revision = 1
        save_office(self.prs, path)  # reproducible as written
        return len(self.prs.slides)

    # -- pagination ---------------------------------------------------------------------
    def _areas(self, spec: Slide, count: int) -> tuple[list[Rect], Rect | None]:
        regions = self.regions[spec.layout][:max(count, 1)]
        if spec.split and len(regions) == 2:  # the same outer edges and gap, the width shared as asked
            a, b = regions
            gap, width = b.x - (a.x + a.w), b.x + b.w - a.x - (b.x - (a.x + a.w))
            first = int(width * spec.split)
            regions = [Rect(a.x, a.y, first, a.h), Rect(a.x + first + gap, b.y, width - first, b.h)]
        if len(regions) < count:  # a layout with fewer regions: share the first one side by side
            r = regions[0]
            gap = int(Inches(0.3))
            w = (r.w - gap * (count - 1)) // count
            regions = [Rect(r.x + i * (w + gap), r.y, w, r.h) for i in range(count)]
        if not spec.caption:
            return regions, None
        left, right = min(r.x for r in regions), max(r.x + r.w for r in regions)
        top = min(r.y for r in regions)
        caption = Rect(left, top, right - left, int(CAPTION_H))
        return [Rect(r.x, r.y + int(CAPTION_H), r.w, r.h - int(CAPTION_H)) for r in regions], caption

    def _pages(self, spec: Slide):
        """(title, [(content, rect)], caption rect) for each slide `spec` needs."""
        regions, caption = self._areas(spec, len(spec.body))
        if len(spec.body) == 1:
            content, rect = spec.body[0], regions[0]
            if isinstance(content, Table):
                chunks = self._table_pages(content, rect)
            elif isinstance(content, Text):
                chunks = self._text_pages(content, rect)
            else:
                chunks = [content]
            for i, chunk in enumerate(chunks):
                yield spec.title + (CONT if i else ""), [(chunk, rect)], caption
            return
        body = []
        for content, rect in zip(spec.body, regions):
            if isinstance(content, Table):
                content = self._table_squeezed(content, rect)
            elif isinstance(content, Text):
                content = self._text_squeezed(content, rect)
            body.append((content, rect))
        yield spec.title, body, caption

    @staticmethod
    def _box(rect: Rect) -> fit.Box:
        return fit.Box(rect.w, rect.h)

    def _text_pages(self, content: Text, rect: Rect) -> list[Text]:
        box = self._box(rect)
        size = fit.best_size(content.paras, box, content.max_size, content.min_size)
        if size is not None:
            return [replace(content, max_size=size)]
        size = max(content.min_size, min(content.max_size, PAGED_TEXT_SIZE))  # too long for one slide at any size
        pages, rest = [], list(content.paras)
        while rest:
            head, rest = fit.split(rest, box, size)
            pages.append(replace(content, paras=tuple(head), max_size=size))
        return pages

    def _text_squeezed(self, content: Text, rect: Rect) -> Text:
        box = self._box(rect)
        size = fit.best_size(content.paras, box, content.max_size, content.min_size)
        if size is not None:
            return replace(content, max_size=size)
        return replace(content, paras=tuple(fit.truncate(content.paras, box, content.min_size)),
                       max_size=content.min_size)

    @staticmethod
    def _widths(table: Table, width: int) -> list[int]:
        total = sum(c.weight for c in table.columns)
        widths = [int(width * c.weight / total) for c in table.columns]
        widths[-1] += width - sum(widths)
        return widths

    def _row_heights(self, table: Table, widths: list[int], size: float,
                     max_height: int) -> tuple[int, list, list[int]]:
        """Header height, the rows (long cells cut to fit `max_height`) and their heights, at `size`."""
        header = fit.row_height([(c.header, True) for c in table.columns], widths, size)
        room = max_height - header
        max_lines = max(1, int((room - 2 * fit.CELL_MARGIN_Y) / fit.EMU_PER_PT // fit.line_height(size)))
        rows, heights = [], []
        for row in table.rows:
            cells = [(c.text, c.bold) for c in row]
            h = fit.row_height(cells, widths, size)
            if h > room:
                row = tuple(replace(c, text=fit.truncate_cell(c.text, w, size, max_lines, c.bold))
                            for c, w in zip(row, widths))
                h = fit.row_height([(c.text, c.bold) for c in row], widths, size)
            rows.append(row)
            heights.append(h)
        return header, rows, heights

    def _table_pages(self, table: Table, rect: Rect) -> list[Table]:
        """The table at the largest size (max_size to min_size) that fits one slide; else as few slides as at
        `size`, the rows shared evenly and set at the largest size at which each share fits."""
        widths = self._widths(table, rect.w)
        size = table.max_size
        while size >= table.min_size:
            if self._words_fit(table, widths, size):
                header, rows, heights = self._row_heights(table, widths, size, rect.h)
                if header + sum(heights) <= rect.h:
                    return [replace(table, rows=tuple(rows), size=size)]
            size -= 1
        header, rows, heights = self._row_heights(table, widths, table.size, rect.h)
        pages: list[Table] = []
        start, used = 0, header
        for i, h in enumerate(heights):
            if used + h > rect.h and i > start:
                end = i
                if end - 1 in table.group_rows and end - 1 > start:  # no group heading alone at the bottom
                    end -= 1
                pages.append(self._chunk(table, rows, start, end))
                start, used = end, header + sum(heights[end:i])
            used += h
        pages.append(self._chunk(table, rows, start, len(rows)))
        count = len(pages)
        # as many slides as the smallest size needs, each share at the largest size it fits at
        size = table.max_size
        while size > table.size:
            if self._words_fit(table, widths, size):
                header_s, rows_s, heights_s = self._row_heights(table, widths, size, rect.h)
                even = self._balanced(replace(table, size=size), rows_s, header_s, heights_s, rect.h, count)
                if even:
                    return even
            size -= 1
        return self._balanced(table, rows, header, heights, rect.h, count) or pages

    def _balanced(self, table: Table, rows: list, header: float, heights: list[float], room: float,
                  count: int) -> list[Table] | None:
        """The rows over `count` slides in even shares, so that no follow-on slide holds a row or two
        alone; None when an even share would not fit (or there is one slide)."""
        if count < 2:
            return None
        per = -(-len(rows) // count)  # rows per slide, rounded up
        bounds, start = [], 0
        while start < len(rows):
            end = min(len(rows), start + per)
            if end < len(rows) and end - 1 in table.group_rows and end - 1 > start:
                end -= 1  # no group heading alone at the bottom
            if header + sum(heights[start:end]) > room:
                return None
            bounds.append((start, end))
            start = end
        if len(bounds) != count:
            return None
        return [self._chunk(table, rows, a, b) for a, b in bounds]

    @staticmethod
    def _chunk(table: Table, rows: list, start: int, end: int) -> Table:
        groups = frozenset(i - start for i in table.group_rows if start <= i < end)
        return replace(table, rows=tuple(rows[start:end]), group_rows=groups)

    @staticmethod
    def _words_fit(table: Table, widths: list[int], size: float) -> bool:
        """Whether no header or cell word would be broken across lines at `size`."""
        if not all(fit.words_fit(c.header, w, size, True) for c, w in zip(table.columns, widths)):
            return False
        return all(fit.words_fit(c.text, w, size, c.bold) for row in table.rows for c, w in zip(row, widths))

    def _table_squeezed(self, table: Table, rect: Rect) -> Table:
        widths = self._widths(table, rect.w)
        size = table.max_size
        while True:
            header, rows, heights = self._row_heights(table, widths, size, rect.h)
            if size <= MIN_TABLE_SIZE or (header + sum(heights) <= rect.h and self._words_fit(table, widths, size)):
                break
            size -= 1
        kept, used = [], header
        for row, h in zip(rows, heights):
            if used + h > rect.h:
                more = len(rows) - len(kept) + 1
                kept = kept[:-1] if kept else kept
                kept.append(tuple([Cell(f"… and {more} more", colour="muted")] +
                                  [Cell("") for _ in table.columns[1:]]))
                break
            kept.append(row)
            used += h
        return replace(table, rows=tuple(kept), size=size)

    # -- slides --------------------------------------------------------------------------
    def _new_slide(self, layout_name: str, name: str):
        """A slide on the layout, its placeholders cloned: by python-pptx for a layout's first slide (one
        look-up after another per placeholder), as a copy of that first slide's shapes after it."""
        layout = self.layouts[layout_name]
        blank = self._blank_shapes.get(layout_name)
        if blank is None:
            slide = self.prs.slides.add_slide(layout)
            self._blank_shapes[layout_name] = copy.deepcopy(slide._element.cSld.spTree)
        else:
            rid, slide = self.prs.part.add_slide(layout)
            tree = slide._element.cSld.spTree
            tree.getparent().replace(tree, copy.deepcopy(blank))
            self.prs.slides._sldIdLst.add_sldId(rid)
        slide._element.cSld.set("name", name)
        return slide

    def _cover(self, spec: Slide, deck: Deck) -> None:
        slide = self._new_slide(TITLE_SLIDE, "title")
        title_ph, sub_ph = None, None
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE):
                title_ph = ph
            elif kind in (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) and sub_ph is None:
                sub_ph = ph
        title_rect = self.titles[TITLE_SLIDE]
        if self.theme.logo is not None:  # our logo in the top right corner, clear of the title
            height = int(Inches(0.7))
            picture = slide.shapes.add_picture(str(self.theme.logo), 0, int(Inches(0.3)), height=Emu(height))
            picture.left = Emu(title_rect.x + title_rect.w - int(picture.width))
            pad = int(Inches(0.08))  # on a white plate, so that a dark logo shows on a dark title band
            plate = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(int(picture.left) - pad), Emu(int(picture.top) - pad),
                                           Emu(int(picture.width) + 2 * pad), Emu(height + 2 * pad))
            plate.name = "Logo plate"
            plate.fill.solid()
            plate.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            plate.line.fill.background()
            plate.shadow.inherit = False
            slide.shapes._spTree.remove(picture._element)
            plate._element.addnext(picture._element)  # the logo drawn over its plate
            picture.name = "Logo"
            picture._element.nvPicPr.cNvPr.set("descr", "Logo")
            title_rect = Rect(title_rect.x, max(title_rect.y, int(Inches(0.3)) + height + int(Inches(0.1))),
                              title_rect.w, title_rect.h)
        if title_ph is not None:
            self._title(title_ph, spec.title, title_rect, COVER_TITLE_SIZES)
        below = title_rect.bottom
        if sub_ph is not None:
            rect = _rect(sub_ph)
            paras = tuple(Para((Run(line),)) for line in spec.subtitle)
            content = self._text_squeezed(Text(paras, max_size=18, min_size=11), rect)
            self._fill(sub_ph._element, content, colour=None)
            below = rect.bottom
        if spec.body:
            top = below + int(Inches(0.3))
            floor = self._footer_top(slide) - int(Inches(0.1))
            width = title_rect.w
            gap = int(Inches(0.4))
            n = len(spec.body)
            col_w = (width - gap * (n - 1)) // n
            rects = [Rect(title_rect.x + i * (col_w + gap), top, col_w, max(floor - top, int(Inches(0.8))))
                     for i in range(n)]
            fitted = [self._text_squeezed(c, r) for c, r in zip(spec.body, rects)]
            common = min(f.max_size for f in fitted)  # the columns side by side read best at one size
            fitted = [self._text_squeezed(replace(c, max_size=common), r) for c, r in zip(spec.body, rects)]
            for i, (content, rect) in enumerate(zip(fitted, rects)):
                box = slide.shapes.add_textbox(Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h))
                box.name = f"Attendees {i + 1}"
                self._fill(box._element, content)
        self._finish(slide, spec, deck)

    def _footer_placeholders(self, layout) -> list[tuple]:
        """The footer and slide number placeholders of `layout`, each with what cloning it needs: its type,
        orientation, size and index (python-pptx's clone_placeholder looks each up on every slide).
        Looked up once per layout."""
        key = id(layout)
        if key not in self._footers:
            self._footers[key] = [(ph, (ph.element.ph_type, ph.element.ph_orient, ph.element.ph_sz,
                                        ph.element.ph_idx))
                                  for ph in layout.placeholders if ph.placeholder_format.type
                                  in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)]
        return self._footers[key]

    def _footer_top(self, slide) -> int:
        tops = [int(ph.top) for ph, _ in self._footer_placeholders(slide.slide_layout)]
        return min(tops) if tops else int(self.prs.slide_height) - int(Inches(0.5))

    def _slide(self, spec: Slide, title: str, body: list[tuple[Content, Rect]], caption: Rect | None, deck: Deck,
               page: int) -> None:
        slide = self._new_slide(spec.layout, spec.item or "slide")
        title_ph, content_phs = self._roles(spec.layout, list(slide.placeholders))
        if title_ph is not None:
            self._title(title_ph, title, self.titles[spec.layout], TITLE_SIZES)
        if caption is not None and spec.caption:
            self._caption(slide, spec.caption + (" (continued)" if page else ""), caption)
        used = set()
        for i, (content, rect) in enumerate(body):
            ph = content_phs[i] if i < len(content_phs) else None
            if isinstance(content, Text) and ph is not None:
                if caption is not None or spec.split:
                    ph.left, ph.top, ph.width, ph.height = Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h)
                self._fill(ph._element, content)
                used.add(id(ph))
            elif isinstance(content, Text):
                box = slide.shapes.add_textbox(Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h))
                self._fill(box._element, content)
            elif isinstance(content, Table):
                self._table(slide, content, rect)
            else:
                self._chart(slide, content, rect)
        for ph in content_phs:  # placeholders left empty would show "Click to add text" when edited
            if id(ph) not in used:
                ph._element.getparent().remove(ph._element)
        self._finish(slide, spec, deck)

    def _finish(self, slide, spec: Slide, deck: Deck) -> None:
        self._footer(slide, deck.footer)
        notes = [n for n in spec.notes if n]
        self._notes_frame(slide).text = "\n".join(_clean_notes(n) for n in notes) or spec.title

    def _notes_frame(self, slide):
        """The text frame of the slide's (new) notes slide. python-pptx makes the first from the notes master
        (placeholders cloned one by one, its part name found by walking every part); the others are copies
        of that blank one, numbered on: the same XML and relationships, without the walk, their notes
        placeholder where the blank one has it."""
        if self._notes is None:
            notes = slide.notes_slide
            frame = notes.notes_text_frame
            number = int(re.search(r"(\d+)\.xml$", notes.part.partname).group(1))
            body = list(notes._element.cSld.spTree).index(notes.notes_placeholder._element)
            self._notes = (copy.deepcopy(notes._element), notes.part.part_related_by(RT.NOTES_MASTER), number + 1,
                           body)
            return frame
        blank, master, number, body = self._notes
        self._notes = (blank, master, number + 1, body)
        part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE,
                              slide.part.package, copy.deepcopy(blank))
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return NotesSlidePlaceholder(part._element.cSld.spTree[body], part.notes_slide.shapes).text_frame

    def _roles(self, layout_name: str, placeholders: list) -> tuple:
        """A new slide's title placeholder (or None) and its content placeholders, left to right and top to
        bottom. Every new slide of a layout holds the same placeholders in the same order (`_new_slide`),
        so which is which is worked out on the layout's first slide (their positions are the layout's:
        each a look-up through the layout's shapes) and taken by position after it."""
        known = self._placeholder_roles.get(layout_name)
        if known is None:
            title, content = None, []
            for i, ph in enumerate(placeholders):
                kind = ph.placeholder_format.type
                if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                    title = i
                elif kind in (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY):
                    content.append(i)
            content.sort(key=lambda i: (int(placeholders[i].left), int(placeholders[i].top)))
            known = self._placeholder_roles[layout_name] = (title, content)
        title, content = known
        return (placeholders[title] if title is not None else None), [placeholders[i] for i in content]

    def _footer(self, slide, footer: str) -> None:
        shapes = slide.shapes
        for _, (kind, orient, size, index) in self._footer_placeholders(slide.slide_layout):
            shape_id = shapes._next_shape_id  # as clone_placeholder: the next id, the placeholder's own name
            sp = shapes._spTree.add_placeholder(shape_id, shapes._next_ph_name(kind, shape_id, orient), kind,
                                                orient, size, index)
            body = sp.find(qn("p:txBody"))
            if body is None:
                body = parse_xml(f"<p:txBody {_NS}><a:bodyPr><a:noAutofit/></a:bodyPr><a:lstStyle/></p:txBody>")
                sp.append(body)
            for p in body.findall(qn("a:p")):
                body.remove(p)
            rpr = (f'<a:rPr lang="en-GB" sz="1000" dirty="0">{_colour_xml(self.colours["muted"])}'
                   f'<a:latin typeface="+mn-lt"/></a:rPr>')
            if kind == PP_PLACEHOLDER.FOOTER:
                body.append(parse_xml(
                    f'<a:p {_NS}><a:pPr algn="l"/><a:r>{rpr}<a:t>{escape(footer)}</a:t></a:r></a:p>'))
            else:
                body.append(parse_xml(
                    f'<a:p {_NS}><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" '
                    f'type="slidenum">{rpr}<a:t>{len(self.prs.slides)}</a:t></a:fld></a:p>'))

    # -- text ----------------------------------------------------------------------------
    def _title(self, ph, title: str, rect: Rect, sizes: tuple[int, ...]) -> None:
        box = fit.Box(rect.w, rect.h)
        paras = (Para((Run(title, bold=True),)),)  # measured bold: the widest a title style can be
        size = fit.best_size(paras, box, sizes[0], sizes[-1], step=2)
        if size is None:
            size = sizes[-1]
            paras = tuple(fit.truncate(paras, box, size))
        written = tuple(Para(tuple(Run(r.text) for r in p.runs)) for p in paras)  # weight and colour: the layout's
        self._fill(ph._element, Text(written, max_size=size, min_size=size), colour=None, keep_anchor=True,
                   bullets=False)

    def _caption(self, slide, caption: str, rect: Rect) -> None:
        box = slide.shapes.add_textbox(Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h))
        box.name = "Caption"
        content = self._text_squeezed(Text((Para((Run(caption, italic=True, colour="muted"),)),), max_size=14,
                                           min_size=10), rect)
        self._fill(box._element, content, anchor="t")

    def _fill(self, sp, content: Text, *, colour: str | None = "text", anchor: str = "t", keep_anchor: bool = False,
              bullets: bool = True) -> None:
        """Replace the paragraphs of shape `sp` with `content` at its fitted size; no autofit."""
        body = sp.find(qn("p:txBody"))
        body_pr = body.find(qn("a:bodyPr"))
        body_pr.set("wrap", "square")
        for side, value in (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720)):
            body_pr.set(side, str(value))
        if not keep_anchor:
            body_pr.set("anchor", anchor)
        for child in list(body_pr):
            if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
                body_pr.remove(child)
        warp = body_pr.find(qn("a:prstTxWarp"))
        body_pr.insert(0 if warp is None else 1, etree.Element(qn("a:noAutofit")))
        for p in body.findall(qn("a:p")):
            body.remove(p)
        size = content.max_size
        xml = "".join(self._para_xml(p, size, i == 0, colour, bullets) for i, p in enumerate(content.paras))
        holder = parse_xml(f"<a:txBody {_NS}>{xml or self._para_xml(Para((Run(''),)), size, True, colour, bullets)}"
                           f"</a:txBody>")
        for p in list(holder):
            body.append(p)

    def _para_xml(self, para: Para, size: float, first: bool, colour: str | None, bullets: bool) -> str:
        s = fit.para_size(para, size)
        before = fit.space_before(para, s, first)
        level = para.level
        margin = int(fit.indent(para) * fit.EMU_PER_PT)
        if level and not para.continued and bullets:
            char = "•" if level == 1 else "–"
            bullet = (f'<a:buClr><a:srgbClr val="{self.colours["secondary"]}"/></a:buClr>'
                      f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>')
            hang = int(fit.BULLET_INDENT_PT * fit.EMU_PER_PT)
        else:
            bullet, hang = "<a:buNone/>", 0
        ppr = (f'<a:pPr marL="{margin}" indent="{-hang}">{_pitch(s)}'
               f'<a:spcBef><a:spcPts val="{int(before * 100)}"/></a:spcBef>{bullet}</a:pPr>')
        runs = []
        for run in para.runs:
            if not run.text:
                continue
            rpr = self._rpr(run, s, colour)
            parts = run.text.split("\n")
            for j, part in enumerate(parts):
                if j:
                    runs.append(f'<a:br>{rpr}</a:br>')
                if part:
                    runs.append(f'<a:r>{rpr}<a:t>{escape(part)}</a:t></a:r>')
        end = f'<a:endParaRPr lang="en-GB" sz="{int(s * 100)}" dirty="0"/>'
        return f"<a:p>{ppr}{''.join(runs)}{end}</a:p>"

    def _rpr(self, run: Run, size: float, colour: str | None) -> str:
        attrs = f'lang="en-GB" sz="{int(round(size * 100))}"'
        if run.bold:
            attrs += ' b="1"'
        if run.italic:
            attrs += ' i="1"'
        hex_colour = self.colours[run.colour] if run.colour else (self.colours[colour] if colour else None)
        return f'<a:rPr {attrs} dirty="0">{_colour_xml(hex_colour)}</a:rPr>'

    # -- tables ----------------------------------------------------------------------------
    def _table(self, slide, table: Table, rect: Rect) -> None:
        """A native table at `rect`: a coloured header row, rows of their measured height, thin rules."""
        widths = self._widths(table, rect.w)
        size = table.size
        rows = [self._row_xml([Cell(col.header, bold=True, fill="primary", colour="white") for col in table.columns],
                              table, widths, group=False)]
        height = fit.row_height([(col.header, True) for col in table.columns], widths, size)
        for i, row in enumerate(table.rows):
            rows.append(self._row_xml(row, table, widths, group=i in table.group_rows))
            height += fit.row_height([(x.text, x.bold) for x in row], widths, size)
        grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
        shape_id = slide.shapes._next_shape_id
        frame = parse_xml(
            f'<p:graphicFrame {_NS}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Table {shape_id}"/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
            f'</p:nvGraphicFramePr><p:xfrm><a:off x="{rect.x}" y="{rect.y}"/><a:ext cx="{rect.w}" cy="{height}"/>'
            '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f'<a:tbl><a:tblPr firstRow="1"/><a:tblGrid>{grid}</a:tblGrid>{"".join(rows)}</a:tbl>'
            '</a:graphicData></a:graphic></p:graphicFrame>')
        slide.shapes._spTree.append(frame)

    def _row_xml(self, row, table: Table, widths: list[int], *, group: bool) -> str:
        """One `a:tr`: its measured height; group headings bold on a light band."""
        size, c = table.size, self.colours
        height = fit.row_height([(x.text, x.bold) for x in row], widths, size)
        border = ('<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR><a:lnT w="0"><a:noFill/></a:lnT>'
                  f'<a:lnB w="9525">{_colour_xml(c["line"])}</a:lnB>')
        cells = []
        for x, col in zip(row, table.columns):
            colour = c[x.colour] if x.colour else (c["primary"] if group else c["text"])
            fill = _colour_xml(c[x.fill]) if x.fill else (_colour_xml(c["light"]) if group else "<a:noFill/>")
            weight = ' b="1"' if x.bold or group else ""
            rpr = f'<a:rPr lang="en-GB" sz="{int(size * 100)}"{weight} dirty="0">{_colour_xml(colour)}</a:rPr>'
            algn = {"left": "l", "right": "r", "center": "ctr"}[col.align]
            paras = "".join(
                f'<a:p><a:pPr algn="{algn}">{_pitch(size)}</a:pPr>'
                + (f"<a:r>{rpr}<a:t>{escape(part)}</a:t></a:r>" if part else "")
                + f'<a:endParaRPr lang="en-GB" sz="{int(size * 100)}" dirty="0"/></a:p>'
                for part in x.text.split("\n"))
            cells.append(f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>"
                         f'<a:tcPr marL="{fit.CELL_MARGIN_X}" marR="{fit.CELL_MARGIN_X}" marT="{fit.CELL_MARGIN_Y}" '
                         f'marB="{fit.CELL_MARGIN_Y}" anchor="t">{border}{fill}</a:tcPr></a:tc>')
        return f'<a:tr h="{height}">{"".join(cells)}</a:tr>'

    # -- charts ----------------------------------------------------------------------------
    def _chart(self, slide, spec: Chart, rect: Rect) -> None:
        data = CategoryChartData(number_format=spec.number_format)
        data.categories = list(spec.categories)
        for series in spec.series:
            data.add_series(series.name, list(series.values), number_format=spec.number_format)
        kind = XL_CHART_TYPE.COLUMN_CLUSTERED if spec.kind == "column" else XL_CHART_TYPE.BAR_CLUSTERED
        frame = slide.shapes.add_chart(kind, Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h), data)
        frame.name = f"Chart: {spec.title}"[:250]
        frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.description or spec.title)
        chart = frame.chart
        accents = self.theme.colours.accents
        colours = [self.colours[s.colour] if s.colour else accents[i % len(accents)] for i, s in enumerate(spec.series)]
        style_chart(chart, self.theme, title=spec.title, x_title=spec.x_title, y_title=spec.y_title,
                    legend=len(spec.series) > 1, font_size=12, number_format=spec.number_format, colours=colours)
        plot = chart.plots[0]
        plot.gap_width = 60 if spec.kind == "bar" else 80
        values = [v for series in spec.series for v in series.values if v is not None]
        if values and min(values) >= 0:
            chart.value_axis.minimum_scale = 0  # bars measured from zero, so their lengths compare
        if spec.kind == "bar":
            chart.category_axis.reverse_order = True  # the first item at the top
        if spec.data_labels:
            plot.has_data_labels = True
            labels = plot.data_labels
            labels.number_format = spec.number_format
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.size = Pt(11)
        for i in reversed([i for i, s in enumerate(spec.series) if s.line]):
            as_line(chart, i, colours[i])


def _pitch(size: float) -> str:
    """The exact line spacing every paragraph gets (see `fit.LINE_PITCH`)."""
    return f'<a:lnSpc><a:spcPts val="{int(round(fit.line_height(size) * 100))}"/></a:lnSpc>'


def _clean_notes(text: str) -> str:
    return text.replace("\v", " ")


def write_deck(deck: Deck, theme: Theme, path: str | Path) -> int:
    """Write `deck` to `path` on `theme`'s reference deck; returns the number of slides."""
    return DeckWriter(theme).write(deck, path)
