"""Spanish (es-419, es-es): ``Publicado el 6 sept 2023`` (no dots); counts ``23,088``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="es",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Publicado el",),
    updated=("Actualizado el",),
    tabs=(),
    tags=(),
    months=months(
        "enero ene",
        "febrero feb",
        "marzo mar",
        "abril abr",
        "mayo may",
        "junio jun",
        "julio jul",
        "agosto ago",
        "septiembre setiembre sept sep set",
        "octubre oct",
        "noviembre nov",
        "diciembre dic",
    ),
    date_forms=("{day} de {month} de {year}",),
    date_order="DMY",
    count_separators=",",
)
