"""Where a run's diagnostics go: lines on standard error for people (all of them, errors only
with ``-q``, the first N with ``--max-diagnostics N``), or JSON for machines (``check
--format jsonl|json``); and the one-line summary that counts them all by code."""

from __future__ import annotations

from collections import Counter
from typing import Final, TextIO

from .._model import Diagnostic, Severity
from .._output.jsonl import JsonLines, Sink, stdlib_line

__all__ = ["MACHINE_FORMATS", "JsonDiagnostics", "Tally", "summary_line"]

MACHINE_FORMATS: Final = ("jsonl", "json")


class Tally:
    """Every diagnostic of a run counted by severity and code, printed or not."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[Severity, str]] = Counter()
        self.hidden = 0  # counted, not printed (-q, --max-diagnostics)

    def add(self, severity: Severity, code: str, count: int = 1) -> None:
        self.counts[severity, code] += count

    def summary(self) -> str | None:
        """``2 errors: 2 bad-date; 3 warnings: 2 missing-snippet, 1 incomplete-record``, most
        frequent code first, errors first; ``None`` when there was nothing."""
        parts = []
        for severity in (Severity.ERROR, Severity.WARNING):
            codes = sorted(
                ((code, n) for (s, code), n in self.counts.items() if s is severity),
                key=lambda item: (-item[1], item[0]),
            )
            if codes:
                total = sum(n for _, n in codes)
                noun = severity.value + ("" if total == 1 else "s")
                each = ", ".join(f"{n:,} {code}" for code, n in codes)
                parts.append(f"{total:,} {noun}: {each}")
        if not parts:
            return None
        hidden = f" ({self.hidden:,} not printed)" if self.hidden else ""
        return "; ".join(parts) + hidden


class JsonDiagnostics:
    """Diagnostics written as they come, as JSON Lines or as one JSON array, to a sink."""

    def __init__(self, out: Sink, fmt: str) -> None:
        # Only a run that asks for JSON pays for importing the JSON shapes.
        from .._rows import to_json  # noqa: PLC0415

        self._to_json = to_json
        self._out, self._array = out, fmt == "json"
        self._lines = None if self._array else JsonLines(out)
        self._count = 0

    def write(self, diagnostic: Diagnostic) -> None:
        row = self._to_json(diagnostic)
        if self._lines is not None:
            self._lines.write(row)
        else:
            self._out.write(b"[\n" if self._count == 0 else b",\n")
            self._out.write(stdlib_line(row))
        self._count += 1

    def close(self) -> None:
        if self._lines is not None:
            self._lines.flush()
        else:
            self._out.write(b"[]\n" if self._count == 0 else b"\n]\n")


def summary_line(tally: Tally, stderr: TextIO) -> None:
    said = tally.summary()
    if said is not None:
        stderr.write(f"faqparse: {said}\n")
