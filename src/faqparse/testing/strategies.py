"""Hypothesis strategies for dumps: renderable records, lists of them, and their text.

Needs Hypothesis (``pip install 'faqparse[hypothesis]'``). Everything drawn here is accepted
by `faqparse.testing.render` with any of its options (draw ``dumps(views=False)`` to render
with ``views=False``), so a property can render it, parse the text and expect the same
records back. Compare them with `faqparse.testing.content`: the drawn records carry
placeholder ``source``, ``index`` and ``span``.

The text is drawn from help-center words mixed with what makes a dump hard to read: digits
and commas next to view counts, tab labels, label words, month names, Unicode white space,
byte-order marks, NUL, mojibake, right-to-left text and emoji.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Final, Unpack

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(
        "faqparse.testing.strategies needs Hypothesis: pip install 'faqparse[hypothesis]'"
    ) from error

from .._grammar import grammar_for
from .._model import Record
from .._vocabulary import ENGLISH
from ._render import (
    DateStyle,
    RecordContent,
    RenderOptions,
    _join_problem,
    _record_problem,
    _text_problem,
    _title_problem,
    content,
    render,
)

__all__ = [
    "DATE_STYLES",
    "dates",
    "dump_texts",
    "dumps",
    "records",
    "render_options",
    "snippets",
    "titles",
    "views",
]

_WORDS: Final = (
    "How", "do", "I", "verify", "my", "account?", "Why", "did", "fail", "passkeys", "(web)",
    "(app)", "OKX", "2FA", "24/7", "P&L", "7.", "6.", "...", "…", "Summary:", "e.g.",
    "All", "FAQ", "Announcements", "Product", "documents", "Published", "Updated", "on",
    "Sept", "Sep", "September", "May", "2023", "29", "1,234", "11,580", "100", ",", ",000",
    "0", "-", "\u2014", "\u2019", "\u201cquoted\u201d", "\u00e2\u20ac\u2122", "\u00c3\u00a9",
    "\ufffd", "\x00", "\ufeff", "\U0001f642", "\U0001f469\u200d\U0001f4bb",
    "🇬🇧", "مرحبا", "שלום", "\u200f", "\u202e", "\u0301", "İ", "ß", "ﬁ", "<b>", "</p>",
    "&amp;", "Published on", "Updated on",
)  # fmt: skip
_SPACES: Final = (" ", " ", " ", "", "\xa0", "\t", "  ", "\u2009", "\u3000", "\x85", "\u2028")
_ODD_CHARACTERS: Final = "0123456789,.:;!?-/() \xa0\t\x0b\x0c\x1c\x85\u2028\ufeff\x00AaPpUuOoNn"
_LINE_BREAKS: Final = ("\n", "\r\n", "\r")
_GRAMMAR: Final = grammar_for(ENGLISH)


_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _long_style(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


DATE_STYLES: Final[tuple[DateStyle, ...]] = ("en-GB", "en-US", date.isoformat, _long_style)
"""The date styles `render_options` draws from: both seed styles, ISO and full month names."""


def _phrases(count: int) -> tuple[str, ...]:
    """Phrases of one to six words, made once: one draw picks a phrase, which keeps the
    strategies quick (Hypothesis pays per draw) at the price of a fixed stock of phrases."""
    pick = random.Random(5).choice
    return tuple(" ".join(pick(_WORDS) for _ in range(1 + index % 6)) for index in range(count))


_phrase = st.sampled_from(_phrases(2000))
_piece = st.one_of(
    _phrase,
    _phrase,
    st.text(alphabet=_ODD_CHARACTERS, min_size=1, max_size=10),
    st.text(min_size=1, max_size=16),
)


def _title_text(parts: tuple[str, str, str]) -> str:
    return "".join(parts).replace("\r", " ").replace("\n", " ").strip()


def _fits_as_title(title: str) -> bool:
    return not (
        _text_problem("title", title, _GRAMMAR)
        or _title_problem(title, _GRAMMAR)
        or title.startswith("\ufeff")
    )


def _fits_as_snippet(snippet: str) -> bool:
    record = RecordContent("title", snippet, date(2000, 1, 1), None, None)
    return _record_problem(record, _GRAMMAR, builtin_style=True) is None


def _starts_plainly(title: str) -> bool:
    return title[0] not in "0123456789,"


_TITLES: Final = (
    st.tuples(_piece, st.sampled_from(_SPACES), st.just("") | _piece)
    .map(_title_text)
    .filter(_fits_as_title)
)
_PLAIN_TITLES: Final = _TITLES.filter(_starts_plainly)
_TAB_LINES: Final = st.sampled_from(["All", "FAQ", "", "Product documents", "  faq "])
_SNIPPET_LINES: Final = st.one_of(_piece, _piece, _TAB_LINES)
_SNIPPETS: Final = (
    st.lists(st.tuples(_SNIPPET_LINES, st.sampled_from(_LINE_BREAKS)), min_size=1, max_size=3)
    .map(lambda lines: "".join(line + line_break for line, line_break in lines).strip())
    .filter(_fits_as_snippet)
)
# One draw per date (st.dates takes three), shrinking towards 1 Jan 2000.
_DATES: Final = st.integers(
    date(1000, 1, 1).toordinal() - date(2000, 1, 1).toordinal(),
    date.max.toordinal() - date(2000, 1, 1).toordinal(),
).map(lambda days: date.fromordinal(date(2000, 1, 1).toordinal() + days))
_VIEWS: Final = st.one_of(
    st.none(),
    st.sampled_from([0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 100_000, 1_000_000]),
    st.integers(0, 10**4),
    st.integers(0, 10**15),
)
_RECORDS: Final = st.builds(
    Record,
    title=_TITLES,
    snippet=_SNIPPETS,
    published=_DATES,
    updated=st.none() | _DATES,
    views=_VIEWS,
    source=st.just("<hypothesis>"),
    index=st.just(0),
    span=st.just((0, 0)),
)


def titles() -> st.SearchStrategy[str]:
    """One-line titles that render wherever the record stands (but see `dumps` for digits)."""
    return _TITLES


def snippets() -> st.SearchStrategy[str]:
    """Snippets, some over several lines (with any line break, a lone tab label among them)."""
    return _SNIPPETS


def dates() -> st.SearchStrategy[date]:
    """Dates with the four-digit year a dump has."""
    return _DATES


def views() -> st.SearchStrategy[int | None]:
    """View counts, weighted to the edges of the comma grouping, or ``None``."""
    return _VIEWS


def records() -> st.SearchStrategy[Record]:
    """Renderable `faqparse.Record` objects, with source ``<hypothesis>``, index 0, span (0, 0)."""
    return _RECORDS


@st.composite
def dumps(
    draw: st.DrawFn, *, min_size: int = 0, max_size: int = 12, views: bool = True
) -> list[Record]:
    """Lists of records that render together, under any `render` options.

    A title that starts with a digit only follows a comma-grouped count (``1,234``), the one
    place the grouping says where the count ends. With ``views=False`` the list also renders
    with the counts left out (``render(..., views=False)``), so no title after the first
    starts with a digit.
    """
    drawn = draw(st.lists(_RECORDS, min_size=min_size, max_size=max_size))
    for index in range(1, len(drawn)):
        previous = content(drawn[index - 1])
        if not views:
            previous = previous._replace(views=None)
        if _join_problem(previous, content(drawn[index])):
            drawn[index] = attrs.evolve(drawn[index], title=draw(_PLAIN_TITLES))
    return [attrs.evolve(record, index=index) for index, record in enumerate(drawn)]


@st.composite
def render_options(draw: st.DrawFn, **fixed: Unpack[RenderOptions]) -> RenderOptions:
    """Options for `render`: date style, header, line breaks, pages, fields left out.

    Keyword arguments fix an option instead of drawing it (``render_options(style="en-US")``).
    """
    options: RenderOptions = {
        "style": draw(st.sampled_from(DATE_STYLES)),
        "header": draw(st.booleans()),
        "newline": draw(st.sampled_from(_LINE_BREAKS)),
        "page_size": draw(st.none() | st.integers(1, 4)),
        "views": draw(st.booleans()),
        "updated": draw(st.booleans()),
        "final_newline": draw(st.booleans()),
    }
    options.update(fixed)
    return options


@st.composite
def dump_texts(draw: st.DrawFn, **fixed: Unpack[RenderOptions]) -> str:
    """The text of a dump drawn with `dumps`, rendered with `render_options` (given ``fixed``)."""
    options = draw(render_options(**fixed))
    return render(draw(dumps(views=options.get("views", True))), **options)
