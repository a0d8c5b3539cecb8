"""What a person sees of the model in a REPL, a log line or a debugger: short, and to the point."""

from __future__ import annotations

import inspect
from pathlib import Path

import faqparse
from faqparse.testing import render

BIG = 20_000


def test_a_large_dump_has_a_short_repr() -> None:
    records = faqparse.parse(faqparse.sample_paths()[0].read_text(encoding="utf-8")).records
    text = render([records[0]] * BIG)
    dump = faqparse.parse(text, source="big.txt")
    assert len(dump.records) == BIG
    shown = repr(dump)
    assert len(shown) < 300, shown
    assert "source='big.txt'" in shown
    assert f"records=<{BIG:,} records>" in shown
    assert "locale='en'" in shown
    assert dump.digest[:12] in shown and dump.digest not in shown


def test_an_article_seen_many_times_has_a_short_repr() -> None:
    text = faqparse.sample_paths()[0].read_text(encoding="utf-8")
    # Another trailing line break each day: 28 dumps with 28 digests and the same records.
    dumps = [
        faqparse.parse(text + "\n" * day, source=f"2026-06-{day:02}.txt") for day in range(1, 29)
    ]
    article = faqparse.merge(dumps)[0]
    assert len(article.observations) == 28
    shown = repr(article)
    assert "observations=<28 observations>" in shown
    assert len(shown) < 400, shown


def test_a_diagnostic_prints_as_the_command_line_prints_it() -> None:
    dump = faqparse.parse("Some title\nA snippet.Published on 31 Foo 2023", source="broken.txt")
    [diagnostic] = dump.diagnostics
    assert str(diagnostic) == (
        "broken.txt:2:24: error: bad-date: unreadable published date: '31 Foo 2023' is not a"
        " date; record left out"
    )
    assert "Diagnostic(" in repr(diagnostic)  # the repr stays the full, evaluable one


def test_detect_has_a_readable_signature() -> None:
    shown = str(inspect.signature(faqparse.detect))
    assert shown == (
        "(text: 'str', vocabularies: 'Mapping[str, Vocabulary] | None' = None)"
        " -> 'Vocabulary | None'"
    )
    assert len(shown) < 100


def test_detect_with_its_default_and_with_a_choice_of_locales() -> None:
    swedish = "Alla\nVanliga frågor\nEn titel\nEtt utdrag.Publicerad den 30 jan. 2026"
    assert faqparse.detect(swedish) is faqparse.VOCABULARIES["sv"]
    english_only = {"en": faqparse.ENGLISH}
    assert faqparse.detect(swedish, english_only) is None


def test_streams_and_catalogs_have_short_reprs_that_say_what_they_hold(tmp_path: Path) -> None:
    sample = faqparse.sample_paths()[0]
    stream = faqparse.iter_records(sample)
    assert repr(stream) == f"<RecordStream {str(sample)!r} reading, locale 'en', 0 diagnostics>"
    assert len(list(stream)) == 15
    assert repr(stream).startswith(f"<RecordStream {str(sample)!r} read, ")
    catalog = faqparse.Catalog()
    catalog.add(faqparse.parse_file(sample))
    assert repr(catalog) == "<Catalog in memory: 1 dumps, 14 blocks>"
    path = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(path) as opened:
        opened.add(faqparse.parse_file(sample))
        assert repr(opened) == f"<CatalogFile {str(path)!r}: 1 dumps>"
    assert repr(opened) == f"<CatalogFile {str(path)!r}, closed>"
    assert all(len(repr(x)) < 300 for x in (stream, catalog, opened))
