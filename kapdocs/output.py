"""Writing deliverables safely: inside the output folder, atomically, verified.

Every renderer hands its bytes (or a function that writes a file) to
`OutputFolder.write`. The file goes to a temporary name in the same folder, is
re-opened by a verifier when one is given, and only then renamed over the old
file, so a failure at any point leaves the previous good file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import RenderError, UsageError

Writer = Callable[[Path], None]
Verifier = Callable[[Path], None]


class OutputFolder:
    """The folder deliverables are written to; names are checked to stay inside it."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.written: list[Path] = []

    def target(self, name: str) -> Path:
        """The path of `name` in the folder; a name that would leave the folder is refused."""
        if not name or name != Path(name).name or name in (".", "..") or "\\" in name:
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

    def write(self, name: str, produce: Writer | bytes, verify: Verifier | None = None) -> Path:
        """Write `name` atomically from bytes or a writer function; return its path."""
        final = self.target(name)
        self.prepare()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.stem[:40]}-", suffix=final.suffix + ".tmp", dir=self.root)
        tmp = Path(tmp_name)
        try:
            if isinstance(produce, bytes):
                with os.fdopen(fd, "wb") as fh:
                    fh.write(produce)
            else:
                os.close(fd)
                produce(tmp)
            if verify is not None:
                verify(tmp)
            os.replace(tmp, final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self.written.append(final)
        return final
