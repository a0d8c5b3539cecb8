"""What users see in cases the rest of the suite reached without looking: each test here
fails on a small change of the source that the other tests let pass (see docs/mutation.md)."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import attrs

import faqparse
from conftest import HEADER
from faqparse._read.reader import MAX_PENDING


def _records(text: str) -> list[tuple[str, str, str | None, int | None]]:
    return [(r.title, r.snippet, r.category, r.views) for r in faqparse.parse(text).records]


# A tag word followed by a sign (not a letter with case, not a digit, not a line break) is a
# tag only if the records ahead all carry a tag word after their dates.


def test_a_sign_after_the_first_tag_is_a_tag_when_the_record_ahead_has_one() -> None:
    text = (
        "First\nSnip.Published on 5 Sept 2023FAQ«Second title\n"
        "Snip two.Published on 6 Sept 2023FAQ12\n"
    )
    assert _records(text) == [
        ("First", "Snip.", "FAQ", None),
        ("«Second title", "Snip two.", "FAQ", 12),
    ]
    assert faqparse.parse(text).diagnostics == ()


def test_a_record_ahead_with_a_date_the_plain_pattern_does_not_read_is_no_evidence() -> None:
    # The second record's date is left to the full reader: it neither confirms nor denies
    # tags; the third record's tag decides.
    text = (
        "First\nSnip.Published on 5 Sept 2023FAQ«Second title\n"
        "Snip two.Published on 2023/09/06FAQ12\n"
        "Third\nSnip three.Published on 7 Sept 2023FAQ3\n"
    )
    records = _records(text)
    assert records[0] == ("First", "Snip.", "FAQ", None)
    assert records[-1] == ("Third", "Snip three.", "FAQ", 3)


def test_a_record_cut_by_the_lookahead_window_is_no_evidence() -> None:
    # The records ahead are looked at up to 4,096 characters past the first label; the last
    # one there has its tag word cut by that window, and must not count as a record without
    # a tag: the records before it all have one.
    first = "First\nSnip.Published on 5 Sept 2023FAQ«Second title\n"
    label = first.index("Published on")
    filler = "".join(f"Snippet {i}.Published on 6 Sept 2023FAQ{i}\nTitle {i}\n" for i in range(40))
    window = label + 4096
    before = len(first) + len(filler)
    cut = "Snippet cut.Published on 6 Sept 2023"
    pad = window - 10 - before - len(cut)  # the tag word starts 10 characters before the window
    assert pad > 0
    text = (
        first
        + filler
        + "x" * pad
        + cut
        + "Product documentation7\nLast\nSnip last.Published on 8 Sept 2023FAQ9\n"
    )
    assert text.index("Product documentation", before) == window - 10
    records = faqparse.parse(text).records
    assert (records[0].title, records[0].category) == ("First", "FAQ")
    assert records[1].title == "«Second title"
    assert all(r.category is not None for r in records)
    assert len(records) == 43


def test_a_section_page_gives_its_bullets_as_tokens() -> None:
    text = (
        "Section name\n- Title onePublished on 5 Sept 2023\n- Title twoPublished on 6 Sept 2023\n"
    )
    tokens = [(t.kind, t.text) for t in faqparse.tokenize(text)]
    bullets = [t for t in tokens if t[1] == "- "]
    assert bullets == [(faqparse.TokenKind.BULLET, "- ")] * 2
    assert [r.title for r in faqparse.parse(text).records] == ["Title one", "Title two"]


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


def test_a_tag_word_left_undecided_at_the_end_of_the_dump_is_reported() -> None:
    # Nothing after the only record says whether the dump has tags: the doubt stands.
    dump = faqparse.parse("Only\nSnip.Published on 5 Sept 2023FAQ rest of a title")
    assert [(r.title, r.category) for r in dump.records] == [("Only", None)]
    assert [(d.code, d.line, d.column) for d in dump.diagnostics] == [
        ("incomplete-record", 2, 30),
        ("ambiguous-category", 2, 30),
    ]


def _skipped_text(times: int = 1) -> str:
    """More lines without a label than a stream keeps waiting for one (``times`` over)."""
    return ("x" * 79 + "\n") * (times * MAX_PENDING // 80 + 2)


def test_a_tag_doubt_after_skipped_text_is_located_in_the_whole_input() -> None:
    junk = _skipped_text()
    text = junk + "Only\nSnip.Published on 5 Sept 2023FAQ rest of a title"
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="s.txt")
    assert len(list(stream)) == 1
    lines = junk.count("\n")
    # "Snip.Published on 5 Sept 2023" is 29 characters: the tag word is at column 30.
    assert [(d.code, d.line, d.column) for d in stream.diagnostics] == [
        ("unexpected-text", 1, 1),
        ("incomplete-record", lines + 2, 30),
        ("ambiguous-category", lines + 2, 30),
    ]
    tag = text.index("FAQ")
    assert stream.diagnostics[-1].span == (tag, tag + 3)


def test_a_tag_doubt_given_up_on_in_a_stream_stands_and_later_tags_are_read() -> None:
    text = (
        "Only\nSnip.Published on 5 Sept 2023FAQ rest of a title\n"
        + _skipped_text(2)  # the doubt is given up on before the next record comes
        + "Two\nSnip.Published on 6 Sept 2023FAQ3\n"
    )
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="s.txt")
    # The second record's title is the last line kept of the skipped text.
    assert [(r.category, r.views) for r in stream] == [(None, None), ("FAQ", 3)]
    assert [(d.code, d.line, d.column) for d in stream.diagnostics] == [
        ("unexpected-text", 2, 30),
        ("ambiguous-category", 2, 30),
    ]


def test_a_record_cut_off_before_a_new_page_says_so() -> None:
    text = (
        "One\nSnip.Published on 5 Sept 2023\nCut title\nand its snippet\n"
        "All\nFAQ\nAnnouncements\nTwo\nSnip two.Published on 6 Sept 2023\n"
    )
    dump = faqparse.parse(text)
    assert [r.title for r in dump.records] == ["One", "Two"]
    assert [(d.code, d.message, d.text, d.line) for d in dump.diagnostics] == [
        (
            "incomplete-record",
            "a record cut off before a new page: 'Cut title and its snippet'",
            "Cut title\nand its snippet",
            3,
        )
    ]


def test_a_missing_title_or_snippet_quotes_no_text() -> None:
    no_title = faqparse.parse("Published on 5 Sept 2023FAQ3\n").diagnostics
    no_snippet = faqparse.parse("TitlePublished on 5 Sept 2023\nNext\nS.Published on 6 Sept 2023")
    assert [(d.code, d.text) for d in (*no_title, *no_snippet.diagnostics)] == [
        ("missing-title", ""),
        ("missing-snippet", ""),
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


def test_a_count_cut_by_the_end_of_the_dump_is_quoted() -> None:
    dump = faqparse.parse("Only\nSnip.Published on 5 Sept 2023 1,2")
    assert [r.views for r in dump.records] == [None]
    assert [(d.code, d.text, d.line, d.column) for d in dump.diagnostics] == [
        ("incomplete-record", "1,2", 2, 31)
    ]


def test_a_dump_that_starts_with_a_blank_line() -> None:
    dump = faqparse.parse("\nTitle\nSnip.Published on 5 Sept 2023FAQ12\n")
    assert [(r.title, r.snippet, r.category, r.views, r.line) for r in dump.records] == [
        ("Title", "Snip.", "FAQ", 12, 2)
    ]
    assert dump.diagnostics == ()
