"""JSON Lines: the fast encoder (msgspec) and the standard library's write the same bytes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import faqparse
from conftest import SEEDS
from faqparse._cli.main import main
from faqparse._output import jsonl as _encode
from faqparse._output.jsonl import JsonLines, stdlib_line
from faqparse._rows import record_row

HUGE = 10**30  # past 2**64: no machine integer holds it
BIG_COUNT = 123_456_789_012_345_678_901  # the largest count a dump can hold has seven groups
TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # any text UTF-8 can carry
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def lines(rows: list[object], *, fast: bool) -> bytes:
    out = io.BytesIO()
    JsonLines(out, fast=fast).write_all(rows)
    return out.getvalue()


def test_the_fast_encoder_is_installed_for_the_tests() -> None:
    """The `test` extra installs msgspec, so the fast path is what these tests exercise."""
    assert _encode.FAST


@given(st.lists(st.dictionaries(TEXT, VALUES, max_size=6), max_size=5))
def test_both_encoders_write_the_same_bytes(rows: list[object]) -> None:
    assert lines(rows, fast=True) == lines(rows, fast=False)


@given(st.lists(st.dictionaries(TEXT, VALUES, max_size=6), max_size=5))
def test_every_line_is_the_row_as_json(rows: list[dict[str, object]]) -> None:
    plain = json.loads(json.dumps(rows, default=date.isoformat))
    written = lines(list(rows), fast=True).decode("utf-8").split("\n")
    assert written[-1] == "" and [json.loads(line) for line in written[:-1]] == plain


@pytest.mark.parametrize("fast", [True, False])
def test_integers_of_any_size_are_written_exactly(fast: bool) -> None:
    rows = [{"views": n} for n in (2**63, 2**64 - 1, 2**64, HUGE, -(10**40), 10**400)]
    written = lines(list(rows), fast=fast).decode().splitlines()
    assert [json.loads(line)["views"] for line in written] == [row["views"] for row in rows]


def test_a_record_row_encodes_to_its_json_shape() -> None:
    for record in faqparse.parse_file(SEEDS[0]).records:
        expected = json.dumps(faqparse.to_json(record), ensure_ascii=False, separators=(",", ":"))
        assert stdlib_line(record_row(record)) == expected.encode()
        assert lines([record_row(record)], fast=True) == expected.encode() + b"\n"


def test_lines_reach_the_file_in_pieces_and_all_of_them() -> None:
    class Pieces:
        def __init__(self) -> None:
            self.pieces: list[bytes] = []

        def write(self, data: bytes | bytearray) -> int:
            self.pieces.append(bytes(data))
            return len(data)

    sink = Pieces()
    rows = [{"title": "x" * 1000, "n": n} for n in range(200)]
    JsonLines(sink).write_all(rows)
    assert len(sink.pieces) > 1
    assert all(len(piece) <= _encode.FLUSH_BYTES + 1100 for piece in sink.pieces)
    assert [json.loads(line) for line in b"".join(sink.pieces).splitlines()] == rows


def huge_count_dump(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    path.write_text(
        "A title\nA snippet.Published on 5 Sept 2023"
        "123,456,789,012,345,678,901\nNext title\nNext.Published on 6 Sept 2023\n",
        encoding="utf-8",
    )
    return path


def test_the_command_writes_a_count_past_two_to_the_64_exactly(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(huge_count_dump(tmp_path)), "-o", str(out)]) == 0
    first, _ = out.read_bytes().splitlines()
    assert json.loads(first)["views"] == BIG_COUNT
    assert b'"views":123456789012345678901,' in first


def test_without_msgspec_the_command_writes_the_same_bytes(tmp_path: Path) -> None:
    """The fallback in a real process where msgspec cannot be imported, against the fast one."""
    inputs = [str(huge_count_dump(tmp_path)), *map(str, SEEDS)]
    outputs = {}
    for name, block in (("fast", ""), ("stdlib", "sys.modules['msgspec'] = None; ")):
        out = tmp_path / f"{name}.jsonl"
        script = (
            f"import sys; {block}from faqparse._output import jsonl as _encode; "
            "from faqparse._cli import main as _cli; "
            "print(_encode.FAST, file=sys.stderr); sys.exit(_cli.main(sys.argv[1:]))"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, "parse", *inputs, "-o", str(out)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "error"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines()[0] == str(name == "fast")
        outputs[name] = out.read_bytes()
    assert outputs["fast"] == outputs["stdlib"]
    assert len(outputs["fast"].splitlines()) == 32


def test_the_fallback_in_process_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = tmp_path / "fast.jsonl"
    slow = tmp_path / "slow.jsonl"
    assert main(["parse", *map(str, SEEDS), "-o", str(fast)]) == 0
    monkeypatch.setattr(_encode, "_msgspec_json", None)
    assert main(["parse", *map(str, SEEDS), "-o", str(slow)]) == 0
    assert fast.read_bytes() == slow.read_bytes()


@pytest.mark.parametrize("error", [OverflowError, TypeError])
def test_a_row_the_fast_encoder_refuses_is_written_by_the_standard_library(
    error: type[Exception],
) -> None:
    """Older msgspec versions stop at 64-bit integers: that row falls back, whole, in place."""
    rows: list[object] = [{"views": 1}, {"views": HUGE, "title": "é"}, {"views": 3}]
    fast_into = JsonLines(io.BytesIO())._encode_into
    assert fast_into is not None

    def refusing(row: object, buffer: bytearray, offset: int) -> None:
        fast_into(row, buffer, offset)
        if row is rows[1]:
            raise error("too large")

    for writer in ("write_all", "write"):
        out = io.BytesIO()
        lines = JsonLines(out)
        lines._encode_into = refusing
        if writer == "write_all":
            lines.write_all(rows)
        else:
            for row in rows:
                lines.write(row)
            lines.flush()
        assert out.getvalue() == b"".join(stdlib_line(row) + b"\n" for row in rows)
