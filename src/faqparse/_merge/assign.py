"""One dump's records against a block's articles: scores as exact integers, the least-cost
assignment, and what decided a pick that the time rule did not force."""

from __future__ import annotations

from typing import Final

from .._model import Observation

__all__ = ["FORBIDDEN", "assign", "explain", "rank", "solve"]

# Scores are exact integers so that ties are ties, weighted so that each level outweighs
# everything below it put together (for up to eight records): snippet similarity in
# millionths, then the squared distance of the view counts in hundredths of a view (capped),
# then whether the 'Updated on' dates agree, then the number of records matched.
_SCALE: Final = 1_000_000
_CAP: Final = 10**8
_FAR: Final = _CAP * _CAP
_NEAR: Final = 10**7
_DATED: Final = 10**25
_MATCHED: Final = 10**27
FORBIDDEN: Final = 10**30
INFINITE: Final = 10**40


def rank(*, dated: bool, distance: int, similar: float) -> int:
    """One record against one article as an exact integer, higher is better.

    ``distance`` is from the article's expected count, in hundredths of a view; squared, so
    that an assignment summing them prefers two steps of 1 to a step of 0 and one of 2.
    """
    distance = min(_CAP, distance)
    near = _FAR - distance * distance
    return dated * _DATED + near * _NEAR + round(similar * _SCALE)


def assign(
    scores: list[dict[int, int]], existing: int
) -> tuple[list[int | None], dict[int, tuple[int, int, int]]]:
    """The best assignment of records (each with the ranks of the articles it fits) to the
    ``existing`` articles or to new ones (``None``).

    Also, for each record whose pick the time rule did not force, the pick, the weight of
    the best assignment and that of the best one without the pick: a pick is forced when every
    assignment without it matches fewer records.
    """
    rows = len(scores)
    costs = [[FORBIDDEN] * existing + [0] * rows for _ in scores]
    for row, ranks in enumerate(scores):
        for column, score in ranks.items():
            costs[row][column] = -(_MATCHED + score)
    best = solve(costs)
    weight = _weight(costs, best)
    picks: list[int | None] = [c if c < existing else None for c in best]
    weak = {}
    for row, pick in enumerate(picks):
        if pick is None:
            continue
        kept, costs[row][pick] = costs[row][pick], FORBIDDEN
        other = _weight(costs, solve(costs))
        costs[row][pick] = kept
        if other // _MATCHED == weight // _MATCHED:
            weak[row] = (pick, weight, other)
    return picks, weak


def _weight(costs: list[list[int]], assignment: list[int]) -> int:
    return -sum(costs[row][column] for row, column in enumerate(assignment))


def explain(best: int, other: int, record: Observation, expected: int | None) -> str:
    """What decided between two assignments as good on the time rule, as a message template.

    ``expected`` is the article's expected count in hundredths (``None``: it never showed one).
    """
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
        if expected is None:
            of_article = "the article has shown none"
        else:
            of_article = f"the article's expected {expected / 100:,.1f}"
        return f"{chosen} by the nearest view count ({views}, {of_article}): {fits}"
    if best_similar != other_similar:
        per_record = _SCALE * (best // _MATCHED)  # both match as many records
        scores = f"{best_similar / per_record:.2f} against {other_similar / per_record:.2f}"
        return f"{chosen} by snippet similarity ({scores}): {fits}, with view counts as near"
    return f"{chosen} by a fixed order: {fits}, with view counts as near, snippets as similar"


def solve(costs: list[list[int]]) -> list[int]:
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
        slack = [INFINITE] * (columns + 1)
        used = [False] * (columns + 1)
        while owner[current]:
            used[current] = True
            source, delta, step = owner[current], INFINITE, 0
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
