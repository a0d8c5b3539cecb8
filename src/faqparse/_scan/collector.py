"""Where the readers of a dump put what they find: records, problems and token spans.

The readers in `loop`, `region`, `pages`, `meta`, `tags` and `views` are plain functions over
the text; each one reports to a `Collector`, which is owned by whoever runs the scan
(`faqparse._read.reader.DumpReader`).
`Collector.keep` is the one place a `Record` is built.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .._codes import DiagnosticCode
from .._model import Record, Severity
from .._read.lines import LineCounter
from .grammar import Grammar
from .tokens import TokenKind

__all__ = ["Collector", "Problem"]


class Problem(NamedTuple):
    """A diagnostic before its line and column are known; offsets are into the whole input."""

    code: DiagnosticCode
    severity: Severity
    message: str
    start: int
    end: int
    text: str = ""


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
        self.next_index = 0  # the index of the next record
        # What the dump's first evidence said: whether its records carry category tags, and
        # whether it is a search page or a section page (``None``: nothing seen yet).
        self.tagged: bool | None = None
        self.kind: str | None = None
        # Problems that hold only if the dump turns out to carry tags (`weak`).
        self._weak: list[Problem] = []
        # Word runs no vocabulary knows, read where tags stand on a tagged page (`unknown`).
        self.runs: set[str] = set()
        # What the records ahead hold, as far as `unknown` has looked (whole-input offsets).
        self.ahead_to = 0
        self.ahead_tags: list[int] = []
        self.ahead_runs: dict[str, list[int]] = {}
        self.dropped = 0  # records seen but not emitted (an unreadable published date)
        # Where records start, counted as the scan goes (offsets in the whole input).
        self.lines = LineCounter()
        # Whether the text being scanned holds a ``\r`` at all (`begin`): most dumps have none.
        self.returns = True

    @property
    def found_any(self) -> bool:
        """Whether a record was seen, emitted or not."""
        return bool(self.next_index or self.dropped)

    def decide_tags(self, tagged: bool) -> None:
        """The first evidence decides; later evidence only informs each record."""
        if self.tagged is None:
            self.tagged = tagged
            if tagged:
                self.problems += self._weak
            self._weak = []

    def weak(self, problem: Problem) -> None:
        """A problem that holds if the dump has tags, to be kept until the evidence is in."""
        self._weak.append(
            problem._replace(start=self.base + problem.start, end=self.base + problem.end)
        )

    @property
    def held(self) -> int | None:
        """Where the first problem waiting for evidence starts (whole-input offset)."""
        return self._weak[0].start if self._weak else None

    def settle(self) -> None:
        """No evidence came (the end of the input, or too long a wait): the problems stand."""
        self.problems += self._weak
        self._weak = []

    def decide_kind(self, kind: str) -> None:
        if self.kind is None:
            self.kind = kind

    def move_to(self, base: int) -> None:
        """The text scanned next starts at offset ``base`` of the whole input."""
        self.base = base

    def begin(self, text: str) -> None:
        """A scan of ``text`` starts: one search of the whole text for ``\\r`` spares one per
        record, in the line count and in the region's reader."""
        self.lines.returns = self.returns = "\r" in text

    @property
    def counted(self) -> tuple[int, int, int]:
        """How far the line count of record starts has gone: the whole-input offset, with its
        line and column."""
        lines = self.lines
        return lines.offset, lines.line, lines.column

    def keep(  # noqa: PLR0917 - a record's fields, then where its text is
        self,
        title: str,
        snippet: str,
        published: date,
        updated: date | None,
        views: int | None,
        category: str | None,
        text: str,
        start: int,
        end: int,
        line_break: int = -1,
    ) -> None:
        """Build the record whose text is ``text[start:end]`` and keep it: the one place a
        `Record` is built. Its line and column are those of ``text[start]``.

        ``line_break``, from a reader that knows it (the region's, in a text without ``\\r``),
        is the line break that ends the record's title, its first: the line count moves past
        it here (`LineCounter.advance`).

        The fields go to `Record` by position: a frozen record's keyword call costs a fifth
        more, felt on every record. A test builds a record here with every
        field distinct and compares it with one built by keyword.
        """
        base = self.base
        line, column = self.lines.advance(text, base, base + start, line_break)
        self.records.append(
            Record(
                title,
                snippet,
                published,
                updated,
                views,
                self.source,
                self.next_index,
                (base + start, base + end),
                category,
                line,
                column,
            )
        )
        self.next_index += 1

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
        return records

    def take_problems(self) -> list[Problem]:
        problems, self.problems = self.problems, []
        return problems
