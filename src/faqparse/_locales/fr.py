"""French: ``Date de publication : 28 mars 2023``, ``21 févr. 2023``; counts space-grouped."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="fr",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Date de publication :", "Date de publication:"),
    updated=("Date de mise à jour :", "Date de mise à jour:"),
    tabs=("Tout", "FAQ", "Annonces", "Documentation de produit"),
    tags=("Annonces", "FAQ", "Documentation produit"),
    months=months(
        "janvier janv",
        "février févr",
        "mars",
        "avril avr",
        "mai",
        "juin",
        "juillet juil",
        "août",
        "septembre sept",
        "octobre oct",
        "novembre nov",
        "décembre déc",
    ),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
