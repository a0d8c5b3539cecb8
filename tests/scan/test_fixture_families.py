"""Every hand-written case in tests/fixtures/dumps/<family>/ parses to the .json beside it.

Each case is also run through the stream reader at awkward chunk sizes and through a scan
that collects tokens (as the tokenizer's does), which must all agree with the parse.

A golden file gives `header`, `records` and `diagnostics`, and may give the dump's `kind` and
`locale` and, per record, its `span`; a record's `category` is `null` unless the golden says
otherwise.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import faqparse
from conftest import FIXTURES, SEEDS, golden, record_fields
from faqparse._scan.collector import Collector
from faqparse._scan.grammar import grammar_for
from faqparse._scan.loop import scan

DUMPS = FIXTURES / "dumps"
CASES = sorted(DUMPS.rglob("*.txt")) + SEEDS

# The cases whose golden the parser does not give yet, with why: a family name (every case in
# it) or "family/case". Remove an entry as soon as its cases pass (the marks are strict).
PARSED_WRONG: dict[str, str] = {}


def _known_failure(path: Path) -> str | None:
    return PARSED_WRONG.get(_case_id(path), PARSED_WRONG.get(path.parent.name))


def _golden_cases() -> list[Any]:
    cases: list[Any] = []
    for path in CASES:
        reason = _known_failure(path)
        mark = pytest.mark.xfail(strict=True, reason=reason) if reason else ()
        cases.append(pytest.param(path, marks=mark))
    return cases


def _case_id(path: Path) -> str:
    """``family/case`` (``locales/sv/case`` for a locale's), ``samples/name`` for a sample."""
    if path in SEEDS:
        return f"samples/{path.stem}"
    return path.relative_to(DUMPS).with_suffix("").as_posix()


def _where(diagnostic: faqparse.Diagnostic, expected: dict[str, Any]) -> dict[str, Any]:
    got = {"code": diagnostic.code, "severity": diagnostic.severity.value}
    got |= {key: getattr(diagnostic, key) for key in ("line", "column") if key in expected}
    return got


def _as_golden(record: faqparse.Record, expected: dict[str, Any]) -> dict[str, Any]:
    got = record_fields(record) | {"category": record.category}
    if "span" in expected:
        got["span"] = list(record.span)
    return got


@pytest.mark.parametrize("path", _golden_cases(), ids=_case_id)
def test_case_matches_its_golden(path: Path) -> None:
    dump = faqparse.parse_file(path)
    expected = golden(path)
    wanted = [{"category": None} | record for record in expected["records"]]
    got = [_as_golden(r, e) for r, e in zip(dump.records, wanted, strict=False)]
    assert got == wanted[: len(got)]
    assert len(dump.records) == len(wanted), dump.records
    assert list(dump.header) == expected["header"]
    for field in ("kind", "locale"):
        if field in expected:
            assert getattr(dump, field) == expected[field], field
    if "diagnostics" in expected:
        got = [
            _where(d, e) for d, e in zip(dump.diagnostics, expected["diagnostics"], strict=False)
        ]
        assert got == expected["diagnostics"]
        assert len(dump.diagnostics) == len(expected["diagnostics"]), dump.diagnostics
    for code in expected.get("diagnostics_contain", []):
        assert code in {d.code for d in dump.diagnostics}


@pytest.mark.parametrize("path", CASES, ids=_case_id)
@pytest.mark.parametrize("chunk_bytes", [1, 7, 100, 5000])
def test_streaming_gives_what_parse_gives(path: Path, chunk_bytes: int) -> None:
    dump = faqparse.parse_file(path)
    stream = faqparse.iter_records(
        io.BytesIO(path.read_bytes()), source=str(path), chunk_bytes=chunk_bytes
    )
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)
    assert stream.header == list(dump.header)
    assert stream.digest == dump.digest
    assert stream.locale == dump.locale


@pytest.mark.parametrize("path", CASES, ids=_case_id)
def test_collecting_tokens_changes_no_record_nor_problem(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    vocabulary = faqparse.detect(text) or faqparse.ENGLISH
    plain = Collector(grammar_for(vocabulary), "x")
    tokens = Collector(grammar_for(vocabulary), "x", tokens=True)
    for collector in (plain, tokens):
        scan(text, 0, len(text), collector, final=True)
    assert plain.records == tokens.records
    assert plain.problems == tokens.problems


@pytest.mark.parametrize("path", CASES, ids=_case_id)
def test_tokens_tile_the_text(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    tokens = faqparse.tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert [t.span[0] for t in tokens[1:]] == [t.span[1] for t in tokens[:-1]]
    assert all(text[t.span[0] : t.span[1]] == t.text and t.text for t in tokens)


def test_every_known_failure_names_a_case() -> None:
    names = {path.parent.name for path in CASES} | {_case_id(path) for path in CASES}
    assert not PARSED_WRONG.keys() - names, "not a case or family"
