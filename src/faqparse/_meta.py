"""Reading the metadata after a ``Published on`` label: dates and the view count.

Each reader takes the text, where to start and where the text ends, reports what it finds to
the `Collector` (token spans, problems) and returns what it read with where it stopped.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

from ._codes import DiagnosticCode
from ._collect import Collector
from ._dates import SPACE_CHARACTERS
from ._grammar import count_value, starts_group
from ._model import Severity
from ._tokens import TokenKind

__all__ = ["Meta", "read_meta", "skip_space"]

WARNING, ERROR = Severity.WARNING, Severity.ERROR
INCOMPLETE = DiagnosticCode.INCOMPLETE_RECORD


class Date(NamedTuple):
    value: date | None
    start: int
    end: int
    cut: bool  # unreadable because the text ends inside it


class Meta(NamedTuple):
    published: Date
    updated: Date | None
    views: int | None
    end: int


def read_meta(text: str, label: int, end: int, out: Collector, *, final: bool) -> Meta:
    """The metadata starting at the published label at ``label``."""
    grammar = out.grammar
    label_end = grammar.published_label.match(text, label, end).end()  # type: ignore[union-attr]
    out.span(TokenKind.PUBLISHED_LABEL, label, label_end)
    published = read_date(text, skip_space(text, label_end, end), end, out, final=final)
    updated = None
    if published.value is not None or not published.cut:
        updated = read_updated(text, published.end, end, out, final=final)
    last = published if updated is None else updated
    if last.value is None and last.cut:
        return Meta(published, updated, None, last.end)
    views, pos = read_count(text, last.end, end, out, final=final)
    return Meta(published, updated, views, pos)


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


def read_count(
    text: str, start: int, end: int, out: Collector, *, final: bool
) -> tuple[int | None, int]:
    """The view count after the last date, if any, and where the metadata ends."""
    grammar = out.grammar
    count = grammar.count.match(text, skip_space(text, start, end), end)
    if count is None:
        return None, start
    digits = count.group()
    views, pos = count_value(digits, grammar), count.end()
    rest = text[pos : pos + 4]
    separators = grammar.vocabulary.count_separators
    # With separators the grouping says where the count ends; without, a digit after it (or
    # a separator that starts no group) leaves the split undecidable.
    if starts_group(rest, separators) or (
        rest[:1] in _DIGITS and not any(c in digits for c in separators)
    ):
        if final and grammar.count_cut.fullmatch(text, pos, end):
            message = "the dump ends inside this record's view count"
            out.problem(INCOMPLETE, WARNING, message, count.start(), end, text[count.start() : end])
            out.span(TokenKind.UNPARSED, count.start(), end)
            return None, end
        message = (
            f"the view count {digits!r} runs into {rest!r}: read as {views:,} views,"
            " the rest as the next title"
        )
        out.problem(
            DiagnosticCode.AMBIGUOUS_VIEWS,
            WARNING,
            message,
            count.start(),
            pos,
            text[count.start() : pos + 4],
        )
    out.span(TokenKind.VIEWS, count.start(), pos)
    return views, pos


def skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in _HORIZONTAL_SPACE:
        pos += 1
    return pos


_DIGITS: Final = frozenset("0123456789")
_HORIZONTAL_SPACE: Final = frozenset(SPACE_CHARACTERS)
