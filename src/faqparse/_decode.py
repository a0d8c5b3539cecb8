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
        self.reported = 0  # how many of `invalid` were turned into diagnostics
        self.summarized = False  # whether `more_invalid` was

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


def decode(data: bytes) -> tuple[str, Utf8Decoder]:
    decoder = Utf8Decoder()
    return decoder.decode(data, final=True), decoder
