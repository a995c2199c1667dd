"""What readers do, in headless Chromium, against a site built from data/ and served on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.exports import CSV_COLUMNS

from ..conftest import REAL_DATA
from .conftest import ARTIFACTS, Watch


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_data(REAL_DATA))


def request_text(url: str) -> str:
    with urllib.request.urlopen(url) as response:  # the local test server
        return response.read().decode("utf-8-sig")


def shown(page) -> list[str]:
    """The ids of the rows the catalogue shows, after asking for every page of them ("Show N more")."""
    while page.locator("#mmptm-more:visible").count():
        page.click("#mmptm-more")
    return page.eval_on_selector_all("#mmptm-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def test_catalogue_sorts_filters_and_keeps_its_state_in_the_url(page, base_url, catalog):
    page.goto(base_url)
    page.get_by_role("link", name="Models", exact=True).first.click()
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    models = catalog.data.models
    assert len(shown(page)) == len(models)

    year = page.locator('th[data-key="year"] button')
    year.click()
    years = [models[i].year for i in shown(page)]
    assert years == sorted(years, reverse=True) and "sort=-year" in page.url
    year.click()
    years = [models[i].year for i in shown(page)]
    assert years == sorted(years) and "sort=year" in page.url

    page.locator('th[data-key="parameters"] button').click()
    counts = [models[i].parameter_range[1] if models[i].parameter_range else None for i in shown(page)]
    known = [c for c in counts if c is not None]
    assert known == sorted(known, reverse=True) and counts[: len(known)] == known  # missing values last

    page.fill("#f-q", "clip")
    expected = {m.id for m in models.values() if "clip" in f"{m.name} {m.title} {', '.join(m.authors)}".lower()}
    assert set(shown(page)) == expected
    page.fill("#f-q", "")

    page.select_option("#f-modality", "video")
    assert set(shown(page)) == {m.id for m in models.values() if "video" in m.modalities}
    page.select_option("#f-objective", "contrastive")
    objectives = catalog.data.vocab["objectives"]
    expected = {
        m.id
        for m in models.values()
        if "video" in m.modalities and any(objectives[o].category == "contrastive" for o in m.objectives)
    }
    assert expected and set(shown(page)) == expected
    assert "modality=video" in page.url and "objective=contrastive" in page.url
    assert page.inner_text("#mmptm-status") == f"Showing {len(expected)} of {len(models)} models."

    url = page.url
    page.reload()
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    assert set(shown(page)) == expected and page.input_value("#f-modality") == "video"
    shared = page.context.new_page()
    page.watch.attach(shared)
    shared.goto(url)
    shared.wait_for_selector("#mmptm-controls:not([hidden])")
    assert set(shown(shared)) == expected


def test_catalogue_downloads_the_rows_shown(page, base_url, catalog):
    page.goto(base_url + "models/?q=blip")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    ids = shown(page)
    with page.expect_download() as csv_download:
        page.click("#mmptm-csv")
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == ids
    # the same columns and cells as catalog.csv: its header and its rows of these models
    published = {row[0]: row for row in csv.reader(io.StringIO(request_text(base_url + "catalog.csv")))}
    assert rows[0] == list(CSV_COLUMNS) == published["id"]
    assert rows[1:] == [published[i] for i in ids]
    with page.expect_download() as bib_download:
        page.click("#mmptm-bib")
    text = Path(bib_download.value.path()).read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == len(ids)


def test_catalogue_controls_work_from_the_keyboard(page, base_url, catalog):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    page.focus('th[data-key="year"] button')
    page.keyboard.press("Enter")
    assert "sort=-year" in page.url
    page.focus("#f-modality")
    page.keyboard.press("ArrowDown")  # the first modality after "any"
    assert page.input_value("#f-modality") != "" and "modality=" in page.url
    page.focus("#f-q")
    page.keyboard.type("blip")
    assert all(
        "blip" in f"{catalog.data.models[i].name} {catalog.data.models[i].title}".lower()
        or "blip" in ", ".join(catalog.data.models[i].authors).lower()
        for i in shown(page)
    )


def test_search_finds_clip(page, base_url):
    page.goto(base_url)
    page.click("label.md-search__icon[for='__search'], .md-search__input")
    page.fill("input.md-search__input", "CLIP")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    result.click()
    page.wait_for_load_state()
    assert "CLIP" in page.title()


def test_model_page_copies_bibtex_and_its_links_work(page, base_url):
    page.goto(base_url + "models/clip/")
    page.click("button[data-copy='bibtex-clip']")
    page.wait_for_function("document.querySelector(\"button[data-copy='bibtex-clip']\").textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("#bibtex-clip") and copied.startswith("@inproceedings{radford2021clip,")

    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    internal = {urljoin(page.url, h).split("#")[0] for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")}
    assert len(internal) > 10
    for url in sorted(internal):
        assert page.request.get(url).status == 200, url


def test_compare_two_models_from_the_catalogue(page, base_url):
    page.goto(base_url + "models/")
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    shown(page)  # older models are on later pages of the catalogue
    page.check('tr[data-id="clip"] input.mmptm-pick')
    page.check('tr[data-id="align"] input.mmptm-pick')
    page.click("#mmptm-compare-link")
    page.wait_for_selector("#mmptm-compare-result table")
    headers = page.inner_text("#mmptm-compare-result table thead")
    assert "CLIP" in headers and "ALIGN" in headers
    assert "m=clip,align" in page.url
    assert "Image-text contrastive learning" in page.inner_text("#mmptm-compare-result")


@pytest.mark.parametrize("query", ["__proto__,constructor", "x,toString", "__proto__,clip,hasOwnProperty,align"])
def test_compare_ignores_ids_that_are_names_of_object_properties(page, base_url, query):
    """Ids from the address are looked up in a Map: `constructor` once found Object and blanked the page
    with a TypeError (the `page` fixture fails the test on any page error)."""
    page.goto(base_url + "compare/?m=" + query)
    page.wait_for_function("document.getElementById('mmptm-compare-status').textContent !== ''")
    real = [i for i in query.split(",") if i in ("clip", "align")]
    if not real:
        assert page.inner_text("#mmptm-compare-status") == "Choose 2 more models (up to 4)."
        assert "m=" not in page.url
        page.select_option("#compare-add", "clip")
        page.select_option("#compare-add", "align")
    headers = page.inner_text("#mmptm-compare-result table thead")
    assert "CLIP" in headers and "ALIGN" in headers and "Object" not in headers
    assert page.inner_text("#mmptm-compare-status") == "Comparing 2 models." and "m=clip,align" in page.url


@pytest.mark.parametrize("sort", ["constructor", "-__proto__", "toString"])
def test_catalogue_ignores_a_sort_key_no_column_has(page, base_url, catalog, sort):
    page.goto(base_url + "models/?sort=" + sort)
    page.wait_for_selector("#mmptm-controls:not([hidden])")
    default = page.evaluate("JSON.parse(document.getElementById('mmptm-catalogue-data').textContent).rows")
    assert shown(page) == [row["id"] for row in default] and "sort=" not in page.url  # newest first
    page.locator('th[data-key="year"] button').click()
    assert "sort=-year" in page.url


@pytest.mark.parametrize("path", ["benchmarks/vqav2/", "stats/"])
def test_charts_render_with_hover_labels(page, base_url, path):
    page.goto(base_url + path)
    chart = page.locator("svg.mmptm-chart:visible").first  # a benchmark page shows one board's chart
    chart.wait_for()
    assert chart.bounding_box()["height"] > 100
    labels = chart.evaluate("svg => [...svg.querySelectorAll('.mmptm-mark > title')].map(t => t.textContent)")
    assert labels and all(label.strip() for label in labels)
    marks = chart.locator(".mmptm-mark")
    marks.nth(marks.count() // 2).hover()  # nothing drawn over a mark may take the pointer


def visible_boards(page) -> list[str]:
    return page.eval_on_selector_all("section.mmptm-board", "s => s.filter(b => !b.hidden).map(b => b.dataset.board)")


def test_leaderboard_selectors_show_one_board_and_keep_the_choice_in_the_url(page, base_url, catalog):
    page.goto(base_url + "benchmarks/flickr30k-retrieval/")
    default = catalog.default_boards["flickr30k-retrieval"]
    assert visible_boards(page) == [default.key.slug]
    board = page.locator(f'section[data-board="{default.key.slug}"]')
    assert board.locator(".mmptm-board-authors").is_visible()
    # another protocol of the same metric and split
    protocols = page.eval_on_selector_all('select[name="protocol"] option', "o => o.map(x => x.value)")
    other = next(p for p in protocols if p != default.key.protocol)
    page.select_option('select[name="protocol"]', other)
    [shown] = visible_boards(page)
    assert f"protocol={other}" in page.url and shown.split(".")[2] == other
    page.reload()
    assert visible_boards(page) == [shown]  # the choice survives a reload
    # numbers measured by others: the second table of the board
    page.goto(base_url + f"benchmarks/flickr30k-retrieval/#board-{default.key.slug}")
    page.uncheck('input[name="authors"]')
    assert "all=1" in page.url
    if default.measured_by_others:
        assert board.locator(".mmptm-board-everyone").is_visible()
        assert not board.locator(".mmptm-board-authors").is_visible()


SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("path", ["", "models/", "models/clip/", "benchmarks/vqav2/"])
def test_no_serious_accessibility_violations(page, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"] if v["impact"] in SERIOUS
    ]
    assert serious == [], results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, base_url, scheme):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(urlsplit(base_url).netloc)
    watch.attach(page)
    for name, path in [
        ("home", ""),
        ("catalogue", "models/"),
        ("model", "models/blip-2/"),
        ("leaderboard", "benchmarks/vqav2/"),
        ("stats", "stats/"),
    ]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        target = ARTIFACTS / f"{name}-{scheme}.png"
        page.screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 10_000
    context.close()
    assert watch.problems == []
