"""faqparse: scraped help-center search dumps to typed, deduplicated records."""

import importlib
from typing import TYPE_CHECKING

from ._codes import DiagnosticCode
from ._locales import VOCABULARIES
from ._locales.vocabulary import ENGLISH, Vocabulary
from ._model import Article, CapturedFrom, Diagnostic, Dump, Observation, Record, Severity, Span
from ._read.api import RecordStream, iter_records, parse, parse_file, tokenize
from ._read.detect import detect
from ._samples import sample_paths
from ._scan.tokens import Token, TokenKind

if TYPE_CHECKING:
    from ._catalog.memory import Catalog, merge
    from ._catalog.schema import CatalogError
    from ._catalog.sqlite import CatalogFile
    from ._merge.changes import Change
    from ._merge.keys import normalize_title
    from ._report.build import report
    from ._rows import from_json, to_json

# Imported when first used: `faqparse parse` needs none of them, and starts sooner.
_LAZY = {
    "Catalog": "._catalog.memory",
    "merge": "._catalog.memory",
    "Change": "._merge.changes",
    "CatalogError": "._catalog.schema",
    "CatalogFile": "._catalog.sqlite",
    "from_json": "._rows",
    "to_json": "._rows",
    "normalize_title": "._merge.keys",
    "report": "._report.build",
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
    "report",
    "sample_paths",
    "to_json",
    "tokenize",
]
__version__ = "0.2.0"
