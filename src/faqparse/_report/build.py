"""``faqparse.report``: a catalog file in, one self-contained HTML page out.

The catalog is read in one read transaction (a run committing meanwhile is either all in the
report or not at all); the page is written atomically, so an interrupted report leaves the
previous one in place.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timedelta
from typing import Final

import attrs

from .._catalog.schema import connect
from .._output.formats import atomic_output
from . import queries as q
from .changes import Changes, changes_since
from .page import Page, render
from .tables import LAST_DAY, Period, gather_tables

__all__ = ["ReportSummary", "report"]

MOVERS_SHOWN: Final = 100
"""Rows of the movers table, and of each list of changes."""
RECENT_DAYS: Final = 7
"""Without ``since``, "what changed" looks at the last week of the catalog."""
_TIMEOUT: Final = 60.0


@attrs.frozen
class ReportSummary:
    """What a report covered: the dumps and articles in it, its days, and what it noted
    (an empty catalog, a locale with no dumps...), as the page says them too."""

    path: str
    dumps: int
    articles: int
    first_day: date | None
    last_day: date | None
    notes: tuple[str, ...]


def report(
    catalog_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    since: date | None = None,
    until: date | None = None,
    locale: str | None = None,
    top: int = 10,
) -> ReportSummary:
    """Write an HTML report of the catalog at ``catalog_path`` to ``output_path``.

    ``since`` and ``until`` (dates, both included) bound the period; ``locale`` keeps the
    articles of one locale; ``top`` is how many growers the views chart draws. Raises
    ``CatalogError`` for a file that is not a catalog, ``ModuleNotFoundError`` (with the
    install line) without ``faqparse[report]``, ``TypeError``/``ValueError`` for bad arguments.
    """
    since, until = _day(since, "since"), _day(until, "until")
    if since is not None and until is not None and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    if locale is not None and not isinstance(locale, str):
        raise TypeError(f"locale must be a str, not {type(locale).__name__}")
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a whole number of articles, 1 or more, not {top!r}")
    from . import charts  # noqa: PLC0415 - plotly, only when drawing; ModuleNotFoundError

    name = os.fspath(catalog_path)
    connection = connect(name, create=False, timeout=_TIMEOUT)
    try:
        connection.execute("BEGIN")  # one snapshot for every query; temp tables go with it
        page, summary = _read(connection, name, Period.of(since, until, locale), since, top)
    finally:
        connection.close()
    with atomic_output(output_path) as out:
        out.write(render(page._replace(library=charts.script())))
    return attrs.evolve(summary, path=os.fspath(output_path))


def _read(
    connection: sqlite3.Connection, name: str, period: Period, since: date | None, top: int
) -> tuple[Page, ReportSummary]:
    from . import charts  # noqa: PLC0415

    execute = connection.execute
    everything = execute("SELECT count(*), count(captured) FROM dumps").fetchone()
    gather_tables(connection, period)
    dumps, first, last = execute(
        "SELECT count(*), min(day), max(day) FROM temp.report_dumps WHERE day >= ?",
        (period.since,),
    ).fetchone()
    notes = _notes(connection, everything, dumps, period)
    if uncounted := q.uncounted(connection, period):
        notes.append(
            f"{uncounted:,} of the period's {dumps:,} dumps were added before the catalog counted"
            " their diagnostics (schema version 3): the diagnostics chart leaves them out."
        )
    window = _window(period, first, last)
    growers = q.movers(connection, q.GROWERS, top)
    lines = [(mover, q.series(connection, period, mover.id)) for mover in growers]
    locales = [
        (locale, count)
        for locale, count in execute(
            "SELECT b.locale, count(*) FROM temp.report_spans AS s"
            " JOIN blocks AS b ON b.id = s.block GROUP BY b.locale ORDER BY b.locale"
        )
    ]
    glance = q.glance(connection, period)
    diagnostics = q.diagnostics_per_day(connection, period)
    articles = sum(count for _, count in locales)
    records = sum(day.records for day in glance)
    changes: Changes | None = None
    if last is not None:
        compared = since or date.fromisoformat(last) - timedelta(days=RECENT_DAYS)
        changes = changes_since(connection, compared, MOVERS_SHOWN)
    page = Page(
        catalog=name,
        scope=_scope(name, window, period.locale),
        notices=notes,
        library="",
        growth=charts.to_html(
            charts.growth_chart(lines, f"No article's views grew {window}"), "growth-chart"
        ),
        per_day=charts.to_html(
            charts.per_day_chart(
                q.per_day(connection, period, q.NEW_PER_DAY),
                q.per_day(connection, period, q.UPDATED_PER_DAY),
                [locale for locale, _ in locales],
                f"No article was new or updated {window}",
            ),
            "per-day-chart",
        ),
        movers=q.movers(connection, q.MOVERS, MOVERS_SHOWN),
        changes=changes,
        glance=charts.to_html(charts.glance_chart(glance, f"No snapshot {window}"), "glance-chart"),
        diagnostics=charts.to_html(
            charts.diagnostics_chart(
                diagnostics,
                f"No diagnostic in the dumps {window}"
                if diagnostics
                else f"No dump with counted diagnostics {window}",
            ),
            "diagnostics-chart",
        ),
        totals=[
            ("Dumps", f"{dumps:,} in the period, {everything[0]:,} in the catalog"),
            ("Records", f"{records:,} in the period"),
            ("Articles", f"{articles:,} seen up to the end of the period"),
            ("Locales", ", ".join(locale for locale, _ in locales) or "none"),
        ],
        locales=locales,
    )
    day = None if first is None else date.fromisoformat(first)
    end = None if last is None else date.fromisoformat(last)
    return page, ReportSummary(name, dumps, articles, day, end, tuple(notes))


def _notes(
    connection: sqlite3.Connection, everything: tuple[int, int], dumps: int, period: Period
) -> list[str]:
    """What the reader must know before the charts: why some or all of them are empty."""
    total, timed = everything
    if total == 0:
        return ["This catalog holds no dumps yet: add some with 'faqparse merge DUMP... --into"
                " CATALOG', then report again."]  # fmt: skip
    notes = []
    unknown = False
    if period.locale is not None:
        known = [row[0] for row in connection.execute(
            "SELECT DISTINCT locale FROM dumps ORDER BY locale")]  # fmt: skip
        unknown = period.locale not in {locale.lower() for locale in known}
        if unknown:
            notes.append(
                f"No dump of locale {period.locale!r} in this catalog; its locales: "
                f"{', '.join(known)}."
            )
    if timed < total:
        notes.append(
            f"{total - timed:,} of the catalog's {total:,} dumps have no snapshot time and are"
            " left out (give one with 'faqparse merge --captured-at')."
        )
    if dumps == 0 and timed and not unknown:
        notes.append("No snapshot in the period asked: the charts are empty.")
    return notes


def _window(period: Period, first: str | None, last: str | None) -> str:
    if first is None:
        start = period.since or "the start"
        end = "the end" if period.until == LAST_DAY else period.until
        return f"between {start} and {end}"
    return f"between {first} and {last}"


def _scope(name: str, window: str, locale: str | None) -> str:
    which = "every locale" if locale is None else f"locale {locale}"
    return f"Catalog {name}, snapshots {window}, {which}."


def _day(value: object, name: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")
    return value
