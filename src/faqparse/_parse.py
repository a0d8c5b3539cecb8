"""The parse entry points: text or bytes to a `Dump`, a file to a stream of records, tokens."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO, Final

from ._arguments import check_iter_records, check_parse, check_parse_file, check_tokenize
from ._captured import snapshot_time
from ._decode import REPORT_LIMIT, Utf8Decoder
from ._digest import BackgroundDigest
from ._grammar import grammar_for
from ._model import Diagnostic, Dump, Record, Severity
from ._position import LineCounter
from ._scanner import LOOKAHEAD, Problem, Scanner
from ._sniff import HEAD_BYTES, encoding_hint
from ._tokens import Token, TokenKind
from ._vocabulary import ENGLISH, Vocabulary

__all__ = ["RecordStream", "iter_records", "parse", "parse_file", "tokenize"]

CHUNK_BYTES: Final = 64 << 10
"""Bytes read at a time: the fastest of 16 KiB to 1 MiB measured (0.52 s against 0.68 s)."""
MAX_PENDING: Final = 4 << 20
"""A stream holds at most this many characters waiting for a label before giving up on them.

Four bytes a character at worst (CPython stores a text with an emoji so), with the copies a
read makes: this keeps a stream under 64 MiB on any input."""
TEXT_LIMIT: Final = 4096
"""A diagnostic keeps at most this many characters of the text it is about (its span: all)."""
DIAGNOSTICS_LIMIT: Final = 10_000
"""A stream keeps at most this many diagnostics not yet taken; the rest are only counted."""


def parse(
    text: str | bytes,
    source: str = "<string>",
    *,
    vocabulary: Vocabulary = ENGLISH,
    captured: date | None = None,
) -> Dump:
    """Parse a whole dump. Bytes are decoded as UTF-8 (bad bytes become U+FFFD, reported)."""
    check_parse(text, source, vocabulary, captured)
    if isinstance(text, bytes | bytearray | memoryview):
        data = bytes(text)
        decoder = Utf8Decoder()
        text = decoder.decode(data, final=True)
        digest = hashlib.sha256(data).hexdigest()
        hint = encoding_hint(data[:HEAD_BYTES])
    else:
        decoder = None
        digest = _text_digest(text)
        hint = ""
    scanner = Scanner(grammar_for(vocabulary), source)
    with _gc_paused():
        scanner.scan(text, 0, len(text), final=True)
    problems = (
        _decoding_problems(decoder) + scanner.problems + _closing_problems(scanner, len(text), hint)
    )
    diagnostics = _locate(problems, text, 0, LineCounter(), source)
    return _dump(scanner, diagnostics, digest, captured)


def parse_file(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    vocabulary: Vocabulary = ENGLISH,
    captured: date | None = None,
) -> Dump:
    """Parse the dump stored at ``path``. ``OSError`` if it cannot be read."""
    check_parse_file(path, source, vocabulary, captured)
    with open(path, "rb") as file:
        data = file.read()
    return parse(
        data,
        os.fspath(path) if source is None else source,
        vocabulary=vocabulary,
        captured=captured,
    )


def tokenize(text: str, *, vocabulary: Vocabulary = ENGLISH) -> list[Token]:
    """The lossless token stream: the tokens' texts joined give ``text`` back exactly."""
    check_tokenize(text, vocabulary)
    scanner = Scanner(grammar_for(vocabulary), "<string>", tokens=True)
    scanner.scan(text, 0, len(text), final=True)
    assert scanner.spans is not None
    tokens: list[Token] = []
    pos = 0
    for kind, start, end in sorted(scanner.spans, key=lambda span: span[1]):
        if start < pos:
            continue  # never happens on a correct grammar; the tiling must hold regardless
        tokens.extend(_gap_tokens(text, pos, start))
        tokens.append(Token(kind, text[start:end], (start, end)))
        pos = end
    tokens.extend(_gap_tokens(text, pos, len(text)))
    return tokens


class RecordStream(Iterator[Record]):
    """Records of a file read piece by piece, in bounded memory.

    Iterate over it for the records. ``diagnostics`` grows as the stream is read and is
    complete once the stream is exhausted; ``header`` and ``digest`` are complete then too.
    """

    def __init__(self, records: Iterator[Record], source: str) -> None:
        self._records = records
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.diagnostics_dropped = 0
        self.header: list[str] = []
        self.digest: str | None = None

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> Record:
        return next(self._records)


def iter_records(
    file: str | os.PathLike[str] | BinaryIO,
    *,
    source: str | None = None,
    vocabulary: Vocabulary = ENGLISH,
    chunk_bytes: int = CHUNK_BYTES,
) -> RecordStream:
    """Stream the records of a dump file (a path, or a binary stream opened by the caller)."""
    check_iter_records(file, source, vocabulary, chunk_bytes)
    if source is None:
        source = (
            os.fspath(file)
            if isinstance(file, str | os.PathLike)
            else getattr(file, "name", "<stream>")
        )
        source = source if isinstance(source, str) else "<stream>"
    stream = RecordStream(iter(()), source)
    stream._records = _stream(file, stream, vocabulary, max(chunk_bytes, 1))
    return stream


def _stream(
    file: str | os.PathLike[str] | BinaryIO,
    stream: RecordStream,
    vocabulary: Vocabulary,
    chunk_bytes: int,
) -> Iterator[Record]:
    with contextlib.ExitStack() as stack:
        binary: BinaryIO = (
            stack.enter_context(open(file, "rb")) if isinstance(file, str | os.PathLike) else file
        )
        scanner = Scanner(grammar_for(vocabulary), stream.source)
        decoder, lines, digest = Utf8Decoder(), LineCounter(), BackgroundDigest()
        stack.callback(digest.close)
        buffer, base, waiting = "", 0, list[Problem]()
        size, head = chunk_bytes, b""
        while True:
            data = binary.read(size)
            final = not data
            head += data[: HEAD_BYTES - len(head)]
            digest.update(data)
            buffer += decoder.decode(data, final=final)
            scanner.base = base
            with _gc_paused():
                consumed = scanner.scan(buffer, 0, len(buffer), final=final)
            if not final and consumed == 0 and len(buffer) > MAX_PENDING:
                consumed = len(buffer) - LOOKAHEAD
                scanner.problems.append(
                    Problem(
                        "unexpected-text",
                        Severity.WARNING,
                        f"{consumed:,} characters without a single label: skipped",
                        base,
                        base + consumed,
                        buffer[:TEXT_LIMIT],
                    )
                )
            waiting += _decoding_problems(decoder) + scanner.problems
            if final:
                waiting += _closing_problems(scanner, base + len(buffer), encoding_hint(head))
            scanner.problems = []
            ready = [p for p in waiting if final or p.start < base + consumed]
            waiting = [p for p in waiting if not (final or p.start < base + consumed)]
            stream.diagnostics += _locate(ready, buffer, base, lines, stream.source)
            if len(stream.diagnostics) > DIAGNOSTICS_LIMIT:
                stream.diagnostics_dropped += len(stream.diagnostics) - DIAGNOSTICS_LIMIT
                del stream.diagnostics[DIAGNOSTICS_LIMIT:]
            stream.header[:] = scanner.header
            lines.advance(buffer, base, base + consumed)
            scanner.cleared += len(scanner.records)
            records, scanner.records = scanner.records, []
            yield from records
            if final:
                break
            buffer, base = buffer[consumed:], base + consumed
            # Text still waiting for a label is scanned again after each read: past a chunk,
            # reading as much again as waits keeps that linear, up to where it is given up on.
            grow = len(buffer) > CHUNK_BYTES
            size = (
                max(chunk_bytes, min(len(buffer), MAX_PENDING + 1 - len(buffer)))
                if grow
                else chunk_bytes
            )
        stream.digest = digest.hexdigest()


def _text_digest(text: str) -> str:
    """SHA-256 of the text as UTF-8, a slice at a time: no second copy of a large text."""
    hasher = hashlib.sha256()
    for start in range(0, len(text), CHUNK_BYTES):
        hasher.update(text[start : start + CHUNK_BYTES].encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def _dump(
    scanner: Scanner, diagnostics: list[Diagnostic], digest: str, captured: date | None
) -> Dump:
    when, captured_from = snapshot_time(captured, scanner.source, scanner.records)
    return Dump(
        source=scanner.source,
        records=tuple(scanner.records),
        header=tuple(scanner.header),
        diagnostics=tuple(diagnostics),
        digest=digest,
        captured=when,
        captured_from=captured_from,
    )


def _decoding_problems(decoder: Utf8Decoder | None) -> list[Problem]:
    """Diagnostics for the invalid bytes decoded since the last call."""
    if decoder is None:
        return []
    problems = [
        Problem(
            "invalid-encoding",
            Severity.WARNING,
            f"invalid UTF-8 {bad.data.hex(' ')} at byte offset {bad.byte_offset}: read as U+FFFD",
            bad.char_offset,
            bad.char_offset + 1,
        )
        for bad in decoder.invalid[decoder.reported :]
    ]
    decoder.reported = len(decoder.invalid)
    if decoder.more_invalid and not decoder.summarized:
        decoder.summarized = True
        last = decoder.invalid[-1].char_offset + 1
        problems.append(
            Problem(
                "invalid-encoding",
                Severity.WARNING,
                f"more invalid UTF-8 follows (only the first {REPORT_LIMIT} are listed);"
                " each was read as U+FFFD",
                last,
                last,
            )
        )
    return problems


def _closing_problems(scanner: Scanner, length: int, hint: str = "") -> list[Problem]:
    if scanner.records or scanner.cleared or scanner.dropped:
        return []
    what = "it is empty" if length == 0 else "no 'Published on' label is followed by a record"
    return [Problem("no-records", Severity.ERROR, f"not a search dump: {what}{hint}", 0, length)]


def _locate(
    problems: list[Problem], text: str, base: int, lines: LineCounter, source: str
) -> list[Diagnostic]:
    diagnostics = []
    for problem in sorted(problems, key=lambda p: p.start):
        if problem.start == 0:
            line, column = 1, 1  # e.g. no-records, found at the end of a stream
        else:
            line, column = lines.advance(text, base, max(problem.start, lines.offset))
        diagnostics.append(
            Diagnostic(
                problem.code,
                problem.severity,
                problem.message,
                source,
                line,
                column,
                (problem.start, problem.end),
                problem.text[:TEXT_LIMIT],
            )
        )
    return diagnostics


def _gap_tokens(text: str, start: int, end: int) -> Iterator[Token]:
    """Between the tokens the grammar names there is only white space and line breaks."""
    pos = start
    while pos < end:
        char = text[pos]
        if char in "\r\n":
            stop = pos + 2 if text.startswith("\r\n", pos) and pos + 2 <= end else pos + 1
            kind = TokenKind.NEWLINE
        else:
            stop = pos
            while (
                stop < end
                and text[stop] not in "\r\n"
                and (text[stop].isspace() or text[stop] == "\ufeff")
            ):
                stop += 1
            kind = TokenKind.WHITESPACE
            if stop == pos:
                while stop < end and not (text[stop].isspace() or text[stop] == "\ufeff"):
                    stop += 1
                kind = TokenKind.UNPARSED
        yield Token(kind, text[pos:stop], (pos, stop))
        pos = stop


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Records hold no reference cycles; pausing the cycle collector halves their cost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
