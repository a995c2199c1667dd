"""Issue 23's checks of the catalogue, compare, site search and accessibility, in Chromium at 1366 and 390 px.

Each check reads what a reader gets: computed styles for focus rings and target sizes, the first Tab stop,
axe (every rule of the WCAG 2.0/2.1/2.2 A and AA tags and best practice, at zero), the rows the catalogue
shows for a query, the groups and numbers of the compare page, and the first hit of the site search.
Screenshots of the pages checked go to ARTIFACTS/reader/ (not committed) for a person to look at.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from mmptm_site.catalog import BoardKey, Catalog
from mmptm_site.data.schema import AUTHORS
from mmptm_site.data.validate import load_data

from ..conftest import REAL_DATA
from .conftest import ARTIFACTS, Watch

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {
    "home": "",
    "catalogue": "models/",
    "model": "models/blip-2/",
    "leaderboard": "benchmarks/vqav2/",
    "compare": "compare/?m=clip,blip-2,llava",
    "compare-shared": "compare/?m=beit-3,mplug,x-vlm",
    "stats": "stats/",
}
DARK_VIEW = {"catalogue": "models/?modality=video"}
"""In dark mode only colours change: the catalogue is checked on a filtered view of the same rows (axe's
contrast rule takes a quarter of a minute over all 232)."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_data(REAL_DATA))


@pytest.fixture
def open_page(browser, base_url):
    """A page in a new context of the given viewport and colour scheme (a phone is a touch device whose
    layout viewport would grow if the page were wider than the screen); fails the test on any console
    error, failed request or request to another host."""
    contexts, watches = [], []

    def opener(viewport=DESKTOP, scheme="light"):
        phone = viewport["width"] < 500
        context = browser.new_context(
            viewport=viewport, color_scheme=scheme, is_mobile=phone, has_touch=phone, device_scale_factor=1
        )
        contexts.append(context)
        page = context.new_page()
        watch = Watch(urlsplit(base_url).netloc)
        watch.attach(page)
        watches.append(watch)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert [problem for watch in watches for problem in watch.problems] == []


def ready(page, path: str) -> None:
    """Wait for what a page's script adds: the catalogue's controls, the compare table."""
    page.wait_for_load_state("networkidle")
    if path.startswith("models/") and path.count("/") == 1:
        page.wait_for_selector("#mmptm-controls:not([hidden])", state="attached")
    if path.startswith("compare/"):
        page.wait_for_selector("#mmptm-compare-result table")


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#mmptm-table tbody tr", "rows => rows.map(r => r.dataset.id)")


# --- catalogue: forgiving search, newest first, no "Show 0 more" -------------------------------------


def models_with_author(catalog: Catalog, author: str) -> set[str]:
    return {model.id for model in catalog.models if author in model.authors}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("blip2", {"blip-2"}),
        ("BLIP 2", {"blip-2"}),
        ("llava 1.5", {"llava-1-5"}),
        ("LLaVA-1.5", {"llava-1-5"}),
        ("2301.12597", {"blip-2"}),
        ("2301 12597", {"blip-2"}),
    ],
)
def test_catalogue_search_forgives_case_punctuation_and_spaces(page, base_url, query, expected):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    page.fill("#f-q", query)
    assert set(shown(page)) == expected
    assert "q=" in page.url


@pytest.mark.parametrize(("query", "author"), [("Junnan Li", "Junnan Li"), ("li, junnan", "Junnan Li")])
def test_catalogue_search_finds_an_authors_models(page, base_url, catalog, query, author):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    page.fill("#f-q", query)
    expected = models_with_author(catalog, author)
    assert len(expected) >= 3 and set(shown(page)) == expected


def test_catalogue_search_ignores_diacritics_and_finds_organisations(page, base_url, catalog):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    accented = next(a for m in catalog.models for a in m.authors if a == "Gül Varol")
    page.fill("#f-q", "gul varol")
    assert set(shown(page)) == models_with_author(catalog, accented) != set()
    page.fill("#f-q", "GÜL VAROL")
    assert set(shown(page)) == models_with_author(catalog, accented)
    page.fill("#f-q", "salesforce")
    expected = {m.id for m in catalog.models if any("Salesforce" in o for o in m.organisations)}
    assert "blip-2" in expected and set(shown(page)) == expected


def newest_first(catalog: Catalog) -> list[str]:
    """By release month (a model with only a year after that year's dated ones), then year, then name."""
    by_name = sorted(catalog.models, key=lambda m: (m.name.casefold(), m.id))
    return [m.id for m in sorted(by_name, key=lambda m: (m.released or f"{m.year}-00", m.year), reverse=True)]


def test_catalogue_is_newest_first_by_release_month_and_shows_no_empty_more_button(page, base_url, catalog):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    expected = newest_first(catalog)
    more = page.locator("#mmptm-catalogue button", has_text=re.compile(r"^Show \d+ more$"))
    assert more.count() == 1
    while more.is_visible():  # a page of 250 rows at a time; the button names what is left, never 0
        left = len(expected) - len(shown(page))
        assert more.inner_text() == f"Show {min(250, left)} more" and left > 0
        more.click()
    order = shown(page)
    assert order == expected
    released = [catalog.data.models[i].released for i in order if catalog.data.models[i].released]
    assert released == sorted(released, reverse=True)


def test_catalogue_on_a_phone_is_cards_with_folded_filters(open_page, base_url):
    page = open_page(PHONE)
    page.goto(base_url + "models/")
    page.wait_for_selector("#f-q")
    assert page.evaluate("window.innerWidth") == 390  # the layout viewport did not grow
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.is_visible("#f-q") and not page.is_visible("#f-modality")  # filters folded, search shown
    assert page.evaluate("document.getElementById('mmptm-filters').open") is False
    page.click("#mmptm-filters > summary")
    assert page.is_visible("#f-modality")
    page.select_option("#f-modality", "video")
    assert page.text_content("#mmptm-filter-count") == " (1 set)"
    first = page.locator("#mmptm-table tbody tr").first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"  # a card, not a table row
    assert not first.locator("td.mmptm-low").is_visible()  # objectives dropped on a phone
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # numbers and names keep to one line
    for cell in first.locator("td.mmptm-number").all():
        assert cell.evaluate("td => getComputedStyle(td).whiteSpace") == "nowrap"


def test_catalogue_filters_open_on_a_wide_screen_and_when_the_address_sets_one(open_page, base_url):
    page = open_page(DESKTOP)
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    assert page.is_visible("#f-modality")
    phone = open_page(PHONE)
    phone.goto(base_url + "models/?modality=video")
    phone.wait_for_selector("#f-q")
    assert phone.is_visible("#f-modality") and phone.text_content("#mmptm-filter-count") == " (1 set)"


# --- compare: groups that mean what they say, code links, like with like -----------------------------


def group_items(page, sets: str, group: str) -> list[str]:
    text = page.inner_text(f'dl[data-sets="{sets}"] dd[data-group="{group}"]')
    return [] if text == "none" else text.split("; ")


@pytest.mark.parametrize("ids", [["clip", "blip-2", "llava"], ["clip", "blip-2"], ["albef", "blip", "blip-2", "clip"]])
def test_compare_groups_do_not_overlap(page, base_url, catalog, ids):
    page.goto(base_url + "compare/?m=" + ",".join(ids))
    page.wait_for_selector("#mmptm-compare-result dl")
    models = [catalog.data.models[i] for i in ids]
    vocab = {"objectives": catalog.data.vocab["objectives"], "datasets": catalog.data.datasets}
    for sets in ("objectives", "datasets"):
        holders: dict[str, list] = {}
        for model in models:
            for item in getattr(model, sets):
                holders.setdefault(item, []).append(model)
        names = {item: vocab[sets][item].name for item in holders}
        every = sorted(names[i] for i, h in holders.items() if len(h) == len(models))
        assert sorted(group_items(page, sets, "all")) == every
        if len(models) > 2:
            some = sorted(
                f"{names[i]} ({', '.join(m.name for m in h)})" for i, h in holders.items() if 1 < len(h) < len(models)
            )
            assert sorted(group_items(page, sets, "some")) == some
        for model in models:
            only = sorted(names[i] for i, h in holders.items() if h == [model])
            assert sorted(group_items(page, sets, f"only:{model.id}")) == only, (sets, model.id)


def test_compare_says_only_what_only_one_has(page, base_url):
    """The issue's example: CC3M is BLIP-2's and LLaVA's, so it is neither "only BLIP-2" nor "only LLaVA"."""
    page.goto(base_url + "compare/?m=clip,blip-2,llava")
    page.wait_for_selector("#mmptm-compare-result dl")
    assert "Conceptual Captions (CC3M) (BLIP-2, LLaVA)" in group_items(page, "datasets", "some")
    for model in ("blip-2", "llava"):
        assert "Conceptual Captions (CC3M)" not in group_items(page, "datasets", f"only:{model}")
    assert "Image-text contrastive learning" not in group_items(page, "objectives", "only:clip")


def test_compare_links_official_code(page, base_url, catalog):
    page.goto(base_url + "compare/?m=clip,blip-2")
    page.wait_for_selector("#mmptm-compare-result table")
    row = page.locator("#mmptm-compare-result tr", has=page.locator("th", has_text="Official code"))
    hrefs = row.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    expected = [c.url for i in ("clip", "blip-2") for c in catalog.data.models[i].links.code if c.official]
    assert hrefs == expected


def test_compare_links_no_url_of_another_scheme(page, base_url):
    """A catalog.json whose code URL is `javascript:` (the schema refuses it; this is defence in depth)."""

    def hostile(route):
        catalog = json.loads(route.fetch().text())
        clip = next(m for m in catalog["models"] if m["id"] == "clip")
        clip["links"]["code"] = [{"url": "javascript:alert(1)", "official": True}]
        route.fulfill(json=catalog)

    page.route("**/catalog.json", hostile)
    page.goto(base_url + "compare/?m=clip,blip-2")
    page.wait_for_selector("#mmptm-compare-result table")
    assert "javascript:alert(1)" in page.inner_text("#mmptm-compare-result")
    assert page.locator('#mmptm-compare-result a[href^="javascript:"]').count() == 0


def test_compare_shared_benchmarks_are_like_with_like(page, base_url, catalog):
    ids = ["beit-3", "mplug", "x-vlm"]
    page.goto(base_url + "compare/?m=" + ",".join(ids))
    page.wait_for_selector("#mmptm-compare-result table")
    table = page.locator("#mmptm-compare-result table").nth(1)
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Benchmark", "Metric · split", "Protocol", "BEiT-3", "mPLUG", "X-VLM"]
    rows = table.locator("tbody tr")
    assert rows.count() >= 5
    benchmarks = catalog.data.vocab["benchmarks"]
    for r in range(rows.count()):
        row = rows.nth(r)
        link = row.locator("th a")
        href = link.get_attribute("href")
        benchmark_id, slug = re.fullmatch(r"\.\./benchmarks/([^/]+)/#board-(.+)", href).groups()
        benchmark = benchmarks[benchmark_id]
        assert link.inner_text() == benchmark.name
        # the board exists on the benchmark's page, and its key is what this row compares
        assert page.request.get(urljoin(page.url, href)).status == 200
        for index, model_id in enumerate(ids):
            model = catalog.data.models[model_id]
            same_board = [
                result
                for result in model.results
                if result.benchmark == benchmark_id
                and BoardKey.of(result).slug == slug
                and result.evaluated_by == AUTHORS
                and not result.needs_review
            ]
            cell = row.locator("td").nth(2 + index)
            if not same_board:
                assert cell.inner_text() == "—"
                continue
            metric = benchmark.metric(same_board[0].metric)
            pick = max if metric.direction == "higher" else min
            best = pick(same_board, key=lambda result: result.value)
            variant = next(v for v in model.variants if v.id == best.variant)
            number = cell.locator(":scope > span > :first-child").inner_text()
            assert number.split("\u00a0")[0].split(" ")[0] == as_javascript_prints(best.value), (slug, model_id)
            assert cell.locator(".mmptm-variant").inner_text().startswith(variant.name)
        assert row.locator("td").nth(1).inner_text()  # the protocol is named on every row


def as_javascript_prints(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --- site search -------------------------------------------------------------------------------------


def search(page, base_url, query: str) -> list[str]:
    """The result links of the site search for `query`, once two looks half a second apart agree."""
    page.goto(base_url)
    page.click("label.md-search__icon[for='__search'], .md-search__input")
    box = page.locator("input.md-search__input")
    box.fill(query)
    previous = None
    for _ in range(40):
        box.press("End")  # a key event: the theme searches again for the whole query, once its index is ready
        page.wait_for_timeout(500)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
        if hrefs and hrefs == previous:
            return [urlsplit(href).path.removeprefix(urlsplit(base_url).path) for href in hrefs]
        previous = hrefs
    raise AssertionError(f"no search results for {query!r}")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("CLIP", "models/clip/"),
        ("BLIP", "models/blip/"),
        ("blip-2", "models/blip-2/"),
        ("blip2", "models/blip-2/"),
        ("llava 1.5", "models/llava-1-5/"),
        ("Qwen2-VL", "models/qwen2-vl/"),
        ("2301.12597", "models/blip-2/"),
        ("VQAv2", "benchmarks/vqav2/"),
    ],
)
def test_site_search_finds_a_models_page_among_the_first_by_its_name(page, base_url, query, first):
    # The theme's search (lunr) appends a wildcard to every word, so a name that begins rarer names (CLIP:
    # CLIPPO, CLIP2Point) can fall behind them; the page is among the first five. The catalogue's own
    # search (test_catalogue_search_forgives…) matches names exactly.
    assert first in search(page, base_url, query)[:5]


def test_site_search_leaves_chart_data_out(page, base_url):
    results = search(page, base_url, "Flamingo")
    assert results[0] == "models/flamingo/" and "stats/" not in results


# --- accessibility -----------------------------------------------------------------------------------

CONTRAST = """
(element) => {
  // the WCAG contrast of two CSS colours, the first composited over the second
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const over = (fg, bg) => { const a = fg.length > 3 ? fg[3] : 1; return [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a)); };
  const luminance = rgb => rgb.map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ratio = (fg, el) => {
    const bg = background(el), l1 = luminance(over(parse(fg), bg)), l2 = luminance(bg);
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  };
  window.__contrast = ratio;
  return true;
}
"""


def focus_ring(page) -> dict:
    page.evaluate(CONTRAST, None)
    return page.evaluate(
        """() => {
          const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
          return {tag: e.tagName.toLowerCase(), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                  contrast: window.__contrast(s.outlineColor, e.parentElement || e),
                  box: [r.width, r.height], visible: e.matches(':focus-visible')};
        }"""
    )


def tab_from(page, selector: str) -> dict:
    page.focus(selector)
    page.keyboard.press("Tab")
    return focus_ring(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_controls_show_a_focus_ring_and_are_big_enough_to_tap(open_page, base_url, scheme):
    page = open_page(DESKTOP, scheme)
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    rings = {
        "compare checkbox": tab_from(page, 'th[data-key="code"] button'),
        "sort button": tab_from(page, "#mmptm-bib"),
        "filters summary": tab_from(page, "#f-q"),
    }
    page.goto(base_url + "compare/?m=clip,blip-2")
    page.wait_for_selector("#mmptm-compare-result table")
    rings["scrolling table"] = tab_from(page, "#compare-clear")
    first_header_link = "#mmptm-compare-result thead th:nth-child(2) a"
    rings["remove button"] = tab_from(page, first_header_link)
    for name, ring in rings.items():
        assert ring["visible"] and ring["style"] == "solid" and ring["width"] >= 2, (name, ring)
        assert ring["contrast"] >= 3, (name, ring)  # WCAG 1.4.11: 3:1 against what is next to it
    for name in ("compare checkbox", "remove button"):
        assert min(rings[name]["box"]) >= 24, (name, rings[name])  # WCAG 2.5.8


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_skip_link_is_the_first_tab_stop(open_page, base_url, name, viewport):
    page = open_page(viewport)
    path = PAGES[name]
    page.goto(base_url + path)
    ready(page, path)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
        " return [e.tagName, e.getAttribute('href'), e.textContent.trim(), getComputedStyle(e).opacity,"
        " r.top >= 0 && r.bottom <= innerHeight] }"
    )
    assert skip == ["A", "#mmptm-main", "Skip to content", "1", True]
    assert focus_ring(page)["style"] == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mmptm-main"
    page.keyboard.press("Tab")  # on into the content, past the header and navigation
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_axe_finds_nothing(open_page, base_url, name, viewport):
    from axe_playwright_python.sync_playwright import Axe

    folder = ARTIFACTS / "reader"
    folder.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        path = DARK_VIEW.get(name, PAGES[name]) if scheme == "dark" else PAGES[name]
        page = open_page(viewport, scheme)
        page.goto(base_url + path)
        ready(page, path)
        page.screenshot(path=str(folder / f"{name}-{viewport['width']}-{scheme}.png"), full_page=False)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        results = Axe().run(page, options=options)
        found = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
        assert found == [], (scheme, results.generate_report())


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
@pytest.mark.parametrize("path", ["compare/?m=clip,blip-2,llava,beit-3", "models/"])
def test_my_pages_fit_the_screen(open_page, base_url, viewport, path):
    page = open_page(viewport)
    page.goto(base_url + path)
    ready(page, path)
    assert page.evaluate("window.innerWidth") == viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["stats/", "benchmarks/vqav2/"])
def test_chart_text_has_contrast(open_page, base_url, scheme, path):
    """Every text of every chart shown, against what is behind it: 4.5:1 (WCAG 1.4.3)."""
    page = open_page(DESKTOP, scheme)
    page.goto(base_url + path)
    page.evaluate(CONTRAST, None)
    ratios = page.eval_on_selector_all(
        "svg.mmptm-chart text", "texts => texts.map(t => window.__contrast(getComputedStyle(t).fill, t.closest('svg')))"
    )
    assert ratios and min(ratios) >= 4.5
