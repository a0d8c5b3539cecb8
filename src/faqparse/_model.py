"""The typed results: records and dumps, diagnostics, merged articles and their observations.

Plain frozen records with no logic in them; conversion to and from JSON lives in `_rows`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sized
from datetime import date

import attrs

from ._codes import DiagnosticCode

__all__ = [
    "Article",
    "CapturedFrom",
    "Diagnostic",
    "Dump",
    "Observation",
    "Record",
    "Severity",
    "Span",
]

Span = tuple[int, int]
"""Half-open character offsets ``(start, end)`` into the decoded text of a dump."""


class Severity(enum.StrEnum):
    WARNING = "warning"
    ERROR = "error"


class CapturedFrom(enum.StrEnum):
    """Where a dump's snapshot time came from, strongest first."""

    EXPLICIT = "explicit"
    FILE_NAME = "file-name"
    CONTENT = "content"


@attrs.frozen
class Diagnostic:
    """Something odd in a dump, with where it is.

    ``text`` carries the input the diagnostic is about when that input is not kept in any
    record (a dropped record, stray text), so nothing is lost without a trace.
    """

    code: DiagnosticCode
    severity: Severity
    message: str
    source: str
    line: int
    column: int
    span: Span
    text: str = ""

    def __str__(self) -> str:
        """The command line's line: ``source:line:column: severity: code: message``."""
        where = f"{self.source}:{self.line}:{self.column}"
        return f"{where}: {self.severity.value}: {self.code}: {self.message}"


def _count(noun: str) -> Callable[[Sized], str]:
    """A field's repr as its length: a parsed 50 MB dump's repr would run to tens of
    millions of characters, and take seconds, with every record in it."""

    def say(items: Sized) -> str:
        return f"<{len(items):,} {noun}>"

    return say


@attrs.frozen
class Record:
    """One article as seen in one dump."""

    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None
    source: str
    index: int
    span: Span
    category: str | None = None
    """The category tag a search across categories prints after the dates, as written."""
    line: int | None = None
    """The 1-based line of the record's first character in its dump (``None`` for a record
    not read from a text); with ``column``, where diagnostics about the record point."""
    column: int | None = None


@attrs.frozen
class Dump:
    """One parsed search dump: its records, its diagnostics and its identity."""

    source: str
    records: tuple[Record, ...] = attrs.field(repr=_count("records"))
    header: tuple[str, ...] = attrs.field(repr=_count("tab labels"))
    diagnostics: tuple[Diagnostic, ...] = attrs.field(repr=_count("diagnostics"))
    digest: str = attrs.field(repr=lambda digest: repr(digest[:12] + "…"))
    captured: date | None
    captured_from: CapturedFrom | None = attrs.field(repr=lambda value: repr(value and str(value)))
    locale: str = "en"
    """The tag of the vocabulary the dump was read with (``faqparse.VOCABULARIES``)."""
    kind: str = "search"
    """``"search"`` for a search-results page, ``"section"`` for a section's article list."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


@attrs.frozen
class Observation:
    """Where and when an article was seen: enough to redo the merge when an older dump arrives."""

    source: str
    digest: str
    index: int
    captured: date | None
    title: str
    snippet: str
    updated: date | None
    views: int | None
    category: str | None = None


@attrs.frozen
class Article:
    """One real article, merged from every dump it was seen in."""

    id: str
    title: str
    published: date
    updated: date | None
    views: int | None
    snippets: tuple[str, ...] = attrs.field(repr=_count("snippets"))
    observations: tuple[Observation, ...] = attrs.field(repr=_count("observations"))
    locale: str = "en"
    """The language the article was seen in: the same article in two languages is two."""
    category: str | None = None
    """The latest known category tag of the article."""
