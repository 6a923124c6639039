"""Build kapdocs/render/qbr_pptx/font_metrics.json: advance widths of Liberation Sans.

The QBR deck fits text by measuring it (`kapdocs.render.qbr_pptx.fit`). The theme
font is Arial, which LibreOffice replaces with the metric-compatible Liberation
Sans, so the advance widths of Liberation Sans Regular and Bold are the widths
both programs lay the text out with. This script reads them straight from the
font files' `hmtx` and `cmap` tables (no font library needed) and writes a small
JSON file that is committed, so that kapdocs needs no font file at run time.

Run it at development time only: `python tools/make_font_metrics.py [FONT_DIR]`.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kapdocs" / "render" / "qbr_pptx" / "font_metrics.json"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
FACES = {"regular": "LiberationSans-Regular.ttf", "bold": "LiberationSans-Bold.ttf"}

RANGES: list[tuple[int, int]] = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x215F),  # Letterlike Symbols, number forms
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators (the true minus sign)
    (0x25A0, 0x25FF),  # Geometric Shapes (bullets, status dots)
]
"""Characters whose widths are stored; others are estimated at run time (see fit.py)."""


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point -> glyph id, from the Windows Unicode subtable (format 4 or 12)."""
    _version, count = struct.unpack(">HH", data[offset:offset + 4])
    best = None
    for i in range(count):
        platform, encoding, sub = struct.unpack(">HHI", data[offset + 4 + 8 * i: offset + 12 + 8 * i])
        if platform == 3 and encoding in (1, 10):
            fmt = struct.unpack(">H", data[offset + sub: offset + sub + 2])[0]
            if best is None or fmt == 12:
                best = (offset + sub, fmt)
    if best is None:
        raise ValueError("no Windows Unicode cmap subtable")
    at, fmt = best
    mapping: dict[int, int] = {}
    if fmt == 4:
        segs = struct.unpack(">H", data[at + 6: at + 8])[0] // 2
        ends = struct.unpack(f">{segs}H", data[at + 14: at + 14 + 2 * segs])
        base = at + 16 + 2 * segs
        starts = struct.unpack(f">{segs}H", data[base: base + 2 * segs])
        deltas = struct.unpack(f">{segs}h", data[base + 2 * segs: base + 4 * segs])
        range_at = base + 4 * segs
        offsets = struct.unpack(f">{segs}H", data[range_at: range_at + 2 * segs])
        for s in range(segs):
            for code in range(starts[s], ends[s] + 1):
                if code == 0xFFFF:
                    continue
                if offsets[s] == 0:
                    glyph = (code + deltas[s]) & 0xFFFF
                else:
                    where = range_at + 2 * s + offsets[s] + 2 * (code - starts[s])
                    glyph = struct.unpack(">H", data[where: where + 2])[0]
                    glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                if glyph:
                    mapping[code] = glyph
    elif fmt == 12:
        groups = struct.unpack(">I", data[at + 12: at + 16])[0]
        for g in range(groups):
            start, end, glyph = struct.unpack(">III", data[at + 16 + 12 * g: at + 28 + 12 * g])
            for code in range(start, end + 1):
                mapping[code] = glyph + code - start
    return mapping


def face_metrics(path: Path) -> dict:
    """Units per em, vertical metrics and the advance width of every stored character."""
    data = path.read_bytes()
    t = _tables(data)
    head = t["head"][0]
    units = struct.unpack(">H", data[head + 18: head + 20])[0]
    hhea = t["hhea"][0]
    ascender, descender, line_gap = struct.unpack(">hhh", data[hhea + 4: hhea + 10])
    n_metrics = struct.unpack(">H", data[hhea + 34: hhea + 36])[0]
    hmtx = t["hmtx"][0]
    advances = [struct.unpack(">H", data[hmtx + 4 * i: hmtx + 4 * i + 2])[0] for i in range(n_metrics)]
    cmap = _cmap(data, t["cmap"][0])

    def advance(code: int) -> int | None:
        glyph = cmap.get(code)
        if glyph is None:
            return None
        return advances[min(glyph, n_metrics - 1)]

    ranges = [[first, [advance(c) for c in range(first, last + 1)]] for first, last in RANGES]
    return {"units_per_em": units, "ascender": ascender, "descender": -descender, "line_gap": line_gap,
            "ranges": ranges}


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FONT_DIR
    faces = {face: face_metrics(folder / name) for face, name in FACES.items()}
    doc = {
        "about": "Advance widths (font units) of Liberation Sans, metric-compatible with Arial; "
                 "written by tools/make_font_metrics.py. null: the font has no glyph.",
        "family": "Liberation Sans",
        "compatible": ["Arial", "Liberation Sans", "Helvetica", "Arimo"],
        **faces,
    }
    text = json.dumps(doc, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text) // 1024} KB)")


if __name__ == "__main__":
    main()
