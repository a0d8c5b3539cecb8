"""Normalized forms used by the merge: title keys, snapshot order, snippet similarity.

Nothing here rewrites a record; these are the separate keys and measures the merge compares.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import islice
from typing import Final

import regex

__all__ = [
    "BlockKey",
    "Moment",
    "block_key",
    "moment",
    "normalize_title",
    "similarity",
    "similarity_to",
    "strictly_before",
    "word_set",
]

BlockKey = tuple[str, date, str]
"""Which records may be one article: the normalized title, the published date, the locale."""

Moment = tuple[int, int, int, int]
"""A snapshot time as a sort key: ``(unknown, day ordinal, timed, microsecond of the day)``."""


_DASHES: Final = regex.compile(r"\p{Pd}")
# Opening and closing quotes, plus the low-9 quotes that Unicode files under "open punctuation".
_QUOTES: Final = regex.compile(r"[\p{Pi}\p{Pf}\u201a\u201e]")
_WORDS: Final = re.compile(r"\w+")
_UNKNOWN: Final[Moment] = (1, 0, 0, 0)


@functools.lru_cache(maxsize=1 << 16)
def normalize_title(title: str) -> str:
    """The form of a title that decides which records can be the same article.

    Unicode NFKC, case-folded, every dash (``\\p{Pd}``: hyphen, en and em dash...) folded to
    ``-``, every typographic quote (``\\p{Pi}``, ``\\p{Pf}``, low-9 quotes) folded to ``'``
    or ``"`` (double quotes to ``"``), runs of white space collapsed to one space, ends
    stripped. ``normalize_title("What\u2019s  NEW \u2014 Face ID") == "what's new - face id"``.
    """
    if not title.isascii():
        title = unicodedata.normalize("NFKC", title)
        title = _DASHES.sub("-", title)
        title = _QUOTES.sub(_plain_quote, title)
    # Case folding can produce text that is no longer NFKC (rare), so it comes second.
    folded = title.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKC", folded)
    return " ".join(folded.split())


def block_key(title: str, published: date, locale: str) -> BlockKey:
    """The block of a record: only records of one block can be one article.

    The locale is part of it: the same article in two languages is two articles, even where
    a title is not translated (a product name).
    """
    return (normalize_title(title), published, locale)


def _plain_quote(match: regex.Match[str]) -> str:
    return '"' if "DOUBLE" in unicodedata.name(match.group(), "") else "'"


@functools.lru_cache(maxsize=1 << 12)
def moment(captured: date | None) -> Moment:
    """The sort key of a snapshot time; every known time sorts before the unknown one.

    A ``datetime`` with a time zone is compared in UTC, a naive one as it stands. Within a
    day a date-only snapshot sorts before the timed ones (any place would do: see
    ``strictly_before``).
    """
    if captured is None:
        return _UNKNOWN
    if isinstance(captured, datetime):
        if captured.tzinfo is not None:
            captured = captured.astimezone(UTC).replace(tzinfo=None)
        of_day = (captured.hour * 3600 + captured.minute * 60 + captured.second) * 1_000_000
        return (0, captured.toordinal(), 1, of_day + captured.microsecond)
    return (0, captured.toordinal(), 0, 0)


def strictly_before(earlier: Moment, later: Moment) -> bool:
    """Whether one snapshot is known to come before the other.

    An unknown time comes before nothing and after nothing; a date-only snapshot is before
    the days after it and after the days before it, but neither before nor after a time on
    its own day. This is a strict partial order, and sorting by ``moment`` is one of its
    linear extensions, which is what lets the merge walk snapshots in sorted order.
    """
    if earlier[0] or later[0]:
        return False
    if earlier[1] != later[1]:
        return earlier[1] < later[1]
    return bool(earlier[2] and later[2]) and earlier[3] < later[3]


def word_set(text: str) -> frozenset[str]:
    """The case-folded words of a snippet, for ``similarity``."""
    return frozenset(_WORDS.findall(text.casefold()))


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard similarity of two word sets: shared words over all words, 1.0 for two empties.

    A word-set measure, not an edit distance: snippets are excerpts that start and stop at
    different places, so word order and offsets say little, and it is linear in the length.
    """
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


SNIPPETS_WEIGHED: Final = 32
"""How many of an article's latest distinct snippets a record's snippet is weighed against
(besides the check for one it has shown): far more than a real article ever shows."""


def similarity_to(
    snippet: str,
    snippets: dict[str, None],
    words_of: Callable[[str], frozenset[str]],
) -> float:
    """How alike ``snippet`` is to the nearest of an article's distinct ``snippets`` (in the
    order first shown): 1.0 when the article has shown it, else the best ``similarity``
    among the latest ``SNIPPETS_WEIGHED``.

    The same query shows the same excerpt, so an excerpt seen before is the best evidence a
    snippet gives, and a lookup finds it however many the article has had; the bound keeps
    an article shown with a new excerpt in every dump from costing more at every dump.
    """
    if snippet in snippets:
        return 1.0  # a set's similarity to itself, an empty one's included
    words = words_of(snippet)
    latest = reversed(snippets) if len(snippets) > SNIPPETS_WEIGHED else snippets
    return max(similarity(words, words_of(seen)) for seen in islice(latest, SNIPPETS_WEIGHED))
