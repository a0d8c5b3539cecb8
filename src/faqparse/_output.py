"""Writing results: JSON Lines, JSON, CSV or a terminal table, to a file atomically or stdout."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

__all__ = ["FORMATS", "atomic_output", "write_rows"]

FORMATS = ("jsonl", "json", "csv", "table", "parquet")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """A file that appears at ``path`` whole, or not at all: written aside, then renamed."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".faqparse-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        if os.path.exists(target):
            shutil.copymode(target, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_rows(
    rows: Iterable[dict[str, Any]],
    out: TextIO,
    fmt: str,
    *,
    columns: list[str],
    flatten: Callable[[dict[str, Any]], list[Any]],
    width: int = 100,
) -> int:
    """Write JSON shapes in ``fmt``; returns how many were written."""
    count = 0
    if fmt == "jsonl":
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for row in rows:
            out.write(dumps(row) + "\n")
            count += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(flatten(row))
            count += 1
    elif fmt == "parquet":  # binary, onto the text stream's buffer; pyarrow is an extra
        from ._parquet import write_parquet  # noqa: PLC0415

        out.flush()
        count = write_parquet(rows, out.buffer, "articles" if "id" in columns else "records")
    else:
        count = _table(rows, out, columns, flatten, width)
    return count


def _table(
    rows: Iterable[dict[str, Any]],
    out: TextIO,
    columns: list[str],
    flatten: Callable[[dict[str, Any]], list[Any]],
    width: int,
) -> int:
    hidden = {"snippet", "snippets", "span_start", "span_end", "source", "id"}
    shown = [c for c in columns if c not in hidden]
    picks = [columns.index(c) for c in shown]
    body = [[_cell(flatten(row)[i]) for i in picks] for row in rows]
    sizes = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(shown)]
    # The widest column (the title) gives way so that a row fits the terminal.
    wide = sizes.index(max(sizes))
    sizes[wide] = max(10, min(sizes[wide], width - sum(sizes) + sizes[wide] - 2 * len(sizes)))
    for cells in [shown, *body]:
        line = "  ".join(_fit(cell, size) for cell, size in zip(cells, sizes, strict=True))
        out.write(line.rstrip() + "\n")
    return len(body)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return " ".join(str(value).split())


def _fit(cell: str, size: int) -> str:
    return cell.ljust(size) if len(cell) <= size else cell[: size - 1] + "…"
