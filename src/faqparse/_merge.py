"""One block (records sharing a normalized title, a published date and a locale) to its articles.

The block's observations are walked in snapshot order, one dump at a time. Each dump's
records are assigned to the articles built so far by the best assignment that keeps time:
a later observation of an article never has fewer views or an earlier ``Updated on`` date.
Among the assignments that match the most records, the one with the nearest view counts
wins (a missing count read as no views: the site hides a zero and never counts
announcements), then the one with the most similar snippets (against every snippet an
article has had); a record that fits no article starts one. A record repeated further down
its dump without its count is its first copy's article (``repeated-record``). An assignment
that the time evidence alone did not force is reported as ``weak-match``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from ._model import Article, Diagnostic, Observation, Severity, Span
from ._normalize import BlockKey, Moment, moment, similarity, strictly_before, word_set

__all__ = ["DEFAULT_LOCALE", "article_id", "is_repeat", "merge_block"]

SpanOf = Callable[[Observation], Span | None]

DEFAULT_LOCALE: Final = "en"
"""The locale whose ids leave the locale out of their hash (the ids of earlier versions)."""

# Scores are exact integers so that ties are ties, weighted so that each level outweighs
# everything below it put together (for up to `_EXACT` records): similarity in millionths,
# then the squared distance of the view counts in hundredths of a view (capped), then whether
# the 'Updated on' dates agree, then the number of records matched.
_SCALE: Final = 1_000_000
_UNIT: Final = 100  # hundredths of a view
_CAP: Final = 10**8
_FAR: Final = _CAP * _CAP
_NEAR: Final = 10**7
_DATED: Final = 10**25
_MATCHED: Final = 10**27
_FORBIDDEN: Final = 10**30
_INFINITE: Final = 10**40
_EXACT: Final = 8
"""Up to this many records of one block in one dump, the best assignment; past it, greedy."""


def article_id(key: BlockKey, first: Observation | None = None) -> str:
    """The id of an article: a hash of its block key, plus, for a twin, where it was first seen.

    The locale is hashed only when it is not English, so that English ids stay those of the
    versions before locales. ``first`` is the twin's earliest observation; the article of a
    block first seen earliest (the only one, when there are no twins) has the plain hash.
    """
    title, published, locale = key
    text = f"{title}\x1f{published.isoformat()}"
    if locale != DEFAULT_LOCALE:
        text += f"\x1f{locale}"
    base = hashlib.sha256(text.encode()).hexdigest()[:16]
    return base if first is None else f"{base}-{first.digest[:12]}-{first.index}"


def is_repeat(earlier: Observation, later: Observation) -> bool:
    """Whether ``later`` repeats ``earlier`` in one dump: same text and dates, no count."""
    return (
        later.views is None
        and later.digest == earlier.digest
        and later.index > earlier.index
        and later.title == earlier.title
        and later.snippet == earlier.snippet
        and later.updated == earlier.updated
    )


class _Chain:
    """An article being built, and what its next observation must respect."""

    __slots__ = (
        "counted",
        "day",
        "observations",
        "repeated",
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
        # The counts seen at a known time, as (day, views) with the day as a number: the
        # first one, and the latest two on distinct days, to predict the next count.
        self.counted: list[tuple[float, int]] = []
        self.repeated = ""  # the digest of the latest dump that listed it twice

    def fits(self, observation: Observation, when: Moment) -> bool:
        """Whether no observation known to come earlier has more views or a later update."""
        if when[0]:
            return True  # an unknown time is ordered against nothing
        if when[1] != self.day:
            return _within(observation, self.views, self.updated)
        return _within(observation, *self.settled) and all(
            _within(observation, views, updated)
            for seen, views, updated in self.today
            if strictly_before(seen, when)
        )

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
            return self.views * _UNIT
        (first_day, first), (last_day, last) = counted[0], counted[-1]
        rate = max(0.0, (last - first) / (last_day - first_day))
        grown = rate * max(0.0, _day_number(when) - last_day)
        return round((self.views + grown) * _UNIT)


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


def _within(observation: Observation, views: int | None, updated: date | None) -> bool:
    """No fewer views and no earlier update than the bounds; an unknown value bounds nothing.

    A missing count is weak evidence (a hidden zero, an announcement, or a count cut off), so
    it does not forbid; the scores read it as no views, and a join it did not forbid is said.
    """
    return (views is None or observation.views is None or observation.views >= views) and (
        observation.updated is None or updated is None or observation.updated >= updated
    )


_Note = tuple[Observation, _Chain, str, str]
"""A decision worth reporting: the observation, its article, the code and a message template
with an ``{article}`` field."""


def merge_block(
    key: BlockKey, observations: Sequence[Observation], span_of: SpanOf
) -> tuple[list[Article], list[Diagnostic]]:
    """The articles of one block and the diagnostics about how they were told apart."""
    if len(observations) == 1:
        return [_article(article_id(key), key, [observations[0]])], []
    # The position is there only so that observations themselves are never compared.
    keyed = sorted(
        [(moment(o.captured), o.digest, o.index, n, o) for n, o in enumerate(observations)]
    )
    walk = _Walk()
    start, end = 0, len(keyed)
    while start < end:
        when, digest = keyed[start][0], keyed[start][1]
        stop = start + 1
        while stop < end and keyed[stop][1] == digest:
            stop += 1
        walk.dump([observation for *_, observation in keyed[start:stop]], when)
        start = stop
    ids = {id(chain): article_id(key, None if n == 0 else chain.observations[0])
           for n, chain in enumerate(walk.chains)}  # fmt: skip
    articles = [_article(ids[id(chain)], key, chain.observations) for chain in walk.chains]
    diagnostics = [
        Diagnostic(
            code,
            Severity.WARNING,
            f"record {seen.index} ({seen.title!r}, published {key[1].isoformat()}) "
            + template.format(article=ids[id(chain)]),
            seen.source,
            1,
            1,
            span_of(seen) or (0, 0),
        )
        for seen, chain, code, template in walk.notes
    ]
    return articles, diagnostics


def _article(identity: str, key: BlockKey, observations: list[Observation]) -> Article:
    """Title from the latest observation; updated, views, category from the latest with one."""
    return Article(
        id=identity,
        title=observations[-1].title,
        published=key[1],
        updated=next((o.updated for o in reversed(observations) if o.updated is not None), None),
        views=next((o.views for o in reversed(observations) if o.views is not None), None),
        snippets=tuple(dict.fromkeys(o.snippet for o in observations)),
        observations=tuple(observations),
        locale=key[2],
        category=next((o.category for o in reversed(observations) if o.category), None),
    )


class _Walk:
    """A block walked one dump at a time: its articles so far and the decisions to report."""

    def __init__(self) -> None:
        self.chains: list[_Chain] = []
        self.notes: list[_Note] = []
        self.words: dict[str, frozenset[str]] = {}

    def dump(self, records: list[Observation], when: Moment) -> None:
        """Give each record of one dump an article; a repeat goes where its first copy went."""
        firsts, repeats = _split_repeats(records)
        chains = self.chains
        if len(firsts) == 1 and len(chains) == 1 and chains[0].fits(firsts[0], when):
            picked = [chains[0]]  # by far the most common case: nothing to choose
            self._join(firsts[0], chains[0], when)
        else:
            picked = self.add(firsts, when)
        for repeat, of in repeats:
            chain = self._repeat(repeat, firsts[of], picked[of], when, picked)
            chain.append(repeat, when)
            picked.append(chain)

    def _repeat(
        self,
        repeat: Observation,
        first: Observation,
        chain: _Chain,
        when: Moment,
        picked: list[_Chain],
    ) -> _Chain:
        """The article of a record that repeats ``first`` (its ``chain``) but for a count.

        Either the same record listed again or a twin whose zero is hidden: the record
        cannot tell. A twin that has never shown a count, or a record listed twice in two
        dumps running (a repeat is rare, a twin is there every time), says twin.
        """
        same = f"is identical to record {first.index} of its dump but for its count"
        hidden = self._hidden_twin(repeat, when, picked)
        if hidden is not None:
            template = (
                f"{same}, and was put in article {{article}}, a twin that has never shown a "
                "count, rather than read as a repeat"
            )
            self.notes.append((repeat, hidden, "weak-match", template))
            return hidden
        previous = chain.observations[-2].digest if len(chain.observations) > 1 else ""
        if chain.repeated and chain.repeated == previous:
            self.chains.append(_Chain())
            template = (
                f"{same}, as in the article's dump before: taken as a twin whose zero is "
                "hidden, starting article {article}, rather than as a repeat twice running"
            )
            self.notes.append((repeat, self.chains[-1], "weak-match", template))
            return self.chains[-1]
        chain.repeated = first.digest
        template = (
            f"repeats record {first.index} of its dump (same title, snippet and dates, no "
            "count): one article, {article}, not twins (a twin whose zero is hidden, seen "
            "with it, would look the same)"
        )
        self.notes.append((repeat, chain, "repeated-record", template))
        return chain

    def _hidden_twin(
        self, repeat: Observation, when: Moment, picked: list[_Chain]
    ) -> _Chain | None:
        """The article a record that looks like a repeat is, if the block has a twin that has
        never shown a count and has no record of this dump yet: a hidden zero, not a repeat."""
        return next(
            (
                chain
                for chain in self.chains
                if chain.views is None
                and all(chain is not other for other in picked)
                and chain.fits(repeat, when)
            ),
            None,
        )

    def add(self, records: list[Observation], when: Moment) -> list[_Chain]:
        """Give each record of one dump an article: an existing one it fits, or a new one."""
        chains = self.chains
        fitting = [[c for c, chain in enumerate(chains) if chain.fits(r, when)] for r in records]
        taken = [fits[0] for fits in fitting if fits]
        if all(len(fits) <= 1 for fits in fitting) and len(taken) == len(set(taken)):
            picks: list[int | None] = [fits[0] if fits else None for fits in fitting]
        elif len(records) <= _EXACT:
            picks = self._best(records, fitting, when)
        else:
            picks = self._greedy(records, fitting, when)
        existing = len(chains)
        picked = []
        for record, fits, pick in zip(records, fitting, picks, strict=True):
            if pick is None:
                chains.append(_Chain())
                if existing:
                    self.notes.append(
                        (record, chains[-1], "unmatched-record", _unmatched(record, fits, existing))
                    )
            chain = chains[-1 if pick is None else pick]
            if pick is not None and len(fits) == 1:
                self._join(record, chain, when)
            else:
                chain.append(record, when)
            picked.append(chain)
        return picked

    def _join(self, record: Observation, chain: _Chain, when: Moment) -> None:
        """Add a record to the only article it fits, reporting a missing count after views.

        No count after views is either a count cut off (a page stored up to a byte limit) or
        a twin whose zero is hidden, seen before its sibling: the first is taken, and said.
        """
        if record.views is None and chain.views:
            template = (
                f"shows no count, though article {{article}} had {chain.views:,} views: taken "
                "as that article (a count cut off?) rather than a twin whose zero is hidden"
            )
            self.notes.append((record, chain, "weak-match", template))
        chain.append(record, when)

    def _best(
        self, records: list[Observation], fitting: list[list[int]], when: Moment
    ) -> list[int | None]:
        """The best assignment, and a note for each pick that the time order did not force.

        Columns are the existing articles, then one new article per record. A pick is forced
        when every assignment without it matches fewer records.
        """
        existing = len(self.chains)
        costs = [[_FORBIDDEN] * existing + [0] * len(records) for _ in records]
        for row, (record, fits) in enumerate(zip(records, fitting, strict=True)):
            for column in fits:
                costs[row][column] = -(_MATCHED + self._score(record, column, when))
        best = _solve(costs)
        weight = _weight(costs, best)
        picks: list[int | None] = [c if c < existing else None for c in best]
        for row, pick in enumerate(picks):
            if pick is None:
                continue
            kept, costs[row][pick] = costs[row][pick], _FORBIDDEN
            other = _weight(costs, _solve(costs))
            costs[row][pick] = kept
            if other // _MATCHED == weight // _MATCHED:
                why = _why(weight, other, records[row], self.chains[pick], when)
                self.notes.append((records[row], self.chains[pick], "weak-match", why))
        return picks

    def _greedy(
        self, records: list[Observation], fitting: list[list[int]], when: Moment
    ) -> list[int | None]:
        """Best-scoring pairs first, for more records of one block in one dump than the exact
        assignment is worth (never seen in real dumps): its cost stays near records x articles.
        Every pick that had a rival is reported."""
        pairs = sorted(
            (-self._score(record, column, when), row, column)
            for row, (record, fits) in enumerate(zip(records, fitting, strict=True))
            for column in fits
        )
        picks: list[int | None] = [None] * len(records)
        for _, row, column in pairs:
            if picks[row] is None and column not in picks:
                picks[row] = column
        rivals = Counter(column for fits in fitting for column in fits)
        why = (
            "was put in article {article} greedily, by view counts and snippet similarity: "
            f"{len(records)} records of its dump share its title and date"
        )
        for row, pick in enumerate(picks):
            if pick is not None and (len(fitting[row]) > 1 or rivals[pick] > 1):
                self.notes.append((records[row], self.chains[pick], "weak-match", why))
        return picks

    def _score(self, record: Observation, column: int, when: Moment) -> int:
        """The nearness of the view counts, then snippet similarity, as one exact integer.

        Nearness is the squared distance from the article's count, so that an assignment
        summing them prefers two steps of 1 to a step of 0 and one of 2: twins with close
        counts keep their own paths rather than swap. No count reads as no views. The snippet
        is compared with every snippet the article has had: the same query shows the same
        excerpt, so an excerpt seen before is the best evidence a snippet gives.
        """
        chain = self.chains[column]
        distance = min(_CAP, abs((record.views or 0) * _UNIT - chain.predict(when)))
        near = _FAR - distance * distance
        words = self._words(record.snippet)
        similar = max(similarity(words, self._words(snippet)) for snippet in chain.snippets)
        # An article never loses its 'Updated on' date; a record without one may still be
        # a page cut short, so this weighs, but forbids nothing.
        dated = record.updated is not None or chain.updated is None
        return dated * _DATED + near * _NEAR + round(similar * _SCALE)

    def _words(self, snippet: str) -> frozenset[str]:
        found = self.words.get(snippet)
        if found is None:
            found = self.words[snippet] = word_set(snippet)
        return found


def _split_repeats(
    records: list[Observation],
) -> tuple[list[Observation], list[tuple[Observation, int]]]:
    """A dump's records of one block: those seen first, and each repeat with its first copy."""
    firsts: list[Observation] = []
    repeats: list[tuple[Observation, int]] = []
    for record in records:
        of = next((n for n, first in enumerate(firsts) if is_repeat(first, record)), None)
        if of is None:
            firsts.append(record)
        else:
            repeats.append((record, of))
    return firsts, repeats


def _unmatched(record: Observation, fits: list[int], existing: int) -> str:
    some = "the article" if existing == 1 else f"any of the {existing} articles"
    if fits:
        return f"starts article {{article}}: {some} it fits went to other records of its dump"
    if record.views is None:
        return (
            "starts article {article}: it shows no count, which reads as no views (the site "
            f"hides a zero), and {some} seen before had views, or a later 'Updated on' date"
        )
    return (
        "starts article {article}: its views or 'Updated on' date would go back in time "
        f"for {some} seen before"
    )


def _weight(costs: list[list[int]], assignment: list[int]) -> int:
    return -sum(costs[row][column] for row, column in enumerate(assignment))


def _why(best: int, other: int, record: Observation, chain: _Chain, when: Moment) -> str:
    chosen = "was put in article {article}"
    fits = "another assignment fits the views and dates as well"
    best_dated, best_rest = divmod(best % _MATCHED, _DATED)
    other_dated, other_rest = divmod(other % _MATCHED, _DATED)
    best_near, best_similar = divmod(best_rest, _NEAR)
    other_near, other_similar = divmod(other_rest, _NEAR)
    if best_dated != other_dated:
        return (
            f"{chosen} by its 'Updated on' date: another assignment fits the views and dates, "
            "but gives a record without an 'Updated on' date to an article that had one"
        )
    if best_near != other_near:
        views = "no count" if record.views is None else f"{record.views:,} views"
        if chain.views is None:
            expected = "the article has shown none"
        else:
            expected = f"the article's expected {chain.predict(when) / _UNIT:,.1f}"
        return f"{chosen} by the nearest view count ({views}, {expected}): {fits}"
    if best_similar != other_similar:
        per_record = _SCALE * (best // _MATCHED)  # both match as many records
        scores = f"{best_similar / per_record:.2f} against {other_similar / per_record:.2f}"
        return f"{chosen} by snippet similarity ({scores}): {fits}, with view counts as near"
    return f"{chosen} by a fixed order: {fits}, with view counts as near, snippets as similar"


def _solve(costs: list[list[int]]) -> list[int]:
    """The column of each row in a least-cost assignment (Hungarian method, rows <= columns).

    O(rows^2 * columns): rows are one dump's records in one block, a handful at most.
    """
    rows, columns = len(costs), len(costs[0])
    row_potential = [0] * (rows + 1)
    column_potential = [0] * (columns + 1)
    owner = [0] * (columns + 1)  # 1-based row holding each column; column 0 is the root
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0], current = row, 0
        slack = [_INFINITE] * (columns + 1)
        used = [False] * (columns + 1)
        while owner[current]:
            used[current] = True
            source, delta, step = owner[current], _INFINITE, 0
            for column in range(1, columns + 1):
                if used[column]:
                    continue
                reduced = (
                    costs[source - 1][column - 1] - row_potential[source] - column_potential[column]
                )
                if reduced < slack[column]:
                    slack[column], way[column] = reduced, current
                if slack[column] < delta:
                    delta, step = slack[column], column
            for column in range(columns + 1):
                if used[column]:
                    row_potential[owner[column]] += delta
                    column_potential[column] -= delta
                else:
                    slack[column] -= delta
            current = step
        while current:
            previous = way[current]
            owner[current] = owner[previous]
            current = previous
    assignment = [0] * rows
    for column in range(1, columns + 1):
        if owner[column]:
            assignment[owner[column] - 1] = column - 1
    return assignment
