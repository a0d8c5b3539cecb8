"""The diagnostic codes: every one the parser and the merge can raise, in one place.

Codes are stable strings (a `StrEnum`, so they compare equal to their text and stay strings
in JSON); ``docs/diagnostics.md`` describes each one, and a test holds the two in step.
"""

from __future__ import annotations

import enum

__all__ = ["DiagnosticCode"]


class DiagnosticCode(enum.StrEnum):
    """Why a `Diagnostic` was raised."""

    # Reading a dump.
    AMBIGUOUS_CATEGORY = "ambiguous-category"
    AMBIGUOUS_VIEWS = "ambiguous-views"
    BAD_DATE = "bad-date"
    INCOMPLETE_RECORD = "incomplete-record"
    INVALID_ENCODING = "invalid-encoding"
    MISSING_SNIPPET = "missing-snippet"
    MISSING_TITLE = "missing-title"
    NO_RECORDS = "no-records"
    UNEXPECTED_TEXT = "unexpected-text"
    UNKNOWN_CATEGORY = "unknown-category"
    # Reading files on a cluster (faqparse.dask).
    UNREADABLE_FILE = "unreadable-file"
    # Merging dumps.
    REPEATED_RECORD = "repeated-record"
    UNMATCHED_RECORD = "unmatched-record"
    WEAK_MATCH = "weak-match"
