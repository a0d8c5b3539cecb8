"""Which locale a dump is in: its header's tab names, else its labels.

A search page opens with its tab names, one to a line (the run of such lines the text starts
with, blank lines aside, is its header), and they name the locale best (Portuguese
and Brazilian Portuguese share three of four). Without a header (section pages, a dump cut at
the start), the published and updated labels decide: the locale whose labels occur most often
in the text's opening, each followed by one of its dates, wins (three of them settle it). Only
the opening is read, so a stream can decide from its first chunk and the cost does not grow
with the dump.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import regex

from .._locales import VOCABULARIES
from .._locales.vocabulary import Vocabulary
from .._scan.dates import SPACE, date_pattern
from .._scan.grammar import label_pattern

__all__ = ["SAMPLE_CHARS", "detect"]

SAMPLE_CHARS = 1 << 16
"""How much of a dump's opening detection reads."""

_ENOUGH = 3
"""Dated labels of one locale that settle the question without reading further."""

_HEADER_LINES = 12
"""Tab lines sit at the very top; a few more lines allow for blank lines and a repeated block."""


def detect(text: str, vocabularies: Mapping[str, Vocabulary] | None = None) -> Vocabulary | None:
    """The vocabulary of the locale ``text`` is written in, or ``None`` if no locale fits.

    ``vocabularies`` are the candidates, every built-in locale (`VOCABULARIES`) by default.
    """
    sample = text[:SAMPLE_CHARS]
    table = _Table.of(tuple((VOCABULARIES if vocabularies is None else vocabularies).values()))
    by_tabs = table.by_tabs(sample)
    return by_tabs if by_tabs is not None else table.by_labels(sample)


class _Table:
    """The words of a set of vocabularies, compiled once."""

    def __init__(self, vocabularies: tuple[Vocabulary, ...]) -> None:
        self.vocabularies = vocabularies
        self.tabs: dict[str, list[int]] = {}
        for index, vocabulary in enumerate(vocabularies):
            for tab in vocabulary.tabs:
                self.tabs.setdefault(_fold(tab), []).append(index)
        # A locale's date pattern is compiled when one of its labels is first seen: most
        # locales never are in a given run, and compiling them all costs more than a parse.
        self.dates: dict[int, regex.Pattern[str]] = {}

    @functools.cached_property
    def labels(self) -> regex.Pattern[str]:
        """One pattern for every label, a named group per vocabulary: one pass over the sample.

        Compiled when first needed: a dump whose header names its locale never needs it, and
        compiling the labels of every locale takes about 7 ms of each fresh process."""
        groups = [
            f"(?P<v{index}>{label_pattern(vocabulary.published + vocabulary.updated)})"
            for index, vocabulary in enumerate(self.vocabularies)
        ]
        return regex.compile("|".join(groups))

    @staticmethod
    @functools.cache
    def of(vocabularies: tuple[Vocabulary, ...]) -> _Table:
        return _Table(vocabularies)

    def _date(self, index: int) -> regex.Pattern[str]:
        pattern = self.dates.get(index)
        if pattern is None:
            pattern = self.dates[index] = regex.compile(date_pattern(self.vocabularies[index]))
        return pattern

    def by_tabs(self, sample: str) -> Vocabulary | None:
        seen: list[set[str]] = [set() for _ in self.vocabularies]
        for line in _opening_lines(sample):
            folded = _fold(line)
            if folded not in self.tabs:
                break  # the header is the run of tab lines the dump opens with
            for index in self.tabs[folded]:
                seen[index].add(folded)
        scores = [len(names) for names in seen]  # distinct tab names: a repeated line is one
        best = max(scores, default=0)
        if best < 2:  # one word such as "FAQ" is shared by several locales
            return None
        winners = [v for v, score in zip(self.vocabularies, scores, strict=True) if score == best]
        if len(winners) == 1:
            return winners[0]
        return self.by_labels(sample, among=winners) or winners[0]

    def by_labels(
        self, sample: str, among: Iterable[Vocabulary] | None = None
    ) -> Vocabulary | None:
        allowed = None if among is None else {id(v) for v in among}
        counts = [0] * len(self.vocabularies)
        for match in self.labels.finditer(sample):
            index = int(match.lastgroup[1:])  # type: ignore[index]
            # A label counts when one of its locale's dates follows: a snippet may quote a
            # label of another language, but rarely with a date after it.
            date_at = _SPACES.match(sample, match.end())
            start = match.end() if date_at is None else date_at.end()
            if self._date(index).match(sample, start) is not None:
                counts[index] += 1
                if counts[index] >= _ENOUGH and (
                    allowed is None or id(self.vocabularies[index]) in allowed
                ):
                    break  # a few dated labels settle it: the rest of the sample adds nothing
        best, winner = 0, None
        for vocabulary, count in zip(self.vocabularies, counts, strict=True):
            if count > best and (allowed is None or id(vocabulary) in allowed):
                best, winner = count, vocabulary
        return winner


def _opening_lines(sample: str) -> list[str]:
    lines = []
    for line in sample[:4096].splitlines():
        if line.strip():
            lines.append(line)
        if len(lines) >= _HEADER_LINES:
            break
    return lines


_SPACES = regex.compile(f"{SPACE}+")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\ufeff", "")).strip().casefold()
