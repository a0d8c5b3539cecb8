"""The report opened in a real browser: Debian's Chromium, headless, driven by Playwright.

One report is written per module and opened once; each test looks at one thing a reader
would notice. Any console error, uncaught exception or request to anything but a ``file:``
or ``data:`` URL fails the test that saw it. The tests skip only when no Chromium is
installed (CI installs it: ``.ci/run``). With ``FAQPARSE_SCREENSHOT_DIR`` set, the screenshot
of the growth chart is saved there (``docs/report.png`` is made so).
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

import faqparse

from .report_catalogs import ARTICLES, CUT_DAY, DAYS, GROWTH

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
TOP = 3

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (chromium)")


class Watched:
    """A page, and what went wrong on it: console errors, page errors, outside requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning", "trace"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _request(self, request: Request) -> None:
        if not request.url.startswith(("file:", "data:")):
            self.problems.append(f"request to {request.url}")

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "[...document.querySelectorAll('.js-plotly-plot')].every(g => g._fullLayout)"
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    faqparse.report(catalog, out, top=TOP)
    return out


@pytest.fixture(scope="module")
def opened(browser: Browser, report: Path) -> Iterator[Watched]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watched = Watched(page)
    watched.open(report)
    yield watched
    page.close()


@pytest.fixture
def watched(opened: Watched) -> Iterator[Watched]:
    """The opened report; the test fails on any problem seen while it ran."""
    before = len(opened.problems)
    yield opened
    assert opened.problems[before:] == []


def _traces(page: Page, chart: str, layer: str) -> tuple[int, int]:
    """(traces in the chart's data, traces drawn as SVG in ``layer``) of one chart."""
    found = page.evaluate(
        """([chart, layer]) => {
            const node = document.getElementById(chart);
            return [node.data.length, node.querySelectorAll(`.${layer} .trace`).length];
        }""",
        [chart, layer],
    )
    return found[0], found[1]


def test_the_page_opened_without_an_error_or_a_request(opened: Watched) -> None:
    assert opened.problems == []


def test_the_growth_chart_draws_a_line_per_top_grower(watched: Watched) -> None:
    assert _traces(watched.page, "growth-chart", "scatterlayer") == (TOP, TOP)
    names = watched.page.evaluate("document.getElementById('growth-chart').data.map(t => t.name)")
    growers = sorted(ARTICLES, key=lambda a: -GROWTH[a.title])[:TOP]
    assert names == [f"{a.title} ({a.locale})" for a in growers]
    paths = watched.page.locator("#growth-chart .scatterlayer .trace path.js-line")
    assert paths.count() == TOP


def test_hovering_a_point_shows_title_date_and_views(watched: Watched) -> None:
    page = watched.page
    page.evaluate("Plotly.Fx.hover('growth-chart', [{curveNumber: 0, pointNumber: 9}])")
    label = page.locator("#growth-chart .hoverlayer .hovertext").text_content() or ""
    assert "Rocket article" in label and "19,000 views" in label and "Jun 10, 2026" in label


def test_the_per_day_chart_stacks_a_bar_trace_per_locale_and_kind(watched: Watched) -> None:
    locales = {a.locale for a in ARTICLES}
    # A trace per locale and kind; drawn, those with a bar: the English new and updated ones.
    assert _traces(watched.page, "per-day-chart", "barlayer") == (2 * len(locales), 2)
    bars = watched.page.locator("#per-day-chart .barlayer .point path")
    heights = [bar.bounding_box() for bar in bars.all()]
    assert sum(1 for box in heights if box and box["height"] > 0) == 2


def test_the_glance_chart_draws_its_five_series(watched: Watched) -> None:
    data, drawn = _traces(watched.page, "glance-chart", "scatterlayer")
    assert data == 5 and drawn == 4  # one bar trace (dumps) and four lines
    assert _traces(watched.page, "glance-chart", "barlayer")[1] == 1


def test_the_diagnostics_chart_draws_a_line_per_code_that_jumps_when_pages_are_cut(
    watched: Watched,
) -> None:
    page = watched.page
    assert _traces(page, "diagnostics-chart", "scatterlayer") == (1, 1)  # incomplete-record
    line = page.evaluate(
        "(() => { const t = document.getElementById('diagnostics-chart').data[0];"
        " return [t.name, t.x, t.y]; })()"
    )
    # One cut page in one of each day's two dumps from the day the scraper starts cutting.
    assert line == [
        "incomplete-record",
        [day.isoformat() for day in DAYS],
        [0.5 if day >= CUT_DAY else 0 for day in DAYS],
    ]
    page.evaluate(
        f"Plotly.Fx.hover('diagnostics-chart', [{{curveNumber: 0, pointNumber: {len(DAYS) - 1}}}])"
    )
    label = page.locator("#diagnostics-chart .hoverlayer .hovertext").text_content() or ""
    assert "incomplete-record" in label and "1 in 2 dumps" in label


def _column(page: Page, column: int) -> list[str]:
    return list(
        page.evaluate(
            """(column) => [...document.querySelectorAll('#movers-table tbody tr')]
                .map(row => row.cells[column].getAttribute('data-value'))""",
            column,
        )
    )


def test_the_movers_table_sorts_on_a_click(watched: Watched) -> None:
    page = watched.page
    growth = page.locator("#movers-table th", has_text="Growth").first
    growth.click()
    ascending = sorted(GROWTH[a.title] for a in ARTICLES if a.growth)
    assert [int(value) for value in _column(page, 4)] == ascending
    growth.click()
    assert [int(value) for value in _column(page, 4)] == ascending[::-1]
    page.locator("#movers-table th", has_text="Title").click()
    titles = page.evaluate(
        "[...document.querySelectorAll('#movers-table tbody tr')].map(r => r.cells[0].innerText)"
    )
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)
    assert page.locator("#movers-table th[aria-sort=ascending]").inner_text().startswith("Title")


def test_a_screenshot_is_not_blank(watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    # The top (title, growth chart with the hover label of the test above): docs/report.png.
    page.evaluate("window.scrollTo(0, 0)")
    shot = page.screenshot(full_page=False)
    keep = os.environ.get("FAQPARSE_SCREENSHOT_DIR")
    if keep:
        Path(keep, "report.png").write_bytes(shot)
    # Count the colours of the picture in the browser itself: no image library needed.
    colours = page.evaluate(
        """async (data) => {
            const image = new Image();
            image.src = data;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = image.width; canvas.height = image.height;
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            const pixels = context.getImageData(0, 0, image.width, image.height).data;
            const seen = new Set();
            for (let i = 0; i < pixels.length; i += 4 * 7) {
                seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
            }
            return seen.size;
        }""",
        "data:image/png;base64," + base64.b64encode(shot).decode("ascii"),
    )
    assert colours > 50


def test_clicking_a_legend_entry_hides_its_line(watched: Watched) -> None:
    page = watched.page
    page.locator("#growth-chart .legend .traces").first.click()
    page.wait_for_function(
        "document.getElementById('growth-chart').data[0].visible === 'legendonly'"
    )
    page.locator("#growth-chart .legend .traces").first.click()
    page.wait_for_function("document.getElementById('growth-chart').data[0].visible === true")


def test_an_empty_catalog_opens_as_a_page_that_says_so(browser: Browser, tmp_path: Path) -> None:
    catalog = tmp_path / "empty.sqlite"
    faqparse.Catalog.open(catalog).close()
    faqparse.report(catalog, tmp_path / "empty.html")
    page = browser.new_page()
    try:
        watched = Watched(page)
        watched.open(tmp_path / "empty.html")
        assert "This catalog holds no dumps yet" in page.locator(".notice").inner_text()
        for chart in ("growth-chart", "per-day-chart", "glance-chart", "diagnostics-chart"):
            assert _traces(page, chart, "scatterlayer")[0] == 0
        assert "No snapshot" in (page.locator("#glance-chart .annotation").text_content() or "")
        assert watched.problems == []
    finally:
        page.close()
