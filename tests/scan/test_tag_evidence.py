"""How the dump's own evidence decides a tag word: the records ahead, a window a stream can
see, doubts held and given up on. Each test pins a case a small change of the source once
slipped through (docs/design/mutation.md)."""

from __future__ import annotations

import io

import faqparse
from faqparse._read.reader import MAX_PENDING


def _records(text: str) -> list[tuple[str, str, str | None, int | None]]:
    return [(r.title, r.snippet, r.category, r.views) for r in faqparse.parse(text).records]


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
