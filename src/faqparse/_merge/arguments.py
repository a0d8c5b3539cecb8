"""What the merge accepts: checked once, where a caller hands dumps in, with errors that name
the argument (rather than an AttributeError from deep inside the merge), before anything is
merged or added (an add is all or nothing)."""

from __future__ import annotations

from collections.abc import Iterable

from .._model import Dump, Record

__all__ = ["checked_dump", "checked_dumps"]


def checked_dumps(function: str, dumps: object) -> list[Dump]:
    """``dumps`` as a list, if it is an iterable of dumps each `checked_dump` accepts;
    TypeError or ValueError naming ``function``'s argument otherwise."""
    if isinstance(dumps, str | bytes | bytearray | Dump) or not isinstance(dumps, Iterable):
        raise TypeError(
            f"{function}() argument 'dumps' must be an iterable of faqparse.Dump,"
            f" not {type(dumps).__name__}"
        )
    return [
        checked_dump(dump, f"{function}() argument 'dumps' item {position}")
        for position, dump in enumerate(dumps)
    ]


def checked_dump(dump: object, argument: str = "dump") -> Dump:
    """The dump, if it holds records with distinct indexes; ``argument`` names it in errors.

    A record is known by its dump and its index: two records with one index would be one
    observation twice, or two articles told apart by nothing.
    """
    if not isinstance(dump, Dump):
        raise TypeError(f"{argument} must be a Dump, not {type(dump).__name__}")
    indexes = set()
    for number, record in enumerate(dump.records):
        if not isinstance(record, Record):
            raise TypeError(
                f"{argument}: {dump.source}: record {number} of the dump must be a Record,"
                f" not {type(record).__name__}"
            )
        if record.index in indexes:
            raise ValueError(
                f"{argument}: {dump.source}: two records of the dump have one index"
                f" ({record.index})"
            )
        indexes.add(record.index)
    return dump
