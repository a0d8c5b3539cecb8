"""Czech: ``Publikováno dne 4. 5. 2023``; counts space-grouped."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="cs",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publikováno dne",),
    updated=("Aktualizováno dne",),
    tabs=("Vše", "Nejčastější dotazy", "Oznámení", "Dokumenty k produktům"),
    tags=("Oznámení", "Nejčastější dotazy"),
    months=months(
        "ledna leden led",
        "února únor úno",
        "března březen bře",
        "dubna duben dub",
        "května květen kvě",
        "června červen čvn",
        "července červenec čvc",
        "srpna srpen srp",
        "září zář",
        "října říjen říj",
        "listopadu listopad lis",
        "prosince prosinec pro",
    ),
    date_forms=("{day}. {mm}. {year}", "{day}.{mm}.{year}", "{day}. {month} {year}"),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
