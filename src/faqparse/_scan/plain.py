"""The common record, read with a handful of string operations.

Most records have plain metadata (both dates in a known style and readable, a category tag
the dump's evidence allows, a count whose end the grouping decides) and the common region (a
one-line title, a line break, a one-line snippet). `PlainReader.read` reads such a record from the
metadata match alone; when only the region is unusual, it reads the region with the full
grammar's reader; when the metadata is, it returns ``False``, and the record goes through the
full grammar (`_scanner.read_record`). Both give the same records: the tests compare them on
every fixture.
"""

from __future__ import annotations

import re
from typing import Final

import regex

from .collector import Collector
from .grammar import Grammar, count_value
from .region import read_region, region_record

__all__ = ["PlainReader"]

_SMALL_COUNTS: Final = {str(n): n for n in range(1, 1000)}
"""Most counts are small and repeat: a dictionary hit is cheaper than ``int()``."""
_TAG_ENDS: Final = frozenset("0123456789\r\n")
_CUT_ZONE: Final = 64
"""A record without a count this close to the end of the text is left to the full reader,
which judges a label or tag cut short there."""


def _undecided(run_on: str, views_text: str | None, grammar: Grammar) -> bool:
    """A separator after the count, or a digit after a count with no separator in it: the
    grouping does not say where the count ends, and the full reader must judge.

    With no count (``views_text`` is ``None``), what follows the date is a separator: a title
    such as ``,5 tips``.
    """
    separators = grammar.vocabulary.count_separators
    if run_on in separators or views_text is None:
        return True
    return not any(c in views_text for c in separators)


class PlainReader:
    """`read` keeps the common record of one scan.

    Made once per scan: what each record would otherwise look up again through the
    collector and the grammar (the date cache, the tab-line checks, the record builder) is
    looked up here once, as these attributes; the fast path feels every lookup.
    """

    __slots__ = ("_cached", "_grammar", "_keep", "_out", "_read_date", "_tab_initials")

    def __init__(self, out: Collector) -> None:
        grammar = out.grammar
        self._out, self._grammar, self._keep = out, grammar, out.keep
        self._cached, self._read_date = grammar.dates.cache.get, grammar.dates.read
        self._tab_initials = grammar.tab_initials

    def read(self, text: str, pos: int, match: re.Match[str] | regex.Match[str]) -> bool:
        """Keep the record whose region starts at ``pos`` and whose metadata ``match``
        matched; ``False`` when the metadata is not plain, and nothing was kept."""
        # Typed, so that mypy sees which groups may be missing (``groups()`` says ``Any``).
        groups: tuple[str | None, ...] = match.groups()
        pub_text, updated_label, upd_text, tag, views_text, run_on = groups
        grammar, out = self._grammar, self._out
        if (
            pub_text is None
            or (updated_label is not None and upd_text is None)
            or (run_on is not None and _undecided(run_on, views_text, grammar))
        ):
            return False
        cached, read = self._cached, self._read_date
        published = cached(pub_text) or read(pub_text)
        updated = None if upd_text is None else cached(upd_text) or read(upd_text)
        if published is None or (upd_text is not None and updated is None):
            return False
        if tag is not None:
            if not _plain_tag(text, match.end(4), out):
                return False
        elif out.tagged is None:
            out.decide_tags(False)
        if views_text is not None:
            views = _SMALL_COUNTS.get(views_text) or count_value(views_text, grammar)
        elif _count_elsewhere(text, match.end(), grammar):
            return False
        else:
            views = None
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
            or not (snippet := (snippet_text := text[newline + 1 : label]).strip())
            or "\n" in snippet
            or (out.returns and ("\r" in title or "\r" in snippet))
            or (
                title[0] in self._tab_initials
                and len(title) <= grammar.longest_tab
                and grammar.tab_line.fullmatch(title)
            )
        ):
            # Not the common region: header lines, a snippet over several lines, no title.
            title_span, snippet_span = read_region(text, pos, label, out)
            region_record(
                text, title_span, snippet_span, published, updated, tag, views, match.end(), out
            )
            return True
        if out.kind is None:
            out.decide_kind("search")
        title_start = pos if title is title_text else pos + title_text.index(title)
        # With no \r in the text and nothing around the snippet, the title's break is the
        # record's only one: the line count need not read the snippet again.
        only_break = newline if snippet is snippet_text and not out.returns else -1
        end = match.end()
        self._keep(
            title, snippet, published, updated, views, tag, text, title_start, end, only_break
        )
        return True


def _plain_tag(text: str, end: int, out: Collector) -> bool:
    """A tag the dump's evidence allows: nothing that could be the rest of a word or a title
    follows it (`_meta.read_tag` judges the rest)."""
    follower = text[end : end + 1]
    if out.tagged is False or not (not follower or follower in _TAG_ENDS or follower.isupper()):
        return False
    out.decide_tags(True)
    return True


def _count_elsewhere(text: str, end: int, grammar: Grammar) -> bool:
    """Whether the count may stand on the next line, or the input end inside a label or tag."""
    return grammar.count_line.match(text, end) is not None or end + _CUT_ZONE > len(text)
