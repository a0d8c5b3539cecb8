"""The figures of the report, aggregated by SQLite from the catalog's base tables.

Everything runs in one read transaction. The dumps of the report (those with a snapshot time,
of the locale asked, up to ``--until``) go first into a small temporary table; one pass over
the observations then folds them into one row per article and version (title, ``Updated on``)
and two more passes find each article's first and last view count of the period. Every chart
is read from those small tables: no observation is ever loaded into Python, only sums,
counts and the daily series of the top articles. ``docs/report.md`` shows each query.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Final, NamedTuple

__all__ = [
    "DUMPS",
    "GLANCE",
    "GROWERS",
    "MOVERS",
    "NEW_PER_DAY",
    "PER_DUMP",
    "SERIES",
    "UPDATED_PER_DAY",
    "Day",
    "Glance",
    "Mover",
    "Period",
    "Point",
    "gather_tables",
    "glance",
    "movers",
    "per_day",
    "series",
]

LAST_DAY: Final = "9999-12-31"

DUMPS: Final = """
INSERT INTO temp.report_dumps (id, at, day, locale)
SELECT id, captured, substr(captured, 1, 10), locale FROM dumps
WHERE captured IS NOT NULL AND substr(captured, 1, 10) <= :until
  AND (:locale IS NULL OR lower(locale) = :locale)
"""
STATES: Final = """
INSERT INTO temp.report_states
    (block, article, updated, title, first_at, last_at, first_count, last_count)
SELECT o.block, o.article, coalesce(o.updated, 0), o.title, min(d.at), max(d.at),
       min(CASE WHEN o.views IS NOT NULL AND d.day >= :since THEN d.at || char(31) || o.views END),
       max(CASE WHEN o.views IS NOT NULL AND d.day >= :since THEN d.at || char(31) || o.views END)
FROM observations AS o JOIN temp.report_dumps AS d ON d.id = o.dump
GROUP BY o.block, o.article, coalesce(o.updated, 0), o.title
"""
"""Each article's versions (``Updated on``, 0 for none: no day has that ordinal; title), with
when each was first and last seen, and its first and last view count of the period (the time
and the count joined by a control character, so that one pass finds both). Its key orders it
by article and ``Updated on`` date: the queries that group it so need no sort."""
UPDATES: Final = """
INSERT OR IGNORE INTO temp.report_updates (block, article, day, updated)
SELECT v.block, v.article, substr(v.first_at, 1, 10), v.updated
FROM temp.report_states AS v
JOIN temp.report_spans AS s ON s.block = v.block AND s.article = v.article
WHERE v.updated > 0 AND v.first_at > s.first_at AND NOT EXISTS (
    SELECT 1 FROM temp.report_states AS w
    WHERE w.block = v.block AND w.article = v.article AND w.updated >= v.updated
      AND w.first_at < v.first_at
)
"""
"""The days an article was seen with an ``Updated on`` date later than every one seen of it
before, after its first sighting: no version of it with that date or a later one was seen
earlier. (A window function would say the same at twice the cost.)"""
SPANS: Final = """
INSERT INTO temp.report_spans
    (block, article, first_at, last_at, start_at, start_views, end_at, end_views, titles)
SELECT block, article, first_at, last_at,
       substr(first_count, 1, instr(first_count, char(31)) - 1),
       CAST(substr(first_count, instr(first_count, char(31)) + 1) AS INTEGER),
       substr(last_count, 1, instr(last_count, char(31)) - 1),
       CAST(substr(last_count, instr(last_count, char(31)) + 1) AS INTEGER), titles
FROM (
    SELECT block, article, min(first_at) AS first_at, max(last_at) AS last_at,
           min(first_count) AS first_count, max(last_count) AS last_count,
           count(DISTINCT title) AS titles
    FROM temp.report_states GROUP BY block, article
)
"""
"""Each article: when it was first and last seen, its first and last view count of the period,
and how many titles it was seen with."""
_MOVED: Final = """
SELECT a.id, t.body, a.locale, s.start_views, s.end_views, s.end_views - s.start_views,
       julianday(substr(s.end_at, 1, 10)) - julianday(substr(s.start_at, 1, 10))
FROM temp.report_spans AS s
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
SELECT d.day, o.views, max(d.at)
FROM articles AS a
JOIN observations AS o ON o.block = a.block AND o.article = a.number
JOIN temp.report_dumps AS d ON d.id = o.dump
WHERE a.id = :id AND d.day >= :since AND o.views IS NOT NULL
GROUP BY d.day ORDER BY d.day
"""
"""One article's views per day: the last count seen that day."""
NEW_PER_DAY: Final = """
WITH starts AS (SELECT locale, min(day) AS first_day FROM temp.report_dumps GROUP BY locale)
SELECT substr(s.first_at, 1, 10) AS seen, b.locale, count(*)
FROM temp.report_spans AS s JOIN blocks AS b ON b.id = s.block
JOIN starts ON starts.locale = b.locale
WHERE seen >= :since AND seen > starts.first_day
GROUP BY seen, b.locale ORDER BY seen, b.locale
"""
"""Articles first seen each day, but for each locale's first day: there the catalog starts."""
UPDATED_PER_DAY: Final = """
SELECT u.day, b.locale, count(*)
FROM temp.report_updates AS u JOIN blocks AS b ON b.id = u.block
WHERE u.day >= :since
GROUP BY u.day, b.locale ORDER BY u.day, b.locale
"""
"""Articles seen with an ``Updated on`` date later than any seen of them before, each day."""
PER_DUMP: Final = """
INSERT INTO temp.report_per_dump (dump, records, views, updated)
SELECT o.dump, 1, o.views IS NOT NULL, o.updated IS NOT NULL
FROM observations AS o
WHERE +o.dump IN (SELECT id FROM temp.report_dumps WHERE day >= :since)
ON CONFLICT (dump) DO UPDATE SET records = records + 1, views = views + excluded.views,
    updated = updated + excluded.updated
"""
"""Each dump's records, and those with a view count and with a date: counted into a small
table as the observations go by in the table's order (``+o.dump`` keeps SQLite off the index
of dumps, through which it would look every row up), a sixth of the cost of sorting them by
dump for a GROUP BY.
(``WHERE`` is needed before ``ON CONFLICT`` after a ``SELECT``: SQLite's grammar.)"""
GLANCE: Final = """
SELECT d.day, count(*), coalesce(sum(p.records), 0), min(coalesce(p.records, 0)),
       coalesce(sum(p.views), 0), coalesce(sum(p.updated), 0)
FROM temp.report_dumps AS d LEFT JOIN temp.report_per_dump AS p ON p.dump = d.id
WHERE d.day >= :since GROUP BY d.day ORDER BY d.day
"""
"""Per day: dumps, records, the smallest dump, records with a view count, with a date."""

_TABLES: Final = """
CREATE TEMP TABLE report_dumps (id INTEGER PRIMARY KEY, at TEXT, day TEXT, locale TEXT);
CREATE TEMP TABLE report_states (block INTEGER, article INTEGER, updated INTEGER,
    title INTEGER, first_at TEXT, last_at TEXT, first_count TEXT, last_count TEXT,
    PRIMARY KEY (block, article, updated, title)) WITHOUT ROWID;
CREATE TEMP TABLE report_per_dump (dump INTEGER PRIMARY KEY, records INTEGER, views INTEGER,
    updated INTEGER);
CREATE TEMP TABLE report_updates (block INTEGER, article INTEGER, day TEXT, updated INTEGER,
    PRIMARY KEY (block, article, day)) WITHOUT ROWID;
CREATE TEMP TABLE report_spans (block INTEGER, article INTEGER, first_at TEXT, last_at TEXT,
    start_at TEXT, start_views INTEGER, end_at TEXT, end_views INTEGER, titles INTEGER,
    PRIMARY KEY (block, article)) WITHOUT ROWID
"""


class Period(NamedTuple):
    """What the report covers: days as ISO text (``since`` may be empty: from the start)."""

    since: str
    until: str
    locale: str | None

    @classmethod
    def of(cls, since: date | None, until: date | None, locale: str | None) -> Period:
        return cls(
            "" if since is None else since.isoformat(),
            LAST_DAY if until is None else until.isoformat(),
            None if locale is None else locale.lower(),
        )

    def parameters(self) -> dict[str, str | None]:
        return {"since": self.since, "until": self.until, "locale": self.locale}


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


def gather_tables(connection: sqlite3.Connection, period: Period) -> None:
    """Fill the temporary tables every chart reads (inside the caller's read transaction)."""
    # Sorts and temporary tables in memory: tens of MiB at 10^6 observations, and no file.
    connection.execute("PRAGMA temp_store = MEMORY")
    for statement in _TABLES.split(";"):
        connection.execute(statement)
    connection.execute(DUMPS, period.parameters())
    connection.execute(STATES, {"since": period.since})
    for query in (SPANS, UPDATES):
        connection.execute(query)
    connection.execute(PER_DUMP, {"since": period.since})


def movers(connection: sqlite3.Connection, query: str, limit: int) -> list[Mover]:
    """``MOVERS`` (growth or loss) or ``GROWERS``, largest first, up to ``limit``."""
    return [Mover(*row) for row in connection.execute(query, {"limit": limit})]


def series(connection: sqlite3.Connection, period: Period, identity: str) -> list[Point]:
    rows = connection.execute(SERIES, {"id": identity, "since": period.since})
    return [Point(day, views) for day, views, _ in rows]


def per_day(connection: sqlite3.Connection, period: Period, query: str) -> list[Day]:
    return [Day(*row) for row in connection.execute(query, {"since": period.since})]


def glance(connection: sqlite3.Connection, period: Period) -> list[Glance]:
    return [Glance(*row) for row in connection.execute(GLANCE, {"since": period.since})]
