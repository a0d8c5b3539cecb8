"""``merge --into`` with ``--strict``, ``--dry-run`` and ``--replace``; ``remove``; and
dumps that gave no records, which are never recorded."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import attrs

import faqparse
from conftest import HEADER, SEEDS, run, write

from .catalog_child import snapshots

CHILD = Path(__file__).parent / "catalog_child.py"


def _articles(path: Path) -> list[faqparse.Article]:
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        return list(catalog.articles)


def _dumps(path: Path) -> list[str]:
    with faqparse.Catalog.open(path, read_only=True) as catalog:
        return [dump.source for dump in catalog.dumps()]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_dump_read_in_the_wrong_locale_is_not_recorded(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    status, _, err = run("merge", "--locale", "fr", SEEDS[0], SEEDS[1], "--into", catalog)
    assert status == 1
    assert "no-records" in err
    assert err.endswith(
        f"{catalog}: 0 dumps added (2 without records, not added), 0 records, 0 articles touched\n"
    )
    assert _dumps(catalog) == []
    status, _, err = run("merge", SEEDS[0], "--into", catalog)
    assert status == 0
    assert "1 dumps added, 15 records" in err
    assert _articles(catalog) == faqparse.merge([faqparse.parse_file(SEEDS[0])])


def test_a_file_that_is_not_a_dump_is_not_recorded_and_the_others_are(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    assert run("merge", "--into", other, SEEDS[0])[0] == 0
    catalog = tmp_path / "c.sqlite"
    status, _, err = run("merge", other, SEEDS[1], "--into", catalog)
    assert status == 1
    assert f"{other}:1:1: error: no-records" in err
    assert _dumps(catalog) == [str(SEEDS[1])]


def _warned(tmp_path: Path) -> Path:
    """A dump that reads with a warning: a record with no title line."""
    text = SEEDS[0].read_text(encoding="utf-8") + "\n\n"
    path = write(tmp_path, "warned.txt", text + "Published on 3 Mar 2024")
    status, _, err = run("check", path)
    assert (status, err) == (
        0,
        f"{path}:22:1: warning: missing-title: this record has no title line\n"
        "faqparse: 1 warning: 1 missing-title\n",
    )
    return path


def test_strict_writes_nothing_when_any_dump_has_a_diagnostic(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, SEEDS[0])[0] == 0
    before = _files(tmp_path)
    warned = _warned(tmp_path)
    status, out, err = run("merge", "--strict", SEEDS[1], warned, "--into", catalog)
    assert (status, out) == (1, "")
    assert err.endswith(f"faqparse: {catalog}: --strict and diagnostics: nothing written\n")
    warned.unlink()
    assert _files(tmp_path) == before
    fresh = tmp_path / "new.sqlite"
    warned = _warned(tmp_path)
    assert run("merge", "--strict", SEEDS[1], warned, "--into", fresh)[0] == 1
    assert not fresh.exists()


def test_strict_writes_nothing_when_the_merge_has_a_diagnostic(tmp_path: Path) -> None:
    record = "Passkey FAQ\nPasskeys.Published on 19 Mar 2025{}"
    first = write(tmp_path, "2026-06-01.txt", HEADER + record.format("130"))
    second = write(tmp_path, "2026-06-02.txt", HEADER + record.format(""))
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, first)[0] == 0
    before = catalog.read_bytes()
    status, _, err = run("merge", "--strict", second, "--into", catalog)
    assert status == 1
    assert f"{second}:5:1: warning: weak-match" in err
    assert catalog.read_bytes() == before
    assert run("merge", second, "--into", catalog)[0] == 0  # without --strict: added
    assert len(_dumps(catalog)) == 2


def test_a_dry_run_says_what_it_would_do_and_leaves_the_file_as_it_was(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, SEEDS[0])[0] == 0
    before = _files(tmp_path)
    status, out, err = run("merge", "--dry-run", SEEDS[0], SEEDS[1], "--into", catalog)
    assert status == 0
    assert err == (
        f"{catalog}: 1 dumps would be added (1 already in it), 15 records,"
        " 15 articles touched; dry run: nothing written\n"
    )
    assert _files(tmp_path) == before
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(catalog, copy)  # the same run, for real, on a copy: the same articles
    assert out == run("merge", SEEDS[0], SEEDS[1], "--into", copy)[1]
    copy.unlink()
    status, _, err = run("remove", "--dry-run", catalog, str(SEEDS[0]))
    assert status == 0
    assert err == f"{catalog}: 1 dumps would be removed, 15 records; dry run: nothing written\n"
    assert _files(tmp_path) == before
    missing = tmp_path / "missing.sqlite"
    assert run("merge", "--dry-run", SEEDS[0], "--into", missing)[0] == 0
    assert not missing.exists()


def test_remove_by_source_or_digest_prefix_gives_the_catalog_of_the_others(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, *SEEDS)[0] == 0
    dumps = [faqparse.parse_file(seed) for seed in SEEDS]
    status, _, err = run("remove", catalog, dumps[1].digest[:8].upper())
    assert (status, err) == (0, f"{catalog}: 1 dumps removed, 15 records\n")
    assert _articles(catalog) == faqparse.merge(dumps[:1])
    assert run("remove", catalog, str(SEEDS[0]))[0] == 0
    assert _articles(catalog) == []
    assert run("merge", "--into", catalog, *SEEDS)[0] == 0  # and back again
    assert _articles(catalog) == faqparse.merge(dumps)


def test_remove_refuses_what_names_no_dump_or_several(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    dump = faqparse.parse_file(SEEDS[0])
    with faqparse.Catalog.open(catalog) as opened:
        for last in "12":  # two digests that share their first 63 hex digits
            opened.add(attrs.evolve(dump, source=f"copy{last}.txt", digest="ab" * 31 + "c" + last))
    before = _files(tmp_path)
    status, _, err = run("remove", catalog, "abababab")
    assert status == 2
    assert err.startswith(f"faqparse: {catalog}: 'abababab' names 2 dumps: ")
    assert "copy1.txt" in err and "copy2.txt" in err
    for wrong in ("abc", "missing.txt", "zzzzzzzzzz"):
        status, _, err = run("remove", catalog, wrong)
        assert status == 2
        assert err.startswith(f"faqparse: {catalog}: no dump {wrong!r}: ")
    notes = write(tmp_path, "notes.txt", "shopping list\n")
    status, _, err = run("remove", notes, "abababab")
    assert status == 2 and "not a faqparse catalog" in err
    notes.unlink()
    assert _files(tmp_path) == before


def test_replace_adds_a_dump_again_with_this_runs_options(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--captured-at", "2020-01-01", SEEDS[0], "--into", catalog)[0] == 0
    status, _, err = run("merge", "--captured-at", "2026-06-04", SEEDS[0], "--into", catalog)
    assert "0 dumps added (1 already in it)" in err  # the wrong time sticks without --replace
    status, _, err = run(
        "merge", "--replace", "--captured-at", "2026-06-04", SEEDS[0], "--into", catalog
    )
    assert status == 0
    assert "1 dumps added (1 replaced), 15 records" in err
    right = faqparse.parse_file(SEEDS[0], captured=date(2026, 6, 4))
    assert _articles(catalog) == faqparse.merge([right])
    status, out, _ = run("history", catalog, "--title", right.records[0].title)
    assert {json.loads(line)["captured"] for line in out.splitlines()} == {"2026-06-04"}


def test_a_remove_killed_at_random_points_leaves_the_catalog_before_or_after(
    tmp_path: Path,
) -> None:
    base = tmp_path / "base.sqlite"
    with faqparse.Catalog.open(base) as catalog:
        for dump in snapshots(1, 2000) + snapshots(2, 4000):
            catalog.add(dump)
    before = _articles(base)
    after = faqparse.merge(snapshots(1, 2000))
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for attempt in range(4):
        path = tmp_path / f"run{attempt}.sqlite"
        shutil.copyfile(base, path)
        child = subprocess.Popen(
            [sys.executable, str(CHILD), "remove", str(path), "2", "4000"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert child.stdout is not None
        said = "".join(child.stdout.readline() for _ in range(rng.randint(1, 11)))
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        said += child.communicate()[0]
        found = _articles(path)
        if "committing" not in said:
            assert found == before, f"random seed {seed}, kill {attempt}"
        else:
            assert found in (before, after), f"random seed {seed}, kill {attempt}"
        if "committed" in said:
            assert found == after, f"random seed {seed}, kill {attempt}"
        os.unlink(path)
