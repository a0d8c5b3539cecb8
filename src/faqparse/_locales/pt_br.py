"""Brazilian Portuguese: ``Publicado em 30 de jun. de 2022``; counts ``147.473``."""

from .._vocabulary import Vocabulary
from ._table import months

VOCABULARY = Vocabulary(
    locale="pt-br",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicado em",),
    updated=("Atualizado em",),
    tabs=("Tudo", "Perguntas frequentes", "Avisos", "Documentos do produto"),
    tags=("Perguntas frequentes", "Avisos"),
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
    date_forms=("{day} de {month} de {year}", "{day}/{mm}/{year}"),
    date_order="DMY",
    count_separators=".",
)
