"""What `render` refuses: the records and joins no dump text could carry unambiguously.

A dump has no escaping, so every rule here names a way the text of one field would run into
another. Each function returns the reason as a sentence, or ``None`` when the text is safe.
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date, datetime
from typing import Final, Literal, NamedTuple

import regex

from .._locales.vocabulary import Vocabulary
from .._scan.dates import SPACE
from .._scan.grammar import Grammar, tag_pattern
from .._scan.pages import is_tab, is_trailer
from .._scan.tags import ends_tag
from .._scan.views import runs_on

__all__ = ["Kind", "RecordContent", "Shape", "opening_problem", "strong_join", "tag_words"]

Kind = Literal["search", "section"]

_DIGITS: Final = frozenset("0123456789")
_COUNT_LINE: Final = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*")
_BULLETED: Final = regex.compile(rf"-{SPACE}+\S")
"""A line of a section page's list: a ``- `` bullet, then a title."""
_ENGLISH_TAGS: Final = ("Announcements", "FAQ", "Product documentation")
"""The category tags of English searches across categories (not the tab names)."""


class RecordContent(NamedTuple):
    """The fields a dump carries: what render writes and parse reads back."""

    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None
    category: str | None = None


class Shape(NamedTuple):
    """The layout a record list is written in, as far as the rules care."""

    kind: Kind = "search"
    own_lines: bool = False
    tags: tuple[str, ...] = _ENGLISH_TAGS
    separators: str = ","
    """The locale's count group separators: a title must not start with one after a count."""
    ungrouped_digits: int = 3
    """The most digits a count shows without a separator."""


SEARCH: Final = Shape()
"""Glued search results, the commonest shape."""


def tag_words(vocabulary: Vocabulary) -> tuple[str, ...]:
    """The category tags a vocabulary's searches print."""
    return vocabulary.tags


def record_problem(
    item: RecordContent, grammar: Grammar, *, builtin_style: bool, shape: Shape = SEARCH
) -> str | None:
    """Why this record cannot be written wherever it stands in a dump, or ``None``."""
    return (
        _text_problem("title", item.title, grammar)
        or _title_problem(item.title, grammar, shape)
        or _body_problem(item.snippet, grammar, shape)
        or _date_problem("published", item.published, builtin_style=builtin_style)
        or (
            None
            if item.updated is None
            else _date_problem("updated", item.updated, builtin_style=builtin_style)
        )
        or _views_problem(item.views)
        or _category_problem(item.category, shape)
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


def _title_problem(title: str, grammar: Grammar, shape: Shape) -> str | None:
    if "\r" in title or "\n" in title:
        return "the title contains a line break: a title is one line"
    if _is_tab(title, grammar):
        return f"the title {title!r} is a tab label: it would read as the header"
    if is_trailer(title, (0, len(title)), grammar):
        return f"the title {title!r} reads as the pagination line that ends a page"
    if title.casefold() in {tag.casefold() for tag in shape.tags}:
        return f"the title {title!r} is a category tag: it would read as one"
    if shape.own_lines and _COUNT_LINE.fullmatch(title):
        return f"the title {title!r} stands on its own line and reads as a view count"
    return None


def _body_problem(snippet: str, grammar: Grammar, shape: Shape) -> str | None:
    if shape.kind == "section":
        return None if snippet == "" else "a section page has no snippets: the snippet must be ''"
    return _text_problem("snippet", snippet, grammar) or _snippet_problem(snippet, grammar, shape)


def _snippet_problem(snippet: str, grammar: Grammar, shape: Shape) -> str | None:
    # Two tab-label lines in a row inside a snippet read as the header of a new page. The
    # snippet's last line runs into the label, so it is a line of its own only when the
    # fields stand on their own lines.
    lines = grammar.line_break.split(snippet)
    if not shape.own_lines:
        lines = lines[:-1]
    for first, second in itertools.pairwise(lines):
        if _is_tab(first, grammar) and _is_tab(second, grammar):
            return (
                f"the snippet has the lines {first!r} and {second!r} in a row,"
                " which would read as the header of a new page"
            )
    for line in lines:
        if is_trailer(line, (0, len(line)), grammar):
            return f"the snippet has the line {line!r}, which reads as a pagination line"
    return None


def _is_tab(line: str, grammar: Grammar) -> bool:
    return is_tab(line, (0, len(line)), grammar)


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


def _category_problem(category: object, shape: Shape) -> str | None:
    if category is None:
        return None
    if shape.kind == "section":
        return "a section page carries no category tags: the category must be None"
    if category not in shape.tags:
        known = ", ".join(repr(tag) for tag in shape.tags) or "none"
        return f"the category {category!r} is not a tag word of the vocabulary (known: {known})"
    return None


def mixed_categories(items: list[RecordContent]) -> int | None:
    """The first record whose tag disagrees with the first record's: a dump's records all
    carry a category tag or none does, and the parser reads them by that evidence."""
    for index, item in enumerate(items):
        if (item.category is None) != (items[0].category is None):
            return index
    return None


def join_problem(
    previous: RecordContent, item: RecordContent, *, shape: Shape = SEARCH, evidence: bool = False
) -> str | None:
    """A title runs on from the previous record's metadata: it must not extend it.

    ``evidence``: an earlier join already showed that the dump carries tags (see
    `strong_join`); until one has, a sign right after a tag cannot be told from a title that
    starts with the tag word.
    """
    if shape.kind == "section" or shape.own_lines:
        return None  # a line break ends the previous record
    if previous.category is not None and previous.views is None:
        if not evidence and not item.title[:1].isalnum():
            return (
                f"the title starts with {item.title[:1]!r} right after a category tag, before"
                " the dump has shown that it carries tags: it would read as a title that"
                " starts with the tag word"
            )
        return _after_tag_problem(item.title) or _after_date_problem(previous, item.title, shape)
    if previous.category is None and previous.views is None:
        return _tag_word_problem(item.title, shape) or _after_date_problem(
            previous, item.title, shape
        )
    return _after_date_problem(previous, item.title, shape)


def opening_problem(first: RecordContent, second: RecordContent) -> str | None:
    """A search dump must not open the way a section page does: the first snippet's last line
    a ``- `` bullet line, and the next title another, reads as a section's heading and list."""
    last_line = regex.split(r"\r\n|\r|\n", first.snippet)[-1]
    if _BULLETED.match(last_line) and _BULLETED.match(second.title):
        return (
            "the first snippet's last line and this title both start with a '- ' bullet:"
            " the dump would read as a section page under a heading"
        )
    return None


def strong_join(previous: RecordContent, item: RecordContent) -> bool:
    """Whether this join shows the parser that the dump carries tags: a tag followed by a
    digit (its count) or by a title that starts with an upper-case letter or a digit."""
    if previous.category is None:
        return False
    return previous.views is not None or ends_tag(item.title[:1])


def _after_date_problem(previous: RecordContent, title: str, shape: Shape) -> str | None:
    first = title[:1]
    if previous.views is None:
        if first in _DIGITS:
            return (
                "the title starts with a digit and the previous record has no view count:"
                " the digit would read as its views"
            )
        return None
    # The count as `render` writes it, asked as the parser asks it (`_scan.views.runs_on`).
    if previous.views < 10**shape.ungrouped_digits:
        digits = str(previous.views)
    else:
        digits = f"{previous.views:,}".replace(",", shape.separators[0])
    if not runs_on(digits, title, shape.separators):
        return None
    if first in _DIGITS:
        separator = "comma" if shape.separators == "," else "separator"
        return (
            f"the title starts with a digit right after the previous record's view count"
            f" {previous.views}, which has no {separator} to say where it ends: the split is"
            " undecidable"
        )
    return (
        f"the title starts with {first!r} right after the previous record's view count,"
        " which would read as part of the count"
    )


def _after_tag_problem(title: str) -> str | None:
    # Right after a tag, only what ends a tag word (`_scan.tags.ends_tag`) or a sign says the
    # tag word ended: a letter without case is refused too, as the parser reads it as a sign.
    first = title[:1]
    if first.isalpha() and not ends_tag(first):
        return (
            f"the title starts with {first!r} right after the previous record's category tag:"
            " it would read as part of the tag word"
        )
    return None


def _tag_word_problem(title: str, shape: Shape) -> str | None:
    # In a dump without tags a tag word right after a date is a title's first word only if a
    # space or a letter that does not end it (`_scan.tags.ends_tag`) follows it; anything
    # else may read as a tag. The tag words are matched as the parser matches them
    # (`_scan.grammar.tag_pattern`).
    found = _tag_start(shape.tags).match(title)
    if found is not None:
        after = title[found.end() : found.end() + 1]
        if ends_tag(after) or not (after.isspace() or after.isalpha()):
            return (
                f"the title starts with the tag word {found.group()!r} right after a date:"
                " it would read as the previous record's category"
            )
    return None


@functools.cache
def _tag_start(tags: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(tag_pattern(tags) if tags else "(?!)")
