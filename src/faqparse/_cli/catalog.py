"""The catalog commands: ``merge --into``, ``export``, ``history``, ``changes``, ``convert``.

They work on an SQLite catalog (``docs/catalog.md``). ``_cli`` registers them with
``add_commands`` and hands them their parsed arguments through ``main``. The catalog modules
(SQLite, the merge) are imported when a command runs: registering the commands is all that
``faqparse parse`` needs of this module.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from .._model import Article, Dump
from .._output.files import Stopped, signals_stop
from .._output.formats import FORMATS, output_sink, write_rows
from .._output.jsonl import Sink
from . import common

if TYPE_CHECKING:
    from .._catalog.queries import CatalogReader
    from .._merge.changes import Change

__all__ = ["COMMANDS", "EXPORTERS", "add_commands", "add_merge_options", "main", "merge_into"]

Exporter = Callable[[Iterable[Article], "str | None", TextIO], int]
"""Writes articles to a path (``None``: standard output, given) and returns how many."""

HISTORY_COLUMNS = ["id", "published", "captured", "views", "updated", "title", "source"]
HISTORY_COLUMNS += ["snippet"]
CHANGE_COLUMNS = ["id", "changes", "gained", "views", "views_before", "updated", "first_seen"]
CHANGE_COLUMNS += ["published", "locale", "title"]


def _rows_exporter(fmt: str) -> Exporter:
    def export(articles: Iterable[Article], output: str | None, stdout: TextIO) -> int:
        from .._rows import to_json  # noqa: PLC0415

        return _write(
            (to_json(article) for article in articles), output, stdout, fmt,
            common.ARTICLE_COLUMNS, flatten=common.flat_article,
        )  # fmt: skip

    return export


EXPORTERS: dict[str, Exporter] = {fmt: _rows_exporter(fmt) for fmt in FORMATS}
"""``export --format`` choices: every format of the command line, Parquet (binary) too."""
ROW_FORMATS = tuple(fmt for fmt in FORMATS if fmt != "parquet")
"""``history`` and ``changes``: rows of their own shape, which no Parquet schema describes."""


DRY_RUN = "say what the run would do; the catalog is left byte for byte as it was"


def add_merge_options(command: argparse.ArgumentParser) -> None:
    """The options ``merge`` has for ``--into``."""
    command.add_argument("--dry-run", action="store_true", help=f"with --into: {DRY_RUN}")
    command.add_argument(
        "--replace", action="store_true",
        help="with --into: remove the dumps already in the catalog and add them again with"
        " this run's --locale and --captured-at",
    )  # fmt: skip


def add_commands(commands: Any) -> None:
    """Register the catalog commands on the ``faqparse`` subcommand parser."""
    helps = {
        "export": "write every article of a catalog",
        "history": "show an article's observations over time",
        "changes": "list the articles new, updated or grown in views since a date",
    }
    for name, help_text in helps.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("catalog", metavar="CATALOG", help="an SQLite catalog")
        command.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
        command.add_argument(
            "--format", choices=sorted(EXPORTERS) if name == "export" else ROW_FORMATS,
            default=None, help=(
                "jsonl (default), json, csv"
                + (", parquet (binary)" if name == "export" else "")
                + "; table is the default on a terminal"
            ),
        )  # fmt: skip
        if name == "history":
            which = command.add_mutually_exclusive_group(required=True)
            which.add_argument("--id", help="the article's id, or its first 6 characters or more")
            which.add_argument(
                "--title",
                help="its title (as the merge compares titles), or words that are all in it",
            )
        if name == "changes":
            command.add_argument(
                "--since", required=True, type=common.day, metavar="DATE",
                help="the first day to look at (ISO date, e.g. 2026-06-01)",
            )  # fmt: skip
    helping = "remove dumps from a catalog and merge their articles again"
    command = commands.add_parser("remove", help=helping, description=helping)
    command.add_argument("catalog", metavar="CATALOG", help="an SQLite catalog")
    command.add_argument(
        "dumps", nargs="+", metavar="DUMP",
        help="a dump's source name as stored, or 8 or more hex digits of its digest",
    )  # fmt: skip
    command.add_argument("--dry-run", action="store_true", help=DRY_RUN)
    helping = "convert a JSON Lines catalog of earlier versions into an SQLite one"
    command = commands.add_parser("convert", help=helping, description=helping)
    command.add_argument("old", metavar="OLD", help="the JSON Lines catalog")
    command.add_argument("new", metavar="NEW", help="the SQLite catalog to write (new)")


def main(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run one catalog command; exit status as for every command (0, 1 not found, 2).

    Errors of files and signals are left to ``_cli.main``, which says them for every command.
    """
    import sqlite3  # noqa: PLC0415

    from .._catalog.schema import CatalogError, explain  # noqa: PLC0415

    common.default_format(args, stdout)
    if getattr(args, "format", "") == "parquet":
        common.parquet_ready(args.output, stdout)
    try:
        return COMMANDS[args.command](args, stdout, stderr)
    except CatalogError as error:
        stderr.write(f"faqparse: {error}\n")
        return 2
    except sqlite3.Error as error:
        stderr.write(f"faqparse: {explain(error, _catalog_of(args))}\n")
        return 2
    except ValueError as error:  # a bad line in a JSON Lines catalog
        stderr.write(f"faqparse: cannot convert: {error}\n")
        return 2


def _catalog_of(args: argparse.Namespace) -> str:
    found: str = getattr(args, "catalog", None) or getattr(args, "new", None) or args.into
    return found


def merge_into(run: common.Run, dumps: Iterable[Dump], out: Sink) -> None:
    """``merge --into`` (``_cli.catalog_writes``); a catalog it cannot use is status 2."""
    from .._catalog.schema import CatalogError  # noqa: PLC0415
    from .catalog_writes import merge_into as write  # noqa: PLC0415

    try:
        write(run, dumps, out, common.ARTICLE_COLUMNS, common.flat_article)
    except CatalogError as error:
        raise common.UsageError(str(error)) from None


def _remove(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .catalog_writes import remove  # noqa: PLC0415

    return remove(args, stdout, stderr)


def _export(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .._catalog.sqlite import CatalogFile  # noqa: PLC0415

    with (
        CatalogFile.open(args.catalog, create=False, read_only=True) as catalog,
        _reading(catalog.articles) as articles,
    ):
        EXPORTERS[args.format](articles, args.output, stdout)
    return 0


ID_PREFIX = 6
"""An id prefix ``history --id`` takes: shorter ones would match too many articles."""


def _history(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .._catalog.sqlite import CatalogFile  # noqa: PLC0415
    from .._rows import to_json  # noqa: PLC0415

    with CatalogFile.open(args.catalog, create=False, read_only=True) as catalog:
        articles, exact = _chosen(catalog, args.id, args.title)
    if len(articles) > 1 and not exact:  # show which, rather than guess
        which = f"id {args.id!r}" if args.id is not None else f"title words {args.title!r}"
        stderr.write(f"faqparse: {args.catalog}: {len(articles)} articles match {which};"
                     " give one of these ids with --id:\n")  # fmt: skip
        for article in articles:
            stderr.write(f"  {article.id}  {article.published.isoformat()}  {article.title}\n")
        return 1
    if not articles:
        which = f"id {args.id!r}" if args.id is not None else f"title {args.title!r}"
        stderr.write(f"faqparse: {args.catalog}: no article with {which}\n")
        return 1
    rows = (
        {"id": article.id, "published": article.published.isoformat(), **to_json(observation)}
        for article in articles
        for observation in article.observations
    )
    _write(rows, args.output, stdout, args.format, HISTORY_COLUMNS, flatten=_flat(HISTORY_COLUMNS))
    return 0


def _chosen(
    catalog: CatalogReader, identity: str | None, title: str | None
) -> tuple[list[Article], bool]:
    """The articles ``history`` names, and whether exactly (an id; a title as the merge
    compares titles, which twins share) or loosely (an id prefix; words of the title)."""
    if identity is not None:
        found = catalog.article(identity)
        if found is not None:
            return [found], True
        return (catalog.find_id(identity) if len(identity) >= ID_PREFIX else []), False
    assert title is not None
    exact = catalog.find(title)
    return (exact, True) if exact else (catalog.find_words(title), False)


def _changes(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .._catalog.sqlite import CatalogFile  # noqa: PLC0415

    with CatalogFile.open(args.catalog, create=False, read_only=True) as catalog:
        found = catalog.changes(args.since)
    rows = (_change_to_json(change) for change in found)
    _write(rows, args.output, stdout, args.format, CHANGE_COLUMNS, flatten=_flat(CHANGE_COLUMNS))
    return 0


def _change_to_json(change: Change) -> dict[str, Any]:
    return {
        "id": change.id,
        "changes": list(change.kinds),
        "gained": change.gained,
        "views": change.views,
        "views_before": change.views_before,
        "updated": None if change.updated is None else change.updated.isoformat(),
        "first_seen": None if change.first_seen is None else change.first_seen.isoformat(),
        "published": change.published.isoformat(),
        "locale": change.locale,
        "title": change.title,
    }


def _convert(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from .._catalog.convert import convert  # noqa: PLC0415

    existed = os.path.lexists(args.new)

    def report(message: str) -> None:
        stderr.write(message.replace(": record", ": warning: duplicate-observation: record", 1))
        stderr.write("\n")

    try:
        with signals_stop():
            done = convert(args.old, args.new, report=report)
    except OSError as error:
        stderr.write(f"faqparse: cannot read {args.old}: {error.strerror or error}\n")
        return 2
    except BaseException as error:
        if not existed:  # leave no empty catalog behind a conversion that did not happen
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(args.new + suffix)
        if isinstance(error, Stopped | KeyboardInterrupt):
            stderr.write(f"faqparse: {args.new}: {_fate(args.new, existed)}\n")
        raise
    stderr.write(
        f"{args.new}: {done.observations} observations of {done.articles} articles"
        f" from {args.old}; {done.duplicates} duplicates left out\n"
    )
    return 0


def _fate(path: str, existed: bool) -> str:
    """What a stopped conversion left: nothing, or (the stop falling after the commit) all."""
    import sqlite3  # noqa: PLC0415

    from .._catalog.sqlite import CatalogFile  # noqa: PLC0415

    if not existed:
        return "not made"
    with (
        contextlib.suppress(ValueError, OSError, sqlite3.Error),
        CatalogFile.open(path, read_only=True) as new,
    ):
        if new.dump_count():
            return "the conversion was committed before it was stopped"
    return "left as it was"


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "remove": _remove,
    "export": _export,
    "history": _history,
    "changes": _changes,
    "convert": _convert,
}


def _write(
    rows: Iterator[dict[str, Any]],
    output: str | None,
    stdout: TextIO,
    fmt: str,
    columns: list[str],
    *,
    flatten: Callable[[dict[str, Any]], list[Any]],
) -> int:
    with output_sink(output, stdout) as out:
        return write_rows(rows, out, fmt, columns=columns, flatten=flatten, width=_width())


@contextlib.contextmanager
def _reading(articles: Iterator[Article]) -> Iterator[Iterator[Article]]:
    """Articles read from a catalog; the read is ended before the catalog closes, also when
    the output fails halfway (a reader that went away), rather than at some later collection.
    """
    try:
        yield articles
    finally:
        close = getattr(articles, "close", None)
        if close is not None:
            close()


def _flat(columns: list[str]) -> Callable[[dict[str, Any]], list[Any]]:
    def flatten(row: dict[str, Any]) -> list[Any]:
        return [" ".join(v) if isinstance(v := row[c], list) else v for c in columns]

    return flatten


def _width() -> int:
    return shutil.get_terminal_size().columns
