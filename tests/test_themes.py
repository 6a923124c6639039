"""Every deliverable with the built-in theme and with a second theme: colours change, structure does not."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from kapdocs import api
from kapdocs.render import Options

ROOT = Path(__file__).parent.parent
DEFAULT_PRIMARY, PLUM = "1F3A5F", "5B2C6F"


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
        f'name: plum\ncolours:\n  primary: "{PLUM}"\n  accents: ["AA3377", "228833", "4477AA"]\n', encoding="utf-8")
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
