"""Text that belongs to no record: reported with what it says, kept whole, never dropped.

A stray line before a new page is ``unexpected-text``; a record cut off at the end of the dump
is ``incomplete-record``. Either way the diagnostic carries the text itself, its message
quotes it (cut to 60 characters, with ``…``, for people), and `tokenize` marks it unparsed.
"""

from __future__ import annotations

import pytest

import faqparse
from conftest import HEADER

RECORD = "Title\nSnippet.Published on 5 Sept 2023"
NEXT = "T2\nS2.Published on 6 Sept 2023"


def stray_line(line: str) -> str:
    return HEADER + RECORD + "\n" + line + "\n" + HEADER + NEXT


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        ("Load more results", "'Load more results'"),
        ("x" * 60, repr("x" * 60)),  # exactly the limit: whole
        ("x" * 61, repr("x" * 59 + "…")),  # one more: cut to 59 and the ellipsis
        ("Show   more\tresults", "'Show more results'"),  # runs of spaces read as one
    ],
    ids=["short", "sixty", "sixty-one", "spaces"],
)
def test_a_stray_line_is_quoted_in_its_message(line: str, quoted: str) -> None:
    dump = faqparse.parse(stray_line(line))
    (diagnostic,) = dump.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("unexpected-text", 7, 1)
    assert diagnostic.message == f"text where a title was expected, before a new page: {quoted}"
    assert diagnostic.text == line
    assert [r.title for r in dump.records] == ["Title", "T2"]


def test_a_record_cut_off_at_the_end_is_kept_in_its_diagnostic() -> None:
    dump = faqparse.parse(HEADER + RECORD + "Next title\nand a snip")
    (diagnostic,) = dump.diagnostics
    assert diagnostic.code == "incomplete-record"
    assert diagnostic.text == "Next title\nand a snip"
    assert diagnostic.message == "a record cut off at the end of the dump: 'Next title and a snip'"


def test_tokenize_marks_stray_text_unparsed() -> None:
    text = stray_line("Load more results")
    tokens = faqparse.tokenize(text)
    stray = [t for t in tokens if t.text == "Load more results"]
    assert [(t.kind, t.span) for t in stray] == [
        (faqparse.TokenKind.UNPARSED, (text.index("Load"), text.index("Load") + 17))
    ]
    assert {t.kind for t in tokens} >= {faqparse.TokenKind.HEADER, faqparse.TokenKind.TITLE}


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        ("Published on 5 Se", "the dump ends inside this record's published date"),
        ("Published on", "the dump ends inside this record's published date"),
    ],
    ids=["in-the-date", "after-the-label"],
)
def test_a_record_cut_in_its_published_date_is_kept_in_its_diagnostic(
    cut: str, message: str
) -> None:
    dump = faqparse.parse(HEADER + "Title\nSnippet." + cut)
    assert dump.records == ()
    (diagnostic,) = dump.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("incomplete-record", 5, 1)
    assert diagnostic.message == message
    assert diagnostic.text == "Title\nSnippet." + cut


def test_a_record_left_out_for_its_published_date_is_kept_in_its_diagnostic() -> None:
    record = "Title\nSnippet.Published on 31 Foo 2023Updated on 29 May 202612"
    dump = faqparse.parse(HEADER + record + NEXT)
    assert [r.title for r in dump.records] == ["T2"]
    (diagnostic,) = dump.diagnostics
    assert (diagnostic.code, diagnostic.severity.value) == ("bad-date", "error")
    assert diagnostic.text == record
