"""The greedy assignment, for more than eight records of one block in one dump: what it
considers, held against every article the time rule lets a record join; what a user sees of
it on many twins; and its cost, counted in scored pairs rather than timed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import faqparse
from conftest import HEADER, both_catalogs
from faqparse._merge.chain import Chain
from faqparse._merge.greedy import NEAREST, Snippets, greedy
from faqparse._merge.keys import Moment, moment
from faqparse._merge.walk import EXACT, Walk
from faqparse._model import Observation

SNIPPETS = ("Open Security.", "Open Account settings.", "Tap the bell.", "Open Security now.")
UPDATED = (None, date(2026, 5, 1), date(2026, 5, 20))
VIEWS = st.none() | st.integers(0, 12)
# Snapshots the articles were seen at, and the one being assigned: the same day (date-only or
# timed, so that only some of that day's counts bound it), a later day, or an unknown time.
SEEN = (date(2026, 6, 1), datetime(2026, 6, 1, 9, 30), date(2026, 6, 2), datetime(2026, 6, 2, 8))
NOW = (date(2026, 6, 2), datetime(2026, 6, 2, 12), date(2026, 6, 3), None)

seen = st.tuples(st.sampled_from(SEEN), st.sampled_from(SNIPPETS), st.sampled_from(UPDATED), VIEWS)
shown = st.tuples(st.sampled_from(SNIPPETS), st.sampled_from(UPDATED), VIEWS)


Shown = tuple[str, date | None, int | None]
"""What a record shows: its snippet, its 'Updated on' date, its count."""


def observation(digest: str, index: int, captured: date | None, shown: Shown) -> Observation:
    snippet, updated, views = shown
    return Observation("dump.txt", digest, index, captured, "Same title", snippet, updated, views)


def build(histories: list[list[tuple[date, str, date | None, int | None]]]) -> list[Chain]:
    """Articles, each from its observations, walked in snapshot order as the merge walks them."""
    chains = []
    for history in histories:
        chain = Chain()
        for n, (captured, snippet, updated, views) in enumerate(
            sorted(history, key=lambda entry: moment(entry[0]))
        ):
            chain.append(
                observation(f"seen-{n}", n, captured, (snippet, updated, views)), moment(captured)
            )
        chains.append(chain)
    return chains


def exhaustive(
    records: list[Observation], fits: list[list[int]], score: Callable[[Observation, int], int]
) -> list[int | None]:
    """The greedy as it was before candidates: every fitting pair scored, best first."""
    pairs = sorted((-score(r, c), row, c) for row, r in enumerate(records) for c in fits[row])
    picks: list[int | None] = [None] * len(records)
    for _, row, column in pairs:
        if picks[row] is None and column not in picks:
            picks[row] = column
    return picks


@given(
    st.lists(st.lists(seen, min_size=1, max_size=3), max_size=12),
    st.lists(shown, max_size=14),
    st.sampled_from(NOW),
)
def test_the_greedy_considers_only_articles_a_record_fits_and_misses_none_it_needs(
    histories: list[list[tuple[date, str, date | None, int | None]]],
    shown_now: list[Shown],
    now: date | None,
) -> None:
    chains = build(histories)
    when: Moment = moment(now)
    records = [observation("now", n, now, fields) for n, fields in enumerate(shown_now)]
    walk = Walk()
    walk.chains = chains
    snippets = Snippets()
    snippets.update(chains)

    def score(record: Observation, column: int) -> int:
        return walk._score(record, column, when)

    bounds = [chain.bounds(when) for chain in chains]
    picks, considered = greedy(records, chains, bounds, snippets.having, score)
    fits = [[c for c, chain in enumerate(chains) if chain.fits(r, when)] for r in records]
    taken = [pick for pick in picks if pick is not None]
    assert len(taken) == len(set(taken))
    for row, pick in enumerate(picks):
        assert len(considered[row]) == len(set(considered[row]))
        assert set(considered[row]) <= set(fits[row])  # every pair scored keeps time
        # Whether a record fits none, one or several articles is never lost (the messages say).
        assert min(len(considered[row]), 2) == min(len(fits[row]), 2)
        if pick is None:
            assert set(fits[row]) <= set(taken)  # it starts an article only when it must
        else:
            assert pick in considered[row]
    if len(chains) <= NEAREST:  # every article it fits is considered at once: as before
        assert picks == exhaustive(records, fits, score)


def test_the_bounds_an_article_sets_are_those_it_fits_by() -> None:
    # Counts of one day: 40 at a date-only snapshot and 30 at 09:30 have no order between
    # them, so at 18:00 only the 09:30 count bounds a record; the next day both do.
    chain = build(
        [[(date(2026, 6, 1), "a", None, 40), (datetime(2026, 6, 1, 9, 30), "a", None, 30)]]
    )[0]
    evening, next_day = moment(datetime(2026, 6, 1, 18)), moment(date(2026, 6, 2))
    assert chain.bounds(evening) == (30, None)
    assert chain.bounds(next_day) == (40, None)
    assert chain.bounds(moment(None)) == (None, None)
    record = observation("x", 0, None, ("a", None, 35))
    assert chain.fits(record, evening) and not chain.fits(record, next_day)


def _dump(name: str, records: Sequence[tuple[str, int | None]], captured: date) -> faqparse.Dump:
    text = HEADER + "".join(
        f"How do I reset my password?\n{snippet}Published on 3 Mar 2024"
        f"{'' if views is None else f'{views:,}'}"
        for snippet, views in records
    )
    parsed = faqparse.parse(text, source=name, captured=captured)
    assert len(parsed.records) == len(records)
    return parsed


def test_forty_twins_growing_at_their_own_rates_keep_their_own_histories() -> None:
    # Each twin shows a new excerpt every day (another search found it), so only the counts
    # tell them apart: 1,000 + 100 i views, growing by 1 to 5 a day.
    def day(d: int) -> faqparse.Dump:
        twins = [(f"Excerpt {i} of day {d}.", 1_000 + 100 * i + d * (i % 5 + 1)) for i in range(40)]
        return _dump(f"{d}.txt", twins[::-1] if d % 2 else twins, date(2026, 6, 1) + timedelta(d))

    articles = faqparse.merge([day(d) for d in range(6)])
    assert sorted([o.views for o in a.observations] for a in articles) == [
        [1_000 + 100 * i + d * (i % 5 + 1) for d in range(6)] for i in range(40)
    ]


def test_a_record_finds_the_article_that_showed_its_snippet_among_many_as_near() -> None:
    # Thirty twins without counts (announcements), told apart only by their excerpts; the
    # next day twelve of them, listed in another order. Every article is as near by count,
    # so the one that showed the record's very excerpt must be among those it considers.
    snippets = [f"Listing number {n} opens for trading." for n in range(30)]
    first = _dump("a.txt", [(s, None) for s in snippets], date(2026, 6, 1))
    later = _dump(
        "b.txt",
        [(snippets[n], None) for n in (7, 0, 3, 11, 5, 9, 1, 10, 2, 8, 4, 6)],
        date(2026, 6, 2),
    )
    articles = faqparse.merge([later, first])
    assert len(articles) == 30
    assert all(len({o.snippet for o in a.observations}) == 1 for a in articles)
    assert sorted(len(a.observations) for a in articles) == [1] * 18 + [2] * 12


SHAPES: dict[str, tuple[Callable[[int], int | None], Callable[[int], str]]] = {
    "rising counts, one excerpt": (lambda n: n + 1, lambda n: "same snippet"),
    "rising counts, distinct excerpts": (lambda n: n + 1, lambda n: f"snippet {n}"),
    "one count, distinct excerpts": (lambda n: 5, lambda n: f"snippet {n}"),
    "no counts, distinct excerpts": (lambda n: None, lambda n: f"snippet {n}"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_pairs_scored_grow_linearly_with_dumps_times_records(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    views, snippet = SHAPES[shape]
    counted = {"scores": 0, "bounds": 0}
    score, fits, bounds = Walk._score, Chain.fits, Chain.bounds

    def scored(self: Walk, record: Observation, column: int, when: Moment) -> int:
        counted["scores"] += 1
        return score(self, record, column, when)

    def fitted(self: Chain, record: Observation, when: Moment) -> bool:
        counted["bounds"] += 1
        return fits(self, record, when)

    def bounded(self: Chain, when: Moment) -> tuple[int | None, date | None]:
        counted["bounds"] += 1
        return bounds(self, when)

    monkeypatch.setattr(Walk, "_score", scored)
    monkeypatch.setattr(Chain, "fits", fitted)
    monkeypatch.setattr(Chain, "bounds", bounded)
    for records in (100, 400):
        dump = _dump("x.txt", [(snippet(n), views(n)) for n in range(records)], date(2026, 6, 1))
        days = [
            attrs.evolve(dump, captured=date(2026, 6, 1) + timedelta(d), digest=f"{d:064x}")
            for d in range(4)
        ]
        counted.update(scores=0, bounds=0)
        articles = faqparse.merge(days)
        assert len(articles) == records > EXACT
        assert all(len(a.observations) == 4 for a in articles)
        total = 4 * records
        # Each record is scored against a few articles from each ordering (the one-excerpt
        # shape: two, its count's and its excerpt's); every article bounded once a dump. Scoring
        # every fitting pair would be about records / 2 per record here, 50 to 200.
        assert counted["scores"] <= 3 * NEAREST * total, (records, counted)
        assert counted["bounds"] <= total, (records, counted)


def test_the_many_dumps_benchmark_assigns_every_later_dump_against_the_articles() -> None:
    # `benchmarks.same_key --dumps` measures dumps after the first being assigned: its
    # snapshots must be distinct dumps (a repeated digest is dropped) of distinct days whose
    # records continue the articles rather than start new ones.
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:  # the benchmarks sit beside src/, outside the installed package
        sys.path.insert(0, root)
    from benchmarks.same_key import SHAPES as BENCHMARKED  # noqa: PLC0415
    from benchmarks.same_key import snapshots  # noqa: PLC0415

    for shape in BENCHMARKED:
        dumps = snapshots(20, shape, 3)
        assert len({d.digest for d in dumps}) == len({d.captured for d in dumps}) == 3
        first = faqparse.merge(dumps[:1])
        articles = faqparse.merge(dumps)
        assert len(articles) == len(first) >= 1
        assert sum(len(a.observations) for a in articles) == 3 * 20


def test_the_catalog_file_walks_greedy_dumps_on_as_the_merge_does(tmp_path: Path) -> None:
    # Twelve twins a day: the file keeps each block's walk and walks a later day on from it
    # (a fresh walk over kept articles), the memory catalog merges again. Counts that tie and
    # a count gone missing make weak matches, so the diagnostics are compared too.
    def day(d: int) -> faqparse.Dump:
        twins: list[tuple[str, int | None]] = [
            (f"Step {i} of the reset.", 100 * (i // 2) + d * (i % 3)) for i in range(12)
        ]
        twins[d] = (twins[d][0], None)  # a count cut off, another twin each day
        return _dump(
            f"{d}.txt", twins[d % 2 :: 1] + twins[: d % 2], date(2026, 6, 1) + timedelta(d)
        )

    found = both_catalogs([day(d) for d in range(5)], tmp_path / "catalog.sqlite")
    assert any(code == "weak-match" for code, *_ in found)


def test_articles_no_count_bounds_are_considered_by_their_nearest_count() -> None:
    # Ten twins on 1 June (a date), then nine of them at 09:30 that day: the two snapshots
    # have no order between them, so no count bounds a record of the second and every
    # article fits every record; each record must still find the article nearest its count
    # (the first snapshot's 1,000 has no record at 09:30, and is nearest to none).
    first = _dump("a.txt", [("Tap the bell.", 100 * n) for n in range(1, 11)], date(2026, 6, 1))
    later = [("Tap the bell.", 100 * n + 5) for n in (7, 2, 9, 4, 1, 3, 6, 8, 5)]
    second = _dump("b.txt", later, datetime(2026, 6, 1, 9, 30))
    articles = faqparse.merge([second, first])
    assert sorted([o.views for o in a.observations] for a in articles) == [
        [100 * n, 100 * n + 5] for n in range(1, 10)
    ] + [[1_000]]
