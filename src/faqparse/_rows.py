"""The JSON shapes of the model, in one place (``docs/json.md``).

``to_json(obj)`` gives plain ``dict``/``list``/``str``/``int`` values ready for ``json.dumps``;
``from_json(cls, data)`` rebuilds the object and raises ``ValueError`` naming the first field
that is missing or of the wrong type. ``from_json(cls, to_json(obj)) == obj`` for every object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from ._codes import DiagnosticCode
from ._model import Article, CapturedFrom, Diagnostic, Dump, Observation, Record, Severity, Span
from ._scan.tokens import Token, TokenKind

__all__ = ["from_json", "to_json"]

Model = Record | Dump | Diagnostic | Article | Observation | Token
T = TypeVar("T", Record, Dump, Diagnostic, Article, Observation, Token)


def to_json(obj: Model) -> dict[str, Any]:
    """The JSON shape of a model object, as documented in ``docs/json.md``."""
    try:
        writer = _WRITERS[type(obj)]
    except KeyError:
        raise TypeError(f"no JSON shape for {type(obj).__name__}") from None
    return writer(obj)


def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild an object of ``cls`` from its JSON shape; ``ValueError`` if the shape is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a {cls.__name__} must be a JSON object, not {type(data).__name__}")
    try:
        reader = _READERS[cls]
    except KeyError:
        raise TypeError(f"no JSON shape for {cls.__name__}") from None
    return reader(_Fields(cls.__name__, data))  # type: ignore[return-value]


def record_to_json(record: Record) -> dict[str, Any]:
    updated = record.updated
    return {
        "source": record.source,
        "index": record.index,
        "title": record.title,
        "snippet": record.snippet,
        "published": record.published.isoformat(),
        "updated": None if updated is None else updated.isoformat(),
        "views": record.views,
        "category": record.category,
        "span": [record.span[0], record.span[1]],
        "line": record.line,
        "column": record.column,
    }


def _diagnostic_to_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": str(diagnostic.code),
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "source": diagnostic.source,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "span": list(diagnostic.span),
        "text": diagnostic.text,
    }


def _dump_to_json(dump: Dump) -> dict[str, Any]:
    return {
        "source": dump.source,
        "digest": dump.digest,
        "captured": _moment(dump.captured),
        "captured_from": None if dump.captured_from is None else dump.captured_from.value,
        "header": list(dump.header),
        "locale": dump.locale,
        "kind": dump.kind,
        "records": [record_to_json(record) for record in dump.records],
        "diagnostics": [_diagnostic_to_json(d) for d in dump.diagnostics],
    }


def _observation_to_json(observation: Observation) -> dict[str, Any]:
    return {
        "source": observation.source,
        "digest": observation.digest,
        "index": observation.index,
        "captured": _moment(observation.captured),
        "title": observation.title,
        "snippet": observation.snippet,
        "updated": _moment(observation.updated),
        "views": observation.views,
        "category": observation.category,
    }


def _article_to_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published.isoformat(),
        "updated": _moment(article.updated),
        "views": article.views,
        "snippets": list(article.snippets),
        "locale": article.locale,
        "category": article.category,
        "observations": [_observation_to_json(o) for o in article.observations],
    }


def _token_to_json(token: Token) -> dict[str, Any]:
    return {"kind": token.kind.value, "text": token.text, "span": list(token.span)}


def _moment(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


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
        reader = datetime.fromisoformat if len(value) > 10 else date.fromisoformat
        return self._parse(key, value, reader)  # type: ignore[no-any-return]

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
    Record: record_to_json,
    Dump: _dump_to_json,
    Diagnostic: _diagnostic_to_json,
    Article: _article_to_json,
    Observation: _observation_to_json,
    Token: _token_to_json,
}
_READERS: dict[type, Callable[[_Fields], Model]] = {
    Record: _record,
    Dump: _dump,
    Diagnostic: _diagnostic,
    Article: _article,
    Observation: _observation,
    Token: _token,
}
