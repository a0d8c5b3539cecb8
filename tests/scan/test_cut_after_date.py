"""A tagged page whose last record ends right after a date was cut there: reported.

On a page whose records carry a category tag, a record that ends at the end of the text
right after its published or updated date, with no tag and no count, lost them to the cut:
``incomplete-record``, the record kept with what it has. On a page without tags the same
ending is a complete record, and nothing is said.
"""

from __future__ import annotations

import io

import pytest

import faqparse
from faqparse._locales import VOCABULARIES

TAGGED = "A\nB.Published on 5 Sept 2023FAQ12C\nD.Published on 6 Sept 2023"


def _problems(text: str, **options: object) -> list[tuple[str, int, int, tuple[int, int]]]:
    dump = faqparse.parse(text, **options)  # type: ignore[arg-type]
    return [(d.code, d.line, d.column, d.span) for d in dump.diagnostics]


@pytest.mark.parametrize("ending", ["", "\n", "  \r\n"], ids=["at-the-end", "newline", "crlf"])
def test_the_last_record_of_a_tagged_page_ending_after_its_date(ending: str) -> None:
    text = TAGGED + ending
    dump = faqparse.parse(text)
    assert [(r.title, r.category, r.views) for r in dump.records] == [
        ("A", "FAQ", 12),
        ("C", None, None),
    ]
    assert _problems(text) == [("incomplete-record", 3, 27, (61, 61))]  # right after the date
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="<string>", chunk_bytes=7)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)


def test_after_an_updated_date_too() -> None:
    text = TAGGED + "Updated on 29 May 2026"
    assert _problems(text) == [("incomplete-record", 3, 49, (83, 83))]


def test_a_swedish_page_cut_after_a_date() -> None:
    text = (
        "Alla\nVanliga frågor\nTitel\nText.Publicerad den 30 jan. 2026Vanliga frågor12"
        "Nästa titel\nMer text.Publicerad den 5 jan. 2026"
    )
    dump = faqparse.parse(text, vocabulary=VOCABULARIES["sv"])
    assert [r.category for r in dump.records] == ["Vanliga frågor", None]
    assert [d.code for d in dump.diagnostics] == ["incomplete-record"]
    assert dump.diagnostics[0].span == (len(text), len(text))


@pytest.mark.parametrize(
    "text",
    [
        "A\nB.Published on 5 Sept 2023C\nD.Published on 6 Sept 2023",  # no tags at all
        "C\nD.Published on 6 Sept 2023",  # one record: nothing says the page has tags
        TAGGED + "Announcements",  # the last record has its tag
        TAGGED + "7",  # a count, no tag: the record ends with what a page may show
    ],
    ids=["untagged-page", "one-record", "tag-after-the-date", "count-after-the-date"],
)
def test_no_report_where_nothing_was_cut(text: str) -> None:
    assert _problems(text) == []
