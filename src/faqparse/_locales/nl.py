"""Dutch: ``Gepubliceerd op 16 aug 2023`` (``okt``, ``mrt``); counts ``1.056``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="nl",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Gepubliceerd op",),
    updated=("Geüpdatet op",),
    tabs=(),
    tags=(),
    months=months(
        "januari jan",
        "februari feb",
        "maart mrt mar",
        "april apr",
        "mei",
        "juni jun",
        "juli jul",
        "augustus aug",
        "september sept sep",
        "oktober okt",
        "november nov",
        "december dec",
    ),
    date_order="DMY",
    count_separators=".",
)
