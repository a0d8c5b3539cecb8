"""A help center simulated over time, with the truth kept: how often the merge is right.

The simulator keeps a help center of articles in several locales for some weeks: views that
grow (or stay hidden at zero, or are never shown, as on announcements), updates that change
the text, retitles that only touch case, spaces, quotes or dashes, new articles, twins (one
title and published date, two articles), near-identical titles (`(web)` and `(app)`). Every
day, queries are run on it: each query finds its articles and shows an excerpt of each (the
same query, the same excerpt), in a shuffled order, as a dump. Some dumps carry only their
day (several of them a day, with no order among them), some a time; a few repeat a record
without its count, a few are cut before the last count.

The dumps are built as `faqparse.Dump` objects directly (the merge is what is measured, not
the parser), merged with a `faqparse.Catalog`, and scored against the truth: pairwise
precision and recall, B-cubed F1, and each wrong observation by cause, with whether a merge
diagnostic pointed at it.

    python -m benchmarks.simulate                       # seeds 1 to 6
    python -m benchmarks.simulate --seed 3 --seed 9 --days 60 --json out.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

import faqparse

from .accuracy import Simulated, explain, score

__all__ = ["Help", "Simulated", "explain", "main", "score", "simulate"]

START: Final = date(2026, 5, 1)
LOCALES: Final = (("en", 1.0, 20), ("sv", 0.3, 5), ("fr", 0.3, 5))
"""Each locale: the share of the English articles it has, and its dumps a day."""
CATEGORIES: Final = (("FAQ", 0.75), ("Announcements", 0.15), ("Product documentation", 0.10))
P_TWIN: Final = 0.02  # of articles: a second article with the same title and published date
P_WEB_APP: Final = 0.02  # of articles: a `(web)` and an `(app)` version
P_RETITLE: Final = 0.05
P_STILL: Final = 0.15  # neither views nor text change during the whole simulation
P_HIDDEN_ZERO: Final = 0.25  # of twins: no views (no count shown) for a while, then a few
P_SAME_TITLE: Final = 0.2  # of translated articles: the English title kept (a product name)
P_TIMED: Final = 0.4  # of dumps: captured at a time, not only a day
P_TAGGED: Final = 0.5  # of dumps: a search across categories, records carry their tag
P_REPEAT: Final = 0.03  # of dumps: one record repeated further down, without its count
P_CUT: Final = 0.02  # of dumps: the last record's count cut off (the count is missing)
QUERIES: Final = 40  # per locale
_WORDS: Final = tuple(
    a + b
    for a in ("ac", "ba", "co", "de", "fi", "ga", "lo", "ma", "ne", "po", "ri", "su", "ve", "wa")
    for b in ("nt", "rd", "lk", "ss", "ne", "te", "x", "m", "ps", "ld", "re", "sh")
)
_PREFIXES: Final = ("How do I", "Why did my", "What is", "What's", "Where can I find", "Can I")


@dataclass
class Article:
    """One true article in one locale; its state at any time is a function of the time."""

    truth: int
    locale: str
    titles: list[tuple[float, str]]  # (from day, title as written)
    published: date
    born: float
    category: str
    base: float  # views at day 0; below 1 for a hidden-zero start
    rate: float  # views a day
    updates: list[tuple[float, date | None, list[str]]]  # (from day, updated, body words)

    def state(self, day: float) -> tuple[str, date | None, list[str], int]:
        title = next(t for since, t in reversed(self.titles) if since <= day)
        _, updated, body = next(u for u in reversed(self.updates) if u[0] <= day)
        if self.born > 0:  # a new article starts from no views
            return title, updated, body, max(0, math.floor(self.rate * (day - self.born)))
        return title, updated, body, max(0, math.floor(self.base + self.rate * day))


@dataclass
class Help:
    """The help center: articles, and per locale the queries (articles and excerpt offsets)."""

    articles: list[Article] = field(default_factory=list)
    queries: dict[str, list[list[tuple[Article, int, int]]]] = field(default_factory=dict)


def _title(rng: random.Random) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4)))
    joint = rng.choice((" ", " - ", " and ", "-"))
    return f"{rng.choice(_PREFIXES)} {words}{joint}{rng.choice(_WORDS)}?"


def _variant(rng: random.Random, title: str) -> str:
    """The same title as the site may rewrite it: case, spaces, quotes or dashes."""
    choice = rng.randrange(4)
    if choice == 0:
        return title.upper() if rng.random() < 0.3 else title.lower()
    if choice == 1:
        return title.replace(" ", "  ", 1) + " "
    if choice == 2 and "'" in title:
        return title.replace("'", "\u2019")
    return title.replace("-", "\u2013") if "-" in title else title.replace(" ", "\u00a0", 1)


def _body(rng: random.Random) -> list[str]:
    return [rng.choice(_WORDS) for _ in range(rng.randint(60, 120))]


Updates = list[tuple[float, date | None, list[str]]]


def _updates(rng: random.Random, body: list[str], days: int, still: bool) -> Updates:
    first = None if rng.random() < 0.03 else START - timedelta(days=rng.randint(1, 400))
    updates: Updates = [(-1e9, first, body)]
    if still:
        return updates
    for _ in range(rng.randint(0, 3)):
        day = rng.uniform(0, days)
        edited = list(body)
        at = rng.randrange(len(edited) - 10)
        edited[at : at + rng.randint(3, 10)] = [rng.choice(_WORDS) for _ in range(6)]
        updates.append((day, START + timedelta(days=math.ceil(day)), edited))
        body = edited
    updates.sort(key=lambda u: u[0])
    return updates


def _article(
    rng: random.Random,
    help_: Help,
    locale: str,
    title: str,
    *,
    published: date,
    days: int,
    body: list[str] | None = None,
) -> Article:
    still = rng.random() < P_STILL
    category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
    base = math.exp(rng.uniform(0, 9)) if rng.random() < 0.8 else rng.uniform(-20, 3)
    article = Article(
        truth=len(help_.articles),
        locale=locale,
        titles=[(-1e9, title)],
        published=published,
        born=rng.uniform(0, days) if rng.random() < 0.1 else -1.0,
        category=category,
        base=base,
        rate=0.0 if still else math.exp(rng.uniform(-2, 4)),
        updates=_updates(rng, body or _body(rng), days, still),
    )
    if not still and rng.random() < P_RETITLE:
        article.titles.append((rng.uniform(0, days), _variant(rng, title)))
    help_.articles.append(article)
    return article


def _twin(rng: random.Random, help_: Help, of: Article, days: int) -> Article:
    """A second article of the same block, its text one or two words away (as on the site).

    Twins are FAQ articles, as in the seeds, and one of the two always shows a count: twins
    with no count on either side (announcements) leave nothing but the odd different word of
    an excerpt to tell them apart, and no rule can be measured on them.
    """
    of.category = "FAQ"
    of.base = max(of.base, 1.0)
    body = list(of.updates[0][2])
    for _ in range(rng.randint(1, 2)):
        body[rng.randrange(len(body))] = rng.choice(_WORDS)
    twin = _article(
        rng, help_, of.locale, of.titles[0][1], published=of.published, days=days, body=body
    )
    twin.category = of.category
    if rng.random() < P_HIDDEN_ZERO:
        twin.rate = rng.uniform(0.05, 0.5)
        twin.base = -twin.rate * rng.uniform(0, days)
    elif rng.random() < 0.3:  # counts near each other, growing at different rates
        twin.base = of.base * rng.uniform(0.9, 1.1)
    if rng.random() < 0.5:  # updated together
        twin.updates = [(since, updated, body) for since, updated, _ in of.updates]
    return twin


def build(seed: int, articles: int, days: int) -> Help:
    rng = random.Random(seed)
    help_ = Help()
    english: list[Article] = []
    while len(english) < articles:
        published = START - timedelta(days=rng.randint(30, 1500))
        title = _title(rng)
        if rng.random() < P_WEB_APP:
            body = _body(rng)
            for form in ("(web)", "(app)"):
                english.append(
                    _article(
                        rng,
                        help_,
                        "en",
                        f"{title} {form}",
                        published=published,
                        days=days,
                        body=body,
                    )
                )
            continue
        first = _article(rng, help_, "en", title, published=published, days=days)
        english.append(first)
        if rng.random() < P_TWIN:
            english.append(_twin(rng, help_, first, days))
    for locale, share, _ in LOCALES[1:]:
        for original in english:
            if rng.random() < share:
                title = original.titles[0][1] if rng.random() < P_SAME_TITLE else _title(rng)
                _article(rng, help_, locale, title, published=original.published, days=days)
    for locale, _, _ in LOCALES:
        mine = [a for a in help_.articles if a.locale == locale]
        help_.queries[locale] = [_query(rng, mine) for _ in range(QUERIES)]
    return help_


def _query(rng: random.Random, articles: list[Article]) -> list[tuple[Article, int, int]]:
    """A query's articles, each with the excerpt it shows: its offset and length in words.

    The excerpt is where the query's words are, so twins (nearly the same text) show the same.
    """
    excerpts: dict[tuple[str, date], tuple[int, int]] = {}
    found = []
    for article in _found(rng, articles):
        block = (article.titles[0][1], article.published)
        offset, length = excerpts.setdefault(block, (rng.randrange(40), rng.randint(12, 30)))
        found.append((article, offset, length))
    return found


def _found(rng: random.Random, articles: list[Article]) -> list[Article]:
    """A query's articles: a twin is found by the same queries as its sibling, mostly."""
    picked = set(rng.sample(range(len(articles)), min(len(articles), rng.randint(8, 25))))
    by_block: dict[tuple[str, date], list[int]] = defaultdict(list)
    for n, article in enumerate(articles):
        by_block[(article.titles[0][1], article.published)].append(n)
    for block in by_block.values():
        if len(block) > 1 and picked & set(block) and rng.random() < 0.8:
            picked |= set(block)
    return [articles[n] for n in sorted(picked)]


def simulate(seed: int, *, articles: int = 600, days: int = 40) -> Simulated:
    help_ = build(seed, articles, days)
    rng = random.Random(seed * 7919 + 1)
    dumps: list[faqparse.Dump] = []
    truth: dict[tuple[str, int], int] = {}
    for day in range(days):
        for locale, _, per_day in LOCALES:
            for _ in range(per_day):
                dump, truths = _dump(rng, help_, locale, day, len(dumps))
                dumps.append(dump)
                truth.update({(dump.digest, n): t for n, t in enumerate(truths)})
    blocks = Counter((a.locale, a.titles[0][1], a.published) for a in help_.articles)
    twins = {a.truth for a in help_.articles if blocks[(a.locale, a.titles[0][1], a.published)] > 1}
    retitled = {a.truth for a in help_.articles if len(a.titles) > 1}
    return Simulated(dumps, truth, twins, retitled)


def _dump(rng: random.Random, help_: Help, locale: str, day: int, number: int
          ) -> tuple[faqparse.Dump, list[int]]:  # fmt: skip
    hours = rng.uniform(0, 24)
    at = day + hours / 24  # when the page was read: a date-only dump does not say
    timed = rng.random() < P_TIMED
    captured: date = datetime.combine(START, datetime.min.time()) + timedelta(days=at)
    if not timed:
        captured = START + timedelta(days=day)
    tagged = rng.random() < P_TAGGED
    found = [hit for hit in rng.choice(help_.queries[locale]) if hit[0].born <= at]
    rng.shuffle(found)
    rows = []
    for article, offset, length in found:
        title, updated, body, views = article.state(at)
        snippet = " ".join(body[offset : offset + length])
        shown = None if views == 0 or article.category == "Announcements" else views
        rows.append((article.truth, title, snippet, article.published, updated, shown,
                     article.category if tagged else None))  # fmt: skip
    if rows and rng.random() < P_REPEAT:
        repeated = rng.choice(rows)
        rows.insert(
            rng.randint(rows.index(repeated) + 1, len(rows)), (*repeated[:5], None, repeated[6])
        )
    if rows and rng.random() < P_CUT:
        rows[-1] = (*rows[-1][:5], None, rows[-1][6])
    source = f"{locale}-{captured.isoformat()}-{number}.txt"
    records = tuple(
        faqparse.Record(title=title, snippet=snippet, published=published, updated=updated,
                        views=views, source=source, index=n, span=(n, n + 1), category=category)
        for n, (_, title, snippet, published, updated, views, category) in enumerate(rows)
    )  # fmt: skip
    digest = hashlib.sha256(repr((source, rows)).encode()).hexdigest()
    dump = faqparse.Dump(
        source=source,
        records=records,
        header=(),
        diagnostics=(),
        digest=digest,
        captured=captured,
        captured_from=None,
        locale=locale,
    )
    return dump, [row[0] for row in rows]


def run(seed: int, articles: int, days: int) -> tuple[Simulated, faqparse.Catalog]:
    """The simulated dumps of a seed, and the catalog they merge into."""
    sim = simulate(seed, articles=articles, days=days)
    catalog = faqparse.Catalog()
    for dump in sim.dumps:
        catalog.add(dump)
    return sim, catalog


def run_seed(seed: int, articles: int, days: int) -> dict[str, object]:
    sim, catalog = run(seed, articles, days)
    return {"seed": seed, **score(sim, catalog)}


def render(results: list[dict[str, object]]) -> str:
    lines = [
        f"{'seed':>4}{'records':>9}{'dumps':>7}{'true':>6}{'merged':>8}"
        f"{'precision':>11}{'recall':>9}{'B3 F1':>8}{'exch. P':>9}{'exch. R':>9}"
        f"{'wrong':>7}{'reported':>9}{'silent':>7}{'unflagged':>10}{'identical':>10}"
    ]
    for r in results:
        lines.append(
            f"{r['seed']:>4}{r['records']:>9}{r['dumps']:>7}{r['true_articles']:>6}"
            f"{r['articles']:>8}{r['pairwise_precision']:>11.5f}{r['pairwise_recall']:>9.5f}"
            f"{r['bcubed_f1']:>8.5f}{r['exchangeable_precision']:>9.5f}"
            f"{r['exchangeable_recall']:>9.5f}{r['wrong_observations']:>7}"
            f"{r['reported_errors']:>9}{r['silent_errors']:>7}{r['unflagged_errors']:>10}"
            f"{r['identical_errors']:>10}"
        )
    for r in results:
        lines.append(f"seed {r['seed']}: diagnostics {r['diagnostics']}")
        for name in ("false_merges", "splits"):
            value = r[name]
            assert isinstance(value, dict)
            for cause, n in value.items():
                lines.append(f"  {name.replace('_', ' ')[:-1]}: {n} observations: {cause}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.simulate",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--seed", type=int, action="append", help="repeatable (default 1-6)")
    parser.add_argument("--articles", type=int, default=600, help="English articles (600)")
    parser.add_argument("--days", type=int, default=40, help="days scraped (40)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON here")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also print every block with a wrong observation, in snapshot order",
    )
    args = parser.parse_args(argv)
    results = []
    for seed in args.seed or range(1, 7):
        sim, catalog = run(seed, args.articles, args.days)
        results.append({"seed": seed, **score(sim, catalog)})
        if args.explain:
            print(f"seed {seed}:\n{explain(sim, catalog)}")
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
