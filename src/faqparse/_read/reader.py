"""Reading one dump from start to end, given all at once or piece by piece.

`DumpReader` owns every piece of state a read needs: the UTF-8 decoder, the text not scanned
yet, the scan's `Collector`, the line counter that turns offsets into lines and columns, and
the digest. It is fed bytes (or text) with `feed` and finished with `close`; each returns the
records that became complete. ``parse`` is "feed everything, then close"; a stream feeds one
chunk at a time. Nothing outside it reads or moves its counters.
"""

from __future__ import annotations

import bisect
from collections import Counter
from datetime import date
from typing import Final

from .._codes import DiagnosticCode
from .._gcpause import paused_gc
from .._locales.vocabulary import ENGLISH, Vocabulary
from .._model import Diagnostic, Dump, Record, Severity
from .._scan.collector import Collector, Problem
from .._scan.grammar import grammar_for
from .._scan.loop import LOOKAHEAD, scan
from .captured import snapshot_time
from .decode import REPORT_LIMIT, Utf8Decoder
from .detect import detect
from .digest import BackgroundDigest
from .inputs import HEAD_BYTES, compression, not_a_dump
from .lines import LineCounter
from .sniff import encoding_hint

__all__ = ["DIAGNOSTICS_LIMIT", "MAX_PENDING", "TEXT_LIMIT", "DumpReader"]

MAX_PENDING: Final = 4 << 20
"""A stream holds at most this many characters waiting for a label before giving up on them.

Four bytes a character at worst (CPython stores a text with an emoji so), with the copies a
read makes: this keeps a stream under 64 MiB on any input."""
TEXT_LIMIT: Final = 4096
"""A diagnostic keeps at most this many characters of the text it is about (its span: all)."""
DIAGNOSTICS_LIMIT: Final = 10_000
"""A stream keeps at most this many diagnostics not yet taken; the rest are only counted."""

_DIGEST_SLICE: Final = 1 << 20


class DumpReader:
    """The records and diagnostics of one dump, fed to it in pieces of bytes or of text.

    ``max_pending`` bounds the text kept while no label turns up; past it, the text is skipped
    with an ``unexpected-text`` warning. ``None`` keeps all the text until `close` and reads it
    in one pass then: for a text that is in memory anyway (``parse``). After `close`,
    ``digest`` is the SHA-256 of the bytes (or of the text as UTF-8).
    """

    def __init__(
        self,
        source: str,
        vocabulary: Vocabulary | None,
        *,
        max_pending: int | None = MAX_PENDING,
    ) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.diagnostics_dropped = 0
        # The dropped ones by code and severity, so that a reader can say what it missed.
        self.dropped_codes: Counter[tuple[str, Severity]] = Counter()
        self.digest: str | None = None
        # Without a vocabulary, the first text scanned decides the locale (`_detect`): the
        # whole text for a parse, the first chunks (past the lookahead) for a stream.
        self._collector = None if vocabulary is None else Collector(grammar_for(vocabulary), source)
        self._unknown_locale = False
        self._decoder = Utf8Decoder()
        self._hasher = BackgroundDigest()
        self._head = b""  # the first bytes, to say what a file that is not UTF-8 looks like
        # What the first bytes say the input is when it cannot be a dump (an SQLite file, an
        # HTML page...), decided at the first scan: ``""`` for a dump.
        self._not_a_dump: str | None = None
        self._lines = LineCounter()
        self._max_pending = max_pending
        self._buffer = ""
        self._base = 0  # offset of the buffer in the whole text
        self._resume = 0  # where in the buffer the next scan starts
        self._waiting: list[Problem] = []  # problems past the text located so far

    @property
    def header(self) -> list[str]:
        """The tab labels seen so far, in order of first appearance."""
        return [] if self._collector is None else list(self._collector.header)

    @property
    def locale(self) -> str:
        """The tag of the vocabulary the dump is read with (decided by the first scan)."""
        return (
            ENGLISH.locale if self._collector is None else self._collector.grammar.vocabulary.locale
        )

    @property
    def kind(self) -> str:
        """``"section"`` once the first record showed a section page, else ``"search"``."""
        return "search" if self._collector is None else self._collector.kind or "search"

    def feed(self, data: bytes | str) -> list[Record]:
        """Read more of the dump; returns the records completed by it."""
        if isinstance(data, str):
            for start in range(0, len(data), _DIGEST_SLICE):  # no second copy of a large text
                self._hasher.update(
                    data[start : start + _DIGEST_SLICE].encode("utf-8", "surrogatepass")
                )
            text = data
            if not self._head:
                self._head = data[:HEAD_BYTES].encode("utf-8", "surrogatepass")
        else:
            self._hasher.update(data)
            if len(self._head) < HEAD_BYTES:
                self._head += data[: HEAD_BYTES - len(self._head)]
            if self._not_a_dump:
                return []  # only its digest is wanted now: no text of it will be read
            text = self._decoder.decode(data, final=False)
        self._buffer = self._buffer + text if self._buffer else text
        if self._max_pending is None:
            return []
        return self._scan(final=False)

    def close(self) -> list[Record]:
        """Read what is left: the end of the dump. Returns the last records."""
        self._buffer += self._decoder.decode(b"", final=True)
        records = self._scan(final=True)
        self.digest = self._hasher.hexdigest()
        return records

    def next_read(self, chunk_bytes: int) -> int:
        """How many bytes a stream should read next.

        Text still waiting for a label is scanned again after each read: past a chunk, reading
        as much again as waits keeps that linear, up to where it is given up on.
        """
        waiting = len(self._buffer)
        if waiting <= chunk_bytes or self._max_pending is None:
            return chunk_bytes
        return max(chunk_bytes, min(waiting, self._max_pending + 1 - waiting))

    def release(self) -> None:
        """Let go of what an unfinished read holds (the digest's thread)."""
        self._hasher.close()

    def dump(self, records: list[Record], captured: date | None) -> Dump:
        """The closed dump as a whole, given all the records it returned."""
        when, captured_from = snapshot_time(captured, self.source, records)
        return Dump(
            source=self.source,
            records=tuple(records),
            header=tuple(self.header),
            diagnostics=tuple(self.diagnostics),
            digest=self.digest or "",
            captured=when,
            captured_from=captured_from,
            locale=self.locale,
            kind=self.kind,
        )

    def _scan(self, *, final: bool) -> list[Record]:
        buffer, base, start = self._buffer, self._base, self._resume
        if not final and len(buffer) - start <= LOOKAHEAD:
            return []  # nothing could be read yet: a label near the end waits for more text
        if self._not_a_dump is None:  # the first scan: the head is in (HEAD_BYTES < LOOKAHEAD)
            self._not_a_dump = not_a_dump(self._head) or _compressed(self._head)
        if self._not_a_dump:
            return self._refuse(final=final)
        collector = self._collector or self._detect(buffer)
        collector.move_to(base)
        with paused_gc():
            consumed = scan(buffer, start, len(buffer), collector, final=final)
        waiting = self._waiting
        waiting += self._decoding_problems()
        if not final and consumed == start:
            consumed = self._give_up(buffer, base, start)
        held = collector.held
        if held is not None and (final or self._waited_too_long(base + consumed - held)):
            collector.settle()
            held = None
        waiting += collector.take_problems()
        if final and not collector.found_any:
            hint = encoding_hint(self._head)
            waiting.append(
                _no_records(base + len(buffer), known=not self._unknown_locale, hint=hint)
            )
        # Diagnostics are located in order, so none past a problem still waiting for evidence;
        # its text stays in the buffer until then.
        done = base + consumed if held is None else min(base + consumed, held)
        ready = [p for p in waiting if final or p.start < done]
        self._waiting = [p for p in waiting if not (final or p.start < done)]
        records = collector.records
        self._locate(ready, records)
        if not final:  # past the last diagnostic, counting the lines to the end is wasted
            offset, line, column = collector.counted
            if offset <= done:
                self._lines.skip(offset, line, column)
            else:
                _skip_to_record(self._lines, records, [r.span[0] for r in records], done)
            self._lines.advance(buffer, base, done)
        keep = done - base
        self._buffer, self._base, self._resume = buffer[keep:], done, consumed - keep
        return collector.take_records()

    def _refuse(self, *, final: bool) -> list[Record]:
        """An input that cannot be a dump: one ``no-records`` error saying what it is, rather
        than a warning for every byte that is not UTF-8 and records read out of markup."""
        self._buffer = ""
        self._decoder.take_invalid()
        self._decoder.take_overflow()
        if final:
            problem = Problem(
                DiagnosticCode.NO_RECORDS,
                Severity.ERROR,
                f"not a search dump: {self._not_a_dump}",
                0,
                0,
            )
            self._locate([problem], [])
        return []

    def _detect(self, text: str) -> Collector:
        vocabulary = detect(text)
        self._unknown_locale = vocabulary is None
        self._collector = Collector(grammar_for(vocabulary or ENGLISH), self.source)
        return self._collector

    def _waited_too_long(self, waited: int) -> bool:
        return self._max_pending is not None and waited > self._max_pending

    def _give_up(self, buffer: str, base: int, start: int) -> int:
        """Skip a long text with no label in it, keeping the last of it for a label to start in."""
        if self._max_pending is None or len(buffer) - start <= self._max_pending:
            return start
        consumed = len(buffer) - LOOKAHEAD
        self._waiting.append(
            Problem(
                DiagnosticCode.UNEXPECTED_TEXT,
                Severity.WARNING,
                f"{consumed - start:,} characters without a single label: skipped",
                base + start,
                base + consumed,
                buffer[start : start + TEXT_LIMIT],
            )
        )
        return consumed

    def _decoding_problems(self) -> list[Problem]:
        """Diagnostics for the invalid bytes decoded since the last call."""
        problems = [
            Problem(
                DiagnosticCode.INVALID_ENCODING,
                Severity.WARNING,
                f"invalid UTF-8 {bad.data.hex(' ')} at byte offset {bad.byte_offset}:"
                " read as U+FFFD",
                bad.char_offset,
                bad.char_offset + 1,
            )
            for bad in self._decoder.take_invalid()
        ]
        overflow = self._decoder.take_overflow()
        if overflow is not None:
            message = (
                f"more invalid UTF-8 follows (only the first {REPORT_LIMIT} are listed);"
                " each was read as U+FFFD"
            )
            problems.append(
                Problem(
                    DiagnosticCode.INVALID_ENCODING, Severity.WARNING, message, overflow, overflow
                )
            )
        return problems

    def _locate(self, problems: list[Problem], records: list[Record]) -> None:
        """Diagnostics for ``problems``, placed with the line count; ``records`` (this scan's,
        whose lines the scan counted) spare it counting their lines again."""
        lines, buffer, base = self._lines, self._buffer, self._base
        problems = sorted(problems, key=lambda p: p.start)
        if self._max_pending is not None:  # a stream: bounded, whatever the input
            room = max(DIAGNOSTICS_LIMIT - len(self.diagnostics), 0)
            self.diagnostics_dropped += max(len(problems) - room, 0)
            self.dropped_codes.update((p.code, p.severity) for p in problems[room:])
            del problems[room:]
        starts = [record.span[0] for record in records] if problems else []
        for problem in problems:
            if problem.start == 0:
                line, column = 1, 1  # e.g. no-records, found at the end of a stream
            else:
                _skip_to_record(lines, records, starts, problem.start)
                line, column = lines.advance(buffer, base, max(problem.start, lines.offset))
            self.diagnostics.append(
                Diagnostic(
                    code=problem.code,
                    severity=problem.severity,
                    message=problem.message,
                    source=self.source,
                    line=line,
                    column=column,
                    span=(problem.start, problem.end),
                    text=problem.text[:TEXT_LIMIT],
                )
            )


def _skip_to_record(
    lines: LineCounter, records: list[Record], starts: list[int], offset: int
) -> None:
    """Move ``lines`` to the last record starting at or before ``offset``, if that is ahead:
    the scan counted its line and column already (``starts`` are the records' offsets)."""
    at = bisect.bisect_right(starts, offset) - 1
    if at >= 0:
        record = records[at]
        if record.line is not None and record.column is not None:
            lines.skip(starts[at], record.line, record.column)


def _compressed(head: bytes) -> str:
    """What to say of compressed bytes that reached the reader undecompressed (a stream that
    cannot show its first bytes without consuming them); ``""`` for other bytes."""
    found = compression(head)
    if found is None:
        return ""
    return f"{found[0]}-compressed data, not decompressed: give its path, or decompress it first"


def _no_records(length: int, *, known: bool, hint: str) -> Problem:
    if length == 0:
        what = "it is empty"
    elif known:
        what = "no published label is followed by a record"
    else:
        what = "no known locale's labels were found (see faqparse.VOCABULARIES)"
    return Problem(
        DiagnosticCode.NO_RECORDS, Severity.ERROR, f"not a search dump: {what}{hint}", 0, length
    )
