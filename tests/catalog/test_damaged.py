"""A catalog whose rows point at rows it does not hold (edited by hand, or written by another
tool) is one clear error naming the file, from every read, never a traceback nor a silently
shorter answer."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import faqparse
from conftest import SEEDS, run

TAMPER: dict[str, str] = {
    "snippet text": "DELETE FROM texts WHERE id = (SELECT max(snippet) FROM observations)",
    "title text": "DELETE FROM texts WHERE id = (SELECT max(title) FROM articles)",
    "dump row": "DELETE FROM dumps WHERE id = (SELECT max(dump) FROM observations)",
    "article snippets": "UPDATE articles SET snippets = '999999' WHERE number = 0",
}


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    assert run("merge", *SEEDS, "--into", path)[0] == 0
    return path


def _tamper(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize("what", sorted(TAMPER))
@pytest.mark.parametrize(
    "argv",
    [
        lambda c: ["export", c, "--format", "jsonl"],
        lambda c: ["changes", c, "--since", "2020-01-01", "--format", "jsonl"],
    ],
    ids=["export", "changes"],
)
def test_a_damaged_catalog_is_one_line_and_status_2(
    catalog: Path, what: str, argv: Callable[[Path], list[object]]
) -> None:
    _tamper(catalog, TAMPER[what])
    status, _, err = run(*argv(catalog))  # type: ignore[arg-type]
    assert status == 2
    assert err.startswith(f"faqparse: {catalog}: the catalog is damaged: ")
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("what", sorted(TAMPER))
def test_the_python_api_raises_the_catalog_error(catalog: Path, what: str) -> None:
    _tamper(catalog, TAMPER[what])
    with (
        faqparse.Catalog.open(catalog, create=False) as opened,
        pytest.raises(faqparse.CatalogError, match="the catalog is damaged"),
    ):
        list(opened.articles)
