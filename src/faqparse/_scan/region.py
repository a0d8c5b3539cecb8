"""Reading the text before a ``Published on`` label: header lines, stray text, title, snippet.

The text between one record's metadata and the next label is a *region*: normally the next
title (the rest of the metadata line) and the snippet up to the label, but a new page's header
block, blank lines and stray text can stand in it too. Each reader takes the text and a range
of it, and reports to the `Collector`.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import regex

from .._codes import DiagnosticCode
from .._model import Severity, Span
from .collector import Collector
from .dates import SPACE
from .tokens import TokenKind

__all__ = ["read_region", "read_tail", "region_record", "strip"]

Lines = list[Span]


def read_region(text: str, start: int, end: int, out: Collector) -> tuple[Span, Span]:
    """The title and snippet spans of the region ``text[start:end]``, a label at ``end``.

    The title is empty when the label stands on the first line that is not header or blank;
    the snippet is empty when the title's line runs into the label.
    """
    lines = split_lines(text, start, end, out)
    last = len(lines) - 1  # the line the label is on: never a whole line of its own
    index = skip_pages(text, lines, last, out)
    if index == last:  # no title line: the label's own line is all there is
        return strip(text, lines[last][0], end), (end, end)
    return strip(text, *lines[index]), strip(text, lines[index + 1][0], end)


def region_record(  # noqa: PLR0917 - a record's parts
    text: str,
    title: Span,
    snippet: Span,
    published: date,
    updated: date | None,
    category: str | None,
    views: int | None,
    end: int,
    out: Collector,
) -> None:
    """Keep the record with these title and snippet spans, its metadata ending at ``end``.

    The dump's first record says whether it is a section page: a ``- `` bullet before a title
    that runs into its label. There, titles lose the bullet and no snippet is normal.
    """
    if out.kind is None and snippet[0] < snippet[1] and title[0] < title[1]:
        opening = _first_bullet_line(text, snippet, end, out)
        if opening is not None:  # a section page that opens with its heading
            _heading(text, title[0], opening[0], out)
            out.decide_kind("section")
            bullet = out.grammar.bullet.match(text, *opening)
            _section_record(text, opening, bullet, published, updated, views, end, out)
            return
    if snippet[0] == snippet[1] and title[0] < title[1]:
        bullet = out.grammar.bullet.match(text, *title)
        if bullet is not None:
            out.decide_kind("section")
        if out.kind == "section":
            _section_record(text, title, bullet, published, updated, views, end, out)
            return
    out.decide_kind("search")
    # With no title, the record starts at its snippet; an empty snippet sits at the label.
    start = title[0] if title[0] < title[1] else snippet[0]
    if title[0] == title[1]:
        message = "this record has no title line"
        out.problem(DiagnosticCode.MISSING_TITLE, Severity.WARNING, message, start, start)
    elif snippet[0] == snippet[1]:
        message = (
            "this record has no snippet: its title line runs straight into the published label"
        )
        out.problem(DiagnosticCode.MISSING_SNIPPET, Severity.WARNING, message, *title)
    out.span(TokenKind.TITLE, *title)
    out.span(TokenKind.SNIPPET, *snippet)
    _record(text, title, snippet, published, updated, category, views, start, end, out)


def _first_bullet_line(text: str, snippet: Span, end: int, out: Collector) -> Span | None:
    """The first record's ``- TitlePublished on`` line, when a heading stands above it.

    A section page may open with its name (and its category, a tab label) above the list:
    the first region is then the heading, then a bullet line that runs into the label. It
    reads as a section only if the next line starts another bullet right after this record's
    metadata (``end``), as a list goes on; a search page puts the next title on the same line.
    """
    start, stop = snippet
    line_start = max(text.rfind("\n", start, stop), text.rfind("\r", start, stop)) + 1
    line_start = max(line_start, start)
    bullet = out.grammar.bullet.match(text, line_start, stop)
    if bullet is None or bullet.end() >= stop or _NEXT_BULLET.match(text, end) is None:
        return None
    return (line_start, stop)


def _heading(text: str, start: int, end: int, out: Collector) -> None:
    """The lines above a section's list: no record's text, so reported, not dropped."""
    start, end = strip(text, start, end)
    seen = text[start:end]
    out.span(TokenKind.UNPARSED, start, end)
    message = f"a heading above the section's list of articles, not a record: {excerpt(seen)}"
    out.problem(DiagnosticCode.UNEXPECTED_TEXT, Severity.WARNING, message, start, end, seen)


_NEXT_BULLET: Final = regex.compile(rf"{SPACE}*(?:\r\n|\r|\n){SPACE}*-{SPACE}+\S")
"""After a section record's metadata: a line break, then the next line's bullet and title."""


def _section_record(  # noqa: PLR0917 - a record's parts
    text: str,
    title: Span,
    bullet: regex.Match[str] | None,
    published: date,
    updated: date | None,
    views: int | None,
    end: int,
    out: Collector,
) -> None:
    start = title[0]  # the bullet is the record's own text
    if bullet is not None:
        out.span(TokenKind.BULLET, start, bullet.end())
        title = (bullet.end(), title[1])
    out.span(TokenKind.TITLE, *title)
    empty = (title[1], title[1])
    _record(text, title, empty, published, updated, None, views, start, end, out)


def _record(  # noqa: PLR0917 - a record's parts
    text: str,
    title: Span,
    snippet: Span,
    published: date,
    updated: date | None,
    category: str | None,
    views: int | None,
    start: int,
    end: int,
    out: Collector,
) -> None:
    title_text, snippet_text = text[title[0] : title[1]], text[snippet[0] : snippet[1]]
    out.keep(title_text, snippet_text, published, updated, views, category, text, start, end)


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


def is_tab(text: str, line: Span, out: Collector) -> bool:
    start, end = line
    grammar = out.grammar
    return (
        end - start <= grammar.longest_tab
        and grammar.tab_line.fullmatch(text, start, end) is not None
    )


def skip_header(text: str, lines: Lines, index: int, stop: int, out: Collector) -> int:
    """Pass blank lines, tab-label lines and pagination trailers where a title is expected."""
    while index < stop:
        line = lines[index]
        if is_tab(text, line, out):
            start, end = strip(text, *line)
            out.tab(text[start:end])
            out.span(TokenKind.HEADER, start, end)
        elif out.grammar.trailer_line.fullmatch(text, *line) is not None:
            out.span(TokenKind.TRAILER, *strip(text, *line))  # "Showing 1-3 of 3 articles"
        elif line[0] < line[1] and not text[line[0] : line[1]].isspace():
            break
        index += 1
    return index


def next_header_block(text: str, lines: Lines, index: int, stop: int, out: Collector) -> int | None:
    """The first of two or more tab-label lines in a row after a title: a new page began."""
    while index < stop - 1:
        if is_tab(text, lines[index], out) and is_tab(text, lines[index + 1], out):
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
