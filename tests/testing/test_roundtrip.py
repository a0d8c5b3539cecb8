"""Properties of render and parse, checked with Hypothesis.

- render -> parse gives the records back, for every record list render accepts, in every
  date style and layout (header or not, LF/CRLF/CR, pages, fields left out, final newline),
  from text, from bytes and from a stream, and with nothing to report;
- parse -> render -> parse is stable, on damaged dumps too;
- the tokens of any text tile it, and parse never raises on any text or bytes;
- the page shapes of real dumps (category tags, fields on their own lines, trailers, section
  pages) render and parse back the same way.
- tags the vocabulary lacks and a tagged page cut after its last date render and parse back
  with the records and exactly the diagnostics they call for (`unknown-category` for each
  unknown tag, `incomplete-record` for the cut), from text and from a stream.

Example counts follow the Hypothesis profile (see EXAMPLES): with HYPOTHESIS_PROFILE=ci the
round trip runs 2,000 examples and the module about 18 s on 2 cores (36 s under --cov);
with the default profile about 4 s.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import faqparse
from faqparse.testing import (
    DateStyle,
    RecordContent,
    RenderableRecord,
    RenderError,
    RenderOptions,
    content,
    render,
)
from faqparse.testing.strategies import (
    DATE_STYLES,
    dump_texts,
    dumps,
    render_options,
    unknown_tag_dumps,
)

# Scaled from the profile's examples (200 by default, 1,000 under HYPOTHESIS_PROFILE=ci):
# the round trip gets 2,000 in CI, the refusal rules 500, the robustness checks 100 each.
EXAMPLES = settings().max_examples


def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])


THOROUGH = examples(2 * EXAMPLES)
RULES = examples(EXAMPLES // 2)
BROAD = examples(max(EXAMPLES // 10, 20))

NOISE = st.sampled_from(
    [
        "\n", "\r", "\r\n", "All\nFAQ\n", "FAQ", "Published on ", "Published on", "Updated on ",
        "5 Sept 2023", "Sep 5, 2023", "2023", "1", "1,2", ",", "  ", "\xa0", "\ufeff", "\x00",
        "\ufffd", "<p>", "\u00e2\u20ac\u2122", "\U0001f642", "\u202e",
    ]
)  # fmt: skip


@st.composite
def damaged_texts(draw: st.DrawFn) -> str:
    """A rendered dump, then cut short, with text put in or taken out here and there."""
    options = draw(render_options())
    text = render(draw(dumps(max_size=5, views=options["views"])), **options)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        change = draw(st.sampled_from(["cut", "insert", "delete"]))
        if change == "cut":
            text = text[:at]
        elif change == "insert":
            text = text[:at] + draw(NOISE | st.text(max_size=6)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
    return text


ANY_TEXT = st.one_of(st.text(), damaged_texts(), damaged_texts())


def expected(records: Sequence[RenderableRecord], options: RenderOptions) -> list[RecordContent]:
    """What parse gives back for records rendered with these options."""
    return [
        content(record)._replace(
            views=record.views if options.get("views", True) else None,
            updated=record.updated if options.get("updated", True) else None,
            category=content(record).category if options.get("categories", True) else None,
        )
        for record in records
    ]


@THOROUGH
@given(st.data())
def test_render_then_parse_gives_the_records_back(data: st.DataObject) -> None:
    options = data.draw(render_options(), label="options")
    records = data.draw(dumps(max_size=5, views=options["views"]), label="records")
    text = render(records, **(options | {"verify": False}))
    want = expected(records, options)

    dump = faqparse.parse(text)
    assert [content(record) for record in dump.records] == want
    codes = [diagnostic.code for diagnostic in dump.diagnostics]
    assert codes == ([] if records else ["no-records"])
    assert dump.header == (
        ("All", "FAQ", "Announcements", "Product documents") if options["header"] else ()
    )

    data_bytes = text.encode("utf-8")
    assert faqparse.parse(data_bytes).records == dump.records
    stream = faqparse.iter_records(io.BytesIO(data_bytes), source="<string>")
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)
    assert render(records, **options) == text  # verify agrees with the rules


LOOSE_TEXT = st.one_of(
    st.text(max_size=8),
    st.text(alphabet="0123456789, \n\r\xa0\ufeffAllFQpublishedUPDATEon", max_size=10),
    st.lists(
        st.sampled_from(["All", "FAQ", "Updated on", "1", ",", " ", "\n", "Why"]), max_size=4
    ).map("".join),
).map(lambda text: text.strip() if len(text) % 3 else text)
LOOSE_RECORDS = st.builds(
    RecordContent,
    title=LOOSE_TEXT,
    snippet=LOOSE_TEXT,
    published=st.dates(),
    updated=st.none() | st.dates(),
    views=st.none() | st.integers(-2, 2000) | st.sampled_from([999, 1000, 10**6]),
)


@RULES
@given(st.lists(LOOSE_RECORDS, max_size=4), render_options())
def test_render_refuses_or_the_records_come_back(
    records: list[RecordContent], options: RenderOptions
) -> None:
    """No record list render accepts fails to come back: the refusal rules are complete."""
    builtin = options["style"] in ("en-GB", "en-US")  # other styles need the verifying parse
    refused: RenderError | None = None
    try:
        text = render(records, **(options | {"verify": not builtin}))
    except RenderError as error:
        refused = error
    if refused is not None:
        assert refused.index is not None
        assert 0 <= refused.index < len(records)
        return
    dump = faqparse.parse(text)
    assert [content(record) for record in dump.records] == expected(records, options)
    assert [d.code for d in dump.diagnostics] == ([] if records else ["no-records"])


@BROAD
@given(ANY_TEXT, st.sampled_from(DATE_STYLES), st.booleans())
def test_parse_render_parse_is_stable(text: str, style: DateStyle, header: bool) -> None:
    first = faqparse.parse(text)
    try:
        rendered = render(first.records, style=style, header=header)
    except RenderError:
        return  # damage made a record render cannot write (say, a label inside a title)
    second = faqparse.parse(rendered)
    assert [content(r) for r in second.records] == [content(r) for r in first.records]
    assert render(second.records, style=style, header=header) == rendered


@BROAD
@given(dump_texts(style="en-US", header=True, own_lines=False, trailer=False))
def test_dump_texts_are_clean_dumps(text: str) -> None:
    dump = faqparse.parse(text)
    assert dump.header == ("All", "FAQ", "Announcements", "Product documents")
    assert [d.code for d in dump.diagnostics] == ([] if dump.records else ["no-records"])
    us_dates = re.findall(r"Published on [A-Z][a-z]{2} [0-9]{1,2}, [0-9]{4}", text)
    assert len(us_dates) == len(dump.records)  # the style asked for, on every record


@BROAD
@given(st.lists(st.dates(min_value=date(1000, 1, 1)), min_size=1, max_size=4))
def test_both_seed_styles_read_back_every_date(days: list[date]) -> None:
    records = [RecordContent("Title", "Snippet.", day, day, None) for day in days]
    for style in ("en-GB", "en-US"):
        text = render(records, style=style, header=False, page_size=1, verify=False)
        assert [content(r) for r in faqparse.parse(text).records] == records


@BROAD
@given(ANY_TEXT)
def test_the_tokens_tile_any_text(text: str) -> None:
    tokens = faqparse.tokenize(text)
    assert "".join(token.text for token in tokens) == text
    position = 0
    for token in tokens:
        assert token.span == (position, position + len(token.text))
        assert token.text
        position = token.span[1]
    assert position == len(text)


@BROAD
@given(ANY_TEXT)
def test_parse_never_raises_on_text(text: str) -> None:
    dump = faqparse.parse(text)
    for record in dump.records:
        assert record.title.strip() == record.title
        assert 0 <= record.span[0] < record.span[1] <= len(text)
    for diagnostic in dump.diagnostics:
        assert diagnostic.line >= 1
        assert diagnostic.column >= 1


ANY_BYTES = st.one_of(
    st.binary(),
    ANY_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary().map(lambda junk: render([]).encode() + b"\n" + junk),
)


@BROAD
@given(ANY_BYTES)
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    dump = faqparse.parse(data)
    decoded = data.decode("utf-8", "replace")
    assert all(0 <= r.span[0] < r.span[1] <= len(decoded) for r in dump.records)
    stream = faqparse.iter_records(io.BytesIO(data), source="<string>", chunk_bytes=7)
    assert list(stream) == list(dump.records)


# -- the shapes of real dumps the parser does not read yet -----------------------------------


def _round_trip(records: Sequence[RenderableRecord], options: RenderOptions) -> None:
    """Render without the verifying parse, parse, and expect exactly the records back."""
    text = render(records, **(options | {"verify": False}))
    dump = faqparse.parse(text)
    assert [content(record) for record in dump.records] == expected(records, options)
    assert [d.code for d in dump.diagnostics] == []
    assert dump.kind == options.get("kind", "search")


# Each shape: the render options it needs, and how to draw records for it.
NEW_SHAPES: dict[str, tuple[RenderOptions, dict[str, Any]]] = {
    "tags": ({"own_lines": False, "trailer": False}, {"tagged": True}),
    "own-lines": ({"own_lines": True, "views": True, "trailer": False}, {"own_lines": True}),
    "trailers": ({"trailer": True, "own_lines": False}, {}),
    "section-pages": ({"kind": "section"}, {"kind": "section"}),
}


@pytest.mark.parametrize("shape", list(NEW_SHAPES))
@RULES
@given(data=st.data())
def test_the_shapes_of_real_dumps_come_back(shape: str, data: st.DataObject) -> None:
    """Tags, titles starting with tag words and digits where they may, own lines, trailers,
    section pages: rendered, they parse back exactly, with nothing to report."""
    fixed, drawn = NEW_SHAPES[shape]
    options = data.draw(render_options(**fixed), label="options")
    records = data.draw(
        dumps(min_size=1, max_size=5, views=options["views"], **({"tagged": None} | drawn)),
        label="records",
    )
    _round_trip(records, options)


TAG_WORD_TEXT = st.sampled_from(
    ["FAQ", "FAQs", "faq", "Announcements", "Product documentation", "FAQ for P2P", "2FA", "Why"]
)


@st.composite
def loose_tagged_dumps(draw: st.DrawFn) -> list[RecordContent]:
    """Records of a tagged dump (now and then one tag missing or unknown) whose titles are
    made of tag words, digits and awkward text."""
    size = draw(st.integers(1, 4))
    tags = st.sampled_from(["FAQ", "Announcements", "Product documentation"])
    odd_tag = st.sampled_from([None, "X", "faq"])
    return [
        RecordContent(
            title=draw(st.tuples(TAG_WORD_TEXT, st.just("") | LOOSE_TEXT).map("".join)),
            snippet=draw(st.just("A snippet.") | LOOSE_TEXT),
            published=draw(st.dates(min_value=date(1000, 1, 1))),
            updated=draw(st.none() | st.dates(min_value=date(1000, 1, 1))),
            views=draw(st.none() | st.integers(0, 2000)),
            category=draw(odd_tag if draw(st.integers(0, 9)) == 0 else tags),
        )
        for _ in range(size)
    ]


@RULES
@given(loose_tagged_dumps(), render_options())
def test_render_refuses_or_the_tagged_records_come_back(
    records: list[RecordContent], options: RenderOptions
) -> None:
    """Tags next to titles made of tag words and digits: never silently different."""
    refused: RenderError | None = None
    try:
        render(records, **(options | {"verify": False}))
    except RenderError as error:
        refused = error
    if refused is not None:
        assert refused.index is not None
        assert 0 <= refused.index < len(records)
        return
    _round_trip(records, options)


# -- lines and columns -----------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")  # not UTF-8: the stream would read other text


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Where ``text[offset]`` stands, counted the slow way: every break before it."""
    breaks = list(_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    return 1 + len(breaks), offset - line_start + 1


def _positions(text: str, dump: Sequence[faqparse.Record | faqparse.Diagnostic]) -> list[Any]:
    return [(item.line, item.column, _line_and_column(text, item.span[0])) for item in dump]


@RULES
@given(ANY_TEXT.filter(lambda text: not _SURROGATE.search(text)))
def test_records_and_diagnostics_stand_where_their_text_starts(text: str) -> None:
    # The scan counts the lines of record starts as it goes, and diagnostics are placed from
    # the nearest record before them: in one pass and in a stream of tiny pieces, both must
    # give every position as counting all the breaks before it would.
    dump = faqparse.parse(text)
    for line, column, truth in _positions(text, [*dump.records, *dump.diagnostics]):
        assert (line, column) == truth
    data = text.encode("utf-8", "surrogatepass")
    stream = faqparse.iter_records(io.BytesIO(data), source="<string>", chunk_bytes=5)
    streamed = list(stream)
    for line, column, truth in _positions(text, [*streamed, *stream.diagnostics]):
        assert (line, column) == truth


# -- tags the vocabulary lacks, and a tagged page cut after its last date --------------------


@RULES
@given(
    unknown_tag_dumps(),
    render_options(own_lines=False, page_size=None, trailer=False, categories=True, views=True),
    st.booleans(),
)
def test_unknown_tags_and_a_cut_come_back_with_their_diagnostics(
    drawn: tuple[list[faqparse.Record], tuple[str]], options: RenderOptions, cut: bool
) -> None:
    records, unknown = drawn
    text = render(records, **(options | {"verify": False}), unknown_tags=unknown, cut=cut)
    want = expected(records, options)
    if cut:  # the last record lost its tag and its count
        want[-1] = want[-1]._replace(category=None, views=None)
    dump = faqparse.parse(text)
    assert [content(record) for record in dump.records] == want
    tagged = sum(record.category in unknown for record in records)
    codes = [diagnostic.code for diagnostic in dump.diagnostics]
    assert codes == ["unknown-category"] * tagged + (["incomplete-record"] if cut else [])
    for diagnostic in dump.diagnostics[:tagged]:
        assert diagnostic.text == unknown[0]
        assert repr(unknown[0]) in diagnostic.message
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="<string>", chunk_bytes=7)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)
    assert render(records, **options, unknown_tags=unknown, cut=cut) == text  # verify agrees


def test_render_refuses_an_unknown_tag_it_cannot_bring_back() -> None:
    day = date(2023, 9, 5)
    first = RecordContent("Mark price", "Index.", day, None, 312, "FAQ")
    once = RecordContent("Funding", "Fees.", day, None, None, "Trading rules")
    last = RecordContent("Stops", "Wait.", day, None, 12, "FAQ")
    with pytest.raises(RenderError, match="used once"):
        render([first, once, last], unknown_tags=("Trading rules",))
    with pytest.raises(RenderError, match="line break or the end"):
        render([first, once, once, last], unknown_tags=("Trading rules",), own_lines=True)
    with pytest.raises(RenderError, match="not a tag word"):
        render([first, once, once, last])  # not declared unknown
    text = render([first, once, once, last], unknown_tags=("Trading rules",))
    assert [r.category for r in faqparse.parse(text).records] == [
        "FAQ",
        "Trading rules",
        "Trading rules",
        "FAQ",
    ]


def test_render_cuts_only_a_tagged_page() -> None:
    day = date(2023, 9, 5)
    plain = [RecordContent("A", "B.", day, None, 3), RecordContent("C", "D.", day, None, 4)]
    with pytest.raises(RenderError, match="cut"):
        render(plain, cut=True)
    tagged = [item._replace(category="FAQ") for item in plain]
    text = render(tagged, cut=True)
    assert text.endswith("Published on 5 Sept 2023")
    dump = faqparse.parse(text)
    assert [(r.category, r.views) for r in dump.records] == [("FAQ", 3), (None, None)]
    assert [d.code for d in dump.diagnostics] == ["incomplete-record"]
