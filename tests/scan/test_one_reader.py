"""Texts the plain-record reader and the full grammar once read differently, read as
``docs/format.md`` says, the same by ``parse``, ``tokenize`` and ``iter_records``."""

from __future__ import annotations

import io

import faqparse
from faqparse import TokenKind


def _streamed(text: str) -> list[faqparse.Record]:
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="<string>", chunk_bytes=7)
    return list(stream)


def test_a_section_page_under_a_heading_that_is_no_tab_word() -> None:
    text = "Security\n- Title 0Published on 5 Sept 2023100\n- Title 1Published on 5 Sept 2023"
    dump = faqparse.parse(text)
    assert dump.kind == "section"
    assert [(r.title, r.snippet, r.views, r.span) for r in dump.records] == [
        ("Title 0", "", 100, (9, 45)),
        ("Title 1", "", None, (46, 79)),
    ]
    assert [(d.code, d.text) for d in dump.diagnostics] == [("unexpected-text", "Security")]
    kinds = [t.kind for t in faqparse.tokenize(text) if t.kind is not TokenKind.WHITESPACE]
    assert kinds[:3] == [TokenKind.UNPARSED, TokenKind.NEWLINE, TokenKind.BULLET]
    assert _streamed(text) == list(dump.records)


def test_a_pagination_line_before_the_first_record_is_no_title() -> None:
    text = (
        "Showing 1-3 of 3 articles\nTitle 0Published on 5 Sept 2023"
        + "Next\n"
        + "S" * 80
        + "Published on 6 Sept 2023"
    )
    dump = faqparse.parse(text)
    assert [(r.title, r.snippet) for r in dump.records] == [("Title 0", ""), ("Next", "S" * 80)]
    assert [(d.code, d.span) for d in dump.diagnostics] == [("missing-snippet", (26, 33))]
    assert faqparse.tokenize(text)[0].kind is TokenKind.TRAILER
    assert _streamed(text) == list(dump.records)


def test_a_record_ends_at_its_last_field_not_at_the_spaces_after_it() -> None:
    text = (
        "Title\nSnippetPublished on 5 Sept 2023   \nNext\n" + "S" * 80 + "Published on 6 Sept 2023"
    )
    dump = faqparse.parse(text)
    assert [r.span for r in dump.records] == [(0, 37), (41, 150)]
    assert [(r.line, r.column) for r in dump.records] == [(1, 1), (3, 1)]
    assert _streamed(text) == list(dump.records)
