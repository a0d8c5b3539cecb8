"""faqparse: scraped help-center search dumps to typed, deduplicated records."""

import importlib
from typing import TYPE_CHECKING

from ._codes import DiagnosticCode
from ._detect import detect
from ._locales import VOCABULARIES
from ._model import Article, CapturedFrom, Diagnostic, Dump, Observation, Record, Severity, Span
from ._parse import RecordStream, iter_records, parse, parse_file, tokenize
from ._samples import sample_paths
from ._tokens import Token, TokenKind
from ._vocabulary import ENGLISH, Vocabulary

if TYPE_CHECKING:
    from ._catalog import Catalog, merge
    from ._changes import Change
    from ._jsonshape import from_json, to_json
    from ._normalize import normalize_title
    from ._schema import CatalogError
    from ._store import CatalogFile

# Imported when first used: `faqparse parse` needs none of them, and starts sooner.
_LAZY = {
    "Catalog": "._catalog",
    "merge": "._catalog",
    "Change": "._changes",
    "CatalogError": "._schema",
    "CatalogFile": "._store",
    "from_json": "._jsonshape",
    "to_json": "._jsonshape",
    "normalize_title": "._normalize",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ENGLISH",
    "VOCABULARIES",
    "Article",
    "CapturedFrom",
    "Catalog",
    "CatalogError",
    "CatalogFile",
    "Change",
    "Diagnostic",
    "DiagnosticCode",
    "Dump",
    "Observation",
    "Record",
    "RecordStream",
    "Severity",
    "Span",
    "Token",
    "TokenKind",
    "Vocabulary",
    "detect",
    "from_json",
    "iter_records",
    "merge",
    "normalize_title",
    "parse",
    "parse_file",
    "sample_paths",
    "to_json",
    "tokenize",
]
__version__ = "0.1.0"
