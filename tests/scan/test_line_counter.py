"""The one line counter: every move gives the line and column a count from the start gives.

The scan places records with it and the reader places diagnostics with it, each skipping
what the other counted, so a wrong step would misplace both.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faqparse._read.lines import LineCounter

_BREAK = re.compile(r"\r\n|\r|\n")


def _naive(text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``text[offset]``, counted from the start."""
    breaks = list(_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def _splits_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n"


texts = st.text(alphabet="ab \n\r", max_size=60)


@given(texts, st.lists(st.integers(0, 60), max_size=8), st.booleans())
def test_each_move_agrees_with_a_count_from_the_start(
    text: str, offsets: list[int], returns: bool
) -> None:
    counter = LineCounter()
    counter.returns = returns or "\r" in text  # ``False`` only where the text has no ``\r``
    for offset in sorted({min(o, len(text)) for o in offsets}):
        if _splits_crlf(text, offset):
            continue
        assert counter.advance(text, 0, offset) == _naive(text, offset)


@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_moving_past_a_known_line_break_agrees_too(text: str, first: int, later: int) -> None:
    """``past``: the caller knows the line break after ``first`` is the only one before it."""
    first = min(first, len(text))
    if _splits_crlf(text, first):
        return
    line_break = text.find("\n", first)
    if line_break < 0 or "\r" in text[first:line_break]:
        return  # no single ``\n`` to move past
    counter = LineCounter()
    assert counter.advance(text, 0, first, line_break) == _naive(text, first)
    later = min(max(later, line_break + 1), len(text))
    if not _splits_crlf(text, later):
        assert counter.advance(text, 0, later) == _naive(text, later)


def test_a_text_read_in_pieces_is_counted_as_a_whole() -> None:
    """``base``: the text handed over holds the input from that offset on."""
    whole = "one\ntwo\r\nthree\rfour\nfive"
    counter = LineCounter()
    assert counter.advance(whole, 0, 5) == (2, 2)
    piece = whole[5:]
    assert counter.advance(piece, 5, 17) == _naive(whole, 17) == (4, 3)
    assert counter.advance(piece, 5, 21) == _naive(whole, 21) == (5, 2)


@pytest.mark.parametrize("behind", [0, 3])
def test_an_offset_not_ahead_keeps_the_place(behind: int) -> None:
    counter = LineCounter()
    counter.advance("ab\ncd", 0, 4)
    assert counter.advance("ab\ncd", 0, 4 - behind) == (2, 2)
