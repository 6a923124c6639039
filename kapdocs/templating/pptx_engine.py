"""PowerPoint templates: a user's own .pptx filled from the account view.

python-pptx has no template engine; this is a small one. What a template may hold:

- **Tags in text**: `{{ ... }}`, `{% ... %}` and `{# ... #}` in any text box, placeholder, grouped
  shape, table cell, chart title and the speaker notes. The runs of each paragraph are joined
  first, so a tag that PowerPoint split over several runs (part of it bold, a spell-check mark)
  still works; what a tag prints takes the formatting of the run where the tag starts, and the
  text around tags keeps its own runs.
- **Paragraph loops and conditions**: a paragraph holding nothing but block tags
  (`{% for o in plan.objectives.smart %}`, `{% endfor %}`, `{% if ... %}`, ... or docxtpl's
  `{%p for ... %}`) is not printed; the paragraphs between repeat or disappear. A loop or
  condition starts and ends in the same text box (or table).
- **Table rows**: a row holding `{%tr for x in items %}` ... a later row `{%tr endfor %}`: the
  rows between repeat, once per item, with their formatting; `{%tr if %}` / `{%tr endif %}` keep
  or drop rows. Marker rows (nothing but `{%tr %}` tags) go. A `{%tr %}` tag before a row's text
  or after it (docxtpl users write `{{ x.name }}{%tr endfor %}` in the last cell) is placed before
  or after that row. The table's height follows its rows.
- **Slides**: a line `{% slide for x in items %}` in a slide's speaker notes gives one copy of
  the slide per item, in place, `x` bound on each (and `loop.index`, `loop.length`...);
  `{% slide if expr %}` drops the slide when false. The lines go from the notes; the rest of
  the notes is a template too. Copies share pictures and layouts; each chart is copied with its
  own embedded workbook. A link that jumps to a dropped slide goes with it. Masters and layouts
  are never changed.
- **Charts**: a chart named `chart:<key>` (shape name, alt text or alt title; the key may hold
  tags) gets `ctx.charts[key]` through `chart.replace_data`, keeping its formatting; a value
  None is a gap, and a chart with no data yet shows empty.
- **Pictures**: a picture (or picture placeholder) named `img:<key>` shows `ctx.images[key]`,
  fitted inside its frame.
- **Markdown**: `{{ text | markdown }}` alone in its paragraph becomes native paragraphs: bold
  and italic runs, bullets; elsewhere it prints the plain text.

How: each text box (or table) becomes one Jinja2 template in the sandbox, one line per
paragraph, with markers that say which paragraph and which run each piece of output comes
from; its output is cut at the markers and rebuilt as paragraphs and runs cloned from the
template's. Printed values are cleaned (`text.clean`) and never compiled again, so plan text
holding `{{ 7*7 }}` prints literally and cannot forge a marker.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import XmlPart
from pptx.opc.packuri import PackURI
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.image import Image
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture
from pptx.shapes.placeholder import PicturePlaceholder

from ..reproducible import save_office
from ..render.chartdata import CategoryChartData
from ..render.charts import unsigned_axis_ids
from ..text import clean, parse_markdown, plain
from .core import RenderContext
from .errors import did_you_mean, snippet
from .jinja_errors import RENDER_ERRORS, reason, template_line

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"

# Markers between the template's pieces: \x01 KIND ARG \x02. XML text cannot hold \x01 or \x02, and
# every printed value is cleaned of them, so only the engine writes markers.
_MARK = re.compile("\x01([A-Z])([^\x02]*)\x02")
_OPEN = re.compile(r"\{[{%#]")
_CLOSERS = {"{": "}}", "%": "%}", "#": "#}"}
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\n": " ", "\x0b": " ", "\x03": ""})
_P_TAG = re.compile(r"^\{%([-+]?)\s*p\s+")
_TR_TAG = re.compile(r"^\{%([-+]?)\s*tr\s+")
_SLIDE_FOR = re.compile(r"^\s*\{%-?\s*slide\s+for\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\s+(.+?)\s*-?%\}\s*$",
                        re.DOTALL)
_SLIDE_IF = re.compile(r"^\s*\{%-?\s*slide\s+if\s+(.+?)\s*-?%\}\s*$", re.DOTALL)
_SLIDE_ANY = re.compile(r"^\s*\{%-?\s*slide\b")
_BULLETS = (_A + "buNone", _A + "buAutoNum", _A + "buChar", _A + "buBlip")
_AFTER_BULLET = (_A + "tabLst", _A + "defRPr", _A + "extLst")
_NOT_CATEGORY = ("scatterChart", "bubbleChart", "stockChart", "surfaceChart", "surface3DChart")
MARKDOWN_BULLET_INDENT = 285750
"""EMU of the hanging indent given to a Markdown bullet in a paragraph that has no bullet of its own."""


class RichText(str):
    """What `markdown` gives in a PowerPoint template: prints as the plain text; printed alone in a
    paragraph, becomes native paragraphs (the engine recognises it in `finalize`)."""

    source: str


def markdown(value: Any) -> RichText:
    text = "" if value is None else str(value)
    rich = RichText(plain(text))
    rich.source = text
    return rich


def finalize(value: Any) -> str:
    """Every printed value: Markdown as a marker carrying its source, anything else cleaned of what
    XML cannot hold (which also removes anything that would look like a marker)."""
    if isinstance(value, RichText):
        return "\x01M" + clean(value.source).encode("utf-8").hex() + "\x02"
    return clean(value if isinstance(value, str) else str(value))


# -- paragraphs as template lines --------------------------------------------------------------------------


class _Unclosed(Exception):
    def __init__(self, start: int):
        self.start = start


def _tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each tag in `text`; quoted strings inside a tag may hold its closer."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        found = _OPEN.search(text, pos)
        if found is None:
            return spans
        start = found.start()
        closer = _CLOSERS[text[start + 1]]
        k, quote = start + 2, None
        while k < len(text):
            ch = text[k]
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
            elif text.startswith(closer, k):
                break
            k += 1
        else:
            # an unbalanced quote: try again without quoting rules
            end = text.find(closer, start + 2)
            if end < 0:
                raise _Unclosed(start)
            k = end
        spans.append((start, k + 2))
        pos = k + 2


def _tag_source(tag: str) -> str:
    """A tag as Jinja2 reads it: typographic quotes and non-breaking spaces made plain, `{%p` made `{%`."""
    tag = tag.translate(_QUOTES)
    return _P_TAG.sub(lambda m: "{%" + m.group(1) + " ", tag)


@dataclass
class _Para:
    """One template paragraph: its properties, its children and their joined text."""

    pPr: Any
    end: Any
    units: list[Any]
    kinds: list[str]
    text: str
    owner: list[int]
    spans: list[tuple[int, int]] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)
    """Tags taken out of the paragraph (a table row's `{%tr %}`, placed around the row instead)."""

    @property
    def control(self) -> bool:
        """Only block tags and comments, and nothing else but spaces: the paragraph is not printed."""
        if not self.spans or any(self.text[a + 1] == "{" for a, _ in self.spans):
            return False
        rest, pos = [], 0
        for a, b in self.spans:
            rest.append(self.text[pos:a])
            pos = b
        rest.append(self.text[pos:])
        return not "".join(rest).strip()

    def quote(self) -> str:
        tags = [self.text[a:b] for a, b in self.spans]
        return snippet((tags[0] if len(tags) == 1 else self.text).translate(_QUOTES))


def _read_para(p) -> _Para:
    pPr = end = None
    units: list[Any] = []
    kinds: list[str] = []
    pieces: list[str] = []
    owner: list[int] = []
    for child in p:
        tag = child.tag
        if tag == _A + "pPr":
            pPr = child
            continue
        if tag == _A + "endParaRPr":
            end = child
            continue
        if not isinstance(tag, str):
            continue
        u = len(units)
        units.append(child)
        if tag == _A + "r":
            kinds.append("r")
            t = child.find(_A + "t")
            text = (t.text or "") if t is not None else ""
        elif tag == _A + "br":
            kinds.append("br")
            text = "\n"
        else:  # a field (slide number, date) or anything else: kept whole
            kinds.append("x")
            text = "\x03"
        pieces.append(text)
        owner.extend([u] * len(text))
    return _Para(pPr, end, units, kinds, "".join(pieces), owner)


def _has_tags(body) -> bool:
    return any("{" in (t.text or "") for t in body.iter(_A + "t"))


class _Template:
    """Text bodies (a text box, or the cells of a table) as one Jinja2 template."""

    def __init__(self):
        self.lines: list[str] = []
        self.info: list[tuple[str, str]] = []
        self.paras: list[_Para] = []

    @property
    def source(self) -> str:
        return "\n".join(self.lines)

    def line(self, text: str, suffix: str = "", quote: str = "") -> None:
        self.lines.append(text)
        self.info.append((suffix, quote))

    def add_body(self, body, suffix: str, fail) -> None:
        for p in body.findall(_A + "p"):
            self.add_para(_read_para(p), suffix, fail)

    def add_para(self, para: _Para, suffix: str, fail, spans: list[tuple[int, int]] | None = None) -> None:
        para.spans = _spans(para, suffix, fail) if spans is None else [s for s in spans if s not in para.skip]
        i = len(self.paras)
        self.paras.append(para)
        if para.control:
            self.line("".join(_tag_source(para.text[a:b]) for a, b in para.spans), suffix, para.quote())
            return
        out = [f"\x01P{i}\x02"]
        text, owner, kinds = para.text, para.owner, para.kinds

        def literal(a: int, b: int) -> None:
            k = a
            while k < b:
                u = owner[k]
                j = k
                while j < b and owner[j] == u:
                    j += 1
                if kinds[u] == "r":  # a line break typed inside a run must not shift the template's lines
                    out.append(f"\x01R{i}:{u}\x02" + text[k:j].replace("\n", "\x01N\x02"))
                elif kinds[u] == "br":
                    out.append(f"\x01B{i}:{u}\x02")
                else:
                    out.append(f"\x01X{i}:{u}\x02")
                k = j

        pos = 0
        for a, b in sorted(para.spans + para.skip):
            literal(pos, a)
            if (a, b) not in para.skip:
                u = _style_run(para, a, b)
                out.append(f"\x01R{i}:{'' if u is None else u}\x02{_tag_source(text[a:b])}")
            pos = b
        literal(pos, len(text))
        out.append("\x01E\x02")
        self.line("".join(out), suffix, para.quote() if para.spans else "")


def _spans(para: _Para, suffix: str, fail) -> list[tuple[int, int]]:
    """The tags of `para`; an unclosed one is `fail(suffix, quote, message)` raised."""
    try:
        return _tag_spans(para.text)
    except _Unclosed as exc:
        opener = para.text[exc.start:exc.start + 2]
        raise fail(suffix, snippet(para.text[exc.start:].translate(_QUOTES)),
                   f"this {opener} is not closed by {_CLOSERS[opener[1]]} in its paragraph; a tag must end in "
                   "the paragraph where it starts") from None


def _table_template(rows: list[Any], fail) -> tuple[_Template, dict[tuple[int, int], _Para]]:
    """A table as one template: each row between row and cell markers around its paragraphs, its `{%tr %}`
    tags as block tags before the row (those before its first text) or after it (those after its last);
    a row holding nothing but `{%tr %}` tags is not printed. Also the first paragraph of each cell (to keep
    the formatting of a cell left empty)."""
    template = _Template()
    firsts: dict[tuple[int, int], _Para] = {}
    for r, tr in enumerate(rows):
        cells = []
        order: list[tuple[str, str]] = []  # ("tr", its tag as Jinja2 reads it) or ("text", "") in row order
        for c, tc in enumerate(tr.findall(_A + "tc")):
            body = tc.find(_A + "txBody")
            suffix = f", row {r + 1}, cell {c + 1}"
            paras = []
            for p in body.findall(_A + "p") if body is not None else []:
                para = _read_para(p)
                spans = _spans(para, suffix, fail)
                pos = 0
                for a, b in spans:
                    if para.text[pos:a].strip():
                        order.append(("text", ""))
                    tag = _tag_source(para.text[a:b])
                    if _TR_TAG.match(tag):
                        para.skip.append((a, b))
                        order.append(("tr", _TR_TAG.sub(lambda m: "{%" + m.group(1) + " ", tag)))
                    else:
                        order.append(("text", ""))
                    pos = b
                if para.text[pos:].strip():
                    order.append(("text", ""))
                paras.append((para, spans))
            cells.append((suffix, paras))
        texts = [n for n, (kind, _) in enumerate(order) if kind == "text"]
        tags = [(n, tag) for n, (kind, tag) in enumerate(order) if kind == "tr"]
        quote = snippet(tags[0][1]) if tags else ""
        if tags and not texts:  # a marker row
            for _, tag in tags:
                template.line(tag, f", row {r + 1}", snippet(tag))
            continue
        if any(texts[0] < n < texts[-1] for n, _ in tags):
            raise fail(f", row {r + 1}", quote, "a {%tr %} tag goes in a row of its own, or at the start or the end "
                                                "of its row's text")
        for n, tag in tags:
            if n < texts[0]:
                template.line(tag, f", row {r + 1}", snippet(tag))
        template.line(f"\x01W{r}\x02", f", row {r + 1}")
        for c, (suffix, paras) in enumerate(cells):
            template.line(f"\x01C{c}\x02", suffix)
            for k, (para, spans) in enumerate(paras):
                if k == 0:
                    firsts[(r, c)] = para
                template.add_para(para, suffix, fail, spans)
        for n, tag in tags:
            if n > texts[-1]:
                template.line(tag, f", row {r + 1}", snippet(tag))
    return template, firsts


def _key_template(key: str) -> _Template:
    """The key of a `chart:` or `img:` name as a one-line template."""
    source, pos = [], 0
    for a, b in _tag_spans(key):
        source += [key[pos:a], _tag_source(key[a:b])]
        pos = b
    source.append(key[pos:])
    template = _Template()
    template.line("".join(source), "", snippet(key))
    return template


def _style_run(para: _Para, a: int, b: int) -> int | None:
    """The run whose formatting a tag's output takes: the run where the tag starts."""
    kinds, owner = para.kinds, para.owner
    for k in range(a, b):
        if kinds[owner[k]] == "r":
            return owner[k]
    for k in range(a - 1, -1, -1):
        if kinds[owner[k]] == "r":
            return owner[k]
    for k in range(b, len(owner)):
        if kinds[owner[k]] == "r":
            return owner[k]
    return None


# -- output back into paragraphs --------------------------------------------------------------------------


def _ref(arg: str) -> tuple[int, int | None]:
    i, _, u = arg.partition(":")
    return int(i), (int(u) if u else None)


class _Output:
    """A rendered template cut at its markers: paragraphs per (row, cell); rows in output order."""

    def __init__(self, paras: list[_Para]):
        self.paras = paras
        self.body: list[Any] = []
        self.rows: list[tuple[int, dict[int, list[Any]]]] = []

    def parse(self, output: str) -> _Output:
        target = self.body
        para: _Para | None = None
        segs: list[tuple] = []
        run: tuple[int, int | None] | None = None
        pos = 0
        for m in _MARK.finditer(output):
            if para is not None and m.start() > pos:
                segs.append(("t", run, output[pos:m.start()]))
            kind, arg = m.group(1), m.group(2)
            pos = m.end()
            if kind == "P":
                para, segs, run = self.paras[int(arg)], [], None
            elif kind == "E":
                if para is not None:
                    target.extend(_build(para, segs, self.paras))
                para = None
            elif kind == "W":
                self.rows.append((int(arg), {}))
                target = []
            elif kind == "C":
                if self.rows:
                    target = self.rows[-1][1].setdefault(int(arg), [])
            elif para is None:
                continue
            elif kind == "R":
                run = _ref(arg)
            elif kind == "N":
                segs.append(("t", run, "\n"))
            elif kind == "B":
                segs.append(("br", _ref(arg)))
            elif kind == "X":
                segs.append(("x", _ref(arg)))
            elif kind == "M":
                segs.append(("md", run, bytes.fromhex(arg).decode("utf-8")))
        return self


def _unit(paras: list[_Para], ref: tuple[int, int | None] | None):
    if ref is None or ref[1] is None or ref[0] >= len(paras):
        return None
    units = paras[ref[0]].units
    return units[ref[1]] if ref[1] < len(units) else None


def _new_run(template, text: str):
    r = OxmlElement("a:r")
    rPr = template.find(_A + "rPr") if template is not None else None
    if rPr is not None:
        r.append(copy.deepcopy(rPr))
    t = OxmlElement("a:t")
    t.text = text
    r.append(t)
    return r


def _new_br(template):
    br = OxmlElement("a:br")
    rPr = template.find(_A + "rPr") if template is not None else None
    if rPr is not None:
        br.append(copy.deepcopy(rPr))
    return br


def _new_para(para: _Para):
    p = OxmlElement("a:p")
    if para.pPr is not None:
        p.append(copy.deepcopy(para.pPr))
    return p


def _close_para(p, para: _Para):
    if para.end is not None:
        p.append(copy.deepcopy(para.end))
    return p


def _build(para: _Para, segs: list[tuple], paras: list[_Para]) -> list[Any]:
    """The paragraphs one template paragraph rendered to: one, or one per Markdown block."""
    shown = [s for s in segs if not (s[0] == "t" and not s[2].strip())]
    if len(shown) == 1 and shown[0][0] == "md":
        return _markdown_paras(para, _unit(paras, shown[0][1]), shown[0][2])
    p = _new_para(para)
    pending: list[tuple[Any, str]] = []  # (template run, text), merged while the run is the same

    def flush() -> None:
        for template, text in pending:
            lines = text.split("\n")
            for n, line in enumerate(lines):
                if n:
                    p.append(_new_br(template))
                if line:
                    p.append(_new_run(template, line))
        pending.clear()

    for seg in segs:
        if seg[0] in ("t", "md"):
            template = _unit(paras, seg[1])
            text = seg[2] if seg[0] == "t" else plain(seg[2])
            if pending and pending[-1][0] is template:
                pending[-1] = (template, pending[-1][1] + text)
            else:
                pending.append((template, text))
        else:
            flush()
            element = _unit(paras, seg[1])
            if element is not None:
                p.append(copy.deepcopy(element))
    flush()
    return [_close_para(p, para)]


def _markdown_paras(para: _Para, template, source: str) -> list[Any]:
    out = []
    for block in parse_markdown(source):
        p = _new_para(para)
        pPr = p.find(_A + "pPr")
        if pPr is None:
            pPr = OxmlElement("a:pPr")
            p.insert(0, pPr)
        _set_bullet(pPr, block.bullet)
        for span in block.spans:
            text = clean(span.text)
            if not text:
                continue
            r = _new_run(template, text)
            if span.bold or span.italic:
                rPr = r.find(_A + "rPr")
                if rPr is None:
                    rPr = OxmlElement("a:rPr")
                    r.insert(0, rPr)
                if span.bold:
                    rPr.set("b", "1")
                if span.italic:
                    rPr.set("i", "1")
            p.append(r)
        out.append(_close_para(p, para))
    return out


def _set_bullet(pPr, bullet: bool) -> None:
    """A Markdown bullet gets a bullet (its paragraph's own, else a round one with a hanging indent); any
    other block none."""
    own = [c for c in pPr if c.tag in _BULLETS]
    has_bullet = any(c.tag != _A + "buNone" for c in own)
    if bullet and has_bullet:
        return
    for c in own:
        pPr.remove(c)
    if bullet:
        mark = OxmlElement("a:buChar")
        mark.set("char", "\u2022")
        if pPr.get("marL") is None:
            pPr.set("marL", str(MARKDOWN_BULLET_INDENT))
            pPr.set("indent", str(-MARKDOWN_BULLET_INDENT))
    else:
        mark = OxmlElement("a:buNone")
        if has_bullet or pPr.get("marL") is None:
            pPr.set("marL", "0")
            pPr.set("indent", "0")
    for n, child in enumerate(pPr):
        if child.tag in _AFTER_BULLET:
            pPr.insert(n, mark)
            return
    pPr.append(mark)


def _replace_paragraphs(body, paragraphs: list[Any], first: _Para | None) -> None:
    for p in body.findall(_A + "p"):
        body.remove(p)
    if not paragraphs:  # a text body holds at least one paragraph
        p = OxmlElement("a:p")
        if first is not None:
            if first.pPr is not None:
                p.append(copy.deepcopy(first.pPr))
            if first.end is not None:
                p.append(copy.deepcopy(first.end))
        paragraphs = [p]
    body.extend(paragraphs)


# -- the engine -------------------------------------------------------------------------------------------


@dataclass
class _Directives:
    target: tuple[str, ...] | None = None
    items: str | None = None
    condition: str | None = None
    for_line: str = ""
    if_line: str = ""


def _directives(slide, fail=None) -> _Directives:
    """The `{% slide for %}` / `{% slide if %}` lines of `slide`'s notes, taken out of them. A malformed one is
    `fail(text, message)` raised; without `fail` (template check) it stays in the notes, where Jinja2 reports it."""
    found = _Directives()
    if not slide.has_notes_slide:
        return found
    for shape in _walk(slide.notes_slide.shapes):
        body = shape._element.find(_P + "txBody")
        if body is None:
            continue
        for p in body.findall(_A + "p"):
            text = "".join(t.text or "" for t in p.iter(_A + "t")).translate(_QUOTES)
            if not _SLIDE_ANY.match(text):
                continue
            loop, cond = _SLIDE_FOR.match(text), _SLIDE_IF.match(text)
            problem = None
            if loop and found.items is not None:
                problem = "a slide has at most one {% slide for %} line"
            elif cond and found.condition is not None:
                problem = "a slide has at most one {% slide if %} line; join the conditions with 'and'"
            elif not loop and not cond:
                problem = "a slide line is {% slide for x in items %} or {% slide if condition %}, alone on its line"
            if problem:
                if fail is not None:
                    raise fail(text, problem)
                continue
            if loop:
                found.target = tuple(n.strip() for n in loop.group(1).split(","))
                found.items, found.for_line = loop.group(2), text
            else:
                found.condition, found.if_line = cond.group(1), text
            body.remove(p)
        if body.find(_A + "p") is None:
            body.append(OxmlElement("a:p"))
    return found


class _Engine:
    def __init__(self, prs, ctx: RenderContext):
        self.prs = prs
        self.ctx = ctx
        self.data = ctx.data
        self.env = ctx.environment(markdown=markdown)
        own = self.env.finalize  # the environment's own (None prints nothing), then ours
        self.env.finalize = finalize if own is None or hasattr(own, "jinja_pass_arg") else \
            (lambda value: finalize(own(value)))
        self.compiled: dict[str, Any] = {}
        self.expressions: dict[str, Any] = {}
        self.package = prs.part.package
        self.names = {str(p.partname) for p in self.package.iter_parts()}
        self.counters: dict[str, int] = {}
        self.sld_ids = prs.part._element.get_or_add_sldIdLst()
        self.next_id = max([int(s.get("id")) for s in self.sld_ids] + [255]) + 1
        self.expansion: dict[str, list[str]] = {}
        self.deleted: set[Any] = set()

    # -- errors

    def fail_at(self, where: str, quote: str, message: str):
        return self.ctx.fail(f"{where} {quote}".strip(), message)

    def error(self, exc: BaseException, template: _Template | None, where: str, quote: str = ""):
        message = reason(exc)
        if template is not None:
            line = template_line(exc)
            if "end of template" in message:  # point at the block left open, not at the end
                line = _unclosed_line(template.lines) or line
            if line and line <= len(template.info):
                suffix, quote = template.info[line - 1]
                where += suffix
        return self.fail_at(where, quote, message + _hint(message))

    # -- rendering text

    def compile(self, source: str):
        found = self.compiled.get(source)
        if found is None:
            found = self.compiled[source] = self.env.from_string(source)
        return found

    def render_template(self, template: _Template, scope: dict, where: str) -> str:
        try:
            return self.compile(template.source).render(scope)
        except RENDER_ERRORS as exc:
            raise self.error(exc, template, where) from None

    def failer(self, where: str):
        def fail(suffix: str, quote: str, message: str):
            return self.fail_at(where + suffix, quote, message)
        return fail

    def render_body(self, body, scope: dict, where: str) -> None:
        if body is None or not _has_tags(body):
            return
        template = _Template()
        template.add_body(body, "", self.failer(where))
        if not any(p.spans for p in template.paras):
            return
        out = _Output(template.paras).parse(self.render_template(template, scope, where))
        _replace_paragraphs(body, out.body, template.paras[0] if template.paras else None)

    def render_table(self, frame, tbl, scope: dict, where: str) -> None:
        rows = tbl.findall(_A + "tr")
        if not any(_has_tags(tc) for tr in rows for tc in tr.findall(_A + "tc")):
            return
        template, firsts = _table_template(rows, self.failer(where))
        out = _Output(template.paras).parse(self.render_template(template, scope, where))
        for tr in rows:
            tbl.remove(tr)
        for r, cells in out.rows:
            tr = copy.deepcopy(rows[r])
            for c, tc in enumerate(tr.findall(_A + "tc")):
                body = tc.find(_A + "txBody")
                if body is None:
                    continue
                _replace_paragraphs(body, cells.get(c, []), firsts.get((r, c)))
            tbl.append(tr)
        height = sum(int(tr.get("h", "0")) for tr in tbl.findall(_A + "tr"))
        ext = frame.find(f"{_P}xfrm/{_A}ext")
        if ext is not None and height:
            ext.set("cy", str(height))

    def render_key(self, key: str, scope: dict, where: str) -> str:
        """The key of a `chart:` or `img:` name, its tags rendered."""
        if "{" not in key:
            return key.strip()
        try:
            template = _key_template(key)
        except _Unclosed:
            raise self.fail_at(where, snippet(key), "a tag in this name is not closed") from None
        return _MARK.sub("", self.render_template(template, scope, where)).strip()

    # -- shapes

    def render_slide(self, slide, scope: dict, number: int) -> None:
        base = f"slide {number}"
        for shape in list(_walk(slide.shapes)):
            where = f'{base}, shape "{shape.name}"'
            if isinstance(shape, GraphicFrame):
                if shape.has_chart:
                    self.render_chart(shape, scope, where)
                elif shape.has_table:
                    self.render_table(shape._element, shape._element.find(f".//{_A}tbl"), scope, where)
                continue
            key = _tagged(shape, "img:")
            if key is not None and isinstance(shape, (Picture, PicturePlaceholder)):
                self.render_picture(slide, shape, self.render_key(key, scope, where), where)
                continue
            if key is not None:
                raise self.fail_at(where, "", f"'img:{key}' names a shape that is not a picture; insert a picture "
                                              "(or a picture placeholder) and name it img:<key>")
            if shape.has_text_frame:
                self.render_body(shape._element.find(_P + "txBody"), scope, where)
        if slide.has_notes_slide:
            notes = slide.notes_slide
            for shape in _walk(notes.shapes):
                if shape.has_text_frame:
                    self.render_body(shape._element.find(_P + "txBody"), scope, f"{base}, notes")

    def render_chart(self, shape, scope: dict, where: str) -> None:
        chart = shape.chart
        unsigned_axis_ids(chart)  # python-pptx's own charts carry negative axis ids, which Office's validator refuses
        for rich in chart._chartSpace.iter(_C + "rich"):
            self.render_body(rich, scope, where + ", chart text")
        key = _tagged(shape, "chart:")
        if key is None:
            return
        key = self.render_key(key, scope, where)
        charts = self.ctx.charts
        if key not in charts:
            raise self.fail_at(where, "", f"no chart '{key}'{did_you_mean(key, charts) or _known('charts', charts)}")
        plot = chart._chartSpace.find(f"{_C}chart/{_C}plotArea")
        kinds = {etree.QName(el).localname for el in (plot if plot is not None else [])}
        if kinds & set(_NOT_CATEGORY):
            raise self.fail_at(where, "", f"chart:{key} needs a category chart (column, bar, line, area, pie, "
                                          "doughnut or radar); this one is an XY, bubble, stock or surface chart")
        spec = charts[key]
        data = CategoryChartData(number_format=spec.get("number_format") or "General")
        categories = [clean("" if c is None else str(c)) for c in spec.get("categories", [])]
        # no data yet (a first draft): one blank category, every value a gap, so the chart shows empty
        data.categories = categories or [""]
        for series in spec.get("series", []):
            points = list(series.get("values", [])) if categories else [None]
            data.add_series(clean(str(series.get("name", ""))), points)
        try:
            chart.replace_data(data)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise self.fail_at(where, "", f"the chart's data could not be replaced with '{key}': {exc}") from None

    def render_picture(self, slide, shape, key: str, where: str) -> None:
        images = self.ctx.images
        if key not in images:
            known = did_you_mean(key, images) or _known("pictures", images)
            raise self.fail_at(where, "", f"no picture '{key}'{known}")
        path = str(images[key])
        try:
            size = Image.from_file(path).size
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            if isinstance(shape, PicturePlaceholder):
                shape = shape.insert_picture(path)
                pic = shape._element
            else:
                pic = shape._element
                _, rId = slide.part.get_or_add_image_part(path)
                blip = pic.find(f"{_P}blipFill/{_A}blip")
                old = blip.get(_R + "embed")
                blip.set(_R + "embed", rId)
                if old and old != rId and not _referenced(slide.part._element, old):
                    slide.part.rels.pop(old)
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise self.fail_at(where, "", f"picture '{key}' could not be placed: {exc}") from None
        fill = pic.find(_P + "blipFill")
        if fill is not None:
            for crop in fill.findall(_A + "srcRect"):
                fill.remove(crop)
        if width and height and size[0] and size[1]:
            scale = min(width / size[0], height / size[1])
            w, h = int(size[0] * scale), int(size[1] * scale)
            shape.left, shape.top = left + (width - w) // 2, top + (height - h) // 2
            shape.width, shape.height = w, h

    # -- slides

    def directives(self, slide, number: int) -> _Directives:
        return _directives(slide, lambda text, message: self.fail_at(f"slide {number}, notes", snippet(text), message))

    def evaluate(self, expression: str, scope: dict, where: str, line: str) -> Any:
        try:
            fn = self.expressions.get(expression)
            if fn is None:
                fn = self.expressions[expression] = self.env.compile_expression(expression, undefined_to_none=False)
            return fn(scope)
        except RENDER_ERRORS as exc:
            raise self.fail_at(where, snippet(line), reason(exc) + _hint(reason(exc))) from None

    def items(self, found: _Directives, number: int) -> list[Any]:
        where = f"slide {number}, notes"
        value = self.evaluate(found.items, self.data, where, found.for_line)
        try:
            items = list(value.keys() if isinstance(value, Mapping) else value)
        except RENDER_ERRORS as exc:
            raise self.fail_at(where, snippet(found.for_line), reason(exc)) from None
        if len(found.target) > 1:
            for item in items:
                try:
                    ok = len(item) == len(found.target) and not isinstance(item, (str, Mapping))
                except TypeError:
                    ok = False
                if not ok:
                    raise self.fail_at(where, snippet(found.for_line),
                                       f"each item must unpack into {', '.join(found.target)}")
        return items

    def run(self) -> None:
        slides = list(self.prs.slides)
        for number, slide in enumerate(slides, 1):
            found = self.directives(slide, number)
            sld_id = self.sld_id(slide)
            original = sld_id.get("id")
            if found.items is None:
                copies, items = [slide], [None]
            else:
                items = self.items(found, number)
                copies = [slide] if items else []
                anchor = sld_id
                for _ in items[1:]:
                    clone, anchor = self.clone(slide, anchor)
                    copies.append(clone)
                if not items:
                    self.delete(slide)
            kept: list[str] = []
            for k, (copy_, item) in enumerate(zip(copies, items)):
                scope = dict(self.data)
                if found.items is not None:
                    values = (item,) if len(found.target) == 1 else tuple(item)
                    scope.update(zip(found.target, values))
                    scope["loop"] = {"index": k + 1, "index0": k, "first": k == 0, "last": k == len(items) - 1,
                                     "length": len(items), "revindex": len(items) - k,
                                     "revindex0": len(items) - k - 1}
                if found.condition is not None and not self.truth(found, scope, number):
                    self.delete(copy_)
                    continue
                self.render_slide(copy_, scope, number)
                kept.append(self.sld_id(copy_).get("id"))
            self.expansion[original] = kept
        self.fix_sections()
        self.unlink_deleted()

    def truth(self, found: _Directives, scope: dict, number: int) -> bool:
        value = self.evaluate(found.condition, scope, f"slide {number}, notes", found.if_line)
        try:
            return bool(value)
        except RENDER_ERRORS as exc:
            raise self.fail_at(f"slide {number}, notes", snippet(found.if_line), reason(exc)) from None

    # -- the package

    def sld_id(self, slide):
        part = slide.part
        for sld in self.sld_ids:
            if self.prs.part.related_part(sld.get(_R + "id")) is part:
                return sld
        raise KeyError("slide not in the presentation")

    def partname(self, template: str) -> PackURI:
        n = self.counters.get(template, 0)
        while True:
            n += 1
            name = template % n
            if name not in self.names:
                self.names.add(name)
                self.counters[template] = n
                return PackURI(name)

    def clone(self, slide, anchor):
        """A copy of `slide` after `anchor` (a p:sldId), with its own notes and charts: (slide, its sldId)."""
        source = slide.part
        part = SlidePart(self.partname("/ppt/slides/slide%d.xml"), source.content_type, self.package,
                         copy.deepcopy(source._element))
        rId = self.prs.part.relate_to(part, RT.SLIDE)
        sld = OxmlElement("p:sldId")
        sld.set("id", str(self.next_id))
        sld.set(_R + "id", rId)
        self.next_id += 1
        anchor.addnext(sld)
        mapping: dict[str, str] = {}
        for old, rel in source.rels.items():
            if rel.reltype in (RT.NOTES_SLIDE, RT.COMMENTS):
                continue
            if rel.is_external:
                mapping[old] = part.relate_to(rel.target_ref, rel.reltype, is_external=True)
            elif rel.reltype == RT.CHART:
                mapping[old] = part.relate_to(self.clone_part(rel.target_part), rel.reltype)
            else:
                mapping[old] = part.relate_to(rel.target_part, rel.reltype)
        _remap(part._element, mapping)
        for creation in part._element.iter(_P14 + "creationId"):  # PowerPoint's own id of a slide: one per copy
            creation.set("val", str(zlib.crc32(str(part.partname).encode("utf-8"))))
        if source.has_notes_slide:
            notes_source = source.part_related_by(RT.NOTES_SLIDE)
            notes = NotesSlidePart(self.partname("/ppt/notesSlides/notesSlide%d.xml"), notes_source.content_type,
                                   self.package, copy.deepcopy(notes_source._element))
            notes_map: dict[str, str] = {}
            for old, rel in notes_source.rels.items():
                if rel.is_external:
                    notes_map[old] = notes.relate_to(rel.target_ref, rel.reltype, is_external=True)
                elif rel.reltype == RT.SLIDE:
                    notes_map[old] = notes.relate_to(part, RT.SLIDE)
                else:
                    notes_map[old] = notes.relate_to(rel.target_part, rel.reltype)
            _remap(notes._element, notes_map)
            part.relate_to(notes, RT.NOTES_SLIDE)
        return part.slide, sld

    def clone_part(self, source, depth: int = 0):
        """A copy of `source` (a chart) and of the parts it owns (its workbook, style, colours), under new names."""
        template = re.sub(r"(\d*)(\.[A-Za-z0-9]+)$", r"%d\2", str(source.partname).replace("%", ""))
        name = self.partname(template)
        if isinstance(source, XmlPart):
            part = type(source)(name, source.content_type, self.package, copy.deepcopy(source._element))
        else:
            part = type(source)(name, source.content_type, self.package, source.blob)
        mapping: dict[str, str] = {}
        for old, rel in source.rels.items():
            if rel.is_external:
                mapping[old] = part.relate_to(rel.target_ref, rel.reltype, is_external=True)
            elif rel.reltype == RT.IMAGE or depth >= 2:
                mapping[old] = part.relate_to(rel.target_part, rel.reltype)
            else:
                mapping[old] = part.relate_to(self.clone_part(rel.target_part, depth + 1), rel.reltype)
        if isinstance(part, XmlPart):
            _remap(part._element, mapping)
        return part

    def delete(self, slide) -> None:
        sld = self.sld_id(slide)
        rId = sld.get(_R + "id")
        presentation = self.prs.part._element
        for ref in presentation.findall(f"{_P}custShowLst/{_P}custShow/{_P}sldLst/{_P}sld"):
            if ref.get(_R + "id") == rId:
                ref.getparent().remove(ref)
        self.sld_ids.remove(sld)
        self.prs.part.drop_rel(rId)
        self.deleted.add(slide.part)

    def unlink_deleted(self) -> None:
        """Links to a dropped slide (a click that jumps to it) are removed, so that it is not kept as an orphan."""
        if not self.deleted:
            return
        for sld in self.sld_ids:
            part = self.prs.part.related_part(sld.get(_R + "id"))
            for rId, rel in list(part.rels.items()):
                if rel.is_external or rel.target_part not in self.deleted:
                    continue
                for el in list(part._element.iter(etree.Element)):
                    for name, value in list(el.attrib.items()):
                        if name.startswith(_R) and value == rId:
                            if etree.QName(el).localname.startswith("hlink") and el.getparent() is not None:
                                el.getparent().remove(el)
                            else:
                                del el.attrib[name]
                part.rels.pop(rId)

    def fix_sections(self) -> None:
        """Sections (PowerPoint 2010) list slides by id: copies join their original's section, dropped slides go."""
        presentation = self.prs.part._element
        for section in presentation.iter(_P14 + "sldIdLst"):
            for ref in list(section):
                original = ref.get("id")
                ids = self.expansion.get(original)
                if ids is None:
                    continue
                for new in reversed(ids):
                    if new != original:
                        ref.addnext(etree.SubElement(section, _P14 + "sldId", id=new))
                if original not in ids:
                    section.remove(ref)


_BLOCK = re.compile(r"\{%[-+]?\s*(\w+)([^%]*)")
_OPENS = {"for", "if", "with", "macro", "call", "filter", "block", "raw", "autoescape", "set"}


def _unclosed_line(lines: list[str]) -> int | None:
    """The line (1-based) of the innermost block tag that is never closed, if any."""
    stack: list[tuple[str, int]] = []
    for n, line in enumerate(lines, 1):
        for m in _BLOCK.finditer(line):
            word = m.group(1)
            if word in _OPENS and not (word == "set" and "=" in m.group(2)):
                stack.append((word, n))
            elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
                stack.pop()
    return stack[-1][1] if stack else None


def _known(what: str, names) -> str:
    names = sorted(names)
    if not names:
        return f"; this view has no {what}"
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"; the {what} are: {shown}"


def _hint(message: str) -> str:
    if "unknown tag 'tr'" in message:
        return " ({%tr ... %} belongs at the start of a table row's first cell, the row holding nothing else)"
    if "unknown tag 'slide'" in message:
        return " ({% slide for %} and {% slide if %} belong in the slide's speaker notes, each alone on its line)"
    if "end of template" in message:
        return (" (a loop or condition starts and ends in the same text box or table: "
                "{%p endfor %} / {%p endif %} in a paragraph of its own, or {%tr endfor %} in a table row)")
    return ""


def _walk(shapes):
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _walk(shape.shapes)
        else:
            yield shape


def _tagged(shape, prefix: str) -> str | None:
    """The key after `prefix` in the shape's name, alt text or alt title; None when none starts with it."""
    nv = shape._element[0]
    cnv = nv[0] if len(nv) else None
    if cnv is None:
        return None
    for attribute in ("name", "descr", "title"):
        value = (cnv.get(attribute) or "").strip()
        if attribute == "descr":
            value = value.split("\n", 1)[0].strip()
        if value[:len(prefix)].lower() == prefix:
            return value[len(prefix):].strip()
    return None


def _remap(element, mapping: dict[str, str]) -> None:
    """Relationship ids in `element` renamed by `mapping` (a copied part's own ids)."""
    if not mapping:
        return
    for el in element.iter(etree.Element):
        for name, value in el.attrib.items():
            if name.startswith(_R) and value in mapping:
                el.set(name, mapping[value])


def _referenced(element, rId: str) -> bool:
    return any(name.startswith(_R) and value == rId
               for el in element.iter(etree.Element) for name, value in el.attrib.items())


def template_sources(path: Path) -> list[tuple[Any, str]]:
    """(where, Jinja2 source) of every tagged text box, table, chart or picture name and slide line, for
    `kapdocs template check`. The sources are those the engine renders, each wrapped in its slide's
    `{% slide for %}` loop and `{% slide if %}` condition so that the loop's names are known; `where` gives
    the location of a line (`slide 3, shape "Title 1" "{{ o.txt }}"`)."""
    prs = Presentation(str(path))
    found: list[tuple[Any, str]] = []
    for number, slide in enumerate(prs.slides, 1):
        found.extend(_slide_sources(slide, f"slide {number}"))
    return found


def _slide_sources(slide, base: str) -> list[tuple[Any, str]]:
    found: list[tuple[Any, str]] = []
    lines = _directives(slide)
    head = tail = ""
    if lines.items is not None:
        head, tail = f"{{% for {', '.join(lines.target)} in {lines.items} %}}", "{% endfor %}"
        found.append((f"{base}, notes {snippet(lines.for_line)}", head + tail))
    if lines.condition is not None:
        condition = f"{{% if {lines.condition} %}}"
        found.append((f"{base}, notes {snippet(lines.if_line)}", f"{head}{condition}{{% endif %}}{tail}"))
        head, tail = head + condition, "{% endif %}" + tail
    pieces: list[tuple[str, Any]] = []  # (where, what makes its template)
    for shape in _walk(slide.shapes):
        where = f'{base}, shape "{shape.name}"'
        for prefix in ("chart:", "img:"):
            key = _tagged(shape, prefix)
            if key and "{" in key:
                pieces.append((where, key))
        if isinstance(shape, GraphicFrame):
            if shape.has_table:
                pieces.append((where, shape._element.find(f".//{_A}tbl")))
            elif shape.has_chart:
                pieces.extend((where + ", chart text", rich) for rich in shape.chart._chartSpace.iter(_C + "rich"))
        elif shape.has_text_frame:
            pieces.append((where, shape._element.find(_P + "txBody")))
    if slide.has_notes_slide:
        notes = slide.notes_slide.shapes
        pieces.extend((f"{base}, notes", shape._element.find(_P + "txBody")) for shape in _walk(notes))
    for where, what in pieces:
        if what is None or (not isinstance(what, str) and not _has_tags(what)):
            continue
        try:
            if isinstance(what, str):
                template = _key_template(what)
            elif what.tag == _A + "tbl":
                template = _table_template(what.findall(_A + "tr"), _raise_unclosed)[0]
            else:
                template = _Template()
                template.add_body(what, "", _raise_unclosed)
        except _Unclosed as exc:  # Jinja2 reports it: "unexpected end of template"
            found.append((f"{where}{getattr(exc, 'where', '')}", "{{"))
            continue
        found.append((_locator(where, template), head + template.source + tail))
    return found


def _raise_unclosed(suffix: str, quote: str, message: str) -> _Unclosed:
    exc = _Unclosed(0)
    exc.where = f"{suffix} {quote}"
    return exc


def _locator(base: str, template: _Template):
    def where(line: int) -> str:
        if 1 <= line <= len(template.info):
            suffix, quote = template.info[line - 1]
            return f"{base}{suffix} {quote}".strip()
        return base
    return where


def render(source: Path, ctx: RenderContext) -> bytes:
    """`source` (a .pptx checked by `safety.check_package`) rendered with `ctx`, as .pptx bytes."""
    try:
        prs = Presentation(str(source))
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise ctx.fail("", f"python-pptx cannot read it as a presentation: {exc}") from None
    _Engine(prs, ctx).run()
    out = io.BytesIO()
    save_office(prs, out)
    return out.getvalue()


__all__ = ["RichText", "finalize", "markdown", "render", "template_sources"]
