"""A table of nasty inputs: each gives its documented diagnostics, never a traceback or a
lost record (docs/diagnostics.md lists the codes).

- dumps cut off at every field boundary, and at every character of each seed;
- labels with no date, dates with no year, NUL bytes, 10 MB lines, mixed line endings,
  mojibake, HTML instead of text, right-to-left and emoji titles;
- the parser bugs found while writing these, as regression tests with their minimal inputs.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

import faqparse
from conftest import HEADER, SEEDS
from faqparse.testing import DateStyle, RecordContent, content, render

FIRST = RecordContent(
    "Why did my identity verification fail?",
    "Please ensure that your ID is not linked to another account.",
    date(2023, 9, 5),
    date(2026, 5, 29),
    11_580,
)
SECOND = RecordContent(
    "2FA setup: how do I link an authenticator app?",
    "Open the OKX app and select Authenticator app.",
    date(2024, 3, 12),
    date(2026, 6, 4),
    845,
)
DUMP = render([FIRST, SECOND])
MB10 = 10 * 1024 * 1024

Where = tuple[str, str, int, int]  # code, severity, line, column


class Case(NamedTuple):
    text: str | bytes
    records: list[RecordContent]
    diagnostics: list[Where]


def read(text: str | bytes) -> tuple[list[RecordContent], list[Where]]:
    dump = faqparse.parse(text, source="nasty.txt")
    found: list[Where] = [(d.code, d.severity.value, d.line, d.column) for d in dump.diagnostics]
    return [content(record) for record in dump.records], found


def cut_after(anchor: str) -> str:
    return DUMP[: DUMP.index(anchor) + len(anchor)]


def warning(code: str, line: int, column: int) -> Where:
    return (code, "warning", line, column)


def error(code: str, line: int, column: int) -> Where:
    return (code, "error", line, column)


NO_RECORDS = [error("no-records", 1, 1)]
FIRST_BARE = FIRST._replace(updated=None, views=None)
FIRST_NO_VIEWS = FIRST._replace(views=None)

# -- cut off at each field boundary (the documented diagnostic for each) ---------------------

TRUNCATED = {
    "in-the-header": Case(cut_after("All\nFA"), [], NO_RECORDS),
    "after-the-header": Case(HEADER, [], NO_RECORDS),
    "in-the-first-title": Case(cut_after("Why did"), [], NO_RECORDS),
    "after-the-first-title": Case(cut_after("fail?\n"), [], NO_RECORDS),
    "in-the-first-snippet": Case(cut_after("Please ensure"), [], NO_RECORDS),
    "in-the-published-label": Case(cut_after("account.Publi"), [], NO_RECORDS),
    "after-the-published-label": Case(
        cut_after("account.Published on"), [], [warning("incomplete-record", 5, 1)]
    ),
    "in-the-published-date": Case(
        cut_after("Published on 5 Se"), [], [warning("incomplete-record", 5, 1)]
    ),
    "after-the-published-date": Case(cut_after("5 Sept 2023"), [FIRST_BARE], []),
    "in-the-updated-label": Case(
        cut_after("2023Upd"), [FIRST_BARE], [warning("incomplete-record", 6, 85)]
    ),
    "after-the-updated-label": Case(
        cut_after("2023Updated on"), [FIRST_BARE], [warning("incomplete-record", 6, 95)]
    ),
    "in-the-updated-date": Case(
        cut_after("Updated on 29 Ma"), [FIRST_BARE], [warning("incomplete-record", 6, 96)]
    ),
    "after-the-updated-date": Case(cut_after("29 May 2026"), [FIRST_NO_VIEWS], []),
    # A count cut before its comma is a complete smaller count: nothing in the text says
    # otherwise (the seeds end right after their counts in just this way).
    "in-the-count-before-its-comma": Case(cut_after("202611"), [FIRST._replace(views=11)], []),
    "after-the-count-comma": Case(
        cut_after("11,"), [FIRST_NO_VIEWS], [warning("incomplete-record", 6, 107)]
    ),
    "in-a-count-group": Case(
        cut_after("11,5"), [FIRST_NO_VIEWS], [warning("incomplete-record", 6, 107)]
    ),
    "after-the-count": Case(cut_after("11,580"), [FIRST], []),
    "in-the-second-title": Case(
        cut_after("11,5802F"), [FIRST], [warning("incomplete-record", 6, 113)]
    ),
    "after-the-second-title": Case(
        cut_after("app?\n"), [FIRST], [warning("incomplete-record", 6, 113)]
    ),
    "in-the-second-snippet": Case(
        cut_after("Open the"), [FIRST], [warning("incomplete-record", 6, 113)]
    ),
    "not-cut": Case(DUMP, [FIRST, SECOND], []),
}


@pytest.mark.parametrize("case", TRUNCATED.values(), ids=TRUNCATED.keys())
def test_cut_off(case: Case) -> None:
    assert read(case.text) == (case.records, case.diagnostics)


def assert_cut_is_consistent(
    text: str, n: int, complete: list[RecordContent], ends: list[int], style: DateStyle
) -> None:
    """``text[:n]`` keeps every record that ended before the cut, shows the one it cut into
    only as a prefix of itself, and reports the cut unless the text could end just there."""
    cut = text[:n]
    dump = faqparse.parse(cut)
    got = [content(record) for record in dump.records]
    finished = sum(1 for end in ends if end <= n)
    assert got[:finished] == complete[:finished], f"a record before the cut at {n} changed"
    assert len(got) <= finished + 1
    if len(got) > finished:
        partial, whole = got[-1], complete[len(got) - 1]
        assert partial[:3] == whole[:3]
        assert partial.updated in (None, whole.updated)
        assert partial.views is None or f"{whole.views:,}".startswith(f"{partial.views:,}")
    if not dump.diagnostics:  # a silent parse: the cut text must be a whole dump by itself
        assert render(dump.records, style=style) == cut, f"the cut at {n} went unreported"


def boundaries(text: str) -> list[tuple[str, int]]:
    tokens = faqparse.tokenize(text)
    return [(f"{i:02}-after-{t.kind.value}", t.span[1]) for i, t in enumerate(tokens)]


@pytest.mark.parametrize("style", ["en-GB", "en-US"])
@pytest.mark.parametrize(
    "n", [end for _, end in boundaries(DUMP)], ids=[name for name, _ in boundaries(DUMP)]
)
def test_cut_at_every_token_boundary(style: DateStyle, n: int) -> None:
    text = render([FIRST, SECOND], style=style)
    n = min(n, len(text))  # en-US dates are longer: the boundaries shift, the cuts still fall
    dump = faqparse.parse(text)
    ends = [record.span[1] for record in dump.records]
    assert_cut_is_consistent(text, n, [FIRST, SECOND], ends, style)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_cut_at_every_character_of_a_seed(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    dump = faqparse.parse(text)
    style: DateStyle = "en-US" if "Published on Sep 5, 2023" in text else "en-GB"
    complete = [content(record) for record in dump.records]
    ends = [record.span[1] for record in dump.records]
    for n in range(len(text) + 1):
        assert_cut_is_consistent(text, n, complete, ends, style)


# -- everything else that goes wrong in real dumps -------------------------------------------

ONE = "Title\nSnippet."
ROOT = RecordContent("Title", "Snippet.", date(2023, 9, 5), None, None)
NEXT = "Next title\nS2.Published on 6 Sept 2023"
NEXT_RECORD = RecordContent("Next title", "S2.", date(2023, 9, 6), None, None)

NASTY = {
    "label-with-no-date": Case(
        HEADER + ONE + "Published on Updated on 29 May 2026\n" + NEXT,
        [NEXT_RECORD],
        [error("bad-date", 6, 22)],
    ),
    "label-with-no-date-at-the-end": Case(
        HEADER + ONE + "Published on", [], [warning("incomplete-record", 5, 1)]
    ),
    "updated-label-with-no-date": Case(
        HEADER + ONE + "Published on 5 Sept 2023Updated on\n" + NEXT,
        [ROOT, NEXT_RECORD],
        [warning("bad-date", 6, 43)],  # where the missing date would start
    ),
    "published-date-with-no-year": Case(
        HEADER + ONE + "Published on 5 SeptUpdated on 29 May 2026" + NEXT,
        [NEXT_RECORD],
        [error("bad-date", 6, 22)],
    ),
    "updated-date-with-no-year": Case(
        HEADER + ONE + "Published on 5 Sept 2023Updated on 29 May\n" + NEXT,
        [ROOT, NEXT_RECORD],
        [warning("bad-date", 6, 44)],
    ),
    # With no year, nothing says where the date ends: it runs to the end of the line and
    # takes the next title with it (kept in the diagnostic's text), so the next record reads
    # its snippet line as its title and says so.
    "updated-date-with-no-year-then-a-count": Case(
        HEADER + ONE + "Published on 5 Sept 2023Updated on 29 May11,580" + NEXT,
        [ROOT, RecordContent("S2.", "", date(2023, 9, 6), None, None)],
        [warning("bad-date", 6, 44), warning("missing-snippet", 7, 1)],
    ),
    "nul-bytes-in-fields": Case(
        HEADER + "Ti\x00tle\nSnip\x00pet.Published on 5 Sept 2023",
        [ROOT._replace(title="Ti\x00tle", snippet="Snip\x00pet.")],
        [],
    ),
    "nul-bytes-only": Case(b"\x00" * 1000, [], NO_RECORDS),
    "mixed-line-endings": Case(
        "All\r\nFAQ\rAnnouncements\nProduct documents\r\n"
        "Title\rSnippet.Published on 5 Sept 2023" + "Next title\r\nS2.Published on 6 Sept 2023",
        [ROOT, NEXT_RECORD],
        [],
    ),
    "bom-and-crlf": Case(
        ("\ufeff" + HEADER + ONE + "Published on 5 Sept 2023").replace("\n", "\r\n").encode(),
        [ROOT],
        [],
    ),
    "mojibake-is-kept-as-it-stands": Case(
        HEADER + "Why isn\u00e2\u20ac\u2122t it here?\nIt\u00e2\u20ac\u2122s late."
        "Published on 5 Sept 2023",
        [
            ROOT._replace(
                title="Why isn\u00e2\u20ac\u2122t it here?", snippet="It\u00e2\u20ac\u2122s late."
            )
        ],
        [],
    ),
    "html-page": Case(
        "<!DOCTYPE html>\n<html><head><title>Help</title></head>\n"
        "<body><p>Not found</p></body></html>",
        [],
        NO_RECORDS,
    ),
    "html-around-the-fields": Case(
        "<div>Title</div>\n<p>Snippet.</p>Published on <b>5 Sept 2023</b>",
        [],
        [error("bad-date", 2, 29), warning("incomplete-record", 2, 43)],
    ),
    "right-to-left-title": Case(
        HEADER + "\u0643\u064a\u0641 \u0623\u062a\u062d\u0642\u0642\u061f\n"
        "\u202bSnippet.\u202cPublished on 5 Sept 2023",
        [
            RecordContent(
                "\u0643\u064a\u0641 \u0623\u062a\u062d\u0642\u0642\u061f",
                "\u202bSnippet.\u202c",
                date(2023, 9, 5),
                None,
                None,
            )
        ],
        [],
    ),
    # Columns count characters: the emoji is one, the bad byte after it is column 3.
    "emoji-title-then-a-bad-byte": Case(
        ("All\n\U0001f680 ".encode() + b"\xff Launch\nSnippet.Published on 5 Sept 2023"),
        [ROOT._replace(title="\U0001f680 \ufffd Launch")],
        [warning("invalid-encoding", 2, 3)],
    ),
    "emoji-title-then-an-ambiguous-count": Case(
        HEADER + "\U0001f469\u200d\U0001f4bb Dev\nS.Published on 5 Sept 20231302FA\nS2."
        "Published on 6 Sept 2023",
        [
            RecordContent("\U0001f469\u200d\U0001f4bb Dev", "S.", date(2023, 9, 5), None, 130),
            RecordContent("2FA", "S2.", date(2023, 9, 6), None, None),
        ],
        [warning("ambiguous-views", 6, 27)],
    ),
    "ten-mb-without-a-label": Case("x" * MB10, [], NO_RECORDS),
    "ten-mb-title-line": Case(
        HEADER + "T" * MB10 + "\nSnippet.Published on 5 Sept 2023",
        [ROOT._replace(title="T" * MB10)],
        [],
    ),
    "ten-mb-of-digits-after-a-date": Case(
        HEADER + ONE + "Published on 5 Sept 2023" + "1" * MB10,
        [ROOT._replace(views=111)],
        [warning("ambiguous-views", 6, 33), warning("incomplete-record", 6, 36)],
    ),
}


@pytest.mark.parametrize("case", NASTY.values(), ids=NASTY.keys())
def test_nasty_input(case: Case) -> None:
    records, diagnostics = read(case.text)
    assert records == case.records
    assert diagnostics == case.diagnostics
    if isinstance(case.text, str) and len(case.text) < 10_000:
        assert "".join(t.text for t in faqparse.tokenize(case.text)) == case.text


def test_what_a_bad_date_leaves_out_is_in_its_diagnostic() -> None:
    text = NASTY["updated-date-with-no-year-then-a-count"].text
    assert isinstance(text, str)
    bad_date = faqparse.parse(text).diagnostics[0]
    assert bad_date.text == "29 May11,580Next title"


def test_a_stream_gives_up_on_ten_mb_without_a_label() -> None:
    """The stream holds at most 4 Mi characters waiting for a label, then skips, and says so.

    The diagnostic keeps an excerpt of what it skipped (memory stays bounded on endless
    input); its span says how much it was.
    """
    stream = faqparse.iter_records(io.BytesIO(b"x" * MB10), source="big.txt")
    assert list(stream) == []
    *skips, last = stream.diagnostics
    assert (last.code, last.severity.value, last.line, last.span) == (
        "no-records",
        "error",
        1,
        (0, MB10),
    )
    assert [(d.code, d.severity.value, d.line) for d in skips] == [
        ("unexpected-text", "warning", 1)
    ] * 2
    assert [d.span for d in skips] == [(0, skips[0].span[1]), (skips[0].span[1], skips[1].span[1])]
    assert all(d.text == "x" * 4096 for d in skips)
    size = skips[0].span[1]
    assert size > 4 << 20 and f"{size:,} characters" in skips[0].message


# -- parser bugs found here, fixed: kept as regression tests -------------------------------


@pytest.mark.parametrize(
    "text",
    ["Published\x1con", "Published\x1fon", "x\nyPublished\x1con 5 Sept 2023"],
    ids=["parse", "parse-1f", "tokenize"],
)
def test_label_with_an_information_separator(text: str) -> None:
    # U+001C..U+001F are not spaces between a label's words: there is no label, so no record.
    dump = faqparse.parse(text)
    assert "".join(t.text for t in faqparse.tokenize(text)) == text
    assert dump.records == ()
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [("no-records", 1, 1)]


def test_a_stream_places_no_records_where_parse_does() -> None:
    stream = faqparse.iter_records(io.BytesIO(b"x" * MB10), source="big.txt")
    list(stream)
    first, second, no_records = stream.diagnostics
    assert [(d.line, d.column) for d in (first, no_records)] == [(1, 1), (1, 1)]
    assert (second.line, second.column) == (1, second.span[0] + 1)


def test_a_long_line_of_records_parses_in_linear_time() -> None:
    """A hang guard, not a timing assertion: in linear time this takes a fraction of a second
    (a 10 MB line without labels takes 0.1 s); while the bug lasts it runs into the timeout."""
    script = textwrap.dedent(
        """
        import faqparse
        line = "A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580"
        dump = faqparse.parse(line * (3_000_000 // len(line)))
        assert {d.code for d in dump.diagnostics} == {"missing-snippet"}
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=3)
