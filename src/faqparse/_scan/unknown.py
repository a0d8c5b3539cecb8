"""Word runs that stand where category tags stand but that the vocabulary does not know.

A page in a locale whose vocabulary lacks a tag (``Documentação do produto``) writes that
word run where a tag stands: after the record's last date, before its count or the next
title. Read blindly it would be glued to the next title; read as a tag every time, a title
with a capital inside a word (``Introducing SmartTrade``) would lose its first words.
The run is a category only on evidence: the vocabulary's tab names, or the same run at
that place in another record of the page (before, or ahead within `LOOKAHEAD` past the
label, so a stream decides as a whole parse does). Either way it is reported: the words
the vocabulary lacks (``unknown-category``), or the doubt (``ambiguous-category``).
"""

from __future__ import annotations

import bisect
from typing import Final

import regex

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector, Problem
from .grammar import Grammar, skip_space
from .tokens import TokenKind

__all__ = ["LONGEST_RUN", "read_unknown", "run_end"]

_TAG_ENDS: Final = frozenset("0123456789\r\n")
_KEPT_RUNS: Final = 1024
"""How many runs ahead may be noted before those behind the scan are let go."""

LONGEST_RUN: Final = 48
"""The longest word run taken for a tag: tags are a few words; a longer run is a title."""

# An upper-case letter, then letters, spaces and a few signs: one class repeated, so no
# input makes it backtrack. The junction with the next title is found after.
_RUN: Final = regex.compile(rf"\p{{Lu}}[\p{{L}}\p{{M}} '\u2019&/-]{{0,{LONGEST_RUN}}}")


def run_end(text: str, pos: int, end: int) -> int:
    """Where a word run that may be a tag ends at ``pos``, or ``-1``: the run ends where a
    lower-case letter meets an upper-case one (the next title), before a digit (the count)
    or at the end of the text, never at a line break (a title runs to its line's end)."""
    match = _RUN.match(text, pos, end)
    if match is None:
        return -1
    words = match.group()
    for i in range(1, len(words)):
        if words[i].isupper() and words[i - 1].islower():
            return pos + i
    after = match.end()
    if len(words) > LONGEST_RUN or not words[-1].isalpha():
        return -1
    if after == end or text[after].isdigit():
        return after
    return -1


def _tab_at(text: str, pos: int, end: int, grammar: Grammar) -> int:
    """Where a tab name of the vocabulary that stands at ``pos`` ends, followed by a count, an
    upper-case letter or the end; or ``-1``."""
    for tab in grammar.vocabulary.tabs:
        after = pos + len(tab)
        if text.startswith(tab, pos) and after <= end:
            follower = text[after : after + 1]
            if after == end or follower.isdigit() or follower.isupper():
                return after
    return -1


def read_unknown(  # noqa: PLR0917 - the scan's position, as `read_tag` has it
    text: str, start: int, end: int, out: Collector, label: int, window: int
) -> tuple[str | None, int]:
    """An unknown category tag after the last date at ``start`` on a page that may carry tags
    (``out.tagged`` is not ``False``), and where it ends; or ``None`` and ``start``.

    ``window`` is how far the records ahead may be looked at (``min(end, label +
    LOOKAHEAD)``). Before the page's first evidence, a run is read only if a record in the
    window has a known tag word where the date ends: the page must carry tags. A run that
    cannot be told from a title's first words is left to the title and reported as
    ``ambiguous-category`` when the page carries tags; on a page without, it is a title's start.
    """
    pos = skip_space(text, start, end)
    if not text[pos : pos + 1].isupper():
        return None, start
    grammar = out.grammar
    after = _tab_at(text, pos, end, grammar)
    run_stop = after if after >= 0 else run_end(text, pos, end)
    if run_stop < 0:
        return None, start
    run = text[pos:run_stop]
    if len(run) < 2:
        return None, start  # one capital and a digit (``Q3 report``) is a title's start
    tags_seen = bool(out.tagged)
    if out.tagged is None or (after < 0 and run not in out.runs):
        tags_seen, repeated = _ahead(text, run_stop, window, end, out, run)
        tags_seen = tags_seen or bool(out.tagged)
        if after < 0:
            after = run_stop if repeated else -1
    elif after < 0:
        after = run_stop  # seen at this place before
    if not tags_seen:
        after = -1  # no record of the page is known to carry a tag yet: a title's start
    if after >= 0:
        out.decide_tags(True)
        out.runs.add(run)
        message = (
            f"{run!r} stands where the page's category tags stand and is read as this record's"
            f" category, but the {grammar.vocabulary.locale!r} vocabulary does not know it"
        )
        out.problem(DiagnosticCode.UNKNOWN_CATEGORY, Severity.WARNING, message, pos, after, run)
        out.span(TokenKind.TAG, pos, after)
        return run, after
    if run_stop == end:
        return None, start  # the end of the text: no title to glue it to
    message = (
        f"{run!r} after the date may be a category tag the vocabulary does not know or the"
        " start of the next title: kept whole as a title, with no category for this record"
    )
    problem = Problem(
        DiagnosticCode.AMBIGUOUS_CATEGORY, Severity.WARNING, message, pos, run_stop, run
    )
    if out.tagged is None and tags_seen:
        out.decide_tags(True)
    if out.tagged:
        out.runs.add(run)
        out.problem(*problem)
    return None, start


def _ahead(  # noqa: PLR0917 - the window, as `tags_ahead` has it
    text: str, start: int, window: int, end: int, out: Collector, run: str
) -> tuple[bool, bool]:
    """Whether a record in ``text[start:window]`` has a known tag word after its last date
    that ends there as a tag does (`tags.ends_tag`), and whether one has ``run`` there, as a
    word run of its own (`run_end`) or a tab name. A record the window may cut is not
    looked at.

    What the records ahead hold is learnt once (`_learn_ahead`) and kept by the collector,
    so that a page of records each with a run of its own is read in linear time: each
    question is then two binary searches."""
    _learn_ahead(text, start, window, end, out)
    first = out.base + start
    tags = out.ahead_tags
    del tags[: bisect.bisect_left(tags, first)]  # behind the scan: no record asks again
    runs = out.ahead_runs
    if len(runs) > _KEPT_RUNS:  # a stream keeps what lies ahead only, not the whole input
        out.ahead_runs = runs = {key: at for key, at in runs.items() if at[-1] >= first}
    places = runs.get(run, [])
    return bool(tags), bisect.bisect_left(places, first) < len(places)


def _learn_ahead(text: str, start: int, window: int, end: int, out: Collector) -> None:
    """Note, in whole-input offsets, where the records in ``text`` up to ``window`` have a
    known tag word, or a word run, after their last date; from where the last look ended.

    Windows only grow (the label moves on), so a record noted under an earlier window is
    one the current window shows whole too, and a stream notes what a parse notes."""
    grammar = out.grammar
    base = out.base
    margin = max(grammar.longest_tag, LONGEST_RUN + 1) + 1
    for found in grammar.meta.finditer(text, max(out.ahead_to - base, start), window):
        if window < end and found.end() + margin >= window:
            break  # the window may cut this record's metadata: no evidence either way
        out.ahead_to = base + found.end()
        if found["published"] is None or (
            found["updated_label"] is not None and found["updated"] is None
        ):
            continue  # a date the plain pattern does not read: no evidence
        if found["tag"] is not None:
            follower = text[found.end("tag") : found.end("tag") + 1]
            if not follower or follower in _TAG_ENDS or follower.isupper():
                out.ahead_tags.append(base + found.start())
            continue
        pos = skip_space(text, found.end("updated" if found["updated"] else "published"), end)
        for stop in {run_end(text, pos, end), _tab_at(text, pos, end, grammar)}:
            if stop > pos:
                out.ahead_runs.setdefault(text[pos:stop], []).append(base + pos)
