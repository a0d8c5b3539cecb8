"""The terminal table: rows as columns measured in display cells, fitted to the terminal.

A Chinese character or an emoji takes two cells of a terminal, a combining accent none: the
columns are measured in cells, not characters, or the rows of a Chinese dump would not line up.
Which columns a table shows is decided here, by their names, so that CSV and JSON keep every
column: the long ones (snippets, spans) never; an article's id cut to a short prefix that is
still unique among the rows shown; a source cut from its start (its file name is at the end);
``locale`` and ``category`` only once they differ between rows. When a row does not fit, the
columns of least use go first (see `_DROP`), so that the title keeps at least `TITLE_CELLS`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, Final, Protocol

__all__ = ["TABLE_PAGE", "TITLE_CELLS", "cell_width", "terminal_cell_width", "write_table"]

TABLE_PAGE: Final = 1000
"""Rows a table holds at once: it is printed a page at a time, so an endless stream of rows
runs in bounded memory, and the first rows show without waiting for the last."""
TITLE_CELLS: Final = 30
"""The title's width below which other columns are dropped: a title cut shorter is rarely
recognisable (30 cells: about five English words, fifteen Chinese characters)."""
NARROWEST_TITLE: Final = 10
"""The title's width when even the columns that are never dropped leave it less room."""
SHORT_ID: Final = 8
"""Cells of an article id shown at least: ``history --id`` takes a prefix of 6 or more."""
SOURCE_CELLS: Final = 24
"""Cells of a source name shown at most, its end kept: ``…/dumps/2026-06-04.txt``."""

_NEVER: Final = frozenset({"snippet", "snippets", "span_start", "span_end"})
_WHILE_VARIED: Final = frozenset({"locale", "category"})
"""Shown only once two rows differ: one locale, or no category, says nothing per row."""
_DROP: Final = (
    "category", "locale", "views_before", "first_seen", "observations", "index", "updated",
    "gained", "published", "captured", "changes", "views", "source",
)  # fmt: skip
"""The columns a narrow terminal drops, first dropped first; ``id`` and ``title`` stay."""


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: 2 for wide and full-width characters (CJK, most emoji),
    0 for combining and format characters, 1 for the rest. The table's measure when rich is
    not loaded; tests hold it equal to rich's on CJK, kana, hangul, emoji and accents."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def terminal_cell_width(terminal: bool) -> Callable[[str], int]:
    """rich's cell measure for a table on a terminal (rich is what draws the rest there), when
    it is installed; `cell_width` otherwise, so that a pipe never loads rich."""
    if terminal:
        try:
            from rich.cells import cell_len  # noqa: PLC0415
        except ImportError:
            return cell_width
        return cell_len
    return cell_width


class _Out(Protocol):
    def write(self, text: str, /) -> int: ...


def write_table(
    rows: Iterable[dict[str, Any]],
    out: _Out,
    columns: list[str],
    flatten: Callable[[dict[str, Any]], list[Any]],
    width: int,
    *,
    measure: Callable[[str], int] = cell_width,
) -> int:
    """The rows as columns fitted to ``width`` cells, a page of `TABLE_PAGE` rows at a time;
    returns how many rows were written.

    The columns are as wide as the widest cell seen so far; when a page changes them (wider,
    one dropped, one shown), the header is printed again above it, so that every row stands
    under its names.
    """
    layout = _Layout(columns, width, measure)
    page: list[list[str]] = []
    count = 0
    printed = False
    for row in rows:
        flat = flatten(row)
        page.append([_cell(value) for value in flat])
        if len(page) == TABLE_PAGE:
            layout.page(page, out, first=not printed)
            printed = True
            count += len(page)
            page = []
    if page or not printed:
        layout.page(page, out, first=not printed)
        count += len(page)
    return count


class _Layout:
    """Which columns show and how wide, as pages of rows widen them; it keeps no rows."""

    def __init__(self, columns: list[str], width: int, measure: Callable[[str], int]) -> None:
        self.columns, self.width, self.measure = columns, width, measure
        self.widest = [measure(name) for name in columns]
        self.first: list[str | None] = [None] * len(columns)  # a cell, while all are equal
        self.varied = [name not in _WHILE_VARIED for name in columns]
        self.id_cells = SHORT_ID
        self.before: list[tuple[int, int]] | None = None

    def page(self, page: list[list[str]], out: _Out, *, first: bool) -> None:
        """Print one page of cells (the header too, first or when the columns changed)."""
        self._see(page)
        sizes = self._sizes()
        lines = page if sizes == self.before else [self.columns, *page]
        if not first and sizes != self.before:
            out.write("\n")
        self.before = sizes
        for cells in lines:
            line = "  ".join(self._fit(cells[i], size, self.columns[i]) for i, size in sizes)
            out.write(line.rstrip() + "\n")

    def _see(self, page: list[list[str]]) -> None:
        if "id" in self.columns:
            self.id_cells = _unique_prefix([cells[self.columns.index("id")] for cells in page],
                                           self.id_cells)  # fmt: skip
        for i, name in enumerate(self.columns):
            if name in _NEVER:
                continue
            for cells in page:
                cell = cells[i]
                if self.first[i] is None:
                    self.first[i] = cell
                elif cell != self.first[i]:
                    self.varied[i] = True
                self.widest[i] = max(self.widest[i], self.measure(cell))
            if name == "id":
                self.widest[i] = min(self.widest[i], self.id_cells)
            elif name == "source":
                self.widest[i] = min(self.widest[i], SOURCE_CELLS)

    def _sizes(self) -> list[tuple[int, int]]:
        """(column, cells) of the columns shown, in order."""
        shown = [i for i, name in enumerate(self.columns) if name not in _NEVER and self.varied[i]]
        title = self.columns.index("title") if "title" in self.columns else None

        def room() -> int:  # cells the title gets, the others at their widest
            others = sum(self.widest[i] for i in shown if i != title)
            return self.width - others - 2 * (len(shown) - 1)

        for name in _DROP:
            if title is None or room() >= min(self.widest[title], TITLE_CELLS):
                break
            if name in self.columns and self.columns.index(name) in shown:
                shown.remove(self.columns.index(name))
        sizes = [(i, self.widest[i]) for i in shown]
        if title is not None and title in shown:
            cells = max(NARROWEST_TITLE, min(self.widest[title], room()))
            sizes = [(i, cells if i == title else size) for i, size in sizes]
        return sizes

    def _fit(self, cell: str, size: int, name: str) -> str:
        """``cell`` padded or cut to ``size`` cells: with ``…`` at the end, a source at its
        start, an id without one (a prefix is what ``history --id`` takes)."""
        cells = self.measure(cell)
        if cells <= size:
            return cell + " " * (size - cells)
        if name == "id" and cell != "id":
            return _cut(cell, size, self.measure)
        if name == "source":
            tail = _cut(cell[::-1], size - 1, self.measure)[::-1]
            return "…" + tail
        return _cut(cell, size - 1, self.measure) + "…"


def _cut(text: str, size: int, measure: Callable[[str], int]) -> str:
    """The longest start of ``text`` within ``size`` cells, padded to exactly ``size``."""
    taken, cells = [], 0
    for char in text:
        width = measure(char)
        if cells + width > size:
            break
        taken.append(char)
        cells += width
    return "".join(taken) + " " * (size - cells)


def _unique_prefix(ids: list[str], cells: int) -> int:
    """The shortest prefix length, ``cells`` or more, that tells the ids of a page apart.

    Only the page is compared (the rest is not held): 8 hex digits make a clash between
    pages unlikely, and ``history --id`` lists every article a prefix matches. Twins (articles
    sharing a title and a date, ids ``BASE-DIGEST-INDEX``) differ only after their common
    16-digit base: they share a short id, which ``history --id`` lists both of, rather than
    widening the column to their whole ids."""
    distinct = {i.split("-", 1)[0] for i in ids}
    longest = max((len(i) for i in distinct), default=0)
    while cells < longest and len({i[:cells] for i in distinct}) < len(distinct):
        cells += 1
    return cells


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return " ".join(str(value).split())
