"""Reading the text before a ``Published on`` label: the title and snippet, and the page kind.

The text between one record's metadata and the next label is a *region*: normally the next
title (the rest of the metadata line) and the snippet up to the label, but a new page's header
block, blank lines and stray text can stand in it too (`pages`). Here the region is split into
title and snippet, and the dump's first record decides whether it is a search page or a
section page (a list of ``- `` bulleted titles). Each reader reports to the `Collector`.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import regex

from .._codes import DiagnosticCode
from .._model import Severity, Span
from .collector import Collector
from .dates import SPACE
from .meta import Meta
from .pages import excerpt, is_header, skip_pages, split_lines, strip
from .tokens import TokenKind

__all__ = ["Region", "read_region", "region_record"]


Region = tuple[str, str, int, int, int]
"""What `read_region` read: the title and the snippet, where each starts, and the line break
after the title when the reader saw it is the only one from the title to the label (-1
otherwise). A plain tuple: a named one costs a constructor call on every record; the texts
are handed on, as slicing them again from a text with wide characters costs 2% of a parse."""


def read_region(text: str, start: int, end: int, out: Collector) -> Region:
    """The title and snippet of the region ``text[start:end]``, a label at ``end``.

    The title is empty when the label stands on the first line that is not header or blank;
    the snippet is empty when the title's line runs into the label. The line break after the
    title spares the line count reading the title again (`LineCounter.advance`).

    The common region comes first: a title line (after the line the record before ended,
    if it ended one), a line break (``\\n`` or ``\\r\\n``) and a one-line snippet; asked
    with a few string operations, it spares splitting the region into lines (a quarter of
    a parse when every region went through `split_lines`; 60% on a dump with ``\\r\\n``
    line breaks, when those went through it).
    """
    newline = text.find("\n", start, end)
    if newline >= 0:
        line = text[start:newline]
        title = line.strip()
        if not title:  # the record before ended its line: the title is on the next
            start = newline + 1
            newline = text.find("\n", start, end)
            line = text[start:newline] if newline >= 0 else ""
            title = line.strip()
        snippet_start = newline + 1
        snippet_line = text[snippet_start:end]
        snippet = snippet_line.strip()
        if (
            title
            and snippet
            and "\n" not in snippet
            and not (out.returns and _other_returns(line, snippet_line))
            and not (title[0] in out.grammar.header_initials and is_header(title, out.grammar))
        ):
            # ``strip`` hands back the very string when there is nothing to strip: the common
            # case needs no second look for where the text starts.
            if title is not line:
                start += len(line) - len(line.lstrip())
            if snippet is not snippet_line:
                snippet_start += len(snippet_line) - len(snippet_line.lstrip())
            return title, snippet, start, snippet_start, newline
    lines = split_lines(text, start, end, out)
    last = len(lines) - 1  # the line the label is on: never a whole line of its own
    index = skip_pages(text, lines, last, out)
    if index == last:  # no title line: the label's own line is all there is
        title_span, snippet_span = strip(text, lines[last][0], end), (end, end)
    else:
        title_span = strip(text, *lines[index])
        snippet_span = strip(text, lines[index + 1][0], end)
    title_start, title_end = title_span
    snippet_start, snippet_end = snippet_span
    return (
        text[title_start:title_end],
        text[snippet_start:snippet_end],
        title_start,
        snippet_start,
        -1,
    )


def _other_returns(title_line: str, snippet_line: str) -> bool:
    """Whether a ``\\r`` breaks the title's line or the snippet's, other than the one of the
    ``\\r\\n`` that ends the title: the region then has more lines than the common one."""
    return "\r" in snippet_line or title_line.find("\r") not in (-1, len(title_line) - 1)


def region_record(text: str, region: Region, meta: Meta, out: Collector) -> None:
    """Keep the record of this region and metadata (whose published date is readable).

    The dump's first record says whether it is a section page: a ``- `` bullet before a title
    that runs into its label. There, titles lose the bullet and no snippet is normal.

    The common record comes first: the kind is known, and there are a title and a snippet
    (in a section page too: a snippet makes it a search result).
    """
    title_text, snippet_text, title_start, snippet_start, line_break = region
    published, updated, category, views, end, _ = meta
    assert published is not None  # the caller keeps only records with a published date
    if out.kind is not None and title_text and snippet_text:
        if out.spans is not None:
            out.span(TokenKind.TITLE, title_start, title_start + len(title_text))
            out.span(TokenKind.SNIPPET, snippet_start, snippet_start + len(snippet_text))
        out.keep(
            title_text,
            snippet_text,
            published,
            updated,
            views,
            category,
            text,
            title_start,
            end,
            line_break,
        )
        return
    title = (title_start, title_start + len(title_text))
    snippet = (snippet_start, snippet_start + len(snippet_text))
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
