"""How right a merge is against a known truth: pairwise precision and recall, B-cubed F1,
the same with identical records exchanged, and each wrong observation by cause.

Used by ``benchmarks.simulate``, which keeps the truth of a simulated help center.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import faqparse

__all__ = ["Simulated", "explain", "score"]


@dataclass
class Simulated:
    dumps: list[faqparse.Dump]
    truth: dict[tuple[str, int], int]  # (digest, index) -> true article
    twins: set[int]  # true articles that share their block with another
    retitled: set[int]


def _conditions(dumps: Sequence[faqparse.Dump]) -> dict[tuple[str, int], str]:
    """What each record showed of its views, and whether it repeats an earlier one."""
    found: dict[tuple[str, int], str] = {}
    for dump in dumps:
        seen: set[tuple[str, str, date, date | None]] = set()
        last = len(dump.records) - 1
        for record in dump.records:
            same = (record.title, record.snippet, record.published, record.updated)
            if same in seen and record.views is None:
                what = "a repeated record"
            elif record.views is not None:
                what = "a count"
            elif record.index == last:
                what = "no count (last record)"
            else:
                what = "no count"
            seen.add(same)
            found[(dump.digest, record.index)] = what
    return found


Key = tuple[str, int]
"""An observation: its dump's digest and its index."""


def _pairs(clusters: list[list[Key]], truth: dict[Key, int]) -> tuple[float, float, float]:
    """Pairwise precision and recall, and B-cubed F1, of clusters against the truth."""
    true_size = Counter(truth.values())
    together = pairs = 0
    b_precision = b_recall = 0.0
    for members in clusters:
        inside = Counter(truth[m] for m in members)
        pairs += len(members) * (len(members) - 1) // 2
        together += sum(n * (n - 1) // 2 for n in inside.values())
        for true, n in inside.items():
            b_precision += n * n / len(members)
            b_recall += n * n / true_size[true]
    true_pairs = sum(n * (n - 1) // 2 for n in true_size.values())
    b_p, b_r = b_precision / len(truth), b_recall / len(truth)
    return (
        together / pairs if pairs else 1.0,
        together / true_pairs if true_pairs else 1.0,
        2 * b_p * b_r / (b_p + b_r),
    )


def _identical(dumps: Sequence[faqparse.Dump]) -> list[list[Key]]:
    """Groups of records of one dump that are equal in every field but their position.

    Positions are shuffled, so which of them is which article is not in the dump: no merge
    can do better than chance on them.
    """
    groups = []
    for dump in dumps:
        same: dict[tuple[object, ...], list[Key]] = defaultdict(list)
        for r in dump.records:
            fields = (r.title, r.snippet, r.published, r.updated, r.views, r.category)
            same[fields].append((dump.digest, r.index))
        groups += [members for members in same.values() if len(members) > 1]
    return groups


def _exchanged(
    clusters: list[list[Key]], truth: dict[Key, int], groups: list[list[Key]]
) -> dict[Key, int]:
    """The truth with identical records of a dump exchanged to agree with the merge where
    they can: the truth as far as the records can tell it. An article is what most of its
    records that can be told apart say it is."""
    alike = {member for members in groups for member in members}
    main = {}
    for members in clusters:
        apart = [m for m in members if m not in alike] or members
        common = Counter(truth[m] for m in apart).most_common(1)[0][0]
        main.update(dict.fromkeys(members, common))
    exchanged = dict(truth)
    for members in groups:
        left = Counter(truth[m] for m in members)
        rest = []
        for member in members:
            if left[main[member]] > 0:
                left[main[member]] -= 1
                exchanged[member] = main[member]
            else:
                rest.append(member)
        for member, true in zip(rest, left.elements(), strict=True):
            exchanged[member] = true
    return exchanged


def score(sim: Simulated, catalog: faqparse.Catalog) -> dict[str, object]:
    """Pairwise precision and recall, B-cubed F1, and the wrong observations by cause.

    Also the same figures on the truth as far as the records tell it (``exchangeable``:
    records of one dump equal in every field are taken as the merge placed them, if the
    truth allows), and the wrong observations a merge diagnostic pointed at (``reported``)
    or not (``silent``), those in an article no merge diagnostic points at, on any of its
    observations (``unflagged``), and those that had an identical record in their dump.
    """
    clusters = [[(o.digest, o.index) for o in a.observations] for a in catalog.articles]
    precision, recall, bcubed = _pairs(clusters, sim.truth)
    groups = _identical(sim.dumps)
    exchangeable = _pairs(clusters, _exchanged(clusters, sim.truth, groups))
    alike = {member for members in groups for member in members}
    true_size = Counter(sim.truth.values())
    total = len(sim.truth)
    conditions = _conditions(sim.dumps)
    source_of = {d.source: d.digest for d in sim.dumps}
    reported = {(source_of[d.source], d.span[0]) for d in catalog.diagnostics}
    locale = {(d.digest, r.index): d.locale for d in sim.dumps for r in d.records}
    merges: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    silent = wrong = identical = unflagged = 0
    home: dict[int, tuple[int, int]] = {}  # truth -> (most observations in one article, which)
    for number, members in enumerate(clusters):
        for truth, n in Counter(sim.truth[m] for m in members).items():
            home[truth] = max(home.get(truth, (0, -1)), (n, -number))
    for number, members in enumerate(clusters):
        main = Counter(sim.truth[m] for m in members).most_common(1)[0][0]
        flagged = any(m in reported for m in members)
        for member in members:
            truth = sim.truth[member]
            kind = _kind(sim, truth, locale[member] != locale[members[0]])
            if truth != main:
                merges[f"{kind}, {conditions[member]}"] += 1
            if home[truth][1] != -number:
                splits[f"{kind}, {conditions[member]}"] += 1
            if truth != main or home[truth][1] != -number:
                wrong += 1
                silent += member not in reported
                unflagged += not flagged
                identical += member in alike
    return {
        "records": total,
        "dumps": len(sim.dumps),
        "true_articles": len(true_size),
        "articles": len(clusters),
        "pairwise_precision": precision,
        "pairwise_recall": recall,
        "bcubed_f1": bcubed,
        "exchangeable_precision": exchangeable[0],
        "exchangeable_recall": exchangeable[1],
        "false_merges": dict(merges.most_common()),
        "splits": dict(splits.most_common()),
        "wrong_observations": wrong,
        "reported_errors": wrong - silent,
        "silent_errors": silent,
        "unflagged_errors": unflagged,
        "identical_errors": identical,
        "diagnostics": dict(Counter(str(d.code) for d in catalog.diagnostics)),
    }


def _kind(sim: Simulated, truth: int, other_locale: bool) -> str:
    if other_locale:
        return "another locale"
    if truth in sim.twins:
        return "twin"
    return "retitled" if truth in sim.retitled else "single"


def explain(sim: Simulated, catalog: faqparse.Catalog) -> str:
    """Every block that holds a wrong observation, walked in snapshot order.

    One line per observation: the snapshot time, the dump (a short digest), the record's
    index, its true article and the merged one (as letters, per block), its count, its
    ``Updated on`` date, its snippet (a letter per distinct snippet of the block), the merge
    diagnostic on it, and ``WRONG`` where it is in the wrong article.
    """
    clusters = [[(o.digest, o.index) for o in a.observations] for a in catalog.articles]
    wrong = _wrong(clusters, sim.truth)
    where = {member: number for number, members in enumerate(clusters) for member in members}
    by_key = {(d.digest, r.index): (d, r) for d in sim.dumps for r in d.records}
    source_of = {d.source: d.digest for d in sim.dumps}
    notes = {(source_of[d.source], d.span[0]): str(d.code) for d in catalog.diagnostics}
    blocks: dict[tuple[object, ...], list[Key]] = defaultdict(list)
    for key, (dump, record) in by_key.items():
        title = faqparse.normalize_title(record.title)
        blocks[(title, record.published, dump.locale)].append(key)
    lines = []
    for block, members in sorted(blocks.items(), key=lambda item: str(item[0])):
        if not wrong & set(members):
            continue
        members.sort(key=lambda m: (str(by_key[m][0].captured), m))
        true_names = _letters(sim.truth[m] for m in members)
        merged_names = _letters(where[m] for m in members)
        snippets = _letters(by_key[m][1].snippet for m in members)
        lines.append(f"block {block[0]!r} {block[1]} {block[2]}: {len(members)} observations")
        for m in members:
            dump, record = by_key[m]
            lines.append(
                f"  {dump.captured!s:26} {m[0][:6]} #{m[1]:<3} true {true_names[sim.truth[m]]}"
                f" merged {merged_names[where[m]]} views {record.views!s:>6} updated "
                f"{record.updated!s:10} snippet {snippets[record.snippet]}"
                f" {notes.get(m, ''):16}{' WRONG' if m in wrong else ''}"
            )
    return "\n".join(lines)


def _letters(values: Iterable[Hashable]) -> dict[Hashable, str]:
    names: dict[Hashable, str] = {}
    for value in values:
        if value not in names:
            names[value] = chr(ord("A") + len(names)) if len(names) < 26 else str(len(names))
    return names


def _wrong(clusters: list[list[Key]], truth: dict[Key, int]) -> set[Key]:
    """The observations in the wrong article, as ``score`` counts them."""
    home: dict[int, tuple[int, int]] = {}
    for number, members in enumerate(clusters):
        for true, n in Counter(truth[m] for m in members).items():
            home[true] = max(home.get(true, (0, -1)), (n, -number))
    found = set()
    for number, members in enumerate(clusters):
        main = Counter(truth[m] for m in members).most_common(1)[0][0]
        found |= {m for m in members if truth[m] != main or home[truth[m]][1] != -number}
    return found
