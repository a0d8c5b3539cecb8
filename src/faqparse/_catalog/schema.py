"""The catalog database: its tables, its version, and opening a file safely.

A file is a faqparse catalog when its SQLite header says so (``PRAGMA application_id``); its
schema version is ``PRAGMA user_version``, and opening an older one migrates it in one
transaction. Anything else (not SQLite, another program's database, a newer catalog) is
refused before a byte of it is written. ``docs/catalog.md`` describes the tables.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from datetime import date
from typing import Final

from .._merge.keys import BlockKey

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "BlockRow",
    "CatalogError",
    "begin_immediate",
    "block_key",
    "block_row",
    "connect",
]

APPLICATION_ID: Final = 0x46515043  # "FQPC" in the database header
SQLITE_HEADER: Final = b"SQLite format 3\x00"
BULK_CACHE_KIB: Final = 64 * 1024
"""The page cache of a run that touches many blocks (SQLite's default is 2 MiB)."""

BlockRow = tuple[str, int, str]
"""A block key as stored: normalized title, published day (ordinal), locale."""


class CatalogError(ValueError):
    """A file that cannot be used as a catalog: not one, too new, or busy for too long."""


def block_row(key: BlockKey) -> BlockRow:
    """The columns of a block key: the one place keys become rows."""
    title, published, locale = key
    return (title, published.toordinal(), locale)


def block_key(title: str, published: int, locale: str) -> BlockKey:
    """The block key of a stored block: the one place rows become keys."""
    return (title, date.fromordinal(published), locale)


_VERSION_1: Final = """
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
CREATE UNIQUE INDEX observations_by_dump ON observations (dump, position);
"""

MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    lambda connection: _script(connection, _VERSION_1),
)
"""``MIGRATIONS[n]`` takes a catalog from version ``n`` to ``n + 1`` (0 is an empty file)."""

SCHEMA_VERSION: Final = len(MIGRATIONS)


def _script(connection: sqlite3.Connection, script: str) -> None:
    # executescript would commit the open transaction: run the statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def connect(path: str | os.PathLike[str], *, create: bool, timeout: float) -> sqlite3.Connection:
    """Open a catalog, creating or migrating it; ``CatalogError`` before writing to a non-catalog.

    A symbolic link is followed first, so the database and its write-ahead log live beside
    the target, where every process finds them.
    """
    name = os.fspath(path)
    real = os.path.realpath(name)
    _check_file(name, real, create=create)
    connection = sqlite3.connect(
        f"file:{_uri_path(real)}?mode={'rwc' if create else 'rw'}",
        uri=True,
        timeout=min(timeout, 60.0),
        isolation_level=None,
        check_same_thread=True,
    )
    try:
        _check_header(connection, name)
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=OFF")
        if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            _migrate(connection, name, timeout)
    except BaseException:
        connection.close()
        raise
    return connection


def _uri_path(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def _check_file(name: str, real: str, *, create: bool) -> None:
    """Refuse what is plainly not a catalog without letting SQLite open (and so touch) it."""
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            raise CatalogError(f"{name}: not a regular file (a catalog is an SQLite file)")
        with open(real, "rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        if not create:
            raise CatalogError(f"{name}: no such catalog") from None
        if name.endswith((".jsonl", ".json")):
            raise CatalogError(
                f"{name}: a catalog is an SQLite file now (name it .sqlite); "
                "to convert a JSON Lines catalog: faqparse convert OLD.jsonl NEW.sqlite"
            ) from None
        return
    if head in (SQLITE_HEADER, b""):
        return
    if head.lstrip()[:1] in (b"{", b"\xef"):
        raise CatalogError(
            f"{name}: a JSON Lines catalog; convert it once with "
            f"'faqparse convert {name} NEW.sqlite' and use NEW.sqlite"
        )
    raise CatalogError(f"{name}: not a faqparse catalog (not an SQLite database)")


def _check_header(connection: sqlite3.Connection, name: str) -> None:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if application == 0 and version == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if tables == 0:
            return  # a new, empty database: the first migration makes it a catalog
    if application != APPLICATION_ID:
        raise CatalogError(f"{name}: not a faqparse catalog (an SQLite database of another kind)")
    if version > SCHEMA_VERSION:
        raise CatalogError(
            f"{name}: a catalog of a newer faqparse (schema version {version}; this one "
            f"reads up to {SCHEMA_VERSION}): upgrade faqparse"
        )


def _migrate(connection: sqlite3.Connection, name: str, timeout: float) -> None:
    begin_immediate(connection, name, timeout)
    try:
        # Another process may have migrated it while this one waited for the lock.
        _check_header(connection, name)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[version:]:
            step(connection)
        connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def begin_immediate(connection: sqlite3.Connection, name: str, timeout: float) -> None:
    """Take the write lock, waiting for another run's transaction to end (up to ``timeout``)."""
    deadline = time.monotonic() + timeout
    pause = 0.05
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() >= deadline:
                raise CatalogError(
                    f"{name}: busy: another run held the catalog for over {timeout:g} s"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
