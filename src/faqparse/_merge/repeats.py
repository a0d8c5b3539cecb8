"""Copies in a block: a record listed again further down its dump without its count, and
the dumps that hold one.

A copy without a count is either the same record listed again (a page layout can list a
record twice) or a twin whose zero is hidden; ``walk`` decides which. Finding them is a
lookup by text and dates, never a search, however many records a dump lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final, NamedTuple

from .._model import Observation

__all__ = ["Repeat", "holding_copies", "is_repeat", "split_repeats"]


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


def holding_copies(observations: Sequence[Observation]) -> set[str]:
    """The dumps (digests) in which a record of the block repeats an earlier one, count aside.

    A record without a count repeats an earlier one exactly when the earliest record of its
    dump with its text and dates comes before it: one pass, whatever the block's size.
    """
    earliest: dict[_Copy, int] = {}
    for observation in observations:
        copy = _copy_of(observation)
        seen = earliest.get(copy)
        if seen is None or observation.index < seen:
            earliest[copy] = observation.index
    return {
        observation.digest
        for observation in observations
        if observation.views is None and earliest[_copy_of(observation)] < observation.index
    }


_Copy = tuple[str, str, str, date | None]
"""What a repeat shares with the record it repeats: its dump, title, snippet, updated date."""


def _copy_of(observation: Observation) -> _Copy:
    return (observation.digest, observation.title, observation.snippet, observation.updated)


class Repeat(NamedTuple):
    """A record that repeats one seen first in its dump (``of``, a position among the firsts),
    and the indexes of the other records seen first that it repeats as well."""

    record: Observation
    of: int
    also: list[int]
    also_count: int


_ALSO_SHOWN: Final = 10
"""A repeat's message lists at most this many other records it repeats (and counts the rest):
a dump listing one record many times must not make the diagnostics grow as its square."""


def split_repeats(records: list[Observation]) -> tuple[list[Observation], list[Repeat]]:
    """A dump's records of one block: those seen first, and each repeat with its first copy.

    ``records`` come in index order, so the firsts sharing a record's text and dates are too,
    and the earliest of them is the one it repeats (`is_repeat`): a lookup, not a search.
    """
    if len(records) == 1:
        return records, []  # by far the most common case
    firsts: list[Observation] = []
    repeats: list[Repeat] = []
    alike: dict[_Copy, list[int]] = {}
    for record in records:
        copy = _copy_of(record)
        same = alike.get(copy)
        if same is not None and is_repeat(firsts[same[0]], record):
            also = [firsts[n].index for n in same[1 : 1 + _ALSO_SHOWN]]
            repeats.append(Repeat(record, same[0], also, len(same) - 1))
            continue
        alike.setdefault(copy, []).append(len(firsts))
        firsts.append(record)
    return firsts, repeats
