"""faqparse.dask on a real cluster of worker processes: reading, merging, writing Parquet.

The cluster (`dask_client`, in conftest) is started once for the session. Files read by the
workers are on the local disk, or in fsspec's in-memory filesystem standing in for object
storage: that filesystem lives in each process, so the tests write the same files into every
worker with ``client.run``, as a bucket would be seen by every machine.
"""

from __future__ import annotations

import gc
import os
import pickle
import pickletools
import subprocess
import sys
from array import array
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import attrs
import dask.bag as db
import dask.sizeof
import fsspec
import pyarrow.parquet as pq
import pytest
from distributed import Client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import faqparse
from faqparse import dask as fd
from faqparse._catalog.blocks import observe
from faqparse._dask import pieces as fd_pieces
from faqparse._dask.pieces import Piece, bucket_of, cut, merge_bucket, winners_of
from faqparse._merge.arguments import checked_dump
from faqparse._merge.keys import BlockKey, block_key
from faqparse._model import Observation
from faqparse._output.parquet import ARTICLE_SCHEMA, RECORD_SCHEMA, read_parquet
from faqparse.testing import RenderError, render
from faqparse.testing.strategies import dumps as record_lists

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the benchmarks sit beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.dask_merge import medians, ratios  # noqa: E402
from benchmarks.generate import generate_snapshots  # noqa: E402


def _by_id(articles: list[faqparse.Article]) -> list[faqparse.Article]:
    return sorted(articles, key=lambda a: a.id)


def _put(files: dict[str, bytes]) -> None:
    memory = fsspec.filesystem("memory")
    for path, data in files.items():
        memory.pipe(path, data)


def _seed_bytes() -> dict[str, bytes]:
    return {os.path.basename(p): Path(p).read_bytes() for p in faqparse.sample_paths()}


def test_the_cluster_runs_tasks_in_two_other_processes(dask_client: Client) -> None:
    pids = dask_client.run(os.getpid)
    assert len(set(pids.values())) == 2
    assert os.getpid() not in pids.values()


def test_local_glob_with_bad_files_gives_diagnostics(dask_client: Client, tmp_path: Path) -> None:
    for name, data in _seed_bytes().items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zz-binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "zz-vanished.txt").write_bytes(b"listed, then gone before it was read")
    bag = fd.read_dumps(str(tmp_path / "*.txt"), group_bytes=0)
    assert bag.npartitions == 4  # one task per file
    (tmp_path / "zz-vanished.txt").unlink()
    dumps = {Path(d.source).name: d for d in bag.compute(scheduler=dask_client)}
    for name in _seed_bytes():
        assert len(dumps[name].records) == 15 and not dumps[name].diagnostics
    assert "no-records" in [d.code for d in dumps["zz-binary.txt"].diagnostics]
    (gone,) = dumps["zz-vanished.txt"].diagnostics
    assert (gone.code, gone.severity, gone.line, gone.column) == ("unreadable-file", "error", 1, 1)
    assert gone.source == str(tmp_path / "zz-vanished.txt")
    assert dumps["zz-vanished.txt"].records == ()


def test_small_files_are_read_in_groups(dask_client: Client, tmp_path: Path) -> None:
    seeds = _seed_bytes()
    for copy in range(5):
        for name, data in seeds.items():
            (tmp_path / f"{copy}-{name}").write_bytes(data)
    size = max(len(data) for data in seeds.values())
    names = sorted(str(p) for p in tmp_path.iterdir())
    bag = fd.read_dumps(names, group_bytes=4 * size, vocabulary=faqparse.ENGLISH)
    assert bag.npartitions == 3  # 10 files of about the same size, 4 to a group at most
    dumps = bag.compute(scheduler=dask_client)
    assert [d.source for d in dumps] == names
    assert fd.records(bag).count().compute(scheduler=dask_client) == 150


def test_object_storage_stand_in(dask_client: Client) -> None:
    files = {f"/bucket/okx/{name}": data for name, data in _seed_bytes().items()}
    _put(files)
    dask_client.run(_put, files)
    _put({"/bucket/okx/only-listed.txt": b"the workers never see this one"})
    bag = fd.read_dumps("memory://bucket/okx/*.txt", group_bytes=0)
    dumps = bag.compute(scheduler=dask_client)
    sources = sorted(d.source for d in dumps)
    assert sources == sorted(f"memory://{path}" for path in [*files, "/bucket/okx/only-listed.txt"])
    unreadable = [d for d in dumps if d.source.endswith("only-listed.txt")]
    assert [x.code for x in unreadable[0].diagnostics] == ["unreadable-file"]
    expected = faqparse.merge([faqparse.parse(data, f"memory://{p}") for p, data in files.items()])
    merged = fd.merge(bag).compute(scheduler=dask_client)
    assert len(merged) == 28  # the spec's count for the two seeds
    assert _by_id(merged) == _by_id(expected)


def test_records_keep_their_order_within_a_dump(dask_client: Client) -> None:
    dumps = [faqparse.parse_file(p) for p in faqparse.sample_paths()]
    bag = db.from_sequence(dumps, npartitions=2)
    assert fd.records(bag).compute(scheduler=dask_client) == [
        record for dump in dumps for record in dump.records
    ]


# -- the merge equals faqparse.merge -----------------------------------------------------------

CAPTURED = (None, date(2026, 6, 1), date(2026, 6, 2), datetime(2026, 6, 1, 9, 30))
LOCALES = ("en", "en", "de")


@st.composite
def dump_series(draw: st.DrawFn) -> list[faqparse.Dump]:
    """Dumps that show a few articles again and again: twins, repeats and repeated files."""
    pool = draw(record_lists(min_size=1, max_size=5))
    dumps: list[faqparse.Dump] = []
    for number in range(draw(st.integers(2, 6))):
        picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=6))
        shown = [
            attrs.evolve(pool[pick], views=draw(st.none() | st.integers(0, 5000))) for pick in picks
        ]
        try:
            text = render(shown)
        except RenderError:
            assume(False)
        source = f"dump-{number}.txt"
        dump = faqparse.parse(text, source, captured=draw(st.sampled_from(CAPTURED)))
        # A locale is the dump's, and part of its articles: the same titles in two locales.
        dumps.append(attrs.evolve(dump, locale=draw(st.sampled_from(LOCALES))))
        if draw(st.booleans()):  # the same file again, under another name and maybe time
            dumps.append(
                faqparse.parse(text, f"copy-{source}", captured=draw(st.sampled_from(CAPTURED)))
            )
    return dumps


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps=dump_series(), partitions=st.integers(1, 3), buckets=st.integers(1, 4))
def test_merge_equals_the_library_merge(
    dask_client: Client, dumps: list[faqparse.Dump], partitions: int, buckets: int
) -> None:
    bag = db.from_sequence(dumps, npartitions=min(partitions, len(dumps)))
    merged = fd.merge(bag, npartitions=buckets).compute(scheduler=dask_client)
    assert _by_id(merged) == _by_id(faqparse.merge(dumps))


def test_merge_of_a_generated_series_with_twins_and_repeats(dask_client: Client) -> None:
    snapshots = list(generate_snapshots(4000, seed=3, per_dump=200))
    dumps = [faqparse.parse(s.text, s.source, captured=s.captured) for s in snapshots]
    # The same file twice, under another name: its digest is seen twice.
    dumps.append(faqparse.parse(snapshots[3].text, "again-" + snapshots[3].source))
    # Every third snapshot from the help center in another locale, where the titles were
    # left untranslated (as product names are): other files, the same titles.
    for snapshot in snapshots[::3]:
        other = faqparse.parse(snapshot.text + "\n", "de-" + snapshot.source)
        dumps.append(attrs.evolve(other, locale="de", captured=snapshot.captured))
    expected = faqparse.merge(dumps)
    blocks = Counter((faqparse.normalize_title(a.title), a.published) for a in expected)
    assert max(blocks.values()) >= 2  # the series has twins: one block, two articles
    assert max(len(a.observations) for a in expected) >= 5  # and articles seen many times
    bag = db.from_sequence(dumps, npartitions=4)
    merged = fd.merge(bag, npartitions=3).compute(scheduler=dask_client)
    assert len(merged) == len(expected)
    assert _by_id(merged) == _by_id(expected)


# -- what travels between workers --------------------------------------------------------------


def _series(records: int, seed: int = 5) -> list[faqparse.Dump]:
    return [
        faqparse.parse(s.text, s.source, captured=s.captured)
        for s in generate_snapshots(records, seed=seed, per_dump=100)
    ]


def _calls(data: bytes) -> tuple[set[str], int]:
    """What a pickle calls to be loaded: the names it looks up, and how many calls it makes."""
    names: set[str] = set()
    strings: list[str] = []
    calls = 0
    for opcode, argument, _ in pickletools.genops(data):
        if opcode.name in {"SHORT_BINUNICODE", "BINUNICODE", "UNICODE"}:
            strings.append(str(argument))
        elif opcode.name == "STACK_GLOBAL":
            names.add(".".join(strings[-2:]))
        elif opcode.name == "GLOBAL":
            names.add(str(argument).replace(" ", "."))
        elif opcode.name in {"REDUCE", "NEWOBJ", "NEWOBJ_EX", "BUILD", "INST", "OBJ"}:
            calls += 1
    return names, calls


def _observed(piece: Piece, keep: fd_pieces.Winners) -> dict[BlockKey, list[Observation]]:
    blocks: dict[BlockKey, list[Observation]] = {}
    piece.observe(keep, blocks)
    return blocks


def test_a_piece_travels_as_a_few_flat_values_and_comes_back_whole() -> None:
    dumps = _series(600)
    pieces = cut(dumps, 3)
    assert sorted(p.bucket for p in pieces) == [0, 1, 2]
    for piece in pieces:
        data = pickle.dumps(piece, pickle.HIGHEST_PROTOCOL)
        # The Piece around its columns: positions and day numbers as arrays, counts and
        # indexes as lists of numbers, and each dump's snapshot time: no record,
        # observation or date of a record is pickled as an object of its own.
        names, calls = _calls(data)
        assert names <= {
            "faqparse._dask.pieces.Piece",
            "array._array_reconstructor",
            "array.array",
            "datetime.datetime",
            "datetime.date",
        }
        assert calls <= 10 + len(piece.dumps) < sum(piece.counts) // 10
        # Strings: each distinct title (and its normalized form), snippet and category
        # once, and each dump's names; fewer than one per record and field.
        (titles, normals, _), (snippets, _), published, updated, (categories, _) = piece.columns[:5]
        assert len(normals) == len(titles) < sum(piece.counts)
        assert len(snippets) <= sum(piece.counts)
        assert isinstance(published[0], array) and isinstance(updated[0], array)
        strings = sum(op.name.endswith("UNICODE") for op, _, _ in pickletools.genops(data))
        assert strings <= (
            len(titles) + len(set(normals)) + len(snippets) + len(categories)
            + 3 * len(piece.dumps) + 2 * len(names)
        )  # fmt: skip
        assert strings < 2 * sum(piece.counts)
        back = pickle.loads(data)
        keep = winners_of([piece])
        assert _observed(back, keep) == _observed(piece, keep)
    # Every record of every dump is observed in exactly one piece, the one of its block's
    # bucket, in the block its key names, as the merge in one process observes it.
    keep = winners_of(pieces)
    seen: dict[tuple[str, int], tuple[BlockKey, Observation]] = {}
    for piece in pieces:
        for key, observations in _observed(pickle.loads(pickle.dumps(piece)), keep).items():
            assert bucket_of(key[0], key[1], key[2], 3) == piece.bucket
            for observation in observations:
                assert (observation.digest, observation.index) not in seen
                seen[(observation.digest, observation.index)] = (key, observation)
    expected = {
        (dump.digest, record.index): (block_key(record.title, record.published, dump.locale),
                                      observe(dump, record))
        for dump in dumps
        for record in dump.records
    }  # fmt: skip
    assert seen == expected


def test_a_piece_keeps_values_no_machine_integer_holds() -> None:
    """Records built by hand may hold counts past 2**63, negative counts and indexes, and a
    datetime for a date: each comes back as it was given, and merges as in one process."""
    at = datetime(2026, 5, 1, 12, 30)
    day = date(2026, 1, 2)
    odd = [
        faqparse.Record("Huge", "a", day, None, 10**30, "odd.txt", 0, (0, 1)),
        faqparse.Record("Minus", "b", day, date(2026, 2, 1), -1, "odd.txt", -5, (1, 2)),
        faqparse.Record("Timed", "c", day, at, None, "odd.txt", 2**70, (2, 3), category="FAQ"),
        faqparse.Record("Plain", "d", date(2026, 1, 3), None, None, "odd.txt", 3, (3, 4)),
    ]
    timed = [faqparse.Record("At noon", "e", at, None, 7, "timed.txt", 0, (0, 1))]
    for records in (odd, timed):
        dump = faqparse.Dump(
            source=records[0].source, records=tuple(records), header=(), diagnostics=(),
            digest=records[0].source * 8, captured=None, captured_from=None,
        )  # fmt: skip
        (piece,) = cut([dump], 1)
        back = pickle.loads(pickle.dumps(piece))
        keep = winners_of([back])
        observed = {o.index: o for found in _observed(back, keep).values() for o in found}
        assert observed == {r.index: observe(dump, r) for r in records}
        assert _by_id(merge_bucket((0, [back]), keep)) == _by_id(faqparse.merge([dump]))
    assert type(observed[0].updated) is not datetime
    (article,) = merge_bucket((0, [back]), keep)
    assert type(article.published) is datetime


def test_a_piece_tells_dask_the_memory_its_records_hold() -> None:
    dumps = _series(300)
    (piece,) = cut(dumps, 1)
    text = len({r.title for d in dumps for r in d.records}) + len(
        {r.snippet for d in dumps for r in d.records}
    )
    assert dask.sizeof.sizeof(piece) > text + 100 * sum(piece.counts)
    assert dask.sizeof.sizeof(pickle.loads(pickle.dumps(piece))) == dask.sizeof.sizeof(piece)


def test_a_partition_holding_a_dump_the_merge_refuses_fails_as_the_merge_does() -> None:
    good = _series(100)[0]
    twice = attrs.evolve(good, records=(good.records[0], good.records[0]))
    with pytest.raises(ValueError, match="two records of the dump have one index"):
        cut([good, twice], 2)
    with pytest.raises(TypeError, match="must be a Dump"):
        cut([good, "not a dump"], 2)  # type: ignore[list-item]


def test_dumps_the_parser_just_made_are_cut_without_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``read_dumps``'s tasks cut dumps as the parser gives them, numbered from 0: the
    merge's check of every record is for dumps from anywhere else."""
    dumps = _series(1200)
    assert all([r.index for r in d.records] == list(range(len(d.records))) for d in dumps)
    checked: list[object] = []
    real = checked_dump

    def counted(dump: object, where: str) -> faqparse.Dump:
        checked.append(dump)
        return real(dump, where)

    monkeypatch.setattr(fd_pieces, "checked_dump", counted)
    trusted = cut(dumps, 3, parsed=True)
    assert checked == []
    assert len(cut(dumps, 3)) == len(trusted) and checked == dumps
    keep = winners_of(trusted)
    assert _by_id([a for p in trusted for a in merge_bucket((p.bucket, [p]), keep)]) == _by_id(
        faqparse.merge(dumps)
    )


def test_the_blocks_of_one_article_meet_in_one_bucket_in_every_process(
    dask_client: Client,
) -> None:
    published = date(2026, 3, 1)
    # Titles that normalize alike are one block, whatever their case, dashes and spaces.
    alike = [
        "How to Deposit \u2014 Crypto",
        "how to deposit - crypto",
        "  HOW TO DEPOSIT -  CRYPTO",
    ]
    here = {bucket_of(title, published, "en", 97) for title in alike}
    assert len(here) == 1
    there = dask_client.run(lambda: bucket_of(alike[0], published, "en", 97))
    assert set(there.values()) == here  # hash() of a str would differ in each process
    # ... and the blocks spread over the buckets as evenly as a random draw would.
    dumps = _series(20_000)
    blocks = {block_key(r.title, r.published, d.locale) for d in dumps for r in d.records}
    counts = Counter(bucket_of(title, day, locale, 4) for title, day, locale in blocks)
    assert sorted(counts) == [0, 1, 2, 3]
    mean = len(blocks) / 4  # about 500: a random draw strays by about 20 (4 per cent)
    assert all(abs(count - mean) < 0.15 * mean for count in counts.values())


def _collections() -> int:
    return sum(generation["collections"] for generation in gc.get_stats())


def test_building_records_runs_with_the_cycle_collector_paused() -> None:
    # Without the pause, building this many records and rows would set off dozens of passes
    # (one per 700 objects made); one may still start on the way in, before the pause.
    dumps = _series(6000)
    assert gc.isenabled()
    before = _collections()
    made = cut(dumps, 2)
    assert _collections() - before <= 1
    pieces = [pickle.loads(pickle.dumps(p)) for p in made]
    keep = winners_of(pieces)
    before = _collections()
    merged = [merge_bucket((p.bucket, [p]), keep) for p in pieces]
    assert _collections() - before <= len(pieces)
    assert gc.isenabled()
    assert _by_id([a for found in merged for a in found]) == _by_id(faqparse.merge(dumps))


def _winners_of_cuts(cuts: list[list[Piece]]) -> fd_pieces.Winners:
    return winners_of([piece for pieces in cuts for piece in pieces])


def _merge_bucket_of_cuts(
    cuts: list[list[Piece]], bucket: int, keep: fd_pieces.Winners
) -> list[faqparse.Article]:
    return merge_bucket(
        (bucket, [p for pieces in cuts for p in pieces if p.bucket == bucket]), keep
    )


def test_pieces_cut_on_one_worker_merge_on_the_other(dask_client: Client) -> None:
    first, second = sorted(dask_client.scheduler_info()["workers"])
    dumps = _series(2000)
    cuts = [
        dask_client.submit(cut, half, 2, workers=[first], pure=False)
        for half in (dumps[::2], dumps[1::2])
    ]
    keep = dask_client.submit(_winners_of_cuts, cuts, workers=[first])
    buckets = [
        dask_client.submit(_merge_bucket_of_cuts, cuts, bucket, keep, workers=[second])
        for bucket in (0, 1)
    ]
    merged = [a for found in dask_client.gather(buckets) for a in found]
    assert _by_id(merged) == _by_id(faqparse.merge(dumps))


def test_a_dump_with_no_records_does_not_hide_its_later_copy(dask_client: Client) -> None:
    """A dump that gave no records is never recorded (a run in the wrong locale, say), so a
    later copy with the same digest is the one the merge keeps, on Dask as in one process."""
    text = faqparse.sample_paths()[0].read_text(encoding="utf-8")
    early = attrs.evolve(faqparse.parse(text, "early.txt", captured=date(2026, 6, 1)), records=())
    late = faqparse.parse(text, "late.txt", captured=date(2026, 6, 2))
    other = faqparse.parse_file(faqparse.sample_paths()[1])
    dumps = [late, other, early]
    expected = faqparse.merge(dumps)
    assert {o.source for a in expected for o in a.observations} == {other.source, "late.txt"}
    bag = db.from_sequence(dumps, npartitions=3)
    merged = fd.merge(bag, npartitions=3).compute(scheduler=dask_client)
    assert _by_id(merged) == _by_id(expected)


def test_the_benchmark_counts_every_process_of_the_cluster() -> None:
    single = {"seconds": 10.0, "cpu_seconds": 8.0}
    dask_run = {
        "seconds": 6.0,
        "worker_cpu_seconds": [4.0, 5.0],
        "client_and_scheduler_cpu_seconds": 1.4,
    }
    found = ratios(single, dask_run)
    assert found["time_ratio"] == pytest.approx(0.6)
    assert found["cpu_seconds"] == pytest.approx(10.4)
    assert found["cpu_ratio"] == pytest.approx(1.3)


def test_the_benchmark_gives_the_median_of_each_way_over_its_rounds() -> None:
    def way(workers: int, tree: str, cpu: float) -> dict[str, object]:
        return {"workers": workers, "tree": tree, "time_ratio": cpu / 2, "cpu_ratio": cpu}

    rounds = [
        {"runs": [way(2, "this tree", 1.4), way(2, "this tree, tuned", 1.2)]},
        {"runs": [way(2, "this tree", 1.1), way(2, "this tree, tuned", 1.3)]},
        {"runs": [way(2, "this tree", 1.2), way(2, "this tree, tuned", 1.0)]},
    ]
    plain, tuned = medians(rounds)
    assert (plain["tree"], plain["rounds"]) == ("this tree", 3)
    assert plain["cpu_ratio_median"] == pytest.approx(1.2)
    assert (plain["cpu_ratio_min"], plain["cpu_ratio_max"]) == (1.1, 1.4)
    assert plain["time_ratio_median"] == pytest.approx(0.6)
    assert tuned["cpu_ratio_median"] == pytest.approx(1.2)
    assert (tuned["cpu_ratio_min"], tuned["cpu_ratio_max"]) == (1.0, 1.3)


# -- Parquet -----------------------------------------------------------------------------------


def test_to_parquet_of_articles_and_records(dask_client: Client, tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(p) for p in faqparse.sample_paths()]
    bag = db.from_sequence(dumps, npartitions=2)
    with dask_client.as_current():
        written = fd.to_parquet(fd.merge(bag, npartitions=2), tmp_path / "articles")
        record_files = fd.to_parquet(fd.records(bag), tmp_path / "records")
    assert sorted(Path(p).name for p in written) == ["part-00000.parquet", "part-00001.parquet"]
    table = pq.read_table(tmp_path / "articles")
    assert table.schema.equals(ARTICLE_SCHEMA)
    rows = {row["id"]: row for row in table.to_pylist()}
    expected = faqparse.merge(dumps)
    assert sorted(rows) == sorted(a.id for a in expected)
    for article in expected:
        row = rows[article.id]
        assert (row["title"], row["published"], row["views"]) == (
            article.title,
            article.published,
            article.views,
        )
        assert [o["digest"] for o in row["observations"]] == [
            o.digest for o in article.observations
        ]
    back = [a for path in written for a in read_parquet(path, "articles")]
    assert _by_id(back) == _by_id(expected)  # type: ignore[arg-type]
    records = pq.read_table(sorted(record_files))
    assert records.schema.equals(RECORD_SCHEMA)
    assert records.column("title").to_pylist() == [r.title for d in dumps for r in d.records]


def test_to_parquet_with_empty_partitions(dask_client: Client, tmp_path: Path) -> None:
    dump = faqparse.parse_file(faqparse.sample_paths()[0])
    bag = db.from_sequence([dump, faqparse.parse("", "empty.txt")], npartitions=2)
    with dask_client.as_current():
        guessed = fd.to_parquet(fd.records(bag), tmp_path / "guessed")
        given = fd.to_parquet(fd.records(bag), tmp_path / "given", kind="records")
    assert [Path(p).name for p in guessed] == ["part-00000.parquet"]
    assert [Path(p).name for p in given] == ["part-00000.parquet", "part-00001.parquet"]
    assert pq.read_table(given[1]).num_rows == 0
    assert pq.read_table(given[1]).schema.equals(RECORD_SCHEMA)
    with pytest.raises(ValueError, match="kind must be one of"):
        fd.to_parquet(fd.records(bag), tmp_path / "x", kind="rows")  # type: ignore[arg-type]
    one = db.from_sequence([dump], npartitions=1)
    with pytest.raises(FileExistsError, match="holds Parquet files already"):
        fd.to_parquet(fd.records(one), tmp_path / "given")
    with dask_client.as_current():
        again = fd.to_parquet(fd.records(one), tmp_path / "given", overwrite=True)
    assert sorted(p.name for p in (tmp_path / "given").iterdir()) == ["part-00000.parquet"]
    assert pq.read_table(tmp_path / "given").num_rows == 15
    assert again == [given[0]]


def test_nothing_matching_is_an_error_now(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no file matches"):
        fd.read_dumps(str(tmp_path / "*.txt"))
    with pytest.raises(FileNotFoundError, match="no dump files given"):
        fd.read_dumps([])


def test_importing_faqparse_needs_neither_dask_nor_pyarrow() -> None:
    script = (
        "import sys, faqparse; print(sorted({'dask', 'distributed', 'pyarrow'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout == "[]\n"


def test_one_task_per_file_even_for_empty_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"")
    assert fd.read_dumps(str(tmp_path / "*.txt"), group_bytes=0).npartitions == 3
    assert fd.read_dumps(str(tmp_path / "*.txt")).npartitions == 1


def _sparse_files(folder: Path, files: int, mib: int) -> str:
    """``files`` files of ``mib`` MiB each, as a glob: only their size is read when the tasks
    are made, so they are sparse."""
    for number in range(files):
        with open(folder / f"{number:03d}.txt", "wb") as file:
            file.truncate(mib << 20)
    return str(folder / "*.txt")


@pytest.mark.parametrize(
    ("threads", "files", "partitions"),
    [
        (2, (3, 1), 1),  # 3 files of 1 MiB: one task (16 MiB at least)
        (2, (12, 10), 4),  # 120 MiB, 2 threads: a quarter each, 30 MiB (3 files) a task
        (4, (40, 10), 8),  # 400 MiB, 4 threads: an eighth each, 50 MiB (5 files) a task
        (2, (100, 10), 17),  # 1,000 MiB: 64 MiB at most (6 files) a task
        (64, (40, 10), 40),  # 400 MiB for 64 threads: 16 MiB at least (1 file) a task
        (2, (2, 100), 2),  # a file bigger than a task is a task alone
    ],
)
def test_files_are_read_in_about_two_tasks_a_thread_of_16_to_64_mib(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    threads: int,
    files: tuple[int, int],
    partitions: int,
) -> None:
    monkeypatch.setattr(fd, "_threads", lambda: threads)
    assert fd.read_dumps(_sparse_files(tmp_path, *files)).npartitions == partitions


def test_the_threads_counted_are_the_clusters_or_else_the_machines(
    dask_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    with dask_client.as_current():
        assert fd._threads() == 2  # two workers of one thread each
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    with pytest.MonkeyPatch.context() as patch:
        import distributed  # noqa: PLC0415

        def no_client() -> None:
            raise ValueError("No clients found")

        patch.setattr(distributed, "default_client", no_client)
        assert fd._threads() == 6

        class Asynchronous:  # a client in an event loop answers with a coroutine
            asynchronous = True

        patch.setattr(distributed, "default_client", Asynchronous)
        assert fd._threads() == 6


def test_merge_of_read_dumps_cuts_each_file_as_it_is_parsed(
    dask_client: Client, tmp_path: Path
) -> None:
    """Dumps straight from read_dumps are merged by tasks that parse a file and cut it at
    once (no partition of parsed dumps is ever made); dumps from anywhere else are merged
    from the dumps. Both give faqparse.merge's articles."""
    for snapshot in generate_snapshots(3000, seed=8, per_dump=300):
        (tmp_path / snapshot.source).write_text(snapshot.text, encoding="utf-8")
    names = sorted(str(path) for path in tmp_path.iterdir())
    expected = _by_id(faqparse.merge(faqparse.parse_file(name) for name in names))
    bag = fd.read_dumps(names, group_bytes=1)
    read = fd.merge(bag)
    tasks = {str(key[0] if isinstance(key, tuple) else key) for key in read.__dask_graph__()}
    assert any(name.startswith("_read_and_cut") for name in tasks)
    assert not any(name.startswith("_read_partition") for name in tasks)
    assert _by_id(read.compute(scheduler=dask_client)) == expected
    other = fd.merge(bag.map(lambda dump: dump))
    tasks = {str(key[0] if isinstance(key, tuple) else key) for key in other.__dask_graph__()}
    assert not any(name.startswith("_read_and_cut") for name in tasks)
    assert _by_id(other.compute(scheduler=dask_client)) == expected
