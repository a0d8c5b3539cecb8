"""Writing results: JSON Lines, JSON, CSV or a terminal table, as UTF-8 to a file or stdout."""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TextIO

from .files import OutputError, replaced_file
from .jsonl import JsonLines, Sink, json_default

__all__ = [
    "FORMATS",
    "atomic_output",
    "format_of",
    "output_sink",
    "standard_output_errors",
    "write_rows",
]

FORMATS = ("jsonl", "json", "csv", "table", "parquet")
_EXTENSIONS: Final = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
}


def format_of(path: str) -> str | None:
    """The format an output file's name asks for (``x.csv``, ``x.jsonl.gz``), if it names one."""
    name = path.lower().removesuffix(".gz")
    return _EXTENSIONS.get(os.path.splitext(name)[1])


_JSON: Final = json.JSONEncoder(ensure_ascii=False, default=json_default)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A UTF-8 text file that appears at ``path`` whole, or not at all (see `replaced_file`)."""
    with replaced_file(path) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()


@contextlib.contextmanager
def output_sink(output: str | None, stdout: TextIO) -> Iterator[Sink]:
    """Where a command writes: the file ``output`` (see `replaced_file`), gzip-compressed when
    its name ends in ``.gz``, or ``stdout``."""
    if output is not None:
        with replaced_file(output) as file:
            if not output.lower().endswith(".gz"):
                yield file
                return
            # No name or time in the header: the same rows give the same bytes in every run.
            with gzip.GzipFile(filename="", fileobj=file, mode="wb", mtime=0) as packed:
                yield packed
        return
    yield _StandardOutput(_binary(stdout))
    with standard_output_errors():
        stdout.flush()


@contextlib.contextmanager
def standard_output_errors() -> Iterator[None]:
    """Name standard output in a write error (``> /dev/full``), which has no file name of its
    own; a reader that went away (a broken pipe) is left to the console script."""
    try:
        yield
    except (BrokenPipeError, OutputError):
        raise
    except OSError as error:
        what = error.strerror or str(error)
        raise OutputError(
            error.errno, f"cannot write standard output: {what}; the output is incomplete"
        ) from None


class _StandardOutput:
    """Standard output's bytes, whose write errors say it is standard output."""

    def __init__(self, out: Sink) -> None:
        self._out = out

    def write(self, data: bytes | bytearray, /) -> object:
        with standard_output_errors():
            return self._out.write(data)


class _TextSink:
    """Bytes written to a text stream that has no binary buffer (a StringIO in tests)."""

    def __init__(self, text: TextIO) -> None:
        self._text = text

    def write(self, data: bytes | bytearray) -> int:
        return self._text.write(data.decode("utf-8"))


def _binary(stream: TextIO) -> Sink:
    """Where bytes go on ``stream``: its binary buffer when it has one."""
    binary: Sink | None = getattr(stream, "buffer", None)
    if binary is None:
        return _TextSink(stream)
    stream.flush()  # what was written as text goes first; `output_sink` flushes the rest
    return binary


class _Text:
    """Text written to a binary sink as UTF-8."""

    def __init__(self, out: Sink) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(text.encode("utf-8"))
        return len(text)


def write_rows(
    rows: Iterable[dict[str, Any]],
    out: Sink,
    fmt: str,
    *,
    columns: list[str],
    flatten: Callable[[dict[str, Any]], list[Any]],
    width: int = 100,
) -> int:
    """Write rows in ``fmt`` as UTF-8; returns how many were written.

    Rows are JSON shapes, or `record_row`'s, whose dates are written as ``YYYY-MM-DD``.
    """
    if fmt == "jsonl":
        return JsonLines(out).write_all(rows)
    if fmt == "parquet":  # binary, straight onto the sink; pyarrow is an extra
        from .parquet import write_parquet  # noqa: PLC0415

        return write_parquet(rows, out, "articles" if "id" in columns else "records")
    text = _Text(out)
    count = 0
    if fmt == "json":
        text.write("[")
        for row in rows:
            text.write(("\n" if count == 0 else ",\n") + _JSON.encode(row))
            count += 1
        text.write("\n]\n" if count else "]\n")
    elif fmt == "csv":
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(flatten(row))
            count += 1
    else:
        count = _table(rows, text, columns, flatten, width)
    return count


TABLE_PAGE: Final = 1000
"""Rows a table holds at once: it is printed a page at a time, so an endless stream of rows
runs in bounded memory, and the first rows show without waiting for the last."""


def _table(
    rows: Iterable[dict[str, Any]],
    out: _Text,
    columns: list[str],
    flatten: Callable[[dict[str, Any]], list[Any]],
    width: int,
) -> int:
    """The rows as columns fitted to ``width``, a page of `TABLE_PAGE` rows at a time.

    The columns are as wide as the widest cell seen so far; when a page widens them, the
    header is printed again above it, so that every row stands under its names.
    """
    hidden = {"snippet", "snippets", "span_start", "span_end", "source", "id"}
    shown = [c for c in columns if c not in hidden]
    picks = [columns.index(c) for c in shown]
    widest = [len(c) for c in shown]
    sizes: list[int] | None = None
    page: list[list[str]] = []
    count = 0
    for row in rows:
        flat = flatten(row)
        page.append([_cell(flat[i]) for i in picks])
        if len(page) == TABLE_PAGE:
            sizes = _page(page, shown, widest, before=sizes, width=width, out=out)
            count += len(page)
            page = []
    if page or sizes is None:
        _page(page, shown, widest, before=sizes, width=width, out=out)
        count += len(page)
    return count


def _page(
    page: list[list[str]],
    shown: list[str],
    widest: list[int],
    *,
    before: list[int] | None,
    width: int,
    out: _Text,
) -> list[int]:
    """Print one page of cells (the header too, first or when the columns changed)."""
    for cells in page:
        for i, cell in enumerate(cells):
            widest[i] = max(widest[i], len(cell))
    sizes = list(widest)
    # The widest column (the title) gives way so that a row fits the terminal.
    wide = sizes.index(max(sizes))
    sizes[wide] = max(10, min(sizes[wide], width - sum(sizes) + sizes[wide] - 2 * len(sizes)))
    lines = page if sizes == before else [shown, *page]
    if before is not None and sizes != before:
        out.write("\n")
    for cells in lines:
        line = "  ".join(_fit(cell, size) for cell, size in zip(cells, sizes, strict=True))
        out.write(line.rstrip() + "\n")
    return sizes


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return " ".join(str(value).split())


def _fit(cell: str, size: int) -> str:
    return cell.ljust(size) if len(cell) <= size else cell[: size - 1] + "…"
