"""Bytes to text: UTF-8, with invalid bytes kept as U+FFFD and reported with their byte offset.

Decoding matches ``bytes.decode("utf-8", "replace")`` character for character, so offsets
agree with what users get from Python; a byte-order mark stays in the text as character 0.
"""

from __future__ import annotations

import codecs
from typing import Final, NamedTuple

__all__ = ["InvalidBytes", "Utf8Decoder"]

REPORT_LIMIT: Final = 100
"""Invalid sequences reported one by one; past this a binary file gets one summary."""


class InvalidBytes(NamedTuple):
    byte_offset: int
    char_offset: int
    data: bytes


class Utf8Decoder:
    """Decodes a byte stream piece by piece, remembering where the invalid bytes were."""

    def __init__(self) -> None:
        self._pending = b""
        self._byte_offset = 0  # offset in the input of the first pending byte
        self._char_offset = 0  # characters produced so far
        self.invalid: list[InvalidBytes] = []
        self.more_invalid = False  # invalid bytes past REPORT_LIMIT were not listed
        self._taken = 0  # how many of `invalid` `take_invalid` handed on
        self._overflow_taken = False

    def decode(self, data: bytes, *, final: bool) -> str:
        data = self._pending + data if self._pending else data
        pieces: list[str] = []
        pos = 0
        while True:
            view = memoryview(data)[pos:]
            if len(self.invalid) >= REPORT_LIMIT:
                text, used = codecs.utf_8_decode(view, "replace", final)
                self.more_invalid = self.more_invalid or "\ufffd" in text
                pieces.append(text)
                pos += used
                break
            try:
                text, used = codecs.utf_8_decode(view, "strict", final)
            except UnicodeDecodeError as error:
                good = bytes(view[: error.start]).decode("utf-8")
                pieces.append(good)
                self._char_offset += len(good)
                self.invalid.append(
                    InvalidBytes(
                        self._byte_offset + pos + error.start,
                        self._char_offset,
                        bytes(view[error.start : error.end]),
                    )
                )
                pieces.append("\ufffd")
                self._char_offset += 1
                pos += error.end
                continue
            pieces.append(text)
            self._char_offset += len(text)
            pos += used
            break
        self._pending = data[pos:]
        self._byte_offset += pos
        return "".join(pieces)

    def take_invalid(self) -> list[InvalidBytes]:
        """The invalid sequences decoded since the last call."""
        invalid = self.invalid[self._taken :]
        self._taken = len(self.invalid)
        return invalid

    def take_overflow(self) -> int | None:
        """Once, after more than `REPORT_LIMIT` invalid sequences: the character offset just
        after the last one listed, where the rest begin to go unlisted."""
        if not self.more_invalid or self._overflow_taken:
            return None
        self._overflow_taken = True
        return self.invalid[-1].char_offset + 1
