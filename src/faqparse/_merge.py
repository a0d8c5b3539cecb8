"""One block (records sharing a normalized title and a published date) to its articles.

The block's observations are walked in snapshot order, one dump at a time. Each dump's
records are assigned to the articles built so far by the best assignment that keeps time:
a later observation of an article never has fewer views or an earlier ``Updated on`` date.
Among the assignments that match the most records, the one with the most similar snippets
wins, then the one with the nearest view counts; a record that fits no article starts one.
An assignment that the time evidence alone did not force is reported as ``weak-match``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from ._codes import DiagnosticCode
from ._model import Article, Diagnostic, Observation, Severity, Span
from ._normalize import BlockKey, Moment, moment, similarity, strictly_before, word_set

__all__ = ["article_id", "merge_block"]

SpanOf = Callable[[Observation], tuple[Span, int, int] | None]
"""Where an observation's record is in its dump: span, line and column, if known."""

# Scores are exact integers so that ties are ties: similarity and closeness in millionths,
# weighted so that each level outweighs everything below it put together.
_SCALE: Final = 1_000_000
_SIMILAR: Final = 10**12
_MATCHED: Final = 10**24
_FORBIDDEN: Final = 10**36
_INFINITE: Final = 10**48
_EXACT: Final = 8
"""Up to this many records of one block in one dump, the best assignment; past it, greedy."""


def article_id(key: BlockKey, first: Observation | None = None) -> str:
    """The id of an article: a hash of its block key, plus, for a twin, where it was first seen.

    ``first`` is the twin's earliest observation; the article of a block first seen earliest
    (the only one, when there are no twins) has the plain hash.
    """
    title, published = key
    base = hashlib.sha256(f"{title}\x1f{published.isoformat()}".encode()).hexdigest()[:16]
    return base if first is None else f"{base}-{first.digest[:12]}-{first.index}"


class _Chain:
    """An article being built, and what its next observation must respect."""

    __slots__ = ("day", "observations", "settled", "today", "updated", "views")

    def __init__(self) -> None:
        self.observations: list[Observation] = []
        # The most views and the latest update among the observations with a known time.
        # They come in snapshot order, so all of them bound an observation of a later day.
        self.views: int | None = None
        self.updated: date | None = None
        # Within `day` itself a date-only snapshot is not ordered against a timed one: the
        # observations of that day are kept, and `settled` holds the bounds of the days before.
        self.day = -1
        self.today: list[tuple[Moment, int | None, date | None]] = []
        self.settled: tuple[int | None, date | None] = (None, None)

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
        if when[0]:
            return
        views, updated = observation.views, observation.updated
        if when[1] != self.day:
            self.settled, self.day, self.today = (self.views, self.updated), when[1], []
        self.today.append((when, views, updated))
        if views is not None and (self.views is None or views > self.views):
            self.views = views
        if updated is not None and (self.updated is None or updated > self.updated):
            self.updated = updated


def _within(observation: Observation, views: int | None, updated: date | None) -> bool:
    """No fewer views and no earlier update than the bounds; an unknown value bounds nothing."""
    return (observation.views is None or views is None or observation.views >= views) and (
        observation.updated is None or updated is None or observation.updated >= updated
    )


_Note = tuple[Observation, _Chain, DiagnosticCode, str]
"""A decision worth reporting: the observation, its article, the code and a message template
with an ``{article}`` field."""


def merge_block(
    key: BlockKey, observations: Sequence[Observation], span_of: SpanOf
) -> tuple[list[Article], list[Diagnostic]]:
    """The articles of one block and the diagnostics about how they were told apart."""
    if len(observations) == 1:
        return [_article(article_id(key), key[1], [observations[0]])], []
    # The position is there only so that observations themselves are never compared.
    keyed = sorted(
        [(moment(o.captured), o.digest, o.index, n, o) for n, o in enumerate(observations)]
    )
    walk = _Walk()
    start, end = 0, len(keyed)
    while start < end:
        when, digest, _, _, first = keyed[start]
        stop = start + 1
        while stop < end and keyed[stop][1] == digest:
            stop += 1
        chains = walk.chains
        if stop == start + 1 and len(chains) == 1 and chains[0].fits(first, when):
            chains[0].append(first, when)  # by far the most common case: nothing to choose
        else:
            walk.add([observation for *_, observation in keyed[start:stop]], when)
        start = stop
    ids = {id(chain): article_id(key, None if n == 0 else chain.observations[0])
           for n, chain in enumerate(walk.chains)}  # fmt: skip
    articles = [_article(ids[id(chain)], key[1], chain.observations) for chain in walk.chains]
    diagnostics = [
        Diagnostic(
            code,
            Severity.WARNING,
            f"record {seen.index} ({seen.title!r}, published {key[1].isoformat()}) "
            + template.format(article=ids[id(chain)]),
            seen.source,
            place[1],
            place[2],
            place[0],
        )
        for seen, chain, code, template in walk.notes
        for place in [span_of(seen) or ((0, 0), 1, 1)]
    ]
    return articles, diagnostics


def _article(identity: str, published: date, observations: list[Observation]) -> Article:
    """Title from the latest observation; updated and views from the latest that has them."""
    return Article(
        id=identity,
        title=observations[-1].title,
        published=published,
        updated=next((o.updated for o in reversed(observations) if o.updated is not None), None),
        views=next((o.views for o in reversed(observations) if o.views is not None), None),
        snippets=tuple(dict.fromkeys(o.snippet for o in observations)),
        observations=tuple(observations),
    )


class _Walk:
    """A block walked one dump at a time: its articles so far and the decisions to report."""

    def __init__(self) -> None:
        self.chains: list[_Chain] = []
        self.notes: list[_Note] = []
        self.words: dict[str, frozenset[str]] = {}

    def add(self, records: list[Observation], when: Moment) -> None:
        """Give each record of one dump an article: an existing one it fits, or a new one."""
        chains = self.chains
        fitting = [[c for c, chain in enumerate(chains) if chain.fits(r, when)] for r in records]
        taken = [fits[0] for fits in fitting if fits]
        if all(len(fits) <= 1 for fits in fitting) and len(taken) == len(set(taken)):
            picks: list[int | None] = [fits[0] if fits else None for fits in fitting]
        elif len(records) <= _EXACT:
            picks = self._best(records, fitting)
        else:
            picks = self._greedy(records, fitting)
        existing = len(chains)
        for record, fits, pick in zip(records, fitting, picks, strict=True):
            if pick is None:
                chains.append(_Chain())
                if existing:
                    self.notes.append(
                        (
                            record,
                            chains[-1],
                            DiagnosticCode.UNMATCHED_RECORD,
                            _unmatched(fits, existing),
                        )
                    )
            chains[-1 if pick is None else pick].append(record, when)

    def _best(self, records: list[Observation], fitting: list[list[int]]) -> list[int | None]:
        """The best assignment, and a note for each pick that the time order did not force.

        Columns are the existing articles, then one new article per record. A pick is forced
        when every assignment without it matches fewer records.
        """
        existing = len(self.chains)
        costs = [[_FORBIDDEN] * existing + [0] * len(records) for _ in records]
        for row, (record, fits) in enumerate(zip(records, fitting, strict=True)):
            for column in fits:
                costs[row][column] = -(_MATCHED + self._score(record, column))
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
                self.notes.append(
                    (
                        records[row],
                        self.chains[pick],
                        DiagnosticCode.WEAK_MATCH,
                        _why(weight, other),
                    )
                )
        return picks

    def _greedy(self, records: list[Observation], fitting: list[list[int]]) -> list[int | None]:
        """Best-scoring pairs first, for more records of one block in one dump than the exact
        assignment is worth (never seen in real dumps): its cost stays near records x articles.
        Every pick that had a rival is reported."""
        pairs = sorted(
            (-self._score(record, column), row, column)
            for row, (record, fits) in enumerate(zip(records, fitting, strict=True))
            for column in fits
        )
        picks: list[int | None] = [None] * len(records)
        for _, row, column in pairs:
            if picks[row] is None and column not in picks:
                picks[row] = column
        rivals = Counter(column for fits in fitting for column in fits)
        why = (
            "was put in article {article} greedily, by snippet similarity and view counts: "
            f"{len(records)} records of its dump share its title and date"
        )
        for row, pick in enumerate(picks):
            if pick is not None and (len(fitting[row]) > 1 or rivals[pick] > 1):
                self.notes.append((records[row], self.chains[pick], DiagnosticCode.WEAK_MATCH, why))
        return picks

    def _score(self, record: Observation, column: int) -> int:
        """Snippet similarity, then the nearness of the view counts, as one exact integer."""
        chain = self.chains[column]
        similar = similarity(
            self._words(record.snippet), self._words(chain.observations[-1].snippet)
        )
        views, most = record.views, chain.views
        near = 0 if views is None or most is None else _SCALE / (1 + abs(views - most))
        return round(similar * _SCALE) * _SIMILAR + round(near)

    def _words(self, snippet: str) -> frozenset[str]:
        found = self.words.get(snippet)
        if found is None:
            found = self.words[snippet] = word_set(snippet)
        return found


def _unmatched(fits: list[int], existing: int) -> str:
    some = "the article" if existing == 1 else f"any of the {existing} articles"
    if fits:
        return f"starts article {{article}}: {some} it fits went to other records of its dump"
    return (
        "starts article {article}: its views or 'Updated on' date would go back in time "
        f"for {some} seen before"
    )


def _weight(costs: list[list[int]], assignment: list[int]) -> int:
    return -sum(costs[row][column] for row, column in enumerate(assignment))


def _why(best: int, other: int) -> str:
    chosen = "was put in article {article}"
    fits = "another assignment fits the views and dates as well"
    best_similar, best_near = divmod(best % _MATCHED, _SIMILAR)
    other_similar, other_near = divmod(other % _MATCHED, _SIMILAR)
    if best_similar != other_similar:
        per_record = _SCALE * (best // _MATCHED)  # both match as many records
        scores = f"{best_similar / per_record:.2f} against {other_similar / per_record:.2f}"
        return f"{chosen} by snippet similarity ({scores}): {fits}"
    if best_near != other_near:
        return f"{chosen} by the nearest view count: {fits}, with snippets as similar"
    return f"{chosen} by a fixed order: {fits}, with snippets as similar, view counts as near"


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
