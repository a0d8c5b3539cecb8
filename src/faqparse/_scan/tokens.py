"""Token kinds and the lossless token stream of a dump."""

from __future__ import annotations

import enum

import attrs

from .._model import Span

__all__ = ["Token", "TokenKind"]


class TokenKind(enum.Enum):
    HEADER = "header"
    TITLE = "title"
    SNIPPET = "snippet"
    PUBLISHED_LABEL = "published-label"
    UPDATED_LABEL = "updated-label"
    DATE = "date"
    TAG = "tag"
    VIEWS = "views"
    BULLET = "bullet"
    TRAILER = "trailer"
    WHITESPACE = "whitespace"
    NEWLINE = "newline"
    UNPARSED = "unparsed"


@attrs.frozen
class Token:
    """A piece of the input: joining the texts of all tokens gives the input back exactly."""

    kind: TokenKind
    text: str
    span: Span
