"""Reading the dates of a dump.

The styles seen on the help center (``5 Sept 2023``, ``Sep 5, 2023``, full month names, ISO)
go through one small regular expression and a cache keyed by the date's text: a dump repeats
the same few hundred dates, and ``date(...)`` plus three ``int(...)`` calls per record would
otherwise cost more than the scan itself. Other textual forms (a weekday, an ordinal) go to
``dateutil`` on the date's text alone, never fuzzy and never completed from today's date:
dateutil's fuzzy mode turns run-together text such as ``2023Updated on 29 May 2026`` into a
time of day, so it only ever sees the few characters the grammar cut out for it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Final

import regex
from dateutil import parser as dateutil_parser

from .._locales.vocabulary import Vocabulary

__all__ = ["DateReader", "date_pattern", "form_patterns", "month_pattern", "scan_month_pattern"]

SPACE_CHARACTERS: Final = (
    " \t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
"""Horizontal white space: Unicode's White_Space characters that do not break a line.

Spelled out rather than ``[^\\S\\r\\n]`` because ``re`` and ``regex`` disagree on ``\\s``
(``re`` counts the information separators U+001C..U+001F), and both engines must agree."""

SPACE: Final = "[" + "".join(f"\\u{ord(c):04x}" for c in SPACE_CHARACTERS) + "]"

_CACHE_LIMIT: Final = 100_000


_NEVER: Final = "(?!)"
"""A pattern that matches nothing: the month of a vocabulary with no month names."""


def month_pattern(vocabulary: Vocabulary) -> str:
    names = sorted({name for name, _ in vocabulary.months}, key=lambda n: (-len(n), n))
    if not names:
        return _NEVER
    return "(?i:" + "|".join(regex.escape(name) for name in names) + r")\.?"


def scan_month_pattern(vocabulary: Vocabulary) -> str:
    """Any run of letters as long as a month name, for the scan: the date reader checks it.

    English keeps its ASCII class, the fastest there is; other scripts take any letters.
    """
    names = [name for name, _ in vocabulary.months]
    if not names:
        return _NEVER
    if all(name.isascii() for name in names):
        return r"[A-Za-z]{3,9}\.?"
    shortest, longest = min(map(len, names)), max(map(len, names))
    return rf"[^\W\d_]{{{shortest},{longest}}}\.?"


_FORM_FIELD: Final = re.compile(r"\{(day|month|mm|year)\}| ")


def form_patterns(vocabulary: Vocabulary, *, capture: bool = False, month: str = "") -> list[str]:
    """The vocabulary's own date forms as patterns; with ``capture``, named groups."""
    month = month or month_pattern(vocabulary)
    bodies = {"day": "[0-9]{1,2}", "mm": "[0-9]{1,2}", "year": "[0-9]{4}", "month": month}
    patterns = []
    for form in vocabulary.date_forms:
        parts, pos = [], 0
        for field in _FORM_FIELD.finditer(form):
            parts.append(
                f"(?i:{re.escape(form[pos : field.start()])})" if pos < field.start() else ""
            )
            name = field.group(1)
            if name is None:
                parts.append(f"{SPACE}+")
            else:
                body = bodies[name]
                parts.append(f"(?P<{name}>{body})" if capture else body)
            pos = field.end()
        if pos < len(form):
            parts.append(f"(?i:{re.escape(form[pos:])})")
        patterns.append("".join(parts))
    return patterns


def date_pattern(vocabulary: Vocabulary, *, capture: bool = False, month: str = "") -> str:
    """The styles read without dateutil; with ``capture``, each part is a named group.

    ``month`` replaces the vocabulary's month names by another pattern. Without ``capture``,
    the vocabulary's own date forms are alternatives too.
    """
    # The reader matches the locale's own forms on their own (`DateReader`), so a capturing
    # pattern leaves them out and keeps its nine positional groups.
    own = [] if capture else form_patterns(vocabulary, month=month)
    forms = "".join(f"{form}|" for form in own)
    month = month or month_pattern(vocabulary)

    def part(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if capture else body

    day_first = (
        rf"{part('d1', '[0-9]{1,2}')}{SPACE}+{part('m1', month)}{SPACE}+{part('y1', '[0-9]{4}')}"
    )
    month_first = (
        rf"{part('m2', month)}{SPACE}*{part('d2', '[0-9]{1,2}')},?{SPACE}+{part('y2', '[0-9]{4}')}"
    )
    iso = rf"{part('y3', '[0-9]{4}')}-{part('m3', '[0-9]{2}')}-{part('d3', '[0-9]{2}')}"
    # The locale's own forms come first: a Russian date with its year mark must not stop at
    # the year.
    return f"(?:{forms}{day_first}|{month_first}|{iso})"


class _ParserInfo(dateutil_parser.parserinfo):
    """dateutil's vocabulary, with the month names taken from ours."""

    def __init__(self, vocabulary: Vocabulary, *, dayfirst: bool) -> None:
        spellings: list[list[str]] = [[] for _ in range(12)]
        for name, number in vocabulary.months:
            spellings[number - 1].append(name)
        months: list[Any] = [
            tuple(names) or (f"month{i + 1}",) for i, names in enumerate(spellings)
        ]
        self.MONTHS = months
        super().__init__(dayfirst=dayfirst)


# Two defaults that differ in every field: a field dateutil had to fill in differs between
# the two results, which is how a date with a missing day, month or year is caught.
_DEFAULTS: Final = (datetime(2000, 1, 1), datetime(2001, 2, 2))


class DateReader:
    """Turns the text of one date into a ``date``, or ``None`` with a reason to give."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._months = dict(vocabulary.months)
        # ``re`` for this anchored match: per call it costs half what ``regex`` does.
        self._parts = re.compile(date_pattern(vocabulary, capture=True))
        self._forms = [re.compile(form) for form in form_patterns(vocabulary, capture=True)]
        self._order = vocabulary.date_order
        self._infos = {
            dayfirst: _ParserInfo(vocabulary, dayfirst=dayfirst) for dayfirst in (False, True)
        }
        self.cache: dict[str, date | None] = {}

    def read(self, text: str) -> date | None:
        cache = self.cache
        value = cache.get(text, _MISSING)
        if value is _MISSING:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            value = cache[text] = self._read(text)
        return value  # type: ignore[return-value]

    def why_unreadable(self, text: str) -> str:
        if not text.strip():
            return "the date is missing"
        if self._order == "open" and self._numeric_ambiguity(text):
            return f"the numeric date {text!r} reads both day-first and month-first"
        return f"{text!r} is not a date"

    def _read(self, text: str) -> date | None:
        match = self._parts.fullmatch(text)
        if match is None:
            return self._read_form(text)
        # Groups in pattern order: day-first (d, m, y), month-first (m, d, y), ISO (y, m, d).
        d1, m1, y1, m2, d2, y2, y3, m3, d3 = match.groups()
        if y1:
            day, month, year = d1, m1, y1
        elif y2:
            day, month, year = d2, m2, y2
        else:
            day, month, year = d3, m3, y3
        month_number = (
            int(month) if month.isdigit() else self._months.get(month.rstrip(".").casefold())
        )
        if month_number is None:
            return None
        try:
            return date(int(year), month_number, int(day))
        except ValueError:
            return None

    def _read_form(self, text: str) -> date | None:
        """A date in one of the locale's own forms (``2024年6月7日``, ``4. 5. 2023``), or other."""
        for form in self._forms:
            match = form.fullmatch(text)
            if match is None:
                continue
            parts = match.groupdict()
            month = parts.get("mm") or self._months.get(parts["month"].rstrip(".").casefold())
            if month is None:
                return None
            try:
                return date(int(parts["year"]), int(month), int(parts["day"]))
            except ValueError:
                return None
        return self._read_other(text)

    def _read_other(self, text: str) -> date | None:
        # Year first means year-month-day, as in ISO: nobody writes year-day-month. Otherwise
        # the locale's order decides; where it is open, both orders must agree.
        if text[:4].isdigit() or self._order in ("MDY", "YMD"):
            orders: tuple[bool, ...] = (False,)
        elif self._order == "DMY":
            orders = (True,)
        else:
            orders = (False, True)
        readings = {self._dateutil(text, dayfirst=dayfirst) for dayfirst in orders}
        if len(readings) != 1:
            return None  # numeric and ambiguous: a guess, so no reading at all
        return readings.pop()

    def _numeric_ambiguity(self, text: str) -> bool:
        readings = {self._dateutil(text, dayfirst=dayfirst) for dayfirst in (False, True)}
        return len(readings) > 1 and None not in readings

    def _dateutil(self, text: str, *, dayfirst: bool) -> date | None:
        info = self._infos[dayfirst]
        try:
            first, second = (
                dateutil_parser.parse(text, parserinfo=info, default=default)
                for default in _DEFAULTS
            )
        except (ValueError, OverflowError):
            return None
        if first != second or first.time() != datetime.min.time():
            return None
        return first.date()


_MISSING: Final = object()
