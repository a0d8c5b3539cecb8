"""Recognizing input that is not UTF-8 text but looks like another encoding of text.

(UTF-32 is recognized by its byte-order mark; UTF-16 by its mark or its NUL bytes.)

faqparse reads UTF-8. A dump saved as UTF-16 (Windows' "Unicode") decodes to text with a NUL
between letters, where no label can be found: the `no-records` error then says what the
bytes look like and how to convert them, instead of only "not a search dump".
"""

from __future__ import annotations

from typing import Final

__all__ = ["encoding_hint"]

_MARKS: Final = (  # the longer first: UTF-32's little-endian mark starts like UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def encoding_hint(head: bytes) -> str:
    """A sentence for the `no-records` message when ``head`` looks like UTF-16, else ''."""
    marked = next((name for mark, name in _MARKS if head.startswith(mark)), "")
    name = marked or _utf16_without_mark(head)
    if not name:
        return ""
    # With a mark iconv finds the byte order itself; without one it must be told.
    source = name[:6] if marked else name[:6] + ("LE" if "little" in name else "BE")
    return (
        f"; the bytes look like {name}, and faqparse reads UTF-8: convert the file first"
        f" (iconv -f {source} -t UTF-8)"
    )


def _utf16_without_mark(head: bytes) -> str:
    # Text in Latin script as UTF-16: every other byte is NUL, on one side.
    pairs = len(head) // 2
    if pairs < 4:
        return ""
    even_nul = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd_nul = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd_nul >= 0.9 * pairs and even_nul <= 0.1 * pairs:
        return "UTF-16 (little-endian)"
    if even_nul >= 0.9 * pairs and odd_nul <= 0.1 * pairs:
        return "UTF-16 (big-endian)"
    return ""
