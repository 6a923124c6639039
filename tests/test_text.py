"""Text cleaning and the Markdown subset of long fields."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdocs.fmt import Formatter
from kapdocs.text import Span, clean, parse_markdown, plain


@pytest.mark.parametrize("raw, cleaned", [
    ("a\x00b\x08c", "abc"), ("a\x0bb\x0cc", "abc"), ("a\x0eb\x1fc", "abc"), ("a\ufffeb\uffffc", "abc"),
    ("a\ud800b", "ab"), ("a\r\nb\rc", "a\nb\nc"), ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("emoji 🚀 and עברית", "emoji 🚀 and עברית"),
])
def test_clean_removes_what_xml_cannot_hold(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_markdown_subset() -> None:
    blocks = parse_markdown("First line\ncontinues.\n\n- one **bold**\n- two *it*\n\nLast.")
    # lines join into paragraphs; bullets are items; emphasis becomes spans
    assert [b.bullet for b in blocks] == [False, True, True, False]
    assert blocks[0].text == "First line continues."
    assert blocks[1].spans == (Span("one "), Span("bold", bold=True))
    assert blocks[2].spans[1] == Span("it", italic=True)


def test_markdown_leaves_other_characters_literal() -> None:
    text = "2 * 3 = 6, a*b, {{ 7*7 }} <w:p> &amp;"
    # what is not emphasis stays exactly as typed
    assert parse_markdown(text)[0].text == text
    assert plain("**x**") == "x"


def test_formatter_en_gb_and_en_us() -> None:
    gb, us = Formatter("GBP", "tonnes"), Formatter("USD", "units", "en-US")
    assert gb.money(1234567.4) == "£1,234,567" and gb.money(-1200) == "\u2212£1,200"
    assert us.money(950) == "$950" and Formatter("SEK").money(10) == "SEK 10"
    assert gb.percent(0.355) == "36%" and gb.volume(6000) == "6,000 tonnes"
    assert gb.date(dt.date(2026, 12, 10)) == "10 Dec 2026"
    assert us.date(dt.date(2026, 12, 10)) == "Dec 10, 2026"
    assert us.time(dt.time(14, 5)) == "2:05 PM" and gb.time(dt.time(14, 5)) == "14:05"
    assert gb.money(None) == "–"


def test_an_indented_line_continues_a_bullet_and_keeps_its_emphasis() -> None:
    blocks = parse_markdown("- first **bold\n  still bold** end\nNew paragraph")
    # the continuation joins the bullet; the bold span crosses the line break
    assert [b.bullet for b in blocks] == [True, False]
    assert blocks[0].spans[1] == Span("bold still bold", bold=True)
