"""render -> parse gives the records back in every built-in locale, with no locale given.

The records are the same ones the English round trip draws (`faqparse.testing.strategies`);
they are written with each vocabulary's labels, tab names, date form and count separator,
and parsed back with detection alone.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import faqparse
from faqparse.testing import RecordContent, RenderError, content, render
from faqparse.testing.strategies import dumps

LOCALES = sorted(faqparse.VOCABULARIES)


@settings(
    max_examples=max(settings().max_examples, 200),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(LOCALES),
    dumps(min_size=1, max_size=4),
    st.booleans(),
    st.sampled_from(["\n", "\r\n"]),
)
def test_render_then_parse_in_every_locale(
    locale: str, records: list[faqparse.Record], header: bool, newline: str
) -> None:
    vocabulary = faqparse.VOCABULARIES[locale]
    # The drawn text quotes the English labels on purpose (to test English dumps); in another
    # locale a quoted English label followed by a date is a second language in the dump.
    assume(
        locale == "en"
        or not any(
            "published" in (r.title + r.snippet).casefold()
            or "updated" in (r.title + r.snippet).casefold()
            for r in records
        )
    )
    try:
        text = render(records, vocabulary=vocabulary, header=header, newline=newline)
    except RenderError:
        assume(False)  # a record this locale's text cannot carry (say, a title that is a tab)
        return
    dump = faqparse.parse(text)
    assert dump.locale == locale
    assert [content(record) for record in dump.records] == [content(r) for r in records]
    assert [d.code for d in dump.diagnostics] == []


def test_every_locale_round_trips_a_plain_record() -> None:
    records = [
        RecordContent("Kysymys", "Vastaus.", date(2023, 9, 5), date(2026, 3, 1), 12_345),
        RecordContent("Toinen", "Teksti.", date(2024, 12, 31), None, 7),
        RecordContent("Kolmas", "Loppu.", date(2022, 1, 2), None, None),
    ]
    for locale, vocabulary in faqparse.VOCABULARIES.items():
        text = render(records, vocabulary=vocabulary)
        dump = faqparse.parse(text)
        assert dump.locale == locale, text
        assert [content(r) for r in dump.records] == records, locale
