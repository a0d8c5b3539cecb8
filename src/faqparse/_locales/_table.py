"""Helpers the locale tables share: month spellings written one month to a string."""

from __future__ import annotations

__all__ = ["NO_BREAK_SPACES", "months"]

NO_BREAK_SPACES = " \u00a0\u202f"
"""A space, a no-break space and a narrow no-break space: formatters emit any of them."""


def months(*spellings: str) -> tuple[tuple[str, int], ...]:
    """``months("januari jan", "februari feb", ...)``: the spellings of each month in turn."""
    if len(spellings) != 12:
        raise ValueError("a month table has twelve entries")
    return tuple(
        (name, number) for number, names in enumerate(spellings, 1) for name in names.split()
    )
