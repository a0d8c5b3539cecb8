"""The command under a real pseudo-terminal, 80 and 120 columns wide, with Chinese titles.

Standard output and error are both the terminal, as for a person typing the command: the
table is measured in display cells, keeps an id and a readable title, and a progress bar
never shares a line with a diagnostic.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from faqparse._output.table import TITLE_CELLS, cell_width

from .test_terminal import screen_lines, zh_dump

LONG = "在个人资料中选择新的国家或地区并再次验证身份第{}篇"  # 25 characters: 50 cells


def on_terminal(columns: int, *argv: str | Path) -> str:
    """What ``faqparse ARGV`` writes to a terminal ``columns`` wide (the escape codes too)."""
    master, terminal = pty.openpty()
    # The size is set before the command starts, which asks for it once.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", *map(str, argv)],
        stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert process.wait(timeout=120) in (0, 1)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("zh")
    files = {
        "short": zh_dump(3),
        "long": zh_dump(4, title=LONG),
        "bad": zh_dump(2, bad=True),
        "big": zh_dump(6000, bad=True),
    }
    paths = {name: folder / f"{name}.txt" for name in files}
    for name, text in files.items():
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize("columns", [80, 120])
def test_a_parse_table_on_a_terminal_lines_up_chinese_titles(
    columns: int, dumps: dict[str, Path]
) -> None:
    lines = screen_lines(on_terminal(columns, "parse", dumps["long"]))
    assert len(lines) == 5 and all(cell_width(line) <= columns for line in lines)
    # At 80 columns the index and the updated date give way to the title; not at 120.
    dropped = {80: ["index", "updated"], 120: []}[columns]
    every = ["source", "index", "title", "published", "updated", "views"]
    assert lines[0].split() == [name for name in every if name not in dropped]
    # The views (the last column, numbers) end each row at one cell for every row.
    title_start = cell_width(lines[0][: lines[0].index("title")])
    views_start = cell_width(lines[0][: lines[0].index("views")])
    for line in lines[1:]:
        words = line.split("  ")
        assert cell_width(line[: line.rindex("  ") + 2]) == views_start
        title = next(word for word in words if word.startswith("在个人"))
        assert cell_width(line[: line.index(title)]) == title_start
        # A readable title: at least TITLE_CELLS cells of it, all of it at 120 columns.
        assert cell_width(title.rstrip("…")) >= TITLE_CELLS - 1
        if columns == 120:
            assert "…" not in title
    assert [line.split()[-1] for line in lines[1:]] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("columns", [80, 120])
def test_a_merge_table_on_a_terminal_shows_the_short_id_that_history_takes(
    columns: int, dumps: dict[str, Path], tmp_path: Path
) -> None:
    catalog = tmp_path / "c.sqlite"
    lines = screen_lines(on_terminal(columns, "merge", dumps["long"], "--into", catalog))
    table = [line for line in lines if not line.startswith(str(catalog))]
    assert table[0].split()[:2] == ["id", "title"] and len(table) == 5
    assert all(cell_width(line) <= columns for line in table)
    ids = [line.split()[0] for line in table[1:]]
    assert all(re.fullmatch(r"[0-9a-f]{8,}", short) for short in ids)
    title_start = cell_width(table[0][: table[0].index("title")])
    assert all(cell_width(line[: line.index("在个人")]) == title_start for line in table[1:])
    history = screen_lines(on_terminal(columns, "history", catalog, "--id", ids[0]))
    assert history[0].split()[0] == "id" and history[1].startswith(ids[0])


def test_progress_on_a_terminal_never_shares_a_line_with_a_diagnostic(
    dumps: dict[str, Path],
) -> None:
    text = on_terminal(80, "check", dumps["bad"], dumps["big"], dumps["short"])
    lines = screen_lines(text)
    errors = [line for line in lines if ": error: bad-date:" in line]
    assert [line.split(":")[0] for line in errors] == [str(dumps["bad"]), str(dumps["big"])]
    bars = [line for line in lines if re.search(r"\[[123]/3\]", line)]
    assert bars, "no progress bar was drawn"
    assert any(re.search(r"[\d.]+/[\d.]+ (kB|MB)", line) for line in bars)  # bytes read
    assert all(cell_width(line) <= 80 for line in bars)  # the bar never wraps
    assert not [line for line in errors if "[" in line.split("error:")[0]]
    assert lines[-1].startswith("faqparse: 2 errors")


def test_merge_into_on_a_terminal_shows_its_phases(dumps: dict[str, Path], tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    text = on_terminal(120, "merge", dumps["bad"], dumps["short"], "--into", catalog, "-q",
                       "-o", tmp_path / "out.csv")  # fmt: skip
    lines = screen_lines(text)
    phases = [line.split()[1] for line in lines if re.match(r"\S merging|\S writing", line)]
    assert phases[:1] == ["merging"] and phases[-1] == "writing"
    assert any(line.startswith("reading [2/2]") for line in lines)
    # Two of the five records are the same articles in both dumps.
    assert lines[-1] == f"{catalog}: 2 dumps added, 5 records, 3 articles touched"


def test_an_interruption_takes_the_bar_away_before_saying_so(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"  # some seconds of reading: the signal comes mid-file
    huge.write_text(zh_dump(60000), encoding="utf-8")
    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", "check", "-q", huge, huge],
        stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True,
    )  # fmt: skip
    os.close(terminal)
    seen = b""
    while "━".encode() not in seen:  # the bar is up: the first file is being read
        seen += os.read(master, 1 << 16)
    process.send_signal(signal.SIGINT)
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:
            break
        if not data:
            break
        seen += data
    os.close(master)
    assert process.wait(timeout=60) == 130
    text = seen.decode()
    assert screen_lines(text)[-1] == "faqparse: interrupted"
    assert text.rindex("\x1b[?25h") > text.rindex("\x1b[?25l")  # the cursor shown again
