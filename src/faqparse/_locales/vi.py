"""Vietnamese: ``Phát hành vào 22 thg 8, 2023`` (``thg`` and the month's number); ``10.396``.

Seen on article pages only: the search tabs and category tags are not known yet.
"""

from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="vi",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("Phát hành vào",),
    updated=("Cập nhật vào",),
    tabs=(),
    tags=(),
    months=(),
    date_forms=("{day} thg {mm}, {year}",),
    date_order="DMY",
    count_separators=".",
)
