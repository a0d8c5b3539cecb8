"""Dump files written into a directory for tests: the ``make_dump`` fixture's maker."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Unpack

from ._render import RenderableRecord, RenderOptions, render

__all__ = ["DumpMaker"]


class DumpMaker:
    """Writes dump files into a directory: records (rendered with `render`), or raw text/bytes.

    The ``make_dump`` fixture of the pytest plugin is one of these on ``tmp_path``.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.made: list[Path] = []

    def __call__(
        self,
        records: Iterable[RenderableRecord] | str | bytes,
        name: str | os.PathLike[str] | None = None,
        **options: Unpack[RenderOptions],
    ) -> Path:
        """Write one dump and return its path; ``name`` defaults to ``dump-<n>.txt``."""
        if isinstance(records, bytes):
            if options:
                raise TypeError("render options do not apply to raw bytes")
            data = records
        elif isinstance(records, str):
            if options:
                raise TypeError("render options do not apply to raw text")
            data = records.encode("utf-8", "surrogatepass")
        else:
            data = render(records, **options).encode("utf-8")
        path = self.directory / (f"dump-{len(self.made)}.txt" if name is None else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.made.append(path)
        return path
