"""The site's own addresses: taken from the build's environment (as deploy.yml gives it), never invented;
without them no repository or edit link and a feed with relative links. Every page names the feed in its
head, and the 404 page offers a way on."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from mmptm_site.site.generate import read_config

from ..conftest import FIXTURE_DATA, ROOT
from ..sitebuild import PUBLISHED, build
from .site_checks import resolves

INVENTED = ("mmptm-site/mmptm-site", "mmptm-site.github.io")
"""The repository and address the site once linked to without anyone owning them."""


class Head(HTMLParser):
    """The <link> elements of a page and every href, the forms' actions and the edit buttons' targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str | None]] = []
        self.hrefs: list[str] = []
        self.forms: list[dict[str, str | None]] = []
        self.inputs: list[dict[str, str | None]] = []
        self.edit_buttons: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link":
            self.links.append(values)
        if values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "form":
            self.forms.append(values)
        if tag == "input":
            self.inputs.append(values)
        if tag == "a" and values.get("rel") == "edit":  # the theme's "Edit this page" button
            self.edit_buttons.append(values.get("href"))


def read(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _build(tmp_path_factory, name: str, environment: dict[str, str] | None) -> Path:
    work = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURE_DATA, work / "data")
    result = build(work / "data", work / "site", environment=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def local_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "local", None)


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "published", PUBLISHED)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_mkdocs_yml_names_no_address_of_its_own():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key in ("site_url", "repo_url", "repo_name"):
        [line] = re.findall(rf"^{key}:.*$", text, re.M)
        assert re.fullmatch(rf"{key}: !ENV \w+", line), line
    config = read_config(ROOT / "mkdocs.yml")  # as mkdocs resolves !ENV, in this process's environment
    assert not any(marker in yaml.safe_dump(config) for marker in INVENTED)


def test_a_site_built_without_its_addresses_links_to_no_repository(local_site):
    for path in html_pages(local_site):
        html = path.read_text(encoding="utf-8")
        assert not any(marker in html for marker in INVENTED), path
        assert 'rel="edit"' not in html and 'class="md-source"' not in html, path
        canonical = [link for link in read(path).links if link.get("rel") == "canonical"]
        assert all(not (link["href"] or "").startswith(("http:", "https:")) for link in canonical), path
    model = (local_site / "models/alpha/index.html").read_text(encoding="utf-8")
    assert "Edit this record" not in model
    feed = (local_site / "feed.xml").read_text(encoding="utf-8")
    assert not re.findall(r'href="https?:', feed)


def test_a_published_site_links_to_its_own_repository_and_address(published_site):
    repo, site_url = PUBLISHED["MMPTM_REPO_URL"], PUBLISHED["MMPTM_SITE_URL"]
    model = read(published_site / "models/alpha/index.html")
    assert f"{repo}/edit/main/data/models/alpha.yaml" in model.hrefs  # the record, not generated Markdown
    assert {"rel": "canonical", "href": f"{site_url}models/alpha/"} in model.links
    assert repo in model.hrefs  # the header's repository link
    assert "owner/catalogue" in (published_site / "models/alpha/index.html").read_text(encoding="utf-8")
    about = read(published_site / "about/index.html")
    assert f"{repo}/edit/main/docs/about.md" in about.hrefs
    feed = (published_site / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{site_url}models/beta/"' in feed
    for path in html_pages(published_site):
        assert not any(marker in path.read_text(encoding="utf-8") for marker in INVENTED), path


def test_the_edit_button_opens_a_models_record_and_is_absent_from_other_generated_pages(published_site):
    """The plugin's `on_page_context` hook, not the template: the theme's button (rel="edit") of a model page
    would otherwise open `docs/models/<id>.md`, which is generated and exists nowhere in the repository (the
    template's own "Edit this record" link has the right address either way, so it proves nothing here)."""
    repo = PUBLISHED["MMPTM_REPO_URL"]
    assert read(published_site / "models/alpha/index.html").edit_buttons == [f"{repo}/edit/main/data/models/alpha.yaml"]
    assert read(published_site / "about/index.html").edit_buttons == [f"{repo}/edit/main/docs/about.md"]
    generated = ["models/index.html", "objectives/image-text-contrastive/index.html", "years/2021/index.html"]
    for page in [*generated, "benchmarks/toy-error/index.html", "stats/index.html"]:
        assert read(published_site / page).edit_buttons == [], page


def test_every_page_names_the_feed_in_its_head(local_site):
    pages = [p for p in html_pages(local_site) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    assert len(pages) > 20
    for path in pages:
        [feed] = [link for link in read(path).links if link.get("type") == "application/atom+xml"]
        assert feed["rel"] == "alternate" and feed["title"], path
        assert resolves(local_site, path, feed["href"] or ""), (path, feed["href"])
    assert (local_site / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_the_404_page_offers_search_the_catalogue_and_home(local_site):
    page = read(local_site / "404.html")
    [search] = [form for form in page.forms if form.get("role") == "search" and form.get("action") == "/models/"]
    assert {"type": "search", "id": "mmptm-404-q", "name": "q", "autocomplete": "off"} in page.inputs
    assert search["method"] == "get"
    text = (local_site / "404.html").read_text(encoding="utf-8")
    for words, target in (("the catalogue of every model", "models/index.html"), ("the home page", "index.html")):
        [href] = re.findall(rf'<a href="([^"]+)">{words}</a>', text)
        assert href.startswith("/") and resolves(local_site, local_site / "404.html", href), href  # from any depth
        assert (local_site / href.lstrip("/.") / "index.html").resolve() == (local_site / target).resolve()


def test_the_deploy_workflow_passes_the_pages_address_and_the_repository_to_the_build():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("id") or step.get("name") or step.get("uses") for step in steps]
    build_step = next(step for step in steps if step.get("run", "").startswith("mmptm-site build"))
    pages = next(step for step in steps if "configure-pages" in step.get("uses", ""))
    assert names.index(pages["id"]) < steps.index(build_step)  # the address is known before the build
    assert build_step["env"] == {
        "MMPTM_SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}",
        "MMPTM_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"!ENV {name}" in mkdocs for name in build_step["env"])


def test_a_site_without_directory_urls_links_its_own_pages_everywhere(tmp_path):
    """`use_directory_urls: false` names pages models/alpha.html: the pages, catalog.json, the CSV and the
    feed all link to files that exist."""
    import csv
    import json

    config = read_config(ROOT / "mkdocs.yml")
    config.update(use_directory_urls=False, site_url="https://example.org/catalogue/", docs_dir=str(ROOT / "docs"))
    for name in ("repo_url", "repo_name"):
        config.pop(name, None)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    result = build(tmp_path / "data", tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert (site / "models/alpha.html").is_file() and not (site / "models/alpha").exists()

    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert all((site / model["url"]).is_file() for model in catalog["models"])
    rows = csv.DictReader((site / "catalog.csv").read_text(encoding="utf-8-sig").splitlines())
    assert all((site / row["page"].removeprefix(config["site_url"])).is_file() for row in rows)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    links = re.findall(r'<link href="https://example\.org/catalogue/(models/[^"]+)"', feed)
    assert links and all((site / link).is_file() for link in links)
    for page in html_pages(site):
        for href in read(page).hrefs:
            if not href.startswith(("http", "mailto:", "#", "/", "data:")):
                assert resolves(site, page, href), (page, href)
