"""Records back to dump text: the inverse of `faqparse.parse`, for tests.

A dump has no escaping, so some records cannot be written at all: a title that is a tab
label reads as the header, a title starting with a digit after a short view count makes the
split undecidable. `render` refuses those with a `RenderError` naming the record and the
reason (the rules are in `_render_rules`), and (with ``verify``, the default) parses what it
wrote to prove the round trip. Each page shape (search results, with or without category
tags, fields on their own lines, a trailer; a section's article list) is written by its own
function in `_render_shapes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Final, Literal, NamedTuple, Protocol, TypedDict

from .._locales.vocabulary import ENGLISH, Vocabulary
from .._scan.grammar import Grammar, grammar_for
from ._locale_render import locale_date_writer, views_text
from ._render_rules import (
    Kind,
    RecordContent,
    Shape,
    join_problem,
    mixed_categories,
    opening_problem,
    record_problem,
    strong_join,
    tag_words,
)
from ._render_shapes import Layout, header_block, search_record, section_line, trailer_line
from ._render_unknown import expected_codes, unknown_problem
from ._render_verify import verify_text

__all__ = [
    "DateStyle",
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
_KINDS: Final = ("search", "section")


class RenderableRecord(Protocol):
    """What `render` reads: a `faqparse.Record`, or anything with these five attributes.

    A ``category`` attribute, when there is one, is the record's category tag.
    """

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


def content(record: RenderableRecord) -> RecordContent:
    """A record without where it came from (source, index, span): compare these."""
    category: str | None = getattr(record, "category", None)
    return RecordContent(
        record.title, record.snippet, record.published, record.updated, record.views, category
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
    header: bool | None
    newline: str
    page_size: int | None
    views: bool
    updated: bool
    categories: bool
    kind: Kind
    own_lines: bool
    trailer: bool
    final_newline: bool
    vocabulary: Vocabulary
    verify: bool


def render(
    records: Iterable[RenderableRecord],
    *,
    style: DateStyle | None = None,
    header: bool | None = None,
    newline: str = "\n",
    page_size: int | None = None,
    views: bool = True,
    updated: bool = True,
    categories: bool = True,
    kind: Kind = "search",
    own_lines: bool = False,
    trailer: bool = False,
    final_newline: bool = False,
    vocabulary: Vocabulary = ENGLISH,
    verify: bool = True,
    unknown_tags: tuple[str, ...] = (),
    cut: bool = False,
) -> str:
    """Write records as the text of a search dump, or of a section page.

    ``header`` opens every search page with the tab labels (the default; section pages have
    none); ``page_size`` starts a new page (on a new line) every so many records;
    ``views=False``, ``updated=False`` or ``categories=False`` leave those fields out. A
    record's ``category`` is written as its tag, after the dates. ``own_lines`` puts the
    published label and the count on lines of their own; ``trailer`` ends each page with its
    ``Showing 1-N of N articles`` line; ``kind="section"`` writes a section's article list.
    The defaults give the seeds back byte for byte, ending without a final newline.
    ``unknown_tags`` are categories the vocabulary lacks, written as tags (each must show on
    two records at least; see `unknown_problem`); ``cut`` ends a tagged page right after the
    last record's dates, as a cut copy does: that record comes back without tag and count.
    Raises `RenderError` for a record the text could not carry unambiguously; with ``verify``
    the text is parsed again and must give back exactly the records (the cut one as cut),
    with no diagnostic but ``unknown-category`` for each unknown tag and ``incomplete-record``
    for the cut (`expected_codes`).
    """
    header = _check_options(newline, page_size, kind, header, trailer)
    if trailer and not vocabulary.trailers:
        raise RenderError(
            f"trailer=True: no pagination line is known for locale {vocabulary.locale!r}"
            " (its vocabulary has no trailers)"
        )
    if style is None:  # English dates en-GB, other locales' in their own form
        english = vocabulary.locale == ENGLISH.locale
        write_date = _date_writer("en-GB") if english else locale_date_writer(vocabulary)
    else:
        write_date = _date_writer(style)
    grammar = grammar_for(vocabulary)
    shape = Shape(
        kind=kind,
        own_lines=own_lines,
        tags=tag_words(vocabulary) + unknown_tags,
        separators=vocabulary.count_separators,
        ungrouped_digits=vocabulary.ungrouped_digits,
    )
    shown = _Shown(views=views, updated=updated, categories=categories)
    builtin_style = not callable(style)
    wanted = [
        _checked(content(record), index, grammar, shape, shown, builtin_style=builtin_style)
        for index, record in enumerate(records)
    ]
    _check_joins(wanted, shape, page_size)
    unread = unknown_problem(
        wanted, unknown_tags, tag_words(vocabulary), page_size=page_size, own_lines=own_lines
    )
    if unread is not None:
        raise RenderError(unread[1], unread[0], wanted[unread[0]].title)
    if cut:
        if not wanted or wanted[0].category is None or kind != "search":
            raise RenderError("cut=True: only a search page whose records carry tags is cut")
        wanted[-1] = wanted[-1]._replace(category=None, views=None)
    layout = Layout(
        newline,
        write_date,
        vocabulary.published[0],
        vocabulary.updated[0],
        own_lines,
        write_count=lambda views: views_text(views, vocabulary),
        trailer=vocabulary.trailers[0] if vocabulary.trailers else "",
    )
    if kind == "section":
        text, starts = _section_text(wanted, layout)
    else:
        opening = header_block(vocabulary.tabs, newline) if header else ""
        text, starts = _search_text(wanted, layout, opening, page_size, trailer=trailer)
    text += newline if final_newline else ""
    if verify:
        codes = expected_codes(wanted, unknown_tags, cut=cut)
        failed = verify_text(text, wanted, starts, vocabulary, kind, codes=codes)
        if failed is not None:
            index, reason = failed
            raise RenderError(reason, index, wanted[index].title) if wanted else RenderError(reason)
    return text


# -- options and what cannot be written -------------------------------------------------------


def _check_options(
    newline: str, page_size: int | None, kind: str, header: bool | None, trailer: bool
) -> bool:
    """The options that make sense together; returns whether pages open with the header."""
    if newline not in _NEWLINES:
        raise RenderError(f"newline must be one of {_NEWLINES!r}, not {newline!r}")
    if page_size is not None and (isinstance(page_size, bool) or page_size < 1):
        raise RenderError(f"page_size must be a positive number of records, not {page_size!r}")
    if kind not in _KINDS:
        raise RenderError(f"kind must be one of {_KINDS!r}, not {kind!r}")
    if kind == "section":
        if header or page_size is not None or trailer:
            raise RenderError(
                "a section page is one list: no header, page_size or trailer (seen only on"
                " search pages)"
            )
        return False
    return True if header is None else header


class _Shown(NamedTuple):
    """Which optional fields the text shows."""

    views: bool
    updated: bool
    categories: bool


def _checked(
    given: RecordContent,
    index: int,
    grammar: Grammar,
    shape: Shape,
    shown: _Shown,
    *,
    builtin_style: bool,
) -> RecordContent:
    """What the text will say of the record, or `RenderError` for what no dump could carry.

    The record is checked as given (a negative count is refused even when counts are left
    out), its category as it will be written.
    """
    category = given.category if shown.categories else None
    reason = record_problem(
        given._replace(category=category), grammar, builtin_style=builtin_style, shape=shape
    )
    if reason:
        raise RenderError(reason, index, given.title)
    return given._replace(
        views=given.views if shown.views else None,
        updated=given.updated if shown.updated else None,
        category=category,
    )


def _check_joins(wanted: list[RecordContent], shape: Shape, page_size: int | None) -> None:
    mixed = mixed_categories(wanted)
    if mixed is not None:
        raise RenderError(
            "a dump's records all carry a category tag or none does, and this one differs"
            " from the first",
            mixed,
            wanted[mixed].title,
        )
    opening = opening_problem(*wanted[:2]) if shape.kind == "search" and len(wanted) > 1 else None
    if opening:
        raise RenderError(opening, 1, wanted[1].title)
    evidence = False  # whether the parser has seen, by then, that the dump carries tags
    for index in range(1, len(wanted)):
        previous = wanted[index - 1]
        if page_size is not None and index % page_size == 0:
            evidence = evidence or previous.category is not None  # a tag, then a line break
            continue  # a page break ends the previous record
        reason = join_problem(previous, wanted[index], shape=shape, evidence=evidence)
        if reason:
            raise RenderError(reason, index, wanted[index].title)
        evidence = evidence or strong_join(previous, wanted[index])


# -- writing and checking -------------------------------------------------------------------


def _search_text(
    wanted: Sequence[RecordContent],
    layout: Layout,
    opening: str,
    page_size: int | None,
    *,
    trailer: bool,
) -> tuple[str, list[int]]:
    """The search pages, and where each record starts in them (to place diagnostics)."""
    if wanted and not opening and wanted[0].title.startswith("\ufeff"):
        raise RenderError(
            "the title opens the text with U+FEFF, which parse skips as a byte-order mark",
            0,
            wanted[0].title,
        )
    size = page_size or max(len(wanted), 1)
    separator = layout.newline if layout.own_lines else ""
    pieces: list[str] = []
    starts: list[int] = []
    length = 0
    for first in range(0, len(wanted), size):
        piece = (layout.newline if first else "") + opening
        last = min(first + size, len(wanted))
        for index in range(first, last):
            piece += separator if index > first else ""
            starts.append(length + len(piece))
            piece += _written(search_record, wanted[index], layout, index)
        if trailer:
            piece += layout.newline + trailer_line(first + 1, last, len(wanted), layout)
        pieces.append(piece)
        length += len(piece)
    if not wanted:
        pieces.append(opening.removesuffix(layout.newline))
    return "".join(pieces), starts


def _section_text(wanted: Sequence[RecordContent], layout: Layout) -> tuple[str, list[int]]:
    """A section page: one line a record, and where each line starts."""
    lines = [_written(section_line, item, layout, index) for index, item in enumerate(wanted)]
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + len(layout.newline))
    return layout.newline.join(lines), starts[: len(lines)]


def _written(
    writer: Callable[[RecordContent, Layout], str],
    item: RecordContent,
    layout: Layout,
    index: int,
) -> str:
    try:
        return writer(item, layout)
    except RenderError as error:  # a date style that gives no text
        raise RenderError(error.reason, index, item.title) from None


def _date_writer(style: DateStyle) -> Callable[[date], str]:
    if style == "en-GB":
        return lambda day: f"{day.day} {_GB_MONTHS[day.month - 1]} {day.year}"
    if style == "en-US":
        return lambda day: f"{_US_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if isinstance(style, str) or not callable(style):
        raise RenderError(f"style must be 'en-GB', 'en-US' or a callable, not {style!r}")

    def checked(day: date) -> str:
        text = style(day)
        if not isinstance(text, str):
            raise RenderError(f"the date style gave {text!r} for {day}, not a str")
        return text

    return checked


def _title_hint(title: object) -> str:
    if not isinstance(title, str):
        return ""
    return f" ({title if len(title) <= 40 else title[:39] + '…'!r})"
