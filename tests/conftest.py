from __future__ import annotations

import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

import faqparse
from faqparse._cli.main import main

if TYPE_CHECKING:
    from distributed import Client

# Loaded here rather than through its entry point, so that coverage sees faqparse imported.
pytest_plugins = ["faqparse.testing.plugin"]

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "All\nFAQ\nAnnouncements\nProduct documents\n"
"""The English search page's tab lines, as the seeds open."""
SEEDS = faqparse.sample_paths()
"""The two real dumps, read where the package ships them (no second copy to drift)."""

# A run started under nohup ignores SIGHUP, and the processes the tests start would inherit
# that (an ignored signal stays ignored across exec): the tests that send SIGHUP need it at
# its default, as in a terminal or CI.
signal.signal(signal.SIGHUP, signal.SIG_DFL)

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation testing runs the tests once per mutant: fewer examples, and the same ones each
# time, so that a mutant is not killed or spared by the luck of the draw (docs/design/mutation.md).
settings.register_profile(
    "mutation", max_examples=50, deadline=None, derandomize=True, database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _fresh_grammar_under_mutation() -> None:
    """Under mutmut, build the grammar again for every test.

    The grammar of a vocabulary is compiled once per process and cached; mutmut forks each
    mutant's test run from a process that has already compiled it, so a mutant in the code
    that builds the patterns would never run. Outside mutmut this does nothing.
    """
    if "MUTANT_UNDER_TEST" in os.environ:
        from faqparse._scan import grammar as _grammar  # noqa: PLC0415 - only under mutmut

        _grammar.grammar_for.cache_clear()


def record_fields(record: faqparse.Record) -> dict[str, Any]:
    """A record as the golden files write it: everything but where it came from."""
    return {
        "index": record.index,
        "title": record.title,
        "snippet": record.snippet,
        "published": record.published.isoformat(),
        "updated": None if record.updated is None else record.updated.isoformat(),
        "views": record.views,
    }


def golden(path: Path) -> dict[str, Any]:
    """The hand-checked golden beside a fixture dump; a bundled sample's is kept in
    ``fixtures/samples`` (the package holds the dumps, not their goldens)."""
    beside = path.with_suffix(".json")
    if path in SEEDS:
        beside = FIXTURES / "samples" / beside.name
    expected: dict[str, Any] = json.loads(beside.read_text(encoding="utf-8"))
    return expected


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Client]:
    """A cluster of two worker processes, one thread each, shared by the whole session."""
    from distributed import Client, LocalCluster  # noqa: PLC0415 - only tests that ask start it

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run(
    *argv: str | Path, stdin: bytes | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    """The command line in this process: its exit status, standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main([str(a) for a in argv], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def both_catalogs(dumps: list[faqparse.Dump], path: Path) -> list[tuple[str, int, int, str]]:
    """Add each dump in a run of its own to the catalog file at ``path`` and to one in
    memory, requiring the same diagnostics of each run, then the same articles of both as
    ``faqparse.merge``; the last run's diagnostics (code, line, column, message)."""
    memory = faqparse.Catalog()
    found: list[tuple[str, int, int, str]] = []
    for dump in dumps:
        with faqparse.Catalog.open(path) as catalog:
            assert catalog.add(dump) and memory.add(dump)
            found = [(d.code, d.line, d.column, d.message) for d in catalog.diagnostics]
        wanted = [
            (d.code, d.line, d.column, d.message) for d in memory.diagnostics_of({dump.digest})
        ]
        assert found == wanted
    with faqparse.Catalog.open(path, create=False) as catalog:
        assert list(catalog.articles) == list(memory.articles) == faqparse.merge(dumps)
    return found
