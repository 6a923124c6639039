"""Writing deliverables safely: inside the output folder, atomically, verified, never over a user's edits.

Every renderer hands its bytes (or a function that writes a file) to
`OutputFolder.write`. The file goes to a temporary name in the same folder, is
written in its reproducible form (Office files, see `kapdocs.reproducible`),
checked (Office files at the zip and XML level, `kapdocs.ooxml`, then by the
renderer's verifier when one is given), and only then renamed over the old
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import atomic
from .errors import RenderError, UsageError
from .manifest import MANIFEST, Manifest, refuse, sha256

Writer = Callable[[Path], None]
Verifier = Callable[[Any], None]
"""Checks a written file before it is published: given the checked `kapdocs.ooxml.Package` of an Office
file, else the file's path; raises to refuse it."""
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
        self.account: str | None = None
        """The account the files being written are for (set by `api.render`): a file of another account
        is never replaced, within a build or across builds."""
        self.written: list[Path] = []
        self._pending: dict[str, tuple[Path, str, Path | None, str | None]] = {}
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
            recover(self.root)
            _sweep_leftovers(self.root)

    def write(self, name: str, produce: Writer | bytes, verify: Verifier | None = None, *,
              normalised: bool = False) -> Path:
        """Write `name` atomically from bytes or a writer function; return its path.

        Office files are normalised (`kapdocs.reproducible.normalise_zip`) unless the writer wrote
        them so, then checked at the zip and XML level (`kapdocs.ooxml.check_package`) and handed to
        `verify`; `normalised` says the bytes already went through all that (a batch build's files,
        written and checked by a worker). In a staged folder the file stays at its temporary name
        until `commit()`.
        """
        final = self.target(name)
        self.prepare()
        tmp = atomic.temporary(final)  # the user's usual file mode
        try:
            if isinstance(produce, bytes):
                tmp.write_bytes(produce)
            else:
                produce(tmp)
            if not normalised:
                self._normalise(tmp, name)
                self._verify(tmp, name, verify)
            digest = sha256(tmp)
            atomic.durable(tmp)
            if self.staged:
                self._stage(name, tmp, digest)
                return final
            manifest = Manifest(self.root)
            self._check(manifest, {name: (digest, self.account)}, nothing_written=False)
            os.replace(tmp, final)  # durable already
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        manifest.record(name, digest, self.plan, self.account)
        _drop_stale_pdf(manifest, name, keep=set())
        self.written.append(final)
        return final

    @staticmethod
    def _verify(tmp: Path, name: str, verify: Verifier | None) -> None:
        """Every Office file is checked at the zip and XML level (`kapdocs.ooxml`), then by `verify`."""
        from .reproducible import OFFICE_SUFFIXES

        if not name.lower().endswith(OFFICE_SUFFIXES):
            if verify is not None:
                verify(tmp)
            return
        from .ooxml import check_package

        package = check_package(tmp, name)
        try:
            if verify is not None:
                verify(package)
        finally:
            package.close()

    @staticmethod
    def _normalise(tmp: Path, name: str) -> None:
        from .reproducible import OFFICE_SUFFIXES, is_normalised, normalise_zip

        if name.lower().endswith(OFFICE_SUFFIXES):
            import zipfile

            try:
                if not is_normalised(tmp):  # kapdocs's own Word and PowerPoint writers write it so
                    normalise_zip(tmp)
            except zipfile.BadZipFile:
                raise RenderError(f"{name}: the writer did not produce an Office (zip) file") from None

    def _stage(self, name: str, tmp: Path, digest: str) -> None:
        previous = self._pending.get(name)
        if previous is not None and None not in (previous[3], self.account) and previous[3] != self.account:
            tmp.unlink(missing_ok=True)
            raise UsageError(f"'{previous[3]}' and '{self.account}' would both write {name} (their names give "
                             "the same file name); build them into different folders")
        if previous is not None:
            del self._pending[name]
            previous[0].unlink(missing_ok=True)
        self._pending[name] = (tmp, digest, self.plan, self.account)

    def _check(self, manifest: Manifest, digests: dict[str, tuple[str, str | None]], *,
               nothing_written: bool) -> None:
        if self.force:
            return
        protected = [p for name, (digest, account) in digests.items()
                     if (p := manifest.protection(name, digest, account))]
        if protected:
            raise refuse(protected, nothing_written=nothing_written)

    # -- staged writing ------------------------------------------------------------------
    @property
    def pending(self) -> dict[str, Path]:
        """Staged files not yet committed: final name -> the temporary file holding its bytes."""
        return {name: entry[0] for name, entry in self._pending.items()}

    def plan_of(self, name: str) -> Path | None:
        """The plan a staged file came from (None when unknown)."""
        staged = self._pending.get(name)
        return staged[2] if staged else None

    def account_of(self, name: str) -> str | None:
        """The account a staged file is for (None when unknown)."""
        staged = self._pending.get(name)
        return staged[3] if staged else None

    def commit(self) -> list[Path]:
        """Move every staged file to its name, after checking that none of them is protected.

        A refusal removes the staged files and raises `OutputProtectedError` before
        anything is replaced. The manifest is updated after each file.
        """
        if not self._pending:
            return []
        manifest = Manifest(self.root)
        try:
            self._check(manifest, {name: (digest, account) for name, (_, digest, _, account)
                                   in self._pending.items()}, nothing_written=True)
        except BaseException:
            self.discard()
            raise
        # all or nothing as the next run sees it: the journal lists every rename before the first one; a run
        # killed among the renames is completed by the next run (`recover`), which then updates the manifest
        entries = [(name, tmp.name, digest, None if plan is None else Path(plan).as_posix(), account)
                   for name, (tmp, digest, plan, account) in self._pending.items()]
        _write_journal(self.root, entries)
        committed = []
        for name, (tmp, digest, plan, account) in list(self._pending.items()):
            final = self.target(name)
            os.replace(tmp, final)
            manifest.record(name, digest, plan, account, save=False)
            self.written.append(final)
            committed.append(final)
        self._pending.clear()
        names = {p.name for p in committed}
        for name in names:
            _drop_stale_pdf(manifest, name, keep=names, save=False)
        manifest.save()  # once, for the whole set
        _journal(self.root).unlink(missing_ok=True)
        return committed

    @contextmanager
    def committing(self, own: bool = True) -> Iterator["OutputFolder"]:
        """The folder, committed when the block ends and discarded if it raises (nothing written at all).
        `own` False leaves both to the caller that handed the folder over."""
        if not own:
            yield self
            return
        try:
            yield self
            self.commit()
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove every staged file (after a failed build: the folder is left as it was)."""
        for entry in self._pending.values():
            entry[0].unlink(missing_ok=True)
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


JOURNAL = ".kapdocs-journal.json"
"""The list of renames a commit is making, in the output folder while it makes them."""


def _journal(root: Path) -> Path:
    return root / JOURNAL


def _write_journal(root: Path, entries: list[tuple]) -> None:
    import json

    from .atomic import write_bytes

    doc = {"format": 1, "renames": [{"name": n, "temporary": t, "sha256": d, "plan": p, "account": a}
                                    for n, t, d, p, a in entries]}
    write_bytes(_journal(root), (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
                prefix=".kapdocs-journal-", suffix=".tmp")


def recover(root: Path) -> list[str]:
    """Complete a commit that a killed run left half done: every staged file it listed was durable before the
    journal was written, so each rename not yet made is made, the manifest records the whole set, and the
    journal goes. Returns the names completed."""
    import json

    path = _journal(root)
    if not path.is_file():
        return []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        renames = doc["renames"]
    except (OSError, ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)
        return []
    manifest = Manifest(root)
    done = []
    for entry in renames:
        name, tmp = entry.get("name"), entry.get("temporary")
        if not isinstance(name, str) or not isinstance(tmp, str) or Path(name).name != name or Path(tmp).name != tmp:
            continue
        staged = root / tmp
        if staged.is_file():
            os.replace(staged, root / name)
        if (root / name).is_file() and sha256(root / name) == entry.get("sha256"):
            manifest.record(name, entry["sha256"], entry.get("plan"), entry.get("account"), save=False)
            done.append(name)
    manifest.save()
    path.unlink(missing_ok=True)
    return done


def _drop_stale_pdf(manifest: Manifest, name: str, keep: set[str], *, save: bool = True) -> None:
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
        if save:
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
