"""Arabic: ``تم النشر في 6 نوفمبر 2023`` with Western digits; counts comma-grouped."""

from ._table import months
from .vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    locale="ar",
    trailers=(),  # no page of this locale showed its pagination line yet
    published=("تم النشر في",),
    updated=("تم التحديث في",),
    tabs=("الكل", "الأسئلة الشائعة", "الإعلامات", "مستندات المنتجات"),
    # The announcements tag differs from its tab name by one letter.
    tags=("الإعلانات", "الأسئلة الشائعة", "مستندات المنتجات"),
    months=months(
        "يناير",
        "فبراير",
        "مارس",
        "أبريل إبريل ابريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس اغسطس",
        "سبتمبر",
        "أكتوبر اكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
    date_order="DMY",
    count_separators=",",
)
