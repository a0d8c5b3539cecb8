"""Romanian: ``Publicat la 22 aug. 2023`` (``sept.``, but ``mai``); counts ``9.387``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="ro",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicat la",),
    updated=("Actualizat la",),
    tabs=(),
    tags=(),
    months=months(
        "ianuarie ian",
        "februarie feb",
        "martie mar",
        "aprilie apr",
        "mai",
        "iunie iun",
        "iulie iul",
        "august aug",
        "septembrie sept sep",
        "octombrie oct",
        "noiembrie nov noi",
        "decembrie dec",
    ),
    date_order="DMY",
    count_separators=".",
)
