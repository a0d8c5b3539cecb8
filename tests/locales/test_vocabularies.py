"""The built-in vocabularies: their words, their dates and counts, and detection.

The strings are the label words and date forms of real help-center pages in each locale (facts,
not page text): the date each shows, written the way that locale's pages write it.
"""

from __future__ import annotations

import io
from datetime import date

import pytest

import faqparse
from faqparse._scan.dates import DateReader
from faqparse._scan.grammar import grammar_for
from faqparse.testing import RecordContent, content, render

V = faqparse.VOCABULARIES

DATES = [
    ("zh-hant", "2024年6月7日", date(2024, 6, 7)),
    ("zh-hans", "2025年4月10日", date(2025, 4, 10)),
    ("sv", "30 jan. 2026", date(2026, 1, 30)),
    ("sv", "10 mars 2026", date(2026, 3, 10)),
    ("sv", "17 juni 2022", date(2022, 6, 17)),
    ("sv", "27 sep. 2025", date(2025, 9, 27)),
    ("nb", "16. aug. 2023", date(2023, 8, 16)),
    ("nb", "4. mars 2026", date(2026, 3, 4)),
    ("pt", "17/05/2023", date(2023, 5, 17)),
    ("pt", "8/09/2025", date(2025, 9, 8)),
    ("pt", "6/03/2026", date(2026, 3, 6)),
    ("pt-br", "30 de jun. de 2022", date(2022, 6, 30)),
    ("pt-br", "12 de fev. de 2026", date(2026, 2, 12)),
    ("fr", "28 mars 2023", date(2023, 3, 28)),
    ("fr", "21 févr. 2023", date(2023, 2, 21)),
    ("fr", "28 janv. 2026", date(2026, 1, 28)),
    ("fr", "6 juil. 2023", date(2023, 7, 6)),
    ("ar", "6 نوفمبر 2023", date(2023, 11, 6)),
    ("ar", "3 مارس 2026", date(2026, 3, 3)),
    ("fi", "23.2.2026", date(2026, 2, 23)),
    ("fi", "9.10.2023", date(2023, 10, 9)),
    ("cs", "4. 5. 2023", date(2023, 5, 4)),
    ("cs", "17. 11. 2025", date(2025, 11, 17)),
    ("de", "6. Sept. 2023", date(2023, 9, 6)),
    ("de", "28. Apr. 2023", date(2023, 4, 28)),
    ("de", "12. Mai 2024", date(2024, 5, 12)),
    ("es", "6 sept 2023", date(2023, 9, 6)),
    ("es", "23 may 2025", date(2025, 5, 23)),
    ("es", "10 dic 2024", date(2024, 12, 10)),
    ("it", "16 ago 2023", date(2023, 8, 16)),
    ("it", "21 giu 2023", date(2023, 6, 21)),
    ("vi", "22 thg 8, 2023", date(2023, 8, 22)),
    ("vi", "6 thg 7, 2023", date(2023, 7, 6)),
    ("ru", "6 сент. 2023 г.", date(2023, 9, 6)),
    ("ru", "1 нояб. 2023 г.", date(2023, 11, 1)),
    ("tr", "5 May 2023", date(2023, 5, 5)),
    ("tr", "3 Nis 2024", date(2024, 4, 3)),
    ("tr", "9 Kas 2025", date(2025, 11, 9)),
    ("tr", "17 Ağu 2023", date(2023, 8, 17)),
    ("uk", "22 серп. 2023 р.", date(2023, 8, 22)),
    ("pl", "22 sie 2023", date(2023, 8, 22)),
    ("pl", "5 wrz 2023", date(2023, 9, 5)),
    ("pl", "5 maj 2023", date(2023, 5, 5)),
    ("pl", "12 kwi 2024", date(2024, 4, 12)),
    ("nl", "16 aug 2023", date(2023, 8, 16)),
    ("nl", "3 okt 2024", date(2024, 10, 3)),
    ("ro", "22 aug. 2023", date(2023, 8, 22)),
    ("ro", "6 sept. 2023", date(2023, 9, 6)),
    ("ro", "2 mai 2024", date(2024, 5, 2)),
    ("id", "10 Agu 2023", date(2023, 8, 10)),
    ("id", "4 Okt 2024", date(2024, 10, 4)),
    ("en", "5 Sept 2023", date(2023, 9, 5)),
    ("en", "Sep 5, 2023", date(2023, 9, 5)),
]


@pytest.mark.parametrize(("locale", "text", "expected"), DATES)
def test_each_locale_reads_its_own_dates(locale: str, text: str, expected: date) -> None:
    assert DateReader(V[locale]).read(text) == expected


@pytest.mark.parametrize(("locale", "text", "expected"), DATES)
def test_the_grammar_finds_the_whole_date(locale: str, text: str, expected: date) -> None:
    grammar = grammar_for(V[locale])
    found = grammar.fast_date.match(text + "Xyz")
    assert found is not None
    assert found.group() == text


def test_numeric_dates_follow_the_locale_order_and_stay_ambiguous_in_english() -> None:
    assert DateReader(V["pt"]).read("5/09/2023") == date(2023, 9, 5)
    assert DateReader(V["en"]).read("5/09/2023") is None
    assert "day-first and month-first" in DateReader(V["en"]).why_unreadable("5/09/2023")
    assert "day-first" not in DateReader(V["pt"]).why_unreadable("31/31/2023")


@pytest.mark.parametrize(
    ("locale", "text", "views"),
    [
        ("nb", "4 225", 4225),
        ("nb", "4\u00a0225", 4225),
        ("fr", "12\u202f027", 12027),
        ("ru", "12 027", 12027),
        ("pt-br", "147.473", 147473),
        ("zh-hant", "1,226", 1226),
        ("ar", "2,383", 2383),
        ("pt", "2871", 2871),
        ("en", "11,580", 11580),
    ],
)
def test_counts_are_grouped_by_the_locale_separators(locale: str, text: str, views: int) -> None:
    found = grammar_for(V[locale]).count.match(text + "OKX")
    assert found is not None
    assert found.group() == text
    assert int("".join(c for c in found.group() if c.isdigit())) == views


def test_every_vocabulary_knows_its_own_tag() -> None:
    assert all(tag == vocabulary.locale for tag, vocabulary in V.items())
    assert next(iter(V)) == "en"
    assert V["en"] is faqparse.ENGLISH


# Category tags as real search pages of each locale print them after a record's dates. The
# product tags are not the tab names (`Documentação do produto`, tab `Documentos do produto`).
TAGS = [
    ("en", "Product documentation"),
    ("sv", "Produktdokumentation"),
    ("fr", "Documentation produit"),
    ("pt", "Announcement"),
    ("pt-br", "Documentação do produto"),
    ("pt-br", "Avisos"),
    ("cs", "Oznámení"),
    ("nb", "Kunngjøringer"),
    ("fi", "Ilmoitukset"),
    ("ar", "الإعلانات"),
    ("zh-hant", "產品文檔"),
]


@pytest.mark.parametrize(("locale", "tag"), TAGS)
def test_each_locale_reads_the_tags_its_pages_print(locale: str, tag: str) -> None:
    records = [
        RecordContent("Otsikko yksi", "Teksti.", date(2024, 3, 5), date(2025, 1, 7), None, tag),
        RecordContent("Otsikko kaksi", "Teksti.", date(2023, 9, 6), None, 12, tag),
        RecordContent("Otsikko kolme", "Teksti.", date(2022, 2, 8), None, None, tag),
    ]
    dump = faqparse.parse(render(records, vocabulary=V[locale]))
    assert dump.locale == locale
    assert [content(r) for r in dump.records] == records
    assert dump.diagnostics == ()


HEADERS = {
    "zh-hant": "全部\n常見問題\n公告\n產品文檔\n",
    "zh-hans": "全部\n常见问题\n公告\n产品文档\n",
    "sv": "Alla\nVanliga frågor\nTillkännagivanden\nProduktdokument\n",
    "nb": "Alle\nVanlige spørsmål\nKunngjøringer\nProduktdokumenter\n",
    "pt": "Tudo\nPerguntas frequentes\nComunicados\nDocumentos do produto\n",
    "pt-br": "Tudo\nPerguntas frequentes\nAvisos\nDocumentos do produto\n",
    "fr": "Tout\nFAQ\nAnnonces\nDocumentation de produit\n",
    "ar": "الكل\nالأسئلة الشائعة\nالإعلامات\nمستندات المنتجات\n",
    "fi": "Kaikki\nUsein kysytyt kysymykset\nIlmoitukset\nTuoteasiakirjat\n",
    "cs": "Vše\nNejčastější dotazy\nOznámení\nDokumenty k produktům\n",
    "en": "All\nFAQ\nAnnouncements\nProduct documents\n",
}


@pytest.mark.parametrize("locale", sorted(HEADERS))
def test_the_header_names_the_locale(locale: str) -> None:
    detected = faqparse.detect(HEADERS[locale] + "A title\nA snippet")
    assert detected is not None
    assert detected.locale == locale


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("de", "Text.Veröffentlicht am 6. Sept. 2023Aktualisiert am 7. Sept. 2023"),
        ("es", "Texto.Publicado el 6 sept 2023"),
        ("pt", "Texto.Publicado a 17/05/2023"),
        ("pt-br", "Texto.Publicado em 30 de jun. de 2022"),
        ("ru", "Текст.Опубликовано 6 сент. 2023 г."),
        ("uk", "Текст.Опубліковано 22 серп. 2023 р."),
        ("vi", "Văn bản.Phát hành vào 22 thg 8, 2023"),
        ("it", "Testo.Data di pubblicazione: 16 ago 2023"),
        ("tr", "Metin.Yayımlama Zamanı: 5 May 2023"),
        ("pl", "Tekst.Opublikowano 22 sie 2023"),
        ("nl", "Tekst.Gepubliceerd op 16 aug 2023"),
        ("ro", "Text.Publicat la 22 aug. 2023"),
        ("id", "Teks.Dipublikasikan Pada 10 Agu 2023"),
        ("en", "Text.Published on 5 Sept 2023"),
    ],
)
def test_without_a_header_the_labels_name_the_locale(locale: str, line: str) -> None:
    detected = faqparse.detect("A title\n" + line)
    assert detected is not None
    assert detected.locale == locale


def test_text_in_no_known_locale_has_none() -> None:
    assert faqparse.detect("Tytuł\nżadnych etykiet tutaj") is None
    assert faqparse.detect("") is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("months", (("1月", 1),)),
        ("months", (("jan", 13),)),
        ("date_forms", ("{day}/{year}",)),
        ("date_forms", ("{day}/{mm}/{year}/{hour}",)),
        ("date_order", "DYM"),
        ("count_separators", "0"),
        ("ungrouped_digits", 5),
    ],
)
def test_a_bad_vocabulary_entry_is_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        faqparse.Vocabulary(**{field: value})  # type: ignore[arg-type]


def test_a_month_given_with_its_dot_is_the_same_month() -> None:
    vocabulary = faqparse.Vocabulary(months=(("févr.", 2),), locale="x")
    assert vocabulary.months == (("févr", 2),)


@pytest.mark.parametrize("locale", ["de", "nb", "ru", "zh-hant"])
def test_a_stream_detects_the_locale_from_its_first_chunks(locale: str) -> None:
    records = [
        RecordContent(f"Otsikko {n}", "Teksti.", date(2024, 1 + n % 12, 1 + n % 28), None, n)
        for n in range(1, 600)
    ]
    text = render(records, vocabulary=V[locale])
    assert len(text) > 4 * 4096  # detection happens before the end of the input
    dump = faqparse.parse(text)
    stream = faqparse.iter_records(io.BytesIO(text.encode()), chunk_bytes=100)
    assert [content(r) for r in stream] == [content(r) for r in dump.records] == records
    assert stream.locale == dump.locale == locale


def test_the_trailer_words_are_the_vocabularys() -> None:
    swedish = faqparse.Vocabulary(
        locale="sv-test",
        published=("Publicerad den",),
        updated=("Uppdaterad den",),
        tabs=("Alla",),
        tags=(),
        date_order="DMY",
        trailers=("Visar {first}-{last} av {total} artiklar",),
    )
    text = (
        "Hur?\nSå här.Publicerad den 2023-08-22Uppdaterad den 2024-01-05 12\n"
        "Visar 1–1 av 1 artiklar\n"
    )
    dump = faqparse.parse(text, vocabulary=swedish)
    assert [(r.title, r.views) for r in dump.records] == [("Hur?", 12)]
    assert dump.diagnostics == ()
    # The English line is no trailer in a vocabulary without it: a record cut off, reported.
    english = text.replace("Visar 1–1 av 1 artiklar", "Showing 1-1 of 1 articles")
    cut = faqparse.parse(english, vocabulary=swedish)
    assert [d.code for d in cut.diagnostics] == ["incomplete-record"]


def test_only_english_has_trailers_until_pages_show_others() -> None:
    with_trailers = {tag for tag, v in faqparse.VOCABULARIES.items() if v.trailers}
    assert with_trailers == {"en"}
    with pytest.raises(faqparse.testing.RenderError, match="no pagination line"):
        render(
            [content(faqparse.parse("Hur?\nSå.Publicerad den 30 jan. 2026").records[0])],
            vocabulary=faqparse.VOCABULARIES["sv"],
            trailer=True,
        )


@pytest.mark.parametrize(
    "trailers",
    [("Showing {first} of {total}",), ("Showing {first}-{last} of {total} {pages}",), ("",)],
)
def test_a_bad_trailer_is_refused(trailers: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match=r"trailer|blank"):
        faqparse.Vocabulary(trailers=trailers)
