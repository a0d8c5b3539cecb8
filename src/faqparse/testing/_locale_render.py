"""Dates and view counts written the way a locale's pages write them, for `render`.

Driven by the vocabulary's data alone: its first date form (else ``day month year``), the
first spelling of each month, and its first count separator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .._locales.vocabulary import Vocabulary

__all__ = ["locale_date_writer", "views_text"]


def locale_date_writer(vocabulary: Vocabulary) -> Callable[[date], str]:
    """Writes a date in the vocabulary's own form, e.g. ``2024年6月7日`` or ``16. august 2023``."""
    names: dict[int, str] = {}
    for name, number in vocabulary.months:
        names.setdefault(number, name)
    forms = [form for form in vocabulary.date_forms if "{month}" not in form or names]
    form = forms[0] if forms else "{day} {month} {year}"
    if "{month}" in form and len(names) < 12:
        form = "{year}-{mm}-{day}"  # no month names to write: the ISO form every locale reads

    def write(day: date) -> str:
        month = names.get(day.month, "")
        return (
            form.replace("{day}", str(day.day))
            .replace("{month}", month)
            .replace("{mm}", str(day.month))
            .replace("{year}", f"{day.year:04d}")
        )

    return write


def views_text(views: int, vocabulary: Vocabulary) -> str:
    """A count grouped with the vocabulary's first separator (``4 225``, ``147.473``)."""
    if views < 10**vocabulary.ungrouped_digits:
        return str(views)
    return f"{views:,}".replace(",", vocabulary.count_separators[0])
