"""An article being built by the merge: what its next observation must respect, and the
count it is expected to show."""

from __future__ import annotations

from datetime import date
from typing import Final

from .._model import Observation
from .keys import Moment, strictly_before

__all__ = ["UNIT", "Chain", "within"]

UNIT: Final = 100
"""Expected counts are in hundredths of a view, so that slow growth still breaks a tie."""


class Chain:
    """An article being built, and what its next observation must respect."""

    __slots__ = (
        "counted",
        "day",
        "observations",
        "settled",
        "snippets",
        "today",
        "updated",
        "views",
    )

    def __init__(self) -> None:
        self.observations: list[Observation] = []
        self.snippets: dict[str, None] = {}  # every distinct snippet, in order
        # The most views and the latest update among the observations with a known time.
        # They come in snapshot order, so all of them bound an observation of a later day.
        self.views: int | None = None
        self.updated: date | None = None
        # Within `day` itself a date-only snapshot is not ordered against a timed one: the
        # observations of that day are kept, and `settled` holds the bounds of the days before.
        self.day = -1
        self.today: list[tuple[Moment, int | None, date | None]] = []
        self.settled: tuple[int | None, date | None] = (None, None)
        # Counts seen at a known time, as (day, views) with the day as a number: the first
        # and the latest, on distinct days, to predict the next count.
        self.counted: list[tuple[float, int]] = []

    def fits(self, observation: Observation, when: Moment) -> bool:
        """Whether no observation known to come earlier has more views or a later update."""
        if when[0]:
            return True  # an unknown time is ordered against nothing
        if when[1] != self.day:
            return within(observation, self.views, self.updated)  # `bounds`, without a tuple
        return within(observation, *self.bounds(when))

    def bounds(self, when: Moment) -> tuple[int | None, date | None]:
        """The most views and the latest update among the observations known to come before
        ``when``: an observation at ``when`` fits when it has no fewer views and no earlier
        update (``None``: nothing bounds it)."""
        if when[0]:
            return None, None  # an unknown time is ordered against nothing
        if when[1] != self.day:
            return self.views, self.updated
        views, updated = self.settled
        for seen, seen_views, seen_updated in self.today:
            if strictly_before(seen, when):
                if seen_views is not None and (views is None or seen_views > views):
                    views = seen_views
                if seen_updated is not None and (updated is None or seen_updated > updated):
                    updated = seen_updated
        return views, updated

    def append(self, observation: Observation, when: Moment) -> None:
        """Add the next observation; ``when`` never comes before an earlier call's."""
        self.observations.append(observation)
        self.snippets[observation.snippet] = None
        if when[0]:
            return
        views, updated = observation.views, observation.updated
        if when[1] != self.day:
            self.settled, self.day, self.today = (self.views, self.updated), when[1], []
        self.today.append((when, views, updated))
        if views is not None and (self.views is None or views > self.views):
            self.views = views
        if views is not None or self.views is None:
            # Before its first count, no count is a hidden zero: where the growth starts.
            _track(self.counted, _day_number(when), views or 0)
        if updated is not None and (self.updated is None or updated > self.updated):
            self.updated = updated

    def predict(self, when: Moment) -> int:
        """The count expected at ``when``, in hundredths of a view: the most seen, grown at the
        article's own rate.

        Views grow steadily per article, so the rate between its first and latest counts
        predicts the next one better than the latest alone; twins with close counts that
        grow at different rates then keep their own paths where they cross.
        """
        if self.views is None:
            return 0
        counted = self.counted
        if when[0] or len(counted) < 2:
            return self.views * UNIT
        (first_day, first), (last_day, last) = counted[0], counted[-1]
        rate = max(0.0, (last - first) / (last_day - first_day))
        grown = rate * max(0.0, _day_number(when) - last_day)
        return round((self.views + grown) * UNIT)

    def distance(self, views: int | None, when: Moment) -> int:
        """How far a count is from those the article may show at ``when``, in hundredths.

        Anything from its highest count so far up to the count its growth predicts is as
        expected: the prediction breaks ties between twins that cross, but a rate made
        wrong by a jump (a twin's count taken once by its sibling) never pushes a count
        further from its article than the highest count alone would.
        """
        shown = (views or 0) * UNIT
        low = (self.views or 0) * UNIT
        if shown <= low:
            return low - shown
        return max(0, shown - self.predict(when))


def _day_number(when: Moment) -> float:
    """A known snapshot time as days: a date-only snapshot is taken at noon."""
    _, day, timed, of_day = when
    return day + (of_day / 86_400_000_000 if timed else 0.5)


def _track(counted: list[tuple[float, int]], day: float, views: int) -> None:
    """Keep the first count and the latest one, each on its own day."""
    if not counted or day > counted[-1][0]:
        if len(counted) == 2:
            counted[1] = (day, views)
        else:
            counted.append((day, views))
    elif day == counted[-1][0] and views > counted[-1][1]:
        counted[-1] = (day, views)


def within(observation: Observation, views: int | None, updated: date | None) -> bool:
    """No fewer views and no earlier update than the bounds; an unknown value bounds nothing.

    A missing count is weak evidence (a hidden zero, an announcement, or a count cut off), so
    it does not forbid; the scores read it as no views, and a join it did not forbid is said.
    """
    return (views is None or observation.views is None or observation.views >= views) and (
        observation.updated is None or updated is None or observation.updated >= updated
    )
