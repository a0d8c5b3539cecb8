"""The grammar of a dump, compiled once per vocabulary.

``docs/format.md`` is the prose version of these patterns; keep the two in step.

Which engine where, as measured (``docs/performance.md``): the standard ``re`` module finds a
literal label like ``Published on`` fastest, but a case-insensitive label makes it four times
slower, as it loses its literal-prefix search. ``regex`` keeps a fast search for one
case-insensitive literal. So a text is first searched by ``regex`` for a published label that
is *not* in its vocabulary spelling (`off_case`); when there is none, as in every dump seen so
far, the metadata scan runs on ``re`` with the exact spelling (`fast_meta`); otherwise on
``regex`` with labels in any case (`meta`). Both patterns have the same groups and accept the
same metadata, so the choice changes speed, never results.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import attrs
import regex

from .._locales.vocabulary import Vocabulary
from .dates import SPACE, SPACE_CHARACTERS, DateReader, date_pattern, scan_month_pattern

__all__ = [
    "HORIZONTAL_SPACE",
    "META_GROUPS",
    "Grammar",
    "grammar_for",
    "label_pattern",
    "skip_space",
    "tag_pattern",
    "trailer_pattern",
]

COUNT: Final = r"[0-9]{1,3}(?:,[0-9]{3}){0,6}"
"""A view count: 1,000 and more are comma-grouped, so the grouping says where it ends.

Seven groups at most: past a quintillion views a run of digits is not a count, and a bound
keeps a run of thousands of digits away from ``int()``."""


def count_pattern(vocabulary: Vocabulary) -> str:
    """`COUNT` with the locale's group separators (``12 027``, ``147.473``).

    A locale that writes four digits without a separator (``2871``) reads them as one count.
    """
    separators = "".join(f"\\u{ord(c):04x}" for c in vocabulary.count_separators)
    if separators == "\\u002c" and vocabulary.ungrouped_digits == 3:
        return COUNT  # the English pattern, spelled as it always was
    grouped = f"[0-9]{{1,3}}(?:[{separators}][0-9]{{3}}){{0,6}}"
    if vocabulary.ungrouped_digits == 3:
        return grouped
    return f"(?:[0-9]{{1,3}}(?:[{separators}][0-9]{{3}}){{1,6}}|[0-9]{{1,4}})"


_CANDIDATE_CHARS: Final = 40
"""How far an unusual date may run before the grammar stops looking for its year."""


def label_pattern(labels: tuple[str, ...], *, case: str = "any") -> str:
    """Labels with any run of spaces between their words, in any letter case by default.

    ``case="exact"`` is the vocabulary's spelling; ``case="classes"`` spells each letter as a
    class of its two cases, which ``re`` matches without losing speed after a literal prefix.
    """

    def word(text: str) -> str:
        if case != "classes":
            return regex.escape(text)
        return "".join(
            f"[{c.upper()}{c.lower()}]" if c.isalpha() else regex.escape(c) for c in text
        )

    spelled = sorted((f"{SPACE}+".join(map(word, label.split())) for label in labels), key=len)
    alternatives = "|".join(reversed(spelled))
    if case == "any":
        return f"(?i:{alternatives})"
    # A lone label stays bare: ``re`` only searches fast for a literal the pattern starts with.
    return alternatives if len(spelled) == 1 else f"(?:{alternatives})"


def _after_count(separators: str) -> str:
    """A digit or a separator right after a count: the run-on the full reader must judge.

    A space separator counts only before a digit: after a count, a space and a word are text.
    """
    if separators == ",":
        return "[0-9,]"  # the English pattern, spelled as it always was
    bare = "".join(f"\\u{ord(c):04x}" for c in separators if c not in SPACE_CHARACTERS)
    spaces = "".join(f"\\u{ord(c):04x}" for c in separators if c in SPACE_CHARACTERS)
    after = f"[0-9{bare}]"
    return f"(?:{after}|[{spaces}](?=[0-9]))" if spaces else after


_META: Final = r"""
    <PUBLISHED>                            # the published label: every match starts with one
                                           # (no group: one substring less for every record)
    <SP>*(?P<published><DATE>)?            # its date, when written in a style the scan knows
    (?:<SP>*(?P<updated_label><UPDATED>)   # an updated label ...
       <SP>*(?P<updated><DATE>)?)?         # ... and its date (missing: the full reader judges)
    (?:<SP>*(?P<tag><TAG>))?               # a category tag word, whatever follows it (`tags`)
    <SP>*(?P<views><COUNT>)?               # the view count
    (?:(?=(?P<run_on><AFTER>)))?           # a digit or separator right after the metadata:
                                           # a count that may run on, or a cut (`views`)
"""
"""The metadata after a published label, in the plain style of nearly every record.

A match is only where to look: its groups say what the plain style found, and the readers
in `meta`, `tags` and `views` decide. Each piece is spliced in as ``(?-x:...)``, so the
verbose flag, which lets this pattern be laid out and commented, never touches a piece's own
spaces."""


META_GROUPS: Final = (
    "published",
    "updated_label",
    "updated",
    "tag",
    "views",
    "run_on",
)
"""The metadata pattern's groups, in the pattern's order: `grammar_for` checks it, so that a
reader may take them all at once with ``match.groups()`` (a lookup by name for each costs 2%
of a parse) and still name each one."""


def _meta_pattern(  # noqa: PLR0917 - the pieces of the pattern
    published: str,
    updated: str,
    date: str,
    tag: str,
    count: str = COUNT,
    after_count: str = "[0-9,]",
) -> str:
    pieces = {
        "<PUBLISHED>": published,
        "<UPDATED>": updated,
        "<DATE>": date,
        "<TAG>": tag,
        "<COUNT>": count,
        "<AFTER>": after_count,
        "<SP>": SPACE,
    }
    pattern = _META
    for name, piece in pieces.items():
        pattern = pattern.replace(name, f"(?-x:{piece})")
    return f"(?x){pattern}"


def tag_pattern(tags: tuple[str, ...]) -> str:
    """The tag words, longest first, in their own letter case, any run of spaces inside.

    A locale whose tags are not known has none: the pattern matches nothing."""
    if not tags:
        return "(?!)"
    spelled = sorted((f"{SPACE}+".join(map(regex.escape, tag.split())) for tag in tags), key=len)
    return "(?:" + "|".join(reversed(spelled)) + ")"


def trailer_pattern(vocabulary: Vocabulary) -> str:
    """The vocabulary's pagination lines (``Showing 1-3 of 3 articles``), whole lines with any
    spaces around them; a vocabulary without trailers has none: the pattern matches nothing."""
    if not vocabulary.trailers:
        return "(?!)"
    separators = "".join(f"\\u{ord(c):04x}" for c in vocabulary.count_separators)
    number = f"[0-9][0-9{separators}]*"
    forms = []
    for template in vocabulary.trailers:
        pieces = []
        for piece in regex.split(r"(\{(?:first|last|total)\}|\s+|-)", template):
            if piece in ("{first}", "{last}", "{total}"):
                pieces.append(number)
            elif piece == "-":
                pieces.append(f"{SPACE}*[-\u2013]{SPACE}*")
            elif piece.isspace():
                pieces.append(f"{SPACE}+")
            elif piece:
                pieces.append(regex.escape(piece))
        forms.append("".join(pieces))
    return rf"{SPACE}*(?:{'|'.join(sorted(forms, key=len, reverse=True))}){SPACE}*"


HORIZONTAL_SPACE: Final = frozenset(SPACE_CHARACTERS)


def skip_space(text: str, pos: int, end: int) -> int:
    """Past the horizontal spaces at ``pos``: the spaces the grammar allows between fields."""
    while pos < end and text[pos] in HORIZONTAL_SPACE:
        pos += 1
    return pos


@attrs.frozen(eq=False)
class Grammar:
    """Compiled patterns and the date reader for one vocabulary."""

    vocabulary: Vocabulary
    dates: DateReader
    meta: regex.Pattern[str]
    """A published label and, when they are there in a plain style, the rest of the metadata."""
    fast_meta: re.Pattern[str]
    """`meta` for texts whose published labels are all spelled as in the vocabulary."""
    off_case: regex.Pattern[str]
    """Finds a published label spelled in another letter case than the vocabulary's."""
    published_label: regex.Pattern[str]
    updated_label: regex.Pattern[str]
    fast_date: regex.Pattern[str]
    date_candidate: regex.Pattern[str]
    date_rest: regex.Pattern[str]
    """An unreadable date with no year in sight runs to the next label or the end of the line."""
    count: regex.Pattern[str]
    count_cut: regex.Pattern[str]
    """What is left of a view count the end of the input cut short."""
    tab_line: regex.Pattern[str]
    line_break: regex.Pattern[str]
    tag: regex.Pattern[str]
    """A category tag word, where the last date ends."""
    count_line: regex.Pattern[str]
    """A count standing alone on the line after the metadata."""
    trailer_line: regex.Pattern[str]
    bullet: regex.Pattern[str]
    """The ``- `` a section page puts before each title."""
    longest_tab: int
    longest_tag: int
    """How far a tag word may run, with any run of spaces inside counted as four."""
    header_initials: frozenset[str]
    """The first characters a tab label or a pagination line may start with (`pages`)."""
    separator_table: dict[int, None]
    """Deletes the count separators: ``str.translate`` turns a grouped count into digits."""


def _header_initials(vocabulary: Vocabulary) -> frozenset[str]:
    """Tab labels match in any letter case, pagination lines as written or with a number first."""
    initials = {c for tab in vocabulary.tabs for c in (tab[0], tab[0].lower(), tab[0].upper())}
    initials |= {c for tab in vocabulary.tabs for c in tab[0].casefold()}
    for template in vocabulary.trailers:
        initials |= set("0123456789") if template.startswith("{") else {template[0]}
    return frozenset(initials)


@functools.cache
def grammar_for(vocabulary: Vocabulary) -> Grammar:
    published = label_pattern(vocabulary.published)
    updated = label_pattern(vocabulary.updated)
    fast = date_pattern(vocabulary)
    # The scan takes any run of letters for a month: a 24-way case-insensitive alternation
    # costs more than the rest of the scan, and the date reader checks the name anyway.
    scan_date = date_pattern(vocabulary, month=scan_month_pattern(vocabulary))
    count = count_pattern(vocabulary)
    separators = "".join(f"\\u{ord(c):04x}" for c in vocabulary.count_separators)
    after_count = _after_count(vocabulary.count_separators)
    tabs = vocabulary.tabs
    exact = label_pattern(vocabulary.published, case="exact")
    tag = tag_pattern(vocabulary.tags)
    # An unusual date: the shortest run of text that ends in a four-digit year (or an ISO-like
    # year-first date), never crossing a label or a line break.
    candidate = (
        r"[0-9]{4}[-/.][0-9]{1,2}[-/.](?:[0-9]{2}|[0-9](?![0-9]))"
        rf"|(?:(?!{published}|{updated})[^\r\n]){{0,{_CANDIDATE_CHARS}}}?(?<![0-9])[0-9]{{4}}"
    )
    grammar = Grammar(
        vocabulary=vocabulary,
        dates=DateReader(vocabulary),
        meta=regex.compile(_meta_pattern(published, updated, scan_date, tag, count, after_count)),
        fast_meta=re.compile(
            _meta_pattern(
                exact,
                label_pattern(vocabulary.updated, case="classes"),
                scan_date,
                tag,
                count,
                after_count,
            )
        ),
        off_case=regex.compile(f"{published}(?<!{exact})"),
        published_label=regex.compile(published),
        updated_label=regex.compile(updated),
        fast_date=regex.compile(fast),
        date_candidate=regex.compile(candidate),
        date_rest=regex.compile(rf"(?:(?!{published}|{updated})[^\r\n])*"),
        count=regex.compile(count),
        count_cut=regex.compile(f"[{separators}][0-9]{{0,2}}\\s*"),
        # No tab names known (a locale seen on article pages only): no line is a tab.
        tab_line=regex.compile(rf"{SPACE}*{label_pattern(tabs)}{SPACE}*" if tabs else "(?!)"),
        line_break=regex.compile(r"\r\n|\r|\n"),
        tag=regex.compile(tag),
        count_line=regex.compile(rf"{SPACE}*(?:\r\n|\r|\n){SPACE}*({count}){SPACE}*(?![^\r\n])"),
        trailer_line=regex.compile(trailer_pattern(vocabulary)),
        bullet=regex.compile(rf"-{SPACE}+"),
        longest_tab=4 * max(len(tab) for tab in tabs) + 8 if tabs else 0,
        longest_tag=4 * max((len(tag) for tag in vocabulary.tags), default=0),
        header_initials=_header_initials(vocabulary),
        separator_table=dict.fromkeys(map(ord, vocabulary.count_separators)),
    )
    for pattern in (grammar.meta, grammar.fast_meta):
        if tuple(pattern.groupindex) != META_GROUPS:
            raise AssertionError(f"the metadata pattern's groups are {tuple(pattern.groupindex)}")
    return grammar
