"""Build templates/reference.pptx, the built-in PowerPoint reference deck (16:9).

It is python-pptx's default template (4:3) made 13.333 x 7.5 in, its master and
layouts laid out again for the wide page (not just stretched), with the default
theme's colours and fonts (templates/theme.yaml) written into the theme part.

The QBR deck uses the layouts by name: "Title Slide", "Title and Content",
"Two Content" and "Title Only" (see kapdocs/render/qbr_pptx/__init__.py); the
other standard layouts ("Section Header", "Comparison", "Blank"...) are kept,
rescaled, for people who edit the deck. A branded reference.pptx only needs
those four names. Run this after changing the default theme:
`python tools/make_reference_pptx.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kapdocs.render.chartdata import fixed_timestamp  # noqa: E402
from kapdocs.theme import load_theme  # noqa: E402

WIDTH, HEIGHT = 13.333, 7.5
"""Slide size in inches: 16:9."""
WIDTH_EMU = 12192000
"""The exact 16:9 width (13.333... in) PowerPoint uses."""
MARGIN = 0.6
CONTENT_W = WIDTH - 2 * MARGIN
TITLE = (MARGIN, 0.3, CONTENT_W, 0.95)
RULE = (MARGIN, 1.3, CONTENT_W, 0.045)
BODY = (MARGIN, 1.5, CONTENT_W, 5.3)
GUTTER = 0.333
HALF = (CONTENT_W - GUTTER) / 2
FOOTER_Y, FOOTER_H = 6.98, 0.35

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def _emu(inches: float) -> str:
    return str(int(Inches(inches)))


def place(sp, box: tuple[float, float, float, float]) -> None:
    """Give shape element `sp` an explicit position and size, in inches."""
    sp_pr = sp.find(qn("p:spPr"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    x, y, w, h = box
    etree.SubElement(xfrm, qn("a:off"), x=_emu(x), y=_emu(y))
    etree.SubElement(xfrm, qn("a:ext"), cx=_emu(w), cy=_emu(h))


def stretch(tree, ratio: float) -> None:
    """Scale every explicit x position and width in `tree` by `ratio` (4:3 -> 16:9)."""
    for off in tree.iter(qn("a:off")):
        off.set("x", str(int(int(off.get("x")) * ratio)))
    for ext in tree.iter(qn("a:ext")):
        if ext.get("cx") is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * ratio)))


def placeholder(tree, ph_type: str | None = None, idx: str | None = None):
    """The placeholder shape of `ph_type` (or with `idx`) in a master or layout tree."""
    for sp in tree.iter(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None:
            continue
        if ph_type is not None and ph.get("type", "obj") == ph_type:
            return sp
        if idx is not None and ph.get("idx") == idx:
            return sp
    return None


def rectangle(tree, name: str, box, scheme: str, shape_id: int) -> None:
    """A filled rectangle without outline, behind the placeholders of `tree`'s shape tree."""
    x, y, w, h = box
    sp = etree.fromstring(
        f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{_emu(x)}" y="{_emu(y)}"/><a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{scheme}"/></a:solidFill>'
        '<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p>'
        '</p:txBody></p:sp>')
    sp_tree = tree.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    sp_tree.insert(2, sp)  # after nvGrpSpPr and grpSpPr: drawn first, so behind


def text_style(sp, *, size: int | None = None, bold: bool | None = None, colour: str | None = None,
               align: str | None = None, anchor: str | None = None, lum: tuple[int, int] | None = None) -> None:
    """Set a placeholder's own first-level text style (lstStyle) and anchoring."""
    body = sp.find(qn("p:txBody"))
    body_pr = body.find(qn("a:bodyPr"))
    if anchor:
        body_pr.set("anchor", anchor)
    lst = body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"), marL="0", indent="0")
    if align:
        lvl.set("algn", align)
    etree.SubElement(lvl, qn("a:buNone"))
    rpr = etree.SubElement(lvl, qn("a:defRPr"))
    if size:
        rpr.set("sz", str(size * 100))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if colour:
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        clr = etree.SubElement(fill, qn("a:schemeClr"), val=colour)
        if lum:
            etree.SubElement(clr, qn("a:lumMod"), val=str(lum[0]))
            etree.SubElement(clr, qn("a:lumOff"), val=str(lum[1]))


def theme_xml(blob: bytes, theme) -> bytes:
    """The theme part with kapdocs' colour scheme and fonts."""
    c, f = theme.colours, theme.fonts
    root = etree.fromstring(blob)
    root.set("name", theme.name)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", theme.name)
    accents = (c.accents * 3)[:6]
    colours = {"dk1": c.text, "lt1": "FFFFFF", "dk2": c.primary, "lt2": c.light,
               **{f"accent{i + 1}": a for i, a in enumerate(accents)}, "hlink": c.secondary, "folHlink": c.muted}
    for name, value in colours.items():
        slot = scheme.find(f"a:{name}", NS)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=value)
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", theme.name)
    for which, face in (("majorFont", f.heading), ("minorFont", f.body)):
        fonts.find(f"a:{which}/a:latin", NS).set("typeface", face)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def master_styles(master) -> None:
    """Title and body text styles of the master: sizes for 16:9, theme colours, left-aligned titles."""
    styles = master.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    rpr = title.find(qn("a:defRPr"))
    rpr.set("sz", "2800")
    rpr.set("b", "1")
    rpr.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").set("val", "tx2")
    body = styles.find(qn("p:bodyStyle"))
    sizes = [2000, 1800, 1600, 1600, 1600, 1600, 1600, 1600, 1600]
    for level, size in enumerate(sizes, start=1):
        lvl = body.find(qn(f"a:lvl{level}pPr"))
        lvl.set("marL", str(int(Inches(0.25 * level))))
        lvl.set("indent", str(-int(Inches(0.25))))
        lvl.find(qn("a:defRPr")).set("sz", str(size))
        before = lvl.find(f"{qn('a:spcBef')}")
        for child in list(before):
            before.remove(child)
        etree.SubElement(before, qn("a:spcPts"), val="600")


def footers(tree) -> None:
    """Footer, date and slide number along the bottom, small and muted."""
    for ph_type, box, align in (("ftr", (MARGIN, FOOTER_Y, 9.4, FOOTER_H), "l"),
                                ("dt", (10.1, FOOTER_Y, 1.6, FOOTER_H), "r"),
                                ("sldNum", (11.733, FOOTER_Y, 1.0, FOOTER_H), "r")):
        sp = placeholder(tree, ph_type)
        if sp is None:
            continue
        place(sp, box)
        text_style(sp, size=10, colour="tx1", align=align, anchor="ctr", lum=(50000, 50000))


def main() -> None:
    theme = load_theme(ROOT / "templates")
    prs = Presentation()
    ratio = WIDTH_EMU / prs.slide_width
    prs.slide_width, prs.slide_height = Emu(WIDTH_EMU), Emu(int(Inches(HEIGHT)))
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)  # 13.333 x 7.5 in has no named size type: custom

    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part._blob = theme_xml(theme_part.blob, theme)

    m = master._element
    stretch(m, ratio)
    place(placeholder(m, "title"), TITLE)
    text_style_title = placeholder(m, "title").find(qn("p:txBody")).find(qn("a:bodyPr"))
    text_style_title.set("anchor", "b")
    place(placeholder(m, "body"), BODY)
    footers(m)
    master_styles(m)
    rectangle(m, "Title rule", RULE, "accent1", 20)

    for layout in prs.slide_layouts:
        tree = layout._element
        stretch(tree, ratio)
        name = layout.name
        if name == "Title Slide":
            tree.set("showMasterSp", "0")
            rectangle(tree, "Title band", (0, 0, WIDTH, 4.35), "tx2", 20)
            rectangle(tree, "Title band rule", (0, 4.35, WIDTH, 0.06), "accent1", 21)
            title = placeholder(tree, "ctrTitle")
            place(title, (MARGIN, 0.9, CONTENT_W, 2.0))
            text_style(title, size=36, bold=True, colour="bg1", align="l", anchor="b")
            sub = placeholder(tree, "subTitle")
            place(sub, (MARGIN, 3.0, CONTENT_W, 1.2))
            text_style(sub, size=18, colour="bg2", align="l", anchor="t")
        elif name == "Section Header":
            tree.set("showMasterSp", "0")
            rectangle(tree, "Section bar", (0, 0, 0.3, HEIGHT), "tx2", 20)
            title = placeholder(tree, "title")
            place(title, (1.0, 2.0, WIDTH - 1.6, 1.8))
            text_style(title, size=36, bold=True, colour="tx2", align="l", anchor="b")
            body = placeholder(tree, "body")
            place(body, (1.0, 3.95, WIDTH - 1.6, 1.5))
            text_style(body, size=20, colour="tx1", align="l", anchor="t", lum=(65000, 35000))
        elif name in ("Title and Content", "Title Only", "Title and Vertical Text"):
            for sp in tree.iter(qn("p:sp")):
                ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
                if ph is not None and ph.get("type", "obj") in ("title", "obj", "body"):
                    place(sp, TITLE if ph.get("type") == "title" else BODY)
        elif name == "Two Content":
            place(placeholder(tree, "title"), TITLE)
            place(placeholder(tree, idx="1"), (MARGIN, BODY[1], HALF, BODY[3]))
            place(placeholder(tree, idx="2"), (MARGIN + HALF + GUTTER, BODY[1], HALF, BODY[3]))
        elif name == "Comparison":
            place(placeholder(tree, "title"), TITLE)
            place(placeholder(tree, idx="1"), (MARGIN, BODY[1], HALF, 0.6))
            place(placeholder(tree, idx="2"), (MARGIN, BODY[1] + 0.7, HALF, BODY[3] - 0.7))
            place(placeholder(tree, idx="3"), (MARGIN + HALF + GUTTER, BODY[1], HALF, 0.6))
            place(placeholder(tree, idx="4"), (MARGIN + HALF + GUTTER, BODY[1] + 0.7, HALF, BODY[3] - 0.7))
        for ph in ("dt", "ftr", "sldNum"):  # footers inherit the master's positions
            sp = placeholder(tree, ph)
            if sp is not None:
                xfrm = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
                if xfrm is not None:
                    xfrm.getparent().remove(xfrm)

    props = prs.core_properties
    props.title = f"{theme.name} reference deck"
    props.author = props.last_modified_by = "kapdocs"
    props.subject = "Slide layouts and theme for kapdocs QBR decks"
    props.created = props.modified = fixed_timestamp()
    props.revision = 1
    out = ROOT / "templates" / "reference.pptx"
    prs.save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
