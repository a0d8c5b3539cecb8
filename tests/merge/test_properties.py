"""Properties of the merge on generated dumps: order, increments, repeats, save and load.

Dumps are generated as records, rendered in the seed layout by a small local helper and
parsed with `faqparse.parse`, so what is merged is what the parser makes of real text.
"""

from __future__ import annotations

import itertools
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import faqparse
from conftest import HEADER
from faqparse._merge.assign import solve
from faqparse._merge.keys import moment, strictly_before
from faqparse._merge.merge import is_repeat

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
# Few titles, snippets and dates, so that blocks, twins and ties are frequent.
TITLES = (
    "How do I buy crypto with my cash balance?",
    "HOW DO I  buy crypto with my cash balance?",
    "What\u2019s a passkey?",
    "What's a passkey?",
    "Passkey FAQ",
)
SNIPPETS = ("Buy with your cash balance.", "Buy crypto with cash.", "Passkeys replace passwords.")
PUBLISHED = (date(2023, 11, 16), date(2023, 11, 17))
UPDATED = (None, date(2026, 5, 1), date(2026, 5, 20), date(2026, 6, 1))
CAPTURED = (
    None,  # taken from the dump's latest date
    date(2026, 6, 1),
    date(2026, 6, 2),
    datetime(2026, 6, 1, 9, 30),
    datetime(2026, 6, 1, 18, 0),
)

Row = tuple[str, str, date, date | None, int | None]

rows = st.tuples(
    st.sampled_from(TITLES),
    st.sampled_from(SNIPPETS),
    st.sampled_from(PUBLISHED),
    st.sampled_from(UPDATED),
    st.none() | st.integers(0, 2500),
)


def _day(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def render(records: list[Row]) -> str:
    """Records as a search dump in the seed layout: each title runs on from the last record."""
    parts = [HEADER]
    for title, snippet, published, updated, views in records:
        parts.append(f"{title}\n{snippet}Published on {_day(published)}")
        parts.append("" if updated is None else f"Updated on {_day(updated)}")
        parts.append("" if views is None else f"{views:,}")
    return "".join(parts)


@st.composite
def dump_lists(draw: st.DrawFn, most: int = 5) -> list[faqparse.Dump]:
    dumps = []
    for number in range(draw(st.integers(1, most))):
        records = draw(st.lists(rows, min_size=1, max_size=5))
        captured = draw(st.sampled_from(CAPTURED))
        dump = faqparse.parse(render(records), source=f"dump{number}.txt", captured=captured)
        assert len(dump.records) == len(records), dump.diagnostics
        dumps.append(dump)
    return list({dump.digest: dump for dump in dumps}.values())  # one dump per content


def _catalog_of(dumps: list[faqparse.Dump]) -> faqparse.Catalog:
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    return catalog


@given(dump_lists(), st.data())
def test_any_order_of_the_dumps_gives_the_same_articles(
    dumps: list[faqparse.Dump], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(dumps))
    assert faqparse.merge(shuffled) == faqparse.merge(dumps)
    assert _catalog_of(shuffled).diagnostics == _catalog_of(dumps).diagnostics


@given(dump_lists(), st.data())
def test_adding_dumps_one_by_one_equals_merging_them_at_once(
    dumps: list[faqparse.Dump], data: st.DataObject
) -> None:
    split = data.draw(st.integers(0, len(dumps)))
    catalog = _catalog_of(dumps[:split])
    # The first part is merged before the rest arrives, and is then what merging it gives.
    assert list(catalog.articles) == faqparse.merge(dumps[:split])
    for dump in dumps[split:]:
        catalog.add(dump)
    assert list(catalog.articles) == faqparse.merge(dumps)
    assert catalog.diagnostics == _catalog_of(dumps).diagnostics


@given(dump_lists(), st.data())
def test_adding_a_dump_again_changes_nothing(
    dumps: list[faqparse.Dump], data: st.DataObject
) -> None:
    catalog = _catalog_of(dumps)
    before = (catalog.articles, catalog.diagnostics)
    assert catalog.add(data.draw(st.sampled_from(dumps))) is False
    assert (catalog.articles, catalog.diagnostics) == before


@given(dump_lists(), st.data())
def test_save_then_load_gives_the_same_catalog_to_go_on_with(
    dumps: list[faqparse.Dump], data: st.DataObject
) -> None:
    split = data.draw(st.integers(0, len(dumps)))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.jsonl"
        saved = _catalog_of(dumps[:split])
        saved.save(path)
        loaded = faqparse.Catalog.load(path)
    assert loaded.articles == saved.articles
    for dump in dumps[split:]:
        loaded.add(dump)
    assert list(loaded.articles) == faqparse.merge(dumps)


@given(dump_lists())
def test_every_record_is_in_one_article_that_keeps_time(dumps: list[faqparse.Dump]) -> None:
    articles = faqparse.merge(dumps)
    seen = [(o.digest, o.index) for a in articles for o in a.observations]
    assert sorted(seen) == sorted((d.digest, r.index) for d in dumps for r in d.records)
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        # One observation per dump, but for a record repeated without its count (one article).
        firsts = [o for o in article.observations
                  if not any(is_repeat(other, o) for other in article.observations)]  # fmt: skip
        assert len({o.digest for o in article.observations}) == len(firsts)
        assert {faqparse.normalize_title(o.title) for o in article.observations} == {
            faqparse.normalize_title(article.title)
        }
        for one, other in itertools.permutations(article.observations, 2):
            if strictly_before(moment(one.captured), moment(other.captured)):
                assert one.views is None or other.views is None or one.views <= other.views
                assert one.updated is None or other.updated is None or one.updated <= other.updated


@given(dump_lists(most=6))
def test_later_snapshots_keep_every_id_and_every_earlier_assignment(
    dumps: list[faqparse.Dump],
) -> None:
    # Give the dumps strictly increasing snapshot times, in the order they are listed.
    start = datetime(2026, 6, 1)
    timed = [faqparse.parse(render_again(d), source=d.source, captured=start + timedelta(hours=n))
             for n, d in enumerate(dumps)]  # fmt: skip
    later = {a.id: a.observations for a in faqparse.merge(timed)}
    for end in range(1, len(timed)):
        for article in faqparse.merge(timed[:end]):
            assert later[article.id][: len(article.observations)] == article.observations


def render_again(dump: faqparse.Dump) -> str:
    return render([(r.title, r.snippet, r.published, r.updated, r.views) for r in dump.records])


@given(st.integers(1, 4).flatmap(lambda rows: st.integers(rows, 5).flatmap(
    lambda columns: st.lists(st.lists(st.integers(-50, 50), min_size=columns, max_size=columns),
                             min_size=rows, max_size=rows))))  # fmt: skip
def test_the_hungarian_method_finds_the_least_cost(costs: list[list[int]]) -> None:
    assignment = solve(costs)
    assert len(set(assignment)) == len(costs)
    least = min(
        sum(costs[row][column] for row, column in enumerate(columns))
        for columns in itertools.permutations(range(len(costs[0])), len(costs))
    )
    assert sum(costs[row][column] for row, column in enumerate(assignment)) == least
