"""What changed about an article since a date: first seen, updated, views gained."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from .._model import Article
from .keys import moment

__all__ = ["Change", "change_since"]


@attrs.frozen
class Change:
    """How one article changed on or after ``since``, read from its observations.

    ``new``: no observation before ``since`` (one of unknown time does not count).
    ``updated``: the article's ``Updated on`` date, when it is on or after ``since`` and
    later than every one seen before. ``views_before``: the latest view count seen before
    ``since``; ``views``: the latest seen since; ``gained`` their difference when both are
    known.
    """

    id: str
    title: str
    published: date
    locale: str
    new: bool
    first_seen: date | None
    updated: date | None
    views_before: int | None
    views: int | None
    gained: int | None

    @property
    def kinds(self) -> tuple[str, ...]:
        """``new``, ``updated``, ``views``: which of the three changes happened."""
        flags = (("new", self.new), ("updated", self.updated is not None), ("views", self.gained))
        return tuple(name for name, happened in flags if happened)


def change_since(article: Article, since: date) -> Change | None:
    """The change of ``article`` since ``since``; ``None`` when it did not change."""
    start = moment(since)
    before = [o for o in article.observations if not moment(o.captured)[0]]
    after = [o for o in before if moment(o.captured) >= start]
    before = [o for o in before if moment(o.captured) < start]
    if not after:
        return None
    views_before = _latest(o.views for o in before)
    views = _latest(o.views for o in after)
    updated_before = max((o.updated for o in before if o.updated is not None), default=None)
    updated = max((o.updated for o in after if o.updated is not None), default=None)
    if updated is not None and (
        updated < _day(since) or (updated_before is not None and updated <= updated_before)
    ):
        updated = None
    gained = None if views is None or views_before is None else views - views_before
    new = not before
    if not new and updated is None and not gained:
        return None
    first = min((moment(o.captured), o.captured) for o in after)[1] if new else None
    return Change(
        id=article.id,
        title=article.title,
        published=article.published,
        locale=article.locale,
        new=new,
        first_seen=None if first is None else _day(first),
        updated=updated,
        views_before=views_before,
        views=views,
        gained=gained,
    )


def _latest(values: Iterable[int | None]) -> int | None:
    """The last known value: observations come in snapshot order."""
    found = [value for value in values if value is not None]
    return found[-1] if found else None


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value
