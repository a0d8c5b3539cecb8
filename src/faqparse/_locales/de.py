"""German: ``Veröffentlicht am 6. Sept. 2023`` (``Sept.``, ``Aug.``, but ``Mai``, ``Juni``).

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="de",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Veröffentlicht am",),
    updated=("Aktualisiert am",),
    tabs=(),
    tags=(),
    months=months(
        "januar jan jänner jän",
        "februar feb",
        "märz mär mrz",
        "april apr",
        "mai",
        "juni jun",
        "juli jul",
        "august aug",
        "september sept sep",
        "oktober okt",
        "november nov",
        "dezember dez",
    ),
    date_forms=("{day}. {month} {year}", "{day}.{mm}.{year}"),
    date_order="DMY",
    count_separators=".",
)
