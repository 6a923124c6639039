"""Word templates: a .docx written in Word, filled from the account view with docxtpl.

What a template may use (docxtpl's syntax, in the sandbox of `environment`):

- `{{ plan.account.name }}` anywhere in the text, also when Word splits the tag across runs
  (formatting part of it, spell-checking); headers and footers too; the document's title,
  subject and comments properties.
- `{%p for g in plan.customer_strategy.goals %}` ... `{%p endfor %}`: the paragraphs between
  repeat (`{%p if %}` drops them); `{%tr %}` repeats or drops table rows, `{%tc %}` cells,
  `{%r %}` runs.
- `{{ images.logo }}`: the theme's logo, 1.5 cm high (absent when the theme has none, so
  `{% if images.logo is defined %}` guards it).
- `{{ text | markdown }}`: plan text in kapdocs' Markdown subset as rich text: bold and italic
  runs. `{{p text | markdown }}` (the tag alone in its paragraph) makes real paragraphs, in the
  paragraph's own formatting, bullets in the List Bullet style; `{{r text | markdown }}` and
  `{{ text | markdown }}` make runs in the current paragraph, bullets on lines of their own
  after a bullet character. Links print as "text (address)": plan text never becomes a link.
- A chart placed with Insert > Chart whose alt text (description or title) or name is
  `chart:<key>` gets the data of `charts[key]` (see `charts`): its series, categories and the
  workbook behind it are rewritten, its formatting kept (a series added beyond the template's
  copies the last one's); its title, typed or Word's automatic one, takes the data's title (a
  chart without a title stays without). The same chart repeated by a loop with other keys
  (`chart:performance.{{ s.id }}`) gets a copy of its own for each.

Values are escaped and characters XML cannot hold are removed; plan text is never compiled
(`{{ 7*7 }}` in a plan field prints as typed). An error names the paragraph it is in, counted
over the body's paragraphs (those in tables included) from 1, and quotes it:
`paragraph 12 "Dear {{ contact.nmae }}": no field 'nmae' here (did you mean 'name'?)`; in a
header or footer it says `header` or `footer`.

How errors are located: docxtpl renders the whole body as one Jinja2 template. Only when that
fails is the body rendered a second time with a Jinja comment before every paragraph, row and
cell naming the paragraph; the comment last seen before the failing line names the paragraph.
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from ..reproducible import save_office
from ..text import clean, parse_markdown
from .core import RenderContext
from .errors import did_you_mean, snippet
from .jinja_errors import RENDER_ERRORS, reason, template_line

LOGO_HEIGHT_CM = 1.5
"""The height of `images.*` pictures in a Word template."""
CHART_PREFIX = "chart:"
ERRORS = (*RENDER_ERRORS, jinja2.TemplateError)
"""What rendering may raise because of the template."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _TR, _TC, _PPR, _RPR = (qn(t) for t in ("w:p", "w:r", "w:t", "w:tr", "w:tc", "w:pPr", "w:rPr"))
_DOCPR = qn("wp:docPr")
_C_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_P_TAG = re.compile(r"\{(?:<[^>]*>)*\{(?:<[^>]*>)*p(?:<[^>]*>)*\s")
"""A `{{p ...}}` tag in a part's XML, perhaps split across runs."""
_P_TAG_TEXT = re.compile(r"\{\{p\s")
_NEW_PARAGRAPH = re.compile(r"<w:p([ >])")
_TAGS = re.compile(r"<[^>]+>")
_TEXT_ELEMENTS = ("w:instrText", "w:delText", "w:delInstrText")
"""Elements whose text a Markdown value may land in without runs of its own: it prints plain there."""


def render(source: Path, ctx: RenderContext) -> bytes:
    """The Word document `source` renders to."""
    rich = _Rich()
    env = ctx.environment(autoescape=True, markdown=rich.markdown)
    env.finalize = _finalize
    template = _Template(str(source), rich)
    context = _context(ctx, template)
    try:
        template.render(context, jinja_env=env, autoescape=True)
    except ERRORS as exc:
        raise _located(source, ctx, template, env, exc) from None
    except etree.XMLSyntaxError as exc:
        raise ctx.fail(_part_name(template), f"the template makes invalid Word XML here: {exc}") from None
    _fill_charts(template, source, ctx)
    out = io.BytesIO()
    template.pre_processing()
    save_office(template.docx, out)  # reproducible as written
    template.post_processing(out)
    return out.getvalue()


def _finalize(value: Any) -> Any:
    """Every printed value: None prints nothing; text loses the characters XML cannot hold."""
    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return clean(value)
    return value


def _context(ctx: RenderContext, template: DocxTemplate) -> dict[str, Any]:
    """`ctx.data` with `images` as pictures docxtpl places."""
    data = dict(ctx.data)
    data["images"] = {key: InlineImage(template, str(path), height=Cm(LOGO_HEIGHT_CM))
                      for key, path in ctx.images.items()}
    return data


class _Template(DocxTemplate):
    """docxtpl's template, which remembers the part it renders (to locate errors) and lays out plan Markdown."""

    def __init__(self, source: str, rich: _Rich, *, locate: bool = False):
        super().__init__(source)
        self.rich = rich
        self.locate = locate
        """Name each paragraph in a Jinja comment before it (to find where an error is)."""
        self.rendering: tuple[Any, str | None] | None = None

    def get_xml(self) -> str:
        body = self.docx._element.body
        xml = self.xml_to_string(body)
        if self.locate:
            _number_paragraphs(body)
        if _P_TAG.search(xml):
            self.rich.mark_paragraphs(body)
        if self.locate or "\ue002" in self.rich.used:
            xml = self.xml_to_string(body)
        return xml

    def get_part_xml(self, part) -> str:
        xml = super().get_part_xml(part)
        if _P_TAG.search(xml):
            tree = etree.fromstring(xml.encode("utf-8"))
            self.rich.mark_paragraphs(tree)
            xml = self.xml_to_string(tree)
        return xml

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        self.rendering = (part, src_xml)
        return self.rich.resolve(super().render_xml_part(src_xml, part, context, jinja_env), self)

    def render_properties(self, context, jinja_env=None) -> None:
        """The title, subject, comments... rendered as text: not XML, so not escaped (autoescape off)."""
        self.rendering = ("properties", None)
        escaping = jinja_env.autoescape if jinja_env is not None else False
        try:
            if jinja_env is not None:
                jinja_env.autoescape = False
            super().render_properties(context, jinja_env)
        finally:
            if jinja_env is not None:
                jinja_env.autoescape = escaping
        if self.rich.used:
            props = self.docx.core_properties
            for name in ("author", "comments", "identifier", "language", "subject", "title"):
                value = getattr(props, name)
                if value and ("\ue000" in value or "\ue002" in value):
                    setattr(props, name, self.rich.plain(value))

    def render_footnotes(self, context, jinja_env=None) -> None:
        self.rendering = ("footnotes", None)
        super().render_footnotes(context, jinja_env)


# -- plan Markdown as Word runs and paragraphs ---------------------------------------------------------

class _Rich:
    """The `markdown` filter for one render, and the pass that turns its output into Word XML.

    The filter prints a token, unforgeable by plan text (a random key per render); once a part is
    rendered, each token is replaced according to where it landed: between paragraphs (`{{p }}`) real
    paragraphs; between runs (`{{r }}`) runs; inside a run's text (`{{ }}`) the run split in two around
    new runs. A `{{p }}` paragraph is marked before rendering, so that its value, Markdown or plain,
    becomes paragraphs in that paragraph's own formatting (docxtpl drops the paragraph around the tag).
    """

    def __init__(self):
        key = secrets.token_hex(6)
        self.token = re.compile(f"\ue000{key}:(\\d+)\ue001")
        self.mark = re.compile(f"\ue002{key}:(\\d+)\ue003([^<\ue002]*)")
        self._key = key
        self.values: list[str] = []
        self.paragraphs: list[tuple[str, str]] = []
        """(pPr, rPr) of each `{{p }}` paragraph marked."""
        self.used = ""
        """The token kinds printed so far: \\ue000 (Markdown), \\ue002 (a `{{p }}` mark)."""
        self._bullet_style: str | None | bool = False

    def markdown(self, value: Any) -> Any:
        from markupsafe import Markup

        if value is None or value == "":
            return Markup("")
        self.values.append(str(value))
        if "\ue000" not in self.used:
            self.used += "\ue000"
        return Markup(f"\ue000{self._key}:{len(self.values) - 1}\ue001")

    def mark_paragraphs(self, root) -> None:
        """Mark each paragraph holding a `{{p }}` tag, with its formatting."""
        for p in root.iter(_P):
            texts = [t.text or "" for t in p.iter(_T)]
            if not _P_TAG_TEXT.search("".join(texts)):
                continue
            ppr = p.find(_PPR)
            rpr = None
            for r in p.iter(_R):
                if "{" in "".join(t.text or "" for t in r.iter(_T)):
                    rpr = r.find(_RPR)
                    break
            self.paragraphs.append((_xml(ppr), _xml(rpr)))
            _prepend_text(p, f"\ue002{self._key}:{len(self.paragraphs) - 1}\ue003")
            if "\ue002" not in self.used:
                self.used += "\ue002"

    def blocks(self, index: int):
        text = clean(self.values[index])
        return parse_markdown(_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text))

    def plain(self, text: str) -> str:
        """`text` with every token as the plain text of its value (for document properties)."""
        text = self.mark.sub(lambda m: m.group(2), text)
        return self.token.sub(lambda m: " ".join(("• " if b.bullet else "") + b.text
                                                 for b in self.blocks(int(m.group(1)))), text)

    # -- the pass after rendering -------------------------------------------------------------
    def resolve(self, xml: str, template: DocxTemplate) -> str:
        if not self.used or ("\ue000" not in xml and "\ue002" not in xml):
            return xml
        if "\ue002" in xml:
            xml = self.mark.sub(lambda m: self._marked(m, template, xml), xml)
        if "\ue000" in xml:
            xml = self.token.sub(lambda m: self._in_place(xml, m), xml)
        return xml

    def _marked(self, m: re.Match, template: DocxTemplate, xml: str) -> str:
        """A `{{p }}` value: paragraphs in the marked paragraph's formatting. A section break the paragraph
        carried stays on the last of them; a table cell left without a paragraph keeps an empty one."""
        ppr, rpr = self.paragraphs[int(m.group(1))]
        section = _SECTION.search(ppr)
        if section:
            ppr = ppr[:section.start()] + ppr[section.end():]
        out: list[str] = []
        pos = 0
        segment = m.group(2)
        for t in self.token.finditer(segment):
            out.append(self._plain_paragraph(segment[pos:t.start()], ppr, rpr))
            out.extend(self._paragraph(block, ppr, rpr, template) for block in self.blocks(int(t.group(1))))
            pos = t.end()
        out.append(self._plain_paragraph(segment[pos:], ppr, rpr))
        out = [p for p in out if p]
        if not out and (section or _alone_in_cell(xml, m.start(), m.end())):
            out = [f"<w:p>{ppr}</w:p>"]
        if section:
            last = out[-1]
            at = last.find("</w:pPr>")
            out[-1] = (last[:at] + section.group(0) + last[at:]) if at >= 0 else \
                last.replace("<w:p>", f"<w:p><w:pPr>{section.group(0)}</w:pPr>", 1)
        return "".join(out)

    @staticmethod
    def _plain_paragraph(text: str, ppr: str, rpr: str) -> str:
        if not text.strip():
            return ""
        return f"<w:p>{ppr}{_text_run(text, rpr)}</w:p>"

    def _paragraph(self, block, ppr: str, rpr: str, template: DocxTemplate) -> str:
        runs = "".join(_run(span.text, rpr, span.bold, span.italic) for span in block.spans)
        if block.bullet:
            style = self._bullet(template)
            if style:
                ppr = _with_style(ppr, style)
            else:
                runs = _run("• ", rpr, False, False) + runs
        return f"<w:p>{ppr}{runs}</w:p>"

    def _bullet(self, template: DocxTemplate) -> str | None:
        """The id of the List Bullet paragraph style, when the document has one."""
        if self._bullet_style is False:
            found = template.docx.styles.element.xpath(
                'w:style[@w:type="paragraph"][w:name/@w:val="List Bullet"]/@w:styleId')
            self._bullet_style = found[0] if found else None
        return self._bullet_style  # type: ignore[return-value]

    def _in_place(self, xml: str, m: re.Match) -> str:
        """A Markdown value outside a `{{p }}` paragraph: runs, or plain text where runs cannot go."""
        blocks = self.blocks(int(m.group(1)))
        at = m.start()
        lt = xml.rfind("<", 0, at)
        gt = xml.find(">", lt) if lt >= 0 else -1
        if lt >= 0 and (gt < 0 or gt > at):  # inside a tag: an attribute value
            return escape(" ".join(b.text for b in blocks), {'"': "&quot;"})
        tag = xml[lt:gt + 1] if lt >= 0 else ""
        name = re.match(r"<([\w:]+)", tag)
        name = name.group(1) if name and not tag.endswith("/>") else ""
        if name in _TEXT_ELEMENTS:
            return escape(" ".join(("• " if b.bullet else "") + b.text for b in blocks))
        if name == "w:t":  # inside a run's text: close it, add runs, reopen it
            rpr = _run_properties(xml, lt)
            return f"</w:t></w:r>{self._runs(blocks, rpr)}<w:r>{rpr}<w:t xml:space=\"preserve\">"
        if _inside_paragraph(xml, at):  # between runs ({{r }})
            rpr = _run_properties(xml, lt) if tag == "</w:r>" else ""
            return self._runs(blocks, rpr)
        return "".join(f"<w:p>{_run_list(block, '')}</w:p>" for block in blocks)  # between paragraphs

    @staticmethod
    def _runs(blocks, rpr: str) -> str:
        out: list[str] = []
        previous = None
        for block in blocks:
            if previous is not None:
                breaks = 1 if block.bullet else 2
                out.append(f"<w:r>{rpr}" + "<w:br/>" * breaks + "</w:r>")
            out.append(_run_list(block, rpr))
            previous = block
        return "".join(out)


_SECTION = re.compile(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", re.DOTALL)


def _alone_in_cell(xml: str, start: int, end: int) -> bool:
    """Whether `xml[start:end]` is all a table cell holds (a cell needs a paragraph)."""
    before = xml[:start].rstrip()
    return xml[end:].lstrip().startswith("</w:tc>") and (
        before.endswith("</w:tcPr>") or re.search(r"<w:tc(?:\s[^>]*)?>$", before[-200:]) is not None)


def _run_list(block, rpr: str) -> str:
    runs = "".join(_run(s.text, rpr, s.bold, s.italic) for s in block.spans)
    return (_run("• ", rpr, False, False) + runs) if block.bullet else runs


def _run(text: str, rpr: str, bold: bool, italic: bool) -> str:
    if bold or italic:
        rpr = _with_emphasis(rpr, bold, italic)
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _text_run(escaped: str, rpr: str) -> str:
    """Escaped text as one run; line breaks and tabs as Word's."""
    escaped = escaped.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    escaped = escaped.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escaped}</w:t></w:r>'


_RPR_OPEN = re.compile(r"<w:rPr(?:\s[^>]*)?(/?)>")
_LEAD = re.compile(r"(?:<w:rStyle\b[^>]*/>|<w:rFonts\b[^>]*/>)*")


def _with_emphasis(rpr: str, bold: bool, italic: bool) -> str:
    """Run properties `rpr` (`<w:rPr>...</w:rPr>` or '') with bold and/or italic on, in schema order."""
    opened = _RPR_OPEN.match(rpr)
    inner = "" if not opened or opened.group(1) else rpr[opened.end():-len("</w:rPr>")]
    if bold:
        inner = re.sub(r"<w:b(?=[\s/>])[^>]*/>", "", inner)
    if italic:
        inner = re.sub(r"<w:i(?=[\s/>])[^>]*/>", "", inner)
    lead = _LEAD.match(inner).end()
    head, rest = inner[:lead], inner[lead:]
    b = re.match(r"<w:b(?=[\s/>])[^>]*/>", rest)
    existing_b = b.group(0) if b else ""
    rest = rest[len(existing_b):]
    bcs = re.match(r"<w:bCs\b[^>]*/>", rest)
    existing_bcs = bcs.group(0) if bcs else ""
    rest = rest[len(existing_bcs):]
    return ("<w:rPr>" + head + ("<w:b/>" if bold else existing_b) + existing_bcs + ("<w:i/>" if italic else "")
            + rest + "</w:rPr>")


def _with_style(ppr: str, style: str) -> str:
    inner = ""
    opened = re.match(r"<w:pPr(?:\s[^>]*)?(/?)>", ppr)
    if opened and not opened.group(1):
        inner = ppr[opened.end():-len("</w:pPr>")]
    inner = re.sub(r"<w:pStyle\b[^>]*/>", "", inner)
    inner = re.sub(r"<w:numPr>.*?</w:numPr>", "", inner)
    inner = re.sub(r"<w:ind\b[^>]*/>", "", inner)
    return f'<w:pPr><w:pStyle w:val="{style}"/>{inner}</w:pPr>'


def _run_properties(xml: str, before: int) -> str:
    """The `<w:rPr>` of the run open (or just closed) at `before`."""
    start = max(xml.rfind("<w:r>", 0, before), xml.rfind("<w:r ", 0, before))
    if start < 0:
        return ""
    found = re.compile(r"<w:rPr(?:\s[^>]*)?/>|<w:rPr(?:\s[^>]*)?>.*?</w:rPr>", re.DOTALL).search(xml, start, before)
    return found.group(0) if found else ""


def _inside_paragraph(xml: str, at: int) -> bool:
    opened = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    return opened > xml.rfind("</w:p>", 0, at)


def _xml(element) -> str:
    """`element` as XML text without namespace declarations ('' for None)."""
    if element is None:
        return ""
    text = etree.tostring(element, encoding="unicode")
    return re.sub(r'\s+xmlns:\w+="[^"]*"', "", text, count=0) if " xmlns:" in text else text


def _prepend_text(element, text: str) -> None:
    """`text` into the XML just before `element` (its previous sibling's tail or its parent's text)."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


# -- where an error is ----------------------------------------------------------------------------------

_NUMBER = re.compile(r"\{#kp:(\d+)")


def _number_paragraphs(body) -> None:
    """A Jinja comment naming the paragraph (1-based, tables included) before each paragraph, and before
    each row and cell (naming the paragraph of its `{%tr %}` or `{%tc %}` tag, else its first)."""
    paragraphs = list(body.iter(_P))
    numbers = {id(p): n for n, p in enumerate(paragraphs, start=1)}
    for element in list(body.iter(_P, _TR, _TC)):
        if element.tag == _P:
            number = numbers[id(element)]
        else:
            inner = list(element.iter(_P))
            if not inner:
                continue
            kind = "tr" if element.tag == _TR else "tc"
            tagged = [p for p in inner if re.search(r"\{[%{#]" + kind + r"\s", _text(p))]
            number = numbers[id((tagged or inner)[0])]
        _prepend_text(element, f"{{#kp:{number}\n#}}")


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_T))


def _jinja_source(src_xml: str) -> str:
    """The source docxtpl gives Jinja2 for a patched part (a line per paragraph)."""
    return _NEW_PARAGRAPH.sub(r"\n<w:p\1", src_xml)


def _error_line(env, source: str, exc: BaseException) -> int | None:
    """The line `exc` is at; for a block left open, the line of its opening tag."""
    line = template_line(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError) and "Unexpected end of template" in str(exc.message):
        opened = _open_block(env, source)
        if opened:
            return opened
    return line


def _open_block(env, source: str) -> int | None:
    """The line of the innermost block tag never closed."""
    stack: list[tuple[str, int]] = []
    expect_name = False
    try:
        for lineno, kind, value in env.lex(source):
            if kind == "block_begin":
                expect_name = True
                continue
            if expect_name and kind == "name":
                if value in ("for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw"):
                    stack.append((value, lineno))
                elif value.startswith("end") and stack:
                    stack.pop()
            if kind != "whitespace":
                expect_name = False
    except jinja2.TemplateSyntaxError:
        return None
    return stack[-1][1] if stack else None


def _part_name(template: _Template) -> str:
    """What an error outside the body names: header, footer, footnotes, document properties."""
    if template.rendering is None:
        return ""
    part = template.rendering[0]
    if part == "properties":
        return "document properties"
    if part == "footnotes" or "footnotes" in str(getattr(part, "partname", "")):
        return "footnotes"
    partname = str(getattr(part, "partname", ""))
    for what in ("header", "footer"):
        if what in partname:
            return what
    return ""


def _located(source: Path, ctx: RenderContext, template: _Template, env, exc: BaseException):
    """The TemplateError for `exc`: the paragraph it is in and why."""
    message = reason(exc)
    rendering = template.rendering
    body_part = template.docx.part if template.docx is not None else None
    if rendering is None or rendering[0] is not body_part:
        where = _part_name(template)
        if rendering is not None and rendering[1] is not None:
            lines = _jinja_source(rendering[1]).split("\n")
            line = _error_line(env, "\n".join(lines), exc)
            if line and 0 < line <= len(lines):
                quoted = _TAGS.sub("", lines[line - 1])
                where = f"{where} {snippet(quoted)}" if quoted.strip() else where
        return ctx.fail(where, message)
    return ctx.fail(_body_location(source, ctx, env, exc), message)


def _body_location(source: Path, ctx: RenderContext, env, first: BaseException) -> str:
    """`paragraph N "..."` for an error in the body, found by rendering it again with numbered paragraphs."""
    again = _Template(str(source), _Rich(), locate=True)
    again.render_init()
    texts = [_text(p) for p in again.docx._element.body.iter(_P)]
    context = _context(ctx, again)
    exc: BaseException = first
    try:
        again.build_xml(context, env)
    except ERRORS as found:
        exc = found
    if again.rendering is None or again.rendering[1] is None:
        return ""
    source_text = _jinja_source(again.rendering[1])
    line = _error_line(env, source_text, exc)
    if not line:
        return ""
    start = 0
    for _ in range(line - 1):
        start = source_text.find("\n", start) + 1
    numbers = _NUMBER.findall(source_text, 0, start)
    if not numbers:
        return ""
    number = int(numbers[-1])
    return f"paragraph {number} {snippet(texts[number - 1])}" if texts[number - 1].strip() \
        else f"paragraph {number}"


# -- native charts -----------------------------------------------------------------------------------------

_TYPE_NAMES = {"XY_SCATTER": "scatter", "BUBBLE": "bubble"}


def _chart_name(docpr) -> str | None:
    for attr in ("descr", "title", "name"):
        value = (docpr.get(attr) or "").strip()
        if value.lower().startswith(CHART_PREFIX):
            return value
    return None


def _fill_charts(template: _Template, source: Path, ctx: RenderContext) -> None:
    """Charts named `chart:<key>` filled from `ctx.charts[key]`, in the body, headers and footers."""
    doc = template.docx
    places = [(doc.part, doc.element.body)]
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            element = getattr(rel.target_part, "_element", None)
            if element is not None:
                places.append((rel.target_part, element))
    filled: dict[int, str] = {}
    for part, root in places:
        for docpr in root.iter(_DOCPR):
            name = _chart_name(docpr)
            if name is None:
                continue
            chart_ref = next(docpr.getparent().iter(_C_CHART), None)
            if chart_ref is None or chart_ref.get(_R_ID) not in part.rels:
                continue
            key = name[len(CHART_PREFIX):].strip()
            if key not in ctx.charts:
                raise ctx.fail(_chart_location(source, name),
                               f"no chart '{key}'{did_you_mean(key, ctx.charts)}; the charts are "
                               + ", ".join(sorted(ctx.charts)))
            chart_part = part.rels[chart_ref.get(_R_ID)].target_part
            done = filled.get(id(chart_part))
            if done == key:
                continue
            if done is not None:  # the same chart twice (a loop) with other data: a copy of its own
                chart_part = _copy_chart(part, chart_part)
                chart_ref.set(_R_ID, part.relate_to(chart_part, RT.CHART))
            _fill_chart(chart_part, ctx.charts[key], ctx, source, name)
            filled[id(chart_part)] = key


def _chart_location(source: Path, name: str) -> str:
    """Where the chart `name` is in the template: `paragraph N`, else the name."""
    import docx

    body = docx.Document(str(source)).element.body
    for number, p in enumerate(body.iter(_P), start=1):
        for docpr in p.iter(_DOCPR):
            if _chart_name(docpr) == name:
                return f'paragraph {number} (chart "{name}")'
    return f'chart "{name}"'


def _copy_chart(owner, chart_part):
    """A copy of `chart_part` and its workbook, for a second drawing of it that shows other data."""
    from docx.opc.part import Part

    package = owner.package
    partname = package.next_partname("/word/charts/chart%d.xml")
    copy = Part(partname, chart_part.content_type, chart_part.blob, package)
    for rel in chart_part.rels.values():
        if rel.is_external:
            continue
        target = rel.target_part
        if target.content_type == _XLSX_CT:
            target = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"),
                          _XLSX_CT, target.blob, package)
        copy.rels.add_relationship(rel.reltype, target, rel.rId)
    return copy


def _fill_chart(chart_part, data: dict, ctx: RenderContext, source: Path, name: str) -> None:
    from pptx.chart.chart import Chart
    from pptx.chart.xmlwriter import SeriesXmlRewriterFactory
    from pptx.oxml import parse_xml as parse_chart

    from ..render.chartdata import CategoryChartData
    from ..render.charts import unsigned_axis_ids

    element = getattr(chart_part, "_element", None)
    chart_space = parse_chart(chart_part.blob if element is None else etree.tostring(element))
    chart = Chart(chart_space, None)
    try:
        chart_type = chart.chart_type
    except (NotImplementedError, ValueError, KeyError, IndexError, AttributeError):  # stock, surface...
        raise ctx.fail(_chart_location(source, name), "this kind of chart cannot be filled; use a column, bar, "
                                                      "line, area, pie, doughnut or radar chart") from None
    kind = next((v for k, v in _TYPE_NAMES.items() if chart_type.name.startswith(k)), None)
    if kind:
        raise ctx.fail(_chart_location(source, name), f"a {kind} chart cannot show categories; use a column, bar, line, area, pie, "
                              "doughnut or radar chart")
    if not list(chart_space.plotArea.sers):
        raise ctx.fail(_chart_location(source, name), "the chart has no series to take its formatting from; give it one")
    categories = [clean(str(c)) for c in data["categories"]]
    series = [(clean(str(s["name"])), list(s["values"])) for s in data["series"]]
    if not categories:  # nothing recorded yet: an empty chart
        categories = [""]
        series = [(n, [None]) for n, _ in series]
    chart_data = CategoryChartData(number_format=data.get("number_format") or "General")
    chart_data.categories = categories
    for series_name, values in series:
        chart_data.add_series(series_name, [_number(v) for v in values])
    SeriesXmlRewriterFactory(chart_type, chart_data).replace_series_data(chart_space)
    _unique_series_ids(chart_space)
    unsigned_axis_ids(chart)
    if data.get("title"):
        _set_title(chart_space, clean(str(data["title"])))
    _set_workbook(chart_part, chart_space, chart_data.xlsx_blob)
    xml = etree.tostring(chart_space, encoding="UTF-8", xml_declaration=True, standalone=True)
    if element is not None:
        from docx.oxml import parse_xml

        chart_part._element = parse_xml(xml)
    else:
        chart_part._blob = xml


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _set_workbook(chart_part, chart_space, blob: bytes) -> None:
    """The chart's embedded workbook replaced by `blob` (added when the chart has none)."""
    from docx.opc.part import Part

    rid = chart_space.xlsx_part_rId
    if rid is not None and rid in chart_part.rels and not chart_part.rels[rid].is_external:
        target = chart_part.rels[rid].target_part
        if target.content_type == _XLSX_CT:
            target._blob = blob
            return
    package = chart_part.package
    workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"), _XLSX_CT, blob,
                    package)
    new_rid = chart_part.relate_to(workbook, RT.PACKAGE)
    external = chart_space.externalData
    if external is None:
        external = chart_space._add_externalData()
    external.rId = new_rid


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C16 = "http://schemas.microsoft.com/office/drawing/2014/chart"


def _unique_series_ids(chart_space) -> None:
    """Series copied from the last one carry its Office series id: give the copies ids of their own."""
    seen: set[str] = set()
    for n, unique in enumerate(chart_space.iter(f"{{{_C16}}}uniqueId")):
        value = unique.get("val")
        if value in seen:
            value = f"{{{0x6B640000 + n:08X}-0000-4000-8000-{n:012X}}}"
            unique.set("val", value)
        seen.add(value)


def _set_title(chart_space, title: str) -> None:
    """A chart title that shows text (typed, or Word's "Chart Title") takes `title`, in its own formatting."""
    chart = chart_space.find(f"{{{_C}}}chart")
    if chart is None:
        return
    element = chart.find(f"{{{_C}}}title")
    if element is None:
        return
    tx = element.find(f"{{{_C}}}tx")
    if tx is not None and tx.find(f"{{{_C}}}rich") is None:
        return  # a title taken from a cell: leave it
    if tx is None:  # Word's automatic title: give it text, formatted as the title's text properties
        tx = etree.SubElement(element, f"{{{_C}}}tx")
        element.remove(tx)
        element.insert(0, tx)
        rich = etree.SubElement(tx, f"{{{_C}}}rich")
        txpr = element.find(f"{{{_C}}}txPr")
        body = txpr.find(f"{{{_A}}}bodyPr") if txpr is not None else None
        rich.append(_copy(body) if body is not None else etree.Element(f"{{{_A}}}bodyPr"))
        etree.SubElement(rich, f"{{{_A}}}lstStyle")
        paragraph = etree.SubElement(rich, f"{{{_A}}}p")
        ppr = txpr.find(f"{{{_A}}}p/{{{_A}}}pPr") if txpr is not None else None
        if ppr is not None:
            paragraph.append(_copy(ppr))
        etree.SubElement(etree.SubElement(paragraph, f"{{{_A}}}r"), f"{{{_A}}}t")
    rich = tx.find(f"{{{_C}}}rich")
    paragraphs = rich.findall(f"{{{_A}}}p")
    first = paragraphs[0]
    for extra in paragraphs[1:]:
        rich.remove(extra)
    runs = first.findall(f"{{{_A}}}r")
    if not runs:
        run = etree.Element(f"{{{_A}}}r")
        etree.SubElement(run, f"{{{_A}}}t")
        end = first.find(f"{{{_A}}}endParaRPr")
        if end is not None:
            end.addprevious(run)
        else:
            first.append(run)
        runs = [run]
    for extra in first.findall(f"{{{_A}}}fld") + runs[1:] + first.findall(f"{{{_A}}}br"):
        first.remove(extra)
    runs[0].find(f"{{{_A}}}t").text = title


def _copy(element):
    from copy import deepcopy

    return deepcopy(element)


__all__ = ["CHART_PREFIX", "LOGO_HEIGHT_CM", "render"]
