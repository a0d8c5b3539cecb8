"""The merge's cost in the records of one block in one dump: linear, counted, not timed.

A dump can list one title and date many times (a page layout, a generated dump, a hostile
one). The merge compares each record with the copies it may repeat through `is_repeat`;
counting those calls bounds the work without a clock, which a busy machine would fool.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import faqparse
from conftest import HEADER
from faqparse._merge import repeats as _repeats
from faqparse._model import Observation

DATES = "Published on 5 Sept 2023Updated on 29 May 2026"


def _dump(records: int, views: Callable[[int], str], snippet: Callable[[int], str]) -> str:
    body = "".join(f"Same title\n{snippet(n)}{DATES}{views(n)}" for n in range(records))
    return HEADER + body


SHAPES = {
    "each with its count": (lambda n: f"{n + 1:,}", lambda n: "same snippet"),
    "every other one a copy without a count": (
        lambda n: "5" if n % 2 == 0 else "",
        lambda n: f"snippet {n // 2}",
    ),
    "distinct snippets": (lambda n: str(n + 1), lambda n: f"snippet {n}"),
    "one record listed again and again": (lambda n: "7" if n == 0 else "", lambda n: "same"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_comparisons_grow_linearly_with_the_records_of_one_block(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    compare = _repeats.is_repeat

    def counted(earlier: Observation, later: Observation) -> bool:
        nonlocal calls
        calls += 1
        return compare(earlier, later)

    monkeypatch.setattr(_repeats, "is_repeat", counted)
    views, snippet = SHAPES[shape]
    for records in (200, 800):
        calls = 0
        dump = faqparse.parse(_dump(records, views, snippet), "many.txt")
        assert len(dump.records) == records
        faqparse.merge([dump])
        # Each record is compared with at most one earlier copy, in each of two passes; the
        # shapes whose records share their text are compared at all (the count is live).
        assert calls > 0 or shape == "distinct snippets", shape
        # Each record is compared with at most one earlier copy, in each of two passes.
        assert calls <= 2 * records, (records, calls)


def test_a_repeat_of_many_records_lists_ten_and_counts_the_rest() -> None:
    """Fifteen records with one text and dates, then the same without a count: the message
    names the first ten other records it repeats and says how many more there are."""
    text = HEADER + "".join(f"Same title\nsame{DATES}{n + 1}" for n in range(15))
    text += f"Same title\nsame{DATES}"
    catalog = faqparse.Catalog()
    catalog.add(faqparse.parse(text, "many.txt"))
    (note,) = [d for d in catalog.diagnostics if d.code == "repeated-record"]
    assert note.message.startswith(
        "record 15 ('Same title', published 2023-09-05) repeats record 0"
    )
    listed = ", ".join(str(n) for n in range(1, 11))
    assert note.message.endswith(
        f"; it repeats records {listed} and 4 more as well, and was taken as the first listed"
    )


def test_twins_shown_with_a_new_excerpt_in_every_dump_cost_the_same_at_every_dump(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A record's snippet is weighed against at most the latest 32 distinct snippets of each
    article it may be (and looked up among all of them): twins that show a new excerpt in
    every dump cost no more at the 200th dump than at the 40th."""
    from datetime import date, timedelta  # noqa: PLC0415

    from faqparse._merge import keys  # noqa: PLC0415

    calls = 0
    measure = keys.similarity

    def counted(first: frozenset[str], second: frozenset[str]) -> float:
        nonlocal calls
        calls += 1
        return measure(first, second)

    monkeypatch.setattr(keys, "similarity", counted)
    dumps = []
    for day in range(200):
        body = "".join(
            f"Same title\n{name} excerpt {day} of {name}{DATES}{views + day:,}"
            for name, views in (("left", 100), ("right", 5000))
        )
        dumps.append(faqparse.parse(HEADER + body, f"d{day}.txt", captured=date(2026, 1, 1)
                                    + timedelta(days=day)))  # fmt: skip
    articles = faqparse.merge(dumps)
    assert sorted(len(a.observations) for a in articles) == [200, 200]
    # Two records, each against two articles, each against at most 32 snippets a dump: at
    # most 128 a dump (the old reading, every snippet, made about 400 a dump by the 200th).
    assert 0 < calls <= 128 * 200


def test_a_snippet_an_article_showed_long_ago_is_still_a_perfect_match() -> None:
    from faqparse._merge.keys import SNIPPETS_WEIGHED, similarity_to, word_set  # noqa: PLC0415

    shown = {f"excerpt number {n}": None for n in range(3 * SNIPPETS_WEIGHED)}
    assert similarity_to("excerpt number 0", shown, word_set) == 1.0
    # Words alike but not the same text: weighed against the latest ones only.
    assert similarity_to("EXCERPT number 0", shown, word_set) < 1.0
    assert similarity_to(f"EXCERPT number {3 * SNIPPETS_WEIGHED - 1}", shown, word_set) == 1.0
