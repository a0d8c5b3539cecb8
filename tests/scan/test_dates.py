"""Date styles, as a table of real-world strings and what they mean."""

from __future__ import annotations

from datetime import date

import pytest

import faqparse
from faqparse._scan.dates import DateReader

READ = [
    # seed styles
    ("5 Sept 2023", date(2023, 9, 5)),
    ("Sep 5, 2023", date(2023, 9, 5)),
    ("25 Sept 2023", date(2023, 9, 25)),
    ("May 6, 2026", date(2026, 5, 6)),
    # full month names, both orders
    ("September 5, 2023", date(2023, 9, 5)),
    ("12 March 2024", date(2024, 3, 12)),
    # any letter case, Sept and Sep, a dot after the abbreviation
    ("5 SEPT 2023", date(2023, 9, 5)),
    ("sep 5, 2023", date(2023, 9, 5)),
    ("5 sep 2023", date(2023, 9, 5)),
    ("Sep. 5, 2023", date(2023, 9, 5)),
    # ISO
    ("2023-09-05", date(2023, 9, 5)),
    # non-breaking and repeated spaces
    ("5\u00a0Sept\u00a02023", date(2023, 9, 5)),
    ("Sep  5,   2023", date(2023, 9, 5)),
    # other textual forms, read by dateutil on the date's text alone
    ("Tuesday, 5 September 2023", date(2023, 9, 5)),
    ("September 5th, 2023", date(2023, 9, 5)),
    ("31/12/2023", date(2023, 12, 31)),
    ("2023/09/05", date(2023, 9, 5)),
]

UNREADABLE = [
    # (text, the reason given)
    ("30 Feb 2023", "'30 Feb 2023' is not a date"),  # no such day
    ("31 Foo 2023", "'31 Foo 2023' is not a date"),  # no such month
    # 5 September or May 9? a guess, so no reading
    ("05/09/2023", "the numeric date '05/09/2023' reads both day-first and month-first"),
    ("Sept 2023", "'Sept 2023' is not a date"),  # no day: never completed from a default
    ("5 Sept", "'5 Sept' is not a date"),  # no year
    ("", "the date is missing"),
    ("yesterday", "'yesterday' is not a date"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_reads(text: str, expected: date) -> None:
    assert DateReader(faqparse.ENGLISH).read(text) == expected


@pytest.mark.parametrize(("text", "reason"), UNREADABLE)
def test_unreadable_is_none_with_a_reason(text: str, reason: str) -> None:
    reader = DateReader(faqparse.ENGLISH)
    assert reader.read(text) is None
    assert reader.why_unreadable(text) == reason


def test_ambiguous_numeric_date_says_why() -> None:
    assert "day-first and month-first" in DateReader(faqparse.ENGLISH).why_unreadable("05/09/2023")


@pytest.mark.parametrize(("text", "expected"), READ)
def test_every_style_reads_inside_a_dump(text: str, expected: date) -> None:
    dump = faqparse.parse(
        f"T\nS.Published on {text}Updated on {text}12Next\nS.Published on 2023-01-01"
    )
    first = dump.records[0]
    assert (first.published, first.updated, first.views) == (expected, expected, 12)
    assert not dump.diagnostics


def test_result_does_not_depend_on_today() -> None:
    # dateutil fills missing fields from a default date (today, unless told otherwise): a date
    # with a missing part must be unreadable whatever the default would have been.
    dump = faqparse.parse("T\nS.Published on 5 Sept 2024Updated on Tuesday 2024")
    assert dump.records[0].updated is None
    assert [d.code for d in dump.diagnostics] == ["bad-date"]
