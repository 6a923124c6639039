"""The theme's reference documents, parsed once per process.

Every Word file kapdocs writes starts from the theme's `reference.docx` and every deck from its
`reference.pptx`. Parsing one takes longer than copying it (about 8 ms against 4 ms for the Word one),
and a build writes several documents (a batch worker, hundreds): each is parsed once, kept, and each
document gets its own deep copy (every part and XML tree its own).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

_PARSED: dict[tuple[str, int, int], Any] = {}
_KEPT = 8
"""Reference documents kept at once (a process rarely uses more than the built-in pair and a theme's)."""


def fresh(path: Path) -> Any:
    """A python-docx `Document` or python-pptx `Presentation` (by `path`'s suffix) of its own, equal to
    opening `path`; parsed once while the file is unchanged (its size and modification time)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    parsed = _PARSED.get(key)
    if parsed is None:
        if path.suffix.lower() == ".pptx":
            from pptx import Presentation

            parsed = Presentation(str(path))
        else:
            import docx

            parsed = docx.Document(str(path))
        if len(_PARSED) >= _KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = parsed
    return copy.deepcopy(parsed)
