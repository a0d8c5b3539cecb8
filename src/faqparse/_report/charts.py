"""The report's charts, drawn with plotly from the figures SQLite aggregated.

Plotly writes a chart as a ``<div>`` and a few lines of JSON and JavaScript; its library,
inlined once per page (``script``), draws every chart in the browser with no request to any
host. Only the report imports this module, so only the report needs ``faqparse[report]``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, Final

try:
    import plotly.colors
    import plotly.graph_objects as go
    import plotly.io
    import plotly.offline
    from plotly.subplots import make_subplots
except ImportError as missing:  # pragma: no cover - the test extra installs plotly
    raise ModuleNotFoundError(
        "faqparse.report draws its charts with plotly, which is not installed:"
        " pip install 'faqparse[report]'"
    ) from missing

from .queries import Day, DiagnosticsDay, Glance, Mover, Point

__all__ = [
    "Chart",
    "diagnostics_chart",
    "glance_chart",
    "growth_chart",
    "per_day_chart",
    "script",
]

Chart = Any
"""A plotly figure (plotly ships no type hints)."""

_CONFIG: Final = {"displaylogo": False, "responsive": True}
_LAYOUT: Final = {
    "template": "plotly_white",
    "height": 440,
    "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
    "legend": {"orientation": "h", "yanchor": "top", "y": -0.12},
    "hovermode": "closest",
}
_LEGEND_WIDTH: Final = 48


def script() -> str:
    """Plotly's JavaScript library, to inline in the page once."""
    return str(plotly.offline.get_plotlyjs())


def to_html(chart: Chart, name: str) -> str:
    """A chart as a ``<div id=name>`` and the script that draws it (the library not included)."""
    return str(
        plotly.io.to_html(
            chart, include_plotlyjs=False, full_html=False, div_id=name, config=_CONFIG
        )
    )


def growth_chart(lines: Sequence[tuple[Mover, Sequence[Point]]], empty: str) -> Chart:
    """Views over time, one line per article; hover shows its title, the day and the views."""
    if not lines:
        return _empty(empty)
    chart = go.Figure(layout=_LAYOUT)
    for mover, points in lines:
        chart.add_trace(
            go.Scatter(
                x=[point.day for point in points],
                y=[point.views for point in points],
                mode="lines+markers",
                # Plotly reads tags in text (<b>, <br>): a title's own are escaped to show.
                name=html.escape(_short(f"{mover.title} ({mover.locale})"), quote=False),
                customdata=[html.escape(mover.title, quote=False)] * len(points),
                hovertemplate="<b>%{customdata}</b><br>%{x}<br>%{y:,} views<extra></extra>",
            )
        )
    chart.update_yaxes(title_text="views")
    chart.update_xaxes(type="date")
    return chart


def per_day_chart(
    new: Sequence[Day], updated: Sequence[Day], locales: Sequence[str], empty: str
) -> Chart:
    """New (top) and updated (bottom) articles per day, stacked by locale: a bar per locale
    and kind, every locale of the report in both, so a colour means one locale."""
    if not new and not updated:
        return _empty(empty)
    chart = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
        subplot_titles=("New articles", "Updated articles"),
    )  # fmt: skip
    palette = plotly.colors.qualitative.Plotly
    for row, days in ((1, new), (2, updated)):
        for number, locale in enumerate(locales):
            mine = [day for day in days if day.locale == locale]
            chart.add_trace(
                go.Bar(
                    x=[day.day for day in mine],
                    y=[day.articles for day in mine],
                    name=locale,
                    legendgroup=locale,
                    showlegend=row == 1,
                    marker_color=palette[number % len(palette)],
                    hovertemplate=f"{locale}<br>%{{x}}<br>%{{y}} articles<extra></extra>",
                ),
                row=row,
                col=1,
            )
    chart.update_layout(_LAYOUT, barmode="stack")
    # Both axes dates even when one has no bar: axes that match must be of one type.
    chart.update_xaxes(type="date")
    return chart


def glance_chart(days: Sequence[Glance], empty: str) -> Chart:
    """The catalog per day: dumps, records per dump (mean and smallest), and the share of
    records without a view count or an ``Updated on`` date."""
    if not days:
        return _empty(empty)
    chart = make_subplots(
        rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.08,
        subplot_titles=("Dumps", "Records per dump", "Records lacking a field (%)"),
    )  # fmt: skip
    x = [day.day for day in days]
    chart.add_trace(go.Bar(x=x, y=[day.dumps for day in days], name="dumps"), row=1, col=1)
    mean = [round(day.records / day.dumps, 1) for day in days]
    chart.add_trace(go.Scatter(x=x, y=mean, name="records per dump"), row=2, col=1)
    smallest = [day.smallest for day in days]
    chart.add_trace(go.Scatter(x=x, y=smallest, name="smallest dump"), row=2, col=1)
    for name, kept in (("no view count", "with_views"), ("no Updated on", "with_updated")):
        share = [_share(day.records - getattr(day, kept), day.records) for day in days]
        chart.add_trace(go.Scatter(x=x, y=share, name=name), row=3, col=1)
    chart.update_layout(_LAYOUT, height=640)
    chart.update_xaxes(type="date")
    return chart


def diagnostics_chart(days: Sequence[DiagnosticsDay], empty: str) -> Chart:
    """Diagnostics per dump each day, one line per code: a scraper that starts cutting pages
    shows as a jump of ``incomplete-record``. A day whose dumps raised none is a 0."""
    codes = sorted({code for day in days for code in day.counts})
    if not codes:
        return _empty(empty)
    chart = go.Figure(layout=_LAYOUT)
    x = [day.day for day in days]
    for code in codes:
        chart.add_trace(
            go.Scatter(
                x=x,
                y=[day.per_dump(code) for day in days],
                customdata=[[day.counts.get(code, 0), day.dumps] for day in days],
                mode="lines+markers",
                name=code,
                hovertemplate=f"{code}<br>%{{x}}<br>%{{y}} per dump"
                "<br>(%{customdata[0]} in %{customdata[1]} dumps)<extra></extra>",
            )
        )
    chart.update_yaxes(title_text="diagnostics per dump", rangemode="tozero")
    chart.update_xaxes(type="date")
    return chart


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def _empty(message: str) -> Chart:
    """An honest empty chart: no trace, and a sentence saying why."""
    chart = go.Figure(layout=_LAYOUT)
    chart.update_layout(height=160, xaxis_visible=False, yaxis_visible=False)
    chart.add_annotation(text=html.escape(message, quote=False), showarrow=False, font_size=15)
    return chart


def _short(text: str) -> str:
    return text if len(text) <= _LEGEND_WIDTH else text[: _LEGEND_WIDTH - 1] + "\u2026"
