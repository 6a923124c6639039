"""Output names come from an allow-list and never leave the output folder."""

from __future__ import annotations

import pytest

from kapdocs import naming
from kapdocs.errors import RenderError
from kapdocs.output import OutputFolder


@pytest.mark.parametrize("name, slug", [
    ("Northwind Foods plc", "northwind-foods-plc"),
    ("Société Générale", "societe-generale"),
    ("../../etc/passwd", "etc-passwd"),
    ("/absolute/path", "absolute-path"),
    ("C:\\Windows\\x", "c-windows-x"),
    ("CON", "con-x"),
    ("nul", "nul-x"),
    ("株式会社", "株式会社"),
    ("ООО «Ромашка»", "ооо-ромашка"),
    ("..", "account"),
    ("A" * 300, "a" * 60),
    ("  --Acme--  ", "acme"),
])
def test_slug(name: str, slug: str) -> None:
    # letters (Latin ones without accents, other scripts as they are), digits and single hyphens survive;
    # never a separator or '..'
    assert naming.slug(name) == slug


def test_file_names_follow_the_contract() -> None:
    assert naming.plan_file("Northwind Foods plc") == "northwind-foods-plc-key-account-plan.docx"
    assert naming.qbr_file("Northwind", "qbr-2026-q4") == "northwind-qbr-qbr-2026-q4.pptx"
    assert naming.contacts_file("Northwind") == "northwind-contact-matrix.xlsx"
    assert naming.minutes_file("Northwind", "m1") == "northwind-minutes-m1.docx"
    assert naming.agenda_file("Northwind", "m1") == "northwind-agenda-m1.docx"
    assert naming.calendar_file("Northwind", "m1") == "northwind-m1.ics"


@pytest.mark.parametrize("name", ["../x.docx", "/tmp/x.docx", "a/b.docx", "a\\b.docx", "..", ""])
def test_the_output_folder_refuses_names_that_are_not_plain(tmp_path, name: str) -> None:
    # a name that could escape the folder is a bug, refused outright
    with pytest.raises(RenderError):
        OutputFolder(tmp_path).target(name)
