"""The public surface is exactly these names: adding or removing one is a decision."""

from __future__ import annotations

from datetime import date

import faqparse
from faqparse._scan.collector import Collector
from faqparse._scan.grammar import grammar_for

PUBLIC = [
    "ENGLISH",
    "VOCABULARIES",
    "Article",
    "CapturedFrom",
    "Catalog",
    "CatalogError",
    "CatalogFile",
    "Change",
    "Diagnostic",
    "DiagnosticCode",
    "Dump",
    "Observation",
    "Record",
    "RecordStream",
    "Severity",
    "Span",
    "Token",
    "TokenKind",
    "Vocabulary",
    "detect",
    "from_json",
    "iter_records",
    "merge",
    "normalize_title",
    "parse",
    "parse_file",
    "report",
    "sample_paths",
    "to_json",
    "tokenize",
]


def test_all_is_pinned() -> None:
    assert sorted(faqparse.__all__) == sorted(PUBLIC)
    assert len(set(faqparse.__all__)) == len(faqparse.__all__)


def test_every_exported_name_exists_and_belongs_to_faqparse() -> None:
    for name in faqparse.__all__:
        member = getattr(faqparse, name)
        module = getattr(member, "__module__", "faqparse")
        # Type aliases and constants carry no module of their own; the rest are ours.
        assert module.startswith("faqparse") or name in {"Span", "ENGLISH"}, name


def test_nothing_private_is_exported() -> None:
    assert not [name for name in faqparse.__all__ if name.startswith("_")]


def test_the_one_record_builder_passes_the_fields_in_their_order() -> None:
    """`Collector.keep` hands the fields to `Record` by position, for speed: with every field
    distinct, a record built there equals one built by keyword, or two fields of one type
    would be swapped silently."""
    collector = Collector(grammar_for(faqparse.ENGLISH), "dump.txt")
    text = "x\nTitle\nSnippet"
    collector.keep(
        "Title", "Snippet", date(2024, 1, 2), date(2025, 3, 4), 7, "FAQ", text, 2, len(text)
    )
    assert collector.take_records() == [
        faqparse.Record(
            title="Title",
            snippet="Snippet",
            published=date(2024, 1, 2),
            updated=date(2025, 3, 4),
            views=7,
            source="dump.txt",
            index=0,
            span=(2, 15),
            category="FAQ",
            line=2,
            column=1,
        )
    ]
