"""Text helpers for rules: quoting plan text in a finding, and the word-overlap heuristics."""

from __future__ import annotations

import re

from kapdocs.text import plain

QUOTE_LIMIT = 60
"""Most characters of plan text quoted in a finding before it is cut with an ellipsis."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

STOP_WORDS: frozenset[str] = frozenset("""
a about above across after again against all along also an and any are as at be because been before being
below between both but by can could did do does doing down during each either few for from further had has
have having he her here hers him his how i if in into is it its itself just less more most much must my no
nor not now of off on once only or other our ours out over own per same she should so some such than that
the their theirs them then there these they this those through to too under until up upon very via was we
were what when where which while who whom why will with within without would you your yours
year years month months week weeks day days quarter next last new current still yet already one two three
four five six seven eight nine ten first second third get make take keep use using across
customer customers supplier suppliers account plan team
""".split())
"""Words that carry no topic: function words, counting words, and words every plan item uses."""


def quote(text: str | None, limit: int = QUOTE_LIMIT) -> str:
    """Plan text as it appears in a finding: plain (no Markdown), on one line, cut at `limit`, in quotes."""
    flat = " ".join(plain(text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{flat}”"


def _stem(word: str) -> str:
    """A crude singular: 'deliveries' → 'delivery', 'prices' → 'price', 'process' unchanged."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str | None) -> list[str]:
    """The words of `text`, lower-cased, possessives dropped ("CFO's" → "cfo")."""
    out = []
    for token in _WORD.findall(plain(text or "").lower()):
        token = re.sub(r"['’]s$", "", token)
        out.append(token.replace("’", "'"))
    return out


def significant_words(text: str | None, ignore: frozenset[str] = frozenset()) -> set[str]:
    """Topic words of `text`: three letters or more, not a stop word, not in `ignore`, singularised."""
    return {
        stem for w in words(text)
        if len(w) >= 3 and w not in STOP_WORDS and (stem := _stem(w)) not in ignore and stem not in STOP_WORDS
    }


def shares_topic(item: set[str], other: set[str]) -> bool:
    """Whether two texts (as significant words) are about the same thing.

    They are when they share two significant words, or one when `item` has at
    most two significant words (a short SWOT line such as "Price premium").
    """
    shared = len(item & other)
    return shared >= 2 or (shared >= 1 and len(item) <= 2)


def mentions(text: str | None, phrase: str) -> bool:
    """Whether `text` contains `phrase` as whole words, ignoring case."""
    if not phrase.strip():
        return False
    pattern = r"(?<![\w])" + r"\s+".join(map(re.escape, phrase.lower().split())) + r"(?![\w])"
    return re.search(pattern, plain(text or "").lower()) is not None
