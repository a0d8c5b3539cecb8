"""The two real dumps parse exactly as read by hand (tests/fixtures/samples/*.json)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import faqparse
from conftest import SEEDS, golden, record_fields


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_records_match_the_hand_checked_golden(path: Path) -> None:
    dump = faqparse.parse_file(path)
    expected = golden(path)
    assert [record_fields(r) for r in dump.records] == expected["records"]
    assert list(dump.header) == expected["header"]
    assert list(dump.diagnostics) == expected["diagnostics"] == []
    assert len(dump.records) == 15


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_record_spans_cover_title_to_metadata(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for record in faqparse.parse(text).records:
        start, end = record.span
        covered = text[start:end]
        assert covered.startswith(record.title)
        assert record.snippet in covered
        assert "Published on" in covered


def test_seed_twins_are_both_kept() -> None:
    dump = faqparse.parse_file(SEEDS[0])
    twins = [r for r in dump.records if r.title == "How do I buy crypto with my cash balance?"]
    assert [(r.index, r.views) for r in twins] == [(10, 1), (12, 365)]


# The SHA-256 of the two dumps as the scraper saved them: the samples must stay those bytes.
SEED_DIGESTS = {
    "000_79ff5863b67a6592.txt": "241b1fa7abe0102e42049e9ad28840b20951222737b173f9af961b89ed2620b4",
    "003_ecced15b7f629948.txt": "185bc8d3d4bb0a2f2011ac8c98c8cf9c1f89cc498644e5e503096660add96757",
}


def test_bundled_samples_are_the_seeds_byte_for_byte() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in faqparse.sample_paths()}
    assert found == SEED_DIGESTS
    assert {p.name: faqparse.parse_file(p).digest for p in SEEDS} == SEED_DIGESTS


def test_captured_comes_from_the_newest_date_inside() -> None:
    newest = {p.name: faqparse.parse_file(p).captured for p in SEEDS}
    assert [d.isoformat() for d in newest.values() if d] == ["2026-06-04", "2026-05-22"]
    assert faqparse.parse_file(SEEDS[0]).captured_from is faqparse.CapturedFrom.CONTENT
