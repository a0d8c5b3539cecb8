"""When a dump was captured: said explicitly, read from its file name, or taken from its dates."""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final

from .._model import CapturedFrom, Record

__all__ = ["captured_from_name", "snapshot_time"]

# A date, optionally followed by a time, standing alone among the name's digits:
# 2026-06-04, 2026_06_04, 20260604, 2026-06-04T10-15-30, 20260604_101530.
_STAMP: Final = re.compile(
    r"(?<![0-9])(?P<year>[0-9]{4})(?P<sep>[-_]?)(?P<month>[0-9]{2})(?P=sep)(?P<day>[0-9]{2})"
    r"(?:[T_ .-]?(?P<hour>[0-9]{2})[-_:.h]?(?P<minute>[0-9]{2})(?:[-_:.m]?(?P<second>[0-9]{2}))?)?"
    r"(?![0-9])"
)
_YEARS: Final = range(1970, 3000)
"""Years a snapshot can carry; outside them an eight-digit run is an identifier, not a date."""


def captured_from_name(name: str) -> date | None:
    """The date or timestamp in a file name, or ``None`` when it carries no valid one."""
    for stamp in _STAMP.finditer(os.path.basename(name)):
        year, month, day = (int(stamp[part]) for part in ("year", "month", "day"))
        if year not in _YEARS:
            continue
        try:
            day_stamp = date(year, month, day)
        except ValueError:
            continue
        if stamp["hour"] is None:
            return day_stamp
        try:
            return datetime(
                year,
                month,
                day,
                int(stamp["hour"]),
                int(stamp["minute"]),
                int(stamp["second"] or 0),
            )
        except ValueError:
            return day_stamp
    return None


def snapshot_time(
    explicit: date | None, name: str, records: Iterable[Record]
) -> tuple[date | None, CapturedFrom | None]:
    """Explicit beats the file name, which beats the latest date inside the dump."""
    if explicit is not None:
        return explicit, CapturedFrom.EXPLICIT
    from_name = captured_from_name(name)
    if from_name is not None:
        return from_name, CapturedFrom.FILE_NAME
    # Two passes with C-level iteration: a generator over every record costs several times more.
    records = list(records)
    latest = max(map(_published, records), default=None)
    latest_update = max(filter(None, map(_updated, records)), default=None)
    if latest is not None and latest_update is not None:
        latest = max(latest, latest_update)
    if latest is not None:
        return latest, CapturedFrom.CONTENT
    return None, None


_published = operator.attrgetter("published")
_updated = operator.attrgetter("updated")
