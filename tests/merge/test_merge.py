"""Merging: every case in tests/fixtures/merge/<case>/ gives its expected.json, and the rules.

A case is a folder of dumps in the seed layout (their file names carry the snapshot dates)
and an ``expected.json`` written by hand: each article with the records it was seen as
(``file#index``), and the merge diagnostics, each as ``[code, "file#index"]``; ``locales``
gives a dump's locale where it is not English, and an article's shape then has ``locale``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest

import faqparse
from conftest import FIXTURES, HEADER, SEEDS
from faqparse._merge.keys import moment, similarity, strictly_before, word_set

CASES = sorted(path for path in (FIXTURES / "merge").iterdir() if path.is_dir())


def _expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def _dumps(case: Path) -> list[faqparse.Dump]:
    samples = {path.name: path for path in SEEDS}
    inputs = [
        samples[name.removeprefix("sample:")] if name.startswith("sample:") else case / name
        for name in _expected(case).get("inputs", [])
    ]
    paths = inputs or sorted(case.glob("*.txt"))
    # A case may give the locale of a dump (the merge reads `Dump.locale`).
    locales = _expected(case).get("locales", {})
    return [
        attrs.evolve(
            faqparse.parse_file(path, source=path.name),
            locale=locales.get(path.name, "en"),
        )
        for path in paths
    ]


def _shape(article: faqparse.Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "published": article.published.isoformat(),
        "updated": None if article.updated is None else article.updated.isoformat(),
        "views": article.views,
        "snippets": list(article.snippets),
        "observations": [f"{o.source}#{o.index}" for o in article.observations],
        **({} if article.locale == "en" else {"locale": article.locale}),
    }


def _record_of(diagnostic: faqparse.Diagnostic, dumps: list[faqparse.Dump]) -> str:
    """The record a merge diagnostic is about, found by its source and span."""
    for dump in dumps:
        for record in dump.records:
            if dump.source == diagnostic.source and record.span == diagnostic.span:
                return f"{dump.source}#{record.index}"
    raise AssertionError(f"no record at {diagnostic.source} {diagnostic.span}")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_merges_to_its_expected_articles(case: Path) -> None:
    dumps = _dumps(case)
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    expected = _expected(case)
    assert [_shape(article) for article in catalog.articles] == expected["articles"]
    got = [[d.code, _record_of(d, dumps)] for d in catalog.diagnostics]
    assert got == expected["diagnostics"]
    assert all(d.severity is faqparse.Severity.WARNING for d in catalog.diagnostics)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_gives_the_same_in_any_order_and_one_at_a_time(case: Path) -> None:
    dumps = _dumps(case)
    at_once = faqparse.merge(dumps)
    assert faqparse.merge(dumps[::-1]) == at_once
    catalog = faqparse.Catalog()
    for dump in reversed(dumps):
        catalog.add(dump)
        assert catalog.articles  # read in between: the next add must still be incremental
    assert list(catalog.articles) == at_once


def test_the_two_seeds_give_28_articles_and_keep_the_cash_balance_twins_apart() -> None:
    articles = faqparse.merge(faqparse.parse_file(path) for path in SEEDS)
    assert len(articles) == 28
    twins = [a for a in articles if a.title == "How do I buy crypto with my cash balance?"]
    assert [(a.views, len(a.observations)) for a in twins] == [(1, 1), (365, 1)]
    both = {a.title: a for a in articles if len(a.observations) == 2}
    assert sorted(both) == ["How do I verify an individual account?",
                            "Why did my identity verification fail?"]  # fmt: skip
    verify = both["How do I verify an individual account?"]
    assert (verify.views, verify.updated) == (31425, date(2026, 5, 29))
    assert [o.captured for o in verify.observations] == [date(2026, 5, 22), date(2026, 6, 4)]


@pytest.mark.parametrize(
    ("title", "normalized"),
    [
        ("How do I create passkeys? (web)", "how do i create passkeys? (web)"),
        ("  How  do I\tBUY crypto?\u00a0", "how do i buy crypto?"),
        ("What\u2019s a passkey?", "what's a passkey?"),
        ("How do I use \u201cAuto-Confirm\u201d?", 'how do i use "auto-confirm"?'),
        ("\u00abAuto\u00bb and \u2039Manual\u203a", "\"auto\" and 'manual'"),
        ("\u201eLow\u201c and \u201aquotes\u2018", "\"low\" and 'quotes'"),
        (
            "Face recognition\u2013related issues \u2014 FAQ",
            "face recognition-related issues - faq",
        ),
        ("2FA setup \u2010 authenticator", "2fa setup - authenticator"),
        ("\uff2f\uff2b\uff38 \uff37\uff41\uff4c\uff4c\uff45\uff54", "okx wallet"),  # full width
        ("Stra\u00dfe", "strasse"),
        ("Caf\u00c9 \u2014 FAQ", "caf\u00e9 - faq"),
        ("", ""),
    ],
)
def test_normalize_title(title: str, normalized: str) -> None:
    assert faqparse.normalize_title(title) == normalized


def test_snapshot_order_is_partial() -> None:
    day, noon, evening = date(2026, 6, 1), datetime(2026, 6, 1, 12), datetime(2026, 6, 1, 18)
    assert strictly_before(moment(noon), moment(evening))
    assert not strictly_before(moment(day), moment(noon))
    assert not strictly_before(moment(noon), moment(day))
    assert strictly_before(moment(evening), moment(date(2026, 6, 2)))
    assert not strictly_before(moment(None), moment(day))
    assert not strictly_before(moment(day), moment(None))


def test_snippet_similarity_is_the_jaccard_index_of_word_sets() -> None:
    app, web = word_set("Open the App."), word_set("open the website")
    assert app == {"open", "the", "app"}
    assert similarity(app, web) == 2 / 4
    assert similarity(word_set("..."), word_set("\u2026")) == 1.0


def test_the_same_title_with_web_and_app_stays_two_articles() -> None:
    text = HEADER + (
        "How do I create passkeys? (web)\nIn a browser.Published on 16 Aug 2023\n"
        "How do I create passkeys? (app)\nIn the app.Published on 16 Aug 2023\n"
    )
    articles = faqparse.merge([faqparse.parse(text, source="a.txt")])
    assert [a.title for a in articles] == [
        "How do I create passkeys? (app)",
        "How do I create passkeys? (web)",
    ]


def test_an_id_is_a_hash_of_the_block_key_and_a_twin_adds_where_it_was_first_seen() -> None:
    seed = faqparse.parse_file(SEEDS[0])
    articles = faqparse.merge([seed])
    base = hashlib.sha256(b"why did my identity verification fail?\x1f2023-09-05")
    verification = next(a for a in articles if a.title == "Why did my identity verification fail?")
    assert verification.id == base.hexdigest()[:16]
    first, second = (a for a in articles if a.title.startswith("How do I buy crypto"))
    assert second.id == f"{first.id}-{seed.digest[:12]}-12"
    assert len({a.id for a in articles}) == len(articles)


def test_later_snapshots_never_change_an_id() -> None:
    first, later = _dumps(FIXTURES / "merge" / "twins_opposite_order")
    before = {a.observations[0]: a.id for a in faqparse.merge([first])}
    after = {a.observations[0]: a.id for a in faqparse.merge([first, later])}
    assert before == after


def test_an_older_dump_arriving_later_renames_twins_but_no_single_article() -> None:
    # The guarantee: ids come from the earliest observation, so only a dump older than what
    # a block has seen can change them, and then only the ids of twins.
    older, newer = _dumps(FIXTURES / "merge" / "twins_opposite_order")
    alone = {a.views: a.id for a in faqparse.merge([newer])}
    together = {a.views: a.id for a in faqparse.merge([older, newer])}
    assert together[136] == alone[136]  # Passkey FAQ: one article, one id, always
    base = alone[371]
    assert alone[4] == f"{base}-{newer.digest[:12]}-2"  # first seen second in `newer`
    assert together[4] == base  # now first seen first, in `older`
    assert together[371] == f"{base}-{older.digest[:12]}-2"


def _dump(source: str, captured: date | None, *records: tuple[str, int | None]) -> faqparse.Dump:
    """A dump of records ``(snippet, views)``, all of one title and published date.

    Its digest is made from ``source``: two such dumps with the same records are two dumps.
    """
    text = HEADER + "".join(
        f"Same title\n{snippet}Published on 1 Jan 2024{'' if views is None else f'{views:,}'}"
        for snippet, views in records
    )
    digest = hashlib.sha256(source.encode()).hexdigest()
    return attrs.evolve(faqparse.parse(text, source=source), captured=captured, digest=digest)


def test_fewer_views_later_is_another_article() -> None:
    articles = faqparse.merge([_dump("a", date(2026, 6, 1), ("S.", 50)),
                      _dump("b", date(2026, 6, 2), ("S.", 40))])  # fmt: skip
    assert [a.views for a in articles] == [50, 40]


def test_equal_times_and_unknown_times_put_no_order() -> None:
    for first, second in [
        (date(2026, 6, 1), date(2026, 6, 1)),
        (date(2026, 6, 1), datetime(2026, 6, 1, 12)),
        (None, date(2026, 6, 2)),
        (date(2026, 6, 2), None),
    ]:
        articles = faqparse.merge([_dump("a", first, ("S.", 50)), _dump("b", second, ("S.", 40))])
        assert len(articles) == 1, (first, second)


def test_aware_times_are_compared_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    early = datetime(2026, 6, 1, 23, 0, tzinfo=plus_two)  # 21:00 UTC
    late = datetime(2026, 6, 1, 22, 0)  # naive: taken as it stands
    assert strictly_before(moment(early), moment(late))
    assert moment(early) == moment(datetime(2026, 6, 1, 21, 0, tzinfo=UTC))
    articles = faqparse.merge([_dump("late", late, ("S.", 10)), _dump("early", early, ("S.", 12))])
    assert [[o.source for o in a.observations] for a in articles] == [["early"], ["late"]]


def test_a_complete_tie_is_decided_by_a_fixed_order_and_reported() -> None:
    catalog = faqparse.Catalog()
    # Twins with one count each (identical records without counts would be one record
    # repeated: see the repeated-record tests).
    catalog.add(_dump("a", date(2026, 6, 1), ("S.", 7), ("S.", 7)))
    catalog.add(_dump("b", date(2026, 6, 2), ("S.", 9), ("S.", 9)))
    assert [[f"{o.source}#{o.index}" for o in a.observations] for a in catalog.articles] == [
        ["a#0", "b#0"],
        ["a#1", "b#1"],
    ]
    messages = [d.message for d in catalog.diagnostics]
    assert len(messages) == 2 and all("by a fixed order" in m for m in messages), messages


def test_many_records_of_one_block_in_a_dump_are_assigned_greedily_and_reported() -> None:
    # Past eight records of one title and date in one dump, the exact assignment is not
    # worth its cost: best-scoring pairs go first, and every pick that had a rival is reported.
    nine = [(f"Snippet number {n}.", 10 + 100 * n) for n in range(9)]
    catalog = faqparse.Catalog()
    catalog.add(_dump("a", date(2026, 6, 1), *nine))
    catalog.add(_dump("b", date(2026, 6, 2), *[(snippet, views + 5) for snippet, views in nine]))
    assert [[o.views for o in a.observations] for a in catalog.articles] == sorted(
        [[views, views + 5] for _, views in nine]
    )
    assert len(catalog.diagnostics) == 9
    assert all("greedily" in d.message for d in catalog.diagnostics)


def test_a_single_candidate_is_not_weak_evidence() -> None:
    catalog = faqparse.Catalog()
    catalog.add(_dump("a", date(2026, 6, 1), ("S.", None)))
    catalog.add(_dump("b", date(2026, 6, 2), ("Quite another snippet.", None)))
    assert len(catalog.articles) == 1
    assert catalog.diagnostics == ()


def test_a_thousand_snapshots_of_twins_stay_two_articles() -> None:
    dumps = [
        _dump(f"d{n}", date(2020, 1, 1) + timedelta(days=n), ("One.", 500 + n), ("Two.", n))
        for n in range(1000)
    ]
    articles = faqparse.merge(dumps)
    assert [(a.snippets, len(a.observations), a.views) for a in articles] == [
        (("One.",), 1000, 1499),
        (("Two.",), 1000, 999),
    ]


REPEATED = HEADER + (
    "Passkey FAQ\nPasskeys replace passwords.Published on 19 Mar 2025Updated on 1 Jun 2026130"
    "Why is my deposit late?\nCheck the network.Published on 2 Feb 2024Updated on 1 Jun 202612"
    "Passkey FAQ\nPasskeys replace passwords.Published on 19 Mar 2025Updated on 1 Jun 2026"
)


def test_a_record_repeated_without_its_count_is_one_article_and_is_reported(
    tmp_path: Path,
) -> None:
    dump = faqparse.parse(REPEATED, source="2026-06-02.txt")
    catalog = faqparse.Catalog()
    catalog.add(dump)
    passkey = next(a for a in catalog.articles if a.title == "Passkey FAQ")
    assert [(o.index, o.views) for o in passkey.observations] == [(0, 130), (2, None)]
    assert passkey.views == 130
    assert [(d.code, d.span) for d in catalog.diagnostics] == [
        ("repeated-record", dump.records[2].span)
    ]
    assert "repeats record 0" in catalog.diagnostics[0].message
    catalog.save(tmp_path / "catalog.jsonl")  # an article with two records of one dump loads
    assert faqparse.Catalog.load(tmp_path / "catalog.jsonl").articles == catalog.articles


def test_a_record_repeated_with_a_count_is_a_twin() -> None:
    dump = faqparse.parse(REPEATED + "5", source="2026-06-02.txt")
    articles = faqparse.merge([dump])
    assert [a.views for a in articles if a.title == "Passkey FAQ"] == [130, 5]


def test_the_same_title_in_two_locales_is_two_articles_and_english_ids_stay() -> None:
    text = HEADER + "Passkey FAQ\nPasskeys.Published on 19 Mar 2025130"
    english = faqparse.parse(text, source="2026-06-01.txt")
    swedish = attrs.evolve(english, locale="sv", digest="sv" + english.digest[2:])
    articles = faqparse.merge([english, swedish])
    assert [a.locale for a in articles] == ["en", "sv"]
    plain = faqparse.normalize_title("Passkey FAQ") + "\x1f2025-03-19"
    assert articles[0].id == hashlib.sha256(plain.encode()).hexdigest()[:16]
    assert articles[1].id == hashlib.sha256((plain + "\x1fsv").encode()).hexdigest()[:16]


def test_an_article_has_its_latest_known_category() -> None:
    record = "Passkey FAQ\nPasskeys.Published on 19 Mar 2025{views}"
    dumps = [
        faqparse.parse(HEADER + record.format(views=views), source=f"2026-06-0{day}.txt")
        for day, views in ((1, 10), (2, 12), (3, 15))
    ]
    dumps[0] = attrs.evolve(dumps[0], records=(attrs.evolve(dumps[0].records[0], category="FAQ"),))
    tagged = attrs.evolve(dumps[1].records[0], category="Product documentation")
    dumps[1] = attrs.evolve(dumps[1], records=(tagged,))
    [article] = faqparse.merge(dumps)
    assert [o.category for o in article.observations] == ["FAQ", "Product documentation", None]
    assert article.category == "Product documentation"


def test_a_missing_count_prefers_the_twin_that_never_showed_one() -> None:
    # Twins: one with 411 views, one whose zero is hidden. A week later the one with no
    # count is listed first, and its snippet looks more like the other's: the count decides.
    twin = "How do I buy crypto?\n{snippet}Published on 16 Nov 2023{views}"
    first = faqparse.parse(
        HEADER
        + twin.format(snippet="Use your cash balance to buy.", views="411")
        + twin.format(snippet="Pay with a card.", views=""),
        source="2026-06-01.txt",
    )
    later = faqparse.parse(
        HEADER
        + twin.format(snippet="Use your cash balance to buy.", views="")
        + twin.format(snippet="Pay with a card or your cash balance.", views="413"),
        source="2026-06-08.txt",
    )
    catalog = faqparse.Catalog()
    catalog.add(first)
    catalog.add(later)
    assert [[o.views for o in a.observations] for a in catalog.articles] == [
        [411, 413],
        [None, None],
    ]
    assert {d.code for d in catalog.diagnostics} == {"weak-match"}
    assert all("by the nearest view count" in d.message for d in catalog.diagnostics)


def test_a_missing_count_after_views_joins_the_only_article_and_says_so() -> None:
    text = HEADER + "Passkey FAQ\nPasskeys.Published on 19 Mar 2025{views}"
    dumps = [
        faqparse.parse(text.format(views=views), source=f"2026-06-0{day}.txt")
        for day, views in ((1, "130"), (2, ""))
    ]
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    assert len(catalog.articles) == 1
    [note] = catalog.diagnostics
    assert note.code == "weak-match"
    assert "shows no count, though article" in note.message
    assert "130 views" in note.message


def test_an_article_keeps_the_latest_known_category_tag() -> None:
    header = "All\nFAQ\nAnnouncements\nProduct documents\n"
    tagged = faqparse.parse(
        header + "Reset\nOpen Security.Published on 3 Mar 2024FAQ10", source="2026-06-01.txt"
    )
    untagged = faqparse.parse(
        header + "Reset\nOpen Security.Published on 3 Mar 2024" + "12", source="2026-06-08.txt"
    )
    (article,) = faqparse.merge([tagged, untagged])
    assert [o.category for o in article.observations] == ["FAQ", None]
    assert (article.category, article.views) == ("FAQ", 12)


ALERT = "Price alerts\nTap the bell next to a pair.Published on 7 Oct 2024Updated on 14 May 2026"


def test_a_copy_is_read_after_a_snapshot_of_its_moment_that_lists_its_twin_first() -> None:
    copy = faqparse.parse(HEADER + ALERT + "11" + ALERT, source="2026-06-01.txt")
    # The same day, no order against the copy: the twin without a count, then its sibling.
    apart = faqparse.parse(HEADER + ALERT + ALERT + "11", source="2026-06-01_b.txt")
    catalog = faqparse.Catalog()
    catalog.add(copy)
    [first] = catalog.articles
    assert [(o.index, o.views) for o in first.observations] == [(0, 11), (1, None)]
    catalog.add(apart)  # read before the dump holding the copy: the copy is the twin
    grouped = {a.views: [(o.source, o.index) for o in a.observations] for a in catalog.articles}
    assert grouped == {
        11: [("2026-06-01_b.txt", 1), ("2026-06-01.txt", 0)],
        None: [("2026-06-01_b.txt", 0), ("2026-06-01.txt", 1)],
    }
    assert [d.code for d in catalog.diagnostics] == ["weak-match", "weak-match"]
    assert "a twin that has never shown a count" in catalog.diagnostics[1].message


def test_a_copy_in_an_earlier_snapshot_stays_a_repeat_and_keeps_its_ids() -> None:
    copy = faqparse.parse(HEADER + ALERT + "11" + ALERT, source="2026-06-01.txt")
    # A day later, ordered after the copy: the twin without a count, then its sibling.
    apart = faqparse.parse(HEADER + ALERT + ALERT + "12", source="2026-06-02.txt")
    catalog = faqparse.Catalog()
    catalog.add(copy)
    [before] = catalog.articles
    catalog.add(apart)
    grouped = {a.id: [(o.source, o.index) for o in a.observations] for a in catalog.articles}
    # Adding a later snapshot never moves an earlier record: the copy of 1 June stays with
    # the 11, and the twin starts its own article on 2 June.
    assert grouped[before.id] == [
        ("2026-06-01.txt", 0),
        ("2026-06-01.txt", 1),
        ("2026-06-02.txt", 1),
    ]
    assert [records for key, records in grouped.items() if key != before.id] == [
        [("2026-06-02.txt", 0)]
    ]
    # The 12 had a rival (the record without a count fits the article too): reported.
    assert [d.code for d in catalog.diagnostics] == [
        "repeated-record",
        "unmatched-record",
        "weak-match",
    ]


def test_a_copy_of_two_records_alike_goes_with_the_first_listed_and_says_so() -> None:
    # Twins with one excerpt, the first without a count, then a copy equal to both.
    dump = faqparse.parse(HEADER + ALERT + ALERT + "12" + ALERT, source="2026-06-01.txt")
    catalog = faqparse.Catalog()
    catalog.add(dump)
    grouped = {a.views: [o.index for o in a.observations] for a in catalog.articles}
    assert grouped == {None: [0, 2], 12: [1]}
    [note] = catalog.diagnostics
    assert (note.code, note.span) == ("repeated-record", dump.records[2].span)
    assert note.message.startswith(
        "record 2 ('Price alerts', published 2024-10-07) repeats record 0"
    )
    assert note.message.endswith("; it repeats record 1 as well, and was taken as the first listed")


@pytest.mark.parametrize(
    ("dumps", "message"),
    [
        ([None], "item 0 must be a Dump, not NoneType"),
        ("abc", "must be an iterable of faqparse.Dump, not str"),
        (b"abc", "must be an iterable of faqparse.Dump, not bytes"),
        (5, "must be an iterable of faqparse.Dump, not int"),
        (["x"], "item 0 must be a Dump, not str"),
    ],
)
def test_merge_names_its_argument_when_given_something_else(dumps: object, message: str) -> None:
    with pytest.raises(TypeError) as raised:
        faqparse.merge(dumps)  # type: ignore[arg-type]
    assert str(raised.value) == f"merge() argument 'dumps' {message}"


def test_merge_takes_a_single_dump_only_in_a_list() -> None:
    dump = faqparse.parse_file(SEEDS[0])
    with pytest.raises(TypeError, match=r"must be an iterable of faqparse\.Dump, not Dump"):
        faqparse.merge(dump)  # type: ignore[arg-type]
    assert len(faqparse.merge([dump])) == len(dump.records)


def test_merge_refuses_a_dump_with_two_records_of_one_index_as_the_catalog_file_does() -> None:
    dump = faqparse.parse_file(SEEDS[0], source="seed.txt")
    first, second, *rest = dump.records
    doubled = attrs.evolve(dump, records=(first, attrs.evolve(second, index=first.index), *rest))
    with pytest.raises(ValueError, match="two records") as raised:
        faqparse.merge([faqparse.parse_file(SEEDS[1]), doubled])
    assert str(raised.value) == (
        "merge() argument 'dumps' item 1: seed.txt: two records of the dump have one index (0)"
    )
