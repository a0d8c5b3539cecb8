"""The catalog commands that write: ``merge --into`` and ``remove``, with ``--dry-run``.

Each is one transaction. It commits before anything but the dumps' own diagnostics is
printed: a reader of the output that goes away (``| head``) cannot undo it, and a reader of
the messages that goes away does not stop it. A signal (SIGINT, SIGTERM, SIGHUP) says whether
the run was committed or the catalog left as it was. ``--dry-run`` runs on a private copy of
the catalog, so the file itself is left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, cast

import attrs

from .._catalog.rows import StoredDump
from .._catalog.schema import CatalogError, connect, explain
from .._catalog.sqlite import CatalogFile
from .._gcpause import paused_gc
from .._model import Dump
from .._output.files import Stopped, signals_stop
from .._output.formats import write_rows
from .._output.jsonl import Sink

if TYPE_CHECKING:
    import argparse

    from .common import Run

Flatten = Callable[[dict[str, Any]], list[Any]]

__all__ = ["merge_into", "remove"]

_PREFIX = re.compile(r"[0-9a-f]{8,64}")
"""A digest prefix a dump can be named by: 8 hex digits or more."""


@attrs.define
class _Tally:
    """What a run did (or, dry, would do) to the catalog."""

    added: int = 0
    known: int = 0
    empty: int = 0
    replaced: int = 0
    removed: int = 0
    records: int = 0

    def line(self, into: str, touched: int | None, *, dry: bool) -> str:
        notes = [
            f"{count} {what}"
            for count, what in (
                (self.known, "already in it"),
                (self.replaced, "replaced"),
                (self.empty, "without records, not added"),
            )
            if count
        ]
        done = " would be" if dry else ""
        said = f"{self.added} dumps{done} added"
        if self.removed:
            said = f"{self.removed} dumps{done} removed"
        said += f" ({', '.join(notes)})" if notes else ""
        said += f", {self.records} records"
        said += "" if touched is None else f", {touched} articles touched"
        return f"{into}: {said}{'; dry run: nothing written' if dry else ''}\n"


def merge_into(
    run: Run, dumps: Iterable[Dump], out: Sink, columns: list[str], flatten: Flatten
) -> None:
    """``merge --into``: add (``--replace``: add again) the dumps; print the articles they
    are in, as ``columns`` and ``flatten`` say for a table or CSV. ``--strict``: any
    diagnostic means nothing is written. ``CatalogError`` for a catalog it cannot use."""
    args = run.args
    into: str = args.into
    dry: bool = args.dry_run
    messages = _Messages(run.stderr)
    run.stderr = cast("TextIO", messages)  # the diagnostics of the dumps go there too
    tally = _Tally()
    existed = os.path.lexists(into)
    run.phase("reading")  # the bar's label while the dumps are read and merged
    if args.strict:
        dumps = list(dumps)  # every dump read, and its diagnostics said, before any write
        if run.status:
            _refuse(run, messages, into)
            return
    refused = False
    with _transaction(into, messages, dry=dry, create=True) as catalog:
        try:
            # The run holds every new block's observations until it merges them, and the
            # articles it wrote for the summary: no collector pass need walk any of it
            # (``_gcpause``; the held observations themselves are untracked after one).
            with paused_gc():
                for dump in dumps:
                    _add(catalog, dump, tally, replace=args.replace)
                run.phase("merging")
                notes = catalog.diagnostics
            refused = args.strict and bool(run.status or notes)
            run.phase("writing")
            if refused:
                catalog.rollback()
            else:
                catalog.commit()
        finally:
            run.close_display()  # before the diagnostics of the merge and the output
        for diagnostic in notes:
            run.report(diagnostic)
        if not refused:
            try:
                touched = _write_touched(catalog, out, run.args.format, columns, flatten)
            except BrokenPipeError:
                messages.write(tally.line(into, None, dry=dry))
                raise
    if refused:
        _refuse(run, messages, into)
        if not existed and not dry:  # nor the new, empty catalog the run began with
            _unlink_catalog(into)
        return
    run.finish()
    messages.write(tally.line(into, touched, dry=dry))


def _refuse(run: Run, messages: _Messages, into: str) -> None:
    run.finish()  # the count of the diagnostics that decided it, then the refusal
    messages.write(f"faqparse: {into}: --strict and diagnostics: nothing written\n")
    run.status = max(run.status, 1)


def _unlink_catalog(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)


def _add(catalog: CatalogFile, dump: Dump, tally: _Tally, *, replace: bool) -> None:
    if not dump.records:
        tally.empty += 1  # its no-records error is reported with the dump's diagnostics
        return
    if replace and catalog.remove(dump.digest):
        tally.replaced += 1
    if catalog.add(dump):
        tally.added += 1
        tally.records += len(dump.records)
    else:
        tally.known += 1


def remove(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``remove CATALOG DUMP...``: the dumps named go, their blocks are merged again."""
    name: str = args.catalog
    messages = _Messages(stderr)
    tally = _Tally()
    with _transaction(name, messages, dry=args.dry_run, create=False) as catalog:
        chosen = _resolve(name, catalog.dumps(), args.dumps)
        for dump in chosen:
            catalog.remove(dump.digest)
            tally.removed += 1
            tally.records += dump.records
        catalog.commit()
    messages.write(tally.line(name, None, dry=args.dry_run))
    return 0


def _resolve(name: str, stored: list[StoredDump], wanted: list[str]) -> list[StoredDump]:
    """The dumps named (a stored source name, or 8+ hex digits of a digest), each once;
    ``CatalogError`` for a name that matches none, or several."""
    chosen: dict[str, StoredDump] = {}
    for text in wanted:
        found = [dump for dump in stored if dump.source == text]
        if not found and _PREFIX.fullmatch(text.lower()):
            found = [dump for dump in stored if dump.digest.startswith(text.lower())]
        if not found:
            raise CatalogError(
                f"{name}: no dump {text!r}: give a source name the catalog holds, or 8 or"
                " more hex digits of a digest (faqparse export shows the observations')"
            )
        if len(found) > 1:
            listed = "; ".join(f"{d.digest[:16]} {d.source} {d.captured or '-'}" for d in found)
            raise CatalogError(f"{name}: {text!r} names {len(found)} dumps: {listed}")
        chosen.setdefault(found[0].digest, found[0])
    return list(chosen.values())


@contextlib.contextmanager
def _transaction(
    name: str, messages: _Messages, *, dry: bool, create: bool
) -> Iterator[CatalogFile]:
    """The catalog, open for one run, under the signal handlers; says what a stop left."""
    catalog: CatalogFile | None = None
    path = name
    try:
        with signals_stop(), _target(name, dry=dry, create=create) as path:
            catalog = CatalogFile.open(path, create=create)
            try:
                yield catalog
            finally:
                catalog.close()
    except CatalogError as error:  # a dry run's copy is named as the catalog it copies
        raise CatalogError(str(error).replace(path, name)) from None
    except sqlite3.Error as error:
        raise CatalogError(explain(error, name)) from None
    except (Stopped, KeyboardInterrupt):
        if catalog is not None and catalog.committed and not dry:
            messages.write(f"faqparse: {name}: the run was committed before it was stopped\n")
        else:
            messages.write(f"faqparse: {name}: left as it was\n")
        raise


@contextlib.contextmanager
def _target(name: str, *, dry: bool, create: bool) -> Iterator[str]:
    """The file a run writes: the catalog, or for a dry run a copy of it, thrown away after."""
    if not dry:
        yield name
        return
    with tempfile.TemporaryDirectory(prefix="faqparse-dry-") as directory:
        copy = os.path.join(directory, "catalog.sqlite")
        if not create or (os.path.exists(name) and os.path.getsize(name) > 0):
            source = connect(name, create=False, timeout=600.0, read_only=True)
            target = sqlite3.connect(copy)
            try:
                source.backup(target)  # one consistent state, read without writing
            finally:
                target.close()
                source.close()
        yield copy


def _write_touched(
    catalog: CatalogFile, out: Sink, fmt: str, columns: list[str], flatten: Flatten
) -> int:
    from .._rows import to_json  # noqa: PLC0415

    articles = catalog.touched()
    try:
        rows = (to_json(article) for article in articles)
        width = shutil.get_terminal_size().columns
        return write_rows(rows, out, fmt, columns=columns, flatten=flatten, width=width)
    finally:
        close = getattr(articles, "close", None)
        if close is not None:
            close()  # the read ends before the catalog closes, also when the output failed


class _Messages(io.TextIOBase):
    """Standard error for a run that must finish whether or not anyone still reads it: once
    its reader has gone away, messages are dropped instead of stopping the run."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream: TextIO | None = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                self._stream.write(text)
            except (BrokenPipeError, ValueError):  # gone, or closed under us
                self._stream = None
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (BrokenPipeError, ValueError):
                self._stream = None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()
