"""No lost work: atomic writes, and files the user edited are never overwritten without --force."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kapdocs import __version__, api
from kapdocs.errors import ExitStatus, OutputProtectedError, RenderError
from kapdocs.manifest import MANIFEST, Manifest, sha256
from kapdocs.output import OutputFolder

ROOT = Path(__file__).parent.parent


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def write_then_fail(path: Path) -> None:
    path.write_bytes(b"half a docu")
    raise RuntimeError("the writer broke mid-write")


# -- atomic writes -------------------------------------------------------------------------------
def test_a_writer_that_fails_leaves_the_previous_file(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.write("plan.txt", b"the good version")
    with pytest.raises(RuntimeError):
        folder.write("plan.txt", write_then_fail)
    # the previous good file is untouched
    assert (tmp_path / "plan.txt").read_bytes() == b"the good version"
    # and the half-written temporary file is gone
    assert files(tmp_path) == {"plan.txt", MANIFEST}


def test_a_file_that_fails_verification_is_not_used(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.write("plan.txt", b"the good version")

    def reject(path: Path) -> None:
        raise RenderError(f"{path.name} does not re-open")

    with pytest.raises(RenderError):
        folder.write("plan.txt", b"broken", verify=reject)
    # a verifier's refusal keeps the old file, and leaves no temporary file
    assert (tmp_path / "plan.txt").read_bytes() == b"the good version"
    assert files(tmp_path) == {"plan.txt", MANIFEST}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_mid_write_leaves_the_previous_file(tmp_path: Path) -> None:
    OutputFolder(tmp_path).write("plan.txt", b"the good version")
    script = textwrap.dedent("""
        import sys, time
        from kapdocs.output import OutputFolder

        def slow_writer(path):
            with open(path, "wb") as fh:
                fh.write(b"x" * 8_000_000)
                fh.flush()
                print("writing", flush=True)
                time.sleep(60)
                fh.write(b"never reached")

        OutputFolder(sys.argv[1]).write("plan.txt", slow_writer)
    """)
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True)
    try:
        # the child is in the middle of writing 8 MB when it is killed
        assert child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    # the old file is intact: the half-written bytes never had its name
    assert (tmp_path / "plan.txt").read_bytes() == b"the good version"
    # what is left is a hidden temporary file, not a document a user would open
    leftovers = files(tmp_path) - {"plan.txt", MANIFEST}
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)


# -- the manifest ----------------------------------------------------------------------------------
def test_the_manifest_records_what_kapdocs_wrote(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.plan = Path("samples/northwind-foods.yaml")
    folder.write("plan.txt", b"version one")
    doc = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    entry = doc["files"]["plan.txt"]
    # file name -> SHA-256 of the bytes written, kapdocs version and plan
    assert entry == {"sha256": sha256(tmp_path / "plan.txt"), "kapdocs": __version__,
                     "plan": "samples/northwind-foods.yaml"}


def test_kapdocs_replaces_its_own_unedited_files(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.write("plan.txt", b"version one")
    folder.write("plan.txt", b"version two")
    # rebuilding over untouched output is the normal case
    assert (tmp_path / "plan.txt").read_bytes() == b"version two"
    # and the manifest follows the new bytes
    assert Manifest(tmp_path).records["plan.txt"].sha256 == sha256(tmp_path / "plan.txt")


def test_an_edited_file_is_refused(tmp_path: Path) -> None:
    OutputFolder(tmp_path).write("plan.txt", b"version one")
    (tmp_path / "plan.txt").write_bytes(b"version one, with the user's notes")
    with pytest.raises(OutputProtectedError) as refused:
        OutputFolder(tmp_path).write("plan.txt", b"version two")
    message = str(refused.value)
    # the message names the file and says what happened and how to go on
    assert "plan.txt" in message and "changed after kapdocs wrote it" in message
    assert "--force" in message and "-o" in message
    # exit code 3: edited output protected
    assert refused.value.exit_status == ExitStatus.PROTECTED == 3
    # the user's edit is kept, and no temporary file is left behind
    assert (tmp_path / "plan.txt").read_bytes() == b"version one, with the user's notes"
    assert files(tmp_path) == {"plan.txt", MANIFEST}


def test_a_file_kapdocs_did_not_write_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_bytes(b"someone else's file")
    with pytest.raises(OutputProtectedError, match="was not written by kapdocs"):
        OutputFolder(tmp_path).write("plan.txt", b"kapdocs' file")
    # the unknown file is kept
    assert (tmp_path / "plan.txt").read_bytes() == b"someone else's file"


def test_identical_bytes_lose_nothing(tmp_path: Path) -> None:
    # an output folder from before the manifest: same bytes as kapdocs would write
    (tmp_path / "plan.txt").write_bytes(b"same bytes")
    OutputFolder(tmp_path).write("plan.txt", b"same bytes")
    # replacing a file with identical bytes is allowed, and recorded from then on
    assert "plan.txt" in Manifest(tmp_path).records


def test_force_replaces_edited_and_unknown_files(tmp_path: Path) -> None:
    OutputFolder(tmp_path).write("plan.txt", b"version one")
    (tmp_path / "plan.txt").write_bytes(b"edited")
    (tmp_path / "deck.txt").write_bytes(b"not kapdocs'")
    folder = OutputFolder(tmp_path, force=True)
    folder.write("plan.txt", b"version two")
    folder.write("deck.txt", b"kapdocs' deck")
    # --force means the user chose to replace them
    assert (tmp_path / "plan.txt").read_bytes() == b"version two"
    assert (tmp_path / "deck.txt").read_bytes() == b"kapdocs' deck"
    # and both are kapdocs' files from now on
    assert set(Manifest(tmp_path).records) == {"plan.txt", "deck.txt"}


def test_an_unreadable_manifest_protects_every_existing_file(tmp_path: Path) -> None:
    OutputFolder(tmp_path).write("plan.txt", b"version one")
    (tmp_path / MANIFEST).write_text("{ not json", encoding="utf-8")
    # without a record kapdocs cannot tell an edit from its own file: it refuses
    with pytest.raises(OutputProtectedError):
        OutputFolder(tmp_path).write("plan.txt", b"version two")


def test_the_manifest_cannot_be_overwritten_by_a_renderer(tmp_path: Path) -> None:
    # the manifest's name is not an output name
    with pytest.raises(RenderError):
        OutputFolder(tmp_path).write(MANIFEST, b"{}")


# -- all or nothing -------------------------------------------------------------------------------------
def test_a_staged_folder_checks_every_file_before_writing_any(tmp_path: Path) -> None:
    first = OutputFolder(tmp_path)
    first.write("a.txt", b"a1")
    first.write("b.txt", b"b1")
    (tmp_path / "b.txt").write_bytes(b"b1 edited")
    staged = OutputFolder(tmp_path, staged=True)
    staged.write("a.txt", b"a2")
    staged.write("b.txt", b"b2")
    # nothing replaced while staging
    assert (tmp_path / "a.txt").read_bytes() == b"a1"
    with pytest.raises(OutputProtectedError, match="nothing was written"):
        staged.commit()
    # the refusal of b.txt stops a.txt too: a build is never half-applied
    assert (tmp_path / "a.txt").read_bytes() == b"a1"
    assert (tmp_path / "b.txt").read_bytes() == b"b1 edited"
    assert files(tmp_path) == {"a.txt", "b.txt", MANIFEST}


class FakeRenderer:
    """A renderer stand-in: writes `names`, each with `content`."""

    def __init__(self, name: str, names: list[str], content: bytes = b"content", per_meeting: bool = False):
        self.name, self.names, self.content, self.per_meeting = name, names, content, per_meeting

    def load(self):
        def render(job):
            return [job.out.write(n, self.content) for n in self.names]
        return render


def test_render_writes_nothing_when_one_output_is_protected(tmp_path: Path, rich_plan, today) -> None:
    from kapdocs.render import Options

    renderers = [FakeRenderer("one", ["one.txt"]), FakeRenderer("two", ["two.txt"])]
    api.render(rich_plan, renderers, tmp_path, Options(today=today))
    (tmp_path / "two.txt").write_bytes(b"edited by hand")
    again = [FakeRenderer("one", ["one.txt"], b"new"), FakeRenderer("two", ["two.txt"], b"new")]
    with pytest.raises(OutputProtectedError):
        api.render(rich_plan, again, tmp_path, Options(today=today))
    # one.txt was not replaced either: the check comes before any file of the run is written
    assert (tmp_path / "one.txt").read_bytes() == b"content"
    assert files(tmp_path) == {"one.txt", "two.txt", MANIFEST}
    # --force writes both
    api.render(rich_plan, again, tmp_path, Options(today=today), force=True)
    assert (tmp_path / "two.txt").read_bytes() == b"new"


def test_a_renderer_that_crashes_leaves_the_folder_as_it_was(tmp_path: Path, rich_plan, today) -> None:
    from kapdocs.render import Options

    class Crash(FakeRenderer):
        def load(self):
            def render(job):
                raise RuntimeError("bug")
            return render

    with pytest.raises(RuntimeError):
        api.render(rich_plan, [FakeRenderer("one", ["one.txt"]), Crash("two", [])], tmp_path, Options(today=today))
    # the first renderer's file is not left behind, half a build would be misleading
    assert files(tmp_path) == set()


# -- the command line -------------------------------------------------------------------------------------
@pytest.fixture
def fake_plan_renderer(monkeypatch):
    """`kapdocs plan` with a fake renderer that writes plan.txt."""
    import kapdocs.cli  # noqa: F401  (the commands are made from the real entries; the fake only renders)
    import kapdocs.render

    monkeypatch.setattr(kapdocs.render, "RENDERERS", [FakeRenderer("plan", ["plan.txt"])])


def test_the_cli_refuses_with_exit_code_3_and_force_overrides(tmp_path: Path, fake_plan_renderer) -> None:
    sample = str(ROOT / "samples" / "northwind-foods.yaml")
    runner = CliRunner()
    first = runner.invoke(main_cli(), ["plan", sample, "-o", str(tmp_path), "--today", "2026-11-25"])
    assert first.exit_code == 0, first.output
    (tmp_path / "plan.txt").write_bytes(b"edited")
    refused = runner.invoke(main_cli(), ["plan", sample, "-o", str(tmp_path), "--today", "2026-11-25"])
    # exit code 3 and a message that names the file and the way out
    assert refused.exit_code == 3
    assert "plan.txt" in refused.output and "--force" in refused.output
    # no traceback for an expected situation
    assert "Traceback" not in refused.output
    forced = runner.invoke(main_cli(), ["plan", sample, "-o", str(tmp_path), "--today", "2026-11-25", "--force"])
    assert forced.exit_code == 0 and (tmp_path / "plan.txt").read_bytes() == b"content"


def main_cli():
    from kapdocs.cli import main

    return main


def test_build_pdf_without_libreoffice_is_refused_before_writing(tmp_path: Path, monkeypatch) -> None:
    from kapdocs import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    out = tmp_path / "out"
    result = CliRunner().invoke(main_cli(), ["build", str(ROOT / "samples"), "-o", str(out), "--pdf"])
    # exit code 2 (a missing tool that was asked for) with a message saying what to install
    assert result.exit_code == 2 and "LibreOffice" in result.output
    # checked before anything is written: not even the folder exists
    assert not out.exists()


def test_an_edited_file_read_back_into_the_plan_can_be_adopted(tmp_path: Path) -> None:
    from kapdocs.manifest import adopt

    OutputFolder(tmp_path).write("matrix.xlsx.txt", b"version one")
    (tmp_path / "matrix.xlsx.txt").write_bytes(b"edited, then read back into the plan")
    adopt(tmp_path / "matrix.xlsx.txt")
    # once its edits are in the plan, replacing the file loses nothing: no --force needed
    OutputFolder(tmp_path).write("matrix.xlsx.txt", b"version two")
    assert (tmp_path / "matrix.xlsx.txt").read_bytes() == b"version two"


def test_outputs_get_the_users_usual_file_mode(tmp_path):
    import os
    import stat

    from kapdocs.output import OutputFolder

    old = os.umask(0o022)
    try:
        path = OutputFolder(tmp_path).write("notes.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    finally:
        os.umask(old)
    # readable by others like any file the user saves, not 0600 like a temporary file
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def _docx_bytes(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_rebuild_without_pdf_removes_the_stale_pdf_kapdocs_made(tmp_path):
    from kapdocs.output import OutputFolder

    folder = OutputFolder(tmp_path, staged=True)
    folder.write("plan.docx", _docx_bytes("first"))
    folder.write("plan.pdf", b"%PDF-1.4 old")
    folder.write("notes.pdf", b"%PDF-1.4 the user's")
    folder.commit()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 edited by the user")
    again = OutputFolder(tmp_path, staged=True)
    again.write("plan.docx", _docx_bytes("second"))
    again.commit()
    # the old PDF no longer matches its document: kapdocs made it, so kapdocs removes it
    assert not (tmp_path / "plan.pdf").exists()
    # a PDF whose document was not rebuilt, or that the user changed, is left alone
    assert (tmp_path / "notes.pdf").read_bytes() == b"%PDF-1.4 edited by the user"


def test_temporary_files_of_an_interrupted_run_are_swept(tmp_path):
    import time

    from kapdocs.output import LEFTOVER_AGE_S, OutputFolder

    old = tmp_path / ".plan-abc123.docx.tmp"
    young = tmp_path / ".deck-def456.pptx.tmp"
    mine = tmp_path / ".hidden-notes.tmp"
    for path in (old, young, mine):
        path.write_bytes(b"half")
    past = time.time() - LEFTOVER_AGE_S - 60
    os.utime(old, (past, past))
    os.utime(mine, (past, past))
    OutputFolder(tmp_path).write("notes.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    # a killed run's leftover goes; a run that may still be going, and files that are not kapdocs', stay
    assert not old.exists() and young.exists() and mine.exists()
