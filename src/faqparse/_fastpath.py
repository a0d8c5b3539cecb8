"""The common record, read with a handful of string operations.

Most records have plain metadata (both dates in a known style and readable, a count whose end
the grouping decides) and the common region (a one-line title, a line break, a one-line
snippet). `read_plain` reads such a record from the metadata match alone; when only the region is
unusual, it reads the region with the full grammar's reader; when the metadata is, it returns
``None``, and the record goes through the full grammar (`_scanner.read_record`). Both
give the same records: the tests compare them on every fixture.
"""

from __future__ import annotations

import re
from typing import Final

import regex

from ._collect import Collector, new_record
from ._grammar import Grammar, count_value
from ._model import Record
from ._region import read_region, region_record

__all__ = ["read_plain"]

_SMALL_COUNTS: Final = {str(n): n for n in range(1, 1000)}
"""Most counts are small and repeat: a dictionary hit is cheaper than ``int()``."""


def _undecided(run_on: str, views_text: str, grammar: Grammar) -> bool:
    """A separator after the count, or a digit after a count with no separator in it: the
    grouping does not say where the count ends, and the full reader must judge."""
    separators = grammar.vocabulary.count_separators
    return run_on in separators or not any(c in views_text for c in separators)


def read_plain(
    text: str, pos: int, match: re.Match[str] | regex.Match[str], out: Collector
) -> Record | None:
    """The record whose region starts at ``pos`` and whose metadata ``match`` matched."""
    pub_text, updated_label, upd_text, views_text, run_on = match.groups()
    if (
        pub_text is None
        or (updated_label is not None and upd_text is None)
        or (run_on is not None and _undecided(run_on, views_text, out.grammar))
    ):
        return None
    grammar = out.grammar
    dates = grammar.dates
    published = dates.cache.get(pub_text) or dates.read(pub_text)
    if published is None:
        return None
    updated = None
    if upd_text is not None:
        updated = dates.cache.get(upd_text) or dates.read(upd_text)
        if updated is None:
            return None
    views = None
    if views_text is not None:
        views = _SMALL_COUNTS.get(views_text) or count_value(views_text, grammar)
    label = match.start()
    newline = text.find("\n", pos, label)
    if newline >= 0:
        title_text = text[pos:newline]
        title = title_text.strip()
        if not title:  # the record before ended its line: the title is on the next
            newline = text.find("\n", newline + 1, label)
            title_text = text[pos:newline] if newline >= 0 else ""
            title = title_text.strip()
    if (
        newline < 0  # a label on the title's own line; never slice with -1
        or not title
        or not (snippet := text[newline + 1 : label].strip())
        or "\r" in title
        or "\n" in snippet
        or "\r" in snippet
        or (
            title[0] in grammar.tab_initials
            and len(title) <= grammar.longest_tab
            and grammar.tab_line.fullmatch(title)
        )
    ):
        # Not the common region: header lines, a snippet over several lines, no title line.
        title_span, snippet_span = read_region(text, pos, label, out)
        return region_record(
            text, title_span, snippet_span, published, updated, views, match.end(), out
        )
    title_start = pos if title is title_text else pos + title_text.index(title)
    base = out.base
    line, column = out.locate(text, title_start)
    return new_record(
        title,
        snippet,
        published,
        updated,
        views,
        out.source,
        out.next_index,
        (base + title_start, base + match.end()),
        None,
        line,
        column,
    )
