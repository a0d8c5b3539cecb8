"""Parse and merge dumps on a Dask cluster, from any storage fsspec reads: ``faqparse[dask]``.

```python
from faqparse import dask as fd
dumps = fd.read_dumps("s3://bucket/okx/*.txt")       # a dask.bag.Bag of Dump, lazy
articles = fd.merge(dumps)                           # a Bag of Article
fd.to_parquet(articles, "s3://bucket/okx/articles")  # one Parquet file per partition
```

The merge is a keyed reduce: every record is sent, by a stable hash of its block key, to one
of ``npartitions`` buckets (Dask's task shuffle, on compact pieces: ``faqparse._dask.pieces``),
and each bucket is merged by ``faqparse.merge`` itself, on the slices of the dumps that fell
in it. Articles are a pure function of their block, so the union of the buckets' articles is
``faqparse.merge`` of all the dumps, ids and observations included. See ``docs/scale.md``.
"""

from __future__ import annotations

import hashlib
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from ._codes import DiagnosticCode
from ._dask.pieces import Piece, Winners, cut, merge_bucket, winners, winners_of
from ._gcpause import paused_gc
from ._locales.vocabulary import Vocabulary
from ._model import Article, Diagnostic, Dump, Record, Severity
from ._read.api import parse

try:
    import dask.bag as db
    from dask.bag.core import groupby_tasks
    from dask.base import compute
    from dask.delayed import delayed
    from fsspec import AbstractFileSystem
    from fsspec.core import OpenFile, get_fs_token_paths, url_to_fs
except ImportError as error:  # pragma: no cover - the extra is part of the test install
    raise ImportError(
        "faqparse.dask needs Dask: pip install 'faqparse[dask]'", name=error.name
    ) from error

if TYPE_CHECKING:
    from ._output.parquet import Kind

__all__ = ["merge", "read_dumps", "records", "to_parquet"]

SMALLEST_GROUP: Final = 16 << 20
LARGEST_GROUP: Final = 64 << 20
TASKS_PER_THREAD: Final = 2
"""Files are read together, by default about ``TASKS_PER_THREAD`` tasks for each thread that
will run them, but at least ``SMALLEST_GROUP`` and at most ``LARGEST_GROUP`` bytes a task (a
bigger file is a task alone). One task per file costs more in scheduling than in parsing
when files are a few kilobytes; and the merge's shuffle runs a task per pair of partitions,
so that every task past what keeps the threads busy costs CPU: on a 2-worker cluster, 16 MiB
tasks at a million records (37 partitions, 1,369 shuffle tasks) cost a quarter more CPU than
64 MiB ones (10 partitions), and at 200,000 records 8 tasks cost about 6% more than 5
(``docs/scale.md``). Two tasks a thread leave room to even out files of uneven sizes. 64 MiB
of dumps parse into about 160 MiB of objects, the memory a task holds at most."""
SHUFFLE_BRANCH: Final = 128
UNREADABLE: Final = DiagnosticCode.UNREADABLE_FILE
_NO_BYTES: Final = hashlib.sha256(b"").hexdigest()
_GLOB: Final = frozenset("*?[")


_READ: Final[weakref.WeakKeyDictionary[db.Bag, tuple[db.Bag, Vocabulary | None]]] = (
    weakref.WeakKeyDictionary()
)
"""The Bags ``read_dumps`` made, with the Bag of file groups each reads: ``merge`` of such a
Bag reads and cuts each file in one step. Any other Bag of dumps (mapped, filtered, built by
hand) is merged from its dumps."""


def read_dumps(
    urlpath_or_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    vocabulary: Vocabulary | None = None,
    group_bytes: int | None = None,
    storage_options: dict[str, Any] | None = None,
) -> db.Bag:
    """A Bag of the ``Dump`` of each file: local paths, globs, ``s3://`` or any fsspec URL.

    Files are listed now and read by the workers: one task per run of files up to
    ``group_bytes`` (by default about two tasks per thread of the current client's workers,
    or of this machine without one, but 16 to 64 MiB each; ``0``: one task per file). A
    file that cannot be read gives a ``Dump`` with no records and an ``unreadable-file``
    error, as a file that is not a dump gives ``no-records``: one bad file never fails the
    job. ``FileNotFoundError`` now if nothing matches.
    ``storage_options`` go to the filesystem (credentials, endpoints).
    """
    given = (
        [urlpath_or_paths]
        if isinstance(urlpath_or_paths, str | os.PathLike)
        else [*urlpath_or_paths]
    )
    names = [os.fspath(path) for path in given]
    if not names:
        raise FileNotFoundError("no dump files given")
    fs, _, paths = get_fs_token_paths(names, mode="rb", storage_options=storage_options)
    if not paths:
        raise FileNotFoundError(f"no file matches {', '.join(names)}")
    if len(paths) == len(names) and not any(_GLOB & set(name) for name in names):
        sources = names  # named one by one: each dump keeps the name it was given
    else:
        sources = [_url(fs, path) for path in paths]
    files = [OpenFile(fs, path) for path in paths]
    sizes = [_size(fs, path) for path in paths]
    if group_bytes is None:
        group_bytes = _group_bytes(sum(size or 0 for size in sizes), _threads())
    groups = _groups(list(zip(files, sources, sizes, strict=True)), group_bytes)
    bag = db.from_sequence(groups, npartitions=len(groups))
    dumps = bag.map_partitions(_read_partition, vocabulary=vocabulary)
    _READ[dumps] = (bag, vocabulary)
    return dumps


def _group_bytes(total: int, threads: int) -> int:
    """The default bytes per task for files of ``total`` bytes read by ``threads`` threads
    (``TASKS_PER_THREAD``)."""
    return min(LARGEST_GROUP, max(SMALLEST_GROUP, -(-total // (TASKS_PER_THREAD * threads))))


def _threads() -> int:
    """The threads that will run the tasks: the workers' of the current ``distributed``
    client, else this machine's processors (Dask's local schedulers run one per processor)."""
    try:
        from distributed import default_client  # noqa: PLC0415 - only with a cluster

        client = default_client()
    except (ImportError, ValueError):  # no distributed, or no client
        return os.cpu_count() or 1
    if client.asynchronous:  # its answer would be a coroutine, to await
        return os.cpu_count() or 1
    return sum(client.nthreads().values()) or os.cpu_count() or 1


def _url(fs: AbstractFileSystem, path: str) -> str:
    """A local path as it is; any other with its protocol (``s3://bucket/key``)."""
    return path if "file" in fs.protocol else str(fs.unstrip_protocol(path))


def _size(fs: AbstractFileSystem, path: str) -> int | None:
    """The size of a file, or ``None``: a file that is gone now is reported when it is read."""
    try:
        size = fs.size(path)
    except OSError:
        return None
    return size if isinstance(size, int) else None


def _groups(
    files: list[tuple[OpenFile, str, int | None]], limit: int
) -> list[list[tuple[OpenFile, str]]]:
    """Consecutive files in runs of at most ``limit`` bytes (a bigger file is a run alone)."""
    groups: list[list[tuple[OpenFile, str]]] = []
    size = 0
    for file, source, length in files:
        known = length or 0  # unknown: the file is gone, and reading it will say so
        if not groups or limit <= 0 or size + known > limit:
            groups.append([])
            size = 0
        groups[-1].append((file, source))
        size += known
    return groups


def _read_partition(
    groups: Iterable[list[tuple[OpenFile, str]]], vocabulary: Vocabulary | None
) -> list[Dump]:
    # The collector stays paused between files too: the dumps parsed so far hold no cycles,
    # and every pass would walk all their records again.
    with paused_gc():
        return list(_read_each(groups, vocabulary))


def _read_and_cut(
    groups: Iterable[list[tuple[OpenFile, str]]], vocabulary: Vocabulary | None, buckets: int
) -> list[Piece]:
    """The pieces of a partition of files, each file cut as soon as it is parsed."""
    return cut(_read_each(groups, vocabulary), buckets, parsed=True)


def _read_each(
    groups: Iterable[list[tuple[OpenFile, str]]], vocabulary: Vocabulary | None
) -> Iterator[Dump]:
    """The dump of each file of a partition, parsed when it is asked for."""
    for group in groups:
        for file, source in group:
            try:
                with file as stream:
                    data = stream.read()
            except OSError as error:
                yield _unreadable(source, error)
                continue
            # Without a vocabulary, the parser's own default (rather than one chosen here).
            if vocabulary is None:
                yield parse(data, source)
            else:
                yield parse(data, source, vocabulary=vocabulary)


def _unreadable(source: str, error: OSError) -> Dump:
    why = error.strerror or str(error) or type(error).__name__
    problem = Diagnostic(
        code=UNREADABLE,
        severity=Severity.ERROR,
        message=f"cannot read the file: {why}",
        source=source,
        line=1,
        column=1,
        span=(0, 0),
    )
    return Dump(
        source=source,
        records=(),
        header=(),
        diagnostics=(problem,),
        digest=_NO_BYTES,
        captured=None,
        captured_from=None,
    )


def records(dumps: db.Bag) -> db.Bag:
    """A Bag of every ``Record`` of the dumps, in their order within each dump."""
    return dumps.map(_records).flatten()


def _records(dump: Dump) -> tuple[Record, ...]:
    return dump.records


def merge(dumps: db.Bag, *, npartitions: int | None = None) -> db.Bag:
    """A Bag of the ``Article`` objects ``faqparse.merge`` gives for the same dumps.

    The same articles, ids and observations included; a Bag has no order, so sort them if
    order matters (``faqparse.merge`` gives them by published date, then title, then id).
    ``npartitions`` buckets the blocks are spread over (default: the dumps' partitions).
    """
    buckets = npartitions or dumps.npartitions
    files = _READ.get(dumps)
    if files is not None:
        # Dumps as read_dumps gave them: each file is cut as soon as it is parsed (``cut``
        # says why), in the task that reads it; only the compact pieces outlive it.
        pieces = files[0].map_partitions(_read_and_cut, files[1], buckets)
    else:
        # Cut in the task that made the dumps (Dask fuses the two, the cut being their only
        # consumer): only the compact pieces outlive it.
        pieces = dumps.map_partitions(cut, buckets)
    if pieces.npartitions < buckets:
        pieces = pieces.repartition(buckets)
    # Dask's task shuffle with the bucket as its own hash: bucket b lands in partition b (the
    # default hash of Bag.groupby would pile some buckets together and leave partitions empty).
    # One all-to-all stage up to SHUFFLE_BRANCH partitions (Dask's default, 32, would send
    # every piece through two stages past 32 partitions: twice the copies).
    grouped = groupby_tasks(pieces, _bucket_of, hash=_same_number, max_branch=SHUFFLE_BRANCH)
    # Which copy of a repeated dump to keep is read off the dumps the pieces name, after the
    # shuffle: every bucket waits for every cut anyway.
    keep = grouped.reduction(_winners_of_groups, winners)
    return grouped.map(merge_bucket, keep).flatten()


def _winners_of_groups(groups: Iterable[tuple[int, list[Piece]]]) -> Winners:
    return winners_of(piece for _, pieces in groups for piece in pieces)


def _same_number(bucket: int) -> int:
    return bucket


def _bucket_of(piece: Piece) -> int:
    return piece.bucket


def to_parquet(
    bag: db.Bag,
    path: str | os.PathLike[str],
    *,
    kind: Kind | None = None,
    overwrite: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> list[str]:
    """Write a Bag of records or of articles as Parquet, one file per partition, under ``path``.

    Files are ``part-00000.parquet`` and so on, in the schema of ``docs/scale.md``. The kind
    is read off the elements, or given (``"records"``, ``"articles"``) so that an empty
    partition still writes a file with the schema; an empty partition of unknown kind writes
    none. Returns the paths written, as URLs of their filesystem.

    ``FileExistsError`` if the folder holds part files already (a reader of the folder would
    mix two runs), unless ``overwrite``: then they are deleted first.
    """
    from ._output.parquet import KINDS  # noqa: PLC0415 - pyarrow, the parquet extra, only here

    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    fs, root = url_to_fs(os.fspath(path), **(storage_options or {}))
    root = root.rstrip("/")
    earlier = fs.glob(f"{root}/part-*.parquet")
    if earlier and not overwrite:
        raise FileExistsError(f"{_url(fs, root)} holds Parquet files already: overwrite=True")
    if earlier:
        fs.rm(earlier)
    fs.makedirs(root, exist_ok=True)
    write = delayed(_write_partition, pure=False)
    parts = [
        write(partition, fs, f"{root}/part-{number:05d}.parquet", kind)
        for number, partition in enumerate(bag.to_delayed())
    ]
    return [name for name in compute(*parts) if name is not None]


def _write_partition(
    objects: list[Record | Article], fs: AbstractFileSystem, path: str, kind: Kind | None
) -> str | None:
    if kind is None:
        if not objects:
            return None
        kind = "records" if isinstance(objects[0], Record) else "articles"
    from ._output.parquet import write_parquet  # noqa: PLC0415 - pyarrow, the parquet extra

    with fs.open(path, "wb") as stream:
        write_parquet(objects, stream, kind)
    return _url(fs, path)
