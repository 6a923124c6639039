"""The registry: a document is its module and one `Renderer` entry; the CLI, `build` and the API follow."""

from __future__ import annotations

import inspect
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import kapdocs.render
from kapdocs import api
from kapdocs.cli import main, make_main
from kapdocs.errors import UsageError
from kapdocs.manifest import MANIFEST
from kapdocs.render import RENDERERS, Opt, Options, Renderer, in_build, renderer

from conftest import RICH_SAMPLE, TODAY

ARGS = ["--today", TODAY.isoformat()]


# -- a document added by one entry ------------------------------------------------------------------------

def _note_module() -> types.ModuleType:
    """A renderer module: `render` writes `<slug>-note.txt` from the options; `peek` is a hook."""
    module = types.ModuleType("kapdocs.render.fake_note")

    def render(job):
        text = f"{job.plan.account.name}|{job.options.colour}|{job.options.loud}|{job.options.locale}\n"
        return [job.out.write("northwind-note.txt", text.encode())]

    def peek(*, plan, peek, **_):
        if not peek:
            return False
        click.echo(f"peeking at {Path(plan).name}")
        return True

    module.render, module.peek = render, peek
    return module


NOTE = Renderer(
    "note", "a note", "fake_note:render", hook="fake_note:peek",
    options=(Opt(("--colour",), "colour", "Ink colour.", choices=("blue", "red"), default="blue"),
             Opt(("--loud",), "loud", "Write it in capitals.", is_flag=True),
             Opt(("--peek",), "peek", "Say what would be written, and write nothing.", is_flag=True)),
    help="""Write a note: <account>-note.txt.

    \b
    Example:
      kapdocs note samples/northwind-foods.yaml --colour red
    """)
ASIDE = Renderer("aside", "a document build leaves out", "fake_note:render", in_build=False,
                 help="Write an aside.\n\n\b\nExample:\n  kapdocs aside plan.yaml")


@pytest.fixture
def note(monkeypatch) -> click.Group:
    """The registry with the note and the aside only (the real documents are slow to build), and its CLI."""
    monkeypatch.setitem(sys.modules, "kapdocs.render.fake_note", _note_module())
    monkeypatch.setattr(kapdocs.render, "RENDERERS", [NOTE, ASIDE])
    return make_main()


def test_a_registered_document_gets_a_command_with_its_options(note, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(note, ["note", "--help"])
    # its help, its options with their choices and default, and the output options every writer has
    assert shown.exit_code == 0, shown.output
    assert " note [OPTIONS] PLAN\n" in shown.output and "Example:" in shown.output
    assert "--colour [blue|red]" in shown.output and "[default: blue]" in shown.output
    assert "--loud" in shown.output and "-o, --out DIRECTORY" in shown.output and "--pdf" in shown.output
    # it is listed with the fixed commands
    assert "note " in runner.invoke(note, ["--help"]).output

    out = tmp_path / "out"
    result = runner.invoke(note, ["note", str(RICH_SAMPLE), "--colour", "red", "--loud", "--locale", "en-US",
                                  "-o", str(out), *ARGS])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'northwind-note.txt'}" in result.output
    # the declared options reached the renderer, with the shared ones
    assert (out / "northwind-note.txt").read_text() == "Northwind Foods plc|red|True|en-US\n"
    # written through the output folder: recorded in the manifest
    assert "northwind-note.txt" in (out / MANIFEST).read_text()
    # a value outside the declared choices is a usage error, as for every command
    assert runner.invoke(note, ["note", str(RICH_SAMPLE), "--colour", "green"]).exit_code == 2


def test_a_declared_hook_can_do_the_commands_work(note, tmp_path: Path) -> None:
    result = CliRunner().invoke(note, ["note", str(RICH_SAMPLE), "--peek", "-o", str(tmp_path / "out")])
    # the hook answered, and nothing was rendered
    assert result.exit_code == 0 and result.output == "peeking at northwind-foods.yaml\n"
    assert not (tmp_path / "out").exists()


def test_a_registered_document_has_its_place_in_build(note, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(note, ["build", str(RICH_SAMPLE), "-o", str(out), *ARGS])
    assert result.exit_code == 0, result.output
    # build runs the documents with in_build, each with its declared defaults
    assert (out / "northwind-note.txt").read_text() == "Northwind Foods plc|blue|False|en-GB\n"
    assert [r.name for r in in_build()] == ["note"]
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, "northwind-note.txt"])


def test_a_registered_document_has_an_api_entry(note, tmp_path: Path) -> None:
    # by name, with its own options as keywords of Options (defaults from the declaration)
    assert (Options().colour, Options().loud) == ("blue", False)
    (path,) = api.render(api.load(RICH_SAMPLE), ["note"], tmp_path / "one", Options(today=TODAY, colour="red"))
    assert path.read_text() == "Northwind Foods plc|red|False|en-GB\n"
    (built,) = api.build([RICH_SAMPLE], tmp_path / "all", Options(today=TODAY, loud=True))
    assert built.read_text() == "Northwind Foods plc|blue|True|en-GB\n"


def test_a_document_cannot_take_the_name_of_a_command(monkeypatch) -> None:
    monkeypatch.setattr(kapdocs.render, "RENDERERS", [Renderer("build", "a clash", "fake_note:render")])
    with pytest.raises(ValueError, match="build"):
        make_main()


# -- the registry as it ships -----------------------------------------------------------------------------

# The document commands are a public contract: their arguments and options, in --help order.
OUTPUT = ["-o", "--out", "--locale", "--paper", "--today", "--theme", "--force"]
CONTRACT = {
    "plan": (["PLAN"], ["--edition", "--no-health", *OUTPUT, "--pdf"]),
    "contacts": (["PLAN"], ["--update", "--yes", *OUTPUT]),
    "qbr": (["PLAN"], ["--meeting", "--internal", *OUTPUT, "--pdf"]),
    "minutes": (["PLAN"], ["--meeting", *OUTPUT, "--pdf"]),
    "workbook": ([], ["--case", "--edition", "--xlsx", *OUTPUT, "--pdf"]),
    "check": (["PLANS..."], ["--format", "--strict", "--min-score", "--today"]),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_the_document_commands_keep_their_arguments_and_options(name: str) -> None:
    command = main.commands[name]
    arguments = [p.make_metavar(click.Context(command)) for p in command.params if isinstance(p, click.Argument)]
    options = [flag for p in command.params if isinstance(p, click.Option) for flag in p.opts]
    assert (arguments, options) == CONTRACT[name]
    # the help is the entry's, with its example
    assert command.help is not None and inspect.cleandoc(command.help) == inspect.cleandoc(renderer(name).help)
    assert "Example" in command.help


def test_every_document_is_in_the_registry_and_build_takes_the_per_plan_ones() -> None:
    assert [r.name for r in RENDERERS] == ["plan", "contacts", "qbr", "minutes", "prep", "workbook", "check"]
    # the workbook (one per workshop) and the health report (printed by `check`) are not in build
    assert [r.name for r in in_build()] == ["plan", "contacts", "qbr", "minutes", "prep"]
    assert not renderer("workbook").needs_plan and renderer("check").hook
    # every entry's renderer and hook exist
    for entry in RENDERERS:
        assert callable(entry.load()), entry.name
        assert entry.hook is None or callable(entry.load_hook()), entry.name
        # a command that writes nothing, or takes several plans, does its work in its hook
        assert entry.writes and entry.argument != "plans" or entry.hook, entry.name


def test_an_option_name_has_one_meaning_and_one_default() -> None:
    declared: dict[str, Opt] = {}
    for entry in RENDERERS:
        for opt in entry.options:
            first = declared.setdefault(opt.name, opt)
            # the meeting option is shared by qbr and minutes; a name is never reused with another default
            assert (opt.value, opt.choices) == (first.value, first.choices), opt.name
    # the workbook's --edition is not the plan's: it travels under its own name
    assert declared["edition"].choices == ("internal", "customer")
    assert declared["workbook_edition"].choices == ("participant", "facilitator")


def test_options_keep_their_keywords_and_defaults(tmp_path: Path) -> None:
    options = Options(edition="customer", meeting="qbr-2026-q4", internal=True, health=False, today=TODAY,
                      locale="en-US", paper="a4", theme=tmp_path)
    assert (options.edition, options.meeting, options.internal, options.health) == ("customer", "qbr-2026-q4",
                                                                                    True, False)
    assert (options.today, options.locale, options.paper, options.theme, options.page) == (
        TODAY, "en-US", "a4", tmp_path, "a4")
    # a document's own options live in `extra`, the shared ones do not
    assert dict(options.extra) == {"edition": "customer", "meeting": "qbr-2026-q4", "internal": True, "health": False}
    # not given: the declared default
    plain = Options()
    assert (plain.edition, plain.meeting, plain.internal, plain.health, plain.workbook_edition, plain.page) == (
        "internal", None, False, True, "participant", "a4")
    assert Options(locale="en-US").page == "letter"
    # with_ changes shared and own options alike, and leaves the original as it was
    changed = options.with_(meeting="qbr-2027-q1", locale="en-GB")
    assert (changed.meeting, changed.locale, changed.edition) == ("qbr-2027-q1", "en-GB", "customer")
    assert (options.meeting, options.locale) == ("qbr-2026-q4", "en-US")
    assert changed == options.with_(meeting="qbr-2027-q1", locale="en-GB") and changed != options
    with pytest.raises(AttributeError):
        options.edition = "internal"
    # a name no document declares is a mistake, not a silent None
    with pytest.raises(AttributeError, match="editon"):
        Options().editon  # noqa: B018


def test_the_workbook_renders_through_the_api_without_a_plan(tmp_path: Path) -> None:
    import docx
    import openpyxl

    from kapdocs.render.workbook.modules import MODULES
    from kapdocs.render.workbook.scoring import SHEETS

    written = api.render(None, ["workbook"], tmp_path, Options(workbook_edition="facilitator", xlsx=True))
    assert [p.name for p in written] == ["workbook-facilitator.docx", "workbook-scoring.xlsx"]
    headings = [p.text for p in docx.Document(str(written[0])).paragraphs if p.style.name == "Heading 1"]
    # every module, blank (no case given), and the scoring workbook's sheets
    assert [h for h in headings if h.startswith("Module ")] == [m.heading for m in MODULES]
    assert openpyxl.load_workbook(written[1]).sheetnames == list(SHEETS)
    # a document of a plan still needs one
    with pytest.raises(UsageError, match="plan: needs a plan"):
        api.render(None, ["plan"], tmp_path, Options())
    with pytest.raises(UsageError, match="no document called 'plans'"):
        api.render(None, ["plans"], tmp_path, Options())


def test_the_health_report_is_a_document_of_the_registry(tmp_path: Path, rich_plan) -> None:
    from kapdocs.analysis import analyse
    from kapdocs.checks import report as health
    from kapdocs.checks import run

    (path,) = api.render(api.load(RICH_SAMPLE), ["check"], tmp_path, Options(today=TODAY))
    # <slug>-plan-health.md, written through the output folder, the Markdown of `kapdocs check`
    assert path.name == "northwind-foods-plc-plan-health.md"
    expected = health.markdown([run(rich_plan, analyse(rich_plan, TODAY), source="northwind-foods.yaml")])
    assert path.read_text(encoding="utf-8") == expected
    assert expected.startswith("## Plan health") and "### Northwind Foods plc: " in expected
    assert path.name in (tmp_path / MANIFEST).read_text()
