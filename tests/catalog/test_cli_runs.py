"""``merge --into`` and ``convert`` under signals and closed pipes, in real processes, and
the read commands, which never write."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import faqparse
from conftest import SEEDS, run

COMMAND = [sys.executable, "-m", "faqparse"]
HERE = Path(__file__).parent.parent
sys.path.insert(0, str(HERE.parent))
from benchmarks.generate import generate_snapshots  # noqa: E402


def _dumps(path: Path) -> int:
    with faqparse.Catalog.open(path, create=False, read_only=True) as catalog:
        return catalog.dump_count()


def _committed(path: Path) -> bool:
    """Whether a run has committed a dump to the catalog (which may still be being made)."""
    try:
        return not _locked(path) and _dumps(path) > 0
    except (faqparse.CatalogError, sqlite3.Error):
        return False


def _locked(path: Path) -> bool:
    """Whether a run holds the catalog's write lock."""
    connection = sqlite3.connect(path, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def _wait(condition: object, what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
)
def test_a_signal_during_the_run_leaves_the_catalog_as_it_was(
    tmp_path: Path, signum: int, status: int
) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, SEEDS[0])[0] == 0
    before = catalog.read_bytes()
    # The second dump is standard input, held open: the run waits, the catalog locked.
    process = subprocess.Popen(
        [*COMMAND, "merge", SEEDS[1], "-", "--into", str(catalog)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait(lambda: _locked(catalog), "the run never took the catalog")
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert f"faqparse: {catalog}: left as it was\n" in err
    assert _dumps(catalog) == 1
    assert catalog.read_bytes() == before


def test_a_signal_after_the_commit_says_the_run_was_committed(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    dump = tmp_path / "big.txt"
    dump.write_text(next(iter(generate_snapshots(3000, 7, per_dump=3000))).text)
    # Nobody reads the output: the run commits, then waits on a full pipe.
    process = subprocess.Popen(
        [*COMMAND, "merge", str(dump), "--into", str(catalog)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _wait(lambda: _committed(catalog), "the run never committed")
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    said = err.decode()
    assert f"faqparse: {catalog}: the run was committed before it was stopped\n" in said
    assert "left as it was" not in said
    assert _dumps(catalog) == 1


def _closed_pipe() -> int:
    """The writing end of a pipe whose reader is gone."""
    reader, writer = os.pipe()
    os.close(reader)
    return writer


@pytest.mark.parametrize("closed", ["stdout", "stderr", "both"])
@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_a_reader_gone_does_not_undo_the_run(tmp_path: Path, closed: str, fmt: str) -> None:
    catalog = tmp_path / "c.sqlite"
    pipe = _closed_pipe()
    try:
        done = subprocess.run(
            [*COMMAND, "merge", *map(str, SEEDS), "--into", str(catalog), "--format", fmt],
            stdout=pipe if closed != "stderr" else subprocess.DEVNULL,
            stderr=pipe if closed != "stdout" else subprocess.PIPE,
            timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(pipe)
    assert done.returncode == 0
    assert _dumps(catalog) == len(SEEDS)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_convert_stopped_by_a_signal_makes_no_catalog(tmp_path: Path, signum: int) -> None:
    saved = tmp_path / "saved.jsonl"
    memory = faqparse.Catalog()
    memory.add(faqparse.parse_file(SEEDS[0]))
    memory.save(saved)
    old = tmp_path / "old.jsonl"
    os.mkfifo(old)
    new = tmp_path / "new.sqlite"
    process = subprocess.Popen(
        [*COMMAND, "convert", str(old), str(new)], stderr=subprocess.PIPE, text=True
    )
    with open(old, "w", encoding="utf-8") as feed:  # one article, then nothing more
        feed.write(saved.read_text(encoding="utf-8").splitlines()[0] + "\n")
        feed.flush()
        _wait(lambda: new.exists() and _locked(new), "the conversion never began")
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert f"faqparse: {new}: not made\n" in err
    assert not new.exists()


@pytest.mark.parametrize(
    "command", [["export"], ["history", "--id", "x"], ["changes", "--since", "2026-06-01"]]
)
def test_read_commands_leave_an_empty_file_empty(tmp_path: Path, command: list[str]) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    status, out, err = run(command[0], empty, *command[1:])
    assert (status, out) == (2, "")
    assert err == f"faqparse: {empty}: an empty file, not a catalog yet: nothing to read\n"
    assert empty.stat().st_size == 0
    assert sorted(os.listdir(tmp_path)) == ["empty.sqlite"]


@pytest.mark.parametrize(
    "command", [["export"], ["history", "--id", "x"], ["changes", "--since", "2026-06-01"]]
)
@pytest.mark.parametrize("writable", [True, False])
def test_read_commands_leave_a_catalog_and_its_folder_as_they_were(
    tmp_path: Path, command: list[str], writable: bool
) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, SEEDS[0])[0] == 0
    if not writable:
        catalog.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = catalog.read_bytes()
    status, _, _ = run(command[0], catalog, *command[1:])
    assert status in (0, 1)  # found, or no such article
    assert catalog.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["c.sqlite"]  # no -wal, no -shm


def test_a_catalog_in_a_missing_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    catalog = tmp_path / "missing" / "c.sqlite"
    status, _, err = run("merge", "--into", catalog, SEEDS[0])
    assert status == 2
    assert err.startswith(f"faqparse: {catalog}: ")
    assert "folder is missing" in err


def test_a_damaged_catalog_is_named_with_what_to_do(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, *SEEDS)[0] == 0
    data = bytearray(catalog.read_bytes())
    page = 4096
    data[page:] = b"\xff" * (len(data) - page)  # every page of tables, not the header
    catalog.write_bytes(bytes(data))
    status, _, err = run("export", catalog)
    assert status == 2
    assert err.startswith(f"faqparse: {catalog}: ")
    assert "restore a copy" in err


def test_tables_of_another_program_are_named_with_what_to_do(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    with sqlite3.connect(catalog) as connection:
        connection.execute("PRAGMA application_id=1179734083")  # the mark, but version 0
        connection.execute("CREATE TABLE dumps (x)")
    connection.close()
    status, _, err = run("merge", "--into", catalog, SEEDS[0])
    assert status == 2
    assert err.startswith(f"faqparse: {catalog}: not a faqparse catalog")


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (120_000, 120_000))


def test_a_full_disk_is_named_and_leaves_the_catalog_as_it_was(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, SEEDS[0])[0] == 0
    before = _articles(catalog)
    big = tmp_path / "big.txt"
    big.write_text(next(iter(generate_snapshots(3000, 7, per_dump=3000))).text)
    done = subprocess.run(
        [*COMMAND, "merge", str(big), "--into", str(catalog)], capture_output=True, text=True,
        preexec_fn=_small_files, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"faqparse: {catalog}: ")
    assert "free some space" in done.stderr
    assert _articles(catalog) == before
    with sqlite3.connect(catalog) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def _articles(path: Path) -> list[faqparse.Article]:
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        return list(catalog.articles)
