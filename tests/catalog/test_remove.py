"""Removing dumps, from both catalogs: the catalog is then the one the other dumps give."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import faqparse
from conftest import HEADER

from .test_contract import dumps


def _shown(diagnostics: tuple[faqparse.Diagnostic, ...]) -> list[tuple[object, ...]]:
    return [(d.code, d.source, d.line, d.column, d.span, d.message) for d in diagnostics]


def _observations(articles: list[faqparse.Article]) -> list[tuple[object, ...]]:
    return [(a.id, o.digest, o.index) for a in articles for o in a.observations]


@settings(max_examples=60)
@given(st.lists(dumps(), min_size=1, max_size=6), st.data())
def test_adding_n_dumps_and_removing_k_gives_what_the_others_give(
    drawn: list[faqparse.Dump], data: st.DataObject
) -> None:
    everything = list({dump.digest: dump for dump in drawn if dump.records}.values())
    gone = data.draw(st.sets(st.sampled_from(everything)) if everything else st.just(set()))
    rest = [dump for dump in everything if dump not in gone]
    split = data.draw(st.integers(0, len(everything)))  # removed in the adding run, or later
    memory, expected = faqparse.Catalog(), faqparse.Catalog()
    for dump in everything:
        memory.add(dump)
    for dump in rest:
        expected.add(dump)
    for dump in gone:
        assert memory.remove(dump.digest) is True
        assert memory.remove(dump.digest) is False
    assert memory.articles == expected.articles
    assert _shown(memory.diagnostics) == _shown(expected.diagnostics)
    assert memory.digests == expected.digests
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.sqlite"
        with faqparse.Catalog.open(path) as catalog:
            for dump in everything[:split]:
                catalog.add(dump)
        with faqparse.Catalog.open(path) as catalog:
            for dump in everything[split:]:
                catalog.add(dump)
            for dump in gone:
                assert catalog.remove(dump.digest) is True
            found = _shown(catalog.diagnostics)
            assert catalog.removed == {dump.digest for dump in gone} - {
                dump.digest for dump in everything[split:]
            }
        # The run's diagnostics: those about the records of its dumps that stayed.
        assert found == _shown(expected.diagnostics_of(d.digest for d in everything[split:]))
        with faqparse.Catalog.open(path, read_only=True) as catalog:
            articles = list(catalog.articles)
            assert catalog.dump_count() == len(rest)
    assert articles == list(expected.articles)
    assert _observations(articles) == _observations(list(expected.articles))


RECORD = "Passkey FAQ\nPasskeys.Published on 19 Mar 2025130"


def test_a_dump_without_records_is_never_recorded(tmp_path: Path) -> None:
    text = HEADER + RECORD
    wrong = faqparse.parse(text, "dump.txt", vocabulary=faqparse.VOCABULARIES["fr"])
    right = faqparse.parse(text, "dump.txt")
    assert (wrong.records, wrong.digest) == ((), right.digest)
    memory = faqparse.Catalog()
    assert memory.add(wrong) is False
    assert memory.digests == frozenset()
    assert memory.add(right) is True
    path = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.add(wrong) is False
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.dump_count() == 0
        assert catalog.add(right) is True
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == list(memory.articles)


def test_removing_an_unknown_digest_changes_nothing(tmp_path: Path) -> None:
    dump = faqparse.parse(HEADER + RECORD, "dump.txt")
    path = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(path) as catalog:
        catalog.add(dump)
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.remove("0" * 64) is False
        assert catalog.removed == frozenset()
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        assert list(catalog.articles) == faqparse.merge([dump])
