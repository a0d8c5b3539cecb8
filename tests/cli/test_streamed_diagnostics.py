"""`check` and `parse` print every diagnostic as it is found, also where no record comes.

A stretch without a record (records left out for bad dates, text without labels, an
endless ``/dev/zero``) used to hold its diagnostics until the next record, so that a stream
dropped all past 10,000 without a word, an endless input showed none, and an interrupted
run lost those it held.
"""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from faqparse._cli.main import main
from faqparse._cli.streams import dropped_line, stream_records
from faqparse._model import Diagnostic
from faqparse._read import reader

COMMAND = [sys.executable, "-m", "faqparse"]
HEADER = b"All\nFAQ\nAnnouncements\nProduct documents\n"
LEFT_OUT = b"A title\nA snippet.Published on 31 Foo 2023"
"""A record whose published date is no date: an error, and the record is left out."""


def _bad_dates(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "bad.txt"
    path.write_bytes(HEADER + LEFT_OUT * count)
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_prints_every_error_of_records_left_out_past_ten_thousand(
    tmp_path: Path, jobs: str
) -> None:
    path = _bad_dates(tmp_path, 12_000)
    other = tmp_path / "fine.txt"
    other.write_bytes(HEADER)
    err = io.StringIO()
    assert main(["check", "-j", jobs, str(path), str(other)], stderr=err) == 1
    lines = err.getvalue().splitlines()
    bad = [line for line in lines if line.startswith(f"{path}:") and ": error: bad-date: " in line]
    assert len(bad) == 12_000
    # Each in its place: the n-th left-out record's date is on line 6 + n (n from 0).
    assert [int(line.split(":")[1]) for line in bad[:3]] == [6, 7, 8]


def test_diagnostics_a_stream_could_not_hold_are_counted_by_code(tmp_path: Path) -> None:
    """A read that finds more diagnostics than a stream holds (the command reads 64 KiB at a
    time, too little for that; here 4 MiB): the rest are said, by code and severity."""
    path = tmp_path / "many.txt"
    glued = b"A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580" * 4_000
    path.write_bytes(HEADER + LEFT_OUT * 8_000 + b"\n" + glued)
    reported: list[Diagnostic] = []
    said: list[str] = []
    records = stream_records(
        str(path), "many.txt", None, reported.extend,
        lambda name, codes: said.append(dropped_line(name, codes)), chunk_bytes=4 << 20,
    )  # fmt: skip
    assert sum(1 for _ in records) == 4_000
    limit = reader.DIAGNOSTICS_LIMIT
    # The first read is scanned on its own; a later one of 4 MiB finds more than the limit.
    assert limit <= len(reported) < 12_000
    codes = Counter((str(d.code), d.severity.value) for d in reported)
    dropped = 12_000 - len(reported)
    assert codes[("bad-date", "error")] == 8_000  # they come first: none dropped
    assert codes[("missing-snippet", "warning")] == 4_000 - dropped
    assert said == [
        f"faqparse: many.txt: {dropped:,} more diagnostics were found but not printed"
        f" (a stream holds {limit:,} at once): {dropped:,} warning missing-snippet\n"
    ]


def test_check_of_an_endless_input_without_labels_reports_as_it_goes() -> None:
    """`check /dev/zero` warns once per 4 Mi characters skipped, from the first ones on."""
    process = subprocess.Popen(
        [*COMMAND, "check", "/dev/zero"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    try:
        ready, _, _ = select.select([process.stderr], [], [], 60)
        assert ready, "no diagnostic in 60 s"
        first = process.stderr.readline().decode()
        second = process.stderr.readline().decode()
    finally:
        process.kill()
        process.communicate()
    assert first.startswith("/dev/zero:1:1: warning: unexpected-text: ")
    assert first.rstrip().endswith("characters without a single label: skipped")
    assert second.startswith("/dev/zero:1:") and ": warning: unexpected-text: " in second


def test_an_interrupted_check_prints_the_diagnostics_it_found() -> None:
    """SIGINT while standard input stays open: the errors found so far are printed, then
    the interruption, with status 130."""
    process = subprocess.Popen(
        [*COMMAND, "check", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None
    # More than a read (64 KiB) of records left out: the first read is scanned, and the run
    # waits for the rest of the second.
    process.stdin.write(HEADER + LEFT_OUT * 3000)
    process.stdin.flush()
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    lines = err.decode().splitlines()
    assert process.returncode == 130
    assert lines[-1] == "faqparse: interrupted"
    assert len([line for line in lines if ": error: bad-date: " in line]) >= 1000


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_parse_of_an_endless_input_reports_too() -> None:
    process = subprocess.Popen(
        [*COMMAND, "parse", "/dev/zero"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    try:
        ready, _, _ = select.select([process.stderr], [], [], 60)
        assert ready, "no diagnostic in 60 s"
        first = process.stderr.readline().decode()
    finally:
        process.kill()
        process.communicate()
    assert first.startswith("/dev/zero:1:1: warning: unexpected-text: ")
