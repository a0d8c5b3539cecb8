"""Streaming stays within bounded memory on any input, and the digest is still exact.

The memory tests run a real process under a ceiling on its data segment (``RLIMIT_DATA``) a
fixed amount above what importing faqparse takes, and feed it more generated input than the
ceiling: keeping the input, or one diagnostic per record, would run out of memory.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import faqparse
from faqparse._read import reader as _reader

HEADROOM_MIB = 96
LIMITED = textwrap.dedent(
    """
    import io, resource, sys
    import faqparse._cli.main

    def data_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmData:"):
                return int(line.split()[1])

    ceiling = (data_kib() + {headroom} * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling, ceiling))

    class Generated(io.RawIOBase):
        "Bounded generated input, never held whole: a piece repeated up to a size."

        def __init__(self, piece, size):
            self.piece, self.left, self.at = piece, size, 0

        def readable(self):
            return True

        def readinto(self, buffer):
            count = min(len(buffer), self.left)
            data = (self.piece * (count // len(self.piece) + 2))[self.at : self.at + count]
            self.at = (self.at + count) % len(self.piece)
            buffer[:count] = data
            self.left -= count
            return count

    {body}
    """
)
RECORD_ON_ONE_LINE = b"A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580"


def limited(body: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    script = LIMITED.format(headroom=HEADROOM_MIB, body=textwrap.indent(body, "").strip())
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        input=None if stdin is None else stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        encoding="latin-1",
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("piece", "size"),
    [
        pytest.param(b"\0", 200_000_000, id="zeros-like-dev-zero"),
        pytest.param("\U0001f600".encode(), 120_000_000, id="emoji-without-labels"),
        pytest.param(RECORD_ON_ONE_LINE, 62 * 300_000, id="records-on-one-line"),
    ],
)
def test_streaming_stays_under_a_memory_ceiling(piece: bytes, size: int) -> None:
    result = limited(
        f"""
stream = faqparse.iter_records(io.BufferedReader(Generated({piece!r}, {size})))
records = sum(1 for _ in stream)
print(records, len(stream.diagnostics), stream.diagnostics_dropped)
"""
    )
    assert result.returncode == 0, result.stderr[-2000:]
    records, kept, dropped = map(int, result.stdout.split())
    assert kept <= _reader.DIAGNOSTICS_LIMIT
    if piece == RECORD_ON_ONE_LINE:  # each record runs into the next: no snippet line
        assert records == size // len(piece)
        assert kept + dropped == records
    else:
        assert records == 0 and dropped == 0


def test_the_check_command_streams_every_diagnostic_under_a_memory_ceiling() -> None:
    size = len(RECORD_ON_ONE_LINE) * 60_000
    result = limited(
        f"""
sys.stdin = io.TextIOWrapper(io.BufferedReader(Generated({RECORD_ON_ONE_LINE!r}, {size})))
sys.argv[0] = "faqparse"
faqparse._cli.main.run()
""",
        "check",
        "-",
    )
    *lines, summary = result.stderr.splitlines()
    assert result.returncode == 0, lines[-5:]
    assert len(lines) == size // len(RECORD_ON_ONE_LINE)  # all of them, none held back
    assert all(": warning: missing-snippet: " in line for line in lines)
    assert summary == "faqparse: 60,000 warnings: 60,000 missing-snippet"


def test_merge_out_of_memory_is_a_one_line_error() -> None:
    result = limited(
        """
sys.stdin = io.TextIOWrapper(io.BufferedReader(Generated(b"\\0", 400_000_000)))
sys.argv[0] = "faqparse"
faqparse._cli.main.run()
""",
        "merge",
        "-",
    )
    assert result.returncode == 2
    assert result.stderr == "faqparse: <stdin>: out of memory: too large to merge here\n"


# The limit itself, not a patched one: in the compiled build (docs/performance.md) the reader's
# constants are compiled into it, and patching the module would change nothing there.
PAST_THE_LIMIT = _reader.DIAGNOSTICS_LIMIT + 195


def test_a_stream_counts_the_diagnostics_it_does_not_keep() -> None:
    stream = faqparse.iter_records(io.BytesIO(RECORD_ON_ONE_LINE * PAST_THE_LIMIT))
    assert sum(1 for _ in stream) == PAST_THE_LIMIT
    assert [d.code for d in stream.diagnostics] == ["missing-snippet"] * _reader.DIAGNOSTICS_LIMIT
    assert stream.diagnostics_dropped == 195


def test_diagnostics_taken_while_streaming_are_not_dropped() -> None:
    stream = faqparse.iter_records(io.BytesIO(RECORD_ON_ONE_LINE * PAST_THE_LIMIT))
    taken = []
    for _ in stream:
        taken += stream.diagnostics
        stream.diagnostics.clear()
    taken += stream.diagnostics
    assert len(taken) == PAST_THE_LIMIT and stream.diagnostics_dropped == 0


def test_a_diagnostic_keeps_a_bounded_excerpt_of_a_huge_text() -> None:
    snippet = "word " * 10_000
    text = f"Title\n{snippet}Published on 31 Foo 2023"
    (bad_date,) = faqparse.parse(text).diagnostics
    assert bad_date.code == "bad-date"
    assert len(text) > _reader.TEXT_LIMIT
    assert bad_date.text == text[: _reader.TEXT_LIMIT]  # the record it left out, cut short


@pytest.mark.parametrize("size", [0, 1000, 3 << 20])
def test_the_stream_digest_is_the_sha256_of_the_bytes(size: int) -> None:
    data = bytes(range(256)) * (size // 256)
    stream = faqparse.iter_records(io.BytesIO(data))
    list(stream)
    assert stream.digest == hashlib.sha256(data).hexdigest()


def test_an_abandoned_stream_leaves_no_hashing_thread_behind() -> None:
    before = threading.active_count()
    stream = faqparse.iter_records(io.BytesIO(RECORD_ON_ONE_LINE * 100_000))
    next(stream)
    next(stream)
    stream._records.close()  # type: ignore[attr-defined]
    for thread in threading.enumerate():
        if thread.name == "faqparse-digest":
            thread.join(timeout=5)
    assert threading.active_count() == before


def test_a_read_size_past_64_mib_is_a_value_error_naming_it(tmp_path: Path) -> None:
    """Reading 1 TiB at once ended in a bare MemoryError; the argument is checked instead."""
    path = tmp_path / "dump.txt"
    path.write_text("A title\nA snippet.Published on 5 Sept 2023", encoding="utf-8")
    with pytest.raises(ValueError, match="chunk_bytes") as raised:
        faqparse.iter_records(path, chunk_bytes=2**40)
    assert str(raised.value) == (
        "iter_records() argument 'chunk_bytes' must be at most 67,108,864 (64 MiB),"
        " not 1,099,511,627,776"
    )
    assert len(list(faqparse.iter_records(path, chunk_bytes=2**26))) == 1


def test_a_table_of_many_records_stays_under_a_memory_ceiling() -> None:
    """`--format table` printed nothing until the last row, holding every row: 400,000
    records needed well over the ceiling. A page at a time, they fit, all of them shown."""
    size = len(RECORD_ON_ONE_LINE) * 400_000
    result = limited(
        f"""
import os
sys.stdin = io.TextIOWrapper(io.BufferedReader(Generated({RECORD_ON_ONE_LINE!r}, {size})))
sys.stdout = open(os.devnull, "w")
class Counted(io.StringIO):
    lines = 0
    def write(self, text):
        Counted.lines += text.count("\\n")
        return len(text)
sys.stderr = Counted()
sys.argv[0] = "faqparse"
try:
    faqparse._cli.main.run()
except SystemExit as done:
    print(done.code, Counted.lines, file=sys.__stdout__)
""",
        "parse",
        "-",
        "--format",
        "table",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # Every record's warning went to stderr, then the run's summary line.
    assert result.stdout.split() == ["0", "400001"]
