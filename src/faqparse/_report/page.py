"""The report as one HTML page: styles, scripts and data inline, so it opens offline.

Text from the catalog (titles, ids, locales) is escaped here, at the one place it becomes
HTML; the charts arrive as fragments plotly wrote. The movers table sorts on a click of its
header by a few lines of JavaScript of its own (numbers by value, empty cells last).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final, NamedTuple

from .changes import Changes, Listed
from .queries import Mover

__all__ = ["Page", "render"]

_STYLE: Final = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 0 1.5em 3em; color: #1f2328; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #d0d7de; }
.lead { color: #59636e; margin-top: 0; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.6em 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #eaeef2; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
code { font-size: 0.9em; } .more { color: #59636e; }
.scroll { max-height: 32em; overflow: auto; }
.scroll thead th { position: sticky; top: 0; background: #fff; }
dl.totals { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.totals dt { font-weight: 600; } dl.totals dd { margin: 0; }
"""
_SORT: Final = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (header, column) {
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = header.classList.contains("number");
      var key = function (row) {
        var cell = row.cells[column];
        var text = cell.hasAttribute("data-value") ? cell.getAttribute("data-value")
                                                   : cell.textContent;
        return numeric ? (text === "" ? null : Number(text)) : text;
      };
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }  // empty last
        var order = numeric ? x - y : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
});
"""

_DIAGNOSTICS_LEAD: Final = (
    '<h3>Diagnostics by code</h3>\n<p class="lead">What reading each day\'s dumps raised, per'
    " dump and by code (see the diagnostics of faqparse's documentation).</p>\n"
)


class Page(NamedTuple):
    """Everything the page shows, its charts already drawn as HTML fragments."""

    catalog: str
    scope: str
    notices: Sequence[str]
    library: str
    growth: str
    per_day: str
    movers: Sequence[Mover]
    changes: Changes | None
    glance: str
    diagnostics: str
    totals: Sequence[tuple[str, str]]
    locales: Sequence[tuple[str, int]]


def render(page: Page) -> str:
    """The whole HTML document."""
    notices = "".join(f'<p class="notice">{html.escape(n)}</p>' for n in page.notices)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>faqparse report: {html.escape(page.catalog)}</title>\n",
        f"<style>{_STYLE}</style>\n",
        f'<script type="text/javascript">{page.library}</script>\n' if page.library else "",
        "</head>\n<body>\n",
        f"<h1>faqparse report</h1>\n<p class=\"lead\">{html.escape(page.scope)}</p>\n{notices}\n",
        _section("growth", "Views over time: the top growers", page.growth,
                 "Views of the articles that gained most in the period, one line each (the"
                 " last count seen each day). Click a legend entry to hide its line."),
        _section("per-day", "New and updated articles per day", page.per_day,
                 "Articles first seen each day (not counting each locale's first day, where"
                 " the catalog starts) and articles seen with a later Updated on date than"
                 " before, stacked by locale."),
        _section("movers", "Biggest movers", _movers(page.movers),
                 "Views at the first and last count of the period; click a column to sort."),
        _section("changes", "What changed", _changes(page.changes), ""),
        _section("glance", "The catalog at a glance",
                 _totals(page) + page.glance + _DIAGNOSTICS_LEAD + page.diagnostics,
                 "A scraper that starts cutting pages shows as a drop in records per dump"
                 " and a jump in diagnostics; one that misreads a field, as a jump in"
                 " records lacking it."),
        f"<script type=\"text/javascript\">{_SORT}</script>\n</body>\n</html>\n",
    ]  # fmt: skip
    return "".join(parts)


def _section(name: str, heading: str, body: str, lead: str) -> str:
    explained = f'<p class="lead">{lead}</p>\n' if lead else ""
    return f'<section id="{name}-section">\n<h2>{heading}</h2>\n{explained}{body}\n</section>\n'


def _movers(movers: Sequence[Mover]) -> str:
    if not movers:
        return "<p>No article's view count changed in the period.</p>"
    head = ("Title", "Locale", "Views at start", "Views at end", "Growth", "Growth per day", "Id")
    rows = (
        (
            _cell(mover.title), _cell(mover.locale), _number(mover.start), _number(mover.end),
            _number(mover.growth), _number(mover.per_day, ".1f"), f"<td><code>"
            f"{html.escape(mover.id)}</code></td>",
        )
        for mover in movers
    )  # fmt: skip
    return _table(head, rows, name="movers-table", sortable=True, numbers={2, 3, 4, 5})


def _changes(changes: Changes | None) -> str:
    if changes is None:
        return "<p>No snapshot in the period: nothing to compare.</p>"
    since = changes.since.isoformat()
    parts = [f'<p class="lead">Since {since} (choose the date with <code>--since</code>).</p>']
    sections = (
        ("changes-new", f"New articles (first seen on or after {since})", changes.new,
         ("Title", "Locale", "First seen", "Views", "Id"), (1, 2, 3, 4, 0)),
        ("changes-updated", "Updated articles (a later Updated on date)", changes.updated,
         ("Title", "Locale", "Updated on before", "Updated on now", "Id"), (1, 2, 3, 4, 0)),
        ("changes-retitled", "Retitled articles", changes.retitled,
         ("Old title", "New title", "Locale", "Id"), (2, 3, 1, 0)),
        ("changes-gone", "No longer seen in the latest snapshots", changes.gone,
         ("Title", "Locale", "Last seen", "Latest snapshot day", "Id"), (1, 2, 3, 4, 0)),
    )  # fmt: skip
    for name, heading, listed, head, order in sections:
        parts.append(f"<h3>{heading}: {listed.total:,}</h3>")
        if listed.rows:
            parts.append(_change_table(name, listed, head, order))
    return "\n".join(parts)


def _change_table(name: str, listed: Listed, head: Sequence[str], order: Sequence[int]) -> str:
    rows = (
        tuple(_value(row[index], last=index == order[-1]) for index in order) for row in listed.rows
    )
    more = listed.total - len(listed.rows)
    shown = f'<p class="more">and {more:,} more</p>' if more > 0 else ""
    return _table(head, rows, name=name, sortable=False, numbers=set()) + shown


def _value(value: object, *, last: bool) -> str:
    if last:  # the id
        return f"<td><code>{html.escape(str(value))}</code></td>"
    if isinstance(value, int):
        return _number(value)
    if isinstance(value, date):
        return _cell(value.isoformat())
    return _cell("" if value is None else str(value))


def _totals(page: Page) -> str:
    items = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
        for label, value in page.totals
    )
    locales = _table(
        ("Locale", "Articles"),
        ((_cell(locale), _number(count)) for locale, count in page.locales),
        name="locales-table", sortable=False, numbers={1},
    )  # fmt: skip
    return f'<dl class="totals">{items}</dl>\n{locales if page.locales else ""}\n'


def _table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    name: str,
    sortable: bool,
    numbers: set[int],
) -> str:
    cells = "".join(
        f'<th class="number">{label}</th>' if column in numbers else f"<th>{label}</th>"
        for column, label in enumerate(head)
    )
    body = "".join(f"<tr>{''.join(row)}</tr>\n" for row in rows)
    kind = ' class="sortable"' if sortable else ""
    return (
        f'<div class="scroll"><table id="{name}"{kind}>\n<thead><tr>{cells}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table></div>"
    )


def _cell(text: str) -> str:
    return f"<td>{html.escape(text)}</td>"


def _number(value: float | None, spec: str = ",") -> str:
    if value is None:
        return '<td class="number" data-value=""></td>'
    return f'<td class="number" data-value="{value!r}">{value:{spec}}</td>'
