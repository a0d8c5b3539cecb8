"""How a run shows its diagnostics: every one, errors only (-q), the first N
(--max-diagnostics), as JSON for machines (check --format), and one summary line that counts
them all by code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import faqparse
from faqparse._cli.diagnostics import Tally
from faqparse._cli.main import main
from faqparse._model import Severity

SAMPLE = faqparse.sample_paths()[0]
# One bad published date (an error) and a record cut off at the end (a warning).
BROKEN = "A title\nA snippet.Published on 31 Foo 2023\nTitle\nText.Published on 1 Jan 2024\nCut"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in argv], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def broken(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / f"broken{n}.txt" for n in range(3)]
    for path in paths:
        path.write_text(BROKEN, encoding="utf-8")
    return paths


def test_every_diagnostic_then_a_summary(broken: list[Path]) -> None:
    status, out, err = run("check", *broken)
    lines = err.splitlines()
    assert status == 1 and out == ""
    assert len(lines) == 7
    assert [line.split(": ")[2] for line in lines[:6]] == ["bad-date", "incomplete-record"] * 3
    assert lines[6] == "faqparse: 3 errors: 3 bad-date; 3 warnings: 3 incomplete-record"


def test_quiet_prints_errors_and_the_summary(broken: list[Path]) -> None:
    status, _, err = run("check", "-q", *broken)
    lines = err.splitlines()
    assert status == 1
    assert [line.split(": ")[1] for line in lines[:3]] == ["error"] * 3
    assert lines[3:] == [
        "faqparse: 3 errors: 3 bad-date; 3 warnings: 3 incomplete-record (3 not printed)"
    ]


def test_quiet_says_nothing_when_there_are_only_warnings(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text(BROKEN.split("\n", 2)[2], encoding="utf-8")  # the good record and the cut
    status, out, err = run("parse", "-q", path)
    assert status == 0 and err == ""
    assert len(out.splitlines()) == 1
    assert run("parse", path)[2].endswith("faqparse: 1 warning: 1 incomplete-record\n")


@pytest.mark.parametrize("limit", [0, 1, 4, 6, 9])
def test_max_diagnostics_prints_the_first_n(broken: list[Path], limit: int) -> None:
    status, _, err = run("check", "--max-diagnostics", str(limit), *broken)
    lines = err.splitlines()
    shown = min(limit, 6)
    assert status == 1
    assert len(lines) == shown + 1
    hidden = f" ({6 - shown} not printed)" if shown < 6 else ""
    assert lines[-1] == f"faqparse: 3 errors: 3 bad-date; 3 warnings: 3 incomplete-record{hidden}"


def test_max_diagnostics_takes_a_count(broken: list[Path]) -> None:
    status, _, err = run("check", "--max-diagnostics", "-1", *broken)
    assert status == 2 and "not a number of diagnostics" in err


def test_a_clean_run_prints_no_summary() -> None:
    status, _, err = run("check", str(SAMPLE))
    assert (status, err) == (0, "")


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_check_writes_json_for_machines(broken: list[Path], fmt: str) -> None:
    status, out, err = run("check", "--format", fmt, *broken)
    rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [(row["source"], row["line"], row["column"], row["code"]) for row in rows] == [
        (str(path), line, column, code)
        for path in broken
        for line, column, code in ((2, 24, "bad-date"), (5, 1, "incomplete-record"))
    ]
    assert {row["severity"] for row in rows} == {"error", "warning"}
    assert all(row["message"] for row in rows)
    assert err == "faqparse: 3 errors: 3 bad-date; 3 warnings: 3 incomplete-record\n"


def test_check_json_of_a_clean_run_is_an_empty_array() -> None:
    assert run("check", "--format", "json", str(SAMPLE))[:2] == (0, "[]\n")


@pytest.mark.parametrize(("name", "fmt"), [("d.jsonl", "jsonl"), ("d.json", "json")])
def test_check_writes_json_to_a_file(
    broken: list[Path], tmp_path: Path, name: str, fmt: str
) -> None:
    target = tmp_path / name
    status, out, _ = run("check", broken[0], "-o", target)
    text = target.read_text(encoding="utf-8")
    rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert status == 1 and out == ""
    assert [row["code"] for row in rows] == ["bad-date", "incomplete-record"]


def test_worker_processes_show_the_same_diagnostics(broken: list[Path]) -> None:
    alone = run("check", "-j", "1", *broken)
    workers = run("check", "-j", "2", *broken)
    assert workers == alone
    assert run("check", "-j", "2", "-q", *broken) == run("check", "-j", "1", "-q", *broken)


def test_the_summary_counts_most_frequent_codes_first() -> None:
    tally = Tally()
    for code, severity, count in [
        ("missing-snippet", Severity.WARNING, 2),
        ("incomplete-record", Severity.WARNING, 1),
        ("bad-date", Severity.ERROR, 1),
        ("ambiguous-views", Severity.WARNING, 2),
    ]:
        tally.add(severity, code, count)
    assert tally.summary() == (
        "1 error: 1 bad-date; 5 warnings: 2 ambiguous-views, 2 missing-snippet, 1 incomplete-record"
    )
    assert Tally().summary() is None
