"""The portfolio deliverables (`kapdocs.portfolio.files`): a dozen accounts made from the two samples, written
through an output folder, read back.

The accounts spread over the four quadrants, with some not placed (no portfolio scores), some never
reviewed, several key account managers (one with a name Excel cannot take as a sheet name, one account
with none), health scores in all three bands, reviews due inside and outside the next 30 days, and plan
text that must stay literal: an account named `=1+2` and one with Markdown asterisks.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_SAMPLE, RICH_SAMPLE, TODAY
from lxml import etree

from kapdocs.load import load
from kapdocs.output import OutputFolder
from kapdocs.portfolio import AccountRow, files, rows_for
from kapdocs.theme import load_theme

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
FORMULA = "=1+2"
MARKDOWN = "Bramley **Sauces** Ltd"
ODD_MANAGER = "Helen Barker-Smythe [North/East]: Key Accounts*?"

# name, KAM (team id; None: no KAM), actual factor, attractiveness, strength (None: no portfolio), last reviewed,
# sections removed (lower health), next QBR moved to
RICH_ACCOUNTS = [
    ("Northwind Foods plc", "jsmith", 1.00, 8, 7, "2026-10-01", (), None),
    ("Saltmarsh Bakeries Ltd", "jsmith", 0.92, 7, 4, "2026-06-15", ("risks", "opportunities"), "2027-01-20"),
    ("Kittiwake Dairy plc", "rpatel", 1.06, 9, 8, "2026-11-02", (), "2026-12-01"),
    (FORMULA, "rpatel", 0.81, 6, 3, None, (), None),
    (MARKDOWN, "ehughes", 0.97, 4, 7, "2026-09-20", ("swot", "risks"), "2027-03-04"),
    ("Fenland Snacks Ltd", "ehughes", 0.74, 3, 3, "2025-12-01",
     ("risks", "opportunities", "swot", "environment"), None),
    ("Cairngorm Soups Ltd", "jsmith", 1.12, 5, 8, "2026-11-10", (), "2027-01-14"),
    ("Harbour Pies plc", "rpatel", 0.88, 8, 2, "2026-03-30", (), None),
    ("Lindisfarne Foods Ltd", "ehughes", 0.95, None, None, "2026-08-08", (), None),
    ("Oakridge Confectionery Ltd", "hbarker", 1.03, 2, 6, "2026-10-28", (), "2026-12-24"),
]


def _scores(factors: list[dict], score: float) -> list[dict]:
    return [{**f, "score": score} for f in factors]


def _rich(name, kam, factor, attractiveness, strength, reviewed, drop, qbr, n) -> dict:
    data = copy.deepcopy(yaml.safe_load(RICH_SAMPLE.read_text(encoding="utf-8")))
    data["account"].update(name=name, key_account_manager=kam, sector=f"Sector {n}")
    data["account"].pop("short_name", None)
    for member in data["team"]:
        if member["id"] == "hbarker":
            member["name"] = ODD_MANAGER
    for record in data["performance"]:
        for key in ("volume_actual", "profit_actual"):
            if record.get(key) is not None:
                record[key] = round(record[key] * factor)
    data["potential"] = {"volume": round(32000 * (0.5 + n / 6)), "profit": round(5_400_000 * (0.5 + n / 6))}
    if strength is None:
        data.pop("portfolio")
    else:
        data["portfolio"]["attractiveness"] = _scores(data["portfolio"]["attractiveness"], attractiveness)
        data["portfolio"]["strength"] = _scores(data["portfolio"]["strength"], strength)
    if reviewed is None:
        data["plan"].pop("last_reviewed", None)
    else:
        data["plan"]["last_reviewed"] = dt.date.fromisoformat(reviewed)
    for section in drop:
        data.pop(section, None)
    if qbr is not None:
        for meeting in data["meetings"]:
            if meeting["id"] == "qbr-2026-q4":
                meeting["date"] = dt.date.fromisoformat(qbr)
    return data


def _draft(name: str, kam: bool, portfolio: tuple[float, float] | None) -> dict:
    data = yaml.safe_load(MINIMAL_SAMPLE.read_text(encoding="utf-8"))
    data["account"]["name"] = name
    if not kam:
        data["account"].pop("key_account_manager")
    if portfolio is not None:
        data["portfolio"] = {
            "attractiveness": [{"factor": "Volume", "weight": 0.6, "score": portfolio[0]},
                               {"factor": "Margin", "weight": 0.4, "score": portfolio[0]}],
            "strength": [{"factor": "Service", "weight": 1, "score": portfolio[1]}]}
    return data


def plans() -> list[dict]:
    """A dozen accounts: ten from the rich sample, two from the first draft."""
    out = [_rich(*account, n) for n, account in enumerate(RICH_ACCOUNTS)]
    out.append(_draft("Harbour Logistics Ltd", True, None))
    out.append(_draft("Peregrine Freight Ltd", False, (6, 1.5)))
    return out


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list[AccountRow]:
    folder = tmp_path_factory.mktemp("plans")
    loaded = []
    for n, data in enumerate(plans()):
        path = folder / f"{n:02d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        loaded.append(load(path))
    return rows_for(loaded, TODAY)


@pytest.fixture(scope="module")
def written(rows, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("portfolio")
    names = files.write_portfolio(rows, OutputFolder(out).write, load_theme(None), TODAY)
    assert names == ["portfolio.xlsx", "portfolio.pptx", "portfolio.docx"]
    return out


def by_name(rows) -> dict[str, AccountRow]:
    return {r.account: r for r in rows}


# -- the accounts ---------------------------------------------------------------------------------------

def test_the_accounts_spread_as_the_portfolio_needs(rows):
    assert len(rows) == 12
    assert {r.quadrant for r in rows} == {"Strategic", "Star", "Status", "Streamline", None}
    assert {files.health_band(r.health_score) for r in files.placed(rows)} == {"green", "amber", "red"}
    assert sum(1 for r in rows if r.last_reviewed is None) >= 2
    assert len({r.key_account_manager for r in rows}) >= 5  # four named and one account without
    assert files.reviews_due(rows, TODAY) and len(files.reviews_due(rows, TODAY)) < len(rows)
    assert files.behind(rows)


# -- the workbook ---------------------------------------------------------------------------------------

def _table(ws, name: str | None = None):
    import openpyxl.worksheet.table  # noqa: F401

    tables = list(ws.tables.values())
    assert len(tables) == 1
    table = tables[0]
    if name:
        assert table.name == name
    cells = ws[table.ref]
    header = [c.value for c in cells[0]]
    return table, header, cells[1:]


def test_xlsx_table_lists_every_account_with_its_figures(rows, written):
    import openpyxl

    wb = openpyxl.load_workbook(written / "portfolio.xlsx")
    assert wb.sheetnames[0] == "Portfolio"
    table, header, body = _table(wb["Portfolio"], "Portfolio")
    assert table.autoFilter is not None
    assert tuple(header) == files.XLSX_HEADERS
    for required in ("Account", "Sector", "Key account manager", "Potential (volume)", "Potential (profit)",
                     "Volume target to date", "Volume actual to date", "Gap", "Achieved", "Weighted pipeline",
                     "Pipeline coverage", "Attractiveness", "Strength", "Quadrant", "Health score",
                     "Plan last reviewed", "Next QBR", "Contracts and tenders in the period"):
        assert required in header
    col = {h: i for i, h in enumerate(header)}
    assert [r[col["Account"]].value for r in body] == [r.account for r in rows]
    numbers = {"Potential (volume)": "potential_volume", "Potential (profit)": "potential_profit",
               "Volume target to date": "ytd_volume_target", "Volume actual to date": "ytd_volume_actual",
               "Gap": "volume_gap", "Achieved": "volume_achievement", "Weighted pipeline": "weighted_pipeline",
               "Pipeline coverage": "pipeline_coverage", "Attractiveness": "attractiveness", "Strength": "strength",
               "Health score": "health_score"}
    for cells, row in zip(body, rows):
        for header_name, attr in numbers.items():
            value, expected = cells[col[header_name]].value, getattr(row, attr)
            if expected is None:
                assert value is None, (row.account, header_name)
            else:
                assert isinstance(value, (int, float)) and not isinstance(value, bool), (row.account, header_name)
                assert value == pytest.approx(expected, abs=1e-6), (row.account, header_name)
        for header_name, attr in (("Plan last reviewed", "last_reviewed"), ("Next QBR", "next_qbr")):
            value, expected = cells[col[header_name]].value, getattr(row, attr)
            assert (value.date().isoformat() if value else None) == expected
        assert cells[col["Quadrant"]].value == row.quadrant
        assert cells[col["Key account manager"]].value == row.key_account_manager
        assert (cells[col["Contracts and tenders in the period"]].value or "") == "\n".join(row.expiring)
    ws = wb["Portfolio"]
    assert ws.freeze_panes is not None
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide
    assert "Internal and confidential" in ws.oddFooter.left.text
    assert ws.conditional_formatting  # gaps, achievement, health, reviews


def test_xlsx_plan_text_is_never_a_formula(rows, written):
    import openpyxl

    wb = openpyxl.load_workbook(written / "portfolio.xlsx")
    found = [c for ws in wb.worksheets for line in ws.iter_rows() for c in line if c.value == FORMULA]
    assert len(found) == 2  # the Portfolio sheet and its manager's sheet
    for cell in found:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    with zipfile.ZipFile(written / "portfolio.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in z.read(n) for n in sheets)


def test_xlsx_has_a_sheet_per_key_account_manager(rows, written):
    import openpyxl

    wb = openpyxl.load_workbook(written / "portfolio.xlsx")
    groups = files.by_manager(rows)
    expected = files.sheet_names([name or files.NO_MANAGER for name, _ in groups])
    assert wb.sheetnames == ["Portfolio", *expected]
    for sheet, (name, members) in zip(expected, groups):
        assert len(sheet) <= 31 and not set(sheet) & set("[]:*?/\\")
        _, header, body = _table(wb[sheet])
        assert tuple(header) == files.XLSX_HEADERS
        assert [r[0].value for r in body] == [m.account for m in members]
    odd = expected[[name for name, _ in groups].index(ODD_MANAGER)]
    assert odd == "Helen Barker-Smythe North East"
    assert expected[-1] == files.NO_MANAGER


def test_sheet_names_are_safe_and_unique():
    names = files.sheet_names(["A" * 40, "A" * 40, "a" * 40, "'quoted'", "History", "x/y:z", "", "Portfolio"])
    assert names == ["A" * 31, "A" * 27 + " (2)", "a" * 27 + " (3)", "quoted", "History (manager)", "x y z",
                     "Manager", "Portfolio (2)"]


# -- the deck -------------------------------------------------------------------------------------------

def _xy(points) -> list[tuple[float, float]]:
    return sorted((round(x, 6), round(y, 6)) for x, y, *_ in points)


def _values(ser, tag: str) -> dict[int, float]:
    return {int(pt.get("idx")): float(pt.find("c:v", NS).text) for pt in ser.iterfind(f"c:{tag}//c:pt", NS)}


def _chart_points(chart_xml: bytes) -> dict[str, list[tuple[float, float, float]]]:
    """Series name -> (x, y, size) of each point with a y value."""
    root = etree.fromstring(chart_xml)
    assert root.find(".//c:bubbleChart", NS) is not None
    out = {}
    for ser in root.iterfind(".//c:bubbleChart/c:ser", NS):
        name = ser.find("c:tx//c:v", NS).text

        xs, ys, sizes = (_values(ser, tag) for tag in ("xVal", "yVal", "bubbleSize"))
        out[name] = [(xs[i], ys[i], sizes[i]) for i in sorted(ys)]
    return out


def _pptx_chart(written: Path) -> bytes:
    with zipfile.ZipFile(written / "portfolio.pptx") as z:
        charts = [n for n in z.namelist() if n.startswith("ppt/charts/chart")]
        assert len(charts) == 1
        return z.read(charts[0])


def test_pptx_bubble_chart_places_every_scored_account(rows, written):
    points = _chart_points(_pptx_chart(written))
    quadrants = points.pop(files.QUADRANT_SERIES)
    assert len(quadrants) == 4
    placed = files.placed(rows)
    assert sum(len(p) for p in points.values()) == len(placed)
    expected = _xy((r.strength, r.attractiveness) for r in placed)
    assert _xy(p for series in points.values() for p in series) == expected
    bands = dict(files.BANDS)
    for band, label in bands.items():
        members = _xy((r.strength, r.attractiveness) for r in placed if files.health_band(r.health_score) == band)
        assert _xy(points.get(label, [])) == members
    assert all(size > 0 for p in points.values() for _, _, size in p)
    root = etree.fromstring(_pptx_chart(written))
    # axes fixed at 0-10, crossing at 5; ids non-negative (Office's validator)
    for ax in root.iterfind(".//c:valAx", NS):
        assert ax.find("c:scaling/c:min", NS).get("val") == "0.0"
        assert ax.find("c:scaling/c:max", NS).get("val") == "10.0"
        assert ax.find("c:crossesAt", NS).get("val") == "5.0"
    assert all(int(e.get("val")) >= 0 for e in root.iter(f"{{{C}}}axId", f"{{{C}}}crossAx"))
    labels = ["".join(t.itertext()) for t in root.iterfind(".//c:dLbl//c:rich", NS)]
    for name in ("Strategic", "Star", "Status", "Streamline"):
        assert name in labels
    for row in placed:
        assert files._short(row.account) in labels


def _slides(written: Path):
    from pptx import Presentation

    return list(Presentation(str(written / "portfolio.pptx")).slides)


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _table_rows(slide) -> list[list[str]]:
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for table in tables for row in list(table.rows)[1:]]


def _slide(written: Path, caption: str):
    found = [s for s in _slides(written) if caption in _texts(s)]
    assert len(found) == 1, caption
    return found[0]


def test_pptx_lists_name_the_right_accounts(rows, written):
    expected = {
        "Largest gaps": files.largest_gaps(rows),
        "Stalest plans": files.stalest(rows),
        "Lowest health scores": files.lowest_health(rows),
        "Reviews due in the next 30 days": files.reviews_due(rows, TODAY),
    }
    for caption, accounts in expected.items():
        slide = _slide(written, caption)
        assert [r[0] for r in _table_rows(slide)] == [a.account for a in accounts], caption
        assert 0 < len(accounts) <= (len(rows) if caption.startswith("Reviews") else 5)
    gaps = files.largest_gaps(rows)
    assert all(r.volume_gap < 0 for r in gaps)
    assert [r.volume_gap for r in gaps] == sorted(r.volume_gap for r in gaps)
    first = gaps[0]
    title = _slide(written, "Largest gaps").shapes.title.text
    assert title.startswith(f"{len(files.behind(rows))} accounts behind target; {first.account} ")
    assert title.endswith(f"{round((1 - first.volume_achievement) * 100)}% behind")
    stale = [r.account for r in files.stalest(rows)]
    never = {r.account for r in rows if r.last_reviewed is None}
    assert set(stale[:len(never)]) == never
    due = files.reviews_due(rows, TODAY)
    assert all(TODAY <= dt.date.fromisoformat(r.next_qbr) <= TODAY + dt.timedelta(days=30) for r in due)
    assert {r.account for r in rows if r.next_qbr and r.next_qbr > "2026-12-25"} & {r.account for r in due} == set()
    weakest = [r.health_score for r in files.lowest_health(rows)]
    assert weakest == sorted(weakest) and weakest[0] == min(r.health_score for r in rows)


def test_pptx_slides_stance_and_literal_text(rows, written):
    slides = _slides(written)
    assert slides[0].shapes.title.text == "Key account portfolio"
    assert slides[0].slide_layout.name == "Title Slide"
    matrix = slides[1]
    assert any(shape.has_chart for shape in matrix.shapes)
    side = "\n".join(_texts(matrix))
    assert "Not placed: no portfolio scores" in side
    for row in files.not_placed(rows):
        assert row.account in side
    stance = _table_rows(slides[2])
    assert [r[0] for r in stance] == ["Strategic", "Star", "Status", "Streamline", "Not placed"]
    for quadrant, text, accounts in stance[:4]:
        assert text == files.QUADRANTS[quadrant]
        assert accounts.split("; ") == [r.account for r in rows if r.quadrant == quadrant]
    assert MARKDOWN in "".join(r[2] for r in stance)  # the asterisks stay: plan text is never Markdown here
    assert FORMULA in "".join(r[2] for r in stance)
    with zipfile.ZipFile(written / "portfolio.pptx") as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide"):
                root = etree.fromstring(z.read(name))
                for rpr in root.iterfind(".//a:tbl//a:rPr", NS):
                    assert int(rpr.get("sz")) >= 1200, name  # tables at 12 pt or more


# -- the Word document -----------------------------------------------------------------------------------

def test_docx_holds_the_chart_and_the_tables(rows, written):
    import docx

    document = docx.Document(str(written / "portfolio.docx"))
    with zipfile.ZipFile(written / "portfolio.docx") as z:
        charts = [n for n in z.namelist() if n.startswith("word/charts/chart")]
        assert len(charts) == 1
        points = _chart_points(z.read(charts[0]))
    assert points == _chart_points(_pptx_chart(written))  # the same chart as the deck's
    points.pop(files.QUADRANT_SERIES)
    assert _xy(p for series in points.values() for p in series) == _xy(
        (r.strength, r.attractiveness) for r in files.placed(rows))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Customer portfolio matrix", "Recommended stance per quadrant", "Largest gaps",
                        "Stalest plans", "Lowest health scores", "Reviews due in the next 30 days",
                        "Contracts and tenders in the period", "All accounts"]
    tables = document.tables
    assert len(tables) == 7
    first_column = [[row.cells[0].text for row in t.rows[1:]] for t in tables]
    assert first_column[1] == [r.account for r in files.largest_gaps(rows)]
    assert first_column[2] == [r.account for r in files.stalest(rows)]
    assert first_column[3] == [r.account for r in files.lowest_health(rows)]
    assert first_column[4] == [r.account for r in files.reviews_due(rows, TODAY)]
    assert first_column[6] == [r.account for r in rows]
    assert document.sections[-1].orientation == 1  # the wide table on a landscape page
    assert FORMULA in first_column[6] and MARKDOWN in first_column[6]


# -- reproducible ------------------------------------------------------------------------------------------

def test_the_same_rows_give_the_same_bytes(rows, written, tmp_path):
    files.write_portfolio(rows, OutputFolder(tmp_path).write, load_theme(None), TODAY)
    for name in files.NAMES:
        assert (tmp_path / name).read_bytes() == (written / name).read_bytes(), name


def test_no_accounts_still_gives_three_files(tmp_path):
    names = files.write_portfolio([], OutputFolder(tmp_path).write, load_theme(None), TODAY)
    for name in names:
        with zipfile.ZipFile(io.BytesIO((tmp_path / name).read_bytes())) as z:
            assert z.testzip() is None


def test_a_batch_build_writes_the_portfolio_with_each_accounts_own_figures(tmp_path):
    # the figures in portfolio.xlsx are those of each account's own analysis and health check
    import datetime as dt
    import sys

    import openpyxl
    from click.testing import CliRunner

    from kapdocs import api
    from kapdocs.analysis import analyse
    from kapdocs.checks import run
    from kapdocs.cli import main

    sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
    import portfolio_samples

    plans = tmp_path / "plans"
    portfolio_samples.main(plans)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(out), "--today", "2026-11-25", "--jobs", "1",
                                       "--quiet"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out / "portfolio.xlsx")["Portfolio"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Account")
    table = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(values_only=True) if r and r[0] and r[0] != "Account"}
    today = dt.date(2026, 11, 25)
    loaded = api.load_all([plans])
    assert set(table) >= {one.plan.account.name for one in loaded}
    for one in loaded:
        figures = analyse(one.plan, today)
        row = table[one.plan.account.name]
        assert row["Health score"] == run(one.plan, figures).score
        actual = figures.performance.total.ytd_volume_actual
        assert row["Volume actual to date"] == (actual if actual is not None else None)
        if figures.portfolio is not None:
            assert row["Quadrant"] == figures.portfolio.quadrant


def test_account_names_on_the_matrix_keep_clear_of_each_other_and_of_the_edges() -> None:
    chart = {"width_pt": 470.0, "height_pt": 354.0, "font_size": 8}
    # two accounts side by side at the same height: one name goes right, the other left
    sides = files.label_sides([(4.0, 8.0, 1.0), (4.9, 8.0, 1.0)], ["Harbour Pies plc", "Northwind Foods plc"],
                              **chart)
    assert sorted(sides) == ["left", "right"] and sides[0] == "left"
    # at the right edge a name goes left, at the top it never goes above the matrix
    assert files.label_sides([(9.6, 5.0, 1.0)], ["Kittiwake Dairy plc"], **chart) == ["left"]
    assert files.label_sides([(5.5, 9.9, 1.0)], ["Kittiwake Dairy plc"], **chart) != ["above"]
    # a lone account in open space: the preferred side
    assert files.label_sides([(3.0, 3.0, 1.0)], ["Fenland Snacks Ltd"], **chart) == ["right"]


def test_the_matrix_labels_follow_the_placement(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.chart import XL_LABEL_POSITION

    rows = rows_for([load(RICH_SAMPLE)], TODAY)
    rows = [AccountRow.of({**rows[0].data(), "account": name, "strength": x, "attractiveness": 8.0})
            for name, x in (("Harbour Pies plc", 4.0), ("Northwind Foods plc", 4.9))]
    files.write_pptx(rows, tmp_path / "portfolio.pptx", load_theme(None), TODAY)
    chart = next(s.chart for s in Presentation(str(tmp_path / "portfolio.pptx")).slides[1].shapes if s.has_chart)
    found = {p.data_label.text_frame.text: p.data_label.position for s in list(chart.plots[0].series)[:-1]
             for p in s.points if p.data_label.has_text_frame}
    assert found == {"Harbour Pies plc": XL_LABEL_POSITION.LEFT, "Northwind Foods plc": XL_LABEL_POSITION.RIGHT}
