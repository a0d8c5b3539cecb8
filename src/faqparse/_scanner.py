"""Finding records in decoded text: the grammar of ``docs/format.md`` as code.

One pass of the metadata pattern finds every ``Published on`` label. The text before a label is
a *region*: the next title (normally the rest of the previous metadata line), then the snippet
up to the label. The common shape (a one-line title and a one-line snippet, a plain date) is
read with a handful of string operations; anything else goes through `_read_region` and
`_read_meta`, which implement the whole grammar. Both paths produce the same records, which the
tests check on every fixture by comparing against a scan with tokens on (always the full path).

The scanner never raises on text: problems are collected as `Problem` tuples and turned into
diagnostics with line and column by the caller, who knows where the text sits in the input.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

from ._dates import SPACE_CHARACTERS
from ._grammar import Grammar
from ._model import Record, Severity
from ._tokens import TokenKind

__all__ = ["Problem", "Scanner"]

LOOKAHEAD: Final = 4096
"""In a stream, a label this close to the end of the text read so far waits for more text."""


class Problem(NamedTuple):
    code: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str = ""


class _Date(NamedTuple):
    value: date | None
    start: int
    end: int
    cut: bool  # unreadable because the text ends inside it


class _Meta(NamedTuple):
    published: _Date
    updated: _Date | None
    views: int | None
    end: int


WARNING, ERROR = Severity.WARNING, Severity.ERROR
K = TokenKind


class Scanner:
    """Reads records out of text handed to it piece by piece (`scan`), keeping the results."""

    def __init__(self, grammar: Grammar, source: str, *, tokens: bool = False) -> None:
        self.grammar = grammar
        self.source = source
        self.records: list[Record] = []
        self.problems: list[Problem] = []
        self.header: dict[str, None] = {}  # an ordered set of the tab labels seen
        self.spans: list[tuple[TokenKind, int, int]] | None = [] if tokens else None
        self.base = 0  # offset of the current text in the whole input
        self.dropped = 0  # records seen but not emitted
        self.cleared = 0  # records already handed on by a stream and removed from `records`

    def scan(self, text: str, start: int, end: int, *, final: bool) -> int:
        """Read the records in ``text[start:end]``; return where the unread text begins.

        Unless ``final``, a label near ``end`` is left for the next call, as its metadata may
        continue in text not read yet; with ``final``, ``end`` is the end of the input.
        """
        grammar, records, base, source = self.grammar, self.records, self.base, self.source
        index, find, full = self.cleared + len(records), text.find, self.spans is not None
        views = _SMALL_COUNTS.get
        cached, read_date = grammar.dates.cache.get, grammar.dates.read
        tab_initials, longest_tab, tab_line = (
            grammar.tab_initials,
            grammar.longest_tab,
            grammar.tab_line,
        )
        limit = end if final else end - LOOKAHEAD
        if base + start == 0 and text.startswith("\ufeff"):
            start += 1  # a byte-order mark: character 0, white space to the grammar
        off_case = grammar.off_case.search(text, start, end) is not None
        meta = grammar.meta if off_case else grammar.fast_meta
        pos = start
        for match in meta.finditer(text, start, end):
            label, meta_end = match.span()
            if label >= limit:
                break
            if label < pos:
                continue  # inside metadata the full reader already consumed
            pub_text, updated_label, upd_text, views_text, run_on = match.groups()
            # Plain metadata: both dates in a known style and readable, and a count whose end
            # the grouping decides. Anything else goes to the full grammar, region and all.
            if (
                full
                or pub_text is None
                or (updated_label is not None and upd_text is None)
                or (run_on is not None and (run_on == "," or "," not in views_text))
                or not (published := cached(pub_text) or read_date(pub_text))
            ):
                pos = self._read_record(text, pos, label, end, final=final)
                index = self.cleared + len(records)
                continue
            updated = None
            if upd_text is not None and not (updated := cached(upd_text) or read_date(upd_text)):
                pos = self._read_record(text, pos, label, end, final=final)
                index = self.cleared + len(records)
                continue
            count = None if views_text is None else views(views_text) or _count(views_text)
            # The common region: a one-line title, a line break, a one-line snippet.
            newline = find("\n", pos, label)
            if newline >= 0:
                title_text = text[pos:newline]
                title = title_text.strip()
                if not title:  # the record before ended its line: the title is on the next
                    newline = find("\n", newline + 1, label)
                    title_text = text[pos:newline] if newline >= 0 else ""
                    title = title_text.strip()
            if (
                newline < 0  # a label on the title's own line; never slice with -1
                or not title
                or not (snippet := text[newline + 1 : label].strip())
                or "\r" in title
                or "\n" in snippet
                or "\r" in snippet
                or (
                    title[0] in tab_initials
                    and len(title) <= longest_tab
                    and tab_line.fullmatch(title)
                )
            ):
                title_span, snippet_span = self._read_region(text, pos, label, cut=False)
                self._append(text, title_span, snippet_span, published, updated, count, meta_end)
                index = self.cleared + len(records)
                pos = meta_end
                continue
            title_start = pos if title is title_text else pos + title_text.index(title)
            records.append(
                Record(
                    title,
                    snippet,
                    published,
                    updated,
                    count,
                    source,
                    index,
                    (base + title_start, base + meta_end),
                )
            )
            index += 1
            pos = meta_end
        if final:
            self._read_region(text, pos, end, cut=True)  # what follows the last record
            pos = end
        elif full:
            raise ValueError("tokens are only produced for a whole text")
        return pos

    # -- the full grammar ------------------------------------------------------------------

    def _read_record(self, text: str, start: int, label: int, end: int, *, final: bool) -> int:
        title, snippet = self._read_region(text, start, label, cut=False)
        meta = self._read_meta(text, label, end, final=final)
        record_start = (
            title[0] if title[0] < title[1] else snippet[0] if snippet[0] < snippet[1] else label
        )
        record_text = text[record_start : meta.end]
        published = meta.published
        if published.value is None:
            self.dropped += 1
            if published.cut:
                self._problem(
                    "incomplete-record",
                    WARNING,
                    "the dump ends inside this record's published date",
                    record_start,
                    meta.end,
                    record_text,
                )
            else:
                self._problem(
                    "bad-date",
                    ERROR,
                    f"unreadable published date: {self._why(text, published)}; record left out",
                    published.start,
                    published.end,
                    record_text,
                )
            return meta.end
        updated = None if meta.updated is None else meta.updated.value
        self._append(text, title, snippet, published.value, updated, meta.views, meta.end)
        return meta.end

    def _append(  # noqa: PLR0917 - the fields of a record
        self,
        text: str,
        title: tuple[int, int],
        snippet: tuple[int, int],
        published: date,
        updated: date | None,
        views: int | None,
        end: int,
    ) -> None:
        # With no title, the record starts at its snippet; an empty snippet sits at the label.
        start = title[0] if title[0] < title[1] else snippet[0]
        if title[0] == title[1]:
            self._problem(
                "missing-title",
                WARNING,
                "this record has no title line",
                start,
                start,
            )
        elif snippet[0] == snippet[1]:
            self._problem(
                "missing-snippet",
                WARNING,
                "this record has no snippet: its title line runs straight into the published label",
                title[0],
                title[1],
            )
        self.records.append(
            Record(
                text[title[0] : title[1]],
                text[snippet[0] : snippet[1]],
                published,
                updated,
                views,
                self.source,
                self.cleared + len(self.records),
                (self.base + start, self.base + end),
            )
        )

    def _read_region(
        self, text: str, start: int, end: int, *, cut: bool
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """Split the text before a label into header lines, stray text, title and snippet.

        With ``cut``, there is no label after the region (the end of the input): a title and
        snippet found there are an incomplete record. Returns the title and snippet spans.
        """
        lines = self._lines(text, start, end)
        last = len(lines) - 1  # the line the label is on: never a whole line of its own
        index = self._skip_header(text, lines, 0, last + cut)
        while True:
            block = self._next_header_block(text, lines, index + 1, last + cut)
            if block is None:
                break
            self._stray(text, lines[index][0], lines[block - 1][1])
            index = self._skip_header(text, lines, block, last + cut)
        if cut:
            if index <= last:
                self._stray(text, lines[index][0], end, trailing=True)
            return (end, end), (end, end)
        if index == last:  # no title line: the label's own line is all there is
            title = self._strip(text, lines[last][0], end)
            if title[0] < title[1]:
                self._span(K.TITLE, title)
            return title, (end, end)
        title = self._strip(text, *lines[index])
        snippet = self._strip(text, lines[index + 1][0], end)
        self._span(K.TITLE, title)
        if snippet[0] < snippet[1]:
            self._span(K.SNIPPET, snippet)
        return title, snippet

    def _read_meta(self, text: str, label: int, end: int, *, final: bool) -> _Meta:
        grammar = self.grammar
        label_end = grammar.published_label.match(text, label, end).end()
        self._span(K.PUBLISHED_LABEL, (label, label_end))
        published = self._read_date(text, self._skip_space(text, label_end, end), end, final=final)
        pos = published.end
        updated = None
        if published.value is not None or not published.cut:
            after = self._skip_space(text, pos, end)
            updated_label = grammar.updated_label.match(text, after, end)
            if updated_label is not None:
                self._span(K.UPDATED_LABEL, updated_label.span())
                updated = self._read_date(
                    text, self._skip_space(text, updated_label.end(), end), end, final=final
                )
                pos = updated.end
                if updated.value is None:
                    if updated.cut:
                        self._problem(
                            "incomplete-record",
                            WARNING,
                            "the dump ends inside this record's updated date",
                            updated.start,
                            updated.end,
                            text[updated.start : updated.end],
                        )
                    else:
                        self._problem(
                            "bad-date",
                            WARNING,
                            f"unreadable updated date: {self._why(text, updated)}; left empty",
                            updated.start,
                            updated.end,
                            text[updated.start : updated.end],
                        )
        views = None
        last_date = published if updated is None else updated
        readable = last_date.value is not None or not last_date.cut
        count = (
            grammar.count.match(text, self._skip_space(text, pos, end), end) if readable else None
        )
        if count is not None:
            views, pos = int(count.group().replace(",", "")), count.end()
            rest = text[pos : pos + 4]
            # With commas the grouping says where the count ends; without, a digit after it
            # (or a comma that starts no group) leaves the split undecidable.
            if rest[:1] == "," or (rest[:1] in _AFTER_COUNT and "," not in count.group()):
                if final and grammar.count_cut.fullmatch(text, pos, end):
                    views = None
                    self._problem(
                        "incomplete-record",
                        WARNING,
                        "the dump ends inside this record's view count",
                        count.start(),
                        end,
                        text[count.start() : end],
                    )
                    self._span(K.UNPARSED, (count.start(), end))
                    return _Meta(published, updated, views, end)
                self._problem(
                    "ambiguous-views",
                    WARNING,
                    f"the view count {count.group()!r} runs into {rest!r}: read as {views:,} views,"
                    " the rest as the next title",
                    count.start(),
                    count.end(),
                    text[count.start() : pos + 4],
                )
            self._span(K.VIEWS, count.span())
        return _Meta(published, updated, views, pos)

    def _read_date(self, text: str, start: int, end: int, *, final: bool) -> _Date:
        grammar = self.grammar
        found = grammar.fast_date.match(text, start, end) or grammar.date_candidate.match(
            text, start, end
        )
        if found is None:
            stop = grammar.date_rest.match(text, start, end).end()
            self._span(K.UNPARSED, (start, stop))
            return _Date(None, start, stop, cut=final and stop == end)
        value = grammar.dates.read(found.group())
        self._span(K.DATE if value is not None else K.UNPARSED, found.span())
        return _Date(value, found.start(), found.end(), cut=False)

    def _lines(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        lines, line_start = [], start
        for line_break in self.grammar.line_break.finditer(text, start, end):
            lines.append((line_start, line_break.start()))
            line_start = line_break.end()
        lines.append((line_start, end))
        return lines

    def _is_tab(self, text: str, line: tuple[int, int]) -> bool:
        start, end = line
        return (
            end - start <= self.grammar.longest_tab
            and self.grammar.tab_line.fullmatch(text, start, end) is not None
        )

    def _skip_header(self, text: str, lines: list[tuple[int, int]], index: int, stop: int) -> int:
        """Pass blank lines and tab-label lines where a title is expected."""
        while index < stop:
            line = lines[index]
            if self._is_tab(text, line):
                stripped = self._strip(text, *line)
                self.header.setdefault(text[stripped[0] : stripped[1]])
                self._span(K.HEADER, stripped)
            elif not text[line[0] : line[1]].isspace() and line[0] < line[1]:
                break
            index += 1
        return index

    def _next_header_block(
        self, text: str, lines: list[tuple[int, int]], index: int, stop: int
    ) -> int | None:
        """The first of two or more tab-label lines in a row after a title: a new page began."""
        while index < stop - 1:
            if self._is_tab(text, lines[index]) and self._is_tab(text, lines[index + 1]):
                return index
            index += 1
        return None

    def _stray(self, text: str, start: int, end: int, *, trailing: bool = False) -> None:
        start, end = self._strip(text, start, end)
        if start == end:
            return
        self._span(K.UNPARSED, (start, end))
        stray = text[start:end]
        if trailing and not self.records and not self.dropped:
            return  # no record at all: the dump-level no-records error says it
        lines = sum(1 for line in stray.splitlines() if line.strip())
        if trailing or lines > 1:
            where = "at the end of the dump" if trailing else "before a new page"
            self._problem(
                "incomplete-record",
                WARNING,
                f"a record cut off {where}: {_excerpt(stray)}",
                start,
                end,
                stray,
            )
        else:
            self._problem(
                "unexpected-text",
                WARNING,
                f"text where a title was expected, before a new page: {_excerpt(stray)}",
                start,
                end,
                stray,
            )

    # -- small helpers ----------------------------------------------------------------------

    def _skip_space(self, text: str, pos: int, end: int) -> int:
        while pos < end and text[pos] in _HORIZONTAL_SPACE:
            pos += 1
        return pos

    @staticmethod
    def _strip(text: str, start: int, end: int) -> tuple[int, int]:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            return (end, end)
        first = start + len(piece) - len(piece.lstrip())
        return (first, first + len(stripped))

    def _span(self, kind: TokenKind, span: tuple[int, int]) -> None:
        if self.spans is not None and span[0] < span[1]:
            self.spans.append((kind, span[0], span[1]))

    def _why(self, text: str, unreadable: _Date) -> str:
        return self.grammar.dates.why_unreadable(text[unreadable.start : unreadable.end])

    def _problem(  # noqa: PLR0917 - mirrors the fields of Problem
        self, code: str, severity: Severity, message: str, start: int, end: int, text: str = ""
    ) -> None:
        self.problems.append(
            Problem(code, severity, message, self.base + start, self.base + end, text)
        )


_AFTER_COUNT: Final = frozenset("0123456789,")
_HORIZONTAL_SPACE: Final = frozenset(SPACE_CHARACTERS)


_SMALL_COUNTS: Final = {str(n): n for n in range(1, 1000)}
"""Most counts are small and repeat: a dictionary hit is cheaper than ``int()``."""


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
