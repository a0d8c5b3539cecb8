"""Polish: ``Opublikowano 22 sie 2023`` (``wrz``); counts space-grouped.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="pl",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Opublikowano",),
    updated=("Zaktualizowano",),
    tabs=(),
    tags=(),
    months=months(
        "stycznia styczeń sty",
        "lutego luty lut",
        "marca marzec mar",
        "kwietnia kwiecień kwi",
        "maja maj",
        "czerwca czerwiec cze",
        "lipca lipiec lip",
        "sierpnia sierpień sie",
        "września wrzesień wrz",
        "października październik paź",
        "listopada listopad lis",
        "grudnia grudzień gru",
    ),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
