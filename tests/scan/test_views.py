"""Where a view count ends when the next title runs straight on from it.

Counts of 1,000 and more are comma-grouped, so a count is the longest run ``ddd,ddd,...``.
The grouping decides the split silently when the next title starts with a digit after a full
group (``1,2342FA``). A comma right after a complete count (``1,234,5 ways``) or digits after a
count under 1,000 (``1302FA``) leave it undecidable: the longest count is taken and an
``ambiguous-views`` warning names the place, so that nobody loses a view count silently.
"""

from __future__ import annotations

import io
from datetime import date

import pytest

import faqparse
from conftest import HEADER

FIRST = "Title\nSnippet.Published on 5 Sept 2023"
NEXT = "\nS2.Published on 6 Sept 2023"
UPDATED = "Updated on 29 May 2026"
# Line 6 holds the first record's metadata: `Snippet.Published on 5 Sept 2023` is 32
# characters, so a count right after it starts at column 33, after the updated date at 55.
AFTER_PUBLISHED, AFTER_UPDATED = 33, 55

# (text after the first record's last date, its views, the next title, warning expected)
CASES = {
    "comma-after-a-grouped-count": ("1,234,5 ways", 1_234, ",5 ways", True),
    "comma-after-two-groups": ("12,345,67 ways", 12_345, ",67 ways", True),
    "comma-after-three-groups": ("1,234,567,8 ways", 1_234_567, ",8 ways", True),
    "comma-that-starts-no-group": ("1,23 ways", 1, ",23 ways", True),
    "digits-after-a-short-count": ("1302FA setup", 130, "2FA setup", True),
    "digit-after-a-full-group": ("1,2342FA setup", 1_234, "2FA setup", False),
    "digits-after-a-large-count": ("100,00024/7 support", 100_000, "24/7 support", False),
    "letters-after-a-short-count": ("452FA", 452, "FA", False),
    "three-digits-then-a-letter": ("452 ways", 452, "ways", False),
}


def _read(text: str) -> tuple[list[tuple[str, int | None]], list[tuple[str, int, int]]]:
    dump = faqparse.parse(text, source="counts.txt")
    records = [(r.title, r.views) for r in dump.records]
    return records, [(d.code, d.line, d.column) for d in dump.diagnostics]


@pytest.mark.parametrize("updated", [False, True], ids=["after-published", "after-updated"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_count_runs_into_the_next_title(case: tuple[str, int, str, bool], updated: bool) -> None:
    after, views, title, warned = case
    text = HEADER + FIRST + (UPDATED if updated else "") + after + NEXT
    records, diagnostics = _read(text)
    assert records == [("Title", views), (title, None)]
    column = AFTER_UPDATED if updated else AFTER_PUBLISHED
    assert diagnostics == ([("ambiguous-views", 6, column)] if warned else [])


def test_the_warning_names_the_count_and_what_follows() -> None:
    dump = faqparse.parse(HEADER + FIRST + "1,234,5 ways" + NEXT)
    (warning,) = dump.diagnostics
    assert warning.severity is faqparse.Severity.WARNING
    assert "'1,234'" in warning.message and "',5 w'" in warning.message
    assert dump.records[0].published == date(2023, 9, 5)


@pytest.mark.parametrize("chunk_bytes", [1, 7, 100])
def test_a_stream_warns_as_parse_does(chunk_bytes: int) -> None:
    data = (HEADER + FIRST + "1,234,5 ways" + NEXT).encode()
    stream = faqparse.iter_records(io.BytesIO(data), source="s.txt", chunk_bytes=chunk_bytes)
    assert [(r.title, r.views) for r in stream] == [("Title", 1_234), (",5 ways", None)]
    assert [(d.code, d.line, d.column) for d in stream.diagnostics] == [
        ("ambiguous-views", 6, AFTER_PUBLISHED)
    ]
