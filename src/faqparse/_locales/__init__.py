"""The built-in vocabularies, one small table per locale of the help center.

Each module holds one `Vocabulary` (``VOCABULARY``), written from the words of real pages:
labels, tab names, category tags, month spellings, date forms and count separators.
``docs/locales.md`` lists them and says how to add one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import (
    ar,
    cs,
    de,
    es,
    fi,
    fr,
    id,
    it,
    nb,
    nl,
    pl,
    pt,
    pt_br,
    ro,
    ru,
    sv,
    tr,
    uk,
    vi,
    zh_hans,
    zh_hant,
)
from .vocabulary import ENGLISH, Vocabulary

__all__ = ["VOCABULARIES"]

_TABLES = (
    ar, cs, de, es, fi, fr, id, it, nb, nl, pl, pt, pt_br, ro, ru, sv, tr, uk, vi, zh_hans, zh_hant,
)  # fmt: skip

VOCABULARIES: Mapping[str, Vocabulary] = MappingProxyType(
    {ENGLISH.locale: ENGLISH} | {table.VOCABULARY.locale: table.VOCABULARY for table in _TABLES}
)
"""Locale tag -> `Vocabulary`, English first."""
