"""What the merge accepts: checked once, where a caller hands dumps in, with errors that name
the argument (rather than an AttributeError from deep inside the merge)."""

from __future__ import annotations

from collections.abc import Iterable

from .._model import Dump

__all__ = ["checked_dumps"]


def checked_dumps(function: str, dumps: object) -> list[Dump]:
    """``dumps`` as a list, if it is an iterable of `Dump` whose record indexes are distinct
    within each dump; TypeError or ValueError naming ``function``'s argument otherwise."""
    if isinstance(dumps, str | bytes | bytearray | Dump) or not isinstance(dumps, Iterable):
        raise TypeError(
            f"{function}() argument 'dumps' must be an iterable of faqparse.Dump,"
            f" not {type(dumps).__name__}"
        )
    found = list(dumps)
    for position, dump in enumerate(found):
        if not isinstance(dump, Dump):
            raise TypeError(
                f"{function}() argument 'dumps' must hold faqparse.Dump objects, not"
                f" {type(dump).__name__} (at position {position})"
            )
        check_indexes(function, dump)
    return found


def check_indexes(function: str, dump: Dump) -> None:
    """A record is known by its dump and its index: two records with one index would be
    one observation twice, or two articles told apart by nothing."""
    seen: set[int] = set()
    for record in dump.records:
        if record.index in seen:
            raise ValueError(
                f"{function}() argument 'dumps': {dump.source}: two records of the dump have"
                f" index {record.index}"
            )
        seen.add(record.index)
