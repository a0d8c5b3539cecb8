"""The merge's expected growth of a count and the words of its weak-match messages. Each test
pins a case a small change of the source once slipped through (docs/design/mutation.md)."""

from __future__ import annotations

import hashlib
from datetime import date

import attrs

import faqparse
from conftest import HEADER


def _dump(source: str, captured: date, *records: tuple[str, int | str]) -> faqparse.Dump:
    text = HEADER + "".join(
        f"Same title\n{snippet}Published on 1 Jan 2024{views}" for snippet, views in records
    )
    digest = hashlib.sha256(source.encode()).hexdigest()
    return attrs.evolve(faqparse.parse(text, source=source), captured=captured, digest=digest)


def test_the_weak_match_messages_are_whole_sentences() -> None:
    catalog = faqparse.Catalog()
    catalog.add(_dump("a", date(2026, 6, 1), ("S.", 7), ("S.", 7)))
    catalog.add(_dump("b", date(2026, 6, 2), ("S.", 9), ("S.", 9)))
    assert [d.message.split(" by ", 1)[1] for d in catalog.diagnostics] == [
        "a fixed order: another assignment fits the views and dates as well, with view counts"
        " as near, snippets as similar"
    ] * 2
    catalog = faqparse.Catalog()
    catalog.add(_dump("a", date(2026, 6, 1), ("Fees for spot trades.", 7), ("Margin.", 7)))
    catalog.add(_dump("b", date(2026, 6, 2), ("Margin rules.", 9), ("Fees for spot trades.", 9)))
    assert {d.message.split(": ", 1)[1] for d in catalog.diagnostics} == {
        "another assignment fits the views and dates as well, with view counts as near"
    }


def test_a_view_count_pick_names_a_missing_count_and_an_article_without_one() -> None:
    # Twins: one with 411 views, one whose zero is hidden; a week later the counts decide.
    twin = "How do I buy crypto?\n{snippet}Published on 16 Nov 2023{views}"
    first = (
        HEADER + twin.format(snippet="Cash.", views="411") + twin.format(snippet="Card.", views="")
    )
    later = (
        HEADER + twin.format(snippet="Cash.", views="") + twin.format(snippet="Card.", views="413")
    )
    catalog = faqparse.Catalog()
    catalog.add(faqparse.parse(first, source="2026-06-01.txt"))
    catalog.add(faqparse.parse(later, source="2026-06-08.txt"))
    reasons = sorted(d.message.split(" by ", 1)[1] for d in catalog.diagnostics)
    fits = "another assignment fits the views and dates as well"
    assert reasons == [
        f"the nearest view count (413 views, the article's expected 411.0): {fits}",
        f"the nearest view count (no count, the article has shown none): {fits}",
    ]


def test_an_article_grows_at_its_rate_per_day_across_gaps_of_several_days() -> None:
    # Snapshots two days apart: one twin gains a view a day (500, 502, 504), the other fifteen
    # (440, 470, 500). Two days later 530 and 506 both fit either; each twin's own rate
    # expects 506 and 530, so each keeps its path.
    catalog = faqparse.Catalog()
    for day, counts in [(1, (500, 440)), (3, (502, 470)), (5, (504, 500)), (7, (530, 506))]:
        catalog.add(_dump(f"d{day}", date(2026, 6, day), *(("S.", n) for n in counts)))
    assert [[o.views for o in a.observations] for a in catalog.articles] == [
        [500, 502, 504, 506],
        [440, 470, 500, 530],
    ]
    expected = sorted(d.message.split("(", 2)[2].split(")")[0] for d in catalog.diagnostics)
    assert expected == [
        "506 views, the article's expected 506.0",
        "530 views, the article's expected 530.0",
    ]


def test_a_count_hidden_before_the_first_one_is_a_zero_the_growth_starts_from() -> None:
    # Twins: Alpha shows no count, then 100 (a hundred a day from a hidden zero); Beta 95,
    # then 100 (five a day). The next day 200 is Alpha's and 101 Beta's: the counts alone
    # (100 each) would give 200 to Beta, the nearer to its expected 105.
    catalog = faqparse.Catalog()
    catalog.add(_dump("d1", date(2026, 6, 1), ("Alpha text.", ""), ("Beta text.", 95)))
    catalog.add(_dump("d2", date(2026, 6, 2), ("Alpha text.", 100), ("Beta text.", 100)))
    catalog.add(_dump("d3", date(2026, 6, 3), ("Alpha text.", 200), ("Beta text.", 101)))
    assert [[(o.snippet, o.views) for o in a.observations] for a in catalog.articles] == [
        [("Alpha text.", None), ("Alpha text.", 100), ("Alpha text.", 200)],
        [("Beta text.", 95), ("Beta text.", 100), ("Beta text.", 101)],
    ]
    expected = [d.message.split("(", 2)[2].split(")")[0] for d in catalog.diagnostics[2:]]
    assert expected == [
        "200 views, the article's expected 200.0",
        "101 views, the article's expected 105.0",
    ]


def test_a_higher_count_later_the_same_day_is_the_latest_for_the_growth() -> None:
    # Alpha shows 100, then 150 and 160 in two snapshots of the next day: it grows by 60 a
    # day (100 to 160), not 50 (100 to 150), so the day after it is expected at 220.
    catalog = faqparse.Catalog()
    catalog.add(_dump("d1", date(2026, 6, 1), ("Alpha text.", 100), ("Beta text.", 50)))
    catalog.add(_dump("d2", date(2026, 6, 2), ("Alpha text.", 160), ("Beta text.", 60)))
    catalog.add(_dump("d2b", date(2026, 6, 2), ("Alpha text.", 150), ("Beta text.", 60)))
    catalog.add(_dump("d3", date(2026, 6, 3), ("Alpha text.", 220), ("Beta text.", 230)))
    assert [o.views for o in catalog.articles[0].observations][:3] == [100, 150, 160]
    expected = sorted(d.message.split("expected ", 1)[1].split(")")[0] for d in catalog.diagnostics)
    assert expected == ["220.0", "70.0"]
