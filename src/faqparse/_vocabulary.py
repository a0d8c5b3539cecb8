"""The words of a dump: labels, tab names and month names.

They are data, not code: another locale of the help center is another `Vocabulary`.
"""

from __future__ import annotations

import attrs

__all__ = ["ENGLISH", "Vocabulary"]

_ENGLISH_MONTHS: tuple[tuple[str, int], ...] = (
    ("january", 1), ("jan", 1),
    ("february", 2), ("feb", 2),
    ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4),
    ("may", 5),
    ("june", 6), ("jun", 6),
    ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9),
    ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11),
    ("december", 12), ("dec", 12),
)  # fmt: skip


def _words(values: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(" ".join(value.split()) for value in values)
    if not cleaned or any(not value for value in cleaned):
        raise ValueError("a vocabulary entry must be a non-empty list of non-blank words")
    return cleaned


def _months(values: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    months = tuple((name.strip().casefold(), int(number)) for name, number in values)
    for name, number in months:
        if not name.isalpha() or not 1 <= number <= 12:
            raise ValueError(f"bad month entry: {name!r} -> {number}")
    return months


@attrs.frozen
class Vocabulary:
    """Words that vary between locales of the help center.

    Labels and tab names match in any letter case and with any run of spaces between their
    words, so each is given once in its plain form. Month names map to month numbers; give
    every spelling a dump may use (full names and abbreviations).
    """

    published: tuple[str, ...] = attrs.field(default=("Published on",), converter=_words)
    updated: tuple[str, ...] = attrs.field(default=("Updated on",), converter=_words)
    tabs: tuple[str, ...] = attrs.field(
        default=("All", "FAQ", "Announcements", "Product documents"), converter=_words
    )
    months: tuple[tuple[str, int], ...] = attrs.field(default=_ENGLISH_MONTHS, converter=_months)
    tags: tuple[str, ...] = attrs.field(
        default=("Announcements", "FAQ", "Product documentation"), converter=_words
    )
    """The category tags a search across categories prints after the dates, as the site
    spells them (they are not the tab names). Unlike labels they match in this letter case
    only: a tag runs straight into the next title, and the case is part of telling them apart."""


ENGLISH = Vocabulary()
"""The English labels of the OKX help center (the default everywhere)."""
