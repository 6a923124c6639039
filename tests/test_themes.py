"""Every deliverable with the built-in theme and with a second theme: colours change, structure does not."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from kapdocs import api
from kapdocs.errors import UsageError
from kapdocs.render import Options
from kapdocs.theme import LOGO_MAX_BYTES, load_theme

ROOT = Path(__file__).parent.parent
DEFAULT_PRIMARY, PLUM = "1F3A5F", "5B2C6F"


def png(width: int, height: int) -> bytes:
    """A real PNG image: a navy band with an orange bar (no image library needed)."""
    row = b"".join(bytes((0xED, 0x7D, 0x31) if x > width // 4 else (0x1F, 0x3A, 0x5F)) for x in range(width))
    raw = b"".join(b"\x00" + row for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


LOGO = png(240, 80)


def office_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml"))


def structure(path: Path) -> list[str]:
    if path.suffix == ".docx":
        return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    if path.suffix == ".pptx":
        return [s.shapes.title.text for s in Presentation(str(path)).slides if s.shapes.title is not None]
    return []


@pytest.fixture(scope="module")
def builds(tmp_path_factory, today) -> dict[str, dict[str, Path]]:
    root = tmp_path_factory.mktemp("themes")
    plum = root / "plum"
    plum.mkdir()
    (plum / "theme.yaml").write_text(
        f'name: plum\nlogo: plum-logo.png\ncolours:\n  primary: "{PLUM}"\n  accents: ["AA3377", "228833", "4477AA"]\n',
        encoding="utf-8")
    (plum / "plum-logo.png").write_bytes(LOGO)
    out = {}
    for name, theme in (("default", None), ("plum", plum)):
        written = api.build([ROOT / "samples" / "northwind-foods.yaml"], root / name, Options(today=today, theme=theme))
        out[name] = {p.name: p for p in written if p.suffix in (".docx", ".pptx", ".xlsx")}
    return out


def test_both_themes_write_the_same_files(builds):
    assert builds["default"].keys() == builds["plum"].keys() and len(builds["default"]) >= 6


def test_the_theme_colour_reaches_every_deliverable(builds):
    for name in builds["default"]:
        default, plum = office_xml(builds["default"][name]), office_xml(builds["plum"][name])
        # the built-in primary colour is replaced by the theme's, in every kind of document
        assert PLUM in plum and PLUM not in default, name
        assert DEFAULT_PRIMARY in default, name


def test_the_structure_does_not_depend_on_the_theme(builds):
    for name in builds["default"]:
        # headings and slide titles are the same whatever the colours
        assert structure(builds["default"][name]) == structure(builds["plum"][name]), name


def _pictures(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in archive.namelist() if "/media/" in n]


def test_the_theme_logo_is_on_the_cover_and_the_title_slide(builds):
    plan = next(p for n, p in builds["plum"].items() if n.endswith("key-account-plan.docx"))
    deck = next(p for n, p in builds["plum"].items() if n.endswith(".pptx"))
    # the Word cover opens with the logo, the very image of the theme folder
    document = docx.Document(str(plan))
    first = document.paragraphs[0]
    assert first._p.xpath(".//pic:pic") and LOGO in _pictures(plan)
    # the deck's title slide carries it top right, on a white plate, drawn over the plate
    slide = Presentation(str(deck)).slides[0]
    names = [s.name for s in slide.shapes]
    logo = next(s for s in slide.shapes if s.name == "Logo")
    assert logo.image.blob == LOGO and names.index("Logo") == names.index("Logo plate") + 1
    assert logo.left + logo.width > Presentation(str(deck)).slide_width * 0.8
    # every page header after the cover carries it too, in every Word document, each section alike
    for name, path in builds["plum"].items():
        if path.suffix == ".docx":
            for section in docx.Document(str(path)).sections:
                assert section.header.paragraphs[0]._p.xpath(".//pic:pic"), name
    # drawing ids stay unique across the body and the headers (else Word repairs the file)
    for name, path in builds["plum"].items():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                ids = [i for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")
                       for i in re.findall(r'<wp:docPr id="(\d+)"', archive.read(n).decode("utf-8"))]
            assert len(ids) == len(set(ids)), name
    # the built-in theme has no logo: no picture on either
    default_plan = builds["default"][plan.name]
    assert not docx.Document(str(default_plan)).paragraphs[0]._p.xpath(".//pic:pic")
    assert "Logo" not in [s.name for s in Presentation(str(builds["default"][deck.name])).slides[0].shapes]


@pytest.mark.parametrize("logo, setup, message", [
    ("../logo.png", None, "must be a file name in the theme folder"),
    ("art/logo.png", None, "must be a file name in the theme folder"),
    ("logo.gif", None, "must be a .png, .jpg or .jpeg file"),
    ("missing.png", None, "does not exist in the theme folder"),
    ("logo.png", "text", "is not a PNG image"),
    ("logo.png", "link", "not a link elsewhere"),
    ("logo.png", "huge", "a logo may be at most 5 MB"),
])
def test_a_logo_that_is_not_a_picture_in_the_theme_folder_is_refused(tmp_path, logo, setup, message):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text(f"logo: {logo}\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(LOGO)
    if setup == "text":
        (theme / "logo.png").write_text("<svg onload='x'/>", encoding="utf-8")
    elif setup == "link":
        os.symlink(tmp_path / "logo.png", theme / "logo.png")
    elif setup == "huge":
        (theme / "logo.png").write_bytes(LOGO + b"\x00" * LOGO_MAX_BYTES)
    with pytest.raises(UsageError) as error:
        load_theme(theme)
    # the message names the theme file, the field and what would be valid
    assert message in str(error.value) and "theme.yaml: logo:" in str(error.value)


def test_a_refused_logo_exits_2_with_nothing_written(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("logo: ../../etc/passwd.png\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kapdocs", "build", str(ROOT / "samples" / "northwind-foods.yaml"),
                             "-o", str(out), "--theme", str(theme)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "must be a file name in the theme folder" in result.stderr
    assert not out.exists() or not any(out.iterdir())
