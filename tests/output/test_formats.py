"""What `faqparse parse` and `faqparse merge` print, character for character, in each format.

The table is for people at a terminal: it must fit the terminal's width (``COLUMNS``), cut the
title (the widest column) with ``…`` rather than wrap, and leave out the long columns. JSON is
one array with a record per line, CSV ends its lines with ``\\n``; both keep text as written.
"""

from __future__ import annotations

import csv
import io
import json
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from faqparse._cli.main import main
from faqparse._output.formats import TABLE_PAGE, write_rows

LONG_TITLE = (
    "Why did my identity verification fail even though I uploaded a clear photo of my passport"
    " and a selfie?"
)
DUMP = (
    "All\nFAQ\nAnnouncements\nProduct documents\n"
    f"{LONG_TITLE}\n"
    "Please make sure your ID is not linked to another account.Published on 5 Sept 2023"
    "Updated on 29 May 202611,580How do I set up 2FA?\n"
    "Open the app, go to Security…Published on 12 Mar 2024845"
)


def run(tmp_path: Path, *argv: str) -> str:
    path = tmp_path / "dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main([*argv, str(path)], stdout=out, stderr=err) == 0, err.getvalue()
    assert err.getvalue() == ""
    return out.getvalue()


def test_the_table_fits_the_terminal_by_cutting_the_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lines = run(tmp_path, "parse", "--format", "table").splitlines()
    # Columns: source 24 (its end, after `…`), index 5 (its name), published and updated 10,
    # views 6 (`11,580`); category is left out, as no record has one. 55 cells, and two
    # spaces between the 6 columns, 10, leave the title 100 - 55 - 10 = 35.
    source = "…" + str(tmp_path / "dump.txt")[-23:]
    assert lines == [
        f"{'source':24}  index  {'title':35}  published   updated     views",
        f"{source}  0      {LONG_TITLE[:34]}…  2023-09-05  2026-05-29  11,580",
        f"{source}  1      {'How do I set up 2FA?':35}  2024-03-12  -           845",
    ]


def test_a_narrow_terminal_drops_other_columns_before_cutting_the_title_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "66")
    lines = run(tmp_path, "parse", "--format", "table").splitlines()
    # 66 cells: index and updated go first, then published; the title keeps 66 - 24 (the
    # source) - 6 (the views) - 4 (two gaps) = 32 cells.
    assert lines[0].split() == ["source", "title", "views"]
    assert lines[1].endswith(f"  {LONG_TITLE[:31]}…  11,580")
    assert len(lines[1]) == 66
    monkeypatch.setenv("COLUMNS", "60")
    lines = run(tmp_path, "parse", "--format", "table").splitlines()
    # 60: the views go too, rather than the title falling under 30 cells: 60 - 24 - 2 = 34.
    assert lines[0].split() == ["source", "title"]
    assert lines[1].endswith(f"  {LONG_TITLE[:33]}…")
    monkeypatch.setenv("COLUMNS", "30")
    lines = run(tmp_path, "parse", "--format", "table").splitlines()
    assert lines == ["title", f"{LONG_TITLE[:29]}…", "How do I set up 2FA?"]


def test_the_article_table_shows_a_short_id_and_leaves_out_snippets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run(tmp_path, "merge", "--format", "table")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "title", "published", "updated", "views", "observations"]
    ids = [json.loads(line)["id"] for line in run(tmp_path, "merge").splitlines()]
    # One locale, no category: those columns say nothing here.
    assert lines[1].startswith(f"{ids[0][:8]}  {LONG_TITLE}  2023-09-05  2026-05-29  11,580  ")
    assert lines[2].startswith(f"{ids[1][:8]}  {'How do I set up 2FA?':{len(LONG_TITLE)}}  ")
    assert lines[1].endswith("  1") and lines[2].endswith("  1")  # one observation each
    assert all(line == line.rstrip() for line in lines)


def test_json_is_one_array_with_a_record_per_line_and_text_as_written(tmp_path: Path) -> None:
    out = run(tmp_path, "parse", "--format", "json")
    lines = out.split("\n")
    assert lines[0] == "[" and lines[-2:] == ["]", ""] and len(lines) == 5
    assert lines[1].startswith("{") and lines[1].endswith("},")
    assert lines[2].startswith("{") and lines[2].endswith("}")
    assert "Security…" in lines[2]  # not escaped as \u2026
    assert [record["views"] for record in json.loads(out)] == [11_580, 845]


def test_json_with_no_records_is_an_empty_array(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("not a dump\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["parse", "--format", "json", str(path)], stdout=out, stderr=err) == 1
    assert out.getvalue() == "[]\n"


def test_jsonl_keeps_text_as_written(tmp_path: Path) -> None:
    lines = run(tmp_path, "parse", "--format", "jsonl").splitlines()
    assert len(lines) == 2 and "Security…" in lines[1]
    assert json.loads(lines[1])["snippet"] == "Open the app, go to Security…"


def test_csv_lines_end_with_a_line_feed(tmp_path: Path) -> None:
    out = run(tmp_path, "parse", "--format", "csv")
    assert "\r" not in out and out.count("\n") == 3
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[2] for row in rows] == ["title", LONG_TITLE, "How do I set up 2FA?"]


def _numbered_rows(consumed: list[int], count: int) -> Iterator[dict[str, object]]:
    for index in range(count):
        consumed[0] = index + 1
        title = f"T{index}" if index < TABLE_PAGE else f"A longer title {index}"
        yield {"index": index, "title": title, "views": 10**index if index < 30 else 1}


class _FirstWrite(Exception):
    pass


def test_a_table_prints_its_first_rows_before_reading_all_of_them() -> None:
    """A stream of rows far longer than a page: the first write comes after one page."""
    consumed = [0]

    class Sink:
        def write(self, data: bytes | bytearray) -> int:
            raise _FirstWrite

    with pytest.raises(_FirstWrite):
        write_rows(
            _numbered_rows(consumed, 100 * TABLE_PAGE), Sink(), "table",
            columns=["index", "title", "views"],
            flatten=lambda r: [r["index"], r["title"], r["views"]],
        )  # fmt: skip
    assert consumed[0] <= TABLE_PAGE


def test_a_table_of_several_pages_shows_every_row_and_the_header_again_when_it_widens() -> None:
    out = io.BytesIO()
    rows = 2 * TABLE_PAGE + 5
    written = write_rows(
        _numbered_rows([0], rows), out, "table", columns=["index", "title", "views"],
        flatten=lambda r: [r["index"], r["title"], r["views"]], width=200,
    )  # fmt: skip
    assert written == rows
    lines = out.getvalue().decode().splitlines()
    body = [line for line in lines if line and not line.startswith("index")]
    assert [int(line.split()[0].replace(",", "")) for line in body] == list(range(rows))
    # A page is measured before it is printed: row 29's views (10**29) widen the first page
    # under its only header; the second page's longer titles widen it again, and the
    # header is repeated above them; the third page's fit.
    headers = [n for n, line in enumerate(lines) if line.startswith("index")]
    assert headers == [0, TABLE_PAGE + 2]
    assert lines[TABLE_PAGE + 1] == ""
    first, second = lines[0], lines[TABLE_PAGE + 2]
    assert first.split() == second.split() == ["index", "title", "views"]
    assert len(second) > len(first)


def test_parse_shows_a_table_while_its_input_is_still_open(tmp_path: Path) -> None:
    """`faqparse parse - --format table` on a stream that has not ended prints the first pages
    (a table used to wait for the last row, holding every row in memory)."""
    record = "How do I set up 2FA?\nOpen the app.Published on 12 Mar 2024845"
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", "parse", "-", "--format", "table"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(("All\nFAQ\n" + record * (3 * TABLE_PAGE)).encode())
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no row shown while the input stays open"
        assert process.stdout.readline().split() == [
            b"source",
            b"index",
            b"title",
            b"published",
            b"updated",
            b"views",
        ]
    finally:
        process.kill()
        process.communicate()
