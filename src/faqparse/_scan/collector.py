"""Where the readers of a dump put what they find: records, problems and token spans.

The readers in `_scanner`, `_region` and `_meta` are plain functions over the text; each one
reports to a `Collector`, which is owned by whoever runs the scan (`_reader.DumpReader`).
`Collector.keep` is the one place a `Record` is built.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .._codes import DiagnosticCode
from .._model import Record, Severity
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
        self.dropped = 0  # records seen but not emitted (an unreadable published date)
        # Where records start, counted as the scan goes: the line, the offset its first
        # character, and how far the count has gone (offsets in the whole input).
        self._line, self._line_start, self._counted = 1, 0, 0
        # Whether the text being scanned holds a ``\r`` at all (`begin`): most dumps have none,
        # and then neither the line count nor the fast path needs to look for one.
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
        """A scan of ``text`` starts: one search of the whole text for ``\\r`` (`returns`)
        spares one per record."""
        self.returns = "\r" in text

    def locate(self, text: str, offset: int) -> tuple[int, int]:
        """Line and column of ``text[offset]``; offsets asked for never go back, nor split a
        ``\\r\\n`` (a record starts at a character that is not white space).

        Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in `_position.LineCounter`; this is
        its lean twin for one position per record, the cost of which the fast path feels.
        """
        base = self.base
        start = self._counted - base
        self._counted = base + offset
        # ``str.count`` reads every character; ``rfind`` skips to the last line break as fast
        # as memory is read, and what is left to count is mostly a title: the previous
        # record's snippet runs on to this title without a break.
        last_break = text.rfind("\n", start, offset)
        if last_break >= 0:
            self._line += 1 + text.count("\n", start, last_break)
            self._line_start = base + last_break + 1
        last_return = text.rfind("\r", start, offset) if self.returns else -1
        if last_return >= 0:  # rare: only then count the lone carriage returns
            lone = text.count("\r", start, offset) - text.count("\r\n", start, offset)
            if lone:
                self._line += lone
                self._line_start = base + max(self._line_start - base, last_return + 1)
        return self._line, base + offset - self._line_start + 1

    @property
    def counted(self) -> tuple[int, int, int]:
        """How far the line count of record starts has gone: the whole-input offset, with its
        line and column."""
        return self._counted, self._line, self._counted - self._line_start + 1

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

        ``line_break``, from a reader that knows it (the fast path, in a text without ``\\r``),
        is the record's only line break: the count then moves on to ``end`` here, and the
        next record's count does not read this record's snippet again.

        The fields go to `Record` by position: a frozen record's keyword call costs a fifth
        more, felt on every record of the fast path. A test builds a record here with every
        field distinct and compares it with one built by keyword.
        """
        base = self.base
        if self.returns:
            line, column = self.locate(text, start)
        else:  # `locate` for a text without ``\r``, inline: a call per record costs 2% of a parse
            counted = self._counted - base
            self._counted = base + start
            last_break = text.rfind("\n", counted, start)
            if last_break >= 0:
                self._line += 1 + text.count("\n", counted, last_break)
                self._line_start = base + last_break + 1
            line, column = self._line, base + start - self._line_start + 1
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
        if line_break >= 0:
            self._line, self._line_start = line + 1, base + line_break + 1
            self._counted = base + end

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
