"""The catalog commands: merge --into, export, history, changes and convert."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

import faqparse
from conftest import FIXTURES, SEEDS, run, write
from faqparse._cli.main import main

THREE = sorted((FIXTURES / "merge" / "three_snapshots").glob("*.txt"))


def _catalog(tmp_path: Path, *paths: Path) -> Path:
    catalog = tmp_path / "catalog.sqlite"
    assert run("merge", "--into", catalog, *paths)[0] == 0
    return catalog


def test_export_writes_every_article_in_each_format(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, *SEEDS)
    status, out, err = run("export", catalog)
    assert (status, err) == (0, "")
    assert out == run("merge", *SEEDS)[1]
    assert len(out.splitlines()) == 28
    status, out, _ = run("export", catalog, "--format", "json")
    assert status == 0 and len(json.loads(out)) == 28
    status, out, _ = run("export", catalog, "--format", "csv")
    assert status == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 28
    target = tmp_path / "articles.jsonl"
    assert run("export", catalog, "-o", target) == (0, "", "")
    assert target.read_text(encoding="utf-8") == run("export", catalog)[1]


def test_export_of_a_missing_or_foreign_file_is_status_2(tmp_path: Path) -> None:
    status, out, err = run("export", tmp_path / "missing.sqlite")
    assert (status, out) == (2, "")
    assert err == f"faqparse: {tmp_path / 'missing.sqlite'}: no such catalog\n"
    assert os.listdir(tmp_path) == []
    notes = write(tmp_path, "notes.txt", "shopping list\n")
    status, _, err = run("merge", "--into", notes, SEEDS[0])
    assert status == 2 and "not a faqparse catalog" in err
    assert notes.read_text(encoding="utf-8") == "shopping list\n"


def test_history_lists_an_articles_observations_in_time(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, *THREE)
    status, out, _ = run("history", catalog, "--title", "how do i create passkeys? (WEB)")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [(r["captured"], r["views"], r["updated"]) for r in rows] == [
        ("2026-05-01", 4100, "2026-04-21"),
        ("2026-05-15", 4250, "2026-04-21"),
        ("2026-06-01", 4298, "2026-05-21"),
    ]
    assert len({r["id"] for r in rows}) == 1
    status, again, _ = run("history", catalog, "--id", rows[0]["id"])
    assert (status, again) == (0, out)
    status, out, err = run("history", catalog, "--id", "nope")
    assert (status, out) == (1, "")
    assert err == f"faqparse: {catalog}: no article with id 'nope'\n"


def test_changes_lists_updates_and_views_gained_since_a_date(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path, *THREE)
    status, out, _ = run("changes", catalog, "--since", "2026-05-15")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [(r["title"], r["changes"], r["views_before"], r["views"], r["gained"], r["updated"])
            for r in rows] == [
        ("How do I create passkeys? (app)", ["updated", "views"], 13001, 13200, 199, "2026-05-22"),
        ("How do I create passkeys? (web)", ["updated", "views"], 4100, 4298, 198, "2026-05-21"),
    ]  # fmt: skip
    status, out, _ = run("changes", catalog, "--since", "2026-06-01", "--format", "table")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert lines[1].split()[1:4] == ["views", "48", "4,298"]  # after the article's short id
    status, _, err = run("changes", catalog, "--since", "June")
    assert status == 2 and "not an ISO date: 'June'" in err


def test_merge_into_a_symlink_writes_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "catalog.sqlite"
    link = tmp_path / "catalog.sqlite"
    link.symlink_to(target)
    assert run("merge", "--into", link, SEEDS[0])[0] == 0
    assert run("merge", "--into", link, SEEDS[1])[0] == 0
    assert link.is_symlink()
    assert run("export", target)[1] == run("merge", *SEEDS)[1]


def _saved(tmp_path: Path) -> tuple[Path, faqparse.Catalog]:
    memory = faqparse.Catalog()
    for path in [*SEEDS, *THREE]:
        memory.add(faqparse.parse_file(path))
    old = tmp_path / "old.jsonl"
    memory.save(old)
    return old, memory


def test_convert_copies_a_json_lines_catalog_losslessly(tmp_path: Path) -> None:
    old, memory = _saved(tmp_path)
    new = tmp_path / "new.sqlite"
    status, out, err = run("convert", old, new)
    assert (status, out) == (0, "")
    assert err == f"{new}: 36 observations of 28 articles from {old}; 0 duplicates left out\n"
    assert run("export", new)[1] == old.read_text(encoding="utf-8")
    with faqparse.Catalog.open(new) as catalog:
        assert list(catalog.articles) == list(memory.articles)
    status, _, err = run("convert", old, new)
    assert status == 2 and "already holds dumps" in err


def test_convert_reports_a_duplicated_line_and_keeps_one_copy(tmp_path: Path) -> None:
    old, memory = _saved(tmp_path)
    lines = old.read_text(encoding="utf-8").splitlines(keepends=True)
    old.write_text("".join([*lines, lines[0]]), encoding="utf-8")
    new = tmp_path / "new.sqlite"
    status, _, err = run("convert", old, new)
    first = json.loads(lines[0])["observations"][0]
    assert status == 0
    assert err.splitlines()[0] == (
        f"{old}:29: warning: duplicate-observation: record {first['index']} of"
        f" {first['source']} (digest {first['digest'][:12]}) is already in the catalog: left out"
    )
    assert "; 1 duplicates left out" in err
    with faqparse.Catalog.open(new) as catalog:
        assert list(catalog.articles) == list(memory.articles)


def test_convert_of_a_broken_file_leaves_no_catalog(tmp_path: Path) -> None:
    old = write(tmp_path, "old.jsonl", '{"id": "x"}\n')
    status, _, err = run("convert", old, tmp_path / "new.sqlite")
    assert status == 2
    assert err == f"faqparse: cannot convert: {old}:1: Article: missing field 'title'\n"
    assert os.listdir(tmp_path) == ["old.jsonl"]


def test_export_of_a_directory_is_status_2(tmp_path: Path) -> None:
    status, out, err = run("export", tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith(f"faqparse: {tmp_path}: ") and err.count("\n") == 1


def test_merge_into_a_device_is_refused_and_leaves_it_alone(tmp_path: Path) -> None:
    """A null device of our own: had the run written beside it, the system's stays safe."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    status, _, err = run("merge", "--into", device, SEEDS[0])
    assert status == 2
    assert err == f"faqparse: {device}: not a regular file (a catalog is an SQLite file)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]
    assert stat.S_ISCHR(os.stat(device).st_mode)


class _Gone(io.StringIO):
    """Standard output whose reader goes away after two writes (`... | head -1`)."""

    def write(self, text: str) -> int:
        if len(self.getvalue().splitlines()) >= 2:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


@pytest.mark.parametrize("command", [["export"], ["merge", "--into"]])
def test_a_reader_that_goes_away_ends_the_catalog_read_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    catalog = tmp_path / "catalog.sqlite"
    dumps = list(map(str, SEEDS))
    if command == ["export"]:
        _catalog(tmp_path, *SEEDS)
        dumps = []
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    argv = [*command, str(catalog), *dumps, "--format", "csv"]
    with pytest.raises(BrokenPipeError) as raised:
        main(argv, stdout=_Gone(), stderr=io.StringIO())
    del raised  # its traceback holds the article generator until now
    gc.collect()
    assert unraisable == []


REPEATED = sorted((FIXTURES / "merge" / "repeated_record").glob("*.txt"))


def test_convert_keeps_a_record_and_its_repeat_in_one_article(tmp_path: Path) -> None:
    # The first dump lists one article twice (the copy without its count): one article holds
    # two observations of that dump. That is a repeat, not a broken catalog.
    memory = faqparse.Catalog()
    for path in REPEATED:
        memory.add(faqparse.parse_file(path))
    old, new = tmp_path / "old.jsonl", tmp_path / "new.sqlite"
    memory.save(old)
    assert max(len({o.digest for o in a.observations}) for a in memory.articles) == 2
    assert max(len(a.observations) for a in memory.articles) == 3
    status, _, err = run("convert", old, new)
    assert status == 0, err
    assert err == f"{new}: 4 observations of 2 articles from {old}; 0 duplicates left out\n"
    with faqparse.Catalog.open(new) as catalog:
        assert list(catalog.articles) == list(memory.articles)


def test_loading_a_json_lines_catalog_with_a_line_written_twice_makes_no_twin(
    tmp_path: Path,
) -> None:
    old, memory = _saved(tmp_path)
    lines = old.read_text(encoding="utf-8").splitlines(keepends=True)
    old.write_text("".join([*lines, lines[0]]), encoding="utf-8")
    assert faqparse.Catalog.load(old).articles == memory.articles
