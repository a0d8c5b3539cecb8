"""Word runs no vocabulary knows, standing where category tags stand: read or reported.

On a page whose records carry tags, a run after the last date is the record's category when
it is a tab name or stands there in another record of the page (``unknown-category``, naming
the words and the locale); seen once, it stays in the next title with ``ambiguous-category``.
On a page without tags nothing changes. A stream decides as a whole parse does.
"""

from __future__ import annotations

import io
import time

import pytest

import faqparse
from faqparse import TokenKind
from faqparse._locales import VOCABULARIES
from faqparse._scan.tags import LOOKAHEAD

HEADER = "All\nFAQ\nAnnouncements\nProduct documents\n"


def _record(title: str, ending: str, day: int = 5) -> str:
    return f"{title}\nSnippet of {title}.Published on {day} Sept 2023{ending}"


def _read(
    text: str, **options: object
) -> tuple[list[tuple[str, str | None, int | None]], list[str]]:
    dump = faqparse.parse(text, **options)  # type: ignore[arg-type]
    records = [(r.title, r.category, r.views) for r in dump.records]
    return records, [d.code for d in dump.diagnostics]


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_a_stream_reads_unknown_tags_as_a_whole_parse(chunk: int) -> None:
    text = (
        HEADER
        + _record("Mark price", "Trading rules312")
        + _record("Funding fees", "Trading rules")
        + _record("Stop orders", "FAQ1,250")
        + _record("Fee tiers", "Trading rulesHow")  # seen once more: read, a title after it
        + "x"
    )
    dump = faqparse.parse(text)
    assert [r.category for r in dump.records] == [
        "Trading rules",
        "Trading rules",
        "FAQ",
        "Trading rules",
    ]
    assert [r.views for r in dump.records] == [312, None, 1250, None]
    assert dump.records[-1].title == "Fee tiers"
    assert [str(d.code) for d in dump.diagnostics].count("unknown-category") == 3
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="<string>", chunk_bytes=chunk)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)


def test_the_diagnostic_names_the_words_the_locale_and_where_they_stand() -> None:
    text = (
        HEADER
        + _record("A", "Trading rules12")
        + _record("B", "FAQ3")
        + _record("C", "Trading rules")
    )
    dump = faqparse.parse(text)
    first = dump.diagnostics[0]
    assert first.code == "unknown-category"
    assert "'Trading rules'" in first.message
    assert "'en' vocabulary" in first.message
    start = text.index("Trading rules")
    assert first.span == (start, start + len("Trading rules"))
    assert first.text == "Trading rules"


def test_a_tab_name_is_a_category_the_first_time() -> None:
    text = (
        "Alle\nVanlige spørsmål\nKunngjøringer\nProduktdokumenter\nHva er en gave?\n"
        "En gave.Publisert 16. aug. 2023ProduktdokumenterNeste\n"
        "Mer.Publisert 17. aug. 2023Vanlige spørsmål4 225"
    )
    records, codes = _read(text, vocabulary=VOCABULARIES["nb"])
    assert records == [
        ("Hva er en gave?", "Produktdokumenter", None),
        ("Neste", "Vanlige spørsmål", 4225),
    ]
    assert codes == ["unknown-category"]


def test_a_run_seen_once_stays_in_the_title_and_is_reported() -> None:
    text = HEADER + _record("A", "FAQ12") + _record("B", "Trading rules") + _record("C", "FAQ3")
    records, codes = _read(text)
    assert records == [("A", "FAQ", 12), ("B", None, None), ("Trading rulesC", "FAQ", 3)]
    assert codes == ["ambiguous-category"]


def test_a_run_before_the_first_known_tag_is_reported_when_tags_follow() -> None:
    text = HEADER + _record("A", "Trading rules") + _record("B", "FAQ3")
    records, codes = _read(text)
    assert records == [("A", None, None), ("Trading rulesB", "FAQ", 3)]
    assert codes == ["ambiguous-category"]


@pytest.mark.parametrize(
    "text",
    [
        # Titles in camel case on a page without tags: their first words are no tag.
        _record("A", "Introducing SmartTrade\nX")
        + _record("B", "Introducing SmartTrade\nY")
        + _record("C", ""),
        # A capital and a digit twice (``Q3``): a title's start, not a tag and a count.
        _record("A", "Q3 report\nX") + _record("B", "Q3 outlook\nY") + _record("C", ""),
        # A run that reaches the line's end is the next title.
        _record("A", "Trading rules\nX") + _record("B", "Trading rules\nY") + _record("C", ""),
    ],
    ids=["camel-case-titles", "capital-and-digit", "whole-line"],
)
def test_a_page_without_tags_keeps_its_titles_silently(text: str) -> None:
    dump = faqparse.parse(text)
    assert all(r.category is None for r in dump.records)
    assert list(dump.diagnostics) == []
    assert dump.records[1].title.startswith(("Introducing SmartTrade", "Q3", "Trading rules"))


def test_a_repeat_beyond_the_window_is_read_from_the_record_that_sees_the_first() -> None:
    filler = "".join(_record(f"Filler {i}", "FAQ1") for i in range(LOOKAHEAD // 20))
    text = HEADER + _record("A", "Trading rulesB") + filler + _record("C", "Trading rulesD")
    text += "\nmore.Published on 9 Sept 2023FAQ"
    dump = faqparse.parse(text)
    assert len(text) > 2 * LOOKAHEAD
    first, last = dump.records[0], dump.records[-2]
    assert (first.category, last.category) == (None, "Trading rules")
    codes = [d.code for d in dump.diagnostics]
    assert codes == ["ambiguous-category", "unknown-category"]
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="<string>", chunk_bytes=7)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)


def test_an_unknown_tag_is_a_tag_token() -> None:
    text = (
        HEADER
        + _record("A", "Trading rules12")
        + _record("B", "FAQ3")
        + _record("C", "Trading rules")
    )
    tags = [t.text for t in faqparse.tokenize(text) if t.kind is TokenKind.TAG]
    assert tags == ["Trading rules", "FAQ", "Trading rules"]


def test_many_different_runs_take_linear_time() -> None:
    # Every record has a run no other has: each looks ahead through its whole window.
    def page(n: int) -> str:
        return HEADER + "".join(_record("T", f"Run{'x' * (i % 40)}Q{i % 7}") for i in range(n))

    def seconds(n: int) -> float:
        text = page(n)
        began = time.perf_counter()
        faqparse.parse(text)
        return time.perf_counter() - began

    small, large = seconds(2_000), seconds(8_000)
    assert large < 8 * small + 0.5  # four times the text: about four times the time


def test_runs_of_their_own_cost_little_more_than_known_tags() -> None:
    # Each record's run is new, so each asks about the records ahead: what they hold is
    # learnt once, not once a record (which cost fifteen times a page of known tags).
    def name(number: int) -> str:
        return "".join(chr(97 + int(digit)) for digit in str(number))

    def cpu(tags: list[str]) -> float:
        text = HEADER + "".join(
            _record("T", f"FAQ1T\nS.Published on 6 Sept 2023{t}Q") for t in tags
        )
        best = float("inf")
        for _ in range(2):
            began = time.process_time()
            faqparse.parse(text)
            best = min(best, time.process_time() - began)
        return best

    unknown = cpu([f"Run{name(i)}" for i in range(3_000)])
    known = cpu(["FAQ"] * 3_000)
    assert unknown < 6 * known
