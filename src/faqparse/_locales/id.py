"""Indonesian: ``Dipublikasikan Pada 10 Agu 2023`` (``Okt``); counts dot-grouped.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="id",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Dipublikasikan Pada",),
    updated=("Diperbarui Pada",),
    tabs=(),
    tags=(),
    months=months(
        "januari jan",
        "februari feb",
        "maret mar",
        "april apr",
        "mei",
        "juni jun",
        "juli jul",
        "agustus agu",
        "september sep",
        "oktober okt",
        "november nov",
        "desember des",
    ),
    date_order="DMY",
    count_separators=".",
)
