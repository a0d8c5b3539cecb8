"""The public surface is exactly these names: adding or removing one is a decision."""

from __future__ import annotations

import inspect

import attrs

import faqparse
from faqparse._collect import new_record

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
    """`new_record` hands its arguments to `Record` by position, for speed: the names must
    line up, or two fields of one type would be swapped silently."""
    parameters = list(inspect.signature(new_record).parameters)
    assert parameters == [field.name for field in attrs.fields(faqparse.Record)]
