"""The pytest plugin of faqparse, registered under the ``pytest11`` entry point.

Fixtures:

- ``make_dump``: a `faqparse.testing.DumpMaker` on the test's ``tmp_path``. Call it with
  records (and `faqparse.testing.render` options, and optionally a file name) or with raw
  text or bytes; it returns the path of the dump file it wrote.
- ``faqparse_samples``: the paths of the sample dumps bundled with faqparse, sorted by name.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from ._dump_maker import DumpMaker

__all__ = ["faqparse_samples", "make_dump"]


@pytest.fixture
def make_dump(tmp_path: Path) -> DumpMaker:
    """Write dump files into ``tmp_path``: ``make_dump(records, "name.txt", style="en-US")``."""
    return DumpMaker(tmp_path)


@pytest.fixture(scope="session")
def faqparse_samples() -> Iterator[list[Path]]:
    """The bundled sample dumps (real search-page dumps), as file paths."""
    samples = resources.files("faqparse").joinpath("samples")
    with contextlib.ExitStack() as stack:
        yield sorted(
            stack.enter_context(resources.as_file(entry))
            for entry in samples.iterdir()
            if entry.name.endswith(".txt") and entry.is_file()
        )
