"""Finding records in decoded text: the grammar of ``docs/format.md`` as a short loop.

One pass of the metadata pattern finds every ``Published on`` label. The text before a label
is a *region* (`_region`), the text from it the *metadata* (`_meta`). The common record is read
by `_fastpath.PlainReader`; anything else, and every record when tokens are wanted, by
`read_record`, which implements the whole grammar. Everything found goes to a `Collector`.

Nothing here raises on text: problems are collected, and turned into diagnostics with line
and column by the owner of the scan, who knows where the text sits in the input.
"""

from __future__ import annotations

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector
from .meta import LOOKAHEAD, read_meta
from .plain import PlainReader
from .region import read_region, read_tail, region_record

__all__ = ["LOOKAHEAD", "read_record", "scan"]


def scan(text: str, start: int, end: int, out: Collector, *, final: bool) -> int:
    """Read the records in ``text[start:end]``; return where the unread text begins.

    Unless ``final``, a label near ``end`` is left for the next call, as its metadata may
    continue in text not read yet; with ``final``, ``end`` is the end of the input.
    """
    grammar = out.grammar
    # Tokens come from the full grammar only.
    read_plain = PlainReader(out).read if out.spans is None else None
    limit = end if final else end - LOOKAHEAD
    if out.base + start == 0 and text.startswith("\ufeff"):
        start += 1  # a byte-order mark: character 0, white space to the grammar
    off_case = grammar.off_case.search(text, start, end) is not None
    out.begin(text)
    pos = start
    for match in (grammar.meta if off_case else grammar.fast_meta).finditer(text, start, end):
        label = match.start()
        if label >= limit:
            break
        if label < pos:
            continue  # inside metadata the full reader already consumed
        if read_plain is not None and read_plain(text, pos, match):
            pos = match.end()
        else:
            pos = read_record(text, pos, label, end, out, final=final)
    if final:
        read_tail(text, pos, end, out)
        pos = end
    out.locate(text, pos)  # the text before ``pos`` is done with
    return pos


def read_record(text: str, start: int, label: int, end: int, out: Collector, *, final: bool) -> int:
    """The record whose region is ``text[start:label]``; returns where its metadata ends."""
    title, snippet = read_region(text, start, label, out)
    meta = read_meta(text, label, end, out, final=final)
    first = title[0] if title[0] < title[1] else snippet[0] if snippet[0] < snippet[1] else label
    published = meta.published
    if published.value is None:
        out.drop()
        seen = text[first : meta.end]
        if published.cut:
            message = "the dump ends inside this record's published date"
            out.problem(
                DiagnosticCode.INCOMPLETE_RECORD, Severity.WARNING, message, first, meta.end, seen
            )
        else:
            why = out.grammar.dates.why_unreadable(text[published.start : published.end])
            message = f"unreadable published date: {why}; record left out"
            out.problem(
                DiagnosticCode.BAD_DATE,
                Severity.ERROR,
                message,
                published.start,
                published.end,
                seen,
            )
        return meta.end
    updated = None if meta.updated is None else meta.updated.value
    region_record(
        text, title, snippet, published.value, updated, meta.category, meta.views, meta.end, out
    )
    return meta.end
