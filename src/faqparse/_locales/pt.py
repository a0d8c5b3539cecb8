"""European Portuguese: ``Publicado a 17/05/2023`` (day first); ``2871`` has no separator."""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="pt",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicado a",),
    updated=("Atualizado a",),
    tabs=("Tudo", "Perguntas frequentes", "Comunicados", "Documentos do produto"),
    # The announcements tag is the English word on these pages.
    tags=("Perguntas frequentes", "Announcement", "Comunicados"),
    months=months(
        "janeiro jan",
        "fevereiro fev",
        "março mar",
        "abril abr",
        "maio mai",
        "junho jun",
        "julho jul",
        "agosto ago",
        "setembro set",
        "outubro out",
        "novembro nov",
        "dezembro dez",
    ),
    date_forms=("{day}/{mm}/{year}", "{day} de {month} de {year}"),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
    ungrouped_digits=4,
)
