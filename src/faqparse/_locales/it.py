"""Italian: ``Data di pubblicazione: 16 ago 2023``; counts ``1.040``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="it",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Data di pubblicazione:", "Data di pubblicazione :"),
    updated=("Data di aggiornamento:", "Data di aggiornamento :"),
    tabs=(),
    tags=(),
    months=months(
        "gennaio gen",
        "febbraio feb",
        "marzo mar",
        "aprile apr",
        "maggio mag",
        "giugno giu",
        "luglio lug",
        "agosto ago",
        "settembre set",
        "ottobre ott",
        "novembre nov",
        "dicembre dic",
    ),
    date_order="DMY",
    count_separators=".",
)
