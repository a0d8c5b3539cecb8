"""Checks of the public functions' arguments, made at the call, before any work or state.

A wrong type raises `TypeError` naming the function and the argument, instead of failing
somewhere inside (or, worse, being accepted and breaking a catalog later).
"""

from __future__ import annotations

import io
import os
from datetime import date
from typing import Final

from .._locales.vocabulary import Vocabulary

__all__ = ["check_iter_records", "check_parse", "check_parse_file", "check_tokenize"]


def check_parse(text: object, source: object, vocabulary: object, captured: object) -> None:
    _check_text("parse", text, binary=True)
    _check_options("parse", source=source, vocabulary=vocabulary, captured=captured)


def check_parse_file(path: object, source: object, vocabulary: object, captured: object) -> None:
    _check_file("parse_file", path, streams=False)
    _check_options("parse_file", source=source, vocabulary=vocabulary, captured=captured)


def check_iter_records(
    file: object, source: object, vocabulary: object, chunk_bytes: object
) -> None:
    _check_file("iter_records", file, streams=True)
    _check_options("iter_records", source=source, vocabulary=vocabulary, chunk_bytes=chunk_bytes)


def check_tokenize(text: object, vocabulary: object) -> None:
    _check_text("tokenize", text, binary=False)
    _check_options("tokenize", vocabulary=vocabulary)


def _check_text(function: str, text: object, *, binary: bool) -> None:
    kinds = (str, bytes, bytearray, memoryview) if binary else (str,)
    if not isinstance(text, kinds):
        expected = "str or bytes" if binary else "str"
        hint = " (parse_file reads a path)" if isinstance(text, os.PathLike) else ""
        raise TypeError(f"{function}() argument 'text' must be {expected}, not {_kind(text)}{hint}")


def _check_file(function: str, file: object, *, streams: bool) -> None:
    """A path, or (with ``streams``) a binary stream opened by the caller."""
    if isinstance(file, str | os.PathLike):
        return
    expected = "a path or a binary stream" if streams else "a path (str or os.PathLike)"
    if streams and isinstance(file, io.TextIOBase):
        raise TypeError(
            f"{function}() reads bytes, and {_kind(file)} is a text stream: open the file"
            " in binary mode ('rb'), pass its path, or use sys.stdin.buffer for stdin"
        )
    if not streams or not callable(getattr(file, "read", None)):
        name = "file" if streams else "path"
        raise TypeError(f"{function}() argument '{name}' must be {expected}, not {_kind(file)}")


MAX_CHUNK_BYTES: Final = 64 << 20
"""The most `iter_records` reads at once (a read allocates all of it first)."""
_ABSENT: Final = object()
"""An option the function does not take."""


def _check_options(
    function: str,
    *,
    source: object = _ABSENT,
    vocabulary: object = _ABSENT,
    captured: object = None,
    chunk_bytes: object = 1,
) -> None:
    """The options the parse functions share; ``source`` may be None where it is optional."""
    optional_source = function != "parse"
    if source is not _ABSENT and not (
        isinstance(source, str) or (source is None and optional_source)
    ):
        expected = "str or None" if optional_source else "str"
        raise TypeError(f"{function}() argument 'source' must be {expected}, not {_kind(source)}")
    if vocabulary not in (_ABSENT, None) and not isinstance(vocabulary, Vocabulary):
        hint = (
            " (faqparse.VOCABULARIES maps locale tags to them)"
            if isinstance(vocabulary, str)
            else ""
        )
        raise TypeError(
            f"{function}() argument 'vocabulary' must be a faqparse.Vocabulary or None"
            f" (None detects the locale), not {_kind(vocabulary)}{hint}"
        )
    if captured is not None and not isinstance(captured, date):
        hint = " (read it with date.fromisoformat)" if isinstance(captured, str) else ""
        raise TypeError(
            f"{function}() argument 'captured' must be a date, a datetime or None,"
            f" not {_kind(captured)}{hint}"
        )
    if not isinstance(chunk_bytes, int) or isinstance(chunk_bytes, bool):
        raise TypeError(
            f"{function}() argument 'chunk_bytes' must be int, not {_kind(chunk_bytes)}"
        )
    if chunk_bytes > MAX_CHUNK_BYTES:  # read at once: past memory, a bare MemoryError
        raise ValueError(
            f"{function}() argument 'chunk_bytes' must be at most {MAX_CHUNK_BYTES:,} (64 MiB),"
            f" not {chunk_bytes:,}"
        )


def _kind(value: object) -> str:
    return type(value).__name__
