"""The two catalogs behind one contract: the same articles and the same diagnostics.

A series of runs (several dumps each, source names used again, older snapshots arriving
after newer ones) is added to a catalog file, one transaction a run, and to one catalog in
memory. After every run both hold the same articles, and the diagnostics the file gives for
the run are those the memory catalog gives about the records of the run's dumps.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import faqparse
from conftest import HEADER
from faqparse.testing import RenderError, render
from faqparse.testing.strategies import render_options

# Few titles, snippets and dates, so that blocks, twins and weak matches are frequent.
TITLES = ("Passkey FAQ", "PASSKEY  faq", "How do I buy crypto?", "Price alerts")
SNIPPETS = ("Passkeys replace passwords.", "Use your cash balance.", "Tap the bell.")
PUBLISHED = (date(2025, 3, 19), date(2024, 10, 7))
UPDATED = (None, date(2026, 5, 1), date(2026, 5, 20))
CAPTURED = (None, date(2026, 6, 1), date(2026, 6, 2), datetime(2026, 6, 1, 9, 30))
SOURCES = ("dump.txt", "other.txt", "dump.txt")  # a name used again is common


class Row(NamedTuple):
    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None


rows = st.builds(
    Row,
    st.sampled_from(TITLES),
    st.sampled_from(SNIPPETS),
    st.sampled_from(PUBLISHED),
    st.sampled_from(UPDATED),
    st.none() | st.integers(0, 3000),
)


@st.composite
def dumps(
    draw: st.DrawFn,
    sources: tuple[str, ...] = SOURCES,
    captured: tuple[date | None, ...] = CAPTURED,
) -> faqparse.Dump:
    """A small rendered dump of ``rows``, named one of ``sources``, captured at one of
    ``captured``."""
    records = draw(st.lists(rows, min_size=1, max_size=4))
    options = draw(render_options(own_lines=True, views=True, updated=True, page_size=None))
    try:
        text = render(records, **options)
    except RenderError:
        assume(False)
        raise
    source = draw(st.sampled_from(sources))
    return faqparse.parse(text, source=source, captured=draw(st.sampled_from(captured)))


def _shown(diagnostics: tuple[faqparse.Diagnostic, ...]) -> list[tuple[object, ...]]:
    return [(d.code, d.source, d.line, d.column, d.span, d.message) for d in diagnostics]


def _run_both(
    path: Path, memory: faqparse.Catalog, run: list[faqparse.Dump]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Add a run to both; the file's diagnostics for it, and the memory catalog's."""
    added = set()
    with faqparse.Catalog.open(path) as catalog:
        for dump in run:
            fresh = catalog.add(dump)
            assert memory.add(dump) is fresh
            if fresh:
                added.add(dump.digest)
        found = _shown(catalog.diagnostics)
    return found, _shown(memory.diagnostics_of(added))


@settings(max_examples=80)
@given(st.lists(st.lists(dumps(), min_size=1, max_size=3), min_size=1, max_size=4))
def test_runs_give_the_same_articles_and_diagnostics_in_both_catalogs(
    runs: list[list[faqparse.Dump]],
) -> None:
    memory = faqparse.Catalog()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.sqlite"
        for run in runs:
            in_file, in_memory = _run_both(path, memory, run)
            assert in_file == in_memory
            with faqparse.Catalog.open(path, create=False) as catalog:
                assert list(catalog.articles) == list(memory.articles)


PASSKEY = HEADER + "Passkey FAQ\nPasskeys.Published on 19 Mar 2025{views}"


def test_an_older_dump_of_the_same_name_leaves_each_diagnostic_at_its_record(
    tmp_path: Path,
) -> None:
    newer = faqparse.parse(PASSKEY.format(views=""), "dump.txt", captured=date(2026, 6, 2))
    older = faqparse.parse(PASSKEY.format(views="130"), "dump.txt", captured=date(2026, 6, 1))
    memory = faqparse.Catalog()
    path = tmp_path / "catalog.sqlite"
    runs = []
    for dump in (newer, older):
        runs.append(_run_both(path, memory, [dump]))
    # The 2 June record shows no count though the article had 130: a weak match, about the
    # record at line 5 of the 2 June dump, which was added by the first run.
    [note] = memory.diagnostics
    assert (note.code, note.source, note.line, note.column) == ("weak-match", "dump.txt", 5, 1)
    assert memory.diagnostics_of({newer.digest}) == (note,)
    # Neither run says it about the older dump's record (at 1:1) because the names match.
    assert runs == [([], []), ([], [])]
