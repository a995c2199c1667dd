"""A site built from the fixture data: every kind of page, working links, nothing loaded from elsewhere,
and record text that stays text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURE_DATA, REAL_DATA, ROOT
from ..sitebuild import build, local_environment
from .site_checks import is_external, parse_page, resolves

SITE_ROOT = "/"
"""Where a site built without `site_url` is served: mkdocs writes the 404 page's links under it."""

HOSTILE = """\
# yaml-language-server: $schema=../../../../schema/model.schema.json
id: hostile
name: '<script>alert(1)</script>{{ 7*7 }}'
title: '</title><script>alert(2)</script> {{ 7*7 }} {% raw %} [x](javascript:alert(3)) {: onclick="alert(4)"}'
year: 2024
summary: '<img src=x onerror=alert(5)> {{ 7*7 }} **bold** <a href="javascript:alert(6)">link</a>'
links:
  paper: https://example.org/?q=<b>&x="y"
sources: ['https://example.org/"onmouseover="alert(7)']
needs_review: true
review_note: '<iframe src="javascript:alert(8)"></iframe>'
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("site")
    data = work / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "models" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    result = build(data, work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_kind_of_page_exists(site):
    expected = [
        "index.html",
        "404.html",
        "models/index.html",
        "models/alpha/index.html",
        "models/beta/index.html",
        "models/gamma/index.html",
        "objectives/index.html",
        "objectives/image-text-contrastive/index.html",
        "datasets/index.html",
        "datasets/web-pairs/index.html",
        "tasks/index.html",
        "tasks/image-text-retrieval/index.html",
        "benchmarks/index.html",
        "benchmarks/flickr30k-retrieval/index.html",
        "modalities/index.html",
        "modalities/video/index.html",
        "architectures/index.html",
        "architectures/dual-encoder/index.html",
        "knowledge/index.html",
        "knowledge/object-tags/index.html",
        "venues/index.html",
        "venues/icml/index.html",
        "years/index.html",
        "years/2021/index.html",
        "surveys/index.html",
        "about/index.html",
        "contributing/index.html",
        "search/search_index.json",
        "assets/mmptm.css",
    ]
    assert [p for p in expected if not (site / p).is_file()] == []


def test_model_page_content(site):
    page = parse_page(site / "models/alpha/index.html")
    text = " ".join(page.text)
    assert page.title.startswith("Alpha: Alpha: A Test Model for Contrastive Pre-training")
    for fact in (
        "Ada Lovelace, Alan Turing",
        "428 M",
        "ViT-L/14",
        "Image-text contrastive learning",
        "Web pairs",
        "ICML",
        "65",
        "Built upon by:",
        "Added 2026-01-15",
    ):
        assert fact in text, fact
    assert "../../objectives/image-text-contrastive/" in page.links
    assert "../../datasets/web-pairs/" in page.links
    assert "https://arxiv.org/abs/2101.00001" in page.links
    assert "https://example.org/alpha#results" in page.links  # a result's source


def test_unverified_badge_and_reverse_relation(site):
    gamma = " ".join(parse_page(site / "models/gamma/index.html").text)
    assert "Unverified" in gamma and "Authors, venue and objectives not yet confirmed." in gamma
    beta = parse_page(site / "models/beta/index.html")
    assert "../alpha/" in beta.links  # builds on
    assert "paper, Table 2" in " ".join(beta.text)  # a source that is not a link stays text


def test_facet_pages_list_their_models(site):
    video = parse_page(site / "modalities/video/index.html")
    assert "../../models/beta/" in video.links and "../../models/alpha/" not in video.links
    year = parse_page(site / "years/2021/index.html")
    assert "../../models/alpha/" in year.links
    benchmark = " ".join(parse_page(site / "benchmarks/flickr30k-retrieval/index.html").text)
    assert "Image retrieval R@1" in benchmark and "65 %" in benchmark
    objectives = parse_page(site / "objectives/index.html")
    assert "image-text-contrastive/" in objectives.links


def test_alias_redirects_to_current_page(site):
    html = (site / "models/beta-old/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../beta/"' in html


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(REAL_DATA, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def broken_links(site: Path) -> list[str]:
    broken = []
    for path in pages(site):
        page = parse_page(path)
        for target in page.links + page.assets:
            if (
                not is_external(target)
                and not target.startswith(("mailto:", "#"))
                and not resolves(site, path, target, SITE_ROOT)
            ):
                broken.append(f"{path.relative_to(site)} -> {target}")
    return broken


def test_every_internal_link_and_asset_resolves(site):
    assert broken_links(site) == []


def test_real_data_builds_with_a_page_per_record(real_site):
    from mmptm_site.data.validate import load_data

    data = load_data(REAL_DATA)
    assert [m for m in data.models if not (real_site / "models" / m / "index.html").is_file()] == []
    assert [d for d in data.datasets if not (real_site / "datasets" / d / "index.html").is_file()] == []
    assert broken_links(real_site) == []


def test_nothing_is_loaded_from_another_host(site):
    for path in pages(site):
        external = [asset for asset in parse_page(path).assets if is_external(asset)]
        assert external == [], path
    for path in pages(site):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8"), path
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8"), path


def test_hostile_record_is_shown_as_text(site):
    page = parse_page(site / "models/hostile/index.html")
    text = " ".join(page.text)
    assert "<script>alert(1)</script>{{ 7*7 }}" in text  # shown literally, as text
    assert "{% raw %}" in text and "[x](javascript:alert(3))" in text and '{: onclick="alert(4)"}' in text
    assert "<img src=x onerror=alert(5)>" in text and "**bold**" in text
    assert '<iframe src="javascript:alert(8)"></iframe>' in text
    assert "49" not in text
    assert "<" not in page.title and "alert(2)" in page.title  # the title is inert in <title>
    assert not any("alert" in script for script in page.inline_scripts)
    assert not [link for link in page.links if link.lower().startswith("javascript:")]
    assert page.event_handlers == []


def test_hostile_text_is_inert_on_every_page(site):
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert "<iframe" not in html, path
        assert 'href="javascript:' not in html.lower(), path
        assert parse_page(path).event_handlers == [], path


def test_search_index_has_no_live_markup(site):
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "<img src=x" not in index


def test_failed_build_leaves_previous_site_unchanged(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    site = tmp_path / "site"
    site.mkdir()
    (site / ".mmptm-site").write_text("made by an earlier build\n", encoding="utf-8")
    (site / "marker.txt").write_text("previous site", encoding="utf-8")
    (data / "models" / "alpha.yaml").write_text("id: alpha\n", encoding="utf-8")
    result = build(data, site)
    assert result.returncode == 1
    output = (result.stdout + result.stderr).replace(str(tmp_path) + "/", "")
    assert "data/models/alpha.yaml:1:1: name: required field `name` is missing" in output
    assert "is unchanged" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == [".mmptm-site", "marker.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]  # no scratch folder, no lock


def article_lines(page: Path) -> list[str]:
    """A page's article (a redirect page has none: all of it) without its edit button, line by line,
    indentation and blank lines dropped."""
    html = page.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S)
    text = re.sub(
        r'<a href="[^"]*" title="Edit this page".*?</a>', "", article.group(0) if article else html, flags=re.S
    )
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_generated_sources_build_without_the_plugin_to_the_same_pages(site, tmp_path):
    """`generate --out` gives sources that plain mkdocs builds, and to the same articles as the plugin,
    which hands its pages over without running them through Markdown (hostile record included)."""
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "mmptm_site",
        "generate",
        "--data",
        str(site.parent / "data"),
        "--out",
        str(out),
        "--config",
        str(ROOT / "mkdocs.yml"),
    ]
    subprocess.run(command, check=True, capture_output=True, env=local_environment())
    assert "mmptm" not in (out / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1].split("nav:")[0]
    assert (out / "docs/models/alpha.md").read_text(encoding="utf-8").startswith('---\ntitle: "Alpha: ')
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(out / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    bare_pages = sorted(path.relative_to(tmp_path / "site") for path in pages(tmp_path / "site"))
    assert bare_pages == [path.relative_to(site) for path in pages(site)]
    assert Path("models/hostile/index.html") in bare_pages
    for page in bare_pages:
        assert article_lines(site / page) == article_lines(tmp_path / "site" / page), page
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 2 and "is not empty" in again.stderr


def catalogue_data(site: Path) -> dict:
    import json
    import re

    html = (site / "models/index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="mmptm-catalogue-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_catalogue_table_and_data_agree_with_the_records(site):
    from mmptm_site.catalog import Catalog
    from mmptm_site.data.validate import load_data

    catalog = Catalog(load_data(site.parent / "data"))
    rows = catalogue_data(site)["rows"]
    assert [row["id"] for row in rows] == [m.id for m in catalog.models]
    html = (site / "models/index.html").read_text(encoding="utf-8")
    assert [m.id for m in catalog.models] == [
        line.split('data-id="')[1].split('"')[0] for line in html.splitlines() if '<tr data-id="' in line
    ]
    for row in rows:
        model = catalog.data.models[row["id"]]
        assert row["name"] == model.name and row["title"] == model.title and row["year"] == model.year
        assert row["authors"] == ", ".join(model.authors)
        assert row["modalities"] == model.modalities and row["objectives"] == model.objectives
        assert row["datasets"] == model.datasets
        assert row["parameters"] == (model.parameter_range[1] if model.parameter_range else None)
        assert row["verified"] is (not model.needs_review)
        assert row["knowledge"] is bool(model.knowledge)
        assert (site / "models" / row["url"] / "index.html").is_file()
    alpha = next(row for row in rows if row["id"] == "alpha")
    assert alpha["code"] == "https://example.org/alpha" and alpha["venue"] == "ICML"
    assert alpha["objective_categories"] == ["contrastive"]
    assert 'data-catalog="../catalog.json"' in html  # BibTeX downloads come from catalog.json


def test_catalogue_data_is_inert_in_the_page(site):
    html = (site / "models/index.html").read_text(encoding="utf-8")
    data_block = html.split('id="mmptm-catalogue-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block  # tojson escapes <, > and & so record text cannot close the script element
    hostile = next(row for row in catalogue_data(site)["rows"] if row["id"] == "hostile")
    assert hostile["name"] == "<script>alert(1)</script>{{ 7*7 }}"


def test_home_page_counts_and_newest(site):
    home = parse_page(site / "index.html")
    text = " ".join(" ".join(home.text).split())
    assert "4 models" in text and "1 pre-training datasets" in text and "2 results with sources" in text
    assert "models/beta/" in home.links  # newest first: beta was added 2026-02-01
    assert home.links.index("models/beta/") < home.links.index("models/alpha/")
    assert "contributing/" in home.links and "new/" in home.links


def test_new_page_groups_by_month(site):
    page = parse_page(site / "new/index.html")
    text = " ".join(page.text)
    assert text.index("2026-02") < text.index("2026-01")
    assert "../models/beta/" in page.links and "../models/gamma/" not in page.links  # gamma has no date


def test_model_page_has_bibtex_and_related(site):
    page = parse_page(site / "models/alpha/index.html")
    text = " ".join(page.text)
    assert "@inproceedings{lovelace2021alpha," in text and "Copy BibTeX" in text
    assert "Related models" in text and "../beta/" in page.links


def test_leaderboard_page(site):
    page = parse_page(site / "benchmarks/flickr30k-retrieval/index.html")
    text = " ".join(page.text)
    assert "Image retrieval R@1 · 1K test · zero-shot" in text and "Higher is better." in text
    html = (site / "benchmarks/flickr30k-retrieval/index.html").read_text(encoding="utf-8")
    assert 'data-board="ir-r1.1k-test.zero-shot"' in html and "data-default" in html
    assert 'id="mmptm-board-controls"' in html  # the selectors, shown by leaderboards.js
    index = parse_page(site / "benchmarks/index.html")
    assert "flickr30k-retrieval/" in index.links
    index_text = " ".join(index.text)
    assert "65 %" in index_text and "Image retrieval R@1 · 1K test · zero-shot" in index_text  # named current best
    task = " ".join(parse_page(site / "tasks/image-text-retrieval/index.html").text)
    assert "Benchmarks and current best" in task and "65 %" in task


def test_catalog_json_and_compare_page(site):
    import json

    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert data["format_version"] == "2.0"
    alpha = next(m for m in data["models"] if m["id"] == "alpha")
    assert alpha["objectives"] == [
        {"id": "image-text-contrastive", "name": "Image-text contrastive learning", "category": "contrastive"}
    ]
    result = alpha["results"][0]
    assert result["metric"]["direction"] == "higher"
    assert result["split"] == {"id": "1k-test", "name": "1K test"}
    assert result["protocol"] == {"id": "zero-shot", "name": "zero-shot"}
    assert result["variant"] == {"id": "large", "name": "Alpha-L", "parameters": 428_000_000}
    assert result["evaluated_by"] == {"id": "authors", "name": "the model's authors"} and result["flags"] == []
    assert alpha["parameters"] == {"smallest": 428_000_000, "largest": 428_000_000}
    assert alpha["url"] == "models/alpha/" and (site / alpha["url"] / "index.html").is_file()
    compare = (site / "compare/index.html").read_text(encoding="utf-8")
    assert 'data-catalog="../catalog.json"' in compare


def test_open_data_is_published_at_the_root(site):
    for name in ("catalog.json", "catalog.csv", "results.csv", "papers.bib", "feed.xml", "schema/catalog.schema.json"):
        assert (site / name).is_file(), name
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert '<link href="models/beta/"/>' in feed  # no site_url: relative to the feed, at the site's root


def test_stats_page_has_every_chart_with_its_table(site):
    html = (site / "stats/index.html").read_text(encoding="utf-8")
    for chart_id in (
        "models-per-year",
        "parameters",
        "accelerators",
        "objectives-per-year",
        "dataset-sizes",
        "weights-per-year",
        "benchmark-flickr30k-retrieval-ir-r1",  # the board the fixture's catalogue.yaml charts
    ):
        assert f'id="{chart_id}"' in html, chart_id
    assert html.count('class="mmptm-mark"') > 0 and html.count("<details") >= 5


def test_a_build_on_one_core_makes_the_same_site(site, tmp_path):
    """The plugin builds a share of the pages in a forked process (parallel_pages) and renders half the
    model pages in another (render): the site is the same bytes as a build that does everything in one."""
    result = build(site.parent / "data", tmp_path / "site", environment={"MMPTM_ONE_CORE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    one_core = {path.relative_to(tmp_path / "site"): path.read_bytes() for path in pages_and_files(tmp_path / "site")}
    both = {path.relative_to(site): path.read_bytes() for path in pages_and_files(site)}
    assert one_core.keys() == both.keys()
    assert [path for path in both if both[path] != one_core[path]] == []


def pages_and_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file()]
