"""``--format parquet`` on the command line: to a file, to a pipe, never to a terminal."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import faqparse
from faqparse._cli.main import main
from faqparse._output.parquet import ARTICLE_SCHEMA, RECORD_SCHEMA, read_parquet


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_parse_writes_the_records(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "records.parquet"
    argv = ["parse", "--samples", "--format", "parquet", "-o", str(target)]
    status = main(argv, stdout=out, stderr=err)
    assert (status, out.getvalue(), err.getvalue()) == (0, "", "")
    assert pq.read_schema(target).equals(RECORD_SCHEMA)
    expected = [r for p in faqparse.sample_paths() for r in faqparse.parse_file(p).records]
    assert list(read_parquet(target, "records")) == expected


def test_merge_writes_the_articles(tmp_path: Path) -> None:
    target = tmp_path / "articles.parquet"
    status = main(["merge", "--samples", "--format", "parquet", "-o", str(target)])
    assert status == 0
    read = pq.read_table(target)
    assert read.schema.equals(ARTICLE_SCHEMA)
    assert read.num_rows == 28
    expected = faqparse.merge(faqparse.parse_file(p) for p in faqparse.sample_paths())
    assert list(read_parquet(target, "articles")) == expected


def test_a_terminal_is_refused_with_a_clear_message() -> None:
    err = io.StringIO()
    status = main(["merge", "--samples", "--format", "parquet"], stdout=Terminal(), stderr=err)
    assert status == 2
    assert err.getvalue() == (
        "faqparse: --format parquet writes binary data: give a file with -o FILE\n"
    )


def test_a_pipe_gets_the_bytes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "faqparse", "parse", "--samples", "--format", "parquet"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    read = pq.read_table(pa.BufferReader(done.stdout))
    assert read.num_rows == 30
    assert read.column("views").type == pa.int64()


def test_text_formats_are_unchanged() -> None:
    out = io.StringIO()
    assert main(["parse", "--samples", "--format", "jsonl"], stdout=out) == 0
    assert len(out.getvalue().splitlines()) == 30


def test_export_writes_the_articles_of_a_catalog(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.sqlite"
    assert main(["merge", "--samples", "--into", str(catalog)], stderr=io.StringIO()) == 0
    target = tmp_path / "articles.parquet"
    out, err = io.StringIO(), io.StringIO()
    status = main(["export", str(catalog), "--format", "parquet", "-o", str(target)], stdout=out)
    assert (status, out.getvalue(), err.getvalue()) == (0, "", "")
    assert pq.read_schema(target).equals(ARTICLE_SCHEMA)
    expected = faqparse.merge(faqparse.parse_file(p) for p in faqparse.sample_paths())
    assert list(read_parquet(target, "articles")) == expected


def test_export_refuses_a_terminal_and_history_has_no_parquet(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.sqlite"
    assert main(["merge", "--samples", "--into", str(catalog)], stderr=io.StringIO()) == 0
    err = io.StringIO()
    argv = ["export", str(catalog), "--format", "parquet"]
    assert main(argv, stdout=Terminal(), stderr=err) == 2
    assert err.getvalue() == (
        "faqparse: --format parquet writes binary data: give a file with -o FILE\n"
    )
    err = io.StringIO()
    target = tmp_path / "x.parquet"
    argv = ["history", str(catalog), "--id", "x", "--format", "parquet", "-o", str(target)]
    assert main(argv, stderr=err) == 2
    assert "invalid choice: 'parquet'" in err.getvalue()
    assert not target.exists()


def test_merge_into_writes_the_touched_articles_as_parquet(tmp_path: Path) -> None:
    catalog, target = tmp_path / "catalog.sqlite", tmp_path / "touched.parquet"
    argv = ["merge", "--samples", "--into", str(catalog), "--format", "parquet", "-o", str(target)]
    assert main(argv, stderr=io.StringIO()) == 0
    assert pq.read_table(target).num_rows == 28
