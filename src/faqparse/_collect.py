"""Where the readers of a dump put what they find: records, problems and token spans.

The readers in `_scanner`, `_region` and `_meta` are plain functions over the text; each one
reports to a `Collector`, which is owned by whoever runs the scan (`_reader.DumpReader`).
`new_record` is the one place a `Record` is built.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ._codes import DiagnosticCode
from ._grammar import Grammar
from ._model import Record, Severity, Span
from ._position import LineCounter
from ._tokens import TokenKind

__all__ = ["Collector", "Problem", "new_record"]


class Problem(NamedTuple):
    """A diagnostic before its line and column are known; offsets are into the whole input."""

    code: DiagnosticCode
    severity: Severity
    message: str
    start: int
    end: int
    text: str = ""


def new_record(  # noqa: PLR0917 - the fields of a record
    title: str,
    snippet: str,
    published: date,
    updated: date | None,
    views: int | None,
    source: str,
    index: int,
    span: Span,
    line: int,
    column: int,
) -> Record:
    return Record(
        title=title,
        snippet=snippet,
        published=published,
        updated=updated,
        views=views,
        source=source,
        index=index,
        span=span,
        line=line,
        column=column,
    )


class Collector:
    """The results of scanning one input, which arrives as one text or piece by piece.

    Offsets handed to it are into the text being scanned; ``base`` (set with `move_to`) is
    where that text starts in the whole input, so what it keeps is in whole-input offsets.
    """

    def __init__(self, grammar: Grammar, source: str, *, tokens: bool = False) -> None:
        self.grammar = grammar
        self.source = source
        self.base = 0
        self.records: list[Record] = []
        self.problems: list[Problem] = []
        self.header: dict[str, None] = {}  # an ordered set of the tab labels seen
        self.spans: list[tuple[TokenKind, int, int]] | None = [] if tokens else None
        self.emitted = 0  # records handed on by `take_records`
        self.dropped = 0  # records seen but not emitted (an unreadable published date)
        self._lines = LineCounter()  # where records start; diagnostics are located later

    @property
    def next_index(self) -> int:
        return self.emitted + len(self.records)

    @property
    def found_any(self) -> bool:
        """Whether a record was seen, emitted or not."""
        return bool(self.records or self.emitted or self.dropped)

    def move_to(self, base: int) -> None:
        """The text scanned next starts at offset ``base`` of the whole input."""
        self.base = base

    def locate(self, text: str, offset: int) -> tuple[int, int]:
        """Line and column of ``text[offset]``; offsets asked for never go back."""
        return self._lines.advance(text, self.base, self.base + offset)

    def add(self, record: Record) -> None:
        self.records.append(record)

    def record(  # noqa: PLR0917 - the fields of a record
        self,
        text: str,
        title: str,
        snippet: str,
        published: date,
        updated: date | None,
        views: int | None,
        start: int,
        end: int,
    ) -> None:
        base = self.base
        line, column = self.locate(text, start)
        self.records.append(
            new_record(
                title,
                snippet,
                published,
                updated,
                views,
                self.source,
                self.next_index,
                (base + start, base + end),
                line,
                column,
            )
        )

    def drop(self) -> None:
        self.dropped += 1

    def problem(  # noqa: PLR0917 - the fields of a problem
        self,
        code: DiagnosticCode,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        text: str = "",
    ) -> None:
        base = self.base
        self.problems.append(Problem(code, severity, message, base + start, base + end, text))

    def span(self, kind: TokenKind, start: int, end: int) -> None:
        if self.spans is not None and start < end:
            base = self.base
            self.spans.append((kind, base + start, base + end))

    def tab(self, label: str) -> None:
        self.header.setdefault(label)

    def take_records(self) -> list[Record]:
        """The records found since the last call; they are the caller's from now on."""
        records, self.records = self.records, []
        self.emitted += len(records)
        return records

    def take_problems(self) -> list[Problem]:
        problems, self.problems = self.problems, []
        return problems
