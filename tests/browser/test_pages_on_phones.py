"""Every kind of page at 1366 px and on a 390 px phone (mobile emulation, touch): nothing wider than the
screen, numbers and names whole, charts legible and usable by tap, the model page's box before its tables,
a home page to start from, folded filters, the 404 page's way on, the feed in every head, and no link to a
repository the site does not name. Screenshots of every page at both widths go to ARTIFACTS/pages."""

from __future__ import annotations

import functools
import json
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS, Watch

PHONE, DESKTOP = 390, 1366
PAGES = {
    "home": "",
    "catalogue": "models/",
    "model": "models/blip-2/",
    "model-clip": "models/clip/",
    "leaderboard": "benchmarks/vqav2/",
    "benchmarks": "benchmarks/",
    "objective": "objectives/image-text-contrastive/",
    "objectives": "objectives/",
    "task": "tasks/visual-question-answering/",
    "dataset": "datasets/cc3m/",
    "datasets": "datasets/",
    "year": "years/2023/",
    "years": "years/",
    "new": "new/",
    "surveys": "surveys/",
    "stats": "stats/",
    "compare": "compare/?m=clip,blip-2,llava",
    "about": "about/",
    "security": "security/",
    "404": "models/no-such-model/",
}
INVENTED = ("mmptm-site/mmptm-site", "mmptm-site.github.io")
SHOTS = ARTIFACTS / "pages"


class _PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: an address it lacks gets the site's 404.html, status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(site) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@contextmanager
def screen(browser, base_url: str, width: int, *, missing: tuple[str, ...] = ()):
    """A page in a browser `width` px wide: a phone (mobile emulation, touch) below 600 px. Fails on console
    errors, failed requests and requests to other hosts; `missing` addresses may answer 404."""
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    watch = Watch(urlsplit(base_url).netloc)
    watch.attach(page)
    try:
        yield page
    finally:
        context.close()
    expected = {f"HTTP 404: {base_url}{path}" for path in missing}
    if missing:  # how Chromium reports a page that answers 404
        expected.add("console: Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert [problem for problem in watch.problems if problem not in expected] == []


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


MEASURE = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  innerWidth: window.innerWidth,
  height: document.documentElement.scrollHeight,
})"""


@pytest.fixture(scope="module")
def widths():
    """Widths measured per page, written next to the screenshots for a person to compare."""
    measured: dict[str, dict] = {}
    yield measured
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "widths.json").write_text(json.dumps(measured, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_fits_the_screen_names_the_feed_and_no_invented_repository(browser, pages_url, width, widths):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with screen(browser, pages_url, width, missing=(PAGES["404"],)) as page:
        for name, path in PAGES.items():
            visit(page, pages_url + path)
            size = page.evaluate(MEASURE)
            widths[f"{name}@{width}"] = size
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            # the layout viewport stays the screen's width: nothing made the browser zoom the page out
            assert size["innerWidth"] == width, (name, size)
            assert size["scrollWidth"] <= size["clientWidth"], (name, size)
            feeds = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
            assert feeds.count() == 1, name
            feed = page.request.get(feeds.first.evaluate("link => link.href"))
            assert feed.status == 200 and "<feed" in feed.text(), name
            links = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
            assert not [link for link in links if any(marker in link for marker in INVENTED)], name
            # built without its addresses (as the tests build it): no repository or edit link at all
            assert page.locator(".md-source, a[rel='edit']").count() == 0, name


# Whether any number, or any word of a table cell, a button or the model page's box, is split over two lines.
# Words are runs of letters and digits (with inner dots: 2301.12597, Qwen2.5): a line may still break after a
# hyphen or slash (ViT-L/14), and inside the URLs of sources, but never inside "2023" or "ImageBind".
BROKEN_TOKENS = r"""() => {
  const lines = rects => {
    const tops = [...rects].filter(r => r.width > 0).map(r => r.top).sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
  };
  const broken = [];
  const range = document.createRange();
  for (const element of document.querySelectorAll(".mmptm .mmptm-number")) {
    range.selectNodeContents(element);
    if (lines(range.getClientRects()) > 1) broken.push(element.textContent.trim());
  }
  const roots = document.querySelectorAll(
    ".mmptm td:not(.mmptm-source), .mmptm th, .mmptm .md-button, .mmptm-glance, .mmptm-chips, .mmptm-latest");
  const word = /[\p{L}\p{N}](?:[\p{L}\p{N}.]*[\p{L}\p{N}])?/gu;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".mmptm-source")) continue;
      for (const match of node.data.matchAll(word)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (lines(range.getClientRects()) > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("name", ["home", "catalogue", "model", "leaderboard", "datasets", "year", "compare"])
def test_numbers_and_names_never_break_inside_a_token_on_a_phone(browser, pages_url, name):
    with screen(browser, pages_url, PHONE) as page:
        visit(page, pages_url + PAGES[name])
        assert page.evaluate(BROKEN_TOKENS) == []


# The size of each text of the visible charts as drawn: its font size in SVG units times the units' scale.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg.mmptm-chart")]
  .filter(svg => svg.getClientRects().length > 0)
  .flatMap(svg => [...svg.querySelectorAll("text")].map(text => {
    const m = text.getScreenCTM();
    return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
  }))"""


@pytest.mark.parametrize("path", ["", "stats/", "benchmarks/vqav2/"])
def test_chart_text_is_at_least_11_px_on_a_phone(browser, pages_url, path):
    with screen(browser, pages_url, PHONE) as page:
        visit(page, pages_url + path)
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert sizes and min(sizes) >= 11, sorted(sizes)[:5]


def label_of(page, figure) -> str:
    return figure.locator(".mmptm-chart-label").inner_text()


def test_tapping_a_chart_shows_the_label_of_the_mark_under_the_finger(browser, pages_url):
    with screen(browser, pages_url, PHONE) as page:
        visit(page, pages_url + "stats/")
        assert "Tap" in page.inner_text(".mmptm-stats > p") and "Hover a mark" not in page.inner_text("article")
        # a bar segment, tapped in its middle
        figure = page.locator("figure#models-per-year")
        mark = figure.locator(".mmptm-mark").nth(0)
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expected = mark.evaluate("g => g.querySelector(':scope > title').textContent")
        assert figure.locator(".mmptm-chart-label").is_visible() and label_of(page, figure) == expected
        # a point of 5 px, tapped beside it: the nearest mark within a finger's reach counts
        figure = page.locator("figure#parameters")
        figure.scroll_into_view_if_needed()
        isolated = figure.evaluate("""figure => {
          const marks = [...figure.querySelectorAll(".mmptm-mark")].map(g => {
            const r = g.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2, label: g.querySelector(":scope > title").textContent};
          });
          const gap = m => Math.min(...marks.filter(o => o !== m).map(o => Math.hypot(o.x - m.x, o.y - m.y)));
          return marks.reduce((best, m) => (gap(m) > gap(best) ? m : best));
        }""")
        page.touchscreen.tap(isolated["x"] + 6, isolated["y"])
        assert label_of(page, figure) == isolated["label"]
        # far from every mark: the label goes away
        plot = figure.locator("svg").bounding_box()
        page.touchscreen.tap(plot["x"] + 2, plot["y"] + 2)
        assert not figure.locator(".mmptm-chart-label").is_visible()


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_model_page_shows_the_essentials_before_the_long_tables(browser, pages_url, width):
    with screen(browser, pages_url, width) as page:
        visit(page, pages_url + "models/blip-2/")
        glance = page.locator("section.mmptm-glance")
        terms = glance.locator("dt").all_inner_texts()
        assert terms == ["Paper", "Code", "Weights", "Sizes", "First released", "Modalities"]
        text = glance.inner_text()
        assert "arXiv 2301.12597" in text and "January 2023" in text and "official code" in text
        headlines = glance.locator(".mmptm-headlines li").all_inner_texts()
        assert 3 <= len(headlines) <= 5 and all(" · " in h for h in headlines)  # each names its setting
        first_table = page.locator("article table").first.bounding_box()
        assert glance.bounding_box()["y"] + glance.bounding_box()["height"] <= first_table["y"]
        # Cite copies the BibTeX
        page.get_by_role("button", name="Cite: copy BibTeX").click()
        page.wait_for_function("document.querySelector('.mmptm-glance button[data-copy]').textContent === 'Copied'")
        assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#bibtex-blip-2")
        # results: a row group per benchmark, in a box no wider than the text column
        article = page.locator("article").bounding_box()
        box = page.locator(".mmptm-scroll:has(table.mmptm-results)")
        assert box.bounding_box()["x"] + box.bounding_box()["width"] <= article["x"] + article["width"] + 1
        groups = page.locator("table.mmptm-results tbody tr.mmptm-group").all_inner_texts()
        assert len(groups) == len(set(groups)) >= 3  # each benchmark once


def test_home_starts_with_search_and_marks_what_changed_since_the_last_visit(browser, pages_url):
    with screen(browser, pages_url, PHONE) as page:
        visit(page, pages_url)
        first = page.locator("article input, article select").first
        assert first.get_attribute("id") == "home-q" and first.bounding_box()["y"] < 844  # on the first screen
        for heading in ("Latest models", "Current best on the main benchmarks", "Models per year", "Ways in"):
            assert page.get_by_role("heading", name=heading).count() == 1, heading
        assert page.locator("#best ~ .mmptm-scroll table.mmptm-best td").first.is_visible()
        for kind in ("modalities", "objectives", "tasks"):
            assert page.locator(f"#ways-{kind} ~ ul.mmptm-chips a").count() >= 3, kind
        since = page.locator("#mmptm-since")
        assert "remember" in since.inner_text()
        days = page.eval_on_selector_all("#mmptm-changes li", "items => items.map(li => li.dataset.day)")
        assert days == sorted(days, reverse=True)
        older = next((day for day in days if day < days[0]), None)
        if older is not None:  # the changes shown span more than one day
            page.evaluate("day => localStorage.setItem('mmptm-last-seen-change', day)", older)
            visit(page, pages_url)
            fresh = sum(day > older for day in days)
            assert page.locator("#mmptm-changes li.mmptm-new").count() == fresh
            assert f"{fresh} change" in since.inner_text()
        visit(page, pages_url)
        assert page.inner_text("#mmptm-since") == "Nothing has changed since your last visit."
        page.fill("#home-q", "blip")
        page.press("#home-q", "Enter")
        page.wait_for_url("**/models/?q=blip")


def test_catalogue_filters_fold_on_a_phone_and_stay_open_on_a_wide_screen(browser, pages_url):
    with screen(browser, pages_url, PHONE) as page:
        visit(page, pages_url + "models/")
        page.wait_for_selector("#mmptm-controls:not([hidden])")
        assert page.locator("#f-q").is_visible() and not page.locator("#f-modality").is_visible()
        page.click("details.mmptm-filters > summary")
        assert page.locator("#f-modality").is_visible()
        visit(page, pages_url + "models/?modality=video")  # a filter set by the address stays in sight
        assert page.locator("#f-modality").is_visible()
    with screen(browser, pages_url, DESKTOP) as page:
        visit(page, pages_url + "models/")
        assert page.locator("#f-modality").is_visible()  # open on a wide screen


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_missing_page_offers_search_the_catalogue_and_home(browser, pages_url, width):
    missing = "models/blip-3-not-yet/"
    with screen(browser, pages_url, width, missing=(missing,)) as page:
        response = page.goto(pages_url + missing)
        assert response.status == 404
        assert page.get_by_role("heading", name="Page not found").is_visible()
        assert page.input_value("#mmptm-404-q") == "blip 3 not yet"  # from the missing address
        page.get_by_role("link", name="the catalogue of every model").click()
        page.wait_for_url(pages_url + "models/")
        page.go_back()
        page.get_by_role("link", name="the home page").click()
        page.wait_for_url(pages_url)
        page.go_back()
        page.fill("#mmptm-404-q", "blip")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url(pages_url + "models/?q=blip")
        page.wait_for_selector("#mmptm-controls:not([hidden])")
        assert page.input_value("#f-q") == "blip"
