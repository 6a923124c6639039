"""Writing a file as one step: every writer in kapdocs goes through here.

A file is written to a temporary file beside it, flushed to disk, then renamed over the
old one: a reader sees the old bytes or the new, never a half-written file, and a power
cut after the rename keeps the new bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary(beside: Path, *, prefix: str | None = None, suffix: str | None = None,
              mode: int | None = None) -> Path:
    """A new empty temporary file in `beside`'s folder, named `.<stem>-XXXX<suffix>.tmp`.

    Its mode is `mode`, else the user's usual mode for a new file (mkstemp's is 0600).
    """
    fd, name = tempfile.mkstemp(prefix=prefix if prefix is not None else f".{beside.stem[:40]}-",
                                suffix=suffix if suffix is not None else beside.suffix + ".tmp",
                                dir=beside.parent)
    os.close(fd)
    os.chmod(name, mode if mode is not None else 0o666 & ~_umask())
    return Path(name)


def durable(path: Path) -> None:
    """Flush `path`'s bytes to disk (before the rename that publishes them)."""
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def publish(tmp: Path, path: Path) -> None:
    """Make `tmp` durable and rename it over `path` in one step."""
    durable(tmp)
    os.replace(tmp, path)


def write_bytes(path: Path, data: bytes, *, mode: int | None = None, prefix: str | None = None,
                suffix: str | None = None) -> None:
    """Replace `path` with `data` atomically and durably; nothing is left behind on failure."""
    tmp = temporary(path, prefix=prefix, suffix=suffix, mode=mode)
    try:
        tmp.write_bytes(data)
        publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
