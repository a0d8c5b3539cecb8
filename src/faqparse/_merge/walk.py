"""A block's walk: its dumps one at a time, in snapshot order, each dump's records given the
articles built so far, and the decisions worth reporting.

Each dump's records are assigned by the best assignment that keeps time (``assign``), or,
past ``EXACT`` records of the block in one dump, greedily among a few candidate articles per
record (``greedy``); a record that fits no article starts one. A record repeated further
down its dump without its count is its first copy's article (``repeated-record``), unless
the block has a twin that never showed a count: then it is that twin, whose zero is hidden.
Past ``INDEXED`` articles, the articles a record fits are found through an index of the
block's articles kept along the walk (``fits``), and only the ``CANDIDATES`` nearest by
count are weighed, so that a dump's work grows with its records, not with the block's
articles. ``merge_block`` walks a whole block; the SQLite catalog walks a block on from where an
earlier run stopped. Both word the walk's notes with ``diagnostics``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Final

from .._codes import DiagnosticCode
from .._model import Diagnostic, Observation, Severity, Span
from .assign import assign, explain, rank
from .chain import Chain
from .fits import CANDIDATES, Fits, by_scan
from .greedy import Snippets, greedy
from .keys import BlockKey, Moment, similarity_to, word_set
from .repeats import Repeat, holding_copies, is_repeat, split_repeats

__all__ = ["EXACT", "Note", "Walk", "diagnostics", "holding_copies", "is_repeat", "walk_order"]

EXACT: Final = 8
"""Up to this many records of one block in one dump, the best assignment; past it, greedy."""

INDEXED: Final = CANDIDATES
"""Past this many articles in a block, the articles a record fits are found through an index
kept across the block's dumps (``fits``) rather than by reading them all."""

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
        # Kept up from the first greedy dump on (none in a real block): before, an append
        # costs nothing more than the article's own bookkeeping.
        self._tracking = False
        self._grown: dict[int, None] = {}  # the articles with snippets `snippets` lacks
        self._known = 0  # how many articles the walk has taken in (`chains` may be given)
        self._fits: Fits | None = None  # kept once the block has more than `INDEXED` articles

    def dump(self, records: list[Observation], when: Moment) -> None:
        """Give each record of one dump an article; a repeat goes where its first copy went."""
        firsts, repeats = split_repeats(records)
        chains = self.chains
        if self._tracking and self._known < len(chains):  # articles given (the catalog's)
            self._grown.update(dict.fromkeys(range(self._known, len(chains))))
            self._known = len(chains)
        if self._fits is not None:
            self._fits.move(when)
        elif len(chains) > INDEXED:
            self._fits = Fits(chains, when)
        if len(firsts) == 1 and len(chains) == 1 and chains[0].fits(firsts[0], when):
            picked = [0]  # by far the most common case: nothing to choose
            self._join(firsts[0], 0, when)
        else:
            picked = self.add(firsts, when)
        if not repeats:
            return
        # The articles without a count that no record of this dump went to: a repeat may be
        # such a twin, whose zero is hidden. Only the picked ones change in this dump.
        fits = self._fits
        unpicked: list[int] = []
        if fits is None:
            taken = set(picked)
            unpicked = [
                c for c, chain in enumerate(chains) if chain.views is None and c not in taken
            ]
        else:
            for column in picked:
                fits.set_aside(column)
        for repeat in repeats:
            column = self._repeat(repeat, firsts[repeat.of], picked[repeat.of], when, unpicked)
            self._append(repeat.record, column, when)
            picked.append(column)
        if fits is not None:
            fits.restore()

    def _repeat(
        self,
        repeat: Repeat,
        first: Observation,
        column: int,
        when: Moment,
        unpicked: list[int],
    ) -> int:
        """The article of a record that repeats ``first`` (its ``column``) but for a count.

        Either the same record listed again or a twin whose zero is hidden: the record
        cannot tell. A twin that has never shown a count says twin; otherwise it is the same
        record, however often the dumps repeat it (a page layout can list it twice every time).
        ``repeat.also`` holds the indexes of the other records of the dump it repeats as well
        (twins listed with one excerpt, one without a count): the first listed is taken, and
        said. ``unpicked`` are the twins that have never shown a count and have no record of
        this dump yet (or, with the block's index, the index knows them); the one taken leaves.
        """
        same = f"is identical to record {first.index} of its dump but for its count"
        hidden = self._hidden(repeat.record, when, unpicked)
        if hidden is not None:
            template = (
                f"{same}, and was put in article {{article}}, a twin that has never shown a "
                "count, rather than read as a repeat"
            )
            twin = self.chains[hidden]
            self.notes.append((repeat.record, twin, DiagnosticCode.WEAK_MATCH, template))
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
            f"count): one article, {{article}}, not twins (a twin whose zero is hidden, seen "
            f"with it, would look the same){alike}"
        )
        chain = self.chains[column]
        self.notes.append((repeat.record, chain, DiagnosticCode.REPEATED_RECORD, template))
        return column

    def _hidden(self, record: Observation, when: Moment, unpicked: list[int]) -> int | None:
        """The first twin that has never shown a count and that the record fits, taken."""
        fits = self._fits
        if fits is not None:
            found = fits.countless(record)
            if found is not None:
                fits.set_aside(found)
            return found
        chains = self.chains
        found = next((c for c in unpicked if chains[c].fits(record, when)), None)
        if found is not None:
            unpicked.remove(found)
        return found

    def fitting(self, record: Observation, when: Moment) -> list[int]:
        """The articles a record fits, in order; only the ``CANDIDATES`` nearest past that."""
        if self._fits is not None:
            return self._fits.nearest(record)
        return sorted(by_scan(record, self.chains, when))

    def add(self, records: list[Observation], when: Moment) -> list[int]:
        """Give each record of one dump an article: an existing one it fits, or a new one."""
        chains = self.chains
        picks: list[int | None]
        if len(records) > EXACT:
            picks, fitting = self._greedy(records, when)
        else:
            fitting = [self.fitting(record, when) for record in records]
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
            column = len(chains) - 1 if pick is None else pick
            if pick is not None and len(fits) == 1:
                self._join(record, column, when)
            else:
                self._append(record, column, when)
            picked.append(column)
        return picked

    def _append(self, record: Observation, column: int, when: Moment) -> None:
        """Add a record to an article, keeping the walk's indexes of its articles up."""
        chain = self.chains[column]
        if not self._tracking:
            chain.append(record, when)
        else:
            snippets = len(chain.snippets)
            chain.append(record, when)
            if len(chain.snippets) > snippets:
                self._grown[column] = None
            if column == self._known:
                self._known += 1
        if self._fits is not None:
            self._fits.appended(column, record, when)

    def _join(self, record: Observation, column: int, when: Moment) -> None:
        """Add a record to the only article it fits, reporting a missing count after views.

        No count after views is either a count cut off (a page stored up to a byte limit) or
        a twin whose zero is hidden, seen before its sibling: the first is taken, and said.
        """
        chain = self.chains[column]
        if record.views is None and chain.views:
            template = (
                f"shows no count, though article {{article}} had {chain.views:,} views: taken "
                "as that article (a count cut off?) rather than a twin whose zero is hidden"
            )
            self.notes.append((record, chain, DiagnosticCode.WEAK_MATCH, template))
        self._append(record, column, when)

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
        Every pick that had a rival among the pairs considered is reported.

        The greedy is given the articles a record fits (``fitting``: the ``CANDIDATES``
        nearest, past that many) and, when no more than that many showed a record's snippet,
        those of them it fits: the dump's work grows with its records, not with the block's
        articles. A record left without an article while one it fits is free (it fitted more
        than the greedy was given) then takes the nearest such, as ``fitting`` ranks them.
        """
        fits = self._fits
        if self._tracking:
            self.snippets.update(self.chains, self._grown)
        else:  # the block's first greedy dump: every article so far, then as they grow
            self.snippets.update(self.chains)
            self._tracking, self._known = True, len(self.chains)
        self._grown.clear()
        having = self.snippets.having
        given: set[int] = set()
        for record in records:
            given.update(self.fitting(record, when))
            shown = having.get(record.snippet, ())
            if len(shown) <= CANDIDATES:
                given.update(c for c in shown if self._fits_now(c, record, when))
        columns = sorted(given)
        chains = [self.chains[c] for c in columns]
        bounds = [
            chain.bounds(when) if fits is None else fits.bound(column)
            for chain, column in zip(chains, columns, strict=True)
        ]
        position = {column: n for n, column in enumerate(columns)}
        showed: dict[str, list[int]] = {}
        for snippet in dict.fromkeys(record.snippet for record in records):
            # Of the articles given, those that showed the snippet, whichever list is shorter.
            showing = having.get(snippet, [])
            if len(showing) <= len(chains):
                found = [position[c] for c in showing if c in position]
            else:
                found = [n for n, chain in enumerate(chains) if snippet in chain.snippets]
            if found:
                showed[snippet] = found
        picks, fitting = greedy(
            records,
            chains,
            bounds,
            showed,
            lambda record, n: self._score(record, columns[n], when),
        )
        picks = [None if pick is None else columns[pick] for pick in picks]
        fitting = [[columns[n] for n in fits] for fits in fitting]
        self._leftovers(records, picks, fitting, when)
        self.note_greedy(records, picks, fitting)
        return picks, fitting

    def note_greedy(
        self,
        records: list[Observation],
        picks: list[int | None],
        fitting: list[list[int]],
    ) -> None:
        """Say ``weak-match`` of each record the greedy put in an article it was not alone
        in fitting, or that another record fitted too."""
        rivals = Counter(column for fits in fitting for column in fits)
        why = (
            "was put in article {article} greedily, by view counts and snippet similarity: "
            f"{len(records)} records of its dump share its title and date"
        )
        for row, pick in enumerate(picks):
            if pick is not None and (len(fitting[row]) > 1 or rivals[pick] > 1):
                self.notes.append((records[row], self.chains[pick], DiagnosticCode.WEAK_MATCH, why))

    def _leftovers(
        self,
        records: list[Observation],
        picks: list[int | None],
        fitting: list[list[int]],
        when: Moment,
    ) -> None:
        """Give each record the greedy left without an article the nearest free one it fits."""
        taken = {pick for pick in picks if pick is not None}
        fits = self._fits
        if fits is not None:
            for column in taken:
                fits.set_aside(column)
        for row, pick in enumerate(picks):
            if pick is not None:
                continue
            if fits is not None:
                found = fits.first(records[row])
            else:
                found = next(
                    iter(by_scan(records[row], self.chains, when, taken, ranked=True)), None
                )
            if found is not None:
                picks[row] = found
                fitting[row].append(found)
                taken.add(found)
                if fits is not None:
                    fits.set_aside(found)
        if fits is not None:
            fits.restore()

    def _fits_now(self, column: int, record: Observation, when: Moment) -> bool:
        fits = self._fits
        if fits is None:
            return self.chains[column].fits(record, when)
        return fits.fits(column, record)

    def _score(self, record: Observation, column: int, when: Moment) -> int:
        """The agreement of the dates, the nearness of the view counts, then snippet
        similarity, as one exact integer (see ``rank``).

        Nearness is from the count the article is expected to show at ``when``. No count
        reads as no views. The snippet is compared with the snippets the article has had
        (``similarity_to``).
        """
        chain = self.chains[column]
        # An article never loses its 'Updated on' date; a record without one may still be
        # a page cut short, so this weighs, but forbids nothing.
        return rank(
            dated=record.updated is not None or chain.updated is None,
            distance=chain.distance(record.views, when),
            similar=similarity_to(record.snippet, chain.snippets, self._words),
        )

    def _words(self, snippet: str) -> frozenset[str]:
        found = self.words.get(snippet)
        if found is None:
            found = self.words[snippet] = word_set(snippet)
        return found


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
