"""Dumps well over the stream's lookahead, with diagnostics near their end.

The family fixtures are all under 1 KB, so a stream reads each of them in one piece. Here the
dumps run to 15-20 KB in the seed layout (each record's title runs on from the previous
record's count), built from a few hand-written records varied by a number, with broken
records planted at known places near the end. Every diagnostic's line and column is known
from where it was planted, and each must come out the same through `parse`, through
`iter_records` at chunk sizes on both sides of the lookahead, and through `faqparse check`,
with LF, CRLF and lone-CR line breaks alike.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

import faqparse
from faqparse._cli.main import main
from faqparse.testing import RecordContent, content

HEADER = ["All", "FAQ", "Announcements", "Product documents"]

# (title, snippet): written for these tests; the dates and counts vary with the record's number.
WORDS = [
    ("How do I reset my password?",
     "Open the sign-in page, choose Forgot password and follow the email."),
    ("Why is my withdrawal still pending?",
     "Withdrawals wait for network confirmations before they arrive."),
    ("How do I change my account email?",
     "Go to Security settings and pick Change email; both inboxes get a code."),
    ("What are maker and taker fees?",
     "A maker adds an order to the book, a taker fills one that is already there."),
    ("Can I cancel a converted order?",
     "A conversion settles at once, so it cannot be undone afterwards."),
    ("Where do I find my trading history?",
     "Your orders of the last three months are listed under Assets > Orders."),
    ("How long does identity verification take?",
     "Most checks finish within an hour; busy days can take longer."),
]  # fmt: skip
DATES = [
    ("5 Sept 2023", date(2023, 9, 5)),
    ("Sep 5, 2023", date(2023, 9, 5)),
    ("12 March 2024", date(2024, 3, 12)),
    ("2024-03-12", date(2024, 3, 12)),
    ("Jan 31, 2025", date(2025, 1, 31)),
]
UPDATED = [("29 May 2026", date(2026, 5, 29)), ("Jun 4, 2026", date(2026, 6, 4))]
VIEWS = [7, 45, 312, 1_017, 11_580, 230_004]

Where = tuple[str, str, int, int]  # code, severity, line, column


class Built(NamedTuple):
    text: str  # with LF line breaks
    records: list[RecordContent]
    diagnostics: list[Where]


def build(count: int, plants: dict[int, str]) -> Built:
    """A dump of ``count`` record slots in the seed layout; ``plants`` breaks some slots.

    Slot ``k``'s snippet and metadata stand on one line, followed on the same line by the
    title of slot ``k + 1``. The plants, and what each one raises where:
    - ``bad-updated``: the updated date is ``31 Foo 2026``: a bad-date warning at that date;
    - ``ambiguous``: 130 views, and the next title starts with a digit (``2FA``);
    - ``bad-published``: the published date is ``31 Foo 2023``: a bad-date error, no record;
    - ``new-page``: after the count, a line break, a stray line, and the header again;
    - ``bad-byte``: the title has a byte that is not UTF-8 in it (written as U+FFFD here,
      made a real bad byte by `as_bytes`).
    The last slot is followed by a record cut off inside its snippet.
    """
    lines = [*HEADER]
    records: list[RecordContent] = []
    diagnostics: list[Where] = []
    line = title_for(0, plants)  # the text of the line being written, up to where we are
    for slot in range(count):
        title, snippet = title_for(slot, plants), f"{WORDS[slot % len(WORDS)][1]} ({slot})"
        title_column = len(line) - len(title) + 1
        lines.append(line)  # the title ends the line: the previous slot's, or its own
        where = len(lines) + 1  # the 1-based number of the line this slot's metadata is on
        published_text, published = DATES[slot % len(DATES)]
        updated_text, updated = UPDATED[slot % 2] if slot % 5 else ("", None)
        views: int | None = VIEWS[slot % len(VIEWS)] if slot % 4 else None
        plant = plants.get(slot)
        if plant == "bad-published":
            published_text = "31 Foo 2023"
            column = len(f"{snippet}Published on ") + 1
            diagnostics.append(("bad-date", "error", where, column))
        if plant == "bad-updated":
            updated_text, updated = "31 Foo 2026", None
            column = len(f"{snippet}Published on {published_text}Updated on ") + 1
            diagnostics.append(("bad-date", "warning", where, column))
        line = f"{snippet}Published on {published_text}"
        line += f"Updated on {updated_text}" if updated_text else ""
        if plant == "ambiguous":
            views = 130
            diagnostics.append(("ambiguous-views", "warning", where, len(line) + 1))
        line += "" if views is None else f"{views:,}"
        if plant == "bad-byte":
            column = title_column + title.index("\ufffd")
            diagnostics.append(("invalid-encoding", "warning", where - 1, column))
        if plant != "bad-published":
            records.append(RecordContent(title, snippet, published, updated, views))
        if plant == "new-page":
            lines += [line, "Load more results", *HEADER]
            diagnostics.append(("unexpected-text", "warning", len(lines) - len(HEADER), 1))
            line = ""
        line += title_for(slot + 1, plants)
    cut_column = len(line) - len(title_for(count, plants)) + 1
    diagnostics.append(("incomplete-record", "warning", len(lines) + 1, cut_column))
    lines += [line, "and a snip"]
    return Built("\n".join(lines), records, diagnostics)


def title_for(slot: int, plants: dict[int, str]) -> str:
    title = WORDS[slot % len(WORDS)][0]
    if plants.get(slot - 1) == "ambiguous":
        return f"2FA: {title[0].lower()}{title[1:]} ({slot})"
    if plants.get(slot) == "bad-byte":
        return f"Fees \ufffd {title} ({slot})"
    return f"{title} ({slot})"


def as_bytes(text: str, newline: str) -> bytes:
    return text.replace("\n", newline).encode("utf-8").replace("\ufffd".encode(), b"\xff")


# Only the tail is broken: the first 13-17 KB hold no diagnostic, so the line number of the
# last ones depends on the line counter being carried across everything read before them.
TAIL = build(150, {140: "bad-updated", 143: "ambiguous", 146: "bad-published", 149: "bad-byte"})
# Broken all along, and a new page near the end.
SPREAD = build(
    180,
    {3: "ambiguous", 60: "bad-published", 61: "bad-byte", 120: "bad-updated", 160: "ambiguous",
     170: "new-page", 172: "bad-published", 175: "bad-updated", 178: "bad-byte"},
)  # fmt: skip
DUMPS = {"tail": TAIL, "spread": SPREAD}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def test_the_dumps_are_as_planned() -> None:
    """The generator's own arithmetic, checked against lines counted by hand."""
    assert len(TAIL.text.encode()) > 8_000 and len(SPREAD.text.encode()) > 8_000
    # Header on lines 1-4, the first title on line 5, slot k's metadata on line 6 + k.
    assert [(code, line) for code, _, line, _ in TAIL.diagnostics] == [
        ("bad-date", 146),
        ("ambiguous-views", 149),
        ("bad-date", 152),
        ("invalid-encoding", 154),  # slot 149's title ends the line of slot 148
        ("incomplete-record", 155),  # the title after slot 149, on slot 149's line
    ]
    # After slot 170 (line 176): the stray line 177, the header on 178-181 and slot 171's
    # title alone on line 182, so from there slot k's metadata is on line 12 + k.
    assert [(code, line) for code, _, line, _ in SPREAD.diagnostics] == [
        ("ambiguous-views", 9),
        ("bad-date", 66),
        ("invalid-encoding", 66),
        ("bad-date", 126),
        ("ambiguous-views", 166),
        ("unexpected-text", 177),
        ("bad-date", 184),
        ("bad-date", 187),
        ("invalid-encoding", 189),
        ("incomplete-record", 191),
    ]
    assert len(TAIL.records) == 149 and len(SPREAD.records) == 178
    # The cut-off record is the last thing in the dump, after more than 8 KB.
    last_line = TAIL.text.split("\n")[-2]
    assert TAIL.text.index(last_line) > 12_000


def _seen(dump_or_stream: faqparse.Dump | faqparse.RecordStream) -> list[Where]:
    return [(d.code, d.severity.value, d.line, d.column) for d in dump_or_stream.diagnostics]


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("name", DUMPS)
def test_parse(name: str, newline: str) -> None:
    built = DUMPS[name]
    dump = faqparse.parse(as_bytes(built.text, newline), source=f"{name}.txt")
    assert [content(record) for record in dump.records] == built.records
    assert _seen(dump) == built.diagnostics
    assert list(dump.header) == HEADER


@pytest.mark.parametrize("chunk_bytes", [1, 7, 100, 4096, 5000, 65536])
@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("name", DUMPS)
def test_stream(name: str, newline: str, chunk_bytes: int) -> None:
    built = DUMPS[name]
    data = as_bytes(built.text, newline)
    stream = faqparse.iter_records(io.BytesIO(data), source=f"{name}.txt", chunk_bytes=chunk_bytes)
    assert [content(record) for record in stream] == built.records
    assert _seen(stream) == built.diagnostics
    assert [record.index for record in faqparse.parse(data).records] == list(
        range(len(built.records))
    )


DIAGNOSTIC_LINE = re.compile(r"^(.+):(\d+):(\d+): (warning|error): ([a-z-]+): .+$")


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("name", DUMPS)
def test_check_prints_each_diagnostic_where_it_was_planted(
    name: str, newline: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(as_bytes(DUMPS[name].text, newline))
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", str(path)], stdout=out, stderr=err)
    assert status == 1  # a bad published date is an error
    assert out.getvalue() == ""
    printed = []
    *lines, summary = err.getvalue().splitlines()
    assert summary.startswith("faqparse: ")  # the run's count of its diagnostics
    for text in lines:
        match = DIAGNOSTIC_LINE.match(text)
        assert match, text
        source, line, column, severity, code = match.groups()
        assert source == str(path)
        printed.append((code, severity, int(line), int(column)))
    assert printed == DUMPS[name].diagnostics
