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
from .table import TABLE_PAGE, terminal_cell_width, write_table

__all__ = [
    "FORMATS",
    "TABLE_PAGE",
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

    @property
    def stream(self) -> Sink:
        return self._out

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
        measure = terminal_cell_width(_is_terminal(out))
        count = write_table(rows, text, columns, flatten, width, measure=measure)
    return count


def _is_terminal(out: Sink) -> bool:
    """Whether ``out`` is standard output on a terminal."""
    if not isinstance(out, _StandardOutput):
        return False
    isatty = getattr(out.stream, "isatty", None)
    return bool(isatty is not None and isatty())
