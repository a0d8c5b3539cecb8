"""One grammar, three ways in: ``parse``, ``tokenize`` and ``iter_records`` must agree.

The text is built from the grammar's own pieces (tab words, bullets, labels, dates of every
form, tags, counts with their separators, pagination lines, line breaks of every kind, spaces
and arbitrary characters), glued in any order, in several locales. For each text:

- ``parse`` gives the same records, page kind and header as a scan that collects tokens;
- the records rebuilt from ``tokenize``'s public tokens (fields, category, page kind, spans)
  are ``parse``'s records;
- ``iter_records`` over a binary stream read 1, 7 and 4096 bytes at a time gives ``parse``'s
  records and diagnostics.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import date
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import faqparse
from faqparse import Token, TokenKind, Vocabulary
from faqparse._locales import VOCABULARIES
from faqparse._locales.vocabulary import ENGLISH
from faqparse._scan.collector import Collector
from faqparse._scan.grammar import grammar_for
from faqparse._scan.loop import scan
from faqparse._scan.views import count_value

_LONG = "S" * 80 + "Published on 6 Sept 2023"
LOCALES = ("en", "sv", "zh-hans", "pt-br", "fr")

_SPACES = (" ", "  ", "\u00a0", "\t", "\u202f")
_BREAKS = ("\n", "\r\n", "\r", "\n\n", "\r\n\r\n")
_WORDS = ["Title", "FAQs about", "how to", "Ends with 7", "7 ways", ",5 tips", "x", "Ä", "公告"]


def _dates(vocabulary: Vocabulary) -> list[str]:
    """Every form a date takes: the built-in styles, the locale's own forms, bad ones."""
    forms = ["5 Sept 2023", "Sep 5, 2023", "2023-09-05", "6/3/2026", "31 Feb 2024", "Jan 2023"]
    names = sorted({name for name, _ in vocabulary.months}, key=len)
    if names:
        forms += [f"5 {names[0]} 2023", f"12 {names[-1]}. 2024", f"{names[-1]} 9, 2022"]
    for form in vocabulary.date_forms:
        month = names[0] if names else "1"
        forms.append(form.format(day=7, month=month, mm=3, year=2025))
    return [*forms, "2023", "5 Sept 20"]  # a year alone; a date the text cuts


def _counts(vocabulary: Vocabulary) -> list[str]:
    counts = ["7", "42", "999", "1234", "12345"]
    for separator in vocabulary.count_separators:
        counts += [f"1{separator}234", f"12{separator}027", f"1{separator}2", f"5{separator}"]
    return counts


def _trailers(vocabulary: Vocabulary) -> list[str]:
    return [
        template.format(first=1, last=3, total="1,234") for template in vocabulary.trailers
    ] or ["Showing 1-3 of 3 articles"]


@st.composite
def dump_texts(draw: st.DrawFn) -> tuple[str, Vocabulary]:
    vocabulary = VOCABULARIES[draw(st.sampled_from(LOCALES))]
    published, updated = vocabulary.published[0], vocabulary.updated[0]
    words = (
        list(vocabulary.tabs)
        + list(vocabulary.tags)
        + _trailers(vocabulary)
        + _WORDS
        + [published, updated, published.upper(), updated.lower(), "- ", "-"]
    )
    dates = _dates(vocabulary)
    counts = _counts(vocabulary)
    piece = st.one_of(
        st.sampled_from(words),
        st.sampled_from(dates),
        st.sampled_from(counts),
        st.sampled_from(_SPACES),
        st.sampled_from(_BREAKS),
        st.text(max_size=3),
    )
    # A record as the site writes it, so that most texts hold records to disagree on.
    record = st.tuples(
        st.sampled_from(["", "- ", "  "]),
        st.sampled_from(_WORDS + list(vocabulary.tags)),
        st.sampled_from(["", *_BREAKS]),
        st.sampled_from(["", "Snippet 3", "a\nb", "- Next"]),
        st.sampled_from([published, published.lower()]),
        st.sampled_from(["", " "]),
        st.sampled_from(dates),
        st.sampled_from(["", f"{updated} 6 Sept 2024", f" {updated} {dates[2]}", updated]),
        st.sampled_from(["", *vocabulary.tags]),
        st.sampled_from(["", *counts]),
        st.sampled_from(["", *_BREAKS]),
    ).map("".join)
    # A page: a heading of tab words, pagination or other lines, then records in a list.
    heading = st.sampled_from(
        ["", "Security", "- Title", *vocabulary.tabs, *_trailers(vocabulary), *_SPACES]
    )
    page = st.tuples(
        st.lists(st.tuples(heading, st.sampled_from(_BREAKS)).map("".join), max_size=3).map(
            "".join
        ),
        st.lists(record, min_size=1, max_size=4).map("".join),
    ).map("".join)
    # A section page: its list's items are a bullet, a title and the metadata on one line.
    item = st.tuples(
        st.sampled_from(["- ", "-  ", ""]),
        st.sampled_from(_WORDS),
        st.sampled_from([published, published.lower()]),
        st.sampled_from(["", " "]),
        st.sampled_from(dates),
        st.sampled_from(["", *counts]),
        st.sampled_from(_BREAKS),
    ).map("".join)
    section = st.tuples(heading, st.sampled_from(_BREAKS), st.lists(item, max_size=4)).map(
        lambda parts: parts[0] + parts[1] + "".join(parts[2])
    )
    parts = draw(st.lists(st.one_of(section, page, record, piece, piece), max_size=16))
    if draw(st.integers(0, 9)) == 0:  # long enough for a stream to read it in several scans
        filler = "".join(draw(st.lists(record, min_size=1, max_size=4)))
        parts.insert(draw(st.integers(0, len(parts))), filler * (5000 // max(len(filler), 1) + 1))
    return "".join(parts), vocabulary


def _fields(record: faqparse.Record) -> tuple[Any, ...]:
    return (
        record.title,
        record.snippet,
        record.published,
        record.updated,
        record.views,
        record.category,
        record.span,
        record.line,
        record.column,
    )


def _diagnostics(diagnostics: Any) -> list[tuple[Any, ...]]:
    return [(d.code, d.line, d.column, d.span, d.text) for d in diagnostics]


def _rebuilt(tokens: list[Token], vocabulary: Vocabulary) -> tuple[list[tuple[Any, ...]], str]:
    """The records ``tokens`` describe, read as a user of `tokenize` would, and the page kind.

    A record is its region's tokens (bullet, title, snippet), its published label and the
    metadata tokens after it; its span runs from its first region token (or its label) to
    the end of its last metadata token.
    """
    grammar = grammar_for(vocabulary)
    records: list[tuple[Any, ...]] = []
    kind: str | None = None
    region: list[Token] = []
    index = 0
    meaningful = [t for t in tokens if t.kind not in (TokenKind.WHITESPACE, TokenKind.NEWLINE)]
    text = "".join(token.text for token in tokens)
    while index < len(meaningful):
        token = meaningful[index]
        index += 1
        if token.kind in (TokenKind.BULLET, TokenKind.TITLE, TokenKind.SNIPPET):
            region.append(token)
            continue
        if token.kind is not TokenKind.PUBLISHED_LABEL:
            region = [] if token.kind in (TokenKind.HEADER, TokenKind.TRAILER) else region
            continue
        meta = [token]
        while index < len(meaningful) and meaningful[index].kind in _META:
            following = meaningful[index]
            if following.kind is TokenKind.UNPARSED and not _meta_unparsed(
                meta, following, text, vocabulary
            ):
                break
            meta.append(following)
            index += 1
        published = meta[1] if len(meta) > 1 and meta[1].kind is TokenKind.DATE else None
        value = None if published is None else grammar.dates.read(published.text)
        if value is None:
            region = []
            continue  # an unreadable published date: the record is left out
        updated: date | None = None
        category = views = None
        for before, after in itertools.pairwise(meta):
            if before.kind is TokenKind.UPDATED_LABEL and after.kind is TokenKind.DATE:
                updated = grammar.dates.read(after.text)
            if after.kind is TokenKind.TAG:
                category = after.text
            if after.kind is TokenKind.VIEWS:
                views = count_value(after.text, grammar)
        bullet = [t for t in region if t.kind is TokenKind.BULLET]
        if kind is None:
            kind = "section" if bullet else "search"
        title = next((t.text for t in region if t.kind is TokenKind.TITLE), "")
        snippet = next((t.text for t in region if t.kind is TokenKind.SNIPPET), "")
        snippet_token = any(t.kind is TokenKind.SNIPPET for t in region)
        if kind == "section" and not snippet_token and title:
            category = None  # a section's list item: no category, whatever follows its date
        start = region[0].span[0] if region else token.span[0]
        records.append((title, snippet, value, updated, views, category, (start, meta[-1].span[1])))
        region = []
    return records, kind or "search"


_META = frozenset(
    (
        TokenKind.DATE,
        TokenKind.UPDATED_LABEL,
        TokenKind.TAG,
        TokenKind.VIEWS,
        TokenKind.UNPARSED,
    )
)


def _meta_unparsed(meta: list[Token], token: Token, text: str, vocabulary: Vocabulary) -> bool:
    """Whether an unparsed token after a record's metadata is part of it: a date that cannot
    be read (right after a label), or, on the metadata's line at the end of the input, a
    count, an updated label or a tag the end cut short (``docs/format.md``)."""
    last = meta[-1]
    between = text[last.span[1] : token.span[0]]
    if "\n" in between or "\r" in between:
        return False
    if last.kind in (TokenKind.PUBLISHED_LABEL, TokenKind.UPDATED_LABEL):
        return True
    if last.kind is TokenKind.VIEWS:
        return False
    if token.span[1] != len(text.rstrip()) and text[token.span[1] :].strip():
        return False
    words = " ".join(token.text.split())
    if words[:1].isdigit():
        return True
    kinds = {t.kind for t in meta}
    labels = () if TokenKind.UPDATED_LABEL in kinds else vocabulary.updated
    tags = () if TokenKind.TAG in kinds else vocabulary.tags
    return any(
        len(words) < len(w) and w.casefold().startswith(words.casefold()) for w in labels
    ) or any(len(words) < len(w) and w.startswith(words) for w in tags)


def _stream(text: str, vocabulary: Vocabulary, chunk: int) -> tuple[list[Any], list[Any], str]:
    stream = faqparse.iter_records(
        io.BytesIO(text.encode("utf-8", "surrogatepass")),
        vocabulary=vocabulary,
        chunk_bytes=chunk,
    )
    records = [_fields(record) for record in stream]
    return records, _diagnostics(stream.diagnostics), stream.kind


# Read differently by parse and tokenize before they ran one reader: a section page under a
# heading that is no tab word; a pagination line where the first title would start; a span
# that took in the spaces after the record's date.
@example(
    ("Security\n- Title 0Published on 5 Sept 2023100\n- Title 1Published on 5 Sept 2023", ENGLISH)
)
@example(("Showing 1-3 of 3 articles\nTitle 0Published on 5 Sept 2023Next\n" + _LONG, ENGLISH))
@example(("Title\nSnippetPublished on 5 Sept 2023   \nNext\n" + _LONG, ENGLISH))
@given(dump_texts())
def test_parse_tokenize_and_stream_read_the_same_records(case: tuple[str, Vocabulary]) -> None:
    text, vocabulary = case
    dump = faqparse.parse(text, vocabulary=vocabulary)
    records = [_fields(record) for record in dump.records]

    for record in dump.records:  # each where a count of lines from the start puts it
        before = re.split(r"\r\n|\r|\n", text[: record.span[0]])
        assert (record.line, record.column) == (len(before), len(before[-1]) + 1)

    collector = Collector(grammar_for(vocabulary), "<string>", tokens=True)
    scan(text, 0, len(text), collector, final=True)
    assert [_fields(r) for r in collector.records] == records, "with tokens collected"
    assert (collector.kind or "search") == dump.kind

    tokens = faqparse.tokenize(text, vocabulary=vocabulary)
    assert "".join(token.text for token in tokens) == text
    rebuilt, kind = _rebuilt(tokens, vocabulary)
    assert rebuilt == [fields[:7] for fields in records], "rebuilt from tokenize"
    if records:
        assert kind == dump.kind

    for chunk in (1, 7, 4096):
        streamed, diagnostics, stream_kind = _stream(text, vocabulary, chunk)
        assert streamed == records, f"iter_records in pieces of {chunk} bytes"
        assert diagnostics == _diagnostics(dump.diagnostics)
        assert stream_kind == dump.kind
