"""Reading the metadata after a ``Published on`` label: dates, the category tag, the count.

Each reader takes the text, where to start and where the text ends, reports what it finds to
the `Collector` (token spans, problems) and returns what it read with where it stopped.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

import regex

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector
from .grammar import skip_space
from .tags import LOOKAHEAD, NO_TAG, read_tag
from .tokens import TokenKind
from .views import SMALL_COUNTS, count_value, read_count, read_count_line, runs_on

__all__ = ["LOOKAHEAD", "Meta", "MetaMatch", "read_meta"]


MetaMatch = re.Match[str] | regex.Match[str]
"""A match of the metadata pattern (`Grammar.fast_meta` or `Grammar.meta`)."""

WARNING = Severity.WARNING
INCOMPLETE = DiagnosticCode.INCOMPLETE_RECORD


class Date(NamedTuple):
    value: date | None
    start: int
    end: int
    cut: bool  # unreadable because the text ends inside it


Meta = tuple[date | None, date | None, str | None, int | None, int, Date | None]
"""What `read_meta` read: the published and updated dates, the category, the view count,
where the metadata ends and, when the published date is unreadable, that date (the record is
left out). A plain tuple: a named one costs a constructor call on every record."""


def read_meta(text: str, match: MetaMatch, end: int, out: Collector, final: bool) -> Meta:
    """The metadata whose published label the metadata pattern matched (``match``).

    The common case comes first: both dates as the pattern found them, and readable; then
    the tag (`read_tag`, asked only when there is a tag word to judge or no evidence yet)
    and the count (a count the pattern found that does not run on) where the pattern saw
    them. Anything else is read piece by piece from the text.
    """
    # The groups named in `META_GROUPS`, in its order.
    published_text, updated_label, updated_text, tag, views_text, run_on = match.groups()
    if published_text is not None and (updated_text is not None or updated_label is None):
        grammar = out.grammar
        # The date cache asked here first, as a call to `DateReader.read` costs as much as the
        # lookup (2% of a parse); an unreadable date (``None`` in the cache) is read again.
        cached = grammar.dates.cache.get
        published_value = cached(published_text) or grammar.dates.read(published_text)
        updated_value = (
            None
            if updated_text is None
            else cached(updated_text) or grammar.dates.read(updated_text)
        )
        if published_value is not None and (updated_value is not None or updated_text is None):
            spans = out.spans
            if spans is not None:
                _plain_spans(match, out)
            category = None
            pos = -1
            if tag is not None or out.tagged is not False:  # else: an untagged page
                dates_end = match.end("published" if updated_text is None else "updated")
                found = NO_TAG if tag is None else match.end("tag")
                category, pos = read_tag(text, dates_end, end, out, match.start(), found)
            if views_text is not None and (category is not None or tag is None):
                views_end = match.end()  # what may follow the count is looked at, not matched
                if run_on is None:
                    if spans is not None:
                        out.span(TokenKind.VIEWS, match.start("views"), views_end)
                    count = SMALL_COUNTS.get(views_text) or count_value(views_text, grammar)
                    return published_value, updated_value, category, count, views_end, None
                if not runs_on(
                    views_text, text[views_end : views_end + 4], grammar.vocabulary.count_separators
                ):
                    out.span(TokenKind.VIEWS, match.start("views"), views_end)
                    count = count_value(views_text, grammar)
                    return published_value, updated_value, category, count, views_end, None
            if pos < 0:
                pos = match.end("published" if updated_text is None else "updated")
            views, pos = _read_views(
                text,
                pos,
                end,
                out,
                final=final,
                updated=updated_value is not None,
                tag=category is None,
            )
            return published_value, updated_value, category, views, pos, None
    label = match.start()
    label_end = out.grammar.published_label.match(text, label, end).end()  # type: ignore[union-attr]
    out.span(TokenKind.PUBLISHED_LABEL, label, label_end)
    published = read_date(text, skip_space(text, label_end, end), end, out, final=final)
    updated = None
    if published.value is not None or not published.cut:
        updated = read_updated(text, published.end, end, out, final=final)
    last = published if updated is None else updated
    updated_value = None if updated is None else updated.value
    unread = published if published.value is None else None
    if last.value is None and last.cut:
        return published.value, updated_value, None, None, last.end, unread
    category, pos = read_tag(text, last.end, end, out, label)
    views, pos = _read_views(
        text, pos, end, out, final=final, updated=updated is not None, tag=category is None
    )
    return published.value, updated_value, category, views, pos, unread


def _read_views(
    text: str, pos: int, end: int, out: Collector, *, final: bool, updated: bool, tag: bool
) -> tuple[int | None, int]:
    """The count after the dates and tag: on the line, on the next line, or cut by the end."""
    views, pos = read_count(text, pos, end, out, final=final)
    if views is None and pos < end:
        views, pos = read_count_line(text, pos, end, out)
    if final and views is None:
        pos = read_cut(text, pos, end, out, label=not updated, tag=tag)
    return views, pos


def _plain_spans(match: MetaMatch, out: Collector) -> None:
    """The tokens of the labels and dates the metadata pattern matched."""
    label = out.grammar.published_label.match(match.string, match.start())
    assert label is not None  # every match of the metadata pattern starts with the label
    out.span(TokenKind.PUBLISHED_LABEL, *label.span())
    out.span(TokenKind.DATE, *match.span("published"))
    if match["updated"] is not None:
        out.span(TokenKind.UPDATED_LABEL, *match.span("updated_label"))
        out.span(TokenKind.DATE, *match.span("updated"))


def read_cut(text: str, start: int, end: int, out: Collector, *, label: bool, tag: bool) -> int:
    """At the end of the input: a label or a tag cut short after the record's last field,
    or, on a page whose records carry tags, nothing at all after its date (``tag``: the
    record has no tag)."""
    vocabulary = out.grammar.vocabulary
    longest = max(len(word) for word in (*vocabulary.updated, *vocabulary.tags))
    if end - start > 4 * longest:  # spaces may be doubled: still, too long to be a cut word
        return start
    rest = text[start:end]
    words = " ".join(rest.split())
    if not words and tag and out.tagged:
        # Nothing after the date on a page whose records carry tags: the tag (and the count)
        # went with the end of the text. The record keeps what it has.
        message = (
            "the dump ends right after this record's date, though the page's records carry"
            " a category tag: its tag and count are cut off"
        )
        out.problem(INCOMPLETE, WARNING, message, start, start)
        return start
    if not words or "\n" in rest or "\r" in rest:
        return start
    labels = [w.casefold() for w in vocabulary.updated] if label else []
    tags = list(vocabulary.tags) if tag else []
    cut = any(len(words) < len(w) and w.startswith(words.casefold()) for w in labels) or any(
        len(words) < len(w) and w.startswith(words) for w in tags
    )
    if not cut:
        return start
    first = skip_space(text, start, end)
    message = f"the dump ends inside a label or tag after this record: {words!r}"
    out.problem(INCOMPLETE, WARNING, message, first, end, text[first:end])
    out.span(TokenKind.UNPARSED, first, end)
    return end


def read_updated(text: str, start: int, end: int, out: Collector, *, final: bool) -> Date | None:
    """An ``Updated on`` label and its date, if the label follows ``start``."""
    label = out.grammar.updated_label.match(text, skip_space(text, start, end), end)
    if label is None:
        return None
    out.span(TokenKind.UPDATED_LABEL, *label.span())
    updated = read_date(text, skip_space(text, label.end(), end), end, out, final=final)
    if updated.value is not None:
        return updated
    seen = text[updated.start : updated.end]
    if updated.cut:
        message = "the dump ends inside this record's updated date"
        out.problem(INCOMPLETE, WARNING, message, updated.start, updated.end, seen)
    else:
        why = out.grammar.dates.why_unreadable(seen)
        message = f"unreadable updated date: {why}; left empty"
        out.problem(DiagnosticCode.BAD_DATE, WARNING, message, updated.start, updated.end, seen)
    return updated


def read_date(text: str, start: int, end: int, out: Collector, *, final: bool) -> Date:
    grammar = out.grammar
    found = grammar.fast_date.match(text, start, end) or grammar.date_candidate.match(
        text, start, end
    )
    if found is None:
        stop = grammar.date_rest.match(text, start, end).end()  # type: ignore[union-attr]
        out.span(TokenKind.UNPARSED, start, stop)
        return Date(None, start, stop, cut=final and stop == end)
    value = grammar.dates.read(found.group())
    out.span(TokenKind.DATE if value is not None else TokenKind.UNPARSED, *found.span())
    return Date(value, found.start(), found.end(), cut=False)
