"""faqparse.dask on a real cluster of worker processes: reading, merging, writing Parquet.

The cluster (`dask_client`, in conftest) is started once for the session. Files read by the
workers are on the local disk, or in fsspec's in-memory filesystem standing in for object
storage: that filesystem lives in each process, so the tests write the same files into every
worker with ``client.run``, as a bucket would be seen by every machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import attrs
import dask.bag as db
import fsspec
import pyarrow.parquet as pq
import pytest
from distributed import Client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import faqparse
from faqparse import dask as fd
from faqparse._output.parquet import ARTICLE_SCHEMA, RECORD_SCHEMA, read_parquet
from faqparse.testing import RenderError, render
from faqparse.testing.strategies import dumps as record_lists

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks sit beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

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
