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
from pathlib import Path

import pytest

from faqparse._cli.main import main
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


def test_diagnostics_a_stream_could_not_hold_are_counted_by_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the stream's limit within one read, the rest are said, by code and severity."""
    monkeypatch.setattr(reader, "DIAGNOSTICS_LIMIT", 3)
    path = tmp_path / "many.txt"
    glued = b"A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580" * 4
    path.write_bytes(HEADER + LEFT_OUT * 6 + b"\n" + glued)
    err = io.StringIO()
    assert main(["check", str(path)], stderr=err) == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 4
    assert all(": error: bad-date: " in line for line in lines[:3])
    assert lines[3] == (
        f"faqparse: {path}: 7 more diagnostics were found but not printed (a stream holds 3"
        " at once): 3 error bad-date, 4 warning missing-snippet"
    )


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
