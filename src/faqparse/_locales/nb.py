"""Norwegian Bokmål: ``Publisert 16. aug. 2023``, ``4. mars 2026``; counts ``4 225``."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="nb",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publisert",),
    updated=("Oppdatert",),
    tabs=("Alle", "Vanlige spørsmål", "Kunngjøringer", "Produktdokumenter"),
    tags=("Vanlige spørsmål", "Kunngjøringer"),
    months=months(
        "januar jan",
        "februar feb",
        "mars mar",
        "april apr",
        "mai",
        "juni jun",
        "juli jul",
        "august aug",
        "september sept sep",
        "oktober okt",
        "november nov",
        "desember des",
    ),
    date_forms=("{day}. {month} {year}",),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
