"""What the merge says about the evidence it used: a match left to chance is reported, a
forced one is not, and each report says why in words a person can check.

Twins (records of one dump with the same title and published date) are told apart by their
views and ``Updated on`` dates where those force an assignment, else by their snippets. More
than eight twins in one dump take the greedy assignment, which must keep the same promises.
"""

from __future__ import annotations

from datetime import date, datetime

import faqparse
from conftest import HEADER

TITLE = "How do I reset my password?"
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SNIPPETS = [f"Step {word} of the reset is explained here." for word in WORDS]


def dump(name: str, records: list[tuple[str, int, int]], captured: date) -> faqparse.Dump:
    """Twins of one title and date: (snippet, day of March 2026 updated, views) each."""
    text = HEADER + "".join(
        f"{TITLE}\n{snippet}Published on 3 Mar 2024Updated on {day} Mar 2026{views:,}"
        for snippet, day, views in records
    )
    parsed = faqparse.parse(text, source=name, captured=captured)
    assert len(parsed.records) == len(records) and parsed.diagnostics == ()
    return parsed


def merged(*dumps: faqparse.Dump) -> faqparse.Catalog:
    catalog = faqparse.Catalog()
    for each in dumps:
        catalog.add(each)
    return catalog


def test_nine_twins_that_the_dates_and_counts_tell_apart_are_matched_silently() -> None:
    # Twin i has more views but an earlier update than twin i - 1: each record of the later
    # dump fits exactly one article, and nothing was left to chance.
    twins = [(SNIPPETS[i], 20 - i, 10 * (i + 1)) for i in range(9)]
    catalog = merged(
        dump("a.txt", twins, date(2026, 6, 1)), dump("b.txt", twins[::-1], date(2026, 6, 8))
    )
    assert catalog.diagnostics == ()
    assert sorted(len({o.snippet for o in a.observations}) for a in catalog.articles) == [1] * 9
    assert sorted(len(a.observations) for a in catalog.articles) == [2] * 9


def test_nine_twins_that_only_snippets_tell_apart_are_each_reported() -> None:
    # The same update and the same views a week later: every twin fits several articles (or
    # shares one with others), so every match of the later dump is reported as weak.
    twins = [(SNIPPETS[i], 20, 10 * (i + 1)) for i in range(9)]
    catalog = merged(
        dump("a.txt", twins, date(2026, 6, 1)), dump("b.txt", twins[::-1], date(2026, 6, 8))
    )
    assert sorted(len({o.snippet for o in a.observations}) for a in catalog.articles) == [1] * 9
    assert [(d.code, d.source) for d in catalog.diagnostics] == [("weak-match", "b.txt")] * 9
    # Each points at its record in b.txt: the first on line 5 (after the four tab lines), each
    # later one on the next line, where the record before it ended with its count.
    assert sorted(d.line for d in catalog.diagnostics) == list(range(5, 14))
    assert [d.column for d in catalog.diagnostics if d.line == 5] == [1]
    assert all(d.column > 1 for d in catalog.diagnostics if d.line > 5)
    assert all(
        "greedily, by view counts and snippet similarity: 9 records of its dump share its title"
        in d.message
        for d in catalog.diagnostics
    )


def test_a_twin_its_dates_single_out_is_not_reported_among_twins_that_are() -> None:
    # Twin 0 has the most views and the earliest update: it fits only its own article, and
    # no other record fits that one. Twins 1-8 have the same update and rising counts, so
    # each fits several articles: those eight matches are weak, twin 0's is not.
    twins = [(SNIPPETS[0], 1, 1_000)] + [(SNIPPETS[i], 20, 10 * i) for i in range(1, 9)]
    catalog = merged(
        dump("a.txt", twins, date(2026, 6, 1)), dump("b.txt", twins[::-1], date(2026, 6, 8))
    )
    assert sorted(len({o.snippet for o in a.observations}) for a in catalog.articles) == [1] * 9
    reported = sorted(int(d.message.split()[1]) for d in catalog.diagnostics)
    assert reported == list(range(8))  # the later dump lists twin 0 last, as its record 8


def test_a_weak_match_decided_by_snippets_gives_their_similarity() -> None:
    app, web = SNIPPETS[0], "On the website, open Account settings and choose Reset."
    # 25 and 25 a week after 10 and 20: either way round the counts are as near (15 and 5),
    # so the counts cannot decide and the snippets do.
    catalog = merged(
        dump("a.txt", [(app, 20, 10), (web, 20, 20)], date(2026, 6, 1)),
        dump("b.txt", [(web, 20, 25), (app, 20, 25)], date(2026, 6, 8)),
    )
    assert [[o.snippet for o in a.observations] for a in catalog.articles] == [
        [app, app],
        [web, web],
    ]
    assert len(catalog.diagnostics) == 2
    for diagnostic in catalog.diagnostics:
        # Each record found its own snippet again: a similarity of 1 per record.
        assert " was put in article " in diagnostic.message
        assert " by snippet similarity (1.00 against " in diagnostic.message


def test_a_record_whose_views_fell_starts_an_article_and_says_why() -> None:
    one = merged(
        dump("a.txt", [(SNIPPETS[0], 20, 500)], date(2026, 6, 1)),
        dump("b.txt", [(SNIPPETS[0], 20, 400)], date(2026, 6, 8)),
    )
    assert len(one.articles) == 2
    (diagnostic,) = one.diagnostics
    assert diagnostic.code == "unmatched-record"
    assert diagnostic.message.endswith(
        "its views or 'Updated on' date would go back in time for the article seen before"
    )
    two = merged(
        dump("a.txt", [(SNIPPETS[0], 20, 500), (SNIPPETS[1], 20, 600)], date(2026, 6, 1)),
        dump("b.txt", [(SNIPPETS[0], 20, 400)], date(2026, 6, 8)),
    )
    assert [d.message.rsplit(": ", 1)[1] for d in two.diagnostics] == [
        "its views or 'Updated on' date would go back in time for any of the 2 articles seen before"
    ]


def test_a_record_that_lost_its_article_to_a_twin_says_so() -> None:
    # One article a week ago; now two twins that both fit it: one continues it, the other
    # starts an article of its own, because the article it fits went to its twin.
    catalog = merged(
        dump("a.txt", [(SNIPPETS[0], 20, 10)], date(2026, 6, 1)),
        dump("b.txt", [(SNIPPETS[0], 20, 20), (SNIPPETS[1], 20, 30)], date(2026, 6, 8)),
    )
    assert len(catalog.articles) == 2
    unmatched = [d for d in catalog.diagnostics if d.code == "unmatched-record"]
    assert [d.message.rsplit(": ", 1)[1] for d in unmatched] == [
        "the article it fits went to other records of its dump"
    ]


def test_snapshots_of_one_day_keep_time_by_their_hours() -> None:
    # Two snapshots on the same day, hours apart: the later shows an earlier update, which
    # cannot be the same article seen again.
    morning, evening = datetime(2026, 6, 1, 9, 30), datetime(2026, 6, 1, 18, 0)
    catalog = merged(
        dump("a.txt", [(SNIPPETS[0], 20, 10)], morning),
        dump("b.txt", [(SNIPPETS[0], 1, 10)], evening),
    )
    assert [len(a.observations) for a in catalog.articles] == [1, 1]
    # The record of b.txt, on line 5 after the four tab lines.
    assert [(d.code, d.line, d.column) for d in catalog.diagnostics] == [("unmatched-record", 5, 1)]


def test_nine_twins_with_new_snippets_are_told_apart_by_the_nearest_count() -> None:
    # A week later every twin shows a new excerpt (another search found it), so snippets
    # say nothing; each count grew by 50, and the nearest earlier count is its own.
    fresh = ["Alpha.", "Bravo.", "Charlie.", "Delta.", "Echo.", "Foxtrot.", "Golf.", "Hotel."]
    fresh += ["India."]
    before = [(SNIPPETS[i], 20, 100 * (i + 1)) for i in range(9)]
    after = [(fresh[i], 20, 100 * (i + 1) + 50) for i in range(9)]
    catalog = merged(
        dump("a.txt", before, date(2026, 6, 1)), dump("b.txt", after[::-1], date(2026, 6, 8))
    )
    histories = sorted([o.views for o in a.observations] for a in catalog.articles)
    assert histories == [[100 * (i + 1), 100 * (i + 1) + 50] for i in range(9)]
    assert sorted([o.snippet for o in a.observations] for a in catalog.articles) == sorted(
        [SNIPPETS[i], fresh[i]] for i in range(9)
    )


def test_among_nine_twins_the_nearest_count_wins_over_the_smallest() -> None:
    # Two twins at 100 and 200 views become 250 and 260, both fitting either article; the
    # nearest earlier count pairs 250 with 200, which leaves 260 for 100. Seven more twins,
    # unchanged, each fit only their own article (more views but an earlier update).
    fresh = ["Alpha.", "Bravo.", "Charlie.", "Delta.", "Echo.", "Foxtrot.", "Golf.", "Hotel."]
    fresh += ["India."]
    others = [(SNIPPETS[i], 9 - i, 1_000 * i) for i in range(2, 9)]
    before = [(SNIPPETS[0], 20, 100), (SNIPPETS[1], 20, 200), *others]
    after = [(fresh[0], 20, 260), (fresh[1], 20, 250)]
    after += [(fresh[i], day, views) for i, (_, day, views) in enumerate(others, 2)]
    catalog = merged(
        dump("a.txt", before, date(2026, 6, 1)), dump("b.txt", after, date(2026, 6, 8))
    )
    histories = sorted([o.views for o in a.observations] for a in catalog.articles)
    assert histories == [[100, 260], [200, 250]] + [[1_000 * i, 1_000 * i] for i in range(2, 9)]
