"""Records and articles as Parquet tables: one Arrow schema for each, written and read back.

The schemas are documented in ``docs/scale.md``. Dates are ``date32``, counts and offsets
``int64``, and a column is nullable exactly where the model's field may be ``None``. An
article's observations stay inside its row, as a ``list<struct>``, so one file holds the
whole catalog and a reader never has to join two tables to see an article's history.

A snapshot time (``Observation.captured``) is a date, a date and time, or a date and time with
a UTC offset; no one Arrow type holds the three without inventing a time or a zone, so it is
kept exactly as its ISO 8601 text (as in JSON), with its day beside it as a ``date32``
(``captured_on``) for filtering.

pyarrow is imported when this module is: it is the ``parquet`` extra, and ``import faqparse``
never needs it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Literal, Protocol

if TYPE_CHECKING:
    from typing_extensions import Buffer

from .._model import Article, Observation, Record
from .._rows import builtins, from_json, read_moment, row
from .files import replaced_file

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as error:  # pragma: no cover - the extra is part of the test install
    raise ImportError(
        "Parquet needs pyarrow: pip install 'faqparse[parquet]'", name=error.name
    ) from error

__all__ = [
    "ARTICLE_SCHEMA",
    "KINDS",
    "OBSERVATION_TYPE",
    "RECORD_SCHEMA",
    "Kind",
    "read_parquet",
    "table",
    "write_parquet",
]

Kind = Literal["records", "articles"]
KINDS: Final[tuple[Kind, ...]] = ("records", "articles")
ROWS_PER_GROUP: Final = 65_536
"""Rows written at a time: bounds the memory of a write whatever the number of rows."""

RECORD_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("index", pa.int64(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("snippet", pa.string(), nullable=False),
        pa.field("published", pa.date32(), nullable=False),
        pa.field("updated", pa.date32()),
        pa.field("views", pa.int64()),
        pa.field("category", pa.string()),
        pa.field("span_start", pa.int64(), nullable=False),
        pa.field("span_end", pa.int64(), nullable=False),
        pa.field("line", pa.int64()),
        pa.field("column", pa.int64()),
    ]
)
OBSERVATION_TYPE: Final = pa.struct(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("digest", pa.string(), nullable=False),
        pa.field("index", pa.int64(), nullable=False),
        pa.field("captured", pa.string()),
        pa.field("captured_on", pa.date32()),
        pa.field("title", pa.string(), nullable=False),
        pa.field("snippet", pa.string(), nullable=False),
        pa.field("updated", pa.date32()),
        pa.field("views", pa.int64()),
        pa.field("category", pa.string()),
    ]
)
ARTICLE_SCHEMA: Final = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("published", pa.date32(), nullable=False),
        pa.field("updated", pa.date32()),
        pa.field("views", pa.int64()),
        pa.field("locale", pa.string(), nullable=False),
        pa.field("category", pa.string()),
        pa.field("snippets", pa.list_(pa.field("element", pa.string(), nullable=False)), False),
        pa.field("observations", pa.list_(pa.field("element", OBSERVATION_TYPE, False)), False),
    ]
)
_SCHEMAS: Final = {"records": RECORD_SCHEMA, "articles": ARTICLE_SCHEMA}


class SupportsWrite(Protocol):
    def write(self, data: bytes, /) -> object: ...


Item = Record | Article | Mapping[str, Any]
"""A model object, or its JSON shape (``faqparse.to_json``), as the command line has them."""


def write_parquet(
    items: Iterable[Item], where: str | os.PathLike[str] | SupportsWrite, kind: Kind
) -> int:
    """Write records or articles as one Parquet file; returns how many rows were written.

    ``items`` are model objects or their JSON shapes. A path is written atomically (whole or
    not at all); anything else with ``write(bytes)`` (a binary file, a pipe) is written to
    in order, never sought, and left open. ``ValueError`` for an unknown
    ``kind`` or an item of the wrong shape.
    """
    schema = _schema(kind)
    if isinstance(where, str | os.PathLike):
        with replaced_file(where) as out:
            return write_parquet(items, out, kind)
    count = 0
    with pq.ParquetWriter(_Sink(where), schema, compression="zstd") as writer:
        objects = (_model(item, kind) for item in items)
        while batch := list(islice(objects, ROWS_PER_GROUP)):
            writer.write_table(table(batch, kind))
            count += len(batch)
        if count == 0:  # a file with the schema and no rows, not a file without a schema
            writer.write_table(schema.empty_table())
    return count


class _Sink(io.RawIOBase):
    """Any object with ``write(bytes)`` as the file pyarrow wants: a pipe, a socket's file,
    a caller's own sink. Closing it leaves the object open: it is the caller's."""

    def __init__(self, target: SupportsWrite) -> None:
        super().__init__()
        self._target = target
        self._written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Buffer) -> int:
        written = bytes(data)
        self._target.write(written)
        self._written += len(written)
        return len(written)

    def tell(self) -> int:
        return self._written


def table(objects: Iterable[Record | Article], kind: Kind) -> pa.Table:
    """The Arrow table of records or articles, in the documented schema."""
    schema = _schema(kind)
    return pa.Table.from_pylist([_row(_model(o, kind)) for o in objects], schema=schema)


def read_parquet(source: str | os.PathLike[str] | BinaryIO, kind: Kind) -> Iterator[Item]:
    """The records or articles of a file written by ``write_parquet``, one row group at a time.

    ``ValueError`` if the file's columns are not those of ``kind``'s schema.
    """
    schema = _schema(kind)
    with pq.ParquetFile(source) as file:
        found = file.schema_arrow
        if found.names != schema.names:
            raise ValueError(f"not a Parquet file of {kind}: its columns are {found.names}")
        build = _record if kind == "records" else _article
        for group in range(file.num_row_groups):
            for row in file.read_row_group(group).to_pylist():
                yield build(row)


def _schema(kind: str) -> pa.Schema:
    try:
        return _SCHEMAS[kind]
    except KeyError:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}") from None


def _model(item: Item, kind: Kind) -> Record | Article:
    if isinstance(item, Record | Article):
        if isinstance(item, Record) != (kind == "records"):
            raise ValueError(f"a {type(item).__name__} in a Parquet file of {kind}")
        return item
    shape = builtins(item)
    return from_json(Record, shape) if kind == "records" else from_json(Article, shape)


def _row(obj: Record | Article) -> dict[str, object]:
    """`_rows.row`, with the shapes Arrow's columns need: a record's span as two columns,
    an observation's snapshot time as ISO text and its day as a date."""
    shape = row(obj)
    if isinstance(obj, Record):
        start, end = shape.pop("span")
        shape["span_start"], shape["span_end"] = start, end
        return {name: shape[name] for name in RECORD_SCHEMA.names}
    for observation in shape["observations"]:
        captured = observation["captured"]
        observation["captured"] = None if captured is None else captured.isoformat()
        observation["captured_on"] = captured.date() if isinstance(captured, datetime) else captured
    shape["snippets"] = list(shape["snippets"])
    return shape


def _record(row: dict[str, Any]) -> Record:
    return Record(
        title=row["title"],
        snippet=row["snippet"],
        published=row["published"],
        updated=row["updated"],
        views=row["views"],
        source=row["source"],
        index=row["index"],
        span=(row["span_start"], row["span_end"]),
        category=row["category"],
        line=row["line"],
        column=row["column"],
    )


def _article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        published=row["published"],
        updated=row["updated"],
        views=row["views"],
        snippets=tuple(row["snippets"]),
        observations=tuple(_observation(o) for o in row["observations"]),
        locale=row["locale"],
        category=row["category"],
    )


def _observation(row: dict[str, Any]) -> Observation:
    text: str | None = row["captured"]
    captured = None if text is None else read_moment(text)
    return Observation(
        source=row["source"],
        digest=row["digest"],
        index=row["index"],
        captured=captured,
        title=row["title"],
        snippet=row["snippet"],
        updated=row["updated"],
        views=row["views"],
        category=row["category"],
    )
