"""Turkish: ``Yayımlama Zamanı: 5 May 2023`` (``Nis``, ``Kas``, ``Haz``); counts dot-grouped.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="tr",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Yayımlama Zamanı:",),
    updated=("Güncelleme Zamanı:",),
    tabs=(),
    tags=(),
    months=months(
        "ocak oca",
        "şubat şub",
        "mart mar",
        "nisan nis",
        "mayıs may",
        "haziran haz",
        "temmuz tem",
        "ağustos ağu",
        "eylül eyl",
        "ekim eki",
        "kasım kas",
        "aralık ara",
    ),
    date_order="DMY",
    count_separators=".",
)
