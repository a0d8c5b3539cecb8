"""Ukrainian (path ``/ua/``): ``Опубліковано 22 серп. 2023 р.``; counts space-grouped.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from ._table import NO_BREAK_SPACES, months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="uk",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Опубліковано",),
    updated=("Оновлено",),
    tabs=(),
    tags=(),
    months=months(
        "січня січень січ",
        "лютого лютий лют",
        "березня березень бер",
        "квітня квітень квіт",
        "травня травень трав",
        "червня червень черв",
        "липня липень лип",
        "серпня серпень серп",
        "вересня вересень вер",
        "жовтня жовтень жовт",
        "листопада листопад лист",
        "грудня грудень груд",
    ),
    date_forms=("{day} {month} {year} р.",),
    date_order="DMY",
    count_separators=NO_BREAK_SPACES,
)
