"""The report's temporary tables: the catalog's observations folded, once, into small ones.

Everything runs in one read transaction. The dumps of the report (those with a snapshot time,
of the locale asked, up to ``--until``) go first into ``report_dumps``, ranked in snapshot
order; one pass over the observations then folds them into one row per article and version
(``report_states``), and one more counts each dump's records (``report_per_dump``). Every
chart and list reads from these: no observation is ever loaded into Python. Times are kept as
dump ranks (integers), which SQLite sorts and compares at half the cost of ISO text.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Final, NamedTuple

__all__ = [
    "DUMPS",
    "PER_DUMP",
    "SPANS",
    "STATES",
    "UPDATES",
    "Period",
    "gather_tables",
    "rank_of",
]

LAST_DAY: Final = "9999-12-31"
VIEWS_BITS: Final = 40
"""A view count and its dump's rank travel as one integer: ``rank << 40 | views`` (counts up
to 10^12), so that one ``min()`` finds the first count of an article and its time."""

DUMPS: Final = """
INSERT INTO temp.report_dumps (id, rank, at, day, locale)
SELECT id, row_number() OVER (ORDER BY captured, id), captured, substr(captured, 1, 10), locale
FROM dumps
WHERE captured IS NOT NULL AND substr(captured, 1, 10) <= :until
  AND (:locale IS NULL OR lower(locale) = :locale)
"""
"""The dumps of the report, ranked by snapshot time (ISO text sorts as time does)."""
STATES: Final = """
INSERT INTO temp.report_states
    (block, article, updated, title, first_seen, last_seen, first_count, last_count)
SELECT o.block, o.article, coalesce(o.updated, 0), o.title, min(d.rank), max(d.rank),
       min(CASE WHEN o.views IS NOT NULL AND d.rank >= :since THEN d.rank << 40 | o.views END),
       max(CASE WHEN o.views IS NOT NULL AND d.rank >= :since THEN d.rank << 40 | o.views END)
FROM observations AS o JOIN temp.report_dumps AS d ON d.id = o.dump
GROUP BY o.block, o.article, coalesce(o.updated, 0), o.title
"""
"""Each article's versions (``Updated on``, 0 for none: no day has that ordinal; title): the
dumps where each was first and last seen, and its first and last view count of the period
(``:since`` is the rank of the period's first dump). Its key orders it by article and date:
the queries that group it so need no sort."""
SPANS: Final = """
INSERT INTO temp.report_spans (block, article, first_seen, last_seen, start_seen, start_views,
    end_seen, end_views, titles)
SELECT block, article, min(first_seen), max(last_seen),
       min(first_count) >> 40, min(first_count) & 1099511627775,
       max(last_count) >> 40, max(last_count) & 1099511627775, count(DISTINCT title)
FROM temp.report_states GROUP BY block, article
"""
"""Each article: the dumps it was first and last seen in, its first and last view count of the
period (and their dumps), and how many titles it was seen with."""
UPDATES: Final = """
INSERT OR IGNORE INTO temp.report_updates (block, article, day, updated)
SELECT v.block, v.article, d.day, v.updated
FROM temp.report_states AS v
JOIN temp.report_spans AS s ON s.block = v.block AND s.article = v.article
JOIN temp.report_dumps AS d ON d.rank = v.first_seen
WHERE v.updated > 0 AND v.first_seen > s.first_seen AND NOT EXISTS (
    SELECT 1 FROM temp.report_states AS w
    WHERE w.block = v.block AND w.article = v.article AND w.updated >= v.updated
      AND w.first_seen < v.first_seen
)
"""
"""The days an article was seen with an ``Updated on`` date later than every one seen of it
before, after its first sighting: no version of it with that date or a later one was seen
earlier. (A window function would say the same at twice the cost.)"""
PER_DUMP: Final = """
INSERT INTO temp.report_per_dump (dump, records, views, updated)
SELECT o.dump, 1, o.views IS NOT NULL, o.updated IS NOT NULL
FROM observations AS o
WHERE +o.dump IN (SELECT id FROM temp.report_dumps WHERE rank >= :since)
ON CONFLICT (dump) DO UPDATE SET records = records + 1, views = views + excluded.views,
    updated = updated + excluded.updated
"""
"""Each dump's records, and those with a view count and with a date: counted into a small
table as the observations go by in the table's order (``+o.dump`` keeps SQLite off the index
of dumps, through which it would look every row up), a sixth of the cost of sorting them by
dump for a GROUP BY. (``WHERE`` must come before ``ON CONFLICT`` after a ``SELECT``: SQLite's
grammar.)"""

_TABLES: Final = """
CREATE TEMP TABLE report_dumps (id INTEGER PRIMARY KEY, rank INTEGER UNIQUE, at TEXT,
    day TEXT, locale TEXT);
CREATE TEMP TABLE report_states (block INTEGER, article INTEGER, updated INTEGER,
    title INTEGER, first_seen INTEGER, last_seen INTEGER, first_count INTEGER,
    last_count INTEGER, PRIMARY KEY (block, article, updated, title)) WITHOUT ROWID;
CREATE TEMP TABLE report_spans (block INTEGER, article INTEGER, first_seen INTEGER,
    last_seen INTEGER, start_seen INTEGER, start_views INTEGER, end_seen INTEGER,
    end_views INTEGER, titles INTEGER, PRIMARY KEY (block, article)) WITHOUT ROWID;
CREATE TEMP TABLE report_updates (block INTEGER, article INTEGER, day TEXT, updated INTEGER,
    PRIMARY KEY (block, article, day)) WITHOUT ROWID;
CREATE TEMP TABLE report_per_dump (dump INTEGER PRIMARY KEY, records INTEGER, views INTEGER,
    updated INTEGER)
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


def gather_tables(connection: sqlite3.Connection, period: Period) -> None:
    """Fill the temporary tables every chart reads (inside the caller's read transaction)."""
    # Sorts and temporary tables in memory: about 100 MiB at 10^6 observations, and no file.
    connection.execute("PRAGMA temp_store = MEMORY")
    for statement in _TABLES.split(";"):
        connection.execute(statement)
    connection.execute(DUMPS, {"until": period.until, "locale": period.locale})
    since = {"since": rank_of(connection, period.since)}
    connection.execute(STATES, since)
    connection.execute(SPANS)
    connection.execute(UPDATES)
    connection.execute(PER_DUMP, since)


def rank_of(connection: sqlite3.Connection, day: str) -> int:
    """The rank of the first dump on or after ``day`` (past the last one if none is)."""
    found = connection.execute(
        "SELECT min(rank), (SELECT count(*) + 1 FROM temp.report_dumps)"
        " FROM temp.report_dumps WHERE day >= ?",
        (day,),
    ).fetchone()
    return int(found[1] if found[0] is None else found[0])
