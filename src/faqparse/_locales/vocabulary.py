"""The words of a dump: labels, tab names, category tags, month names, date and count forms.

They are data, not code: another locale of the help center is another `Vocabulary`, and the
built-in ones live one small table per locale in ``faqparse._locales``.
"""

from __future__ import annotations

import re
from typing import Final, Literal

import attrs

__all__ = ["ENGLISH", "DateOrder", "Vocabulary"]

DateOrder = Literal["DMY", "MDY", "YMD", "open"]
"""How a locale writes a numeric date; ``open`` when its pages use both orders."""

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

_FIELD: Final = re.compile(r"\{(day|month|mm|year)\}")
DATE_FIELDS: Final = frozenset({"day", "month", "mm", "year"})
"""The fields of a date form: ``{day}``, ``{month}`` (a name), ``{mm}`` (a number), ``{year}``."""


def _words(values: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = _some_words(values)
    if not cleaned:
        raise ValueError("a vocabulary entry must be a non-empty list of non-blank words")
    return cleaned


def _some_words(values: tuple[str, ...]) -> tuple[str, ...]:
    """Like `_words`, but an empty list is allowed (a locale whose tab names are not known)."""
    cleaned = tuple(" ".join(value.split()) for value in values)
    if any(not value for value in cleaned):
        raise ValueError("a vocabulary entry must not be blank")
    return cleaned


def _months(values: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    # A trailing dot is how abbreviations are written (``févr.``), not part of the name: the
    # grammar accepts an optional dot after every name.
    months = tuple(
        (name.strip().removesuffix(".").casefold(), int(number)) for name, number in values
    )
    for name, number in months:
        if not name.isalpha() or not 1 <= number <= 12:
            raise ValueError(f"bad month entry: {name!r} -> {number}")
    return months


def _date_forms(values: tuple[str, ...]) -> tuple[str, ...]:
    forms = tuple(values)
    for form in forms:
        fields = _FIELD.findall(form)
        if sorted(fields) not in (["day", "month", "year"], ["day", "mm", "year"]):
            raise ValueError(
                f"bad date form {form!r}: it needs {{day}}, {{year}} and one of {{month}}, {{mm}}"
            )
        if "{" in _FIELD.sub("", form) or "}" in _FIELD.sub("", form):
            raise ValueError(f"bad date form {form!r}: unknown field")
    return forms


_TRAILER_FIELDS: Final = ("{first}", "{last}", "{total}")


def _trailers(values: tuple[str, ...]) -> tuple[str, ...]:
    forms = _some_words(values)
    for form in forms:
        if any(form.count(field) != 1 for field in _TRAILER_FIELDS):
            raise ValueError(
                f"bad trailer {form!r}: it needs {{first}}, {{last}} and {{total}} once"
            )
        rest = _TRAILER_FIELD.sub("", form)
        if "{" in rest or "}" in rest:
            raise ValueError(f"bad trailer {form!r}: unknown field")
    return forms


_TRAILER_FIELD: Final = re.compile(r"\{(?:first|last|total)\}")


def _date_order(value: str) -> DateOrder:
    if value not in ("DMY", "MDY", "YMD", "open"):
        raise ValueError(f"date_order must be DMY, MDY, YMD or open, not {value!r}")
    return value  # type: ignore[return-value]


def _separators(value: str) -> str:
    if any(c.isalnum() or c in "\r\n" for c in value):
        raise ValueError(f"a count separator must not be a letter, digit or line break: {value!r}")
    return "".join(dict.fromkeys(value))


def _ungrouped(value: int) -> int:
    if value not in (3, 4):
        raise ValueError("ungrouped_digits must be 3 or 4")
    return int(value)


@attrs.frozen
class Vocabulary:
    """Words that vary between locales of the help center.

    Labels and tab names match in any letter case and with any run of spaces between their
    words, so each is given once in its plain form. Month names map to month numbers; give
    every spelling a dump may use (full names, genitive forms and abbreviations; a trailing
    dot is always optional). Dates are read in the forms ``5 Sept 2023``, ``Sep 5, 2023`` and
    ``2023-09-05``, plus the locale's own ``date_forms`` (templates such as
    ``"{year}年{mm}月{day}日"``: a space stands for any run of spaces). Other numeric dates are
    read in ``date_order``. A view count is grouped by one of ``count_separators``; without one,
    it has at most ``ungrouped_digits`` digits. ``trailers`` are the pagination lines that
    end a page (``"Showing {first}-{last} of {total} articles"``), empty where none is known.
    """

    published: tuple[str, ...] = attrs.field(default=("Published on",), converter=_words)
    updated: tuple[str, ...] = attrs.field(default=("Updated on",), converter=_words)
    tabs: tuple[str, ...] = attrs.field(
        default=("All", "FAQ", "Announcements", "Product documents"), converter=_some_words
    )
    months: tuple[tuple[str, int], ...] = attrs.field(default=_ENGLISH_MONTHS, converter=_months)
    tags: tuple[str, ...] = attrs.field(
        default=("Announcements", "FAQ", "Product documentation"), converter=_some_words
    )
    """The category tags a search across categories prints after the dates, as the site
    spells them (they are not the tab names). Unlike labels they match in this letter case
    only: a tag runs straight into the next title, and the case is part of telling them apart.
    Empty for a locale whose tags are not known."""
    locale: str = attrs.field(default="en", converter=str)
    date_order: DateOrder = attrs.field(default="open", converter=_date_order)
    date_forms: tuple[str, ...] = attrs.field(default=(), converter=_date_forms)
    count_separators: str = attrs.field(default=",", converter=_separators)
    ungrouped_digits: int = attrs.field(default=3, converter=_ungrouped)
    trailers: tuple[str, ...] = attrs.field(
        default=(
            "Showing {first}-{last} of {total} articles",
            "Showing {first}-{last} of {total} article",
        ),
        converter=_trailers,
    )
    """The pagination line a page may end with, as templates: ``{first}``, ``{last}`` and
    ``{total}`` stand for numbers (grouped with the count separators), a space for any run of
    spaces, a ``-`` between numbers for a hyphen or an en dash with spaces or none around it.
    The words match in this letter case only. The English default; other locales have none
    until real pages show theirs."""


ENGLISH = Vocabulary()
"""The English labels of the OKX help center (the default when no other locale is detected).

Both English date styles (``5 Sept 2023`` on en-GB, ``Sep 5, 2023`` on en-US) are read; a
numeric date such as ``6/3/2026`` is ambiguous in English and is reported, not guessed."""
