"""The terminal UI in-process: tables measured in cells, short ids, progress and its messages.

A terminal is faked with a text buffer that says it is one; `test_terminal_pty.py` runs the
command under a real pseudo-terminal.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from faqparse._cli.main import main
from faqparse._cli.streams import stream_records
from faqparse._output.formats import write_rows
from faqparse._output.table import cell_width, terminal_cell_width

HEADER = "全部\n常见问题\n公告\n产品文档\n"
TITLES = ["更改居住国时需要做什么?", "如何提取数字资产?", "新手如何开始交易?"]


def zh_dump(records: int, *, bad: bool = False, title: str = "如何提取数字资产第{}号?") -> str:
    """A zh-hans dump written from the labels of `tests/fixtures/dumps/locales/zh-hans`;
    ``bad``: a record with the 13th month first (an error: bad-date)."""
    text = HEADER
    if bad:
        text += "坏记录\n内容。发布于 2023年13月45日"
    for number in range(records):
        text += (
            f"{title.format(number)}\n选择资产后点击提币并填写地址。"
            f"发布于 2023年11月2日更新于 2025年12月1日{number + 1:,}"
        )
    return text


class Terminal(io.StringIO):
    """Standard error or output as a terminal sees it."""

    def isatty(self) -> bool:
        return True


ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_lines(text: str) -> list[str]:
    """What was written, cut at every line feed and carriage return, escape codes removed."""
    return [ESCAPE.sub("", part) for part in re.split(r"[\r\n]", text) if ESCAPE.sub("", part)]


@pytest.mark.parametrize(
    "text",
    [
        "ascii only",
        "更改居住国时需要做什么?",
        "かな・カナ",
        "한국어 제목",
        "\uff26\uff55\uff4c\uff4c \uff57\uff49\uff44\uff54\uff48",  # full-width letters
        "café, cafe\u0301",
        "emoji 😀 🚀 ✅",
        "Ünïcödé — “quotes” …",
    ],
)
def test_the_table_measures_text_as_rich_does(text: str) -> None:
    """The table's own measure (a pipe) and rich's (a terminal) give the same widths."""
    assert cell_width(text) == cell_len(text)


def _table(rows: list[dict[str, Any]], columns: list[str], width: int) -> list[str]:
    out = io.BytesIO()
    write_rows(rows, out, "table", columns=columns, flatten=lambda r: [r[c] for c in columns],
               width=width)  # fmt: skip
    return out.getvalue().decode().splitlines()


def test_chinese_titles_line_up_by_display_width() -> None:
    rows = [
        {"id": f"{n:016x}", "title": title, "published": "2023-11-02", "views": 10**n}
        for n, title in enumerate([*TITLES, "A Latin title", "😀 emoji first"])
    ]
    lines = _table(rows, ["id", "title", "published", "views"], 80)
    # The dates start at the same cell of every row, under their name.
    starts = {cell_width(line[: line.index("2023-11-02")]) for line in lines[1:]}
    assert starts == {cell_width(lines[0][: lines[0].index("published")])}
    assert len(starts) == 1


def test_a_title_is_cut_by_cells_and_never_beyond_the_terminal() -> None:
    long_title = "如何" * 40  # 160 cells
    rows = [{"id": "0123456789abcdef", "title": long_title, "views": 5}]
    lines = _table(rows, ["id", "title", "views"], 80)
    # 80 cells: the id's 8, the views' 5 (their name), two gaps of 2: the title's 63.
    assert cell_width(lines[0]) == 80
    assert lines[1] == f"01234567  {'如何' * 15}如…  5"


def test_ids_are_cut_to_a_prefix_that_tells_the_rows_apart() -> None:
    twins = ["0123456789abcdef", "0123456789abffff", "fedcba9876543210"]
    rows = [{"id": i, "title": "t"} for i in twins]
    lines = _table(rows, ["id", "title"], 80)
    assert [line.split()[0] for line in lines] == ["id", "0123456789abc", "0123456789abf",
                                                   "fedcba9876543"]  # fmt: skip
    lines = _table(rows[2:], ["id", "title"], 80)
    assert lines[1].split()[0] == "fedcba98"  # 8 at least, when 8 are enough


def test_twins_share_their_short_id_rather_than_widening_the_column() -> None:
    """Twins (same title and date) have ids BASE and BASE-DIGEST-INDEX: the base is shown."""
    twins = ["0123456789abcdef", "0123456789abcdef-241b1fa7abe0-12", "fedcba9876543210"]
    lines = _table([{"id": i, "title": "t"} for i in twins], ["id", "title"], 80)
    assert [line.split()[0] for line in lines] == ["id", "01234567", "01234567", "fedcba98"]


def test_the_short_id_of_a_merge_table_is_what_history_takes(tmp_path: Path) -> None:
    dump = tmp_path / "zh.txt"
    dump.write_text(zh_dump(3), encoding="utf-8")
    catalog = tmp_path / "c.sqlite"
    out = Terminal()
    assert main(["merge", str(dump), "--into", str(catalog)], stdout=out, stderr=io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].split()[0] == "id"
    for line in lines[1:]:
        prefix, title = line.split()[:2]
        found = io.StringIO()
        argv = ["history", str(catalog), "--id", prefix, "--format", "jsonl"]
        assert main(argv, stdout=found, stderr=io.StringIO()) == 0
        assert {json.loads(row)["title"] for row in found.getvalue().splitlines()} == {title}


def test_every_read_of_a_large_file_is_counted(tmp_path: Path) -> None:
    dump = tmp_path / "large.txt"
    dump.write_text(zh_dump(3000), encoding="utf-8")
    reads: list[int] = []
    records = stream_records(str(dump), "large.txt", None, lambda d: None, lambda n, c: None,
                             chunk_bytes=1 << 16, counted=reads.append)  # fmt: skip
    assert sum(1 for _ in records) == 3000
    assert sum(reads) == dump.stat().st_size and len(reads) > 3


def _check(tmp_path: Path, stderr: io.StringIO, *argv: str) -> list[Path]:
    files = [tmp_path / "a.txt", tmp_path / "big.txt"]
    files[0].write_text(zh_dump(2, bad=True), encoding="utf-8")
    files[1].write_text(zh_dump(3000, bad=True), encoding="utf-8")
    main(["check", *argv, *map(str, files)], stdout=io.StringIO(), stderr=stderr)
    return files


def test_progress_off_a_terminal_is_one_plain_line_per_file(tmp_path: Path) -> None:
    err = io.StringIO()
    files = _check(tmp_path, err, "--progress")
    text = err.getvalue()
    assert "\r" not in text and "\x1b" not in text
    done = [line for line in text.splitlines() if line.startswith("faqparse: [")]
    assert [re.sub(r"in \d+\.\d s$", "in S", line) for line in done] == [
        f"faqparse: [{n}/2] {path}: {path.stat().st_size:,} bytes in S"
        for n, path in enumerate(files, 1)
    ]
    # Each file's diagnostic comes before the line that says the file is done.
    lines = text.splitlines()
    assert lines.index(done[0]) > lines.index(f"{files[0]}:6:8: error: bad-date: "
                                              "unreadable published date: '2023年13月45日'"
                                              " is not a date; record left out")  # fmt: skip


def _diagnostics_stand_alone(text: str, files: list[Path]) -> None:
    """Every diagnostic is on a screen line of its own, from its first cell."""
    lines = screen_lines(text)
    said = [line for line in lines if ": error: bad-date" in line]
    assert len(said) == len(files)
    assert all(line.startswith(str(path)) for line, path in zip(said, files, strict=True))
    assert all("[1/2]" not in line and "[2/2]" not in line for line in said)


def test_a_terminal_bar_shows_bytes_and_prints_diagnostics_above_it(tmp_path: Path) -> None:
    err = Terminal()
    files = _check(tmp_path, err)  # two files on a terminal: a bar without asking
    text = err.getvalue()
    _diagnostics_stand_alone(text, files)
    bars = [line for line in screen_lines(text) if line.startswith("[2/2]")]
    assert bars and re.search(r"\d+(\.\d)?/\d+\.\d kB", bars[-1])
    assert screen_lines(text)[-1].startswith("faqparse: 2 errors")  # the bar taken away


def test_without_rich_a_status_line_is_redrawn_below_each_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # as if it were not installed
    err = Terminal()
    files = _check(tmp_path, err, "--progress")
    text = err.getvalue()
    _diagnostics_stand_alone(text, files)
    # The status line is taken off before each message and drawn again after it.
    redrawn = re.findall(r"\r\x1b\[K([^\r\n]*: error: bad-date[^\r\n]*\n)\r\[[12]/2\] ", text)
    assert [message.split(":")[0] for message in redrawn] == [str(path) for path in files]


def test_a_table_on_the_same_terminal_gets_plain_progress_lines(tmp_path: Path) -> None:
    """parse printing its table to the terminal: --progress writes whole lines, no bar."""
    dump = tmp_path / "zh.txt"
    dump.write_text(zh_dump(3), encoding="utf-8")
    out, err = Terminal(), Terminal()
    assert main(["parse", "--progress", str(dump)], stdout=out, stderr=err) == 0
    assert "\r" not in err.getvalue() and "\x1b" not in err.getvalue()
    assert err.getvalue().startswith(f"faqparse: [1/1] {dump}: ")
    out, err = Terminal(), Terminal()
    assert main(["parse", str(dump)], stdout=out, stderr=err) == 0
    assert err.getvalue() == ""  # and none unless asked for
    out, err = Terminal(), Terminal()  # check's diagnostics for machines, as they are found
    assert main(["check", "--format", "jsonl", "--progress", str(dump)], stdout=out,
                stderr=err) == 0  # fmt: skip
    assert "\r" not in err.getvalue() and err.getvalue().startswith(f"faqparse: [1/1] {dump}: ")


def test_merge_into_says_its_phases(tmp_path: Path) -> None:
    dump = tmp_path / "zh.txt"
    dump.write_text(zh_dump(3), encoding="utf-8")
    err = io.StringIO()
    argv = ["merge", "--progress", str(dump), "--into", str(tmp_path / "c.sqlite")]
    assert main(argv, stdout=io.StringIO(), stderr=err) == 0
    steps = [re.sub(r" in \d+\.\d s$", "", line) for line in err.getvalue().splitlines()]
    assert steps[1:] == [
        "faqparse: merging…",
        "faqparse: merging: done",
        "faqparse: writing…",
        "faqparse: writing: done",
        f"{tmp_path / 'c.sqlite'}: 1 dumps added, 3 records, 3 articles touched",
    ]
    assert steps[0].startswith(f"faqparse: [1/1] {dump}: ")


def test_a_table_to_a_pipe_loads_no_rich(tmp_path: Path) -> None:
    dump = tmp_path / "zh.txt"
    dump.write_text(zh_dump(3), encoding="utf-8")
    code = (
        "import sys\n"
        "from faqparse._cli.main import main\n"
        f"main(['parse', '--format', 'table', {str(dump)!r}])\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "COLUMNS": "200"})  # fmt: skip
    assert done.stderr == "False\n"
    assert done.stdout.splitlines()[0].split() == ["source", "index", "title", "published",
                                                   "updated", "views"]  # fmt: skip


def test_without_rich_a_terminal_table_is_measured_all_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "rich.cells", None)
    assert terminal_cell_width(True) is cell_width
    assert cell_width("更改居住国") == 10


def test_worker_processes_report_each_file_whole(tmp_path: Path) -> None:
    """With -j 2 the bytes are read by workers: each file counts as its size when done."""
    err = io.StringIO()
    files = _check(tmp_path, err, "--progress", "-j", "2")
    done = [line for line in err.getvalue().splitlines() if line.startswith("faqparse: [")]
    assert [re.sub(r"in \d+\.\d s$", "in S", line) for line in done] == [
        f"faqparse: [{n}/2] {path}: {path.stat().st_size:,} bytes in S"
        for n, path in enumerate(files, 1)
    ]


def test_a_long_file_name_is_cut_from_its_start_so_the_status_line_never_wraps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # the status line drawn without rich
    monkeypatch.setenv("COLUMNS", "60")
    folder = tmp_path / ("很长的文件夹名称" * 6)
    folder.mkdir()
    dump = folder / "数据.txt"
    dump.write_text(zh_dump(3), encoding="utf-8")
    err = Terminal()
    assert main(["check", "--progress", str(dump), str(dump)], stdout=io.StringIO(),
                stderr=err) == 0  # fmt: skip
    drawn = [line for line in screen_lines(err.getvalue()) if line.startswith("[")]
    assert drawn and all(cell_width(line) < 60 for line in drawn)
    assert all("…" in line and "数据.txt  " in line for line in drawn)


def test_progress_of_a_compressed_file_counts_the_bytes_it_holds(tmp_path: Path) -> None:
    """The bar measures a file against its size on disk: a gzip file's decompressed bytes
    (here about ten times as many) would run past it."""
    plain = zh_dump(3000)
    packed = tmp_path / "zh.txt.gz"
    packed.write_bytes(gzip.compress(plain.encode("utf-8"), mtime=0))
    assert len(plain.encode("utf-8")) > 5 * packed.stat().st_size
    err = io.StringIO()
    assert main(["check", "--progress", str(packed)], stdout=io.StringIO(), stderr=err) == 0
    (done,) = [line for line in err.getvalue().splitlines() if line.startswith("faqparse: [")]
    assert re.sub(r"in \d+\.\d s$", "in S", done) == (
        f"faqparse: [1/1] {packed}: {packed.stat().st_size:,} bytes in S"
    )
