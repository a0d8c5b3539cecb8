"""Brazilian Portuguese: ``Publicado em 30 de jun. de 2022``; counts ``147.473``."""

from .pt import VOCABULARY as EUROPEAN
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="pt-br",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicado em",),
    updated=("Atualizado em",),
    tabs=("Tudo", "Perguntas frequentes", "Avisos", "Documentos do produto"),
    # The product tag is not the tab name (``Documentos do produto``).
    tags=("Perguntas frequentes", "Avisos", "Documentação do produto"),
    months=EUROPEAN.months,  # the same month names and abbreviations
    date_forms=("{day} de {month} de {year}", "{day}/{mm}/{year}"),
    date_order="DMY",
    count_separators=".",
)
