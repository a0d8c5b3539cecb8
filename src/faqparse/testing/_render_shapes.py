"""The text of each shape a dump page takes, one function per shape.

These only write: whether the text reads back is `_render_rules`' business, and putting the
pieces into pages is `render`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final, NamedTuple

from ._render_rules import RecordContent

__all__ = ["Layout", "header_block", "search_record", "section_line", "trailer_line"]


class Layout(NamedTuple):
    """How one dump is written: its words, its date style and where its lines break."""

    newline: str
    write_date: Callable[[date], str]
    published_label: str
    updated_label: str
    own_lines: bool = False
    write_count: Callable[[int], str] = "{:,}".format
    """The locale's count grouping (``11,580``, ``4 225``)."""
    trailer: str = "Showing {first}-{last} of {total} articles"
    """The pagination line, a template of the vocabulary's (``Vocabulary.trailers``)."""


def header_block(tabs: Sequence[str], newline: str) -> str:
    """The tab labels that open a search page, one a line."""
    return "".join(tab + newline for tab in tabs)


def metadata(item: RecordContent, layout: Layout) -> str:
    """``Published on DATE[Updated on DATE][TAG]``: the dates and the tag, without the count."""
    text = f"{layout.published_label} {layout.write_date(item.published)}"
    if item.updated is not None:
        text += f"{layout.updated_label} {layout.write_date(item.updated)}"
    return text + (item.category or "")


def search_record(item: RecordContent, layout: Layout) -> str:
    """A search result: title, snippet, metadata and count.

    Glued, as most pages are, the snippet runs into the label and the count into the next
    title. With ``own_lines`` the label starts a line and the count stands on a line of its
    own (the next record then starts on the next line).
    """
    count = "" if item.views is None else layout.write_count(item.views)
    if layout.own_lines:
        newline = layout.newline
        tail = newline + count if count else ""
        return f"{item.title}{newline}{item.snippet}{newline}{metadata(item, layout)}{tail}"
    return f"{item.title}{layout.newline}{item.snippet}{metadata(item, layout)}{count}"


def section_line(item: RecordContent, layout: Layout) -> str:
    """A section page's line: ``- TitlePublished on …Updated on …123``, no snippet."""
    count = "" if item.views is None else layout.write_count(item.views)
    return f"- {item.title}{metadata(item, layout)}{count}"


def trailer_line(first: int, last: int, total: int, layout: Layout) -> str:
    """The pagination line that ends a search page: records ``first`` to ``last`` (1-based),
    in the vocabulary's first trailer form."""
    numbers = {"first": first, "last": last, "total": total}
    return _TRAILER_FIELD.sub(lambda field: layout.write_count(numbers[field[1]]), layout.trailer)


_TRAILER_FIELD: Final = re.compile(r"\{(first|last|total)\}")
