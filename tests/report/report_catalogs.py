"""A small catalog of known history, built through the public API, for the report's tests.

Ten days (2026-06-01 to 2026-06-10), one dump a day per locale (English and French), each
written by ``faqparse.testing.render`` and read back by ``faqparse.parse``. What happens in
it is decided here, so the tests can say what the report must show:

- ``Rocket article`` (en) gains 1,000 views a day, ``Fusée`` (fr) 500, the rest at most 5;
- ``Brand new article`` (en) is first seen on 2026-06-06;
- ``Updated article`` (en) shows ``Updated on`` 2026-05-01, then 2026-06-07 from 2026-06-07;
- ``How to reset 2FA`` (en) reads ``How To Reset 2FA`` from 2026-06-08 (a retitle);
- ``Article qui disparaît`` (fr) is seen up to 2026-06-08, not on the last two days;
- from 2026-06-09 the English scraper cuts its pages: each English dump ends in a record cut
  off after its title (one ``incomplete-record`` warning, no record).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final, NamedTuple

import faqparse
from faqparse.testing import render

DAYS: Final = tuple(date(2026, 6, 1) + timedelta(days=n) for n in range(10))
NEW_DAY: Final = date(2026, 6, 6)
UPDATE_DAY: Final = date(2026, 6, 7)
RETITLE_DAY: Final = date(2026, 6, 8)
LAST_SEEN_GONE: Final = date(2026, 6, 8)
CUT_DAY: Final = date(2026, 6, 9)
CUT_TITLE: Final = "Cut off article"


class Planned(NamedTuple):
    """One article's life: title (before and after a retitle), growth, days it shows up."""

    title: str
    locale: str
    views: int
    growth: int
    first: date = DAYS[0]
    last: date = DAYS[-1]
    retitled: str | None = None


ARTICLES: Final = (
    Planned("Rocket article", "en", 10_000, 1_000),
    Planned("Steady article on deposits", "en", 5_000, 5),
    Planned("Quiet article on withdrawals", "en", 2_000, 0),
    Planned("Brand new article", "en", 100, 50, first=NEW_DAY),
    Planned("Updated article", "en", 3_000, 2),
    Planned("How to reset 2FA", "en", 4_000, 3, retitled="How To Reset 2FA"),
    Planned("Fusée", "fr", 8_000, 500),
    Planned("Article tranquille", "fr", 1_000, 1),
    Planned("Article qui disparaît", "fr", 700, 4, last=LAST_SEEN_GONE),
)
GROWTH: Final = {a.title: a.growth * ((a.last - a.first).days) for a in ARTICLES}
"""Views gained from first to last sighting, by (first) title."""


class _Record(NamedTuple):
    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None


def _record(article: Planned, day: date) -> _Record:
    title = article.retitled if article.retitled and day >= RETITLE_DAY else article.title
    updated = None
    if article.title == "Updated article":
        updated = date(2026, 6, 7) if day >= UPDATE_DAY else date(2026, 5, 1)
    views = article.views + article.growth * (day - article.first).days
    return _Record(title, f"About {article.title.lower()}.", date(2026, 4, 1), updated, views)


def dumps(days: tuple[date, ...] = DAYS) -> list[faqparse.Dump]:
    """The dumps of the series, a day at a time, English first."""
    found = []
    for day in days:
        for locale in ("en", "fr"):
            vocabulary = faqparse.VOCABULARIES[locale]
            records = [
                _record(article, day)
                for article in ARTICLES
                if article.locale == locale and article.first <= day <= article.last
            ]
            text = render(records, vocabulary=vocabulary)
            if locale == "en" and day >= CUT_DAY:
                text += f"{CUT_TITLE}\n"
            captured = datetime.combine(day, datetime.min.time()) + timedelta(hours=9)
            found.append(
                faqparse.parse(
                    text, f"{locale}-{day}.txt", captured=captured, vocabulary=vocabulary
                )
            )
    return found


def build(path: Path, days: tuple[date, ...] = DAYS) -> Path:
    """The catalog of the series at ``path``, made through ``faqparse.Catalog.open``."""
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps(days):
            cut = dump.source.startswith("en-") and dump.source >= f"en-{CUT_DAY}"
            assert [d.code for d in dump.diagnostics] == ["incomplete-record"] * cut
            assert catalog.add(dump)
    return path
