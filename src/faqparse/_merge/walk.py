"""A block's walk: its dumps one at a time, in snapshot order, each dump's records given the
articles built so far, and the decisions worth reporting.

Each dump's records are assigned by the best assignment that keeps time (``assign``), or,
past ``EXACT`` records of the block in one dump, greedily among a few candidate articles per
record (``greedy``); a record that fits no article starts one. A record repeated further
down its dump without its count is its first copy's article (``repeated-record``), unless
the block has a twin that never showed a count: then it is that twin, whose zero is hidden.
``merge_block`` walks a whole block; the SQLite catalog walks a block on from where an
earlier run stopped. Both word the walk's notes with ``diagnostics``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final, NamedTuple

from .._codes import DiagnosticCode
from .._model import Diagnostic, Observation, Severity, Span
from .assign import assign, explain, rank
from .chain import Chain
from .greedy import Snippets, greedy
from .keys import BlockKey, Moment, similarity, word_set

__all__ = ["EXACT", "Note", "Walk", "diagnostics", "holding_copies", "is_repeat", "walk_order"]

EXACT: Final = 8
"""Up to this many records of one block in one dump, the best assignment; past it, greedy."""

Note = tuple[Observation, Chain, DiagnosticCode, str]
"""A decision worth reporting: the observation, its article, the code and a message template
with an ``{article}`` field."""

PlaceOf = Callable[[Observation], tuple[Span, int, int] | None]
"""Where an observation's record is in its dump: span, line and column, if known."""


def diagnostics(
    notes: Sequence[Note], key: BlockKey, article_of: Callable[[Chain], str], place_of: PlaceOf
) -> list[Diagnostic]:
    """A walk's notes as warnings, in order: each names its record and its article's id
    (``article_of``), and points at the record (line 1, column 1 when ``place_of`` cannot
    say). ``place_of`` is asked once per note, in order."""
    reported = []
    for seen, chain, code, template in notes:
        span, line, column = place_of(seen) or ((0, 0), 1, 1)
        message = f"record {seen.index} ({seen.title!r}, published {key[1].isoformat()}) "
        message += template.format(article=article_of(chain))
        reported.append(
            Diagnostic(code, Severity.WARNING, message, seen.source, line, column, span)
        )
    return reported


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


def walk_order(when: Moment, copy: bool) -> tuple[int, int, int, int, bool]:
    """Where a dump goes in the walk: snapshot order, and among the snapshots it has no order
    with, a dump holding a copy of a record last.

    A copy without a count is a repeat or a twin whose zero is hidden, and only what the
    other dumps show of the block tells which; snapshots with no order among them are
    evidence at once, so the dumps that need no such reading go first. A date-only snapshot
    holding a copy goes after the timed ones of its day, with which it has no order either.
    """
    unknown, day, timed, of_day = when
    return unknown, day, 2 if copy and not timed else timed, of_day, copy


class Walk:
    """A block walked one dump at a time: its articles so far and the decisions to report."""

    def __init__(self) -> None:
        self.chains: list[Chain] = []
        self.notes: list[Note] = []
        self.words: dict[str, frozenset[str]] = {}
        self.snippets = Snippets()  # for the greedy assignment: which articles showed each

    def dump(self, records: list[Observation], when: Moment) -> None:
        """Give each record of one dump an article; a repeat goes where its first copy went."""
        firsts, repeats = _split_repeats(records)
        chains = self.chains
        if len(firsts) == 1 and len(chains) == 1 and chains[0].fits(firsts[0], when):
            picked = [chains[0]]  # by far the most common case: nothing to choose
            self._join(firsts[0], chains[0], when)
        else:
            picked = self.add(firsts, when)
        if not repeats:
            return
        # The articles without a count that no record of this dump went to: a repeat may be
        # such a twin, whose zero is hidden. Only the picked ones change in this dump.
        taken = {id(chain) for chain in picked}
        unpicked = [c for c in self.chains if c.views is None and id(c) not in taken]
        for repeat in repeats:
            chain = self._repeat(repeat, firsts[repeat.of], picked[repeat.of], when, unpicked)
            chain.append(repeat.record, when)
            picked.append(chain)

    def _repeat(
        self,
        repeat: _Repeat,
        first: Observation,
        chain: Chain,
        when: Moment,
        unpicked: list[Chain],
    ) -> Chain:
        """The article of a record that repeats ``first`` (its ``chain``) but for a count.

        Either the same record listed again or a twin whose zero is hidden: the record
        cannot tell. A twin that has never shown a count says twin; otherwise it is the same
        record, however often the dumps repeat it (a page layout can list it twice every time).
        ``repeat.also`` holds the indexes of the other records of the dump it repeats as well
        (twins listed with one excerpt, one without a count): the first listed is taken, and
        said. ``unpicked`` are the twins that have never shown a count and have no record of
        this dump yet; the one taken leaves it.
        """
        same = f"is identical to record {first.index} of its dump but for its count"
        hidden = next((c for c in unpicked if c.fits(repeat.record, when)), None)
        if hidden is not None:
            unpicked.remove(hidden)
            template = (
                f"{same}, and was put in article {{article}}, a twin that has never shown a "
                "count, rather than read as a repeat"
            )
            self.notes.append((repeat.record, hidden, DiagnosticCode.WEAK_MATCH, template))
            return hidden
        alike = ""
        if repeat.also_count:
            others = ("record " if repeat.also_count == 1 else "records ") + ", ".join(
                map(str, repeat.also)
            )
            if repeat.also_count > len(repeat.also):
                others += f" and {repeat.also_count - len(repeat.also):,} more"
            alike = f"; it repeats {others} as well, and was taken as the first listed"
        template = (
            f"repeats record {first.index} of its dump (same title, snippet and dates, no "
            "count): one article, {article}, not twins (a twin whose zero is hidden, seen "
            f"with it, would look the same){alike}"
        )
        self.notes.append((repeat.record, chain, DiagnosticCode.REPEATED_RECORD, template))
        return chain

    def add(self, records: list[Observation], when: Moment) -> list[Chain]:
        """Give each record of one dump an article: an existing one it fits, or a new one."""
        chains = self.chains
        picks: list[int | None]
        if len(records) > EXACT:
            picks, fitting = self._greedy(records, when)
        else:
            fitting = [
                [c for c, chain in enumerate(chains) if chain.fits(r, when)] for r in records
            ]
            taken = [fits[0] for fits in fitting if fits]
            if all(len(fits) <= 1 for fits in fitting) and len(taken) == len(set(taken)):
                picks = [fits[0] if fits else None for fits in fitting]
            else:
                picks = self._best(records, fitting, when)
        existing = len(chains)
        picked = []
        for record, fits, pick in zip(records, fitting, picks, strict=True):
            if pick is None:
                chains.append(Chain())
                if existing:
                    self.notes.append(
                        (
                            record,
                            chains[-1],
                            DiagnosticCode.UNMATCHED_RECORD,
                            _unmatched(record, fits, existing),
                        )
                    )
            chain = chains[-1 if pick is None else pick]
            if pick is not None and len(fits) == 1:
                self._join(record, chain, when)
            else:
                chain.append(record, when)
            picked.append(chain)
        return picked

    def _join(self, record: Observation, chain: Chain, when: Moment) -> None:
        """Add a record to the only article it fits, reporting a missing count after views.

        No count after views is either a count cut off (a page stored up to a byte limit) or
        a twin whose zero is hidden, seen before its sibling: the first is taken, and said.
        """
        if record.views is None and chain.views:
            template = (
                f"shows no count, though article {{article}} had {chain.views:,} views: taken "
                "as that article (a count cut off?) rather than a twin whose zero is hidden"
            )
            self.notes.append((record, chain, DiagnosticCode.WEAK_MATCH, template))
        chain.append(record, when)

    def _best(
        self, records: list[Observation], fitting: list[list[int]], when: Moment
    ) -> list[int | None]:
        """The best assignment, and a note for each pick that the time order did not force."""
        scores = [
            {column: self._score(record, column, when) for column in fits}
            for record, fits in zip(records, fitting, strict=True)
        ]
        picks, weak = assign(scores, len(self.chains))
        for row, (pick, best, other) in sorted(weak.items()):
            chain = self.chains[pick]
            expected = None if chain.views is None else chain.predict(when)
            why = explain(best, other, records[row], expected)
            self.notes.append((records[row], chain, DiagnosticCode.WEAK_MATCH, why))
        return picks

    def _greedy(
        self, records: list[Observation], when: Moment
    ) -> tuple[list[int | None], list[list[int]]]:
        """Best pairs first among a few candidate articles per record (``greedy``), for more
        records of one block in one dump than the exact assignment is worth (never seen in
        real dumps). Also the articles each record was scored against, all of which it fits.
        Every pick that had a rival among the pairs considered is reported."""
        self.snippets.update(self.chains)
        picks, fitting = greedy(
            records,
            self.chains,
            when,
            self.snippets.having,
            lambda record, column: self._score(record, column, when),
        )
        rivals = Counter(column for fits in fitting for column in fits)
        why = (
            "was put in article {article} greedily, by view counts and snippet similarity: "
            f"{len(records)} records of its dump share its title and date"
        )
        for row, pick in enumerate(picks):
            if pick is not None and (len(fitting[row]) > 1 or rivals[pick] > 1):
                self.notes.append((records[row], self.chains[pick], DiagnosticCode.WEAK_MATCH, why))
        return picks, fitting

    def _score(self, record: Observation, column: int, when: Moment) -> int:
        """The agreement of the dates, the nearness of the view counts, then snippet
        similarity, as one exact integer (see ``rank``).

        Nearness is from the count the article is expected to show at ``when``. No count
        reads as no views. The snippet is compared with every snippet the article has had:
        the same query shows the same excerpt, so an excerpt seen before is the best
        evidence a snippet gives.
        """
        chain = self.chains[column]
        words = self._words(record.snippet)
        # An article never loses its 'Updated on' date; a record without one may still be
        # a page cut short, so this weighs, but forbids nothing.
        return rank(
            dated=record.updated is not None or chain.updated is None,
            distance=chain.distance(record.views, when),
            similar=max(similarity(words, self._words(snippet)) for snippet in chain.snippets),
        )

    def _words(self, snippet: str) -> frozenset[str]:
        found = self.words.get(snippet)
        if found is None:
            found = self.words[snippet] = word_set(snippet)
        return found


class _Repeat(NamedTuple):
    """A record that repeats one seen first in its dump (``of``, a position among the firsts),
    and the indexes of the other records seen first that it repeats as well."""

    record: Observation
    of: int
    also: list[int]
    also_count: int


_ALSO_SHOWN: Final = 10
"""A repeat's message lists at most this many other records it repeats (and counts the rest):
a dump listing one record many times must not make the diagnostics grow as its square."""


def _split_repeats(records: list[Observation]) -> tuple[list[Observation], list[_Repeat]]:
    """A dump's records of one block: those seen first, and each repeat with its first copy.

    ``records`` come in index order, so the firsts sharing a record's text and dates are too,
    and the earliest of them is the one it repeats (`is_repeat`): a lookup, not a search.
    """
    if len(records) == 1:
        return records, []  # by far the most common case
    firsts: list[Observation] = []
    repeats: list[_Repeat] = []
    alike: dict[_Copy, list[int]] = {}
    for record in records:
        copy = _copy_of(record)
        same = alike.get(copy)
        if same is not None and is_repeat(firsts[same[0]], record):
            also = [firsts[n].index for n in same[1 : 1 + _ALSO_SHOWN]]
            repeats.append(_Repeat(record, same[0], also, len(same) - 1))
            continue
        alike.setdefault(copy, []).append(len(firsts))
        firsts.append(record)
    return firsts, repeats


def _unmatched(record: Observation, fits: list[int], existing: int) -> str:
    some = "the article" if existing == 1 else f"any of the {existing} articles"
    if fits:
        return f"starts article {{article}}: {some} it fits went to other records of its dump"
    if record.views is None:
        return (
            "starts article {article}: it shows no count, which reads as no views (the site "
            f"hides a zero), and {some} seen before had views, or a later 'Updated on' date"
        )
    return (
        "starts article {article}: its views or 'Updated on' date would go back in time "
        f"for {some} seen before"
    )
