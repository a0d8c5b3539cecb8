"""Records back to dump text: the inverse of `faqparse.parse`, for tests.

A dump has no escaping, so some records cannot be written at all: a title that is a tab
label reads as the header, a title starting with a digit after a short view count makes the
split undecidable. `render` refuses those with a `RenderError` naming the record and the
reason, and (with ``verify``, the default) parses what it wrote to prove the round trip.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Final, Literal, NamedTuple, Protocol, TypedDict, Unpack

from .._grammar import Grammar, grammar_for
from .._parse import parse
from .._vocabulary import ENGLISH, Vocabulary
from ._locale_render import locale_date_writer, views_text

__all__ = [
    "DateStyle",
    "DumpMaker",
    "RecordContent",
    "RenderError",
    "RenderOptions",
    "RenderableRecord",
    "content",
    "render",
]

DateStyle = Literal["en-GB", "en-US"] | Callable[[date], str]
"""``en-GB`` writes ``5 Sept 2023``, ``en-US`` writes ``Sep 5, 2023``; a callable writes its own.

Without a style, English dates are written ``en-GB`` and another vocabulary's in its own form."""

_US_MONTHS: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_GB_MONTHS: Final = tuple(month if month != "Sep" else "Sept" for month in _US_MONTHS)
"""The help center's en-GB dates abbreviate September as ``Sept``, every other month to three."""
_NEWLINES: Final = ("\n", "\r\n", "\r")
_DIGITS: Final = frozenset("0123456789")


class RenderableRecord(Protocol):
    """What `render` reads: a `faqparse.Record`, or anything with these five attributes."""

    @property
    def title(self) -> str: ...
    @property
    def snippet(self) -> str: ...
    @property
    def published(self) -> date: ...
    @property
    def updated(self) -> date | None: ...
    @property
    def views(self) -> int | None: ...


class RecordContent(NamedTuple):
    """The five fields a dump carries: what render writes and parse reads back."""

    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None


def content(record: RenderableRecord) -> RecordContent:
    """A record without where it came from (source, index, span): compare these."""
    return RecordContent(
        record.title, record.snippet, record.published, record.updated, record.views
    )


class RenderError(ValueError):
    """A record (``index``, or ``None`` for the options) cannot be written unambiguously."""

    def __init__(self, reason: str, index: int | None = None, title: object = None) -> None:
        where = "" if index is None else f"record {index}{_title_hint(title)}: "
        super().__init__(where + reason)
        self.reason = reason
        self.index = index


class RenderOptions(TypedDict, total=False):
    """The keyword options of `render`, for helpers that pass them on."""

    style: DateStyle
    header: bool
    newline: str
    page_size: int | None
    views: bool
    updated: bool
    final_newline: bool
    vocabulary: Vocabulary
    verify: bool


def render(
    records: Iterable[RenderableRecord],
    *,
    style: DateStyle | None = None,
    header: bool = True,
    newline: str = "\n",
    page_size: int | None = None,
    views: bool = True,
    updated: bool = True,
    final_newline: bool = False,
    vocabulary: Vocabulary = ENGLISH,
    verify: bool = True,
) -> str:
    """Write records as the text of a search dump.

    ``header`` opens every page with the tab labels; ``page_size`` starts a new page (on a new
    line) every so many records; ``views=False`` or ``updated=False`` leave those fields out.
    The defaults give the seeds back byte for byte, ending without a final newline.
    Raises `RenderError` for a record the text could not carry unambiguously; with ``verify``
    the text is parsed again and must give back exactly the records, with no diagnostic.
    """
    if newline not in _NEWLINES:
        raise RenderError(f"newline must be one of {_NEWLINES!r}, not {newline!r}")
    if page_size is not None and (isinstance(page_size, bool) or page_size < 1):
        raise RenderError(f"page_size must be a positive number of records, not {page_size!r}")
    if style is None:
        english = vocabulary.locale == ENGLISH.locale
        write_date = _date_writer("en-GB") if english else locale_date_writer(vocabulary)
    else:
        write_date = _date_writer(style)
    grammar = grammar_for(vocabulary)
    wanted = [
        _checked(record, index, grammar, builtin_style=not callable(style))._replace(
            views=record.views if views else None, updated=record.updated if updated else None
        )
        for index, record in enumerate(records)
    ]
    page_header = "".join(tab + newline for tab in vocabulary.tabs) if header else ""
    published_label, updated_label = vocabulary.published[0], vocabulary.updated[0]
    pieces: list[str] = []
    starts: list[int] = []  # where each record starts in the text, to place diagnostics
    length = 0
    for index, item in enumerate(wanted):
        if index == 0:
            opening = page_header
            if not opening and item.title.startswith("\ufeff"):
                raise RenderError(
                    "the title opens the text with U+FEFF, which parse skips as a byte-order mark",
                    index,
                    item.title,
                )
        elif page_size is not None and index % page_size == 0:
            opening = newline + page_header
        else:
            opening = ""
            reason = _join_problem(wanted[index - 1], item, vocabulary)
            if reason:
                raise RenderError(reason, index, item.title)
        meta = f"{published_label} {_date_text(write_date, item.published, index)}"
        if item.updated is not None:
            meta += f"{updated_label} {_date_text(write_date, item.updated, index)}"
        if item.views is not None:
            meta += views_text(item.views, vocabulary)
        piece = f"{opening}{item.title}{newline}{item.snippet}{meta}"
        starts.append(length + len(opening))
        pieces.append(piece)
        length += len(piece)
    if not wanted:
        pieces.append(page_header.removesuffix(newline))
    text = "".join(pieces) + (newline if final_newline else "")
    if verify:
        _verify(text, wanted, starts, vocabulary)
    return text


class DumpMaker:
    """Writes dump files into a directory: records (rendered with `render`), or raw text/bytes.

    The ``make_dump`` fixture of the pytest plugin is one of these on ``tmp_path``.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.made: list[Path] = []

    def __call__(
        self,
        records: Iterable[RenderableRecord] | str | bytes,
        name: str | os.PathLike[str] | None = None,
        **options: Unpack[RenderOptions],
    ) -> Path:
        """Write one dump and return its path; ``name`` defaults to ``dump-<n>.txt``."""
        if isinstance(records, bytes):
            if options:
                raise TypeError("render options do not apply to raw bytes")
            data = records
        elif isinstance(records, str):
            if options:
                raise TypeError("render options do not apply to raw text")
            data = records.encode("utf-8", "surrogatepass")
        else:
            data = render(records, **options).encode("utf-8")
        path = self.directory / (f"dump-{len(self.made)}.txt" if name is None else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.made.append(path)
        return path


# -- what cannot be written -----------------------------------------------------------------


def _checked(
    record: RenderableRecord, index: int, grammar: Grammar, *, builtin_style: bool
) -> RecordContent:
    """The record's content, or `RenderError` for what no dump text could carry."""
    item = content(record)
    reason = _record_problem(item, grammar, builtin_style=builtin_style)
    if reason:
        raise RenderError(reason, index, item.title)
    return item


def _record_problem(item: RecordContent, grammar: Grammar, *, builtin_style: bool) -> str | None:
    """Why this record cannot be written wherever it stands in a dump, or ``None``."""
    return (
        _text_problem("title", item.title, grammar)
        or _title_problem(item.title, grammar)
        or _text_problem("snippet", item.snippet, grammar)
        or _snippet_problem(item.snippet, grammar)
        or _date_problem("published", item.published, builtin_style=builtin_style)
        or (
            None
            if item.updated is None
            else _date_problem("updated", item.updated, builtin_style=builtin_style)
        )
        or _views_problem(item.views)
    )


def _text_problem(field: str, value: object, grammar: Grammar) -> str | None:
    if not isinstance(value, str):
        return f"the {field} is a {type(value).__name__}, not a str"
    if not value:
        return f"the {field} is empty"
    if value != value.strip():
        return f"the {field} has white space around it, which parse strips"
    for label in (grammar.published_label, grammar.updated_label, _loose_labels(grammar)):
        found = label.search(value)
        if found:
            return f"the {field} contains the label {found.group()!r}, which would read as metadata"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"the {field} cannot be written as UTF-8 ({error.reason} at character {error.start})"
    return None


@functools.cache
def _loose_labels(grammar: Grammar) -> re.Pattern[str]:
    """The labels with any white space Python knows between their words.

    The parser's patterns do not all agree on white space (``re`` counts U+001C to U+001F as
    space, ``regex`` does not), so a label spelled with such a space is refused too.
    """
    vocabulary = grammar.vocabulary
    spelled = (
        r"[^\S\r\n]+".join(re.escape(word) for word in label.split())
        for label in vocabulary.published + vocabulary.updated
    )
    return re.compile("|".join(spelled), re.IGNORECASE)


def _title_problem(title: str, grammar: Grammar) -> str | None:
    if "\r" in title or "\n" in title:
        return "the title contains a line break: a title is one line"
    if _is_tab(title, grammar):
        return f"the title {title!r} is a tab label: it would read as the header"
    return None


def _snippet_problem(snippet: str, grammar: Grammar) -> str | None:
    # Two tab-label lines in a row inside a snippet read as the header of a new page. The
    # snippet's last line runs into the label, so it is never a line of its own.
    lines = grammar.line_break.split(snippet)[:-1]
    for first, second in itertools.pairwise(lines):
        if _is_tab(first, grammar) and _is_tab(second, grammar):
            return (
                f"the snippet has the lines {first!r} and {second!r} in a row,"
                " which would read as the header of a new page"
            )
    return None


def _is_tab(line: str, grammar: Grammar) -> bool:
    return len(line) <= grammar.longest_tab and grammar.tab_line.fullmatch(line) is not None


def _date_problem(field: str, value: object, *, builtin_style: bool) -> str | None:
    if isinstance(value, datetime) or not isinstance(value, date):
        return f"the {field} date is a {type(value).__name__}, not a datetime.date"
    if builtin_style and value.year < 1000:
        return f"the {field} year {value.year} does not have the four digits a dump's year has"
    return None


def _views_problem(views: object) -> str | None:
    if views is None:
        return None
    if isinstance(views, bool) or not isinstance(views, int):
        return f"views is a {type(views).__name__}, not an int"
    if views < 0:
        return f"views is negative ({views})"
    return None


def _join_problem(
    previous: RecordContent, item: RecordContent, vocabulary: Vocabulary = ENGLISH
) -> str | None:
    """A title runs straight on from the previous record's metadata: it must not extend it."""
    first = item.title[:1]
    if first in _DIGITS:
        if previous.views is None:
            return (
                "the title starts with a digit and the previous record has no view count:"
                " the digit would read as its views"
            )
        if previous.views < 10**vocabulary.ungrouped_digits:
            return (
                f"the title starts with a digit right after the previous record's view count"
                f" {previous.views}, which has no separator to say where it ends: the split is"
                " undecidable"
            )
    elif first and first in vocabulary.count_separators and previous.views is not None:
        return (
            f"the title starts with {first!r} right after the previous record's view count,"
            " which would read as part of the count"
        )
    return None


# -- writing and checking -------------------------------------------------------------------


def _date_writer(style: DateStyle) -> Callable[[date], str]:
    if style == "en-GB":
        return lambda day: f"{day.day} {_GB_MONTHS[day.month - 1]} {day.year}"
    if style == "en-US":
        return lambda day: f"{_US_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if isinstance(style, str) or not callable(style):
        raise RenderError(f"style must be 'en-GB', 'en-US' or a callable, not {style!r}")
    return style


def _date_text(write_date: Callable[[date], str], value: date, index: int) -> str:
    text = write_date(value)
    if not isinstance(text, str):
        raise RenderError(f"the date style gave {text!r} for {value}, not a str", index)
    return text


def _verify(
    text: str, wanted: Sequence[RecordContent], starts: Sequence[int], vocabulary: Vocabulary
) -> None:
    """Parse the text back: every record must come back, with nothing to report."""
    dump = parse(text, "<render>", vocabulary=vocabulary)
    got = [content(record) for record in dump.records]
    reasons: list[tuple[int, str]] = []
    differs = [i for i, pair in enumerate(zip(wanted, got, strict=False)) if pair[0] != pair[1]]
    if differs:
        reasons.append((differs[0], f"it would read back as {got[differs[0]]!r}"))
    elif len(got) != len(wanted):
        reasons.append((min(len(got), len(wanted) - 1), f"it reads back as {len(got)} records"))
    for diagnostic in dump.diagnostics:
        if wanted or diagnostic.code != "no-records":
            where = max(bisect.bisect_right(starts, diagnostic.span[0]) - 1, 0)
            reasons.append(
                (
                    where,
                    f"the text raises {diagnostic.code} at line {diagnostic.line}, column"
                    f" {diagnostic.column}: {diagnostic.message}",
                )
            )
            break
    if reasons:
        index = min(where for where, _ in reasons)
        reason = "; ".join(why for where, why in reasons if where == index)
        raise RenderError(reason, index, wanted[index].title) if wanted else RenderError(reason)


def _title_hint(title: object) -> str:
    if not isinstance(title, str):
        return ""
    return f" ({title if len(title) <= 40 else title[:39] + '…'!r})"
