"""Small inputs at the edges of the grammar, each checked through records, diagnostics and
tokens: what a user reads back, and what `tokenize` says each piece of the text is."""

from __future__ import annotations

from datetime import date

import pytest

import faqparse
from conftest import HEADER

K = faqparse.TokenKind


def kinds(text: str) -> list[tuple[str, str]]:
    return [(token.kind.value, token.text) for token in faqparse.tokenize(text)]


@pytest.mark.parametrize(
    "label",
    ["published on", "Published on"],
    ids=["off-case-label", "vocabulary-label"],
)
def test_a_title_that_starts_with_a_date_is_not_the_published_date(label: str) -> None:
    # The first title of a dump with no header starts with a date: the published date is
    # the one after the label, wherever the text starts.
    text = f"12 March 2024 fee changes\nSnippet.{label} 5 Sept 2023Updated on 29 May 202612"
    dump = faqparse.parse(text)
    assert [(r.title, r.published, r.updated, r.views) for r in dump.records] == [
        ("12 March 2024 fee changes", date(2023, 9, 5), date(2026, 5, 29), 12)
    ]
    assert dump.diagnostics == ()
    assert kinds(text) == [
        ("title", "12 March 2024 fee changes"),
        ("newline", "\n"),
        ("snippet", "Snippet."),
        ("published-label", label),
        ("whitespace", " "),
        ("date", "5 Sept 2023"),
        ("updated-label", "Updated on"),
        ("whitespace", " "),
        ("date", "29 May 2026"),
        ("views", "12"),
    ]


def test_an_unreadable_updated_date_after_a_title_that_starts_with_one() -> None:
    text = "2024-03-12 fee changes\nSnippet.Published on 5 Sept 2023Updated on 31 Foo 2026"
    dump = faqparse.parse(text)
    assert [(r.title, r.published, r.updated) for r in dump.records] == [
        ("2024-03-12 fee changes", date(2023, 9, 5), None)
    ]
    assert [(d.code, d.line, d.column, d.text) for d in dump.diagnostics] == [
        ("bad-date", 2, 44, "31 Foo 2026")
    ]
    assert kinds(text)[-1] == ("unparsed", "31 Foo 2026")


def test_an_ambiguous_count_is_a_views_token_and_says_how_it_was_read() -> None:
    text = "Title\nSnippet.Published on 5 Sept 20231,234,5 ways\nS2.Published on 6 Sept 2023"
    dump = faqparse.parse(text)
    (warning,) = dump.diagnostics
    assert warning.message == (
        "the view count '1,234' runs into ',5 w': read as 1,234 views, the rest as the next title"
    )
    assert warning.text == "1,234,5 w"
    views = [token for token in faqparse.tokenize(text) if token.kind is K.VIEWS]
    assert [(token.text, token.span) for token in views] == [
        ("1,234", (38, 43))
    ]  # after "Title\n" (6), the snippet (8), the label (13), the date (11)


@pytest.mark.parametrize(
    ("between", "line", "cut"),
    [("\nFAQ\n", 8, []), ("Announcements\n", 7, [("incomplete-record", 7, 37)])],
    ids=["on-its-own-line", "after-the-last-date"],
)
def test_a_tab_label_where_a_title_is_expected_is_header(
    between: str, line: int, cut: list[tuple[str, int, int]]
) -> None:
    # The label line after it is then the title line, which runs into its published label.
    # After the last date, the word is the first record's tag: the page carries tags, so the
    # last record, which ends right after its date, is reported cut.
    text = HEADER + "Title\nS.Published on 5 Sept 2023" + between
    text += "Snippet two.Published on 6 Sept 2023"
    dump = faqparse.parse(text)
    assert [(r.title, r.snippet) for r in dump.records] == [("Title", "S."), ("Snippet two.", "")]
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [
        ("missing-snippet", line, 1),
        *cut,
    ]


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n  \n"], ids=["next-line", "blank", "spaces"])
@pytest.mark.parametrize("first", [True, False], ids=["first-record", "second-record"])
def test_a_title_with_its_label_on_a_later_line_has_no_snippet(gap: str, first: bool) -> None:
    before = "" if first else "Title\nS.Published on 5 Sept 2023\n"
    dump = faqparse.parse(HEADER + before + "Title two" + gap + "Published on 6 Sept 2023")
    records = [(r.title, r.snippet) for r in dump.records]
    assert records == ([] if first else [("Title", "S.")]) + [("Title two", "")]
    line = 5 if first else 7
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [("missing-snippet", line, 1)]


@pytest.mark.parametrize(
    "before",
    ["  \n", "Title\nS.Published on 5 Sept 2023\n \t \n"],
    ids=["after-the-header", "between-records"],
)
def test_a_line_of_spaces_where_a_title_is_expected_is_blank(before: str) -> None:
    dump = faqparse.parse(HEADER + before + "Title two\nS2.Published on 6 Sept 2023")
    assert [r.title for r in dump.records][-1] == "Title two"
    assert dump.records[-1].snippet == "S2."
    assert dump.diagnostics == ()


def test_a_header_right_before_a_title_that_runs_into_its_label() -> None:
    # A stray line, a new page of just two tab labels, then a title with no snippet line.
    text = HEADER + "Title\nS.Published on 5 Sept 2023\nstray\nAll\nFAQ\n"
    text += "T2 runs into Published on 6 Sept 2023"
    dump = faqparse.parse(text)
    assert [(r.title, r.snippet) for r in dump.records] == [("Title", "S."), ("T2 runs into", "")]
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [
        ("unexpected-text", 7, 1),
        ("missing-snippet", 10, 1),
    ]


def test_a_title_on_its_label_line_is_a_title_token() -> None:
    assert kinds("Title runs into Published on 5 Sept 2023")[:3] == [
        ("title", "Title runs into"),
        ("whitespace", " "),
        ("published-label", "Published on"),
    ]
