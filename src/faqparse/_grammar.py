"""The grammar of a dump, compiled once per vocabulary.

``docs/format.md`` is the prose version of these patterns; keep the two in step.
The ``regex`` package runs the metadata scan: with case-insensitive labels it measured about
twice as fast as the standard ``re`` module here, and it matches label text in any letter case
without rewriting the input. Small anchored look-ups use ``regex`` too, for one dialect.
"""

from __future__ import annotations

import functools
from typing import Any, Final

import attrs
import regex

from ._dates import SPACE, DateReader, date_pattern
from ._vocabulary import Vocabulary

__all__ = ["Grammar", "grammar_for"]

COUNT: Final = r"[0-9]{1,3}(?:,[0-9]{3})*"
"""A view count: 1,000 and more are comma-grouped, so the grouping says where it ends."""

_CANDIDATE_CHARS: Final = 40
"""How far an unusual date may run before the grammar stops looking for its year."""


def label_pattern(labels: tuple[str, ...]) -> str:
    """Labels match in any letter case with any run of spaces between their words."""
    spelled = (f"{SPACE}+".join(regex.escape(word) for word in label.split()) for label in labels)
    return "(?i:" + "|".join(sorted(spelled, key=len, reverse=True)) + ")"


@attrs.frozen(eq=False)
class Grammar:
    """Compiled patterns and the date reader for one vocabulary."""

    vocabulary: Vocabulary
    dates: DateReader
    meta: Any
    """A published label and, when they are there in a plain style, the rest of the metadata."""
    published_label: Any
    updated_label: Any
    fast_date: Any
    date_candidate: Any
    date_rest: Any
    """An unreadable date with no year in sight runs to the next label or the end of the line."""
    count: Any
    count_cut: Any
    """What is left of a view count the end of the input cut short."""
    tab_line: Any
    line_break: Any
    longest_tab: int


@functools.cache
def grammar_for(vocabulary: Vocabulary) -> Grammar:
    published = label_pattern(vocabulary.published)
    updated = label_pattern(vocabulary.updated)
    fast = date_pattern(vocabulary)
    meta = (
        rf"(?P<pl>{published}){SPACE}*(?P<pub>{fast})?"
        rf"(?:{SPACE}*(?P<ul>{updated}){SPACE}*(?P<upd>{fast})?)?"
        rf"{SPACE}*(?P<views>{COUNT})?"
    )
    # An unusual date: the shortest run of text that ends in a four-digit year (or an ISO-like
    # year-first date), never crossing a label or a line break.
    candidate = (
        r"[0-9]{4}[-/.][0-9]{1,2}[-/.](?:[0-9]{2}|[0-9](?![0-9]))"
        rf"|(?:(?!{published}|{updated})[^\r\n]){{0,{_CANDIDATE_CHARS}}}?(?<![0-9])[0-9]{{4}}"
    )
    return Grammar(
        vocabulary=vocabulary,
        dates=DateReader(vocabulary),
        meta=regex.compile(meta),
        published_label=regex.compile(published),
        updated_label=regex.compile(updated),
        fast_date=regex.compile(fast),
        date_candidate=regex.compile(candidate),
        date_rest=regex.compile(rf"(?:(?!{published}|{updated})[^\r\n])*"),
        count=regex.compile(COUNT),
        count_cut=regex.compile(r",[0-9]{0,2}\s*"),
        tab_line=regex.compile(rf"{SPACE}*{label_pattern(vocabulary.tabs)}{SPACE}*"),
        line_break=regex.compile(r"\r\n|\r|\n"),
        longest_tab=4 * max(len(tab) for tab in vocabulary.tabs) + 8,
    )
