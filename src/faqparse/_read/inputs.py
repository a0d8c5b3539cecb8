"""What a file is, told by its first bytes: a dump, a compressed dump, or something else.

A file's name says little (``dump.txt.gz`` renamed ``dump.txt``, a catalog given where a dump
belongs), so the bytes decide. Compressed dumps are opened through the standard library's
decompressors (``zstandard`` for zstd, when it is installed); an SQLite database, an archive,
a PDF, an image or an HTML page is named in one sentence rather than decoded into hundreds
of warnings about bytes that are not UTF-8.
"""

from __future__ import annotations

import bz2
import gzip
import importlib
import io
import lzma
import os
import zlib
from collections.abc import Callable
from typing import BinaryIO, Final, Protocol

import regex

__all__ = [
    "HEAD_BYTES",
    "UnreadableInput",
    "compression",
    "decompressed",
    "decompressed_bytes",
    "not_a_dump",
    "open_input",
    "read_input",
]

HEAD_BYTES: Final = 512
"""How much of the start of a file is looked at: enough for an HTML page's comments and
doctype, far less than one read."""


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...
    def close(self) -> None: ...


Opener = Callable[[BinaryIO], _Readable]


class UnreadableInput(OSError):
    """A compressed file whose data is damaged or cut short, or whose decompressor is missing."""


def _gzip(file: BinaryIO) -> _Readable:
    return gzip.GzipFile(fileobj=file, mode="rb")


def _bzip2(file: BinaryIO) -> _Readable:
    return bz2.BZ2File(file, mode="rb")


def _xz(file: BinaryIO) -> _Readable:
    return lzma.LZMAFile(file, mode="rb")


def _zstd(file: BinaryIO) -> _Readable:
    try:
        zstandard = importlib.import_module("zstandard")
    except ImportError:
        raise UnreadableInput(
            "a zstd-compressed file: install zstandard (pip install zstandard) to read it,"
            " or decompress it first (zstd -d)"
        ) from None
    reader: _Readable = zstandard.ZstdDecompressor().stream_reader(file, closefd=True)
    return reader


_COMPRESSIONS: Final[tuple[tuple[bytes, str, Opener], ...]] = (
    (b"\x1f\x8b", "gzip", _gzip),
    (b"BZh", "bzip2", _bzip2),
    (b"\xfd7zXZ\x00", "xz", _xz),
    (b"\x28\xb5\x2f\xfd", "zstd", _zstd),
)

_NOT_DUMPS: Final = (
    (
        b"SQLite format 3\x00",
        "an SQLite database, not a dump (a faqparse catalog? dumps are merged into one with"
        " `faqparse merge DUMP... --into CATALOG`)",
    ),
    (b"PK\x03\x04", "a zip archive, not a dump: unzip it and give the dumps inside"),
    (b"PK\x05\x06", "an empty zip archive, not a dump"),
    (b"%PDF-", "a PDF document, not a dump: give the page's text, saved as plain text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a dump"),
    (b"\xff\xd8\xff", "a JPEG image, not a dump"),
    (b"GIF87a", "a GIF image, not a dump"),
    (b"GIF89a", "a GIF image, not a dump"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive, not a dump: extract it and give the dumps inside"),
)

_HTML: Final = regex.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!doctype\s+html|<html[\s>].*?<(?:head|body|meta|title|link|script)[\s>/])",
    regex.IGNORECASE | regex.DOTALL,
)
"""A doctype, or an ``html`` element with a head or body element after it: a dump whose first
title starts with ``<html>`` (an article about the tag) is still a dump."""
_HTML_MESSAGE: Final = (
    "an HTML page, not a dump: faqparse reads the page's text. Save the page as text instead"
    " (a browser's Save Page As with 'Text Files', or select the page and copy its text)"
)


def compression(head: bytes) -> tuple[str, Opener] | None:
    """The name and opener of the compression ``head`` starts with, if it is one."""
    for magic, name, opener in _COMPRESSIONS:
        if head.startswith(magic):
            return name, opener
    return None


def not_a_dump(head: bytes) -> str | None:
    """What a file that starts with ``head`` is, in words, when it cannot be a dump."""
    for magic, what in _NOT_DUMPS:
        if head.startswith(magic):
            return what
    if _HTML.match(head):
        return _HTML_MESSAGE
    return None


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """The file at ``path`` opened for reading, decompressed if it is compressed."""
    file = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
    try:
        return decompressed(file, os.fspath(path))
    except BaseException:
        file.close()
        raise


def decompressed(file: BinaryIO, name: str) -> BinaryIO:
    """``file`` itself, or a reader of its decompressed bytes when they are compressed.

    Only a file that can show its first bytes without consuming them (``peek``: files opened
    with ``open``, standard input's buffer) is looked at; another stream is read as it is.
    """
    peek = getattr(file, "peek", None)
    if peek is None:
        return file
    found = compression(peek(HEAD_BYTES)[:HEAD_BYTES])
    if found is None:
        return file
    kind, opener = found
    return io.BufferedReader(_Checked(opener(file), file, name, kind), 1 << 16)


def decompressed_bytes(data: bytes, name: str) -> bytes:
    """``data``, decompressed when it is compressed."""
    if compression(data[:HEAD_BYTES]) is None:
        return data
    with decompressed(io.BufferedReader(io.BytesIO(data)), name) as file:
        return file.read()


def read_input(path: str | os.PathLike[str]) -> bytes:
    """Every byte of the file at ``path``, decompressed if it is compressed."""
    with open_input(path) as file:
        return file.read()


_DAMAGE: Final = (EOFError, zlib.error, lzma.LZMAError, ValueError)
"""What the decompressors raise on data that is damaged or cut short (bz2: OSError or
ValueError; gzip: BadGzipFile, an OSError, or EOFError; xz: LZMAError; zstd: ZstdError, a
ValueError... in recent versions an Exception subclass, caught by name below)."""


class _Checked(io.RawIOBase):
    """A decompressing reader whose errors name the file and say what is wrong with it."""

    def __init__(self, inner: _Readable, file: BinaryIO, path: str, name: str) -> None:
        super().__init__()
        # The decompressors given a file object leave it open when they close.
        self._inner, self._file, self._path, self._name = inner, file, path, name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except UnreadableInput:
            raise
        except _DAMAGE as error:
            raise self._damaged(error) from error
        except OSError as error:
            raise self._damaged(error) from error
        except Exception as error:  # zstandard.ZstdError derives from Exception only
            if type(error).__name__ != "ZstdError":
                raise
            raise self._damaged(error) from error
        buffer[: len(data)] = data
        return len(data)

    def _damaged(self, error: BaseException) -> UnreadableInput:
        detail = str(error) or type(error).__name__
        return UnreadableInput(
            f"{self._path}: the {self._name} data is damaged or cut short ({detail})"
        )

    def close(self) -> None:
        if not self.closed:
            try:
                self._inner.close()
            finally:
                self._file.close()
        super().close()
