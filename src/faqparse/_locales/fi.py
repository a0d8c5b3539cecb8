"""Finnish: ``Julkaistu 23.2.2026``; counts space-grouped (``12 213``)."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="fi",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Julkaistu",),
    updated=("Päivitetty",),
    tabs=("Kaikki", "Usein kysytyt kysymykset", "Ilmoitukset", "Tuoteasiakirjat"),
    tags=("Usein kysytyt kysymykset", "Ilmoitukset"),
    months=months(
        "tammikuuta tammikuu tammik",
        "helmikuuta helmikuu helmik",
        "maaliskuuta maaliskuu maalisk",
        "huhtikuuta huhtikuu huhtik",
        "toukokuuta toukokuu toukok",
        "kesäkuuta kesäkuu kesäk",
        "heinäkuuta heinäkuu heinäk",
        "elokuuta elokuu elok",
        "syyskuuta syyskuu syysk",
        "lokakuuta lokakuu lokak",
        "marraskuuta marraskuu marrask",
        "joulukuuta joulukuu jouluk",
    ),
    date_forms=("{day}.{mm}.{year}", "{day}. {month} {year}"),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
