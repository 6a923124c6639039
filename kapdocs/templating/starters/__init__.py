"""The starter templates `kapdocs template init` writes: one per format, each showing its features and
rendering the rich sample cleanly. The Office starters are built by code (reviewable, reproducible)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

STARTERS = {
    "account-summary.docx": "docx_starter",
    "qbr-deck.pptx": "pptx_starter",
    "pipeline.xlsx": "xlsx_starter",
    "meeting-invitation.eml": None,
    "call-report.md": None,
}
"""The starter files by name, and the module that builds each Office one."""


def write_starters(folder: Path) -> list[Path]:
    """Write every starter into `folder` (created if needed); returns their paths."""
    from ...reproducible import is_normalised, normalise_zip
    from . import text_starters

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, module in STARTERS.items():
        if module is None:
            continue
        path = folder / name
        import_module(f".{module}", __name__).write(path)
        if not is_normalised(path):  # the workbook's writer dates it now: the same kapdocs writes the same bytes
            normalise_zip(path)
        written.append(path)
    written += text_starters.write(folder)
    return written
