"""The queries behind the report's charts, read from the tables of ``tables.gather_tables``.

Each returns a few rows per day or per article: sums, counts, the top movers and the daily
views of the top growers. ``docs/report.md`` shows each query, for users to adapt.
"""

from __future__ import annotations

import sqlite3
from typing import Final, NamedTuple

from .tables import Period

__all__ = [
    "DIAGNOSTICS_PER_DAY",
    "GLANCE",
    "GROWERS",
    "MOVERS",
    "NEW_PER_DAY",
    "SERIES",
    "UNCOUNTED",
    "UPDATED_PER_DAY",
    "Day",
    "DiagnosticsDay",
    "Glance",
    "Mover",
    "Point",
    "diagnostics_per_day",
    "glance",
    "movers",
    "per_day",
    "series",
    "uncounted",
]

_MOVED: Final = """
SELECT a.id, t.body, a.locale, s.start_views, s.end_views, s.end_views - s.start_views,
       julianday(e.day) - julianday(b.day)
FROM temp.report_spans AS s
JOIN temp.report_dumps AS b ON b.rank = s.start_seen
JOIN temp.report_dumps AS e ON e.rank = s.end_seen
JOIN articles AS a ON a.block = s.block AND a.number = s.article
JOIN texts AS t ON t.id = a.title
WHERE {which}
ORDER BY {order} DESC, a.id
LIMIT :limit
"""
MOVERS: Final = _MOVED.format(
    which="s.end_views != s.start_views", order="abs(s.end_views - s.start_views)"
)
"""The articles whose views moved most between the first and last count of the period."""
GROWERS: Final = _MOVED.format(
    which="s.end_views > s.start_views", order="s.end_views - s.start_views"
)
"""The articles whose views grew most in the period."""
SERIES: Final = """
SELECT d.day, o.views, max(d.rank)
FROM articles AS a
JOIN observations AS o ON o.block = a.block AND o.article = a.number
JOIN temp.report_dumps AS d ON d.id = o.dump
WHERE a.id = :id AND d.day >= :since AND o.views IS NOT NULL
GROUP BY d.day ORDER BY d.day
"""
"""One article's views per day: the last count seen that day."""
NEW_PER_DAY: Final = """
WITH starts AS (SELECT locale, min(day) AS first_day FROM temp.report_dumps GROUP BY locale)
SELECT d.day, b.locale, count(*)
FROM temp.report_spans AS s
JOIN temp.report_dumps AS d ON d.rank = s.first_seen
JOIN blocks AS b ON b.id = s.block
JOIN starts ON starts.locale = b.locale
WHERE d.day >= :since AND d.day > starts.first_day
GROUP BY d.day, b.locale ORDER BY d.day, b.locale
"""
"""Articles first seen each day, but for each locale's first day: there the catalog starts."""
UPDATED_PER_DAY: Final = """
SELECT u.day, b.locale, count(*)
FROM temp.report_updates AS u JOIN blocks AS b ON b.id = u.block
WHERE u.day >= :since
GROUP BY u.day, b.locale ORDER BY u.day, b.locale
"""
"""Articles seen with an ``Updated on`` date later than any seen of them before, each day."""
GLANCE: Final = """
SELECT d.day, count(*), coalesce(sum(p.records), 0), min(coalesce(p.records, 0)),
       coalesce(sum(p.views), 0), coalesce(sum(p.updated), 0)
FROM temp.report_dumps AS d LEFT JOIN temp.report_per_dump AS p ON p.dump = d.id
WHERE d.day >= :since GROUP BY d.day ORDER BY d.day
"""
"""Per day: dumps, records, the smallest dump, records with a view count, with a date."""
DIAGNOSTICS_PER_DAY: Final = """
WITH counted AS (
    SELECT d.id, d.day FROM temp.report_dumps AS d JOIN dumps AS u ON u.id = d.id
    WHERE d.day >= :since AND u.diagnostics IS NOT NULL
), days AS (SELECT day, count(*) AS dumps FROM counted GROUP BY day)
SELECT days.day, days.dumps, g.code, sum(g.count)
FROM days JOIN counted AS c ON c.day = days.day
LEFT JOIN dump_diagnostics AS g ON g.dump = c.id
GROUP BY days.day, g.code ORDER BY days.day, g.code
"""
"""Per day and code: the diagnostics reading the day's dumps raised, and how many dumps were
counted that day (a code of ``NULL`` for a day whose dumps raised none). Dumps stored before
the catalog counted diagnostics (``dumps.diagnostics`` is ``NULL``) are left out."""
UNCOUNTED: Final = """
SELECT count(*) FROM temp.report_dumps AS d JOIN dumps AS u ON u.id = d.id
WHERE d.day >= :since AND u.diagnostics IS NULL
"""
"""The dumps of the period whose diagnostics were never counted."""


class Mover(NamedTuple):
    """An article's views at the start and end of the period."""

    id: str
    title: str
    locale: str
    start: int
    end: int
    growth: int
    days: float

    @property
    def per_day(self) -> float | None:
        return self.growth / self.days if self.days > 0 else None


class Point(NamedTuple):
    day: str
    views: int


class Day(NamedTuple):
    """How many articles were new (or updated) one day in one locale."""

    day: str
    locale: str
    articles: int


class Glance(NamedTuple):
    """One day of the catalog: its dumps and records, and the records that lacked a field."""

    day: str
    dumps: int
    records: int
    smallest: int
    with_views: int
    with_updated: int


class DiagnosticsDay(NamedTuple):
    """One day's diagnostics by code, and the dumps counted that day."""

    day: str
    dumps: int
    counts: dict[str, int]

    def per_dump(self, code: str) -> float:
        return round(self.counts.get(code, 0) / self.dumps, 2)


def movers(connection: sqlite3.Connection, query: str, limit: int) -> list[Mover]:
    """``MOVERS`` (growth or loss) or ``GROWERS``, largest first, up to ``limit``."""
    return [Mover(*row) for row in connection.execute(query, {"limit": limit})]


def series(connection: sqlite3.Connection, period: Period, identity: str) -> list[Point]:
    """One article's views per day of the period."""
    rows = connection.execute(SERIES, {"id": identity, "since": period.since})
    return [Point(day, views) for day, views, _ in rows]


def per_day(connection: sqlite3.Connection, period: Period, query: str) -> list[Day]:
    return [Day(*row) for row in connection.execute(query, {"since": period.since})]


def glance(connection: sqlite3.Connection, period: Period) -> list[Glance]:
    return [Glance(*row) for row in connection.execute(GLANCE, {"since": period.since})]


def diagnostics_per_day(connection: sqlite3.Connection, period: Period) -> list[DiagnosticsDay]:
    """The days of the period with a counted dump, in order, each with its counts by code."""
    days: dict[str, DiagnosticsDay] = {}
    for day, dumps, code, count in connection.execute(DIAGNOSTICS_PER_DAY, {"since": period.since}):
        found = days.setdefault(day, DiagnosticsDay(day, dumps, {}))
        if code is not None:
            found.counts[code] = count
    return list(days.values())


def uncounted(connection: sqlite3.Connection, period: Period) -> int:
    """How many dumps of the period have no diagnostic counts (stored before they were kept)."""
    return int(connection.execute(UNCOUNTED, {"since": period.since}).fetchone()[0])
