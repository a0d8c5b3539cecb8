"""docs/report.md shows the SQL the report runs, as it runs it: the two cannot drift apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqparse._report import changes, queries, tables

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report.md"
QUERIES = {
    f"{module.__name__.rsplit('.', 1)[1]}.{name}": getattr(module, name)
    for module, names in (
        (tables, ("DUMPS", "STATES", "SPANS", "UPDATES", "PER_DUMP")),
        (
            queries,
            (
                "GROWERS",
                "SERIES",
                "NEW_PER_DAY",
                "UPDATED_PER_DAY",
                "MOVERS",
                "GLANCE",
                "DIAGNOSTICS_PER_DAY",
                "UNCOUNTED",
            ),
        ),
        (changes, ("NEW", "UPDATED", "RETITLED", "GONE")),
    )
    for name in names
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_docs_show_each_query(name: str) -> None:
    assert f"```sql\n{QUERIES[name].strip()}\n```" in DOCS.read_text(encoding="utf-8")


def test_the_docs_screenshot_is_there() -> None:
    picture = DOCS.with_name("report.png")
    assert "](report.png)" in DOCS.read_text(encoding="utf-8")
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
