"""The Jinja2 source of an Office template, for `template check`: (where, source) pairs.

Word: docxtpl's own preprocessing (`patch_xml`: `{%p %}`, `{%tr %}`, tags split across runs
joined) of the body, headers and footers, each line of it mapped back to the paragraph the
user sees. PowerPoint and Excel: the engines' own `template_sources` (their tags live in shapes
and cells).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .errors import snippet

_PARAGRAPH = re.compile(r"<w:p[ >]")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def paragraph_locator(xml: str, part: str = "") -> Callable[[int], str]:
    """A function of a line of `xml` (docxtpl's patched part) giving `paragraph N "its text"`."""
    starts = [0]
    for m in re.finditer("\n", xml):
        starts.append(m.end())
    paragraphs = [m.start() for m in _PARAGRAPH.finditer(xml)]

    def where(line: int) -> str:
        offset = starts[min(max(line, 1), len(starts)) - 1]
        index = sum(1 for p in paragraphs if p <= offset) or 1
        begin = paragraphs[index - 1] if paragraphs else 0
        end = xml.find("</w:p>", begin)
        words = "".join(_TEXT.findall(xml[begin:end if end > 0 else len(xml)]))
        label = f"{part} paragraph {index}" if part else f"paragraph {index}"
        return f"{label} {snippet(_unescape(words))}" if words.strip() else label

    return where


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'") \
        .replace("&amp;", "&")


def docx_sources(path: Path) -> list[tuple[Callable[[int], str], str]]:
    """The body, headers and footers of a Word template as docxtpl would render them."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    template.init_docx()
    found = []
    body = template.patch_xml(template.get_xml())
    found.append((paragraph_locator(body), body))
    for relkey, part in template.docx.part.rels.items():
        reltype = part.reltype
        if reltype.endswith(("/header", "/footer")):
            kind = "header" if reltype.endswith("/header") else "footer"
            xml = template.patch_xml(part.target_part.blob.decode("utf-8"))
            found.append((paragraph_locator(xml, kind), xml))
    return found


def office_sources(kind: str, path: Path) -> list:
    """The (where, source) pairs of an Office template: Word here, PowerPoint and Excel from their engines."""
    if kind == "docx":
        return docx_sources(path)
    from importlib import import_module

    engine = import_module(f".{kind}_engine", __package__)
    sources = getattr(engine, "template_sources", None)
    return sources(path) if sources is not None else []
