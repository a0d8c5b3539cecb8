"""faqparse: scraped help-center search dumps to typed, deduplicated records."""

from ._catalog import Catalog, merge
from ._changes import Change
from ._codes import DiagnosticCode
from ._detect import detect
from ._jsonshape import from_json, to_json
from ._locales import VOCABULARIES
from ._model import Article, CapturedFrom, Diagnostic, Dump, Observation, Record, Severity, Span
from ._normalize import normalize_title
from ._parse import RecordStream, iter_records, parse, parse_file, tokenize
from ._samples import sample_paths
from ._schema import CatalogError
from ._store import CatalogFile
from ._tokens import Token, TokenKind
from ._vocabulary import ENGLISH, Vocabulary

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
