from __future__ import annotations

from datetime import date, datetime

import pytest

import faqparse
from faqparse._read.captured import captured_from_name

NAMES = [
    ("2026-06-04.txt", date(2026, 6, 4)),
    ("okx_2026_06_04.txt", date(2026, 6, 4)),
    ("dumps/20260604-search.txt", date(2026, 6, 4)),
    ("okx-2026-06-04T10-15-30.txt", datetime(2026, 6, 4, 10, 15, 30)),
    ("okx_20260604_101530.txt", datetime(2026, 6, 4, 10, 15, 30)),
    ("okx_2026-06-04_1015.txt", datetime(2026, 6, 4, 10, 15)),
    ("okx_2026-06-04_9999.txt", date(2026, 6, 4)),  # not a time: the date alone
    ("000_79ff5863b67a6592.txt", None),  # the seeds: digits, but no date
    ("003_ecced15b7f629948.txt", None),
    ("20261399.txt", None),  # not a valid date
    ("120260604.txt", None),  # digits run on: not a stamp
    ("2026-0604.txt", None),  # mixed separators
    ("00010101.txt", None),  # valid, but no snapshot is that old
    ("2026/06/04.txt", None),  # a folder is not part of the name
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_stamp_in_file_name(name: str, expected: date | None) -> None:
    assert captured_from_name(name) == expected


def test_explicit_beats_the_name_which_beats_the_content() -> None:
    text = "T\nS.Published on 5 Sept 2023Updated on 1 Jun 2026"
    named = faqparse.parse(text, "2026-06-04.txt")
    assert (named.captured, named.captured_from) == (
        date(2026, 6, 4),
        faqparse.CapturedFrom.FILE_NAME,
    )
    explicit = faqparse.parse(text, "2026-06-04.txt", captured=datetime(2026, 7, 1, 8))
    assert (explicit.captured, explicit.captured_from) == (
        datetime(2026, 7, 1, 8),
        faqparse.CapturedFrom.EXPLICIT,
    )
    content = faqparse.parse(text, "plain.txt")
    assert (content.captured, content.captured_from) == (
        date(2026, 6, 1),
        faqparse.CapturedFrom.CONTENT,
    )


def test_no_dates_at_all_means_no_snapshot_time() -> None:
    dump = faqparse.parse("", "plain.txt")
    assert (dump.captured, dump.captured_from) == (None, None)
