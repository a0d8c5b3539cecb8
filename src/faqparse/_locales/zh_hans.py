"""Simplified Chinese: ``发布于 2025年4月10日``, counts comma-grouped."""

from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="zh-hans",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("发布于",),
    updated=("更新于",),
    tabs=("全部", "常见问题", "公告", "产品文档"),
    tags=("常见问题", "公告", "产品文档"),
    months=(),
    date_forms=("{year}年{mm}月{day}日",),
    date_order="YMD",
    count_separators=",",
)
