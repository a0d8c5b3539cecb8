"""Wrong argument types fail at the call with a TypeError that names the argument."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import date, datetime

import pytest

import faqparse
from conftest import SEEDS

TEXT = SEEDS[0].read_text(encoding="utf-8")

CASES: list[tuple[str, str, tuple[object, ...], dict[str, object], str]] = [
    (
        "parse-none",
        "parse",
        (None,),
        {},
        "parse() argument 'text' must be str or bytes, not NoneType",
    ),
    ("parse-list", "parse", (["a"],), {}, "parse() argument 'text' must be str or bytes, not list"),
    ("parse-path", "parse", (SEEDS[0],), {}, "not PosixPath (parse_file reads a path)"),
    (
        "parse-captured-text",
        "parse",
        (TEXT,),
        {"captured": "2026-06-01"},
        "parse() argument 'captured' must be a date, a datetime or None, not str",
    ),
    (
        "parse-vocabulary-text",
        "parse",
        (TEXT,),
        {"vocabulary": "en"},
        "parse() argument 'vocabulary' must be a faqparse.Vocabulary",
    ),
    (
        "parse-source-none",
        "parse",
        (TEXT, None),
        {},
        "parse() argument 'source' must be str, not NoneType",
    ),
    (
        "parse-source-path",
        "parse",
        (TEXT, SEEDS[0]),
        {},
        "parse() argument 'source' must be str, not PosixPath",
    ),
    ("parse-file-none", "parse_file", (None,), {}, "parse_file() argument 'path' must be a path"),
    (
        "parse-file-stream",
        "parse_file",
        (io.BytesIO(b""),),
        {},
        "parse_file() argument 'path' must be a path (str or os.PathLike), not BytesIO",
    ),
    (
        "parse-file-captured",
        "parse_file",
        (SEEDS[0],),
        {"captured": 20260601},
        "parse_file() argument 'captured'",
    ),
    (
        "parse-file-source",
        "parse_file",
        (SEEDS[0],),
        {"source": 1},
        "parse_file() argument 'source' must be str or None, not int",
    ),
    (
        "iter-records-none",
        "iter_records",
        (None,),
        {},
        "iter_records() argument 'file' must be a path or a binary stream, not NoneType",
    ),
    (
        "iter-records-text-stream",
        "iter_records",
        (io.StringIO(TEXT),),
        {},
        "iter_records() reads bytes, and StringIO is a text stream: open the file in binary",
    ),
    (
        "iter-records-vocabulary",
        "iter_records",
        (SEEDS[0],),
        {"vocabulary": {}},
        "iter_records() argument 'vocabulary'",
    ),
    (
        "iter-records-chunk",
        "iter_records",
        (SEEDS[0],),
        {"chunk_bytes": "64k"},
        "iter_records() argument 'chunk_bytes' must be int, not str",
    ),
    (
        "tokenize-bytes",
        "tokenize",
        (b"x",),
        {},
        "tokenize() argument 'text' must be str, not bytes",
    ),
]


@pytest.mark.parametrize(
    ("function", "args", "kwargs", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_wrong_argument_is_named_in_a_type_error(
    function: str, args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    call: Callable[..., object] = getattr(faqparse, function)
    with pytest.raises(TypeError) as raised:
        call(*args, **kwargs)
    assert message in str(raised.value)


def test_iter_records_on_text_standard_input_explains_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(TypeError, match=r"sys\.stdin\.buffer"):
        faqparse.iter_records(sys.stdin)  # type: ignore[arg-type]


def test_a_bad_captured_time_never_reaches_the_catalog() -> None:
    """It used to be accepted: then every `Catalog.articles` raised, for good."""
    catalog = faqparse.Catalog()
    catalog.add(faqparse.parse_file(SEEDS[0]))
    with pytest.raises(TypeError, match="'captured'"):
        catalog.add(faqparse.parse_file(SEEDS[1], captured="2026-06-01"))  # type: ignore[arg-type]
    assert len(catalog.articles) == 15


def test_the_right_types_still_pass() -> None:
    assert len(faqparse.parse(TEXT.encode(), "a.txt", captured=date(2026, 6, 1)).records) == 15
    stream = faqparse.iter_records(io.BytesIO(TEXT.encode()), source="s", chunk_bytes=100)
    assert sum(1 for _ in stream) == 15
    dump = faqparse.parse_file(str(SEEDS[0]), captured=datetime(2026, 6, 1, 10, 15))
    assert len(dump.records) == 15
    assert faqparse.tokenize(TEXT, vocabulary=faqparse.ENGLISH)


def test_no_vocabulary_is_accepted_everywhere_and_detects_the_locale() -> None:
    """``vocabulary=None`` (the default) detects the locale: every check lets it through."""
    norwegian = "Hva er en gave?\nEn gave.Publisert 16. aug. 2023Oppdatert 4. mars 20264 225\n"
    assert faqparse.parse(norwegian, "nb.txt", vocabulary=None).locale == "nb"
    assert faqparse.parse_file(SEEDS[0], vocabulary=None).locale == "en"
    stream = faqparse.iter_records(io.BytesIO(norwegian.encode()), vocabulary=None)
    assert [r.views for r in stream] == [4225] and stream.locale == "nb"
    assert "".join(t.text for t in faqparse.tokenize(norwegian, vocabulary=None)) == norwegian
    nb = faqparse.VOCABULARIES["nb"]
    assert faqparse.parse(norwegian, "nb.txt", vocabulary=nb).records[0].views == 4225
