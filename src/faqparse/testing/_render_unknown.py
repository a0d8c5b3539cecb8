"""Two shapes of real tagged pages `render` writes on request, with what parse reports.

- Tags the vocabulary lacks (``unknown_tags``): parse reads such a word run as a category
  only on the page's evidence (``docs/format.md``, tags the vocabulary does not know), so
  `unknown_problem` refuses the record lists whose text would not give that evidence; each
  record that carries one is reported with ``unknown-category``.
- A page cut right after its last record's date (``cut``): the last record loses its tag and
  count, and parse reports ``incomplete-record``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .._codes import DiagnosticCode
from .._scan.unknown import run_end
from ._render_rules import RecordContent

__all__ = ["expected_codes", "unknown_problem"]


def unknown_problem(
    wanted: Sequence[RecordContent],
    unknown: tuple[str, ...],
    known: tuple[str, ...],
    *,
    page_size: int | None = None,
    own_lines: bool = False,
) -> tuple[int, str] | None:
    """The first record an unknown tag of ``unknown`` would not be read back from, with why."""
    uses = Counter(item.category for item in wanted if item.category in unknown)
    for index, item in enumerate(wanted):
        tag = item.category
        if tag not in unknown:
            continue
        assert tag is not None
        folded = tag.casefold()
        if tag in known or any(folded.startswith(word.casefold()) for word in known):
            return index, f"the unknown tag {tag!r} starts with a tag word the vocabulary knows"
        if len(tag) < 2 or run_end(tag, 0, len(tag)) != len(tag) or not tag[-1].islower():
            return index, (
                f"the unknown tag {tag!r} is no word run that ends in a lower-case letter"
                " (an upper-case letter, then letters and spaces): parse would not read it"
            )
        page_ends = page_size is not None and (index + 1) % page_size == 0
        if own_lines or page_ends or index == len(wanted) - 1:
            return index, (
                f"the unknown tag {tag!r} would be followed by a line break or the end of the"
                " text, where parse does not tell a word run from a title"
            )
        if uses[tag] < 2:
            return index, f"the unknown tag {tag!r} is used once: parse keeps it in the next title"
        first = wanted[0]
        if first.category not in known or first.views is None:
            return 0, (
                "a page with unknown tags must open with a known tag and a count, which"
                " show parse that the page carries tags"
            )
        following = wanted[index + 1].title if index + 1 < len(wanted) else ""
        if item.views is None and following and not following[:1].isupper():
            return index + 1, (
                f"the title after the unknown tag {tag!r} must start with an upper-case letter,"
                " where the tag ends"
            )
    return None


def expected_codes(
    wanted: Sequence[RecordContent], unknown: tuple[str, ...], *, cut: bool
) -> list[DiagnosticCode]:
    """The diagnostics parse raises on the text, in the text's order."""
    codes = [DiagnosticCode.UNKNOWN_CATEGORY for item in wanted if item.category in unknown]
    if cut and wanted:
        codes.append(DiagnosticCode.INCOMPLETE_RECORD)
    return codes
