"""`faqparse.testing.render`: records back to dump text, the seeds byte for byte.

Every record `render` refuses has a named case below saying why no dump text could carry it;
every awkward record it accepts has one showing that it parses back unchanged.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import faqparse
from conftest import HEADER, SEEDS
from faqparse.testing import DateStyle, DumpMaker, RecordContent, RenderError, content, render

TABS = ("All", "FAQ", "Announcements", "Product documents")
SEED_STYLES: dict[str, DateStyle] = {
    "000_79ff5863b67a6592": "en-GB",
    "003_ecced15b7f629948": "en-US",
}


def item(
    title: str = "Why did my identity verification fail?",
    snippet: str = "Please ensure that your ID is not already associated with another account.",
    published: Any = date(2023, 9, 5),
    updated: Any = date(2026, 5, 29),
    views: Any = 11_580,
) -> RecordContent:
    return RecordContent(title, snippet, published, updated, views)


def read_back(text: str) -> list[RecordContent]:
    dump = faqparse.parse(text)
    assert [d.code for d in dump.diagnostics] == []
    return [content(record) for record in dump.records]


# -- the seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_rendering_a_seed_gives_its_text_back_byte_for_byte(seed: Path) -> None:
    data = seed.read_bytes()
    dump = faqparse.parse(data)
    text = render(dump.records, style=SEED_STYLES[seed.stem])
    assert text.encode("utf-8") == data
    assert not text.endswith("\n")  # the seeds end right after the last view count


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_a_seed_renders_with_crlf_and_in_the_other_date_style(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    records = faqparse.parse(text).records
    assert render(records, style=SEED_STYLES[seed.stem], newline="\r\n") == text.replace(
        "\n", "\r\n"
    )
    other: DateStyle = "en-US" if SEED_STYLES[seed.stem] == "en-GB" else "en-GB"
    assert read_back(render(records, style=other)) == [content(r) for r in records]


# -- dates ------------------------------------------------------------------------------------

MONTHS_GB = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
MONTHS_US = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize("month", range(1, 13))
def test_each_month_in_both_styles(month: int) -> None:
    day = date(2024, month, 7)
    record = item(published=day, updated=None, views=None)
    gb = render([record], header=False)
    us = render([record], header=False, style="en-US")
    assert gb.endswith(f"Published on 7 {MONTHS_GB[month - 1]} 2024")
    assert us.endswith(f"Published on {MONTHS_US[month - 1]} 7, 2024")
    assert read_back(gb) == read_back(us) == [record]


def test_the_full_metadata_line_in_both_styles() -> None:
    gb = render([item()], header=False)
    us = render([item()], header=False, style="en-US")
    assert gb.endswith("account.Published on 5 Sept 2023Updated on 29 May 202611,580")
    assert us.endswith("account.Published on Sep 5, 2023Updated on May 29, 202611,580")


def test_a_date_style_of_ones_own() -> None:
    text = render([item()], style=date.isoformat)
    assert "Published on 2023-09-05Updated on 2026-05-2911,580" in text
    assert read_back(text) == [item()]


def test_a_date_style_that_does_not_read_back_is_refused() -> None:
    with pytest.raises(RenderError, match=r"record 0 .*bad-date") as caught:
        render([item(), item()], style=lambda day: f"{day.day}/{day.month}/{day.year}")
    assert caught.value.index == 0


def test_a_date_style_that_gives_no_text_is_refused() -> None:
    def no_text(day: date) -> date:
        return day

    with pytest.raises(RenderError, match="not a str"):
        render([item()], style=no_text)  # type: ignore[arg-type]


def test_an_unknown_style_name_is_refused() -> None:
    with pytest.raises(RenderError, match="style must be"):
        render([item()], style="de-DE")  # type: ignore[arg-type]


# -- options ----------------------------------------------------------------------------------


def test_no_header() -> None:
    text = render([item()], header=False)
    assert text.startswith("Why did my identity verification fail?\nPlease")
    assert faqparse.parse(text).header == ()


def test_pages_repeat_the_header() -> None:
    records = [item(title=f"Question {n}?", views=n) for n in range(5)]
    text = render(records, page_size=2)
    assert text.count(HEADER) == 3
    assert "Published on 5 Sept 2023Updated on 29 May 20261\nAll\nFAQ\n" in text
    dump = faqparse.parse(text)
    assert dump.header == TABS
    assert read_back(text) == records


def test_a_page_break_lets_a_title_start_with_a_digit() -> None:
    records = [item(views=None), item(title="2FA setup", views=7), item(title="24/7 support")]
    assert read_back(render(records, page_size=1)) == records
    assert read_back(render(records, page_size=1, header=False)) == records


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_breaks(newline: str) -> None:
    records = [item(), item(title="Passkey FAQ", snippet="one\ntwo", views=1)]
    text = render(records, newline=newline, page_size=1, final_newline=True)
    header = "".join(tab + newline for tab in TABS)
    meta = "Published on 5 Sept 2023Updated on 29 May 2026"
    assert text == (
        f"{header}{records[0].title}{newline}{records[0].snippet}{meta}11,580{newline}"
        f"{header}Passkey FAQ{newline}one\ntwo{meta}1{newline}"
    )
    assert read_back(text) == records


def test_a_final_newline_when_asked() -> None:
    assert render([item()], final_newline=True).endswith("11,580\n")
    assert render([item()]).endswith("11,580")


def test_fields_can_be_left_out() -> None:
    text = render([item(), item(title="Second")], views=False, updated=False)
    assert "Updated on" not in text
    assert "11,580" not in text
    assert read_back(text) == [
        item(updated=None, views=None),
        item(title="Second", updated=None, views=None),
    ]


def test_no_records() -> None:
    assert render([]) == HEADER.removesuffix("\n")
    assert render([], header=False) == ""
    assert render([], final_newline=True) == HEADER
    assert [d.code for d in faqparse.parse(render([])).diagnostics] == ["no-records"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"newline": "\n\n"}, "newline must be"),
        ({"page_size": 0}, "page_size must be"),
        ({"page_size": True}, "page_size must be"),
    ],
    ids=["double-newline", "page-size-0", "page-size-bool"],
)
def test_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderError, match=message) as caught:
        render([item()], **options)
    assert caught.value.index is None


def test_records_need_only_the_five_fields() -> None:
    class Plain:
        title = "Plain object"
        snippet = "Any object with the five attributes renders."
        published = date(2020, 2, 29)
        updated = None
        views = 3

    assert read_back(render([Plain()])) == [content(Plain())]


def test_a_custom_vocabulary() -> None:
    vocabulary = faqparse.Vocabulary(
        published=("Veröffentlicht am",), updated=("Aktualisiert am",), tabs=("Alle", "FAQ")
    )
    text = render([item()], vocabulary=vocabulary, style=date.isoformat)
    assert text.startswith("Alle\nFAQ\nWhy")
    assert "Veröffentlicht am 2023-09-05Aktualisiert am 2026-05-29" in text
    dump = faqparse.parse(text, vocabulary=vocabulary)
    assert [content(r) for r in dump.records] == [item()]


# -- what render refuses ----------------------------------------------------------------------

DIGIT_TITLE = item(title="2FA setup: how do I link an authenticator app?")

REFUSED = [
    pytest.param([item(title="")], {}, 0, "title is empty", id="empty-title"),
    pytest.param([item(title=" Why?")], {}, 0, "white space around", id="title-leading-space"),
    pytest.param([item(title="Why?\xa0")], {}, 0, "white space around", id="title-trailing-nbsp"),
    pytest.param([item(title="Why\ndid it fail?")], {}, 0, "line break", id="title-newline"),
    pytest.param([item(title="Why\rdid it fail?")], {}, 0, "line break", id="title-cr"),
    pytest.param([item(title="FAQ")], {}, 0, "tab label", id="title-is-a-tab-label"),
    pytest.param(
        [item(), item(title="product \xa0DOCUMENTS")], {}, 1, "tab label", id="title-tab-any-case"
    ),
    pytest.param(
        [item(title="When Published on shows")], {}, 0, "label", id="title-has-published-label"
    ),
    pytest.param(
        [item(title="What UPDATED  ON means")], {}, 0, "label", id="title-has-updated-label"
    ),
    pytest.param(
        [item(title="published\u3000on")], {}, 0, "label", id="title-label-with-ideographic-space"
    ),
    pytest.param([item(snippet="")], {}, 0, "snippet is empty", id="empty-snippet"),
    pytest.param([item(snippet="Check it.\n")], {}, 0, "white space", id="snippet-newline-at-end"),
    pytest.param([item(snippet="\tCheck it.")], {}, 0, "white space", id="snippet-leading-tab"),
    pytest.param(
        [item(snippet="Tap Published on the page.")], {}, 0, "label", id="snippet-has-label"
    ),
    pytest.param(
        [item(snippet="Last changed: Updated on")], {}, 0, "label", id="snippet-ends-in-a-label"
    ),
    pytest.param(
        [item(snippet="Steps:\nAll\nFAQ\nthen tap Done.")],
        {},
        0,
        "header of a new page",
        id="snippet-has-a-header-block",
    ),
    pytest.param(
        [item(views=130), DIGIT_TITLE], {}, 1, "undecidable", id="digit-title-after-short-count"
    ),
    pytest.param(
        [item(views=0), DIGIT_TITLE], {}, 1, "undecidable", id="digit-title-after-zero-views"
    ),
    pytest.param(
        [item(views=None), DIGIT_TITLE], {}, 1, "read as its views", id="digit-title-no-count"
    ),
    pytest.param(
        [item(views=None, updated=None), DIGIT_TITLE],
        {},
        1,
        "read as its views",
        id="digit-title-after-published-date",
    ),
    pytest.param(
        [item(views=1234), DIGIT_TITLE],
        {"views": False},
        1,
        "read as its views",
        id="digit-title-views-left-out",
    ),
    pytest.param(
        [item(views=1234), item(title=",000 ways to save")],
        {},
        1,
        "part of the count",
        id="comma-title-after-count",
    ),
    pytest.param(
        [item(title="\ufeffWhy?")], {"header": False}, 0, "byte-order mark", id="bom-opens-text"
    ),
    pytest.param(
        [item(snippet="Steps:\n- open Settings", views=None), item(title="- Security keys")],
        {"own_lines": True},
        1,
        "section page",
        id="opens-like-a-section-page",
    ),
    pytest.param([item(views=-1)], {}, 0, "negative", id="negative-views"),
    pytest.param([item(views=True)], {}, 0, "not an int", id="bool-views"),
    pytest.param([item(views=1.5)], {}, 0, "not an int", id="float-views"),
    pytest.param([item(published=datetime(2023, 9, 5))], {}, 0, "datetime", id="datetime-date"),
    pytest.param([item(updated="2026-05-29")], {}, 0, "not a datetime.date", id="str-date"),
    pytest.param([item(published=date(999, 1, 1))], {}, 0, "four digits", id="three-digit-year"),
    pytest.param([item(title="Why\udc80?")], {}, 0, "UTF-8", id="lone-surrogate"),
    pytest.param([item(snippet=None)], {}, 0, "not a str", id="snippet-none"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("records", "options", "index", "reason"), REFUSED)
def test_render_refuses(
    records: list[RecordContent], options: dict[str, Any], index: int, reason: str
) -> None:
    for verify in (True, False):
        with pytest.raises(RenderError, match=reason) as caught:
            render(records, verify=verify, **options)
        assert isinstance(caught.value, ValueError)
        assert caught.value.index == index
        assert str(caught.value).startswith(f"record {index} (")


# -- what it accepts, however awkward ---------------------------------------------------------

ACCEPTED = [
    pytest.param([item(views=1234), DIGIT_TITLE], id="digit-title-after-grouped-count"),
    pytest.param([item(views=100_000), item(title="24/7 support")], id="24-7-after-100,000"),
    pytest.param([DIGIT_TITLE, item()], id="digit-title-first"),
    pytest.param(
        [item(snippet="- open Settings"), item(title="Security keys")],
        id="bullet-snippet-then-plain-title",
    ),
    pytest.param(
        [item(), item(snippet="- open Settings"), item(title="- Security keys")],
        id="bullets-after-the-first-record",
    ),
    pytest.param([item(views=None), item(title=",5 tips")], id="comma-title-after-a-date"),
    pytest.param([item(views=1), item(title="FA setup")], id="letters-after-one-view"),
    pytest.param([item(title="FAQ (Android version)")], id="title-starts-with-a-tab-label"),
    pytest.param([item(title="All\u2028FAQ")], id="title-with-unicode-line-separator"),
    pytest.param([item(snippet="Steps:\nAll\nthen tap Done.")], id="snippet-one-tab-line"),
    pytest.param([item(snippet="Steps:\nAll\n\nFAQ\nDone.")], id="snippet-tab-lines-apart"),
    pytest.param([item(snippet="Steps:\nAll\nFAQ")], id="snippet-tab-lines-at-its-end"),
    pytest.param([item(snippet="one\r\ntwo\rthree")], id="snippet-own-line-breaks"),
    pytest.param([item(snippet="Ends in 2023")], id="snippet-ends-in-a-year"),
    pytest.param([item(snippet="Published")], id="snippet-is-half-a-label"),
    pytest.param([item(snippet="Ends with 1,234")], id="snippet-ends-in-a-count"),
    pytest.param([item(title="Why is my deposit \u00e2\u20ac\u2122s late?")], id="mojibake"),
    pytest.param([item(title="\u0643\u064a\u0641 \u0623\u062a\u062d\u0642\u0642\u061f")], id="rtl"),
    pytest.param([item(title="\U0001f680 Launch \U0001f469\u200d\U0001f4bb")], id="emoji"),
    pytest.param([item(title="Null\x00byte")], id="nul"),
    pytest.param([item(), item(title="\ufeffWhy?")], id="bom-inside-text"),
    pytest.param([item(views=0), item(views=999), item(views=1000)], id="count-edges"),
    pytest.param([item(updated=date(2001, 1, 1))], id="updated-before-published"),
    pytest.param([item(published=date(1000, 1, 1), updated=date(9999, 12, 31))], id="years"),
    pytest.param([item(views=10**15)], id="huge-count"),
]


@pytest.mark.parametrize("records", ACCEPTED)
@pytest.mark.parametrize("style", ["en-GB", "en-US"])
def test_render_accepts_and_parses_back(records: list[RecordContent], style: str) -> None:
    text = render(records, style=style, verify=False)  # type: ignore[arg-type]
    assert read_back(text) == records
    assert render(records, style=style) == text  # type: ignore[arg-type]


# -- DumpMaker and the import surface ---------------------------------------------------------


def test_dump_maker_writes_records_text_and_bytes(tmp_path: Path) -> None:
    make = DumpMaker(tmp_path / "dumps")
    first = make([item()])
    named = make([item()], "nested/en-us.txt", style="en-US", newline="\r\n")
    raw = make("not a dump")
    binary = make(b"\xff\xfe")
    assert [p.name for p in make.made] == ["dump-0.txt", "en-us.txt", "dump-2.txt", "dump-3.txt"]
    assert first.read_text(encoding="utf-8") == render([item()])
    assert named.read_bytes() == render([item()], style="en-US", newline="\r\n").encode()
    assert raw.read_bytes() == b"not a dump"
    assert binary.read_bytes() == b"\xff\xfe"
    assert [content(r) for r in faqparse.parse_file(named).records] == [item()]
    with pytest.raises(TypeError, match="raw text"):
        make("text", style="en-US")


def test_faqparse_testing_needs_neither_hypothesis_nor_pytest() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        import faqparse.testing
        assert "pytest" not in sys.modules, "faqparse.testing imported pytest"
        try:
            import faqparse.testing.strategies
        except ImportError as error:
            print(error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "pip install 'faqparse[hypothesis]'" in result.stdout


def test_an_unknown_tag_is_written_where_tags_stand_and_verified_with_its_warnings() -> None:
    day = date(2023, 9, 5)
    rows = [
        RecordContent("Mark price", "Index.", day, None, 312, "FAQ"),
        RecordContent("Funding", "Fees.", day, None, None, "Trading rules"),
        RecordContent("Stops", "Wait.", day, None, 12, "Trading rules"),
        RecordContent("Last", "Cut.", day, None, 7, "FAQ"),
    ]
    text = render(rows, header=False, unknown_tags=("Trading rules",), cut=True)
    assert text == (
        "Mark price\nIndex.Published on 5 Sept 2023FAQ312"
        "Funding\nFees.Published on 5 Sept 2023Trading rules"
        "Stops\nWait.Published on 5 Sept 2023Trading rules12"
        "Last\nCut.Published on 5 Sept 2023"
    )


def test_verify_refuses_a_text_whose_warnings_differ_from_the_expected() -> None:
    day = date(2023, 9, 5)
    # One record: nothing says the page carries tags, so the cut raises nothing and the
    # record would come back with its tag; render says so rather than promise a warning.
    with pytest.raises(RenderError, match="does not raise incomplete-record"):
        render([RecordContent("A", "B.", day, None, None, "FAQ")], cut=True)
