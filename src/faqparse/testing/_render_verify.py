"""`render`'s check of its own text: parsed back, it gives the records and the expected
diagnostics, and nothing else."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .._codes import DiagnosticCode
from .._locales.vocabulary import Vocabulary
from .._read.api import parse
from ._render_rules import RecordContent

__all__ = ["verify_text"]


def verify_text(
    text: str,
    wanted: Sequence[RecordContent],
    starts: Sequence[int],
    vocabulary: Vocabulary,
    kind: str,
    *,
    codes: Sequence[DiagnosticCode] = (),
) -> tuple[int, str] | None:
    """Parse the text back: every record must come back, with nothing to report but
    ``codes``, in that order. Returns the first record that fails, with why, or ``None``."""
    dump = parse(text, "<render>", vocabulary=vocabulary)
    got = [
        RecordContent(r.title, r.snippet, r.published, r.updated, r.views, r.category)
        for r in dump.records
    ]
    reasons: list[tuple[int, str]] = []
    if wanted and dump.kind != kind:
        reasons.append((0, f"the text reads back as a {dump.kind} page, not a {kind} page"))
    differs = [i for i, pair in enumerate(zip(wanted, got, strict=False)) if pair[0] != pair[1]]
    if differs:
        reasons.append((differs[0], f"it would read back as {got[differs[0]]!r}"))
    elif len(got) != len(wanted):
        reasons.append((min(len(got), len(wanted) - 1), f"it reads back as {len(got)} records"))
    for number, diagnostic in enumerate(dump.diagnostics):
        if number < len(codes) and diagnostic.code == codes[number]:
            continue
        if wanted or diagnostic.code != DiagnosticCode.NO_RECORDS:
            where = max(bisect.bisect_right(starts, diagnostic.span[0]) - 1, 0)
            reasons.append(
                (
                    where,
                    f"the text raises {diagnostic.code} at line {diagnostic.line}, column"
                    f" {diagnostic.column}: {diagnostic.message}",
                )
            )
            break
    if not reasons and len(dump.diagnostics) < len(codes):
        missing = codes[len(dump.diagnostics)]
        reasons.append((len(wanted) - 1, f"the text does not raise {missing}"))
    if not reasons:
        return None
    index = min(where for where, _ in reasons)
    return index, "; ".join(why for where, why in reasons if where == index)
