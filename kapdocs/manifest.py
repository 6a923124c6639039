"""What kapdocs wrote into an output folder, so that it never overwrites a user's edits.

kapdocs records every file it writes in `.kapdocs-manifest.json` in the output
folder: the file's name, its SHA-256, the kapdocs version and the plan it came
from. Before replacing a file, `OutputFolder` asks `protection()` whether it may:

- a file kapdocs wrote and nobody changed since (its SHA-256 is the recorded one) may be replaced;
- a file whose SHA-256 differs from the recorded one was edited: refused;
- a file kapdocs has no record of was not written by kapdocs: refused;
- either way, a file whose bytes are exactly those kapdocs is about to write loses nothing: allowed.

`--force` (`OutputFolder(force=True)`) replaces them anyway. The manifest is
itself written atomically, with sorted keys and no dates, so that a build is
reproducible down to it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import OutputProtectedError

MANIFEST = ".kapdocs-manifest.json"
"""The manifest's file name, in the output folder."""
FORMAT = 1
"""Version of the manifest's layout."""


def sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Record:
    """What kapdocs knows about one file it wrote."""

    sha256: str
    """SHA-256 of the bytes kapdocs wrote."""
    kapdocs: str
    """The kapdocs version that wrote them."""
    plan: str | None = None
    """The plan file they were built from, as given on the command line (None when unknown)."""
    account: str | None = None
    """The account (`account.name`) they were built for (None when unknown)."""


@dataclass(frozen=True, slots=True)
class Protected:
    """A file kapdocs must not replace without `--force`, and why."""

    path: Path
    edited: bool
    """True: kapdocs wrote it and it changed since; False: kapdocs has no record of writing it."""
    other_account: str | None = None
    """The account kapdocs wrote it for, when that is not the account being built now."""

    def __str__(self) -> str:
        if self.other_account is not None:
            return (f"{self.path} was written for another account, '{self.other_account}' (two accounts whose "
                    "names give the same file name: build them into different folders)")
        why = "was changed after kapdocs wrote it" if self.edited else "was not written by kapdocs"
        return f"{self.path} {why}"


class Manifest:
    """The records of one output folder, read from and saved to its `.kapdocs-manifest.json`."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / MANIFEST
        self.records: dict[str, Record] = {}
        self.readable = True
        """False when a manifest exists but cannot be read: every existing file is then unknown."""
        self._load()

    def _load(self) -> None:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            files = doc["files"]
            self.records = {name: Record(entry["sha256"], entry.get("kapdocs", "?"), entry.get("plan"),
                                         entry.get("account"))
                            for name, entry in files.items()}
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.records, self.readable = {}, False

    def record(self, name: str, digest: str, plan: str | Path | None = None, account: str | None = None, *,
               save: bool = True) -> None:
        """Record that kapdocs wrote `name` with SHA-256 `digest` (for `account`, from `plan`), and save the
        manifest unless `save` is False (a caller recording many files saves once)."""
        self.records[name] = Record(digest, __version__, None if plan is None else Path(plan).as_posix(), account)
        if save:
            self.save()

    def save(self) -> None:
        """Write the manifest atomically (a temporary file renamed over the old one)."""
        doc = {
            "format": FORMAT,
            "about": "Files kapdocs wrote here; kapdocs refuses to overwrite them once edited (use --force).",
            "files": {name: {key: value for key, value in (("sha256", r.sha256), ("kapdocs", r.kapdocs),
                                                           ("plan", r.plan), ("account", r.account))
                             if value is not None}
                      for name, r in sorted(self.records.items())},
        }
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        from .atomic import write_bytes

        write_bytes(self.path, text.encode("utf-8"), prefix=".kapdocs-manifest-", suffix=".tmp")

    def protection(self, name: str, new_digest: str | None = None, account: str | None = None) -> Protected | None:
        """Why kapdocs may not replace the file `name` (None: it may).

        `new_digest` is the SHA-256 of what would replace it: identical bytes lose nothing. A file kapdocs
        wrote for another account than `account` is never replaced (its account would lose its file).
        """
        path = self.folder / name
        if not path.exists():
            return None
        known = self.records.get(name)
        if account is not None and known is not None and known.account not in (None, account):
            return Protected(path, edited=False, other_account=known.account)
        try:
            current = sha256(path)
        except OSError:
            return Protected(path, edited=False)
        if current == new_digest:
            return None
        known = self.records.get(name)
        if known is None:
            return Protected(path, edited=False)
        return None if known.sha256 == current else Protected(path, edited=True)


def adopt(path: str | Path) -> None:
    """Record the file at `path`, as it is now, as kapdocs' own: the next build may replace it.

    For an output whose edits kapdocs has just read back into the plan (the contact
    matrix after `kapdocs contacts --update`): nothing in it would be lost any more.
    """
    path = Path(path)
    manifest = Manifest(path.parent)
    known = manifest.records.get(path.name)
    manifest.record(path.name, sha256(path), known.plan if known else None, known.account if known else None)


def refuse(protected: list[Protected], *, nothing_written: bool = False) -> OutputProtectedError:
    """The error that names every protected file and says how to go on."""
    kept = "nothing was written" if nothing_written else ("it was left as it is" if len(protected) == 1
                                                           else "they were left as they are")
    if len(protected) == 1:
        head = f"{protected[0]}; {kept}."
    else:
        head = ("refusing to replace files:\n" + "\n".join(f"  {p}" for p in protected) + f"\n{kept[0].upper()}{kept[1:]}.")
    return OutputProtectedError(
        f"{head}\nTo replace {'it' if len(protected) == 1 else 'them'} run again with --force, or write to a new folder with -o NEW_FOLDER.")
