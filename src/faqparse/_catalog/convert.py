"""A JSON Lines catalog (``Catalog.save``) into an SQLite catalog, in one transaction.

The observations are what the old file holds of value: they are copied, each once, and the
articles are merged again from them, as ``Catalog.load`` does. An observation written twice
(the same dump digest and record index, as a line duplicated by hand gives) is reported and
kept once, rather than becoming a phantom twin article.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import attrs

from .blocks import saved_key
from .memory import saved_articles
from .schema import CatalogError, block_row
from .sqlite import CatalogFile

__all__ = ["Converted", "convert"]


@attrs.frozen
class Converted:
    """What a conversion read and wrote."""

    articles: int
    """Articles (lines) read from the old file."""
    observations: int
    """Observations written to the new catalog."""
    duplicates: int
    """Observations left out because the same one was already written."""


def convert(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    *,
    report: Callable[[str], None] | None = None,
) -> Converted:
    """Copy the JSON Lines catalog ``old`` into the SQLite catalog ``new`` (created if missing).

    ``new`` must hold no dump yet. ``report`` receives one line (``OLD:LINE: message``) per
    duplicate observation left out. ``ValueError`` naming ``file:line`` for a line that is
    not an article, as ``Catalog.load``; nothing is written then.
    """
    name = os.fspath(old)
    articles = observations = duplicates = 0
    with open(old, "rb") as file, CatalogFile.open(new) as catalog:
        if catalog.dump_count():
            raise CatalogError(f"{os.fspath(new)}: already holds dumps; convert into a new file")
        for where, article in saved_articles(file, name):
            articles += 1
            for observation in article.observations:
                row = block_row(saved_key(article, observation))
                if catalog.add_observation(row, observation, locale=article.locale):
                    observations += 1
                    continue
                duplicates += 1
                if report is not None:
                    report(
                        f"{where}: record {observation.index} of {observation.source} (digest"
                        f" {observation.digest[:12]}) is already in the catalog: left out"
                    )
    return Converted(articles=articles, observations=observations, duplicates=duplicates)
