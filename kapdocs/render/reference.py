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
_STYLE_IDS: dict[tuple[str, int, int], dict[str, str]] = {}
_KEPT = 8
"""Reference documents kept at once (a process rarely uses more than the built-in pair and a theme's)."""


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


def _parsed(path: Path) -> tuple[tuple[str, int, int], Any]:
    key = _key(path)
    parsed = _PARSED.get(key)
    if parsed is None:
        if path.suffix.lower() == ".pptx":
            from pptx import Presentation

            parsed = Presentation(str(path))
        else:
            import docx

            parsed = docx.Document(str(path))
        if len(_PARSED) >= _KEPT:  # the oldest goes, with its style ids
            oldest = next(iter(_PARSED))
            del _PARSED[oldest]
            _STYLE_IDS.pop(oldest, None)
        _PARSED[key] = parsed
    return key, parsed


def fresh(path: Path) -> Any:
    """A python-docx `Document` or python-pptx `Presentation` (by `path`'s suffix) of its own, equal to
    opening `path`; parsed once while the file is unchanged (its size and modification time)."""
    return copy.deepcopy(_parsed(path)[1])


def style_ids(path: Path) -> dict[str, str]:
    """The Word reference document's style ids by style name: for each name the first style of that name,
    which is what python-docx's `styles[name]` finds (read once, not for every document)."""
    key, document = _parsed(path)
    found = _STYLE_IDS.get(key)
    if found is None:
        found = {}
        for style in document.styles:
            found.setdefault(style.name, style.style_id)
        _STYLE_IDS[key] = found
    return found
