"""Every LF fixture again with CRLF and with lone CR line breaks: the same dump.

A line break is one break however it is written, so converting a fixture's ``\\n`` to
``\\r\\n`` or ``\\r`` must give the same records (titles, snippets with their inner breaks
converted too, dates, counts), the same header, and the same diagnostics on the same lines
and columns. Only the character offsets move: each ``\\r\\n`` is one character longer than
the ``\\n`` it replaces, so an offset shifts by the number of line breaks before it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import faqparse
from conftest import FIXTURES, SEEDS

LF_CASES = [
    path
    for path in sorted((FIXTURES / "dumps").rglob("*.txt")) + SEEDS
    if b"\r" not in path.read_bytes()
]
NEWLINES = {"crlf": "\r\n", "cr": "\r"}


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


class Converted:
    """A fixture's text with its line breaks rewritten, and how offsets move with them."""

    def __init__(self, path: Path, newline: str) -> None:
        self.lf_data = path.read_bytes()
        self.data = self.lf_data.replace(b"\n", newline.encode())
        self.newline = newline
        # Line breaks are ASCII: how a bad byte is decoded does not move them.
        self._lf_text = self.lf_data.decode("utf-8", "replace")

    def offset(self, lf_offset: int) -> int:
        return lf_offset + self._lf_text.count("\n", 0, lf_offset) * (len(self.newline) - 1)

    def text(self, lf_text: str) -> str:
        return lf_text.replace("\n", self.newline)

    def record(self, record: faqparse.Record) -> dict[str, Any]:
        return {
            "title": record.title,
            "snippet": self.text(record.snippet),
            "published": record.published,
            "updated": record.updated,
            "views": record.views,
            "index": record.index,
            "span": (self.offset(record.span[0]), self.offset(record.span[1])),
        }

    def diagnostic(self, diagnostic: faqparse.Diagnostic) -> dict[str, Any]:
        return {
            "code": diagnostic.code,
            "severity": diagnostic.severity,
            "line": diagnostic.line,
            "column": diagnostic.column,
            "span": (self.offset(diagnostic.span[0]), self.offset(diagnostic.span[1])),
            "text": self.text(diagnostic.text),
        }


def _records(records: list[faqparse.Record] | tuple[faqparse.Record, ...]) -> list[Any]:
    return [
        {
            "title": r.title,
            "snippet": r.snippet,
            "published": r.published,
            "updated": r.updated,
            "views": r.views,
            "index": r.index,
            "span": r.span,
        }
        for r in records
    ]


def _diagnostics(diagnostics: list[faqparse.Diagnostic] | tuple[Any, ...]) -> list[Any]:
    return [
        {
            "code": d.code,
            "severity": d.severity,
            "line": d.line,
            "column": d.column,
            "span": d.span,
            "text": d.text,
        }
        for d in diagnostics
    ]


def test_the_conversion_covers_the_fixture_families() -> None:
    families = {path.parent.name for path in LF_CASES}
    assert {"dates", "encoding", "labels", "layout", "truncated", "views"} <= families
    assert len(LF_CASES) >= 50


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("path", LF_CASES, ids=_case_id)
def test_parse_reads_the_same_dump(path: Path, newline: str) -> None:
    converted = Converted(path, newline)
    lf = faqparse.parse(converted.lf_data, source="x.txt")
    got = faqparse.parse(converted.data, source="x.txt")
    assert _records(got.records) == [converted.record(r) for r in lf.records]
    assert _diagnostics(got.diagnostics) == [converted.diagnostic(d) for d in lf.diagnostics]
    assert got.header == lf.header


@pytest.mark.parametrize("chunk_bytes", [7, 5000])
@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("path", LF_CASES, ids=_case_id)
def test_the_stream_reads_the_same_dump(path: Path, newline: str, chunk_bytes: int) -> None:
    converted = Converted(path, newline)
    lf = faqparse.parse(converted.lf_data, source="x.txt")
    stream = faqparse.iter_records(
        io.BytesIO(converted.data), source="x.txt", chunk_bytes=chunk_bytes
    )
    assert _records(list(stream)) == [converted.record(r) for r in lf.records]
    assert _diagnostics(stream.diagnostics) == [converted.diagnostic(d) for d in lf.diagnostics]
    assert stream.header == list(lf.header)


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("path", LF_CASES, ids=_case_id)
def test_tokens_are_the_same_with_the_breaks_rewritten(path: Path, newline: str) -> None:
    converted = Converted(path, newline)
    lf = faqparse.tokenize(converted.lf_data.decode("utf-8", "replace"))
    got = faqparse.tokenize(converted.data.decode("utf-8", "replace"))
    assert [(t.kind, t.text, t.span) for t in got] == [
        (t.kind, converted.text(t.text), (converted.offset(t.span[0]), converted.offset(t.span[1])))
        for t in lf
    ]


@pytest.mark.parametrize(
    ("opening", "line"),
    [("\r", 2), ("\r\r", 3), ("\n", 2), ("\r\n", 2), ("\r\n\r", 3)],
    ids=["cr", "cr-cr", "lf", "crlf", "crlf-cr"],
)
def test_a_break_at_the_very_start_counts(opening: str, line: int) -> None:
    """A line break that is the first character of the text is a line break like any other."""
    dump = faqparse.parse(opening + "Title runs into Published on 5 Sept 2023")
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [("missing-snippet", line, 1)]


@pytest.mark.parametrize(
    ("opening", "line"),
    [("\r", 2), ("\r\r", 3), ("\n", 2), ("\r\n", 2), ("\r\n\r", 3)],
    ids=["cr", "cr-cr", "lf", "crlf", "crlf-cr"],
)
def test_a_break_at_the_very_start_counts_with_no_record_to_count_from(
    opening: str, line: int
) -> None:
    """The same, for a diagnostic with no record before it (its record is dropped): its line
    is counted from the start of the text, not from a record's."""
    text = opening + "Title runs into Published on 31 Foo 2023"
    dump = faqparse.parse(text)
    assert dump.records == ()
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [("bad-date", line, 30)]
    stream = faqparse.iter_records(io.BytesIO(text.encode()), chunk_bytes=3)
    assert list(stream) == []
    assert [(d.code, d.line, d.column) for d in stream.diagnostics] == [("bad-date", line, 30)]
