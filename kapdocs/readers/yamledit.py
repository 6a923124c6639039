"""Small, careful edits to a plan file through ruamel.yaml's round-trip mode.

ruamel.yaml keeps comments, key order, quoting and flow style, but it attaches each
comment to a neighbouring node: the blank line and the comment that introduce the
next section hang off the last key of the previous item. Deleting that key or
appending after that item would move them to the wrong place, so the helpers here
carry such trailing comments along. The indentation is guessed by trying the usual
styles and keeping the one that writes the untouched file back byte for byte.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString, SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1), (3, 3, 0))
"""(mapping, sequence, offset) indentation styles tried, the samples' first."""


class RoundTrip:
    """A plan file loaded for editing, and the settings that write it back unchanged."""

    def __init__(self, text: str):
        self.original = text
        self.yaml, self.doc, self.exact = self._load(text)

    @staticmethod
    def _make(indent: tuple[int, int, int]) -> YAML:
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 16  # never fold long lines
        yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
        return yaml

    def _load(self, text: str) -> tuple[YAML, Any, bool]:
        best: tuple[int, YAML] | None = None
        for indent in _INDENTS:
            yaml = self._make(indent)
            out = _dump(yaml, yaml.load(text))
            if out == text:
                return yaml, yaml.load(text), True
            changed = sum(1 for a, b in zip(out.splitlines(), text.splitlines()) if a != b)
            if best is None or changed < best[0]:
                best = (changed, yaml)
        assert best is not None
        return best[1], best[1].load(text), False

    def dump(self) -> str:
        """The document as text."""
        return _dump(self.yaml, self.doc)


def _dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


# -- scalars ------------------------------------------------------------------------------

def styled(new: Any, old: Any = None) -> Any:
    """`new` as a YAML value that keeps `old`'s quoting; multi-line text as a literal block."""
    if not isinstance(new, str):
        return new
    if "\n" in new:
        return LiteralScalarString(new)
    for kind in (DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, kind):
            return kind(new)
    if isinstance(old, (LiteralScalarString, FoldedScalarString)):
        return new
    return new


# -- comments that trail a node -------------------------------------------------------------

def _tail_holder(node: Any) -> tuple[Any, Any] | None:
    """The (container, key) whose comment slot holds what follows `node` in the file: its deepest last key."""
    if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        key = list(node.keys())[-1]
        deeper = _tail_holder(node[key])
        return deeper or (node, key)
    if isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
        index = len(node) - 1
        deeper = _tail_holder(node[index])
        return deeper or (node, index)
    return None


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node) and not node.fa.flow_style()


def _take_tail(node: Any) -> CommentToken | None:
    """Remove and return the comment after `node`'s last line (blank lines, comments), if any.

    The token's text starts with the end of that last line (`\n`), then what follows it.
    """
    holder = _tail_holder(node)
    if holder is None:
        return None
    container, key = holder
    slot = container.ca.items.get(key)
    if slot and len(slot) > 2 and slot[2] is not None:
        token = slot[2]
        slot[2] = None
        if not any(slot):
            del container.ca.items[key]
        return token
    if isinstance(container, CommentedSeq) and not _is_block(container[key]) and container.ca.end:
        # a block list of flow items or scalars keeps what follows it at its end
        text = "".join(t.value for t in container.ca.end)
        first = container.ca.end[0]
        container.ca.end = []
        return _token("\n" + text, first)
    return None


def _put_tail(node: Any, token: CommentToken | None) -> None:
    """Attach `token` (as returned by `_take_tail`) after `node`'s last line."""
    if token is None:
        return
    holder = _tail_holder(node)
    if holder is None:
        return
    container, key = holder
    if isinstance(container, CommentedSeq) and not _is_block(container[key]):
        rest = token.value[1:] if token.value.startswith("\n") else token.value
        if rest:
            container.ca.end = [_token(rest, token)]
        return
    slot = container.ca.items.setdefault(key, [None, None, None, None])
    while len(slot) < 4:
        slot.append(None)
    slot[2] = token


def _token(value: str, like: CommentToken | None = None) -> CommentToken:
    """A comment token holding `value` (blank lines and `#` comments), placed like `like`."""
    mark = getattr(like, "start_mark", None)
    return CommentToken(value, mark if mark is not None else CommentMark(0), None)


def _split_tail(token: CommentToken | None) -> tuple[CommentToken | None, CommentToken | None]:
    """What stays with the old last line (its own end-of-line comment), and what moves with the end."""
    if token is None:
        return None, None
    value = token.value
    first, sep, rest = value.partition("\n")
    if not sep or not rest:
        return token, None
    keep = _token(first + "\n", token) if first.strip() else None
    return keep, _token("\n" + rest, token)


# -- mappings -------------------------------------------------------------------------------

def set_key(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set `key` (None deletes it); a new key goes where `order` puts it among the existing ones."""
    if value is None:
        delete_key(mapping, key)
        return
    if key in mapping:
        mapping[key] = styled(value, mapping[key])
        return
    rank = {k: i for i, k in enumerate(order)}
    position = len(mapping)
    for i, existing in enumerate(mapping.keys()):
        if rank.get(existing, len(order)) > rank.get(key, len(order)):
            position = i
            break
    if position == len(mapping) and mapping and not mapping.fa.flow_style():
        # the new key becomes the last: the comment after the old last key must follow it
        keep, moving = _split_tail(_take_tail(mapping))
        mapping.insert(position, key, styled(value))
        if keep is not None:
            last_old = list(mapping.keys())[-2]
            mapping.ca.items.setdefault(last_old, [None, None, None, None])[2] = keep
        _put_tail(mapping, moving)
        return
    mapping.insert(position, key, styled(value))


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Delete `key`, handing the comment after it (blank lines, the next section's comment) to the key before."""
    if key not in mapping:
        return
    keys = list(mapping.keys())
    slot = mapping.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None and key == keys[-1]:
        token = _take_tail(mapping[key]) if isinstance(mapping[key], (CommentedMap, CommentedSeq)) else None
    del mapping[key]
    if key in mapping.ca.items:
        del mapping.ca.items[key]
    _, moving = _split_tail(token)
    if moving is not None and mapping:
        previous = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
        if previous is not None:
            if isinstance(mapping[previous], (CommentedMap, CommentedSeq)) and _tail_holder(mapping[previous]):
                _put_tail(mapping[previous], moving)
            else:
                mapping.ca.items.setdefault(previous, [None, None, None, None])[2] = moving


# -- sequences ------------------------------------------------------------------------------

def append_item(seq: CommentedSeq, item: Any) -> None:
    """Append `item`, moving what trailed the old last item (e.g. the blank line before the next section) after it."""
    if not seq:
        seq.fa.set_block_style()
        seq.append(item)
        return
    keep, moving = _split_tail(_take_tail(seq))
    _put_tail(seq, keep)
    seq.append(item)
    _put_tail(seq, moving)


def insert_item(seq: CommentedSeq, index: int, item: Any) -> None:
    """Insert `item` at `index` (comments before later items move with them)."""
    if index >= len(seq):
        append_item(seq, item)
    else:
        seq.insert(index, item)


def delete_item(seq: CommentedSeq, index: int) -> None:
    """Delete item `index`; a comment before it passes to the next item, one after the last to the new last."""
    before = seq.ca.items.get(index)
    tail = _take_tail(seq) if index == len(seq) - 1 else None
    del seq[index]
    if before and index < len(seq):
        mine = seq.ca.items.get(index)
        if mine is None:
            seq.ca.items[index] = before
        elif before[1] and mine[1] is not None:
            mine[1] = list(before[1]) + list(mine[1])
    if tail is not None and seq:
        _put_tail(seq, _split_tail(tail)[1])


def new_mapping(data: dict[str, Any], *, flow: bool) -> CommentedMap:
    """A mapping for a new list item, in flow style (`{a: 1, b: 2}`) or block style."""
    mapping = CommentedMap()
    for key, value in data.items():
        if isinstance(value, list):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        mapping[key] = styled(value)
    if flow:
        mapping.fa.set_flow_style()
    return mapping


def ensure_list(doc: CommentedMap, key: str, after: list[str]) -> CommentedSeq:
    """The top-level list `key`, created (empty, block style) after the last of `after` present when missing.

    A blank line goes before the new key; the blank lines and comments that introduced
    the section now following it move before that section's key.
    """
    if isinstance(doc.get(key), CommentedSeq):
        return doc[key]
    seq = CommentedSeq()
    seq.fa.set_block_style()
    if key in doc:  # `key:` with no value
        doc[key] = seq
        return seq
    present = [k for k in after if k in doc]
    keys = list(doc.keys())
    position = keys.index(present[-1]) + 1 if present else len(keys)
    if 0 < position < len(keys) and isinstance(doc[keys[position - 1]], (CommentedMap, CommentedSeq)):
        previous = doc[keys[position - 1]]
        keep, moving = _split_tail(_take_tail(previous))
        _put_tail(previous, keep)
        if moving is not None:
            lines = moving.value[1:].splitlines(keepends=True)
            slot = doc.ca.items.setdefault(keys[position], [None, None, None, None])
            slot[1] = [_token(line if line.strip() else "\n") for line in lines] + list(slot[1] or [])
    doc.insert(position, key, seq)
    if position > 0:
        doc.ca.items.setdefault(key, [None, None, None, None])[1] = [_token("\n")]  # a blank line before it
    return seq
