"""`render` for the page shapes of real dumps: category tags, fields on their own lines,
trailers and section pages.

The hand-written fixtures of these shapes come back byte for byte from their golden
records, which checks render against text nobody generated. What the text could not carry
unambiguously is refused; what is written reads back the same.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

import faqparse
from conftest import FIXTURES
from faqparse.testing import RecordContent, RenderError, content, render

DUMPS = FIXTURES / "dumps"
_AU_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip


def en_au(day: date) -> str:
    """The day-first style of the en-AU pages: `17 June 2022`, `5 Sept 2023`, `3 Mar 2026`."""
    return f"{day.day} {_AU_MONTHS[day.month - 1]} {day.year}"


def golden_records(case: str) -> list[RecordContent]:
    golden = json.loads((DUMPS / f"{case}.json").read_text(encoding="utf-8"))
    return [
        RecordContent(
            title=record["title"],
            snippet=record["snippet"],
            published=date.fromisoformat(record["published"]),
            updated=None if record["updated"] is None else date.fromisoformat(record["updated"]),
            views=record["views"],
            category=record.get("category"),
        )
        for record in golden["records"]
    ]


def item(title: str = "How do I reset 2FA?", **fields: Any) -> RecordContent:
    values: dict[str, Any] = {
        "snippet": "Start from the login page.",
        "published": date(2024, 3, 2),
        "updated": date(2026, 2, 3),
        "views": 12,
        "category": "FAQ",
    }
    return RecordContent(title=title, **(values | fields))


US = {"style": "en-US"}
WRITTEN_BACK = [
    pytest.param("tags/tag_with_count", US, id="tags-with-counts"),
    pytest.param("tags/tag_without_count", US | {"final_newline": True}, id="tags-no-counts"),
    pytest.param("tags/all_three_tags", {"style": en_au}, id="tags-all-three"),
    pytest.param("tags/tag_then_digit_title", US, id="tags-then-digit-titles"),
    pytest.param(
        "tags/crlf_final_newline",
        US | {"newline": "\r\n", "final_newline": True},
        id="tags-crlf",
    ),
    pytest.param("tag-words/tagged_titles_start_with_tag_words", US, id="tag-words-tagged"),
    pytest.param("tag-words/untagged_titles_start_with_tag_words", US, id="tag-words-untagged"),
    pytest.param("tag-words/tagged_title_starts_with_sign", US, id="tag-then-sign"),
    pytest.param(
        "own-lines/tag_count_on_own_line", US | {"header": False, "own_lines": True}, id="own"
    ),
    pytest.param("trailer/last_line", US | {"trailer": True}, id="trailer"),
    pytest.param(
        "trailer/tagged_final_newline",
        US | {"trailer": True, "final_newline": True},
        id="trailer-tagged",
    ),
    pytest.param(
        "trailer/between_pages", US | {"trailer": True, "page_size": 1}, id="trailer-pages"
    ),
    pytest.param("section/basic", US | {"kind": "section"}, id="section"),
    pytest.param(
        "section/digit_and_tag_word_titles",
        US | {"kind": "section", "final_newline": True},
        id="section-digit-titles",
    ),
    pytest.param(
        "section/crlf",
        US | {"kind": "section", "newline": "\r\n", "final_newline": True},
        id="section-crlf",
    ),
    pytest.param("repeated/twice_count_on_first", US, id="repeated"),
    pytest.param("repeated/twice_tagged", US, id="repeated-tagged"),
    pytest.param("repeated/three_times_apart", US | {"header": False}, id="repeated-apart"),
    pytest.param("repeated/same_title_other_snippet", {"style": en_au}, id="same-title"),
]


@pytest.mark.parametrize(("case", "options"), WRITTEN_BACK)
def test_a_hand_written_fixture_comes_back_from_its_golden(
    case: str, options: dict[str, Any]
) -> None:
    text = render(golden_records(case), verify=False, **options)
    assert text.encode("utf-8") == (DUMPS / f"{case}.txt").read_bytes()


@pytest.mark.parametrize(("case", "options"), WRITTEN_BACK)
def test_a_rendered_fixture_verifies(case: str, options: dict[str, Any]) -> None:
    text = render(golden_records(case), verify=True, **options)
    assert text.encode("utf-8") == (DUMPS / f"{case}.txt").read_bytes()


# -- the shapes, one option at a time ---------------------------------------------------------


def test_a_tag_stands_between_the_dates_and_the_count() -> None:
    records = [item(), item("Listing of ABC", views=None, category="Announcements")]
    text = render(records, header=False, style="en-US", verify=False)
    assert text == (
        "How do I reset 2FA?\nStart from the login page.Published on Mar 2, 2024Updated on"
        " Feb 3, 2026FAQ12Listing of ABC\nStart from the login page.Published on Mar 2, 2024"
        "Updated on Feb 3, 2026Announcements"
    )


def test_tags_can_be_left_out() -> None:
    text = render([item(), item("Other")], header=False, categories=False, verify=False)
    assert "FAQ" not in text
    assert [content(r).category for r in faqparse.parse(text).records] == [None, None]


def test_fields_on_their_own_lines() -> None:
    records = [item(views=1017), item("Next", views=None), item("Last", category="FAQ")]
    text = render(records, header=False, own_lines=True, style="en-US", verify=False)
    assert text.split("\n") == [
        "How do I reset 2FA?",
        "Start from the login page.",
        "Published on Mar 2, 2024Updated on Feb 3, 2026FAQ",
        "1,017",
        "Next",
        "Start from the login page.",
        "Published on Mar 2, 2024Updated on Feb 3, 2026FAQ",
        "Last",
        "Start from the login page.",
        "Published on Mar 2, 2024Updated on Feb 3, 2026FAQ",
        "12",
    ]


def test_a_trailer_ends_each_page() -> None:
    records = [item(str(n) + " tips" if n else "Tips", views=1000 + n) for n in range(3)]
    text = render(records, page_size=2, trailer=True, final_newline=True, verify=False)
    lines = text.split("\n")
    assert [line for line in lines if line.startswith("Showing")] == [
        "Showing 1-2 of 3 articles",
        "Showing 3-3 of 3 articles",
    ]
    assert lines[-2:] == ["Showing 3-3 of 3 articles", ""]


def test_no_trailer_without_records() -> None:
    assert render([], trailer=True, header=False) == ""


def test_a_section_page() -> None:
    records = [
        item(snippet="", category=None, views=None),
        item("2FA", snippet="", views=3_555, category=None),
    ]
    text = render(records, kind="section", style="en-US", verify=False)
    assert text == (
        "- How do I reset 2FA?Published on Mar 2, 2024Updated on Feb 3, 2026\n"
        "- 2FAPublished on Mar 2, 2024Updated on Feb 3, 20263,555"
    )
    assert render([], kind="section") == ""


# -- what render refuses -----------------------------------------------------------------------

REFUSED = [
    pytest.param([item(category="Tips")], {}, 0, "not a tag word", id="unknown-tag"),
    pytest.param([item(category="faq")], {}, 0, "not a tag word", id="tag-in-another-case"),
    pytest.param(
        [item(), item(category=None)], {}, 1, "all carry a category tag or none", id="mixed"
    ),
    pytest.param(
        [item(category=None), item()], {}, 1, "all carry a category tag or none", id="mixed-2"
    ),
    pytest.param(
        [item(views=None), item("how to reset 2FA")],
        {},
        1,
        "part of the tag word",
        id="lower-case-title-after-tag",
    ),
    pytest.param(
        [item(views=None), item("\u4e2d\u6587 title")],
        {},
        1,
        "part of the tag word",
        id="uncased-letter-after-tag",
    ),
    pytest.param(
        [item(views=None), item("2FA reset")], {}, 1, "read as its views", id="digit-after-tag"
    ),
    pytest.param(
        [item(views=130), item("2FA reset")], {}, 1, "undecidable", id="digit-after-short-count"
    ),
    pytest.param(
        [item(views=1234), item("how?")], {"views": False}, 1, "part of the tag word", id="no-views"
    ),
    pytest.param(
        [item(category=None, views=None), item("FAQ2 things to know", category=None)],
        {},
        1,
        "read as the previous record's category",
        id="tag-word-and-digit-after-date",
    ),
    pytest.param(
        [item(category=None, views=None), item("AnnouncementsHub", category=None)],
        {},
        1,
        "read as the previous record's category",
        id="tag-word-and-capital-after-date",
    ),
    pytest.param(
        [item(category=None, views=None), item("Product documentation", category=None)],
        {},
        1,
        "is a category tag",
        id="title-is-a-tag-word",
    ),
    pytest.param(
        [item(title="Showing 1-3 of 3 articles")], {}, 0, "pagination", id="trailer-title"
    ),
    pytest.param(
        [item(snippet="Done.\nShowing 1-10 of 1,017 articles\nMore.")],
        {},
        0,
        "pagination",
        id="trailer-in-snippet",
    ),
    pytest.param([item(title="1,017")], {"own_lines": True}, 0, "view count", id="count-title"),
    pytest.param(
        [item(snippet="Steps:\nAll\nFAQ")],
        {"own_lines": True},
        0,
        "header of a new page",
        id="tab-lines-end-snippet-on-own-line",
    ),
    pytest.param([item(category=None)], {"kind": "section"}, 0, "no snippets", id="snippet"),
    pytest.param([item(snippet="")], {"kind": "section"}, 0, "no category", id="section-tag"),
]


@pytest.mark.parametrize(("records", "options", "index", "reason"), REFUSED)
def test_render_refuses(
    records: list[RecordContent], options: dict[str, Any], index: int, reason: str
) -> None:
    with pytest.raises(RenderError, match=reason) as caught:
        render(records, verify=False, **options)
    assert caught.value.index == index


@pytest.mark.parametrize(
    "options",
    [
        {"kind": "section", "header": True},
        {"kind": "section", "page_size": 2},
        {"kind": "section", "trailer": True},
        {"kind": "forum"},
    ],
    ids=["section-header", "section-pages", "section-trailer", "unknown-kind"],
)
def test_options_that_do_not_go_together(options: dict[str, Any]) -> None:
    with pytest.raises(RenderError, match=r"section page is one list|kind must be") as caught:
        render([item(snippet="", category=None)], **options)
    assert caught.value.index is None


def test_the_undecidable_fixtures_are_refused() -> None:
    with pytest.raises(RenderError, match="undecidable"):
        render(golden_records("tags/tag_then_digit_title_short_count"), verify=False)
    with pytest.raises(RenderError, match="all carry a category tag or none"):
        render(golden_records("tag-words/tagged_undecidable"), verify=False)
    # The parser reads this one by the dump's evidence; render only writes what needs none.
    with pytest.raises(RenderError, match="read as the previous record's category") as caught:
        render(golden_records("tag-words/untagged_title_tag_word_and_sign"), verify=False)
    assert caught.value.index == 2


def test_records_without_a_category_attribute_render_untagged() -> None:
    class Plain:
        title = "Plain object"
        snippet = "Any object with the five attributes renders."
        published = date(2020, 2, 29)
        updated = None
        views = 3

    assert content(Plain()).category is None
    assert "Published on 29 Feb 20203" in render([Plain()])


# -- and what parses back ---------------------------------------------------------------------

ROUND_TRIPS = [
    pytest.param([item(), item("FAQ for P2P merchants", views=None), item("Why?")], {}, id="tags"),
    pytest.param([item(views=2_000), item("24/7 help")], {}, id="tag-count-digit"),
    pytest.param([item(), item("Next", views=1_017)], {"own_lines": True}, id="own-lines"),
    pytest.param([item(), item("Next")], {"trailer": True}, id="trailer"),
    pytest.param(
        [item(snippet="", category=None), item("2FA", snippet="", category=None)],
        {"kind": "section"},
        id="section",
    ),
]


@pytest.mark.parametrize(("records", "options"), ROUND_TRIPS)
def test_what_render_writes_parses_back(
    records: list[RecordContent], options: dict[str, Any]
) -> None:
    text = render(records, verify=False, **options)
    dump = faqparse.parse(text)
    assert [content(r) for r in dump.records] == records
    assert [d.code for d in dump.diagnostics] == []
    assert dump.kind == options.get("kind", "search")
