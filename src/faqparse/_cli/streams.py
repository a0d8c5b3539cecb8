"""One input of `parse` and `check` read as a stream, its diagnostics handed on as found.

A stream's diagnostics wait in a list until someone takes them, and a stream keeps at most
10,000 of them (the rest only counted). Taking them after each record is not enough: a
stretch with no record in it (records left out for bad dates, text without labels, an
endless ``/dev/zero``) would hold them, then drop them. So they are also taken before each
read of the input, and on the way out, an interruption too.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

from .._locales.vocabulary import Vocabulary
from .._model import Diagnostic, Record, Severity
from .._read import reader as _reader
from .._read.api import CHUNK_BYTES, RecordStream, iter_records
from .._read.inputs import decompressed

__all__ = ["dropped_line", "stream_records"]

Report = Callable[[list[Diagnostic]], object]
"""Takes diagnostics found so far (the list is cleared afterwards)."""


class _Draining:
    """A binary file whose every read is preceded by handing on the diagnostics so far, and
    followed by counting its bytes (for a progress bar).

    For a compressed file the bytes counted are those of the file as stored (``stored``,
    where it stands in it), which a progress bar measures against the file's size: the
    bytes decompressed would run past it."""

    def __init__(
        self,
        file: BinaryIO,
        drain: Callable[[], None],
        counted: Callable[[int], object],
        stored: BinaryIO | None = None,
    ) -> None:
        self._file, self._drain, self._counted = file, drain, counted
        self._stored = stored
        self._at = 0

    def read(self, size: int = -1, /) -> bytes:
        self._drain()
        data = self._file.read(size)
        if self._stored is None:
            self._counted(len(data))
        else:
            at = self._stored.tell()
            self._counted(at - self._at)
            self._at = at
        return data


def _seekable(file: BinaryIO) -> bool:
    try:
        return file.seekable()
    except (OSError, ValueError):
        return False


def stream_records(
    file: str | BinaryIO,
    name: str,
    vocabulary: Vocabulary | None,
    report: Report,
    dropped: Callable[[str, Counter[tuple[str, Severity]]], object],
    *,
    chunk_bytes: int = CHUNK_BYTES,
    counted: Callable[[int], object] = lambda count: None,
) -> Iterator[Record]:
    """The records of one input (a path, or a binary stream), its diagnostics given to
    ``report`` as soon as they are found; those the stream had to drop, counted by code and
    severity, to ``dropped`` with ``name`` at the end (not at all when none were). Reads of
    ``chunk_bytes`` (more than a stream holds diagnostics for only in a large read); the bytes of
    each read are given to ``counted``."""
    stream: RecordStream | None = None

    def drain() -> None:
        if stream is not None and stream.diagnostics:
            report(stream.diagnostics)
            stream.diagnostics.clear()

    with contextlib.ExitStack() as files:
        raw: BinaryIO
        if isinstance(file, str):
            raw = files.enter_context(open(file, "rb"))
            binary = files.enter_context(decompressed(raw, file))
        else:
            raw = file
            binary = decompressed(file, name)
        stored = raw if binary is not raw and _seekable(raw) else None
        draining = cast("BinaryIO", _Draining(binary, drain, counted, stored))
        stream = iter_records(draining, source=name, vocabulary=vocabulary, chunk_bytes=chunk_bytes)
        try:
            for record in stream:
                drain()
                yield record
        finally:
            drain()
            if stream.diagnostics_dropped:
                dropped(name, stream.dropped_codes)


def dropped_line(name: str, codes: Counter[tuple[str, Severity]]) -> str:
    """What the command prints for diagnostics a stream could not keep."""
    total = sum(codes.values())
    each = ", ".join(
        f"{count:,} {severity.value} {code}" for (code, severity), count in sorted(codes.items())
    )
    return (
        f"faqparse: {name}: {total:,} more diagnostics were found but not printed (a stream"
        f" holds {_reader.DIAGNOSTICS_LIMIT:,} at once): {each}\n"
    )
