"""Traditional Chinese: ``發佈於 2024年6月7日``, counts comma-grouped."""

from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="zh-hant",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("發佈於",),
    updated=("更新於",),
    tabs=("全部", "常見問題", "公告", "產品文檔"),
    tags=("常見問題", "公告", "產品文檔"),
    months=(),
    date_forms=("{year}年{mm}月{day}日",),
    date_order="YMD",
    count_separators=",",
)
