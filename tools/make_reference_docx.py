"""Build templates/reference.docx, the built-in Word reference document.

It is python-docx's default template made A4 with 2 cm margins, its styles set
to the default theme (templates/theme.yaml), and the extra styles kapdocs uses
added. Run it after changing the default theme: `python tools/make_reference_docx.py`.
A user's own reference.docx only needs the style names listed in the README.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kapdocs.theme import load_theme  # noqa: E402


def main() -> None:
    theme = load_theme(ROOT / "templates")
    c, f = theme.colours, theme.fonts
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    styles = document.styles

    def font(style, name, size, colour, bold=None, italic=None):
        style.font.name = name
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(colour)
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic

    normal = styles["Normal"]
    font(normal, f.body, 10, c.text)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size, colour, before in ((1, 16, c.primary, 18), (2, 13, c.secondary, 12), (3, 11, c.primary, 10)):
        style = styles[f"Heading {level}"]
        font(style, f.heading, size, colour, bold=True, italic=False)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    font(title, f.heading, 30, c.primary, bold=True)
    ppr = title.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)
    title.paragraph_format.space_after = Pt(12)
    font(styles["Subtitle"], f.heading, 15, c.secondary, italic=False)
    font(styles["Caption"], f.body, 8.5, c.muted, bold=False, italic=True)
    font(styles["TOC Heading"], f.heading, 16, c.primary, bold=True)
    for name in ("Header", "Footer"):
        font(styles[name], f.body, 8, c.muted)
        tabs = styles[name].element.pPr.find(qn("w:tabs"))
        if tabs is not None:  # the template's centre and right tabs assume Letter paper
            tabs.getparent().remove(tabs)

    def add(name, size, colour, italic=False, bold=False, after=6):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        font(style, f.body, size, colour, bold=bold, italic=italic)
        style.paragraph_format.space_after = Pt(after)
        return style

    add("Gap Note", 9.5, c.muted, italic=True)
    add("Table Text", 9, c.text, after=0).paragraph_format.line_spacing = 1.0
    add("Small", 8, c.muted, after=2)
    add("Cover Detail", 11, c.text, after=4)
    add("Callout", 11, c.primary, bold=True, after=8)
    for level, indent in ((1, 0), (2, 0.6), (3, 1.2)):
        toc = add(f"TOC {level}", 10 if level == 1 else 9.5, c.text, bold=level == 1, after=3)
        toc.paragraph_format.left_indent = Cm(indent)
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(17.0), alignment=2, leader=1)
    document.core_properties.title = "kapdocs reference document"
    document.core_properties.author = "kapdocs"
    out = ROOT / "templates" / "reference.docx"
    document.save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
