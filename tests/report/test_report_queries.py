"""The SQL behind each chart, on a catalog whose history is known (``report_catalogs``)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

import faqparse
from faqparse._report import queries as q
from faqparse._report.changes import changes_since
from faqparse._report.tables import Period, gather_tables
from faqparse.testing import render

from .report_catalogs import (
    ARTICLES,
    CUT_DAY,
    DAYS,
    GROWTH,
    LAST_SEEN_GONE,
    NEW_DAY,
    RETITLE_DAY,
    UPDATE_DAY,
)


def _open(catalog: Path, since: date | None, until: date | None, locale: str | None = None) -> (
    Iterator[tuple[sqlite3.Connection, Period]]
):  # fmt: skip
    connection = sqlite3.connect(catalog, isolation_level=None)
    connection.execute("BEGIN")
    period = Period.of(since, until, locale)
    gather_tables(connection, period)
    try:
        yield connection, period
    finally:
        connection.close()


@pytest.fixture
def everything(catalog: Path) -> Iterator[tuple[sqlite3.Connection, Period]]:
    yield from _open(catalog, None, None)


def test_the_top_growers_are_the_articles_that_gained_most(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, _ = everything
    growers = q.movers(connection, q.GROWERS, 3)
    expected = sorted((a for a in ARTICLES if a.growth), key=lambda a: -GROWTH[a.title])[:3]
    assert [(m.title, m.locale, m.growth) for m in growers] == [
        (a.title, a.locale, GROWTH[a.title]) for a in expected
    ]
    rocket = growers[0]
    assert (rocket.start, rocket.end, rocket.days, rocket.per_day) == (10_000, 19_000, 9, 1000)


def test_movers_leave_out_articles_whose_views_did_not_move(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, _ = everything
    titles = {m.title for m in q.movers(connection, q.MOVERS, 100)}
    # The retitled article is listed under its latest title (the catalog's).
    moved = {a.retitled or a.title for a in ARTICLES if a.growth}
    assert titles == moved
    assert "Quiet article on withdrawals" not in titles


def test_a_series_is_one_point_a_day_with_that_days_views(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, period = everything
    rocket = q.movers(connection, q.GROWERS, 1)[0]
    points = q.series(connection, period, rocket.id)
    assert points == [q.Point(day.isoformat(), 10_000 + 1_000 * n) for n, day in enumerate(DAYS)]


def test_new_and_updated_per_day_by_locale(everything: tuple[sqlite3.Connection, Period]) -> None:
    connection, period = everything
    # The first day of each locale is where the catalog starts: not counted as new.
    assert q.per_day(connection, period, q.NEW_PER_DAY) == [q.Day(NEW_DAY.isoformat(), "en", 1)]
    updated = q.per_day(connection, period, q.UPDATED_PER_DAY)
    assert updated == [q.Day(UPDATE_DAY.isoformat(), "en", 1)]


def test_the_glance_counts_dumps_and_records_per_day(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, period = everything
    days = q.glance(connection, period)
    assert [day.day for day in days] == [day.isoformat() for day in DAYS]
    for day, seen in zip(DAYS, days, strict=True):
        shown = [a for a in ARTICLES if a.first <= day <= a.last]
        assert seen.dumps == 2
        assert seen.records == len(shown)
        assert seen.smallest == min(sum(a.locale == loc for a in shown) for loc in ("en", "fr"))
        assert seen.with_views == len(shown)
        assert seen.with_updated == sum(a.title == "Updated article" for a in shown)


def test_diagnostics_per_day_count_the_cut_pages_by_code(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, period = everything
    days = q.diagnostics_per_day(connection, period)
    assert [day.day for day in days] == [day.isoformat() for day in DAYS]
    for day, seen in zip(DAYS, days, strict=True):
        assert seen.dumps == 2  # English and French, both counted
        assert seen.counts == ({"incomplete-record": 1} if day >= CUT_DAY else {})
    assert q.uncounted(connection, period) == 0


def test_diagnostics_leave_out_dumps_stored_before_they_were_counted(
    catalog: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(catalog, copy)
    with sqlite3.connect(copy) as connection:  # as if stored by schema version 2
        connection.execute(
            "UPDATE dumps SET diagnostics = NULL WHERE source IN (?, ?)",
            (f"en-{DAYS[-1]}.txt", f"fr-{DAYS[0]}.txt"),
        )
        connection.execute(
            "DELETE FROM dump_diagnostics WHERE dump IN"
            " (SELECT id FROM dumps WHERE diagnostics IS NULL)"
        )
    connection.close()
    for connection, period in _open(copy, None, None):
        days = q.diagnostics_per_day(connection, period)
        assert [(day.day, day.dumps) for day in days] == [
            (day.isoformat(), 1 if day in (DAYS[0], DAYS[-1]) else 2) for day in DAYS
        ]
        assert days[-1].counts == {}  # the last day's English count is unknown, not made up
        assert days[-2].counts == {"incomplete-record": 1}
        assert q.uncounted(connection, period) == 2


def test_what_changed_since_a_date(everything: tuple[sqlite3.Connection, Period]) -> None:
    connection, _ = everything
    changes = changes_since(connection, NEW_DAY, 100)
    assert [(row[1], row[2], row[3]) for row in changes.new.rows] == [
        ("Brand new article", "en", NEW_DAY.isoformat())
    ]
    assert [row[1:] for row in changes.updated.rows] == [
        ("Updated article", "en", date(2026, 5, 1), UPDATE_DAY)
    ]
    assert [row[1:] for row in changes.retitled.rows] == [
        ("en", "How to reset 2FA", "How To Reset 2FA")
    ]
    assert [row[1:] for row in changes.gone.rows] == [
        ("Article qui disparaît", "fr", LAST_SEEN_GONE.isoformat(), DAYS[-1].isoformat())
    ]
    assert (changes.new.total, changes.updated.total) == (1, 1)
    assert (changes.retitled.total, changes.gone.total) == (1, 1)


def test_nothing_changed_after_the_last_change(
    everything: tuple[sqlite3.Connection, Period],
) -> None:
    connection, _ = everything
    changes = changes_since(connection, DAYS[-1], 100)
    assert changes.new == changes.updated == changes.retitled == changes.gone == (0, [])
    before_retitle = changes_since(connection, RETITLE_DAY, 100)
    assert before_retitle.retitled.total == 1
    assert changes_since(connection, date(2026, 6, 9), 100).retitled.total == 0


def test_lists_are_cut_but_still_counted(everything: tuple[sqlite3.Connection, Period]) -> None:
    connection, _ = everything
    # Since the first day every article is new: all nine, of which two are listed.
    changes = changes_since(connection, DAYS[0], 2)
    assert (changes.new.total, len(changes.new.rows)) == (len(ARTICLES), 2)


def test_a_period_bounds_growth(catalog: Path) -> None:
    for connection, _ in _open(catalog, date(2026, 6, 3), date(2026, 6, 5)):
        rocket = q.movers(connection, q.GROWERS, 1)[0]
        assert (rocket.title, rocket.start, rocket.end, rocket.growth) == (
            "Rocket article",
            12_000,
            14_000,
            2_000,
        )


def test_a_locale_keeps_its_articles(catalog: Path) -> None:
    for connection, period in _open(catalog, None, None, "FR"):
        assert {m.locale for m in q.movers(connection, q.MOVERS, 100)} == {"fr"}
        assert {day.dumps for day in q.glance(connection, period)} == {1}


def test_a_period_with_no_snapshot_gives_nothing(catalog: Path) -> None:
    for connection, period in _open(catalog, date(2027, 1, 1), None):
        assert q.movers(connection, q.MOVERS, 10) == []
        assert q.glance(connection, period) == []
        assert q.per_day(connection, period, q.NEW_PER_DAY) == []


def test_an_older_updated_on_date_read_again_is_not_an_update(tmp_path: Path) -> None:
    """A page served from a stale cache shows the old date after the new one: that is not a
    second update, and the new date seen again is not one either (whether the merge keeps the
    stale sighting in the article or makes it a twin of its own)."""
    dates = [date(2026, 5, 1)] * 3 + [date(2026, 6, 4), date(2026, 5, 1), date(2026, 6, 4)]
    catalog = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(catalog) as opened:
        for number, shown in enumerate(dates, start=1):
            record = faqparse.Record(
                title="Cached article", snippet="S.", published=date(2026, 4, 1),
                updated=shown, views=100 + number, source="-", index=0, span=(0, 1),
            )  # fmt: skip
            captured = datetime(2026, 6, number, 9)
            assert opened.add(faqparse.parse(render([record]), f"{number}.txt", captured=captured))
    for connection, period in _open(catalog, None, None):
        assert q.per_day(connection, period, q.UPDATED_PER_DAY) == [q.Day("2026-06-04", "en", 1)]
        listed = changes_since(connection, date(2026, 6, 4), 10).updated
        assert [row[3:] for row in listed.rows] == [(date(2026, 5, 1), date(2026, 6, 4))]
        assert changes_since(connection, date(2026, 6, 5), 10).updated.total == 0
