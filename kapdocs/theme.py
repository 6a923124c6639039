"""Themes: colours, fonts and reference documents, looked up option first, then built-in.

A theme is a folder with `theme.yaml` and, optionally, `reference.docx`,
`reference.pptx` and a logo (PNG or JPEG, named by `logo:` in `theme.yaml`, kept in
the same folder). Whatever a user theme leaves out comes from the built-in one,
which has no logo.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import UsageError
from .resources import templates_dir

_HEX = r"^[0-9A-Fa-f]{6}$"


class _Colours(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary: str = Field("1F3A5F", pattern=_HEX)
    secondary: str = Field("2E75B6", pattern=_HEX)
    text: str = Field("262626", pattern=_HEX)
    muted: str = Field("6B7280", pattern=_HEX)
    light: str = Field("EEF2F7", pattern=_HEX)
    line: str = Field("C9D3E0", pattern=_HEX)
    accents: list[str] = Field(default_factory=lambda: ["2E75B6", "ED7D31", "70AD47", "FFC000"], min_length=2)
    red: str = Field("C00000", pattern=_HEX)
    amber: str = Field("E8A200", pattern=_HEX)
    green: str = Field("2E8B57", pattern=_HEX)


class _Fonts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str = "Arial"
    body: str = "Arial"


class _Confidentiality(BaseModel):
    model_config = ConfigDict(extra="forbid")
    internal: str = Field("Internal and confidential", min_length=1, max_length=80)
    """The label on our own documents (page headers and footers, the cover)."""
    customer: str = Field("Prepared for {customer}", min_length=1, max_length=80,
                          pattern=r"^(?:[^{}]|\{customer\})*$")
    """The label on customer documents; `{customer}` is replaced by the customer's name."""


class _ThemeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = "custom"
    colours: _Colours = _Colours()
    fonts: _Fonts = _Fonts()
    logo: str | None = Field(None, min_length=1, max_length=255)
    company: str | None = Field(None, min_length=1, max_length=200)
    """Our company's name, where the plan does not name us (`supplier.name` wins)."""
    confidentiality: _Confidentiality = _Confidentiality()


LOGO_MAX_BYTES = 5 * 1024 * 1024
"""The largest logo file accepted (a logo on a cover needs far less)."""

_LOGO_KINDS = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def _logo(folder: Path, source: Path, name: str | None) -> Path | None:
    """The logo file `name` in the theme `folder`, checked: a PNG or JPEG file inside the folder (no path
    that leads elsewhere, no link out of it), at most `LOGO_MAX_BYTES`, whose content is what its name says."""
    if name is None:
        return None
    where = f"{source}: logo: '{name}'"
    path = folder / name
    if Path(name).name != name or name in (".", ".."):
        raise UsageError(f"{where} must be a file name in the theme folder, e.g. logo: logo.png (no folders)")
    suffix = path.suffix.lower()
    if suffix not in _LOGO_KINDS:
        raise UsageError(f"{where} must be a .png, .jpg or .jpeg file")
    try:
        inside = path.resolve(strict=True).is_relative_to(folder.resolve())
    except OSError:
        raise UsageError(f"{where} does not exist in the theme folder {folder}") from None
    if not inside or not path.is_file():
        raise UsageError(f"{where} must be a file in the theme folder {folder}, not a link elsewhere")
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        raise UsageError(f"{where} is {size / 1048576:.1f} MB; a logo may be at most {LOGO_MAX_BYTES // 1048576} MB")
    with path.open("rb") as f:
        head = f.read(8)
    if not any(head.startswith(magic) for magic in _LOGO_KINDS[suffix]):
        raise UsageError(f"{where} is not a {suffix[1:].upper()} image (its content does not match its name)")
    return path


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (hex RRGGBB), fonts and the reference documents of a theme."""

    name: str
    colours: _Colours
    fonts: _Fonts
    folder: Path
    logo: Path | None = None
    """Our company's logo, shown on the plan's cover and the deck's title slide; None: no logo."""
    company: str | None = None
    """Our company's name from the theme (the plan's `supplier.name` wins over it)."""
    confidentiality: _Confidentiality = field(default_factory=_Confidentiality)
    """The confidentiality labels of internal and customer documents."""

    def label(self, audience: str, customer: str) -> str:
        """The confidentiality label for `audience`: "Internal and confidential", "Prepared for Northwind"."""
        if audience == "internal":
            return self.confidentiality.internal
        return self.confidentiality.customer.replace("{customer}", customer)

    def reference(self, suffix: str) -> Path:
        """The reference document (`docx` or `pptx`): the theme's own, else the built-in one."""
        own = self.folder / f"reference.{suffix}"
        return own if own.is_file() else templates_dir() / f"reference.{suffix}"

    def rag(self, status: str) -> str:
        """The colour of a red/amber/green status."""
        return {"red": self.colours.red, "amber": self.colours.amber, "green": self.colours.green}[status]


@functools.lru_cache(maxsize=8)
def tint(hex_colour: str, share: float) -> str:
    """`hex_colour` (RRGGBB, with or without '#') mixed with white: `share` 1 is the colour, 0 is white.

    Returns RRGGBB without '#'.
    """
    hex_colour = hex_colour.lstrip("#")
    rgb = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


THEME_MAX_BYTES = 256 * 1024
"""The largest theme.yaml read (a theme is a few lines)."""


def _theme_data(source: Path) -> dict:
    """theme.yaml as data, read like a plan file (sizes, depth, aliases bounded; values as typed), or a clear
    error naming the file."""
    from .errors import PlanError
    from .load import read_data

    try:
        if source.stat().st_size > THEME_MAX_BYTES:
            raise UsageError(f"{source}: {source.stat().st_size:,} bytes; a theme.yaml is at most "
                             f"{THEME_MAX_BYTES:,} bytes")
        located = read_data(source)
    except PlanError as exc:
        raise UsageError("; ".join(str(p) for p in exc.problems)) from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read it: {exc.strerror or exc}") from None
    return located.data


@functools.lru_cache(maxsize=16)
def _checked(path: str, size: int, mtime: float) -> None:
    from .templating.safety import check_package

    check_package(Path(path), "reference document")


def _check_references(folder: Path) -> None:
    """A user theme's reference documents are copied into every deliverable: each is checked as an Office
    file from a user (size, zip bombs, macros, external links, DOCTYPE) before any document uses it."""
    for suffix in ("docx", "pptx"):
        path = folder / f"reference.{suffix}"
        if path.is_file():
            stat = path.stat()
            _checked(str(path.resolve()), stat.st_size, stat.st_mtime)
        elif path.exists() or path.is_symlink():
            raise UsageError(f"{path}: not a file")


def load_theme(folder: Path | None = None) -> Theme:
    """The theme in `folder` (None: the built-in theme)."""
    folder = Path(folder) if folder else templates_dir()
    source = folder / "theme.yaml"
    if not folder.is_dir():
        raise UsageError(f"theme folder {folder} does not exist")
    if source.is_file():
        data = _theme_data(source)
        try:
            parsed = _ThemeFile.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            what = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
            raise UsageError(f"{source}: {where}: {what} (kapdocs theme check {folder} lists every problem)") from None
    else:
        parsed = _ThemeFile()
    if folder.resolve() != templates_dir().resolve():
        _check_references(folder)
    return Theme(parsed.name, parsed.colours, parsed.fonts, folder, _logo(folder, source, parsed.logo),
                 parsed.company, parsed.confidentiality)


WORD_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Normal", "List Bullet", "List Bullet 2",
               "Caption", "TOC Heading", "Header", "Footer", "Gap Note", "Table Text", "Small", "Cover Detail",
               "Callout")
"""The paragraph styles the Word documents use by name (a missing one falls back to Normal)."""
SLIDE_LAYOUTS = ("Title Slide", "Title and Content", "Two Content", "Title Only")
"""The slide layouts the decks need by name."""


def check_theme(folder: Path) -> list[str]:
    """Every problem of the theme in `folder`, each naming its file: errors, then "warning: ..." lines.

    theme.yaml (unknown keys, invalid values), the logo, and each reference document: checked as an
    Office file from a user (size, zip bombs, macros, external links, DOCTYPE), then its styles
    (Word; a missing one is a warning: kapdocs falls back to Normal) or slide layouts (PowerPoint;
    a missing one is an error)."""
    from .templating.safety import check_package

    folder = Path(folder)
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    problems: list[str] = []
    warnings: list[str] = []
    source = folder / "theme.yaml"
    if not source.is_file():
        warnings.append(f"warning: {source}: no theme.yaml; the built-in colours and fonts apply")
    else:
        try:
            data = _theme_data(source)
        except UsageError as exc:
            problems.append(str(exc))
            data = None
        if data is not None:
            if not isinstance(data, dict):
                problems.append(f"{source}: must be keys and values (colours:, fonts:, logo:...)")
            else:
                try:
                    parsed = _ThemeFile.model_validate(data)
                except ValidationError as exc:
                    for error in exc.errors():
                        where = ".".join(str(p) for p in error["loc"])
                        what = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
                        problems.append(f"{source}: {where}: {what}")
                else:
                    try:
                        _logo(folder, source, parsed.logo)
                    except UsageError as exc:
                        problems.append(str(exc))
    for suffix in ("docx", "pptx"):
        path = folder / f"reference.{suffix}"
        if not path.exists():
            continue
        try:
            check_package(path, "reference document")
        except UsageError as exc:
            problems.append(str(exc))
            continue
        try:
            if suffix == "docx":
                import docx

                names = {s.name for s in docx.Document(str(path)).styles}
                warnings += [f"warning: {path}: no style '{n}'; kapdocs uses Normal instead" for n in WORD_STYLES
                             if n not in names]
            else:
                from pptx import Presentation

                layouts = {layout.name for layout in Presentation(str(path)).slide_layouts}
                problems += [f"{path}: no slide layout '{n}'; the decks need {', '.join(SLIDE_LAYOUTS)}"
                             for n in SLIDE_LAYOUTS if n not in layouts]
        except Exception as exc:  # noqa: BLE001 - any failure to read it is the theme's problem, reported
            problems.append(f"{path}: cannot be read as a {suffix} file: {exc}")
    return problems + warnings
