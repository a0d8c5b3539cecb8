"""The command line, run in-process through main(argv)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import faqparse
from conftest import SEEDS, run, write
from faqparse._cli.main import main

BROKEN = "A title\nA snippet.Published on 31 Foo 2023"
FINE = "A title\nA snippet.Published on 5 Sept 2023Updated on 29 May 202612"


def test_parse_prints_one_json_record_per_line_for_each_seed() -> None:
    status, out, err = run("parse", *SEEDS)
    lines = [json.loads(line) for line in out.splitlines()]
    assert (status, err) == (0, "")
    assert len(lines) == 30
    assert set(lines[0]) == {
        "source",
        "index",
        "title",
        "snippet",
        "published",
        "updated",
        "views",
        "category",
        "span",
        "line",
        "column",
    }
    assert lines[0]["views"] == 11580 and lines[0]["published"] == "2023-09-05"
    assert [line["index"] for line in lines[:15]] == list(range(15))


def test_samples_flag_parses_the_bundled_dumps() -> None:
    status, out, _ = run("parse", "--samples")
    assert status == 0 and len(out.splitlines()) == 30


def test_diagnostics_go_to_stderr_in_the_documented_form_and_exit_1_on_error(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "broken.txt", BROKEN)
    status, out, err = run("parse", path)
    assert status == 1 and out == ""
    message = "unreadable published date: '31 Foo 2023' is not a date; record left out"
    assert err == f"{path}:2:24: error: bad-date: {message}\nfaqparse: 1 error: 1 bad-date\n"


def test_check_prints_only_diagnostics(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.txt", BROKEN)
    status, out, err = run("check", path, SEEDS[0])
    assert status == 1 and out == ""
    assert err.count("\n") == 2 and ": bad-date: " in err
    assert err.endswith("\nfaqparse: 1 error: 1 bad-date\n")  # the run's summary


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.txt", FINE + "Next title cut off")
    assert run("check", path)[0] == 0
    status, _, err = run("check", "--strict", path)
    assert status == 1 and "incomplete-record" in err


def test_not_a_dump_is_an_error_with_zero_records(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", "<html><body>Not found</body></html>")
    status, out, err = run("parse", path)
    assert (status, out) == (1, "")
    assert err.startswith(f"{path}:1:1: error: no-records: ")


def test_missing_file_is_status_2_with_one_line_and_the_rest_still_parsed(tmp_path: Path) -> None:
    status, out, err = run("parse", tmp_path / "nope.txt", SEEDS[0])
    assert status == 2
    assert err == f"faqparse: cannot read {tmp_path / 'nope.txt'}: No such file or directory\n"
    assert len(out.splitlines()) == 15


def test_a_folder_is_status_2_with_one_line_saying_what_to_name(tmp_path: Path) -> None:
    status, out, err = run("parse", tmp_path, SEEDS[0])
    assert status == 2
    assert err == (
        f"faqparse: cannot read {tmp_path}: Is a directory:"
        f" name its dump files ({tmp_path / '*.txt'})\n"
    )
    assert len(out.splitlines()) == 15


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "--format", "xml", "a.txt"],
        ["frobnicate"],
        [],
        ["parse"],
        ["merge", "--captured-at", "yesterday", "a"],
    ],
)
def test_wrong_arguments_are_status_2_with_one_line(argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("faqparse: ")


def test_help_exits_0_and_prints_usage() -> None:
    status, out, _ = run("parse", "--help")
    assert status == 0 and "--format" in out


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, _ = run("parse", "-", stdin=FINE.encode(), monkeypatch=monkeypatch)
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert (record["source"], record["views"], record["updated"]) == ("<stdin>", 12, "2026-05-29")


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    status, out, _ = run("parse", SEEDS[0], "-o", target)
    assert status == 0 and out == ""
    assert len(target.read_text().splitlines()) == 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_interrupted_run_leaves_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("faqparse._cli.main.write_rows", interrupted)
    status, _, err = run("parse", SEEDS[0], "-o", target)
    assert status == 130 and "interrupted" in err
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_unwritable_output_is_status_2(tmp_path: Path) -> None:
    status, _, err = run("parse", SEEDS[0], "-o", tmp_path / "no" / "such" / "dir.jsonl")
    assert status == 2 and err.startswith("faqparse: ") and err.count("\n") == 1


def test_json_format_is_one_array() -> None:
    status, out, _ = run("parse", SEEDS[1], "--format", "json")
    records = json.loads(out)
    assert status == 0 and len(records) == 15 and records[2]["views"] is None


def test_csv_format_has_a_header_and_a_row_per_record() -> None:
    status, out, _ = run("parse", SEEDS[1], "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0 and len(rows) == 16
    assert rows[0] == [
        "source",
        "index",
        "title",
        "snippet",
        "published",
        "updated",
        "views",
        "category",
        "span_start",
        "span_end",
    ]
    assert rows[3][2:3] == ["Pay passkey setup FAQ"] and rows[3][6] == ""


def test_table_format_for_people(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    status, out, _ = run("parse", SEEDS[0], "--format", "table")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 16
    header = ["source", "index", "title", "published", "updated", "views"]
    assert lines[0].split() == header  # no category: the seed has none
    assert lines[1].split()[-1] == "11,580"


def test_progress_on_request() -> None:
    status, _, err = run("check", "--progress", *SEEDS)
    assert status == 0 and "[2/2]" in err


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "faqparse", "parse", str(SEEDS[0])],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "error"},
    )  # fmt: skip
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 15


def test_merge_of_the_seeds_gives_28_articles() -> None:
    status, out, err = run("merge", *SEEDS)
    articles = [json.loads(line) for line in out.splitlines()]
    assert (status, err) == (0, "")
    assert len(articles) == 28
    (verification,) = [
        a for a in articles if a["title"] == "Why did my identity verification fail?"
    ]
    assert (verification["views"], verification["updated"]) == (11580, "2026-05-29")
    assert len(verification["observations"]) == 2
    twins = [a for a in articles if a["title"] == "How do I buy crypto with my cash balance?"]
    assert sorted(a["views"] for a in twins) == [1, 365]


def test_merge_into_a_catalog_is_incremental_and_idempotent(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.sqlite"
    status, out, err = run("merge", "--into", catalog, SEEDS[1])
    assert status == 0 and len(out.splitlines()) == 15
    assert err == f"{catalog}: 1 dumps added, 15 records, 15 articles touched\n"
    status, out, err = run("merge", "--into", catalog, SEEDS[0])
    assert status == 0 and len(out.splitlines()) == 15
    assert err == f"{catalog}: 1 dumps added, 15 records, 15 articles touched\n"
    status, out, err = run("merge", "--into", catalog, *SEEDS)
    assert (status, out) == (0, "")
    assert err == f"{catalog}: 0 dumps added (2 already in it), 0 records, 0 articles touched\n"
    assert run("export", catalog)[1] == run("merge", *SEEDS)[1]


def test_merge_captured_at_sets_the_snapshot_time() -> None:
    status, out, _ = run("merge", "--captured-at", "2026-07-01T08:00", SEEDS[1])
    captured = {o["captured"] for a in map(json.loads, out.splitlines()) for o in a["observations"]}
    assert status == 0 and captured == {"2026-07-01T08:00:00"}


def test_merge_into_a_json_lines_catalog_points_to_convert(tmp_path: Path) -> None:
    catalog = write(tmp_path, "catalog.jsonl", '{"id": "x"}\n')
    status, _, err = run("merge", "--into", catalog, SEEDS[0])
    assert status == 2 and err.startswith(f"faqparse: {catalog}: a JSON Lines catalog; ")
    assert f"'faqparse convert {catalog} NEW.sqlite'" in err
    assert err.count("\n") == 1
    assert catalog.read_text() == '{"id": "x"}\n'


def test_merge_csv_counts_snippets_and_observations() -> None:
    status, out, _ = run("merge", *SEEDS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(rows) == 28
    assert {r["observations"] for r in rows} == {"1", "2"}


NORWEGIAN = (
    "Alle\nVanlige spørsmål\nKunngjøringer\nProduktdokumenter\n"
    "Hva er en gave?\nEn gave.Publisert 16. aug. 2023Oppdatert 4. mars 20264 225"
)


def test_the_locale_is_detected_without_a_flag(tmp_path: Path) -> None:
    status, out, err = run("parse", "--format", "jsonl", write(tmp_path, "nb.txt", NORWEGIAN))
    assert (status, err) == (0, "")
    record = json.loads(out)
    assert (record["published"], record["updated"], record["views"]) == (
        "2023-08-16",
        "2026-03-04",
        4225,
    )


def test_locale_flag_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "nb.txt", NORWEGIAN)
    status, out, err = run("parse", "--locale", "en", path)
    assert status == 1
    assert out == ""
    assert "no-records" in err
    status, out, _ = run("check", "--locale", "nb", path)
    assert (status, out) == (0, "")


def test_locale_list_prints_every_tag_and_exits_0() -> None:
    status, out, err = run("parse", "--locale", "list")
    assert (status, err) == (0, "")
    tags = [line.split("\t")[0] for line in out.splitlines()]
    assert tags[0] == "en"
    assert set(tags) == set(faqparse.VOCABULARIES)
    assert "Publisert / Oppdatert" in out


def test_unknown_locale_is_status_2() -> None:
    status, _, err = run("parse", "--locale", "xx", "a.txt")
    assert status == 2
    assert "unknown locale 'xx'" in err


def test_a_dump_in_no_known_locale_says_so(tmp_path: Path) -> None:
    text = "Otsikko\nTeksti.Julkaisupäivä 5.9.2023"
    status, _, err = run("check", write(tmp_path, "x.txt", text))
    assert status == 1
    assert "no-records" in err
    assert "no known locale's labels were found" in err


def test_parse_imports_neither_the_catalog_nor_the_optional_extras() -> None:
    """`faqparse parse` starts without the catalog, SQLite, the merge, workers or pyarrow."""
    code = (
        "import io, sys\n"
        "from faqparse._cli.main import main\n"
        "assert main(['parse', '--samples'], stdout=io.StringIO()) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "faqparse._read.reader" in loaded  # the check sees what parse loads
    unwanted = {
        "faqparse._catalog.memory",
        "faqparse._catalog.sqlite",
        "faqparse._merge.merge",
    }  # faqparse._rows is loaded: parse writes each record as its row
    unwanted |= {"sqlite3", "multiprocessing", "pyarrow", "dask", "rich"}
    assert loaded & unwanted == set()


def test_version_says_which_build_runs() -> None:
    out = io.StringIO()
    assert main(["--version"], stdout=out) == 0
    compiled = (faqparse._scan.loop.__file__ or "").endswith((".so", ".pyd"))
    build = "compiled" if compiled else "pure Python"
    python = ".".join(map(str, sys.version_info[:3]))
    assert out.getvalue() == f"faqparse {faqparse.__version__} ({build}, Python {python})\n"


def test_version_from_the_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "faqparse", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"faqparse {faqparse.__version__} (")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.EIO, "Input/output error"), "faqparse: Input/output error\n"),
        (
            OSError(errno.EACCES, "Permission denied", "cat.sqlite"),
            "faqparse: cat.sqlite: Permission denied\n",
        ),
    ],
)
def test_an_os_error_is_one_line_with_the_file_only_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch, error: OSError, said: str
) -> None:
    def failing(*args: object) -> int:
        raise error

    monkeypatch.setattr("faqparse._cli.main._command", failing)
    status, _, err = run("check", SEEDS[0])
    assert (status, err) == (2, said)
