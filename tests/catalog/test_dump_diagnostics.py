"""Each dump's parse diagnostics, counted by code in the catalog file (schema version 3), so
that a report can show them over time; kept with the dump and removed with it."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import faqparse

DUMPS = Path(__file__).parent.parent / "fixtures" / "dumps"
BAD_UPDATED = DUMPS / "dates" / "bad_updated.txt"  # two unreadable Updated on dates
MIXED = DUMPS / "encoding" / "latin1_nbsp_in_date.txt"  # a bad byte, and so a bad date
CLEAN = Path(__file__).parent.parent / "fixtures" / "merge" / "three_snapshots"


def _rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _add(path: Path, dumps: list[faqparse.Dump]) -> None:
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)


def _counted(dumps: list[faqparse.Dump]) -> list[tuple[Any, ...]]:
    """What ``v_dump_diagnostics`` must hold: the dumps' own diagnostics, counted."""
    counts = Counter(
        (d.digest, d.source, d.captured.isoformat() if d.captured else None, x.code,
         x.severity.value)
        for d in dumps for x in d.diagnostics
    )  # fmt: skip
    return sorted((*key, count) for key, count in counts.items())


VIEW = "SELECT digest, source, captured, code, severity, count FROM v_dump_diagnostics"


def test_each_dump_keeps_its_diagnostics_counted_by_code(tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(BAD_UPDATED), faqparse.parse_file(MIXED)]
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    assert sorted(_rows(path, VIEW)) == _counted(dumps)
    by_source = {(Path(s).name, c): n for _, s, _, c, _, n in _rows(path, VIEW)}
    assert by_source[("bad_updated.txt", "bad-date")] == 2
    assert {c for (name, c) in by_source if name == MIXED.name} == {"bad-date", "invalid-encoding"}
    totals = dict(_rows(path, "SELECT source, diagnostics FROM dumps"))
    assert totals == {d.source: len(d.diagnostics) for d in dumps}


def test_a_clean_dump_is_counted_as_none_not_unknown(tmp_path: Path) -> None:
    dump = faqparse.parse_file(sorted(CLEAN.glob("*.txt"))[0])
    assert dump.diagnostics == ()
    path = tmp_path / "catalog.sqlite"
    _add(path, [dump])
    assert _rows(path, VIEW) == []
    assert _rows(path, "SELECT diagnostics FROM dumps") == [(0,)]


def test_removing_a_dump_removes_its_counts(tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(BAD_UPDATED), faqparse.parse_file(MIXED)]
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    with faqparse.Catalog.open(path) as catalog:
        assert catalog.remove(dumps[0].digest)
    assert sorted(_rows(path, VIEW)) == _counted(dumps[1:])
    assert _rows(path, "SELECT count(*) FROM dump_diagnostics") == [(2,)]


def test_a_dump_added_again_after_a_rolled_back_removal_keeps_its_counts(tmp_path: Path) -> None:
    dumps = [faqparse.parse_file(BAD_UPDATED)]
    path = tmp_path / "catalog.sqlite"
    _add(path, dumps)
    catalog = faqparse.Catalog.open(path)
    assert catalog.remove(dumps[0].digest)
    catalog.rollback()
    catalog.close()
    assert sorted(_rows(path, VIEW)) == _counted(dumps)


def _version_2(path: Path) -> None:
    """The catalog as schema version 2 wrote it: no diagnostic counts, no kept walks."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("DROP VIEW v_dump_diagnostics")
    connection.execute("DROP TABLE dump_diagnostics")
    connection.execute("DROP TABLE walks")
    connection.execute("ALTER TABLE dumps DROP COLUMN diagnostics")
    connection.execute("PRAGMA user_version=2")
    connection.close()


def test_a_version_2_catalog_has_no_counts_for_its_old_dumps(tmp_path: Path) -> None:
    old, new = faqparse.parse_file(BAD_UPDATED), faqparse.parse_file(MIXED)
    path = tmp_path / "catalog.sqlite"
    _add(path, [old])
    _version_2(path)
    _add(path, [new])  # opened for writing: migrated to version 3
    assert _rows(path, "PRAGMA user_version") == [(3,)]
    assert sorted(_rows(path, VIEW)) == _counted([new])  # none made up for the old dump
    totals = dict(_rows(path, "SELECT source, diagnostics FROM dumps"))
    assert totals == {old.source: None, new.source: len(new.diagnostics)}
