"""The benchmark suite: it runs end to end, and its generated dumps are what they claim to be.

No timing is asserted anywhere: machines are shared and noisy. The figures only have to exist.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

import faqparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks sit beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import run as bench  # noqa: E402
from benchmarks.generate import (  # noqa: E402
    ADVERSARIAL,
    generate,
    generate_dump,
    generate_snapshots,
    parse_size,
)
from benchmarks.simulate import Simulated, explain, score, simulate  # noqa: E402

TIMED_ROWS = ("floor", "parse", "iter_records", "cli", "dateutil")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], str]:
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = bench.main(["--smoke", "--json", str(out)])
    assert status == 0
    results: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return results, printed.getvalue()


def test_smoke_run_reports_every_row_with_positive_figures(
    smoke: tuple[dict[str, object], str],
) -> None:
    results, _ = smoke
    written = results["input"]
    assert isinstance(written, dict)
    for name in TIMED_ROWS:
        row = results[name]
        assert isinstance(row, dict), name
        for figure in ("seconds", "mb_per_s", "records_per_s", "ratio_to_floor"):
            assert row[figure] > 0, (name, figure)
        # Every row read the same text: each found every record the generator wrote.
        assert row["records"] == written["records"], name
    for name in ("iter_records", "cli"):
        row = results[name]
        assert isinstance(row, dict)
        assert row["peak_rss_mib"] > 0
    stream = results["iter_records"]
    assert isinstance(stream, dict)
    assert stream["import_only_rss_mib"] > 0
    # The stream's own floor read the file in another process and found every record too.
    read_scan = stream["read_scan"]
    assert read_scan["records"] == written["records"]
    assert read_scan["seconds"] > 0
    assert stream["ratio_to_read_scan"] == stream["seconds"] / read_scan["seconds"]
    machine = results["machine"]
    assert isinstance(machine, dict)
    assert machine["cpu"]
    assert machine["cores"] >= 1
    assert machine["python"]
    floor = results["floor"]
    assert isinstance(floor, dict)
    assert floor["pattern"] == bench.FLOOR_PATTERN


def test_smoke_run_parses_what_the_generator_wrote(smoke: tuple[dict[str, object], str]) -> None:
    results, _ = smoke
    written, parsed = results["input"], results["parse"]
    assert isinstance(written, dict)
    assert isinstance(parsed, dict)
    assert parsed["diagnostics"] == written["expected_diagnostics"]


def test_smoke_run_merges_or_says_why_not(smoke: tuple[dict[str, object], str]) -> None:
    results, _ = smoke
    merge = results["merge"]
    assert isinstance(merge, dict)
    if not hasattr(faqparse, "merge"):
        assert merge == {"status": bench.SKIPPED}
        return
    assert merge["status"] == "ok"
    assert [run["records"] for run in merge["runs"]] == list(bench.SMOKE.merge_sizes)
    for run in merge["runs"]:
        for figure in ("seconds", "records_per_s", "peak_rss_mib", "dumps", "articles"):
            assert run[figure] > 0, figure
    assert merge["growth_ratio"] > 0


def test_smoke_run_times_every_adversarial_input(smoke: tuple[dict[str, object], str]) -> None:
    results, _ = smoke
    adversarial = results["adversarial"]
    assert isinstance(adversarial, dict)
    assert set(adversarial["cases"]) == set(ADVERSARIAL)
    for case in adversarial["cases"].values():
        assert all(seconds > 0 for seconds in case["parse_seconds"] + case["stream_seconds"])
        assert case["parse_growth"] > 0
        assert case["stream_growth"] > 0


def test_smoke_run_prints_the_table(smoke: tuple[dict[str, object], str]) -> None:
    _, printed = smoke
    for _, label in bench.ROWS:
        assert label in printed
    assert bench.FLOOR_PATTERN in printed
    assert "adversarial input" in printed
    assert "merge" in printed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_dump_parses_to_exactly_what_was_written(seed: int) -> None:
    generated = generate_dump(300_000, seed, keep_records=True)
    dump = faqparse.parse(generated.text, source="generated.txt")
    assert dump.errors == ()
    assert len(dump.records) == generated.records == len(generated.expected)
    assert Counter(d.code for d in dump.diagnostics) == generated.expected_diagnostics
    read = [(r.title, r.snippet, r.published, r.updated, r.views) for r in dump.records]
    assert read == [tuple(record) for record in generated.expected]
    streamed = faqparse.iter_records(io.BytesIO(generated.text.encode()), source="generated.txt")
    assert list(streamed) == list(dump.records)


def test_generated_dump_carries_every_variant_of_the_format() -> None:
    generated = generate_dump(3_000_000, 1, keep_records=True)
    for variant in (
        "en-GB", "en-US", "no-updated", "no-views", "comma-grouped-views",
        "digit-title-after-grouped-count", "ambiguous-views", "pages", "ellipsis",
        "long-snippet", "multiline-snippet", "non-ascii",
    ):  # fmt: skip
        assert generated.variants.get(variant, 0) > 0, variant
    text = generated.text
    assert "..." in text
    assert "…" in text
    assert " Sept 20" in text
    assert any(ord(char) > 0xFFFF for char in text)  # an emoji: the text is stored 4 bytes a char
    assert max(record.views or 0 for record in generated.expected) >= 1_000_000
    assert len(text.encode()) == generated.size_bytes >= 3_000_000


def test_generator_is_deterministic_for_a_seed() -> None:
    assert generate(200_000, 7) == generate(200_000, 7)
    assert generate(200_000, 7) != generate(200_000, 8)
    first = [snapshot.text for snapshot in generate_snapshots(1_500, 7)]
    assert first == [snapshot.text for snapshot in generate_snapshots(1_500, 7)]


def test_snapshots_are_clean_dumps_of_articles_that_only_grow() -> None:
    seen: defaultdict[int, list[tuple[datetime, int | None, date | None]]] = defaultdict(list)
    total = 0
    for snapshot in generate_snapshots(3_000, 1, per_dump=300):
        dump = faqparse.parse(snapshot.text, source=snapshot.source, captured=snapshot.captured)
        assert dump.diagnostics == ()
        assert len(dump.records) == len(snapshot.articles)
        for article, record in zip(snapshot.articles, dump.records, strict=True):
            seen[article].append((snapshot.captured, record.views, record.updated))
        total += len(dump.records)
    assert total == 3_000
    for observations in seen.values():
        views = [v for _, v, _ in sorted(observations, key=lambda o: o[0]) if v is not None]
        updated = [u for _, _, u in sorted(observations, key=lambda o: o[0]) if u is not None]
        assert views == sorted(views)
        assert updated == sorted(updated)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_parse_without_raising(name: str) -> None:
    text = ADVERSARIAL[name][1](20_000)
    assert 15_000 <= len(text) <= 25_000
    dump = faqparse.parse(text, source=name)
    streamed = faqparse.iter_records(io.BytesIO(text.encode()), source=name)
    assert list(streamed) == list(dump.records)


@pytest.mark.parametrize(
    ("text", "size"),
    [("50MB", 50_000_000), ("200KB", 200_000), ("1.5MB", 1_500_000), ("64MiB", 64 << 20),
     ("1234", 1234)],
)  # fmt: skip
def test_sizes_read_in_decimal_and_binary_units(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_a_size_without_a_known_unit_is_refused() -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_size("50 parsecs")


def test_the_simulated_help_center_is_the_same_for_a_seed_and_differs_between_seeds() -> None:
    first, again, other = (simulate(seed, articles=40, days=5) for seed in (1, 1, 2))
    assert [d.digest for d in first.dumps] == [d.digest for d in again.dumps]
    assert first.truth == again.truth
    assert [d.digest for d in first.dumps] != [d.digest for d in other.dumps]
    assert set(first.truth) == {(d.digest, r.index) for d in first.dumps for r in d.records}


def test_the_accuracy_score_counts_pairs_against_the_truth() -> None:
    text = "All\nFAQ\nPasskey FAQ\nPasskeys.Published on 19 Mar 2025{views}"
    dumps = [
        faqparse.parse(text.format(views=views), source=f"{day}.txt", captured=date(2026, 6, day))
        for day, views in ((1, 10), (2, 12), (3, 15))
    ]
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    assert len(catalog.articles) == 1  # nothing tells the merge that the last is another article
    truth = {(dumps[0].digest, 0): 7, (dumps[1].digest, 0): 7, (dumps[2].digest, 0): 8}
    result = score(Simulated(dumps, truth, twins=set(), retitled=set()), catalog)
    assert result["pairwise_precision"] == 1 / 3  # of the 3 pairs merged, one is right
    assert result["pairwise_recall"] == 1.0  # the one true pair is together
    assert result["false_merges"] == {"single, a count": 1}
    assert result["splits"] == {}
    assert result["silent_errors"] == 1


def test_explain_walks_each_block_with_a_wrong_observation_in_snapshot_order() -> None:
    text = "All\nFAQ\nPasskey FAQ\nPasskeys.Published on 19 Mar 2025{views}"
    other = "All\nFAQ\nHide balance\nEye icon.Published on 9 Jan 2025Updated on 2 Mar 20263"
    dumps = [
        faqparse.parse(text.format(views=views), source=f"{day}.txt", captured=date(2026, 6, day))
        for day, views in ((3, 15), (1, 10), (2, 12))
    ] + [faqparse.parse(other, source="4.txt", captured=date(2026, 6, 4))]
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    truth = {(dumps[1].digest, 0): 7, (dumps[2].digest, 0): 7, (dumps[0].digest, 0): 8}
    truth[(dumps[3].digest, 0)] = 9
    lines = explain(Simulated(dumps, truth, twins=set(), retitled=set()), catalog).splitlines()
    # The balance block has nothing wrong: only the passkey block is shown, day by day.
    assert lines[0] == "block 'passkey faq' 2025-03-19 en: 3 observations"
    assert [line.split()[0] for line in lines[1:]] == ["2026-06-01", "2026-06-02", "2026-06-03"]
    assert [line[line.index("true") : line.index("true") + 28] for line in lines[1:3]] == [
        "true A merged A views     10",
        "true A merged A views     12",
    ]
    assert "true B merged A views     15" in lines[3] and lines[3].endswith("WRONG")
    assert not lines[1].endswith("WRONG") and not lines[2].endswith("WRONG")


def test_the_catalog_benchmark_runs_and_its_catalogs_hold_what_it_says(tmp_path: Path) -> None:
    from benchmarks import catalog as catalog_bench  # noqa: PLC0415 (only this test needs it)

    out = tmp_path / "catalog.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = catalog_bench.main(["--smoke", "--cache", str(tmp_path), "--json", str(out)])
    assert status == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [run["observations"] for run in result["runs"]] == [2000, 8000]
    assert all(run["touched"] > 0 and run["add_seconds"] > 0 for run in result["runs"])
    assert result["merge"]["records"] == 8000
    with faqparse.Catalog.open(tmp_path / "catalog-8000-1.sqlite", create=False) as built:
        assert sum(len(a.observations) for a in built.articles) == 8000
    assert "add growth" in printed.getvalue()
    # The bulk build as users run it: merge --into a new catalog against merge -o, whole
    # processes, and both wrote the same articles.
    [bulk] = result["bulk"]["runs"]
    assert bulk["records"] == 8000 and bulk["files"] == 20
    assert bulk["same_output"] is True
    assert bulk["into_cpu_seconds"] > 0 and bulk["memory_cpu_seconds"] > 0
    assert "same output" in printed.getvalue()


def test_identical_records_of_a_dump_are_scored_as_exchangeable() -> None:
    text = "All\nFAQ\n" + "Passkey FAQ\nPasskeys.Published on 19 Mar 2025{}" * 2
    dumps = [
        faqparse.parse(text.format(*views), source=f"{day}.txt", captured=date(2026, 6, day))
        for day, views in ((1, (5, 5)), (2, (6, 9)), (3, (7, 12)))
    ]
    catalog = faqparse.Catalog()
    for dump in dumps:
        catalog.add(dump)
    slow, fast = ({o.digest: o.index for o in a.observations} for a in catalog.articles)
    truth = {(d.digest, slow[d.digest]): 1 for d in dumps[1:]}
    truth |= {(d.digest, fast[d.digest]): 2 for d in dumps[1:]}
    # The truth swaps the two identical 5s of the first dump against the merge.
    first = dumps[0].digest
    truth |= {(first, slow[first]): 2, (first, fast[first]): 1}
    result = score(Simulated(dumps, truth, twins={1, 2}, retitled=set()), catalog)
    assert result["pairwise_precision"] == 1 / 3  # of each article's 3 pairs, one is right
    assert result["exchangeable_precision"] == 1.0  # the two 5s cannot be told apart
    assert result["exchangeable_recall"] == 1.0
    assert result["wrong_observations"] == result["identical_errors"] == 2
    # The 5s start the two articles; the choice (a tie, reported) comes with the 6 and the 9.
    assert result["silent_errors"] == 2
    assert result["reported_errors"] == 0
    assert {d.source for d in catalog.diagnostics} == {"2.txt"}


def test_smoke_run_compares_the_encoders_and_the_workers(
    smoke: tuple[dict[str, object], str],
) -> None:
    """The fast and the fallback encoder, -j 1 and -j 2: the same bytes each time."""
    results, printed = smoke
    stdlib, files = results["cli_stdlib"], results["cli_files"]
    assert isinstance(stdlib, dict) and isinstance(files, dict)
    assert stdlib["same_bytes"] is True and files["same_bytes"] is True
    assert files["j1"]["records"] == files["j2"]["records"] == files["generator_records"]
    assert "parse -j 2, 20 files" in printed


def test_the_cpu_time_benchmark_compares_two_trees(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import cputime  # noqa: PLC0415 (only this test needs it)

    assert cputime.main(["--size", "20KB", "--repeat", "1", "--rounds", "1", "--against",
                         str(cputime.HERE)]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "least    this tree" in printed and "least    against" in printed
    assert "parse: this tree / against = " in printed
