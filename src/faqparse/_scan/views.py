"""Reading the view count after a record's dates: its digits, where it ends, a count cut short.

Every rule about a count lives here: its value (`count_value`), whether the text after it
runs on (`runs_on`, which `faqparse.testing` asks too before writing a title after a count),
the count on a line of its own, and the count the end of the input cut.
"""

from __future__ import annotations

from typing import Final

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector
from .dates import SPACE_CHARACTERS
from .grammar import Grammar, skip_space
from .tokens import TokenKind

__all__ = [
    "SMALL_COUNTS",
    "count_value",
    "read_count",
    "read_count_line",
    "runs_on",
    "starts_group",
]

SMALL_COUNTS: Final = {str(n): n for n in range(1, 1000)}
"""The value of each count under 1,000 (most counts are small): a dictionary hit is cheaper
than ``int()``, and cheaper still than a call to `count_value`, so the metadata reader's
common case asks it first (8% of its work on the benchmark dump's records)."""
_DIGITS: Final = frozenset("0123456789")


def count_value(text: str, grammar: Grammar) -> int:
    """The number a count's text stands for (``147.473``, ``4 225``)."""
    separators = grammar.vocabulary.count_separators
    if len(separators) == 1:
        return int(text.replace(separators, ""))
    return int(text.translate(grammar.separator_table))


def starts_group(rest: str, separators: str) -> bool:
    """Whether the text after a count starts with a separator and a group (``,5``, `` 225``)."""
    first = rest[:1]
    if not first or first not in separators:
        return False
    return first not in SPACE_CHARACTERS or rest[1:2].isdigit()


def runs_on(digits: str, rest: str, separators: str) -> bool:
    """Whether the count ``digits`` may go on into ``rest``, the text right after it.

    With separators the grouping says where the count ends; without, a digit after it (or
    a separator that starts no group) leaves the split undecidable.
    """
    return starts_group(rest, separators) or (
        rest[:1] in _DIGITS and not any(c in digits for c in separators)
    )


def read_count(
    text: str, start: int, end: int, out: Collector, *, final: bool
) -> tuple[int | None, int]:
    """The view count at ``start`` (after spaces), if any, and where the metadata ends."""
    grammar = out.grammar
    count = grammar.count.match(text, skip_space(text, start, end), end)
    if count is None:
        return None, start
    digits = count.group()
    views, pos = count_value(digits, grammar), count.end()
    rest = text[pos : pos + 4]
    if runs_on(digits, rest, grammar.vocabulary.count_separators):
        if final and grammar.count_cut.fullmatch(text, pos, end):
            message = "the dump ends inside this record's view count"
            out.problem(
                DiagnosticCode.INCOMPLETE_RECORD,
                Severity.WARNING,
                message,
                count.start(),
                end,
                text[count.start() : end],
            )
            out.span(TokenKind.UNPARSED, count.start(), end)
            return None, end
        message = (
            f"the view count {digits!r} runs into {rest!r}: read as {views:,} views,"
            " the rest as the next title"
        )
        out.problem(
            DiagnosticCode.AMBIGUOUS_VIEWS,
            Severity.WARNING,
            message,
            count.start(),
            pos,
            text[count.start() : pos + 4],
        )
    out.span(TokenKind.VIEWS, count.start(), pos)
    return views, pos


def read_count_line(text: str, start: int, end: int, out: Collector) -> tuple[int | None, int]:
    """A count alone on the next line: the record's own, not a title (fields on own lines)."""
    found = out.grammar.count_line.match(text, start, end)
    if found is None:
        return None, start
    out.span(TokenKind.VIEWS, *found.span(1))
    return count_value(found.group(1), out.grammar), found.end(1)
