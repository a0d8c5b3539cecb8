"""Records at the edges of a page: section bullets, a cut before a new page, a missing title
or snippet, a count cut by the end, a blank first line. Each test pins a case a small change
of the source once slipped through (docs/design/mutation.md)."""

from __future__ import annotations

import faqparse


def test_a_section_page_gives_its_bullets_as_tokens() -> None:
    text = (
        "Section name\n- Title onePublished on 5 Sept 2023\n- Title twoPublished on 6 Sept 2023\n"
    )
    tokens = [(t.kind, t.text) for t in faqparse.tokenize(text)]
    bullets = [t for t in tokens if t[1] == "- "]
    assert bullets == [(faqparse.TokenKind.BULLET, "- ")] * 2
    assert [r.title for r in faqparse.parse(text).records] == ["Title one", "Title two"]


def test_a_record_cut_off_before_a_new_page_says_so() -> None:
    text = (
        "One\nSnip.Published on 5 Sept 2023\nCut title\nand its snippet\n"
        "All\nFAQ\nAnnouncements\nTwo\nSnip two.Published on 6 Sept 2023\n"
    )
    dump = faqparse.parse(text)
    assert [r.title for r in dump.records] == ["One", "Two"]
    assert [(d.code, d.message, d.text, d.line) for d in dump.diagnostics] == [
        (
            "incomplete-record",
            "a record cut off before a new page: 'Cut title and its snippet'",
            "Cut title\nand its snippet",
            3,
        )
    ]


def test_a_missing_title_or_snippet_quotes_no_text() -> None:
    no_title = faqparse.parse("Published on 5 Sept 2023FAQ3\n").diagnostics
    no_snippet = faqparse.parse("TitlePublished on 5 Sept 2023\nNext\nS.Published on 6 Sept 2023")
    assert [(d.code, d.text) for d in (*no_title, *no_snippet.diagnostics)] == [
        ("missing-title", ""),
        ("missing-snippet", ""),
    ]


def test_a_count_cut_by_the_end_of_the_dump_is_quoted() -> None:
    dump = faqparse.parse("Only\nSnip.Published on 5 Sept 2023 1,2")
    assert [r.views for r in dump.records] == [None]
    assert [(d.code, d.text, d.line, d.column) for d in dump.diagnostics] == [
        ("incomplete-record", "1,2", 2, 31)
    ]


def test_a_dump_that_starts_with_a_blank_line() -> None:
    dump = faqparse.parse("\nTitle\nSnip.Published on 5 Sept 2023FAQ12\n")
    assert [(r.title, r.snippet, r.category, r.views, r.line) for r in dump.records] == [
        ("Title", "Snip.", "FAQ", 12, 2)
    ]
    assert dump.diagnostics == ()
