"""Plain-text handling shared by the loader and every renderer.

`clean` removes what XML cannot hold; `parse_markdown` reads the small Markdown
subset users type in long text fields (paragraphs, `- ` bullets, `**bold**`,
`*italic*`) into blocks that each renderer turns into native paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters XML 1.0 cannot hold: C0 controls except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(value: str) -> str:
    """`value` with CR/CRLF turned into LF and every character XML cannot hold removed."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", value)


def needs_cleaning(value: str) -> bool:
    """Whether `clean` would remove characters XML cannot hold (line endings aside)."""
    return _ILLEGAL.search(value) is not None


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (`bullet` False) or a bullet item, as a list of spans."""

    spans: tuple[Span, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(s.text for s in self.spans)


# Emphasis markers must not touch a letter or digit on their outer side: `a*b` and `2 * 3` stay literal.
_EMPHASIS = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"
                       r"|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_BULLET = re.compile(r"^\s*[-*•]\s+")


def parse_inline(text: str) -> tuple[Span, ...]:
    """Spans of one line: `**bold**` and `*italic*`; anything else is literal text."""
    spans: list[Span] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos:m.start()]))
        if m.group(1) is not None:
            spans.append(Span(m.group(1), bold=True))
        else:
            spans.append(Span(m.group(2), italic=True))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return tuple(spans)


def parse_markdown(text: str | None) -> list[Block]:
    """Blocks of `text`: blank lines separate paragraphs; `- ` lines are bullet items.

    Consecutive plain lines join into one paragraph (a single line break is a space),
    as in Markdown; an indented line after a bullet continues that bullet.
    """
    if not text:
        return []
    raw_blocks: list[tuple[bool, list[str]]] = []  # (is a bullet, its lines)
    open_block = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            open_block = False
        elif _BULLET.match(raw):
            raw_blocks.append((True, [_BULLET.sub("", raw).strip()]))
            open_block = True
        elif open_block and (not raw_blocks[-1][0] or raw[:1].isspace()):
            raw_blocks[-1][1].append(line)
        else:
            raw_blocks.append((False, [line]))
            open_block = True
    return [Block(parse_inline(" ".join(lines)), bullet=bullet) for bullet, lines in raw_blocks]


def plain(text: str | None) -> str:
    """`text` without Markdown emphasis markers, lines joined: for cells and one-liners."""
    return " ".join(
        ("• " if b.bullet else "") + b.text for b in parse_markdown(text)
    )


PROPERTY_LIMIT = 255
"""Most characters Office allows in a document property (title, subject, keywords...)."""


def property_text(text: str) -> str:
    """`text` fitted to a document property: one line, at most 255 characters (else an ellipsis)."""
    text = " ".join(text.split())
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "\u2026"
