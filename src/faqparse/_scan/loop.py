"""Finding records in decoded text: the grammar of ``docs/format.md`` as a short loop.

One pass of the metadata pattern (`grammar`) finds every ``Published on`` label. The text
before a label is a *region* (`region`: title and snippet; `pages`: header and pagination
lines, stray text), the text from it the *metadata* (`meta`: labels and dates; `tags`; `views`).
`scan` reads every record, the common one and the odd one alike, with the same readers: each
takes the common case first. ``parse``, ``iter_records`` and ``tokenize`` all run this code, the
last with token spans collected. Everything found goes to a `Collector`.

Nothing here raises on text: problems are collected, and turned into diagnostics with line
and column by the owner of the scan, who knows where the text sits in the input.
"""

from __future__ import annotations

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector
from .meta import LOOKAHEAD, Meta, read_meta
from .pages import read_tail
from .region import Region, read_region, region_record

__all__ = ["LOOKAHEAD", "left_out", "scan"]


def scan(text: str, start: int, end: int, out: Collector, *, final: bool) -> int:
    """Read the records in ``text[start:end]``; return where the unread text begins.

    Unless ``final``, a label near ``end`` is left for the next call, as its metadata may
    continue in text not read yet; with ``final``, ``end`` is the end of the input.
    """
    grammar = out.grammar
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
            continue  # inside metadata the record before consumed
        # A record: the region before its label, then its metadata, which says where it
        # ends. Read here, not in a function of its own: a call per record costs 3% of a scan.
        region = read_region(text, pos, label, out)
        meta = read_meta(text, match, end, out, final)
        if meta[0] is not None:
            region_record(text, region, meta, out)
        else:
            left_out(text, region, meta, label, out)
        pos = meta[4]
    if final:
        read_tail(text, pos, end, out)
        pos = end
    out.lines.advance(text, out.base, out.base + pos)  # the text before ``pos`` is done with
    return pos


def left_out(text: str, region: Region, meta: Meta, label: int, out: Collector) -> None:
    """A record whose published date cannot be read: reported, not kept."""
    title, snippet, title_start, snippet_start, _ = region
    unread, stop = meta[5], meta[4]
    assert unread is not None  # an unreadable published date is handed back
    out.drop()
    first = title_start if title else snippet_start if snippet else label
    seen = text[first:stop]
    if unread.cut:
        message = "the dump ends inside this record's published date"
        out.problem(DiagnosticCode.INCOMPLETE_RECORD, Severity.WARNING, message, first, stop, seen)
    else:
        why = out.grammar.dates.why_unreadable(text[unread.start : unread.end])
        message = f"unreadable published date: {why}; record left out"
        out.problem(
            DiagnosticCode.BAD_DATE, Severity.ERROR, message, unread.start, unread.end, seen
        )
