"""Bytes in: invalid UTF-8 is kept as U+FFFD, reported with its byte offset, never raised."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import faqparse
from faqparse._read.decode import REPORT_LIMIT, Utf8Decoder


@given(st.binary(max_size=300), st.integers(min_value=1, max_value=17))
def test_decoding_in_pieces_matches_python_replace(data: bytes, piece: int) -> None:
    decoder = Utf8Decoder()
    text = "".join(
        decoder.decode(data[i : i + piece], final=False) for i in range(0, len(data), piece)
    )
    text += decoder.decode(b"", final=True)
    assert text == data.decode("utf-8", "replace")
    for bad in decoder.invalid:
        assert text[bad.char_offset] == "\ufffd"
        assert data[bad.byte_offset : bad.byte_offset + len(bad.data)] == bad.data


def test_invalid_bytes_are_reported_with_byte_and_character_offsets() -> None:
    data = (
        "Título\nSnippet é \xff".encode().replace(b"\xc3\xbf", b"\xff")
        + b".Published on 5 Sept 2023"
    )
    dump = faqparse.parse(data, "x.txt")
    (diagnostic,) = dump.diagnostics
    assert diagnostic.code == "invalid-encoding" and (diagnostic.line, diagnostic.column) == (2, 11)
    offset = data.index(b"\xff")
    assert f"at byte offset {offset}" in diagnostic.message
    assert dump.records[0].snippet == "Snippet é \ufffd."


def test_a_binary_file_gets_a_bounded_number_of_diagnostics() -> None:
    dump = faqparse.parse(bytes(range(128, 256)) * 50)
    codes: list[str] = [d.code for d in dump.diagnostics]
    assert codes.count("invalid-encoding") == REPORT_LIMIT + 1
    summaries = [d for d in dump.diagnostics if "more invalid UTF-8 follows" in d.message]
    assert len(summaries) == 1 and summaries[0].span[0] == REPORT_LIMIT
    assert codes.count("no-records") == 1


def test_byte_order_mark_is_character_0_and_not_part_of_the_header() -> None:
    dump = faqparse.parse(b"\xef\xbb\xbfAll\nFAQ\nT\nS.Published on 5 Sept 2023")
    assert dump.header == ("All", "FAQ")
    assert dump.records[0].span[0] == len("\ufeffAll\nFAQ\n")
