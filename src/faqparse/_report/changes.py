"""What changed since a date, in SQL: new, updated, retitled, and no longer seen articles.

Read from the temporary tables of ``tables.gather_tables`` (one row per article and version),
so each list costs the articles, not the observations. Each query also counts every row it
would list (``count(*) OVER ()``), so the page can say how many there are beyond those shown.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Final, NamedTuple

from .tables import rank_of

__all__ = ["GONE", "NEW", "RETITLED", "UPDATED", "Changes", "Listed", "changes_since"]

NEW: Final = """
SELECT a.id, t.body, a.locale, d.day, s.end_views, count(*) OVER ()
FROM temp.report_spans AS s
JOIN temp.report_dumps AS d ON d.rank = s.first_seen
JOIN articles AS a ON a.block = s.block AND a.number = s.article
JOIN texts AS t ON t.id = a.title
WHERE s.first_seen >= :since
ORDER BY s.end_views DESC NULLS LAST, a.id LIMIT :limit
"""
"""Articles first seen on or after the date (``:since``: the rank of its first dump), most
viewed first."""
UPDATED: Final = """
WITH recent AS (
    SELECT block, article, max(updated) AS new FROM temp.report_updates
    WHERE day >= :since_day GROUP BY block, article
)
SELECT a.id, t.body, a.locale, (
    SELECT max(v.updated) FROM temp.report_states AS v
    WHERE v.block = r.block AND v.article = r.article AND v.updated > 0
      AND v.first_seen < :since
), r.new, count(*) OVER ()
FROM recent AS r
JOIN temp.report_spans AS s ON s.block = r.block AND s.article = r.article
JOIN articles AS a ON a.block = r.block AND a.number = r.article
JOIN texts AS t ON t.id = a.title
WHERE s.first_seen < :since AND r.new >= :since_ordinal
ORDER BY r.new DESC, a.id LIMIT :limit
"""
"""Articles seen before the date and seen since with an ``Updated on`` date later than any
seen of them before, on or after the date (as ``faqparse changes`` decides), with the latest
date seen before it; dates are day ordinals."""
RETITLED: Final = """
WITH titles AS (
    SELECT v.block, v.article, v.title, min(v.first_seen) AS first_seen,
           max(v.last_seen) AS last_seen
    FROM temp.report_spans AS s
    JOIN temp.report_states AS v ON v.block = s.block AND v.article = s.article
    WHERE s.titles > 1 GROUP BY v.block, v.article, v.title
), now AS (
    SELECT block, article, title, first_seen, max(last_seen) FROM titles GROUP BY block, article
), was AS (
    SELECT block, article, title, max(last_seen) FROM titles
    WHERE first_seen < :since GROUP BY block, article
)
SELECT a.id, a.locale, old.body, new.body, count(*) OVER ()
FROM now
JOIN was ON was.block = now.block AND was.article = now.article
JOIN articles AS a ON a.block = now.block AND a.number = now.article
JOIN texts AS old ON old.id = was.title
JOIN texts AS new ON new.id = now.title
WHERE now.title != was.title AND now.first_seen >= :since
ORDER BY a.id LIMIT :limit
"""
"""Articles whose latest title was first seen on or after the date, with the title they had
before it (one article keeps one normalized title: these are changes of case, dashes or
quotes). SQLite gives the bare ``title`` of the row where ``max()`` was found."""
GONE: Final = """
WITH latest AS (SELECT locale, max(day) AS last_day FROM temp.report_dumps GROUP BY locale)
SELECT a.id, t.body, a.locale, d.day, latest.last_day, count(*) OVER ()
FROM temp.report_spans AS s
JOIN temp.report_dumps AS d ON d.rank = s.last_seen
JOIN blocks AS b ON b.id = s.block
JOIN latest ON latest.locale = b.locale
JOIN articles AS a ON a.block = s.block AND a.number = s.article
JOIN texts AS t ON t.id = a.title
WHERE d.day < latest.last_day AND s.last_seen >= :since
ORDER BY s.last_seen DESC, a.id LIMIT :limit
"""
"""Articles seen on or after the date but not on the latest snapshot day of their locale."""


class Listed(NamedTuple):
    """One list of changes: how many there are, and the first rows of it."""

    total: int
    rows: list[tuple[object, ...]]


class Changes(NamedTuple):
    since: date
    new: Listed
    updated: Listed
    retitled: Listed
    gone: Listed


def changes_since(connection: sqlite3.Connection, since: date, limit: int) -> Changes:
    """The four lists of what changed on or after ``since``, each cut at ``limit`` rows."""
    parameters = {
        "since": rank_of(connection, since.isoformat()),
        "since_day": since.isoformat(),
        "since_ordinal": since.toordinal(),
        "limit": limit,
    }

    def listed(query: str) -> Listed:
        rows = connection.execute(query, parameters).fetchall()
        return Listed(rows[0][-1] if rows else 0, [row[:-1] for row in rows])

    updated = listed(UPDATED)
    updated = updated._replace(
        rows=[(*row[:3], _day(row[3]), _day(row[4])) for row in updated.rows]
    )
    return Changes(since, listed(NEW), updated, listed(RETITLED), listed(GONE))


def _day(ordinal: object) -> date | None:
    return date.fromordinal(ordinal) if isinstance(ordinal, int) else None
