"""The articles a record fits, found through the block's index: the same articles as reading
them all, and work that grows with the records, not with dumps x articles.

The work is counted, not timed: calls that test one article against a record's snapshot
(`Chain.fits`, `Chain.bounds`) and entries put in the segment-tree indexes (`Index`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import faqparse
from conftest import HEADER, both_catalogs
from faqparse._merge import fits as _fits
from faqparse._merge import walk as _walk
from faqparse._merge.chain import Chain
from faqparse._merge.greedy import greedy
from faqparse._merge.index import Index
from faqparse._merge.keys import Moment
from faqparse._model import Observation

DATES = "Published on 5 Sept 2023"
UPDATED = ("", "Updated on 1 May 2026", "Updated on 20 May 2026")
SNIPPETS = ("Open Security.", "Open Account settings.", "Tap the bell.")
# Snapshots with every kind of order between them: days, times of one day, a date-only
# snapshot of a day with times, an unknown time (walked last).
CAPTURED = (
    date(2026, 6, 1),
    datetime(2026, 6, 1, 9, 30),
    datetime(2026, 6, 1, 18),
    date(2026, 6, 2),
    datetime(2026, 6, 2, 8),
    date(2026, 6, 3),
    None,
)

Shown = tuple[str, str, int | None]
records = st.tuples(
    st.sampled_from(SNIPPETS), st.sampled_from(UPDATED), st.none() | st.integers(0, 30)
)


def text(shown: list[Shown]) -> str:
    return HEADER + "".join(
        f"Same title\n{snippet}{DATES}{updated}{'' if views is None else f'{views:,}'}"
        for snippet, updated, views in shown
    )


def dumps_of(days: Sequence[tuple[date | None, list[Shown]]]) -> list[faqparse.Dump]:
    found = []
    for number, (captured, shown) in enumerate(days):
        dump = faqparse.parse(text(shown), f"dump{number}.txt", captured=captured)
        found.append(attrs.evolve(dump, digest=f"{number:064x}"))
    return found


blocks = st.lists(
    st.tuples(st.sampled_from(CAPTURED), st.lists(records, min_size=1, max_size=11)),
    min_size=1,
    max_size=14,
).map(dumps_of)


def merged(dumps: list[faqparse.Dump]) -> tuple[object, ...]:
    """What a user sees of a merge: each article's id and observations, each diagnostic."""
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    articles = [(a.id, [(o.digest, o.index) for o in a.observations]) for a in catalog.articles]
    notes = [(d.code, d.message, d.source, d.line, d.column) for d in catalog.diagnostics]
    return articles, notes


def _every_article(self: _walk.Walk, record: Observation, when: Moment) -> list[int]:
    """The rule before the index: every article the record fits, however many."""
    return [c for c, chain in enumerate(self.chains) if chain.fits(record, when)]


def _greedy_over_every_article(
    self: _walk.Walk, records: list[Observation], when: Moment
) -> tuple[list[int | None], list[list[int]]]:
    """The greedy before the index: given every article of the block, on every dump."""
    self.snippets.update(self.chains)
    bounds = [chain.bounds(when) for chain in self.chains]
    picks, fitting = greedy(
        records,
        self.chains,
        bounds,
        self.snippets.having,
        lambda record, column: self._score(record, column, when),
    )
    self.note_greedy(records, picks, fitting)
    return picks, fitting


@contextmanager
def indexed(articles: int, candidates: int = _fits.CANDIDATES) -> Iterator[None]:
    """The walk with its index past ``articles`` articles, weighing ``candidates`` at most."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_walk, "INDEXED", articles)
        patch.setattr(_walk, "CANDIDATES", candidates)
        patch.setattr(_fits, "CANDIDATES", candidates)
        yield


@given(blocks)
def test_the_index_finds_what_reading_every_article_found(dumps: list[faqparse.Dump]) -> None:
    # A block far below 32 articles a record fits: the walk as it was before the index
    # (every article read, the greedy given them all) and the walk through the index from
    # its first article give the same articles, ids and diagnostics.
    widest = 0
    every_article = _every_article

    def reading_all(self: _walk.Walk, record: Observation, when: Moment) -> list[int]:
        nonlocal widest
        found = every_article(self, record, when)
        widest = max(widest, len(found))
        return found

    with indexed(10**9), pytest.MonkeyPatch.context() as patch:
        patch.setattr(_walk.Walk, "fitting", reading_all)
        patch.setattr(_walk.Walk, "_greedy", _greedy_over_every_article)
        before = merged(dumps)
    assert widest <= _fits.CANDIDATES
    with indexed(0):
        assert merged(dumps) == before


@given(blocks)
def test_past_the_candidates_the_index_and_a_reading_of_all_keep_the_same_nearest(
    dumps: list[faqparse.Dump],
) -> None:
    # With two candidates at most, most blocks have records that fit more: the nearest two
    # by count (then the older article) are the same found through the index or by reading
    # every article, so the merge is too.
    with indexed(10**9, candidates=2):
        read = merged(dumps)
    with indexed(0, candidates=2):
        assert merged(dumps) == read


def test_a_record_fitting_more_articles_than_weighed_is_weighed_against_the_nearest() -> None:
    # Forty articles: one that never showed an 'Updated on' date (100 views), thirty-nine
    # that did (110 to 148 views). A record of 150 views without a date fits every one. Of
    # all of them it would go to the undated one (a record without a date is not given to an
    # article that had one, if it can help it); weighed against the 32 nearest by count
    # only (117 to 148, all dated), it goes to the nearest, 148.
    first: list[Shown] = [("Tap the bell.", "", 100)]
    first += [("Tap the bell.", "Updated on 1 May 2026", 110 + n) for n in range(39)]
    later: list[Shown] = [("Tap the bell.", "", 150)]
    dumps = dumps_of([(date(2026, 6, 1), first), (date(2026, 6, 2), later)])
    articles = faqparse.merge(dumps)
    assert len(articles) == 40
    grown = [a for a in articles if len(a.observations) == 2]
    assert [[o.views for o in a.observations] for a in grown] == [[148, 150]]
    with indexed(10**9, candidates=10**9):
        before = faqparse.merge(dumps)
    grown = [a for a in before if len(a.observations) == 2]
    assert [[o.views for o in a.observations] for a in grown] == [[100, 150]]


class Work:
    """Counts the work of a merge: articles tested against a snapshot, entries indexed."""

    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        self.tests = self.indexed = 0
        fits, bounds, index = Chain.fits, Chain.bounds, Index.__init__

        def fitted(chain: Chain, record: Observation, when: Moment) -> bool:
            self.tests += 1
            return fits(chain, record, when)

        def bounded(chain: Chain, when: Moment) -> tuple[int | None, date | None]:
            self.tests += 1
            return bounds(chain, when)

        def built(index_: Index, entries: list[tuple[int, int, int]]) -> None:
            self.indexed += len(entries)
            index(index_, entries)

        patch.setattr(Chain, "fits", fitted)
        patch.setattr(Chain, "bounds", bounded)
        patch.setattr(Index, "__init__", built)

    def per_record(self, run: Callable[[], int]) -> tuple[float, float]:
        self.tests = self.indexed = 0
        count = run()
        return self.tests / count, self.indexed / count


def _falling(days: int, per_dump: int, timed: bool) -> list[faqparse.Dump]:
    """Dumps whose counts fall every snapshot, so that every record starts an article."""
    start = datetime(2026, 6, 1, 0, 0) if timed else date(2026, 6, 1)
    step = timedelta(seconds=1) if timed else timedelta(days=1)
    return dumps_of(
        [
            (
                start + day * step,
                [("Tap the bell.", "", 100_000 - day * 20 - n) for n in range(per_dump)],
            )
            for day in range(days)
        ]
    )


@pytest.mark.parametrize(
    ("per_dump", "timed"),
    [(1, False), (9, False), (3, True), (9, True)],
    ids=["one record a day", "nine records a day", "three a second", "nine a second"],
)
def test_dumps_that_each_start_articles_cost_the_same_per_record_however_many(
    per_dump: int, timed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each record fits no article (its count is below every one before), so each starts
    # one: reading every article for every record cost dumps x articles (about 50 and 200
    # tests a record here, 600 and 2,400 at four times the dumps). Seconds of one day keep
    # every count known to come before, as days do.
    work = Work(monkeypatch)
    figures = []
    for records in (360, 1440):
        dumps = _falling(records // per_dump, per_dump, timed)

        def run(dumps: list[faqparse.Dump] = dumps) -> int:
            articles = faqparse.merge(dumps)
            assert len(articles) == sum(len(d.records) for d in dumps)
            return len(articles)

        figures.append(work.per_record(run))
    (tests, indexed), (more_tests, more_indexed) = figures
    # The first 32 articles are read whole, a fixed cost; the records after cost no more
    # than one or two tests each (of the 1,080 more records, at most 2,160).
    assert more_tests * 1440 - tests * 360 <= 2 * 1080, figures
    # Entries indexed grow with the logarithm of the articles: 4x the dumps, under 2x per record.
    assert more_indexed <= 2 * indexed, figures


def test_small_dumps_against_a_block_of_many_articles_cost_no_more_per_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A first dump of 600 records of one block (600 articles), then small dumps of three
    # records a day, each continuing three of them: reading every article cost 600 tests a
    # record. The work of the first dump alone is taken off.
    work = Work(monkeypatch)
    first = dumps_of(
        [(date(2026, 6, 1), [("Tap the bell.", "", 1000 + 10 * n) for n in range(600)])]
    )
    alone = work.per_record(lambda: len(faqparse.merge(first)))
    figures = []
    for days in (100, 400):
        later = dumps_of(
            [
                (
                    date(2026, 6, 2) + timedelta(day),
                    [
                        ("Tap the bell.", "", 1000 + 10 * ((day * 7 + k) % 600) + day)
                        for k in range(3)
                    ],
                )
                for day in range(days)
            ]
        )
        dumps = first + [attrs.evolve(d, digest=f"{n + 1:064x}") for n, d in enumerate(later)]

        def run(dumps: list[faqparse.Dump] = dumps) -> int:
            articles = faqparse.merge(dumps)
            assert len(articles) == 600  # every later record continues an article
            return len(dumps) - 1 + 600

        tests, indexed = work.per_record(run)
        total = 3 * days
        figures.append(
            (
                (tests * (total + 600) - 600 * alone[0]) / total,
                (indexed * (total + 600) - 600 * alone[1]) / total,
            )
        )
    (tests, indexed), (more_tests, more_indexed) = figures
    # The index is built once (600 tests); the records after cost no more than one or two
    # tests each (of the 900 more records, at most 1,800).
    assert more_tests * 1200 - tests * 300 <= 2 * 900, figures
    assert more_indexed <= 2 * indexed, figures


def test_the_benchmark_shape_that_starts_articles_starts_one_for_every_record() -> None:
    # `benchmarks.same_key --dumps` with the falling shape measures dumps whose every record
    # starts an article: its snapshots must be distinct dumps of distinct days, none of whose
    # records fits an article of the days before.
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:  # the benchmarks sit beside src/, outside the installed package
        sys.path.insert(0, root)
    from benchmarks.same_key import FALLING, snapshots  # noqa: PLC0415

    for records in (1, 9):
        dumps = snapshots(records, FALLING, 5)
        assert len({d.digest for d in dumps}) == len({d.captured for d in dumps}) == 5
        assert all(len(d.records) == records for d in dumps)
        assert len(faqparse.merge(dumps)) == 5 * records


def test_the_catalog_file_walks_a_block_of_many_articles_on_as_the_merge_does(
    tmp_path: Path,
) -> None:
    # Forty twins on the first day, then a few of them a day (three, or ten: the greedy),
    # each count fitting several articles: the file walks each later day on from the kept
    # articles (its index built afresh from them), the memory catalog merges again, and both
    # say the same, diagnostics included.
    first: list[Shown] = [(SNIPPETS[n % 3], "", 100 + 2 * (n // 2)) for n in range(40)]
    days = [(date(2026, 6, 1), first)]
    for day in range(1, 6):
        picked = range(day, 40, 4 if day % 2 else 13)
        days.append(
            (
                date(2026, 6, 1) + timedelta(day),
                [(SNIPPETS[n % 3], "", 100 + 2 * (n // 2) + day) for n in picked],
            )
        )
    dumps = dumps_of(days)
    found = both_catalogs(dumps, tmp_path / "catalog.sqlite")
    assert any(code == "weak-match" for code, *_ in found)
    assert len(faqparse.merge(dumps)) == 40
