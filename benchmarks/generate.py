"""Seeded generators of search dumps for the benchmarks.

``generate(size_bytes, seed)`` writes a large dump in the layout of the seeds (the bundled
samples), with every variant of the format (docs/format.md) in realistic proportions;
``generate_dump`` also says what a correct parser must read from it. ``generate_snapshots``
writes many small dumps of the same articles taken over time (views growing), for the merge.
``ADVERSARIAL`` builds inputs meant to find super-linear paths in the parser.

    python -m benchmarks.generate --size 50MB --seed 1 -o /tmp/big.txt
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final, NamedTuple

import faqparse

__all__ = [
    "ADVERSARIAL",
    "HEADER",
    "ExpectedRecord",
    "Generated",
    "Snapshot",
    "generate",
    "generate_dump",
    "generate_snapshots",
    "main",
    "parse_size",
]

TABS: Final = ("All", "FAQ", "Announcements", "Product documents")
HEADER: Final = "".join(f"{tab}\n" for tab in TABS)

# Proportions. The seeds have all counts and all updated dates; other dumps miss a few.
P_NO_UPDATED: Final = 0.03
P_NO_VIEWS: Final = 0.04
P_BIG_VIEWS: Final = 0.04  # 50,000 to 1,234,567 views; the rest is log-uniform from 1
P_SEED_TITLE: Final = 0.35
P_UNICODE_TITLE: Final = 0.03
P_DIGIT_TITLE: Final = 0.08  # after a comma-grouped count (or at a page start), where it is safe
P_AMBIGUOUS: Final = 0.01  # after a three-digit count: the spec's ambiguous-views case
P_MID_SENTENCE: Final = 0.10
P_ELLIPSIS: Final = 0.12
P_UNICODE_ELLIPSIS: Final = 0.05
P_LIST_NUMBER_END: Final = 0.03
P_LONG_SNIPPET: Final = 0.005
P_MULTILINE: Final = 0.005
P_EN_US_PAGE: Final = 0.5
P_GLUED_HEADER: Final = 0.5  # `13,972All`: the next page's header right after a count
PAGE_RECORDS: Final = (10, 40)

_DATE: Final = r"(?:\d{1,2} [A-Za-z]{3,9} \d{4}|[A-Za-z]{3,9} \d{1,2}, \d{4})"
_SEED_ANCHOR: Final = re.compile(
    rf"Published on {_DATE}(?:Updated on {_DATE})?(?:\d{{1,3}}(?:,\d{{3}})*)?"
)
_SENTENCE_BREAK: Final = re.compile(r"(?<=[.?!])\s+(?=[A-Z])|(?<=[a-z][.?!])(?=[A-Z])")
_LABEL_WORDS: Final = re.compile(r"(?i)published|updated\s+on")
_TITLE_PREFIXES: Final = (
    "How do I", "Why did my", "What is", "What should I do if", "Why do I need to",
    "Why is my", "What can I do if", "How can I", "Where can I find",
)  # fmt: skip
_UNICODE_TITLES: Final = (
    "What is “Auto-Confirm” and how do I turn it on?",
    "Face recognition – related issues",  # noqa: RUF001
    "Passkeys — what’s changed in the app?",  # noqa: RUF001
    "Why can’t I log in? 🔐",  # noqa: RUF001
    "🚀 New listings: what you need to know",
    "Comment vérifier mon identité ?",
    "¿Cómo deposito criptomonedas?",
    "Wie storniere ich eine Auszahlung?",
    "如何完成身份认证？",  # noqa: RUF001
    "本人確認が失敗した理由は何ですか？",  # noqa: RUF001
    "계정 보안을 강화하려면 어떻게 해야 하나요?",
    "Qu’est-ce que la « Travel Rule » ?",  # noqa: RUF001
)
_DIGIT_TITLES: Final = (
    "2FA setup: how do I link an authenticator app?",
    "24/7 support: how do I reach customer service?",
    "3 ways to secure your account",
    "100x leverage: what are the risks?",
    "1-click buy: how does it work?",
    "5 tips for safer withdrawals",
    "2024 tax report: where do I download it?",
)
_US_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_GB_MONTHS: Final = tuple("Sept" if month == "Sep" else month for month in _US_MONTHS)
_FIRST_DAY: Final = date(2018, 1, 1)
_DAYS: Final = [_FIRST_DAY + timedelta(days=n) for n in range((date(2027, 1, 1) - _FIRST_DAY).days)]
_GB: Final = [f"{d.day} {_GB_MONTHS[d.month - 1]} {d.year}" for d in _DAYS]
_US: Final = [f"{_US_MONTHS[d.month - 1]} {d.day}, {d.year}" for d in _DAYS]
_PUBLISHED_FROM: Final = (date(2019, 1, 1) - _FIRST_DAY).days
_LATEST: Final = (date(2026, 6, 4) - _FIRST_DAY).days


class ExpectedRecord(NamedTuple):
    """What a correct parser reads for one generated record."""

    title: str
    snippet: str
    published: date
    updated: date | None
    views: int | None


@dataclass(frozen=True)
class Generated:
    """A generated dump and what a correct parser must find in it."""

    text: str
    size_bytes: int
    records: int
    expected_diagnostics: dict[str, int]
    """Diagnostic codes docs/format.md requires for this text, with their counts."""
    variants: dict[str, int]
    """How many records (or pages) carry each variant of the format."""
    expected: tuple[ExpectedRecord, ...] = ()
    """Every record, when asked for with ``keep_records``."""


class Snapshot(NamedTuple):
    """One small dump of a series: its name, text, snapshot time and the articles it shows."""

    source: str
    text: str
    captured: datetime
    articles: tuple[int, ...]


@dataclass(frozen=True)
class _Vocabulary:
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    words: tuple[str, ...]
    snippet_lengths: tuple[int, ...]


@functools.cache
def _vocabulary() -> _Vocabulary:
    """Titles, sentences and words of the bundled seed dumps (read without the parser)."""
    titles: set[str] = set()
    snippets: list[str] = []
    for path in faqparse.sample_paths():
        text = path.read_text(encoding="utf-8")
        for region in _SEED_ANCHOR.split(text)[:-1]:
            lines = [line.strip() for line in region.splitlines()]
            lines = [line for line in lines if line and line not in TABS]
            titles.add(lines[0])
            snippets.append(" ".join(lines[1:]))
    sentences = {
        part.strip()
        for snippet in snippets
        for part in _SENTENCE_BREAK.split(snippet)
        if len(part.strip()) >= 20 and not _LABEL_WORDS.search(part)
    }
    words = {word.lower() for word in re.findall(r"[A-Za-z]{4,}", " ".join(snippets))}
    return _Vocabulary(
        titles=tuple(sorted(titles)),
        sentences=tuple(sorted(sentences)),
        words=tuple(sorted(words - {"published", "updated"})),
        snippet_lengths=tuple(sorted(len(s) for s in snippets)),
    )


def _views(rng: random.Random) -> int:
    if rng.random() < P_BIG_VIEWS:
        return min(int(10 ** rng.uniform(4.7, 6.1)), 1_234_567)
    return int(10 ** rng.uniform(0, 4.7))


def _snippet(rng: random.Random, vocab: _Vocabulary, variants: Counter[str]) -> str:
    """Seed sentences joined the way excerpts are: glued, numbered, cut short."""
    if rng.random() < P_LONG_SNIPPET:
        target = rng.randint(2_000, 20_000)
        variants["long-snippet"] += 1
    else:
        target = int(rng.choice(vocab.snippet_lengths) * rng.uniform(0.7, 1.3))
    sentences = vocab.sentences
    parts = [rng.choice(sentences)]
    length = len(parts[0])
    while length < target:
        part = sentences[int(rng.random() * len(sentences))]
        roll = rng.random()
        parts.append(" " if roll < 0.85 else "" if roll < 0.95 else f"{rng.randint(1, 9)}. ")
        parts.append(part)
        length += len(part) + 1
    if rng.random() < P_MID_SENTENCE:  # an excerpt that starts mid-sentence
        words = parts[0].split(" ")
        parts[0] = " ".join(words[rng.randint(1, max(1, len(words) // 2)) :]) or parts[0]
    if len(parts) > 2 and rng.random() < P_MULTILINE:
        parts[1] = "\n"
        variants["multiline-snippet"] += 1
    roll = rng.random()
    if roll < P_ELLIPSIS + P_UNICODE_ELLIPSIS:
        words = parts[-1].split(" ")
        parts[-1] = " ".join(words[: rng.randint(1, len(words))]).rstrip(" .")
        parts.append("..." if roll < P_ELLIPSIS else "…")
        variants["ellipsis"] += 1
    elif roll < P_ELLIPSIS + P_UNICODE_ELLIPSIS + P_LIST_NUMBER_END:
        parts.append(f" {rng.randint(1, 9)}.")  # `new orders. 7.Published on`
    return "".join(parts).strip()


def _title(rng: random.Random, vocab: _Vocabulary) -> str:
    roll = rng.random()
    if roll < P_SEED_TITLE:
        return rng.choice(vocab.titles)
    if roll < P_SEED_TITLE + P_UNICODE_TITLE:
        return rng.choice(_UNICODE_TITLES)
    words = rng.sample(vocab.words, rng.randint(2, 6))
    return f"{rng.choice(_TITLE_PREFIXES)} {' '.join(words)}?"


def _record(title: str, snippet: str, published: str, updated: str | None, views: str) -> str:
    updated_part = "" if updated is None else f"Updated on {updated}"
    return f"{title}\n{snippet}Published on {published}{updated_part}{views}"


def generate_dump(size_bytes: int, seed: int, *, keep_records: bool = False) -> Generated:
    """A dump of at least ``size_bytes`` UTF-8 bytes (it ends after the record that gets there)."""
    rng, vocab = random.Random(seed), _vocabulary()
    pieces, size, records = [HEADER], len(HEADER), 0
    expected: list[ExpectedRecord] = []
    variants: Counter[str] = Counter(pages=1)
    diagnostics: Counter[str] = Counter()
    page_left, dates = rng.randint(*PAGE_RECORDS), _US if rng.random() < P_EN_US_PAGE else _GB
    previous_views: int | None = None
    at_page_start = True
    while size < size_bytes:
        if page_left == 0:  # pages concatenated: the header block again
            glued = previous_views is not None and rng.random() < P_GLUED_HEADER
            pieces.append(HEADER if glued else "\n" + HEADER)
            size += len(pieces[-1])
            page_left = rng.randint(*PAGE_RECORDS)
            dates = _US if rng.random() < P_EN_US_PAGE else _GB
            variants["pages"] += 1
            at_page_start = True
        grouped = previous_views is not None and previous_views >= 1000
        three_digits = previous_views is not None and 100 <= previous_views <= 999
        if (at_page_start or grouped) and rng.random() < P_DIGIT_TITLE:
            title = rng.choice(_DIGIT_TITLES)
            variants["digit-title-after-grouped-count" if grouped else "digit-title"] += 1
        elif three_digits and not at_page_start and rng.random() < P_AMBIGUOUS:
            title = rng.choice(_DIGIT_TITLES)  # `1302FA`: longest count kept, reported
            diagnostics["ambiguous-views"] += 1
            variants["ambiguous-views"] += 1
        else:
            title = _title(rng, vocab)
        snippet = _snippet(rng, vocab, variants)
        published = rng.randint(_PUBLISHED_FROM, _LATEST - 30)
        updated = None if rng.random() < P_NO_UPDATED else rng.randint(published, _LATEST)
        views = None if rng.random() < P_NO_VIEWS else _views(rng)
        views_text = "" if views is None else f"{views:,}"
        record = _record(
            title,
            snippet,
            dates[published],
            None if updated is None else dates[updated],
            views_text,
        )
        pieces.append(record)
        size += len(record) if record.isascii() else len(record.encode())
        if keep_records:
            expected.append(
                ExpectedRecord(
                    title,
                    snippet,
                    _DAYS[published],
                    None if updated is None else _DAYS[updated],
                    views,
                )
            )
        variants["en-US" if dates is _US else "en-GB"] += 1
        variants["no-updated"] += updated is None
        variants["no-views"] += views is None
        variants["comma-grouped-views"] += "," in views_text
        variants["non-ascii"] += not record.isascii()
        records, page_left, previous_views, at_page_start = records + 1, page_left - 1, views, False
    if rng.random() < 0.5:
        pieces.append("\n")
        size += 1
    return Generated(
        text="".join(pieces),
        size_bytes=size,
        records=records,
        expected_diagnostics=dict(diagnostics),
        variants=dict(sorted(variants.items())),
        expected=tuple(expected),
    )


def generate(size_bytes: int, seed: int) -> str:
    """The text of ``generate_dump(size_bytes, seed)``."""
    return generate_dump(size_bytes, seed).text


# -- a series of snapshots for the merge ------------------------------------------------------

OBSERVATIONS_PER_ARTICLE: Final = 10
P_TWIN: Final = 0.01  # a second article with the same title and published date (seed 000 has one)


class _Article(NamedTuple):
    title: str
    snippets: tuple[str, ...]
    published: int
    views: int
    growth: float  # views gained per snapshot
    updated: int | None
    update_every: int  # snapshots between two updates


def _articles(rng: random.Random, vocab: _Vocabulary, count: int) -> list[_Article]:
    words, prefixes = vocab.words, _TITLE_PREFIXES
    if len(words) ** 2 * len(prefixes) < count:
        raise ValueError(f"too few seed words for {count:,} distinct titles")
    articles: list[_Article] = []
    scratch: Counter[str] = Counter()
    for number in range(count):
        if articles and rng.random() < P_TWIN:
            twin = rng.choice(articles)
            title, published = twin.title, twin.published
        else:  # unique by construction: (prefix, first word, second word) encodes the number
            first, second = words[number % len(words)], words[number // len(words) % len(words)]
            prefix = prefixes[number // len(words) ** 2]
            extra = " ".join(rng.sample(words, rng.randint(0, 3)))
            title = f"{prefix} {first} {second} {extra}".rstrip() + "?"
            published = rng.randint(_PUBLISHED_FROM, _LATEST - 400)
        articles.append(
            _Article(
                title=title,
                snippets=tuple(_snippet(rng, vocab, scratch) for _ in range(rng.randint(1, 3))),
                published=published,
                views=_views(rng),
                growth=math.exp(rng.uniform(-3, 4)),
                updated=None if rng.random() < P_NO_UPDATED else published + rng.randint(0, 30),
                update_every=rng.randint(20, 400),
            )
        )
    return articles


def generate_snapshots(total_records: int, seed: int, *, per_dump: int = 400) -> Iterator[Snapshot]:
    """Dumps of ``per_dump`` records (the last may be shorter) taken every six hours.

    Each article shows up about ``OBSERVATIONS_PER_ARTICLE`` times whatever the total, so the
    work per record stays the same as the series grows; its views never go down and its
    ``Updated on`` date never goes back, as the spec's merge expects of one real article.
    """
    rng, vocab = random.Random(seed), _vocabulary()
    articles = _articles(rng, vocab, max(2 * per_dump, total_records // OBSERVATIONS_PER_ARTICLE))
    start = datetime(2026, 6, 5)  # after every date the articles carry
    left, number = total_records, 0
    while left > 0:
        shown = rng.sample(range(len(articles)), min(per_dump, left))
        dates = _US if rng.random() < P_EN_US_PAGE else _GB
        pieces = [HEADER]
        for index in shown:
            article = articles[index]
            updated = (
                None
                if article.updated is None
                else min(article.updated + number // article.update_every, len(_DAYS) - 1)
            )
            views = int(article.views + article.growth * number)
            views_text = "" if rng.random() < P_NO_VIEWS else f"{views:,}"
            pieces.append(
                _record(
                    article.title,
                    rng.choice(article.snippets),
                    dates[article.published],
                    None if updated is None else dates[updated],
                    views_text,
                )
            )
        captured = start + timedelta(hours=6 * number)
        yield Snapshot(
            f"okx-help-{captured:%Y-%m-%dT%H-%M}.txt", "".join(pieces), captured, tuple(shown)
        )
        left -= len(shown)
        number += 1


# -- adversarial inputs ----------------------------------------------------------------------

_TITLE: Final = "How do I secure my account?"
_SNIPPET: Final = "Turn on two-factor authentication and set an anti-phishing code."
_META: Final = "Published on 5 Sept 2023Updated on 29 May 202611,580"
_RECORD: Final = f"{_TITLE}\n{_SNIPPET}{_META}"


def _fill(unit: str, size: int, before: str = "", after: str = "") -> str:
    repeats = max(1, (size - len(before) - len(after)) // len(unit))
    return before + unit * repeats + after


ADVERSARIAL: Final[dict[str, tuple[str, Callable[[int], str]]]] = {
    "digit-run": (
        "a record whose year runs into one endless run of digits",
        lambda size: _fill("7", size, f"{HEADER}{_TITLE}\n{_SNIPPET}Published on 5 Sept 2023"),
    ),
    "grouped-digit-run": (
        "a year followed by an endless comma-grouped count (1,000,000,...)",
        lambda size: _fill(",000", size, f"{HEADER}{_TITLE}\n{_SNIPPET}Published on 5 Sept 20231"),
    ),
    "bare-published-labels": (
        "`Published on ` repeated with nothing after, on one line",
        lambda size: _fill("Published on ", size, f"{HEADER}{_TITLE}\n{_SNIPPET}"),
    ),
    "labels-without-dates": (
        "records whose `Published on` label has no date (each one a bad-date error)",
        lambda size: _fill(f"{_TITLE}\n{_SNIPPET}Published on no date given\n", size, HEADER),
    ),
    "endless-line-prose": (
        "one line without a newline or a label",
        lambda size: _fill(f"{_SNIPPET} ", size),
    ),
    "endless-line-records": (
        "records glued on one line, no newline anywhere",
        lambda size: _fill(f"{_TITLE} {_SNIPPET}{_META}", size, HEADER),
    ),
    "header-blocks": (
        "header blocks repeated, then one record",
        lambda size: _fill(HEADER, size, "", _RECORD),
    ),
    "long-snippet": (
        "one record whose snippet is one very long line",
        lambda size: _fill(f"{_SNIPPET} ", size, f"{HEADER}{_TITLE}\n", _META),
    ),
    "many-snippet-lines": (
        "one record whose snippet has very many short lines",
        lambda size: _fill("Tap Security.\n", size, f"{HEADER}{_TITLE}\n", _META),
    ),
    "updated-labels": (
        "a record followed by `Updated on 29 May 2026` repeated",
        lambda size: _fill(
            "Updated on 29 May 2026", size, f"{HEADER}{_TITLE}\n{_SNIPPET}Published on 5 Sept 2023"
        ),
    ),
    "bare-updated-labels": (
        "a record followed by `Updated on ` repeated with no date",
        lambda size: _fill(
            "Updated on ", size, f"{HEADER}{_TITLE}\n{_SNIPPET}Published on 5 Sept 2023"
        ),
    ),
}
"""Name -> (what it is, size in bytes -> text). Every text is ASCII: characters are bytes."""


# -- command line ----------------------------------------------------------------------------

_UNITS: Final = {
    **{"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9},
    **{"KIB": 2**10, "MIB": 2**20, "GIB": 2**30},
}


def parse_size(text: str) -> int:
    """``50MB`` (decimal), ``64MiB`` (binary), ``1.5MB`` or a plain number of bytes."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*([A-Za-z]*)\s*", text)
    unit = match.group(2).upper() if match else ""
    if match is None or unit not in _UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 200KB, 50MB, 64MiB)")
    return int(float(match.group(1)) * _UNITS[unit])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description="Write a generated search dump."
    )
    parser.add_argument("--size", type=parse_size, default=parse_size("50MB"), help="e.g. 50MB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="where to write the dump")
    args = parser.parse_args(argv)
    generated = generate_dump(args.size, args.seed)
    Path(args.output).write_bytes(generated.text.encode("utf-8"))
    print(
        f"wrote {generated.records:,} records, {generated.size_bytes:,} bytes to {args.output}"
        f" (expected diagnostics: {generated.expected_diagnostics or 'none'})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
