"""``faqparse report`` and ``faqparse.report``: what the page says, and every bad input."""

from __future__ import annotations

import html
import io
import shutil
import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

import faqparse
import faqparse._report
from faqparse._cli.main import main
from faqparse.testing import render

from .report_catalogs import ARTICLES, DAYS, GROWTH, dumps


def _run(*argv: str) -> tuple[int, str]:
    stderr = io.StringIO()
    status = main(list(argv), stdout=io.StringIO(), stderr=stderr)
    return status, stderr.getvalue()


def test_the_report_shows_every_section(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    status, said = _run("report", str(catalog), "-o", str(out), "--top", "3")
    assert status == 0
    assert said == f"{out}: report of {len(DAYS) * 2} dumps and {len(ARTICLES)} articles\n"
    page = out.read_text(encoding="utf-8")
    for section in (
        "growth-chart", "per-day-chart", "movers-table", "glance-chart", "diagnostics-chart"
    ):  # fmt: skip
        assert f'id="{section}"' in page
    assert "What changed" in page and "No longer seen in the latest snapshots: 1" in page
    rocket = max(ARTICLES, key=lambda a: GROWTH[a.title])
    assert f'data-value="{GROWTH[rocket.title]}"' in page
    # Every script is inline: no <script src=...>, no stylesheet link.
    assert "<script src" not in page and "<link" not in page
    assert out.stat().st_size < 10_000_000


def test_the_python_function_says_what_it_covered(catalog: Path, tmp_path: Path) -> None:
    summary = faqparse.report(catalog, tmp_path / "r.html", since=DAYS[2], locale="fr")
    assert (summary.dumps, summary.first_day, summary.last_day) == (8, DAYS[2], DAYS[-1])
    assert summary.articles == sum(a.locale == "fr" for a in ARTICLES)
    assert summary.notes == ()


def test_titles_are_escaped(tmp_path: Path) -> None:
    class Record:
        title = "Fees <b>bold</b> & <script>x</script>"
        snippet = "Snippet."
        published = date(2026, 1, 5)
        updated = None

        def __init__(self, views: int) -> None:
            self.views = views

    catalog = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(catalog) as opened:
        for day, views in ((1, 10), (2, 30)):
            text = render([Record(views)])
            opened.add(faqparse.parse(text, f"{day}.txt", captured=datetime(2026, 6, day)))
    faqparse.report(catalog, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<td>{html.escape(Record.title)}</td>" in page
    assert "<td>Fees <b>" not in page
    # In the charts' data too (plotly would draw <b> as bold; it writes / as \u002f).
    assert '"name":"Fees &lt;b&gt;bold&lt;\\u002fb&gt; &amp; &lt;script&gt;' in page


def test_an_empty_catalog_gets_a_page_saying_so(tmp_path: Path) -> None:
    catalog = tmp_path / "empty.sqlite"
    faqparse.Catalog.open(catalog).close()
    status, said = _run("report", str(catalog), "-o", str(tmp_path / "r.html"))
    assert status == 0
    assert "holds no dumps yet" in said
    assert "holds no dumps yet" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_period_with_no_data_says_so(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    status, said = _run("report", str(catalog), "-o", str(out), "--since", "2027-01-01")
    assert status == 0
    assert "No snapshot in the period asked" in said
    page = out.read_text(encoding="utf-8")
    assert "No article's views grew between 2027-01-01 and the end" in page
    assert "No snapshot in the period: nothing to compare." in page


def test_a_locale_with_no_articles_says_which_there_are(catalog: Path, tmp_path: Path) -> None:
    status, said = _run("report", str(catalog), "-o", str(tmp_path / "r.html"), "--locale", "de")
    assert status == 0
    assert said.splitlines()[0] == (
        f"faqparse: {catalog}: No dump of locale 'de' in this catalog; its locales: en, fr."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Published on 5 Jan 2026\n", "not a faqparse catalog (not an SQLite database)"),
        (b'{"id": 1}\n', "a JSON Lines catalog"),
    ],
)
def test_a_file_that_is_not_a_catalog_is_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "not-a-catalog"
    path.write_bytes(content)
    out = tmp_path / "r.html"
    out.write_text("the previous report", encoding="utf-8")
    status, said = _run("report", str(path), "-o", str(out))
    assert status == 2
    assert said.count("\n") == 1 and message in said and "Traceback" not in said
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert path.read_bytes() == content
    with pytest.raises(faqparse.CatalogError, match=r"not a faqparse catalog|JSON Lines"):
        faqparse.report(path, out)


def test_a_missing_catalog_is_not_created(tmp_path: Path) -> None:
    status, said = _run("report", str(tmp_path / "none.sqlite"), "-o", str(tmp_path / "r.html"))
    assert (status, said) == (2, f"faqparse: {tmp_path / 'none.sqlite'}: no such catalog\n")
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since", "June"], "not an ISO date: 'June'"),
        (["--top", "0"], "not a number of articles: '0'"),
        (["--since", "2026-06-05", "--until", "2026-06-01"], "is after until"),
    ],
)
def test_bad_arguments_exit_2(
    catalog: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    status, said = _run("report", str(catalog), "-o", str(tmp_path / "r.html"), *arguments)
    assert status == 2
    assert message in said and said.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


def test_python_arguments_are_checked(catalog: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="since must be a date, not str"):
        faqparse.report(catalog, tmp_path / "r.html", since="2026-06-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="top must be"):
        faqparse.report(catalog, tmp_path / "r.html", top=0)


def test_without_plotly_the_error_says_what_to_install(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module that is None in sys.modules cannot be imported: as if plotly were not installed.
    for name in [name for name in sys.modules if name.split(".")[0] == "plotly"] + ["plotly"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "faqparse._report.charts", raising=False)
    monkeypatch.delattr(faqparse._report, "charts", raising=False)
    status, said = _run("report", str(catalog), "-o", str(tmp_path / "r.html"))
    assert status == 2
    assert said.endswith("pip install 'faqparse[report]'\n") and said.count("\n") == 1


def test_a_catalog_being_written_is_read_as_one_state(catalog: Path, tmp_path: Path) -> None:
    """A run holding the write lock does not stop a report, which sees the state before it."""
    copy = tmp_path / "catalog.sqlite"
    shutil.copyfile(catalog, copy)
    writer = faqparse.Catalog.open(copy)
    try:
        writer.add(dumps((DAYS[-1].replace(day=20),))[0])
        writer.flush()
        summary = faqparse.report(copy, tmp_path / "r.html")
    finally:
        writer.rollback()
        writer.close()
    assert summary.last_day == DAYS[-1]


def test_dumps_without_a_snapshot_time_are_counted_and_left_out(tmp_path: Path) -> None:
    catalog = tmp_path / "c.sqlite"
    with faqparse.Catalog.open(catalog) as opened:
        for dump in dumps(DAYS[:2]):
            opened.add(dump)
        record = faqparse.Record(
            title="Undated", snippet="S.", published=date(2026, 1, 5), updated=None, views=3,
            source="-", index=0, span=(0, 1),
        )  # fmt: skip
        # A dump's time comes from the caller, its name or its dates: here from none of them.
        dated = faqparse.parse(render([record]), "plain.txt")
        assert opened.add(attrs.evolve(dated, captured=None, captured_from=None))
    summary = faqparse.report(catalog, tmp_path / "r.html")
    assert summary.dumps == 4
    assert summary.notes == (
        "1 of the catalog's 5 dumps have no snapshot time and are left out"
        " (give one with 'faqparse merge --captured-at').",
    )
    assert "1 of the catalog&#x27;s 5 dumps" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_dumps_stored_before_diagnostics_were_counted_are_named(
    catalog: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "old.sqlite"
    shutil.copyfile(catalog, copy)
    with sqlite3.connect(copy) as connection:  # as a version 2 catalog migrated left them
        connection.execute("DELETE FROM dump_diagnostics")
        connection.execute("UPDATE dumps SET diagnostics = NULL")
    connection.close()
    summary = faqparse.report(copy, tmp_path / "r.html")
    assert summary.notes == (
        f"{len(DAYS) * 2} of the period's {len(DAYS) * 2} dumps were added before the catalog"
        " counted their diagnostics (schema version 3): the diagnostics chart leaves them out.",
    )
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No dump with counted diagnostics between 2026-06-01 and 2026-06-10" in page


def test_an_output_that_cannot_be_written_is_one_line(catalog: Path, tmp_path: Path) -> None:
    status, said = _run("report", str(catalog), "-o", str(tmp_path))  # a directory
    assert status == 2
    assert said == f"faqparse: cannot write {tmp_path}: Is a directory; nothing was written\n"
