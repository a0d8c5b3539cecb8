"""Russian: ``Опубликовано 6 сент. 2023 г.`` (genitive months, ``нояб.``); counts ``12 027``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="ru",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Опубликовано",),
    updated=("Обновлено",),
    tabs=(),
    tags=(),
    months=months(
        "января январь янв",
        "февраля февраль февр фев",
        "марта март мар",
        "апреля апрель апр",
        "мая май",
        "июня июнь июн",
        "июля июль июл",
        "августа август авг",
        "сентября сентябрь сент сен",
        "октября октябрь окт",
        "ноября ноябрь нояб ноя",
        "декабря декабрь дек",
    ),
    date_forms=("{day} {month} {year} г.",),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
