"""A dump saved as UTF-16 is not read, but its `no-records` error says what it looks like."""

from __future__ import annotations

import io

import pytest

import faqparse

DUMP = "All\nFAQ\nTitle\nSnippet.Published on 5 Sept 2023Updated on 29 May 202612\n"
HINT = "and faqparse reads UTF-8: convert the file first (iconv -f UTF-16"


def no_records(data: bytes) -> tuple[str, str]:
    """The no-records message from `parse` and from a stream, which must agree."""
    parsed = [d for d in faqparse.parse(data).diagnostics if d.code == "no-records"]
    stream = faqparse.iter_records(io.BytesIO(data), chunk_bytes=7)
    assert list(stream) == []
    streamed = [d for d in stream.diagnostics if d.code == "no-records"]
    assert len(parsed) == len(streamed) == 1
    return parsed[0].message, streamed[0].message


@pytest.mark.parametrize(
    ("encoding", "name", "iconv"),
    [
        ("utf-16", "UTF-16 (little-endian)", "UTF-16"),  # with a mark, as Windows saves it
        ("utf-16-le", "UTF-16 (little-endian)", "UTF-16LE"),
        ("utf-16-be", "UTF-16 (big-endian)", "UTF-16BE"),
    ],
)
def test_utf16_is_named_in_the_no_records_error(encoding: str, name: str, iconv: str) -> None:
    data = DUMP.encode(encoding)
    for message in no_records(data):
        # No label of any known locale to detect one from: said first, then what it looks like.
        assert message.startswith("not a search dump: no known locale's labels were found")
        assert f"the bytes look like {name}, {HINT}" in message
        assert message.endswith(f"(iconv -f {iconv} -t UTF-8)")
        converted = data.decode(encoding).encode()  # what the conversion gives: it parses
        assert len(faqparse.parse(converted).records) == 1


@pytest.mark.parametrize(
    "data",
    [
        b"\0" * 300,  # zero bytes on both sides: not text at all
        b"<html><body>Nothing here</body></html>",
        bytes(range(256)),
    ],
    ids=["zeros", "html", "binary"],
)
def test_other_input_gets_no_encoding_hint(data: bytes) -> None:
    for message in no_records(data):
        assert "UTF-16" not in message


def test_utf32_with_a_mark_is_named_too() -> None:
    for message in no_records(DUMP.encode("utf-32")):
        assert "the bytes look like UTF-32 (little-endian)" in message
        assert "(iconv -f UTF-32 -t UTF-8)" in message


def test_a_utf8_dump_with_a_nul_here_and_there_still_parses() -> None:
    data = ("\0" + DUMP.replace("\n", "\n\0")).encode()
    assert len(faqparse.parse(data).records) == 1
