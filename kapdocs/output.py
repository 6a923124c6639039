"""Writing deliverables safely: inside the output folder, atomically, verified, never over a user's edits.

Every renderer hands its bytes (or a function that writes a file) to
`OutputFolder.write`. The file goes to a temporary name in the same folder, is
normalised for reproducible builds (Office files, see `kapdocs.reproducible`),
re-opened by a verifier when one is given, and only then renamed over the old
file, so a failure at any point leaves the previous good file as it was.

Before replacing a file the folder consults its manifest (`kapdocs.manifest`):
a file the user edited, or one kapdocs did not write, is refused with
`OutputProtectedError` unless `force` is set. A *staged* folder (what
`kapdocs build` uses) keeps every file at its temporary name until `commit()`,
which checks all of them first, so a refused build writes nothing at all.
"""

from __future__ import annotations

import os
import re
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from . import atomic
from .errors import RenderError, UsageError
from .manifest import MANIFEST, Manifest, refuse, sha256

Writer = Callable[[Path], None]
Verifier = Callable[[Path], None]
_STAGING: "weakref.WeakSet[OutputFolder]" = weakref.WeakSet()
"""Staged folders alive in this process, so that `staged_file` can find a file not yet committed."""


class OutputFolder:
    """The folder deliverables are written to; names are checked to stay inside it."""

    def __init__(self, root: str | Path, *, force: bool = False, staged: bool = False):
        self.root = Path(root)
        self.force = force
        """Replace files even when the user edited them or kapdocs did not write them (`--force`)."""
        self.staged = staged
        """Keep files at temporary names until `commit()` (all or nothing)."""
        self.plan: Path | None = None
        """The plan the files being written come from, recorded in the manifest (set by `api.render`)."""
        self.written: list[Path] = []
        self._pending: dict[str, tuple[Path, str, Path | None]] = {}
        self._swept = False
        if staged:
            _STAGING.add(self)

    def target(self, name: str) -> Path:
        """The path of `name` in the folder; a name that would leave the folder is refused."""
        if not name or name != Path(name).name or name in (".", "..", MANIFEST) or "\\" in name:
            raise RenderError(f"refusing the output name {name!r}: not a plain file name")
        return self.root / name

    def prepare(self) -> None:
        """Create the folder (and its parents) if needed."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create the output folder {self.root}: {exc.strerror or exc}") from None
        if not self.root.is_dir():
            raise UsageError(f"the output path {self.root} exists and is not a folder")
        if not self._swept:
            self._swept = True
            _sweep_leftovers(self.root)

    def write(self, name: str, produce: Writer | bytes, verify: Verifier | None = None) -> Path:
        """Write `name` atomically from bytes or a writer function; return its path.

        Office files are normalised (`kapdocs.reproducible.normalise_zip`) before `verify`
        re-opens them. In a staged folder the file stays at its temporary name until `commit()`.
        """
        final = self.target(name)
        self.prepare()
        tmp = atomic.temporary(final)  # the user's usual file mode
        try:
            if isinstance(produce, bytes):
                tmp.write_bytes(produce)
            else:
                produce(tmp)
            self._normalise(tmp, name)
            if verify is not None:
                verify(tmp)
            digest = sha256(tmp)
            atomic.durable(tmp)
            if self.staged:
                self._stage(name, tmp, digest)
                return final
            manifest = Manifest(self.root)
            self._check(manifest, {name: digest}, nothing_written=False)
            os.replace(tmp, final)  # durable already
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        manifest.record(name, digest, self.plan)
        _drop_stale_pdf(manifest, name, keep=set())
        self.written.append(final)
        return final

    @staticmethod
    def _normalise(tmp: Path, name: str) -> None:
        from .reproducible import OFFICE_SUFFIXES, normalise_zip

        if name.lower().endswith(OFFICE_SUFFIXES):
            import zipfile

            try:
                normalise_zip(tmp)
            except zipfile.BadZipFile:
                raise RenderError(f"{name}: the writer did not produce an Office (zip) file") from None

    def _stage(self, name: str, tmp: Path, digest: str) -> None:
        previous = self._pending.pop(name, None)
        if previous is not None:
            previous[0].unlink(missing_ok=True)
        self._pending[name] = (tmp, digest, self.plan)

    def _check(self, manifest: Manifest, digests: dict[str, str], *, nothing_written: bool) -> None:
        if self.force:
            return
        protected = [p for name, digest in digests.items() if (p := manifest.protection(name, digest))]
        if protected:
            raise refuse(protected, nothing_written=nothing_written)

    # -- staged writing ------------------------------------------------------------------
    @property
    def pending(self) -> dict[str, Path]:
        """Staged files not yet committed: final name -> the temporary file holding its bytes."""
        return {name: tmp for name, (tmp, _, _) in self._pending.items()}

    def plan_of(self, name: str) -> Path | None:
        """The plan a staged file came from (None when unknown)."""
        staged = self._pending.get(name)
        return staged[2] if staged else None

    def commit(self) -> list[Path]:
        """Move every staged file to its name, after checking that none of them is protected.

        A refusal removes the staged files and raises `OutputProtectedError` before
        anything is replaced. The manifest is updated after each file.
        """
        if not self._pending:
            return []
        manifest = Manifest(self.root)
        try:
            self._check(manifest, {name: digest for name, (_, digest, _) in self._pending.items()},
                        nothing_written=True)
        except BaseException:
            self.discard()
            raise
        committed = []
        while self._pending:
            name, (tmp, digest, plan) = next(iter(self._pending.items()))
            final = self.target(name)
            os.replace(tmp, final)
            del self._pending[name]
            manifest.record(name, digest, plan)
            self.written.append(final)
            committed.append(final)
        names = {p.name for p in committed}
        for name in names:
            _drop_stale_pdf(manifest, name, keep=names)
        return committed

    def discard(self) -> None:
        """Remove every staged file (after a failed build: the folder is left as it was)."""
        for tmp, _, _ in self._pending.values():
            tmp.unlink(missing_ok=True)
        self._pending.clear()



_OFFICE = (".docx", ".pptx", ".xlsx")
LEFTOVER_AGE_S = 3600
"""Age after which a temporary file of an interrupted run is removed (a run in progress is younger)."""
_LEFTOVER = re.compile(r"^\..+\.(docx|pptx|xlsx|pdf|ics)\.tmp$|^\.kapdocs-manifest-.+\.tmp$")


def _sweep_leftovers(root: Path) -> None:
    """Remove temporary files that a killed or crashed run left behind (older than an hour)."""
    limit = time.time() - LEFTOVER_AGE_S
    for path in root.glob(".*.tmp"):
        try:
            if _LEFTOVER.match(path.name) and path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _drop_stale_pdf(manifest: Manifest, name: str, keep: set[str]) -> None:
    """Remove the PDF kapdocs once made of `name`, now that `name` was rewritten without one.

    A stale PDF beside a new document would be sent by mistake. Only a PDF the manifest
    records, unedited, is removed; one the user made or changed is left alone.
    """
    if not name.lower().endswith(_OFFICE):
        return
    pdf = name.rsplit(".", 1)[0] + ".pdf"
    record = manifest.records.get(pdf)
    path = manifest.folder / pdf
    if pdf in keep or record is None or not path.is_file():
        return
    if sha256(path) == record.sha256:
        path.unlink()
        del manifest.records[pdf]
        manifest.save()


def staged_file(path: str | Path) -> tuple[OutputFolder, str] | None:
    """The staged folder holding `path` as a file not yet committed, and its name; None if none does.

    A renderer gets the final path of what it wrote; in a staged folder (`kapdocs build`)
    that path does not exist until the end of the run. Post-processing (filling a table of
    contents) finds the bytes through `folder.pending[name]` and re-stages them with
    `folder.write(name, ...)`.
    """
    path = Path(path)
    for folder in list(_STAGING):
        if path.name in folder._pending and folder.target(path.name).resolve() == path.resolve():
            return folder, path.name
    return None
