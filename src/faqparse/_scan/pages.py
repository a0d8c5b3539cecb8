"""Header and pagination lines, page breaks and stray text: the lines that are no record's.

Every rule about a line that is not a title or snippet lives here: which line is a tab label
(`is_tab`) or a pagination line (`is_trailer`) and may stand where a title is expected, where
a new page's header block starts inside a region, and what text no record holds.
"""

from __future__ import annotations

from .._codes import DiagnosticCode
from .._model import Severity, Span
from .collector import Collector
from .grammar import Grammar
from .tokens import TokenKind

__all__ = [
    "Lines",
    "excerpt",
    "is_header",
    "is_tab",
    "is_trailer",
    "read_tail",
    "skip_pages",
    "split_lines",
    "strip",
]

Lines = list[Span]


def read_tail(text: str, start: int, end: int, out: Collector) -> None:
    """What follows the last record: header lines, blank lines, or a record cut off."""
    lines = split_lines(text, start, end, out)
    index = skip_pages(text, lines, len(lines), out)
    if index < len(lines):
        stray(text, lines[index][0], end, out, trailing=True)


def skip_pages(text: str, lines: Lines, stop: int, out: Collector) -> int:
    """Pass header blocks, and the stray lines before a header block that starts a new page.

    Returns the index of the first line after them, below ``stop``, or ``stop``.
    """
    index = skip_header(text, lines, 0, stop, out)
    while (block := next_header_block(text, lines, index + 1, stop, out)) is not None:
        stray(text, lines[index][0], lines[block - 1][1], out)
        index = skip_header(text, lines, block, stop, out)
    return index


def split_lines(text: str, start: int, end: int, out: Collector) -> Lines:
    lines, line_start = [], start
    for line_break in out.grammar.line_break.finditer(text, start, end):
        lines.append((line_start, line_break.start()))
        line_start = line_break.end()
    lines.append((line_start, end))
    return lines


def is_tab(text: str, line: Span, grammar: Grammar) -> bool:
    """Whether the line ``text[line]`` is a tab label (``FAQ``), spaces around it or not."""
    start, end = line
    return (
        end - start <= grammar.longest_tab
        and grammar.tab_line.fullmatch(text, start, end) is not None
    )


def is_trailer(text: str, line: Span, grammar: Grammar) -> bool:
    """Whether the line ``text[line]`` is a pagination line (``Showing 1-3 of 3 articles``)."""
    return grammar.trailer_line.fullmatch(text, *line) is not None


def is_header(line: str, grammar: Grammar) -> bool:
    """Whether a stripped line is a tab label or a pagination line, which may stand where a
    title is expected. Only a line whose first character is in `Grammar.header_initials`
    can be: the region's common case looks at that first, sparing a call on most titles
    (a regular expression each, tried on every title, cost 6% of a parse)."""
    whole = (0, len(line))
    return is_tab(line, whole, grammar) or is_trailer(line, whole, grammar)


def skip_header(text: str, lines: Lines, index: int, stop: int, out: Collector) -> int:
    """Pass blank lines, tab-label lines and pagination trailers where a title is expected."""
    while index < stop:
        line = lines[index]
        if is_tab(text, line, out.grammar):
            start, end = strip(text, *line)
            out.tab(text[start:end])
            out.span(TokenKind.HEADER, start, end)
        elif is_trailer(text, line, out.grammar):
            out.span(TokenKind.TRAILER, *strip(text, *line))  # "Showing 1-3 of 3 articles"
        elif line[0] < line[1] and not text[line[0] : line[1]].isspace():
            break
        index += 1
    return index


def next_header_block(text: str, lines: Lines, index: int, stop: int, out: Collector) -> int | None:
    """The first of two or more tab-label lines in a row after a title: a new page began."""
    while index < stop - 1:
        if is_tab(text, lines[index], out.grammar) and is_tab(text, lines[index + 1], out.grammar):
            return index
        index += 1
    return None


def stray(text: str, start: int, end: int, out: Collector, *, trailing: bool = False) -> None:
    """Text that is neither header nor a record: a record cut off, or an unexpected line."""
    start, end = strip(text, start, end)
    if start == end:
        return
    out.span(TokenKind.UNPARSED, start, end)
    seen = text[start:end]
    if trailing and not out.found_any:
        return  # no record at all: the dump-level no-records error says it
    lines = sum(1 for line in seen.splitlines() if line.strip())
    if trailing or lines > 1:
        where = "at the end of the dump" if trailing else "before a new page"
        code, message = DiagnosticCode.INCOMPLETE_RECORD, f"a record cut off {where}"
    else:
        code, message = (
            DiagnosticCode.UNEXPECTED_TEXT,
            "text where a title was expected, before a new page",
        )
    out.problem(code, Severity.WARNING, f"{message}: {excerpt(seen)}", start, end, seen)


def strip(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` without its surrounding white space; empty at ``end``."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return (end, end)
    first = start + len(piece) - len(piece.lstrip())
    return (first, first + len(stripped))


def excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
