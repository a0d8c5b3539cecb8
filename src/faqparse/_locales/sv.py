"""Swedish: ``Publicerad den 30 jan. 2026``, ``10 mars 2026``; counts space-grouped."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="sv",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicerad den",),
    updated=("Uppdaterad den",),
    tabs=("Alla", "Vanliga frågor", "Tillkännagivanden", "Produktdokument"),
    tags=("Vanliga frågor", "Tillkännagivanden", "Produktdokumentation"),
    months=months(
        "januari jan",
        "februari feb",
        "mars mar",
        "april apr",
        "maj",
        "juni jun",
        "juli jul",
        "augusti aug",
        "september sept sep",
        "oktober okt",
        "november nov",
        "december dec",
    ),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
