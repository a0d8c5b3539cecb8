"""The catalog database: its tables, its version, and opening a file safely.

A file is a faqparse catalog when its SQLite header says so (``PRAGMA application_id``); its
schema version is ``PRAGMA user_version``, and opening an older one migrates it in one
transaction. Anything else (not SQLite, another program's database, a newer catalog) is
refused before a byte of it is written. ``docs/catalog.md`` describes the tables
(``tables`` holds them as SQL).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Final, TypeVar

from .._merge.keys import BlockKey
from .._output.files import STOP_SIGNALS
from .tables import VERSION_1, VERSION_2, VERSION_3

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "BlockRow",
    "CatalogError",
    "begin_immediate",
    "block_key",
    "block_row",
    "checked_path",
    "checked_timeout",
    "checkpoint",
    "connect",
    "explain",
    "signals_held",
]

_T = TypeVar("_T")

APPLICATION_ID: Final = 0x46515043  # "FQPC" in the database header
SQLITE_HEADER: Final = b"SQLite format 3\x00"
WAL_LIMIT: Final = 64 << 20
"""Bytes of write-ahead log kept once it is emptied (``journal_size_limit``); a bulk run's
larger log is cut back to this."""
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


MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    lambda connection: _script(connection, VERSION_1),
    lambda connection: _script(connection, VERSION_2),
    lambda connection: _script(connection, VERSION_3),
)
"""``MIGRATIONS[n]`` takes a catalog from version ``n`` to ``n + 1`` (0 is an empty file)."""

SCHEMA_VERSION: Final = len(MIGRATIONS)


def _script(connection: sqlite3.Connection, script: str) -> None:
    # executescript would commit the open transaction: run the statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def connect(
    path: str | os.PathLike[str], *, create: bool, timeout: float, read_only: bool = False
) -> sqlite3.Connection:
    """Open a catalog, creating or migrating it; ``CatalogError`` before writing to a non-catalog.

    A symbolic link is followed first, so the database and its write-ahead log live beside
    the target, where every process finds them. ``read_only`` never creates, migrates or
    writes the file (``docs/catalog.md``: what a read leaves beside it).
    """
    name = checked_path(path)
    timeout = checked_timeout(timeout)
    real = os.path.realpath(name)
    _check_file(name, real, create=create and not read_only)
    try:
        connection = sqlite3.connect(
            f"file:{_uri_path(real)}?{_mode(real, create=create, read_only=read_only)}",
            uri=True,
            timeout=min(timeout, 60.0),
            isolation_level=None,
            check_same_thread=True,
        )
    except sqlite3.Error as error:
        raise CatalogError(explain(error, name)) from None
    try:
        if read_only:
            connection.execute("PRAGMA query_only=1")
        version = _retrying(lambda: _checked_header(connection, name), name, timeout)
        if read_only:
            if version == 0:
                raise CatalogError(f"{name}: an empty file, not a catalog yet: nothing to read")
            return connection
        _retrying(lambda: _wal(connection), name, timeout)
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
        if version < SCHEMA_VERSION:
            _migrate(connection, name, timeout)
    except sqlite3.Error as error:
        connection.close()
        raise CatalogError(explain(error, name)) from None
    except BaseException:
        connection.close()
        raise
    return connection


def checked_path(path: object) -> str:
    """The path as text; ``TypeError`` naming the argument for anything else (bytes too)."""
    if isinstance(path, bytes) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path must name a file as text, not {type(name).__name__}")
    if not name:
        raise ValueError("path must not be empty")
    return name


def checked_timeout(timeout: object) -> float:
    """``timeout`` in seconds; ``TypeError`` or ``ValueError`` naming it otherwise."""
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(f"timeout must be a number of seconds, not {type(timeout).__name__}")
    if not timeout >= 0:  # NaN too
        raise ValueError(f"timeout must be 0 or more seconds, not {timeout!r}")
    return float(timeout)


def _mode(real: str, *, create: bool, read_only: bool) -> str:
    """The open mode: a read opens read-only, and ``immutable`` when nothing can write the
    file (no write permission, a read-only file system) and no log is waiting: SQLite then
    makes no ``-wal`` or ``-shm`` file beside it."""
    if not read_only:
        return "mode=rwc" if create else "mode=rw"
    if not os.path.exists(real + "-wal") and not _writable(real):
        return "mode=ro&immutable=1"
    if _writable(real) and os.access(os.path.dirname(real) or ".", os.W_OK):
        # Read-write (``query_only`` forbids writes): the last connection to close then
        # removes the -wal and -shm files, which a read-only connection would leave behind.
        return "mode=rw"
    return "mode=ro"


def _writable(real: str) -> bool:
    """Whether the file may be written: its permission bits (even for root) and the system."""
    try:
        bits = os.stat(real).st_mode
    except OSError:
        return False
    return bool(bits & 0o222) and os.access(real, os.W_OK)


def _wal(connection: sqlite3.Connection) -> None:
    if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        connection.execute("PRAGMA journal_mode=WAL")


def _retrying(step: Callable[[], _T], name: str, timeout: float) -> _T:
    """Run ``step``, again while another process holds a lock it needs (a catalog being
    created by another run), for up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    pause = 0.02
    while True:
        try:
            return step()
        except sqlite3.OperationalError as error:
            if not _busy(error) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _busy(error: sqlite3.Error) -> bool:
    return "locked" in str(error) or "busy" in str(error)


_ADVICE: Final = (
    ("database or disk is full", "the disk is full; free some space and run again"),
    (
        "disk I/O error",
        "reading or writing it failed (a full disk, a limit on file size, a failing disk);"
        " free some space or check the disk, and run again",
    ),
    (
        "unable to open database file",
        "cannot open it: its folder is missing or cannot be written (a read-only file"
        " system?); give a catalog in a folder you can write",
    ),
    ("malformed", "the file is damaged; restore a copy (sqlite3 FILE '.recover' may help)"),
    ("not a database", "not an SQLite database, or damaged; restore a copy"),
    ("readonly database", "the catalog cannot be written (read-only file or folder)"),
    ("already exists", "not a faqparse catalog (its tables are another program's)"),
    ("no such", "not a faqparse catalog of a known shape (a table or column is missing)"),
)


def explain(error: sqlite3.Error, name: str) -> str:
    """An SQLite error as one line that names the catalog and says what to do."""
    text = str(error)
    for words, advice in _ADVICE:
        if words in text:
            return f"{name}: {advice} ({text})"
    if _busy(error):
        return f"{name}: busy: another run holds the catalog; run again when it has finished"
    return f"{name}: {text}"


def checkpoint(connection: sqlite3.Connection) -> None:
    """Copy the write-ahead log into the database and empty it, if no reader needs it.

    After every run: otherwise readers that overlap runs keep SQLite's automatic checkpoint
    from ever reaching the end of the log, and the log grows with every run. A reader still
    in an older state keeps what it needs (the log is then emptied by a later run); the
    run never waits for a reader here.
    """
    wait = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute("PRAGMA busy_timeout=0")
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.OperationalError as error:
        if not _busy(error):
            raise
    finally:
        connection.execute(f"PRAGMA busy_timeout={int(wait)}")


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


def _checked_header(connection: sqlite3.Connection, name: str) -> int:
    """The schema version, read in one snapshot: read one by one, another run creating the
    catalog meanwhile could be seen half done (tables, but no mark yet)."""
    connection.execute("BEGIN")
    try:
        return _check_header(connection, name)
    finally:
        connection.execute("COMMIT")


def _check_header(connection: sqlite3.Connection, name: str) -> int:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if application == 0 and version == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if tables == 0:
            return 0  # a new, empty database: the first migration makes it a catalog
    if application != APPLICATION_ID:
        raise CatalogError(f"{name}: not a faqparse catalog (an SQLite database of another kind)")
    if version > SCHEMA_VERSION:
        raise CatalogError(
            f"{name}: a catalog of a newer faqparse (schema version {version}; this one "
            f"reads up to {SCHEMA_VERSION}): upgrade faqparse"
        )
    return version


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
            if not _busy(error):
                raise
            if time.monotonic() >= deadline:
                raise CatalogError(
                    f"{name}: busy: another run held the catalog for over {timeout:g} s"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends (they arrive then), so that a
    signal cannot fall between a commit and the record that it happened."""
    held = {signal.SIGINT, *STOP_SIGNALS}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
