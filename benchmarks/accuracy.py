"""How right a merge is against a known truth: pairwise precision and recall, B-cubed F1,
the same with identical records exchanged, and each wrong observation by cause.

Used by ``benchmarks.simulate``, which keeps the truth of a simulated help center.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import faqparse

__all__ = ["Simulated", "score"]


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
    or not (``silent``), and those among them that had an identical record in their dump.
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
    silent = wrong = identical = 0
    home: dict[int, tuple[int, int]] = {}  # truth -> (most observations in one article, which)
    for number, members in enumerate(clusters):
        for truth, n in Counter(sim.truth[m] for m in members).items():
            home[truth] = max(home.get(truth, (0, -1)), (n, -number))
    for number, members in enumerate(clusters):
        main = Counter(sim.truth[m] for m in members).most_common(1)[0][0]
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
        "identical_errors": identical,
        "diagnostics": dict(Counter(str(d.code) for d in catalog.diagnostics)),
    }


def _kind(sim: Simulated, truth: int, other_locale: bool) -> str:
    if other_locale:
        return "another locale"
    if truth in sim.twins:
        return "twin"
    return "retitled" if truth in sim.retitled else "single"
