"""The catalog's tables and views as SQL, one script per schema version (``schema`` runs them).

``docs/catalog.md`` describes every column. A later version adds; it never renames a table or
a column, since people and tools query them by name.
"""

from __future__ import annotations

from typing import Final

__all__ = ["BY_DUMP", "ISO_DAY", "VERSION_1", "VERSION_2", "VERSION_3"]

BY_DUMP: Final = "CREATE UNIQUE INDEX observations_by_dump ON observations (dump, position)"
"""The index of observations by dump; a load into an empty table builds it afterwards."""

VERSION_1: Final = f"""
CREATE TABLE dumps (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    captured TEXT,
    locale TEXT NOT NULL,
    kind TEXT NOT NULL,
    records INTEGER NOT NULL,
    added TEXT NOT NULL
);
CREATE INDEX dumps_by_captured ON dumps (captured);
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    body TEXT NOT NULL
);
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    published INTEGER NOT NULL,
    locale TEXT NOT NULL,
    UNIQUE (published, title, locale)
);
CREATE TABLE articles (
    block INTEGER NOT NULL REFERENCES blocks (id),
    number INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    title INTEGER NOT NULL REFERENCES texts (id),
    updated INTEGER,
    views INTEGER,
    locale TEXT NOT NULL,
    category TEXT,
    snippets TEXT NOT NULL,
    PRIMARY KEY (block, number)
) WITHOUT ROWID;
CREATE TABLE observations (
    block INTEGER NOT NULL REFERENCES blocks (id),
    dump INTEGER NOT NULL REFERENCES dumps (id),
    position INTEGER NOT NULL,
    article INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    title INTEGER NOT NULL REFERENCES texts (id),
    snippet INTEGER NOT NULL REFERENCES texts (id),
    updated INTEGER,
    views INTEGER,
    category TEXT,
    PRIMARY KEY (block, dump, position)
) WITHOUT ROWID;
{BY_DUMP};
"""

ISO_DAY: Final = "strftime('%Y-%m-%d', {} + 1721424.5)"
"""A stored day (Python's ordinal, 1 for 0001-01-01) as an ISO date, in SQL: SQLite's
Julian day of 0001-01-01 is 1721425.5. (Not ``date(...)``: DuckDB, reading the views,
binds that as its own cast and fails; this it hands to SQLite.)"""

VERSION_2: Final = f"""
ALTER TABLE observations ADD COLUMN line INTEGER;
ALTER TABLE observations ADD COLUMN col INTEGER;
CREATE VIEW v_dumps AS
SELECT digest, source, captured, locale, records FROM dumps;
CREATE VIEW v_observations AS
SELECT a.id AS article_id, d.digest AS dump_digest, d.source AS source,
       d.captured AS captured, t.body AS title, s.body AS snippet,
       {ISO_DAY.format("b.published")} AS published, {ISO_DAY.format("o.updated")} AS updated,
       o.views AS views, o.category AS category, o.line AS line, o.col AS "column"
FROM observations AS o
JOIN articles AS a ON a.block = o.block AND a.number = o.article
JOIN blocks AS b ON b.id = o.block
JOIN dumps AS d ON d.id = o.dump
JOIN texts AS t ON t.id = o.title
JOIN texts AS s ON s.id = o.snippet;
CREATE VIEW v_articles AS
SELECT a.id AS id, t.body AS title, {ISO_DAY.format("b.published")} AS published,
       {ISO_DAY.format("a.updated")} AS updated, a.views AS views, a.category AS category,
       a.locale AS locale, seen.first_seen AS first_seen, seen.last_seen AS last_seen,
       seen.observations AS observations
FROM articles AS a
JOIN blocks AS b ON b.id = a.block
JOIN texts AS t ON t.id = a.title
JOIN (
    SELECT o.block AS block, o.article AS article, min(d.captured) AS first_seen,
           max(d.captured) AS last_seen, count(o.dump) AS observations
    FROM observations AS o JOIN dumps AS d ON d.id = o.dump
    GROUP BY o.block, o.article
) AS seen ON seen.block = a.block AND seen.article = a.number
"""
"""Where each record was (line, column: NULL for observations stored before), and views
a person or a tool can query without the ids and day ordinals of the tables."""

VERSION_3: Final = """
ALTER TABLE dumps ADD COLUMN diagnostics INTEGER;
CREATE TABLE dump_diagnostics (
    dump INTEGER NOT NULL REFERENCES dumps (id),
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (dump, code, severity)
) WITHOUT ROWID;
CREATE VIEW v_dump_diagnostics AS
SELECT d.digest AS digest, d.source AS source, d.captured AS captured, g.code AS code,
       g.severity AS severity, g.count AS count
FROM dump_diagnostics AS g JOIN dumps AS d ON d.id = g.dump;
CREATE TABLE walks (
    block INTEGER PRIMARY KEY REFERENCES blocks (id),
    last_day INTEGER NOT NULL,
    chains TEXT NOT NULL
) WITHOUT ROWID
"""
"""How many diagnostics of each code reading each dump raised: ``dumps.diagnostics`` is their
total, ``NULL`` for a dump stored before this version (its counts were never kept, and are
not made up) or converted from JSON Lines; ``dump_diagnostics`` has a row per code seen.
And each block's merge as it stands (``walks``), for a later snapshot to extend it."""
