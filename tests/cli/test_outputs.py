"""Where the output goes and in which format: ``-o``'s extension decides unless ``--format``
says, a ``.gz`` name compresses, ``-o -`` is standard output."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

import faqparse
from faqparse._cli.main import main
from faqparse._output.formats import format_of

SAMPLE = faqparse.sample_paths()[0]
TITLES = [record.title for record in faqparse.parse_file(SAMPLE).records]


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def _jsonl(data: bytes) -> list[str]:
    return [json.loads(line)["title"] for line in data.decode().splitlines()]


def _json(data: bytes) -> list[str]:
    return [row["title"] for row in json.loads(data)]


def _csv(data: bytes) -> list[str]:
    return [row["title"] for row in csv.DictReader(io.StringIO(data.decode()))]


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("records.jsonl", _jsonl),
        ("records.ndjson", _jsonl),
        ("records.json", _json),
        ("records.csv", _csv),
        ("RECORDS.CSV", _csv),
        ("records.jsonl.gz", lambda data: _jsonl(gzip.decompress(data))),
        ("records.csv.gz", lambda data: _csv(gzip.decompress(data))),
        ("records.txt", _jsonl),  # no format named: JSON Lines, as before
    ],
)
def test_the_output_name_picks_the_format(name: str, read: object, tmp_path: Path) -> None:
    target = tmp_path / name
    status, out, _ = run("parse", SAMPLE, "-o", target)
    assert status == 0 and out == ""
    assert read(target.read_bytes()) == TITLES  # type: ignore[operator]


def test_parquet_by_its_extension(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "records.parquet"
    assert run("parse", SAMPLE, "-o", target)[0] == 0
    assert pq.read_table(target).column("title").to_pylist() == TITLES


def test_format_says_otherwise(tmp_path: Path) -> None:
    target = tmp_path / "records.csv"
    assert run("parse", SAMPLE, "-o", target, "--format", "jsonl")[0] == 0
    assert _jsonl(target.read_bytes()) == TITLES


def test_a_compressed_output_is_the_same_in_every_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    assert run("parse", SAMPLE, "-o", first)[0] == 0
    assert run("parse", SAMPLE, "-o", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()  # no name or time in the header


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run("parse", SAMPLE, "-o", "-", "--format", "csv")
    assert status == 0
    assert _csv(out.encode()) == TITLES
    assert list(tmp_path.iterdir()) == []  # no file named '-'


def test_the_catalog_commands_pick_the_format_by_name_too(tmp_path: Path) -> None:
    catalog, target = tmp_path / "c.sqlite", tmp_path / "articles.csv"
    assert run("merge", SAMPLE, "--into", catalog)[0] == 0
    assert run("export", catalog, "-o", target)[0] == 0
    assert sorted(_csv(target.read_bytes())) == sorted(TITLES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.NDJSON", "jsonl"),
        ("a.json.gz", "json"),
        ("dir.csv/a.parquet", "parquet"),
        ("a.tsv", None),
        ("a", None),
        ("a.gz", None),
    ],
)
def test_format_of(name: str, expected: str | None) -> None:
    assert format_of(name) == expected
