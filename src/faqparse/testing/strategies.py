"""Hypothesis strategies for dumps: renderable records, lists of them, and their text.

Needs Hypothesis (``pip install 'faqparse[hypothesis]'``). Everything drawn here is accepted
by `faqparse.testing.render` with any of its options (draw ``dumps(views=False)`` to render
with ``views=False``), so a property can render it, parse the text and expect the same
records back. Compare them with `faqparse.testing.content`: the drawn records carry
placeholder ``source``, ``index`` and ``span``.

The text is drawn from help-center words mixed with what makes a dump hard to read: digits
and commas next to view counts, tab labels, category tag words, label words, month names,
Unicode white space, byte-order marks, NUL, mojibake, right-to-left text and emoji. Titles
often start with a digit or a tag word, the two places where a title meets the field before
it.
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

from .._locales.vocabulary import ENGLISH
from .._model import Record
from .._scan.grammar import grammar_for
from ._render import DateStyle, RenderOptions, content, render
from ._render_rules import (
    Kind,
    RecordContent,
    Shape,
    join_problem,
    opening_problem,
    record_problem,
    tag_words,
)

__all__ = [
    "DATE_STYLES",
    "TAG_WORDS",
    "UNKNOWN_TAGS",
    "categories",
    "dates",
    "dump_texts",
    "dumps",
    "records",
    "render_options",
    "snippets",
    "titles",
    "unknown_tag_dumps",
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
    "&amp;", "Published on", "Updated on", "Product documentation", "FAQs", "documentation",
    "Showing", "1-3", "of", "articles", "\u2013",
)  # fmt: skip
_SPACES: Final = (" ", " ", " ", "", "\xa0", "\t", "  ", "\u2009", "\u3000", "\x85", "\u2028")
_ODD_CHARACTERS: Final = "0123456789,.:;!?-/() \xa0\t\x0b\x0c\x1c\x85\u2028\ufeff\x00AaPpUuOoNn"
_LINE_BREAKS: Final = ("\n", "\r\n", "\r")
_GRAMMAR: Final = grammar_for(ENGLISH)
TAG_WORDS: Final = tag_words(ENGLISH)
"""The English category tags, as `categories` draws them."""
# Titles and snippets are drawn to fit the strictest shape (fields on their own lines), so
# that they fit every other shape too.
_STRICTEST: Final = Shape(own_lines=True)


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
    if title.startswith("\ufeff"):
        return False  # read as a byte-order mark when the title opens the text
    record = RecordContent(title, "snippet", date(2000, 1, 1), None, None)
    return record_problem(record, _GRAMMAR, builtin_style=True, shape=_STRICTEST) is None


def _fits_as_snippet(snippet: str) -> bool:
    record = RecordContent("title", snippet, date(2000, 1, 1), None, None)
    return record_problem(record, _GRAMMAR, builtin_style=True, shape=_STRICTEST) is None


def _plain(title: str) -> str:
    """The title, made to start with an upper-case letter that is not a tag word's: such a
    title may follow any record (after a short count, a tag, a bare date)."""
    folded = title.casefold()
    if title[0].isupper() and not any(folded.startswith(t.casefold()) for t in TAG_WORDS):
        return title
    return "Why " + title


_BASE_TITLES: Final = (
    st.tuples(_piece, st.sampled_from(_SPACES), st.just("") | _piece)
    .map(_title_text)
    .filter(_fits_as_title)
)
_TAG_WORD_TITLES: Final = (
    st.tuples(
        st.sampled_from((*TAG_WORDS, "faq", "ANNOUNCEMENTS", "Product  documentation")),
        st.sampled_from([" ", "s ", ": ", "2", "X", " for ", "\xa0", "-"]),
        _piece,
    )
    .map(_title_text)
    .filter(_fits_as_title)
)
_DIGIT_TITLES: Final = (
    st.tuples(
        st.sampled_from(["2FA ", "24/7 ", "3 ways ", "100,000 ", "0", "1,2", "2023 "]),
        st.just(""),
        _piece,
    )
    .map(_title_text)
    .filter(_fits_as_title)
)
_TITLES: Final = st.one_of(_BASE_TITLES, _BASE_TITLES, _TAG_WORD_TITLES, _DIGIT_TITLES)
_PLAIN_TITLES: Final = _BASE_TITLES.map(_plain).filter(_fits_as_title)
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
_CATEGORIES: Final = st.sampled_from(TAG_WORDS)
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


def categories() -> st.SearchStrategy[str]:
    """English category tags (`TAG_WORDS`)."""
    return _CATEGORIES


def records(*, tagged: bool = False) -> st.SearchStrategy[Record]:
    """Renderable `faqparse.Record` objects, with source ``<hypothesis>``, index 0, span (0, 0);
    with ``tagged``, each carries a category tag."""
    if not tagged:
        return _RECORDS
    return st.builds(attrs.evolve, _RECORDS, category=_CATEGORIES)


@st.composite
def dumps(
    draw: st.DrawFn,
    *,
    min_size: int = 0,
    max_size: int = 12,
    views: bool = True,
    tagged: bool | None = False,
    kind: Kind = "search",
    own_lines: bool = False,
) -> list[Record]:
    """Lists of records that render together, under any `render` options.

    ``tagged=True`` gives every record a category tag (as searches across categories do),
    ``tagged=None`` draws whether the dump has tags; ``kind="section"`` gives records for a
    section page (no snippets, no tags). Give the ``own_lines`` you render with.

    Where a title meets the field before it, it is redrawn if the text could not say where
    one ends: a title that starts with a digit only follows a comma-grouped count
    (``1,234``); right after a tag it starts with an upper-case letter or a sign; right after
    a date it does not start with a tag word. With ``views=False`` the list also renders with
    the counts left out (``render(..., views=False)``); the tags may always be left out
    (``categories=False``).
    """
    if tagged is None:
        tagged = draw(st.booleans())
    tagged = tagged and kind == "search"
    drawn = draw(st.lists(records(tagged=tagged), min_size=min_size, max_size=max_size))
    if kind == "section":
        drawn = [attrs.evolve(record, snippet="") for record in drawn]
    shape = Shape(kind=kind, own_lines=own_lines)
    if kind == "search" and len(drawn) > 1 and opening_problem(*map(content, drawn[:2])):
        drawn[1] = attrs.evolve(drawn[1], title=draw(_PLAIN_TITLES))  # not a section's opening
    for index in range(1, len(drawn)):
        previous = content(drawn[index - 1])
        if not views:
            previous = previous._replace(views=None)
        current = content(drawn[index])
        # With the tags written (the default) or left out (``categories=False``).
        joins = [(previous, current), (previous._replace(category=None), current)]
        if any(join_problem(*pair, shape=shape) for pair in joins):
            drawn[index] = attrs.evolve(drawn[index], title=draw(_PLAIN_TITLES))
    return [attrs.evolve(record, index=index) for index, record in enumerate(drawn)]


UNKNOWN_TAGS: Final = ("Trading rules", "Product guides", "Documentação do produto", "Earn")
"""Tags the English vocabulary lacks, as `unknown_tag_dumps` draws them."""


@st.composite
def unknown_tag_dumps(draw: st.DrawFn, *, max_size: int = 7) -> tuple[list[Record], tuple[str]]:
    """A tagged dump of four records or more in which two records or more (never the first
    or the last) carry a tag the vocabulary lacks, and that tag: render it with
    ``unknown_tags=(tag,)``, without pages or fields on their own lines (a line break after a
    word run makes it a title). The first record shows a known tag and a count, the
    evidence parse needs, and each title after a changed record is a plain one."""
    drawn = draw(dumps(min_size=4, max_size=max_size, tagged=True))
    tag = draw(st.sampled_from(UNKNOWN_TAGS))
    chosen = draw(st.sets(st.integers(1, len(drawn) - 2), min_size=2))
    if drawn[0].views is None:
        drawn[0] = attrs.evolve(drawn[0], views=draw(st.integers(0, 10**6)))
    for index in chosen:
        drawn[index] = attrs.evolve(drawn[index], category=tag)
    for index in {1} | {i + 1 for i in chosen}:
        drawn[index] = attrs.evolve(drawn[index], title=draw(_PLAIN_TITLES))
    return drawn, (tag,)


@st.composite
def render_options(draw: st.DrawFn, **fixed: Unpack[RenderOptions]) -> RenderOptions:
    """Options for `render`: date style, header, line breaks, pages, fields left out, fields
    on their own lines, trailers.

    Keyword arguments fix an option instead of drawing it (``render_options(style="en-US")``).
    With ``kind="section"`` only the options a section page has are drawn.
    """
    section = fixed.get("kind") == "section"
    options: RenderOptions = {
        "style": draw(st.sampled_from(DATE_STYLES)),
        "header": False if section else draw(st.booleans()),
        "newline": draw(st.sampled_from(_LINE_BREAKS)),
        "page_size": None if section else draw(st.none() | st.integers(1, 4)),
        "views": draw(st.booleans()),
        "updated": draw(st.booleans()),
        "categories": draw(st.booleans()),
        "own_lines": False if section else draw(st.booleans()),
        "trailer": False if section else draw(st.booleans()),
        "final_newline": draw(st.booleans()),
    }
    options.update(fixed)
    return options


@st.composite
def dump_texts(draw: st.DrawFn, tagged: bool | None = False, **fixed: Unpack[RenderOptions]) -> str:
    """The text of a dump drawn with `dumps` (``tagged`` as there), rendered with
    `render_options` (given ``fixed``)."""
    options = draw(render_options(**fixed))
    records = dumps(
        views=options.get("views", True),
        tagged=tagged,
        kind=options.get("kind", "search"),
        own_lines=options.get("own_lines", False),
    )
    return render(draw(records), **options)
