"""The catalog: incremental adds, one dump counted once, saved and loaded as JSON Lines."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import faqparse
from conftest import FIXTURES, SEEDS
from faqparse._catalog import memory as _catalog

THREE = sorted((FIXTURES / "merge" / "three_snapshots").glob("*.txt"))
TWINS = sorted((FIXTURES / "merge" / "twins_snippet_decides").glob("*.txt"))


def _parse(paths: list[Path]) -> list[faqparse.Dump]:
    return [faqparse.parse_file(path, source=path.name) for path in paths]


def _catalog_of(dumps: list[faqparse.Dump]) -> faqparse.Catalog:
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    return catalog


def test_adding_a_dump_twice_changes_nothing() -> None:
    dumps = _parse(THREE)
    catalog = _catalog_of(dumps)
    before = catalog.articles
    assert catalog.add(dumps[1]) is False
    assert catalog.add(faqparse.parse_file(THREE[1], source="renamed.txt")) is False
    assert catalog.articles == before
    assert catalog.digests == {dump.digest for dump in dumps}


def test_adding_a_then_b_then_c_equals_merging_all_three() -> None:
    a, b, c = _parse(THREE)
    catalog = _catalog_of([a, b])
    assert len(catalog.articles) == 2
    assert catalog.add(c) is True
    assert list(catalog.articles) == faqparse.merge([c, a, b])


def test_merge_keeps_the_same_copy_of_a_dump_given_twice_whatever_the_order() -> None:
    one = faqparse.parse_file(SEEDS[0], source="one.txt")
    two = faqparse.parse_file(SEEDS[0], source="two.txt")
    assert faqparse.merge([one, two]) == faqparse.merge([two, one])
    assert {o.source for a in faqparse.merge([two, one]) for o in a.observations} == {"one.txt"}


def test_save_writes_one_article_per_line_with_its_observations(tmp_path: Path) -> None:
    catalog = _catalog_of(_parse(SEEDS))
    path = tmp_path / "catalog.jsonl"
    catalog.save(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 28
    first: dict[str, Any] = json.loads(lines[0])
    assert first == faqparse.to_json(catalog.articles[0])
    assert set(first["observations"][0]) >= {"source", "digest", "index", "captured", "title",
                                             "snippet", "updated", "views"}  # fmt: skip


def test_load_gives_back_the_saved_articles_and_goes_on_merging(tmp_path: Path) -> None:
    a, b, c = _parse(THREE)
    path = tmp_path / "catalog.jsonl"
    _catalog_of([c, a]).save(path)
    loaded = faqparse.Catalog.load(path)
    assert list(loaded.articles) == faqparse.merge([a, c])
    assert loaded.digests == {a.digest, c.digest}
    assert loaded.add(a) is False
    assert loaded.add(b) is True
    assert list(loaded.articles) == faqparse.merge([a, b, c])


def test_diagnostics_survive_a_save_and_load_without_their_spans(tmp_path: Path) -> None:
    catalog = _catalog_of(_parse(TWINS))
    path = tmp_path / "catalog.jsonl"
    catalog.save(path)
    loaded = faqparse.Catalog.load(path)
    assert [d.span for d in catalog.diagnostics] == [(40, 178), (178, 320)]
    assert [d.span for d in loaded.diagnostics] == [(0, 0), (0, 0)]
    # The twins' records: the first alone on its title line, the second after its count.
    assert [(d.line, d.column) for d in catalog.diagnostics] == [(5, 1), (6, 111)]
    assert [(d.line, d.column) for d in loaded.diagnostics] == [(1, 1), (1, 1)]
    assert [(d.code, d.source, d.message) for d in loaded.diagnostics] == [
        (d.code, d.source, d.message) for d in catalog.diagnostics
    ]


def test_save_replaces_the_file_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text("old\n", encoding="utf-8")
    catalog = _catalog_of(_parse(SEEDS))
    calls = 0

    def failing(article: faqparse.Article) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise RuntimeError("interrupted")
        return faqparse.to_json(article)

    monkeypatch.setattr(_catalog, "to_json", failing)
    with pytest.raises(RuntimeError, match="interrupted"):
        catalog.save(path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["catalog.jsonl"]


def test_an_empty_file_is_an_empty_catalog_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text("", encoding="utf-8")
    assert faqparse.Catalog.load(path).articles == ()
    catalog = _catalog_of(_parse(THREE))
    catalog.save(path)
    path.write_text("\ufeff\n" + path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    assert faqparse.Catalog.load(path).articles == catalog.articles


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "x"\n', "catalog.jsonl:1: not JSON"),
        (b"[1, 2]\n", "catalog.jsonl:1: a Article must be a JSON object"),
        (b'{"id": "x"}\n', "catalog.jsonl:1: Article: missing field 'title'"),
        (b"\xff\xfe\n", "catalog.jsonl:1: not UTF-8"),
    ],
)
def test_a_bad_line_is_a_value_error_naming_file_and_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "catalog.jsonl"
    good = _catalog_of(_parse(THREE))
    good.save(path)
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        faqparse.Catalog.load(path)
    # and on a later line, after good ones
    good.save(path)
    path.write_bytes(path.read_bytes() + content)
    with pytest.raises(ValueError, match=message.replace(":1:", ":3:")):
        faqparse.Catalog.load(path)


def test_a_saved_article_with_two_observations_of_one_dump_is_refused(tmp_path: Path) -> None:
    article = faqparse.to_json(faqparse.merge(_parse(THREE))[0])
    article["observations"].append(dict(article["observations"][0], index=7))
    path = tmp_path / "catalog.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"catalog\.jsonl:1: an article holds two observations"):
        faqparse.Catalog.load(path)


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        faqparse.Catalog.load(tmp_path / "nope.jsonl")


def test_a_dump_built_by_hand_with_numbers_past_64_bits_merges() -> None:
    """Python's integers have no limit, and a record built by hand may use that: an index or
    a count past 2**63 is kept as it is, and the dump's place table (kept as machine
    integers) gives way rather than fail halfway through the add."""
    from datetime import date  # noqa: PLC0415

    day = date(2026, 1, 2)
    records = (
        faqparse.Record("Huge", "a", day, None, 10**30, "odd.txt", 0, (0, 1)),
        faqparse.Record("Far", "b", day, None, 5, "odd.txt", 2**70, (1, 2)),
    )
    dump = faqparse.Dump(
        source="odd.txt", records=records, header=(), diagnostics=(), digest="e" * 64,
        captured=None, captured_from=None,
    )  # fmt: skip
    catalog = faqparse.Catalog()
    assert catalog.add(dump) is True
    found = {a.title: a for a in catalog.articles}
    assert found["Huge"].views == 10**30
    assert [o.index for o in found["Far"].observations] == [2**70]
    assert faqparse.merge([dump]) == list(catalog.articles)
