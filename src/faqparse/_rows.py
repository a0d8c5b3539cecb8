"""The model as rows of plain values, in one place (``docs/json.md``).

Two steps, as msgspec's ``to_builtins`` takes them. `row(obj)` gives an object's fields as a
``dict`` of ``str``, ``int``, ``None``, ``date``/``datetime``, tuples and nested rows: what the
JSON encoders (msgspec, or the standard library with `json_default`), CSV, terminal tables,
Parquet and Dask take as they are. `to_json(obj)` is `builtins` of that row: the same values
with dates as ISO text and tuples as lists, ready for ``json.dumps``. `from_json(cls, data)`
rebuilds the object and raises ``ValueError`` naming the first field that is missing or of the
wrong type: ``from_json(cls, to_json(obj)) == obj`` for every object. `read_moment` is the one
reader of an ISO date or date-time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Final, TypeVar

from ._codes import DiagnosticCode
from ._model import Article, CapturedFrom, Diagnostic, Dump, Observation, Record, Severity, Span
from ._scan.tokens import Token, TokenKind

__all__ = ["builtins", "from_json", "read_moment", "record_row", "row", "to_json"]

Model = Record | Dump | Diagnostic | Article | Observation | Token
T = TypeVar("T", Record, Dump, Diagnostic, Article, Observation, Token)


def row(obj: Model) -> dict[str, Any]:
    """An object's fields as plain values, dates and tuples left as they are."""
    try:
        writer = _WRITERS[type(obj)]
    except KeyError:
        raise TypeError(f"no JSON shape for {type(obj).__name__}") from None
    return writer(obj)


def to_json(obj: Model) -> dict[str, Any]:
    """The JSON shape of a model object, as documented in ``docs/json.md``."""
    shape: dict[str, Any] = builtins(row(obj))
    return shape


_LEAVES: Final = frozenset((str, int, bool, float, type(None)))
"""Values JSON has as they are, most of a row: no call for them (an article of the samples
converts in 8 us instead of 13 us; writing each shape by hand took 6 us)."""


def builtins(value: Any) -> Any:
    """A row's values as JSON has them: dates as ISO text, tuples as lists, all the way down."""
    if isinstance(value, dict):
        return {
            key: inner if type(inner) in _LEAVES else builtins(inner)
            for key, inner in value.items()
        }
    if isinstance(value, tuple | list):
        return [inner if type(inner) in _LEAVES else builtins(inner) for inner in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def read_moment(text: str) -> date:
    """An ISO date (``2026-06-04``) or date-time (``2026-06-04T10:15``); ``ValueError`` if it
    is neither. A snapshot time may be either: a date when only the day is known."""
    return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)


def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild an object of ``cls`` from its JSON shape; ``ValueError`` if the shape is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a {cls.__name__} must be a JSON object, not {type(data).__name__}")
    try:
        reader = _READERS[cls]
    except KeyError:
        raise TypeError(f"no JSON shape for {cls.__name__}") from None
    return reader(_Fields(cls.__name__, data))  # type: ignore[return-value]


def record_row(record: Record) -> dict[str, Any]:
    """A record's row: its JSON shape with the dates and span left as objects.

    The encoders write a ``date`` as ``YYYY-MM-DD`` and a tuple as an array, so the bytes are
    those of `to_json`; not converting saves most of the cost of a row, on the path every
    record of ``faqparse parse`` takes.
    """
    return {
        "source": record.source,
        "index": record.index,
        "title": record.title,
        "snippet": record.snippet,
        "published": record.published,
        "updated": record.updated,
        "views": record.views,
        "category": record.category,
        "span": record.span,
        "line": record.line,
        "column": record.column,
    }


def _diagnostic_row(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": str(diagnostic.code),
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "source": diagnostic.source,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "span": diagnostic.span,
        "text": diagnostic.text,
    }


def _dump_row(dump: Dump) -> dict[str, Any]:
    return {
        "source": dump.source,
        "digest": dump.digest,
        "captured": dump.captured,
        "captured_from": None if dump.captured_from is None else dump.captured_from.value,
        "header": dump.header,
        "locale": dump.locale,
        "kind": dump.kind,
        "records": [record_row(record) for record in dump.records],
        "diagnostics": [_diagnostic_row(d) for d in dump.diagnostics],
    }


def _observation_row(observation: Observation) -> dict[str, Any]:
    return {
        "source": observation.source,
        "digest": observation.digest,
        "index": observation.index,
        "captured": observation.captured,
        "title": observation.title,
        "snippet": observation.snippet,
        "updated": observation.updated,
        "views": observation.views,
        "category": observation.category,
    }


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "updated": article.updated,
        "views": article.views,
        "snippets": article.snippets,
        "locale": article.locale,
        "category": article.category,
        "observations": [_observation_row(o) for o in article.observations],
    }


def _token_row(token: Token) -> dict[str, Any]:
    return {"kind": token.kind.value, "text": token.text, "span": token.span}


class _Fields:
    """Typed access to the fields of one JSON object, with errors that name the field."""

    def __init__(self, what: str, data: Mapping[str, Any]) -> None:
        self.what, self.data = what, data

    def get(self, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
        if key not in self.data:
            if optional:
                return None
            raise ValueError(f"{self.what}: missing field {key!r}")
        value = self.data[key]
        if value is None and optional:
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{self.what}.{key}: unexpected value {value!r}")
        return value

    def text(self, key: str) -> str:
        return str(self.get(key, str))

    def integer(self, key: str, *, optional: bool = False) -> Any:
        value = self.get(key, int, optional=optional)
        if value is not None and value < 0:
            raise ValueError(f"{self.what}.{key}: must not be negative, got {value}")
        return value

    def day(self, key: str, *, optional: bool = False) -> Any:
        value = self.get(key, str, optional=optional)
        return None if value is None else self._parse(key, value, date.fromisoformat)

    def moment(self, key: str) -> date | None:
        value = self.get(key, str, optional=True)
        if value is None:
            return None
        return self._parse(key, value, read_moment)  # type: ignore[no-any-return]

    def span(self, key: str) -> Span:
        value = self.get(key, list)
        if len(value) != 2 or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise ValueError(f"{self.what}.{key}: a span is [start, end], got {value!r}")
        return (value[0], value[1])

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list)
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"{self.what}.{key}: expected a list of strings")
        return tuple(value)

    def objects(self, key: str, cls: type[T]) -> tuple[T, ...]:
        return tuple(from_json(cls, item) for item in self.get(key, list))

    def _parse(self, key: str, value: str, reader: Callable[[str], Any]) -> Any:
        try:
            return reader(value)
        except ValueError:
            raise ValueError(f"{self.what}.{key}: not an ISO date: {value!r}") from None

    def choice(self, key: str, enum: Any, *, optional: bool = False) -> Any:
        value = self.get(key, str, optional=optional)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            raise ValueError(f"{self.what}.{key}: unexpected value {value!r}") from None


def _record(f: _Fields) -> Record:
    return Record(
        title=f.text("title"),
        snippet=f.text("snippet"),
        published=f.day("published"),
        updated=f.day("updated", optional=True),
        views=f.integer("views", optional=True),
        source=f.text("source"),
        index=f.integer("index"),
        span=f.span("span"),
        category=f.get("category", str, optional=True),
        line=f.integer("line", optional=True),
        column=f.integer("column", optional=True),
    )


def _diagnostic(f: _Fields) -> Diagnostic:
    return Diagnostic(
        code=f.choice("code", DiagnosticCode),
        severity=f.choice("severity", Severity),
        message=f.text("message"),
        source=f.text("source"),
        line=f.integer("line"),
        column=f.integer("column"),
        span=f.span("span"),
        text=f.get("text", str, optional=True) or "",
    )


def _dump(f: _Fields) -> Dump:
    return Dump(
        source=f.text("source"),
        records=f.objects("records", Record),
        header=f.strings("header"),
        diagnostics=f.objects("diagnostics", Diagnostic),
        digest=f.text("digest"),
        captured=f.moment("captured"),
        captured_from=f.choice("captured_from", CapturedFrom, optional=True),
        locale=f.get("locale", str, optional=True) or "en",
        kind=f.get("kind", str, optional=True) or "search",
    )


def _observation(f: _Fields) -> Observation:
    return Observation(
        source=f.text("source"),
        digest=f.text("digest"),
        index=f.integer("index"),
        captured=f.moment("captured"),
        title=f.text("title"),
        snippet=f.text("snippet"),
        updated=f.day("updated", optional=True),
        views=f.integer("views", optional=True),
        category=f.get("category", str, optional=True),
    )


def _article(f: _Fields) -> Article:
    return Article(
        id=f.text("id"),
        title=f.text("title"),
        published=f.day("published"),
        updated=f.day("updated", optional=True),
        views=f.integer("views", optional=True),
        snippets=f.strings("snippets"),
        observations=f.objects("observations", Observation),
        locale=f.get("locale", str, optional=True) or "en",
        category=f.get("category", str, optional=True),
    )


def _token(f: _Fields) -> Token:
    return Token(kind=f.choice("kind", TokenKind), text=f.text("text"), span=f.span("span"))


_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Record: record_row,
    Dump: _dump_row,
    Diagnostic: _diagnostic_row,
    Article: _article_row,
    Observation: _observation_row,
    Token: _token_row,
}
_READERS: dict[type, Callable[[_Fields], Model]] = {
    Record: _record,
    Dump: _dump,
    Diagnostic: _diagnostic,
    Article: _article,
    Observation: _observation,
    Token: _token,
}
