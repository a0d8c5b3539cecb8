"""Reading the metadata after a ``Published on`` label: dates, the category tag, the count.

Each reader takes the text, where to start and where the text ends, reports what it finds to
the `Collector` (token spans, problems) and returns what it read with where it stopped.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector, Problem
from .dates import SPACE_CHARACTERS
from .grammar import Grammar, count_value, starts_group
from .tokens import TokenKind

__all__ = ["LOOKAHEAD", "Meta", "read_meta", "skip_space"]

LOOKAHEAD: Final = 4096
"""In a stream, a label this close to the end of the text read so far waits for more text; a
record's metadata may look this far past its label (`tags_ahead`), so a stream and a whole
parse see the same text there."""

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
    category: str | None
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
        return Meta(published, updated, None, None, last.end)
    category, pos = read_tag(text, last.end, end, out, window=min(end, label + LOOKAHEAD))
    views, pos = read_count(text, pos, end, out, final=final)
    if views is None and pos < end:
        views, pos = read_count_line(text, pos, end, out)
    if final and views is None:
        pos = read_cut(text, pos, end, out, label=updated is None, tag=category is None)
    return Meta(published, updated, category, views, pos)


def read_tag(
    text: str, start: int, end: int, out: Collector, *, window: int
) -> tuple[str | None, int]:
    """The category tag right after the last date, if there is one, by the dump's evidence.

    A tag word followed by a digit, an upper-case letter, a line break or the end is a tag
    (and says the dump has tags); one followed by a lower-case letter is the start of a word;
    one followed by a space or a sign is a tag or the start of a title, which only what the
    dump said before decides (a space: not even that, in a dump with tags). A sign before
    any evidence (a letter without case, as in Arabic or Chinese, is one) looks at the
    records ahead, up to ``window``: if each of them has a tag word after its date too, the
    dump carries tags (`tags_ahead`).
    """
    pos = skip_space(text, start, end)
    found = out.grammar.tag.match(text, pos, end)
    if found is None:
        out.decide_tags(False)  # a count, a title, a line break or the end: no tag here
        return None, start
    after = found.end()
    follower = text[after : after + 1]
    word = found.group()
    if not follower or follower in _TAG_ENDS or follower.isupper():
        if out.tagged is False:
            message = (
                f"{word!r} after the date reads as a category tag, though the dump's earlier"
                " records had none"
            )
            out.problem(DiagnosticCode.AMBIGUOUS_CATEGORY, WARNING, message, pos, after, word)
        out.decide_tags(True)
        out.span(TokenKind.TAG, pos, after)
        return word, after
    if follower.islower():
        out.decide_tags(False)  # the word goes on: a title such as "FAQs about..."
        return None, start
    if follower not in _HORIZONTAL_SPACE and (
        out.tagged or (out.tagged is None and tags_ahead(text, after, window, end, out.grammar))
    ):
        out.decide_tags(True)
        out.span(TokenKind.TAG, pos, after)  # a tag, then a title that starts with a sign
        return word, after
    if out.tagged is False:
        return None, start  # a dump without tags: a title that starts with a tag word
    message = (
        f"{word!r} after the date may be a category tag or the start of the next title:"
        " kept whole as a title, with no category and no count for this record"
    )
    problem = Problem(DiagnosticCode.AMBIGUOUS_CATEGORY, WARNING, message, pos, after, word)
    if out.tagged:
        out.problem(*problem)
    else:  # nothing known yet: a title either way, but a doubtful one if tags turn up
        out.weak(problem)
    return None, start


def tags_ahead(text: str, start: int, window: int, end: int, grammar: Grammar) -> bool:
    """Whether the records in ``text[start:window]`` (one at least) all have a tag word
    right after their last date.

    In every dump seen, either all records carry a tag or none does, so a dump in which every
    date runs into a tag word carries tags: an untagged dump whose titles all begin with a
    tag word is not plausible. This decides dumps whose junctions all read as signs (a tag
    word then a letter without case). ``window`` is where a stream's text may end (the
    label plus `LOOKAHEAD`) or the end of the input, so a stream decides as a parse does; a
    record the window may cut is not looked at.
    """
    seen = False
    margin = grammar.longest_tag + 1
    for found in grammar.meta.finditer(text, start, window):
        if window < end and found.end() + margin >= window:
            break  # the window may cut this record's metadata: no evidence either way
        if found.group(1) is None or (found.group(2) is not None and found.group(3) is None):
            continue  # a date the plain pattern does not read: the full reader's business
        if found.group(4) is None or text[found.end(4) : found.end(4) + 1].islower():
            return False  # a record without a tag word (or a word going on): no tags
        seen = True
    return seen


def read_count_line(text: str, start: int, end: int, out: Collector) -> tuple[int | None, int]:
    """A count alone on the next line: the record's own, not a title (fields on own lines)."""
    found = out.grammar.count_line.match(text, start, end)
    if found is None:
        return None, start
    out.span(TokenKind.VIEWS, *found.span(1))
    return count_value(found.group(1), out.grammar), found.end(1)


def read_cut(text: str, start: int, end: int, out: Collector, *, label: bool, tag: bool) -> int:
    """At the end of the input: a label or a tag cut short after the record's last field."""
    vocabulary = out.grammar.vocabulary
    longest = max(len(word) for word in (*vocabulary.updated, *vocabulary.tags))
    if end - start > 4 * longest:  # spaces may be doubled: still, too long to be a cut word
        return start
    rest = text[start:end]
    words = " ".join(rest.split())
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
_TAG_ENDS: Final = frozenset("0123456789\r\n")
_HORIZONTAL_SPACE: Final = frozenset(SPACE_CHARACTERS)
