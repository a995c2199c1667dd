"""Rendering: each page's front matter is YAML that mkdocs reads back to the page's title, whatever the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.site.files import SiteOptions, front_matter, inert_title
from mmptm_site.site.render import render_site

from ..conftest import FIXTURE_DATA, ROOT

# Characters YAML cannot hold unescaped (DEL, C1 controls, U+FFFE, U+FFFF) or reads as line breaks (NEL,
# U+2028), quotes, and a line that would end a front matter.
AWKWARD = "a\x7fb\x85c\x9bd\ufffee\uffff\u2028f\u2029g\ufeffh\t'\"\\ #: - [x](javascript:alert(1))\n---\n..."


@given(st.text())
def test_front_matter_parses_back_to_any_title(title):
    for wide in (False, True):
        body, meta = get_data(front_matter(title, wide=wide) + "<p>page</p>\n")
        assert meta["title"] == inert_title(title) and body == "<p>page</p>\n"
        assert meta.get("hide") == (["navigation", "toc"] if wide else None)


def test_front_matter_holds_every_character_on_one_line():
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    text = front_matter(every)
    assert text.count("\n") == 4  # ---, title, --- and a blank line: nothing folded onto a line of its own
    assert get_data(text + "<p>page</p>\n") == ("<p>page</p>\n", {"title": inert_title(every)})


def test_front_matter_survives_awkward_characters():
    body, meta = get_data(front_matter(AWKWARD + " " * 300 + AWKWARD) + "<p>page</p>\n")
    assert meta == {"title": AWKWARD + " " * 300 + AWKWARD} and body == "<p>page</p>\n"


def test_every_generated_page_front_matter_parses_back_to_its_title():
    """Records built in Python, past the validator, with awkward names in a model, a dataset and a vocabulary."""
    data = load_data(FIXTURE_DATA)
    data.models["alpha"] = data.models["alpha"].model_copy(update={"name": AWKWARD, "title": AWKWARD[::-1]})
    data.datasets["web-pairs"] = data.datasets["web-pairs"].model_copy(update={"name": AWKWARD})
    data.vocab["modalities"]["image"] = data.vocab["modalities"]["image"].model_copy(update={"name": AWKWARD})
    files = render_site(Catalog(data), ROOT / "templates", SiteOptions())
    titles = {}
    for page in (file for file in files if file.path.endswith(".md")):
        body, meta = get_data(page.content)
        assert body.startswith("<") and isinstance(meta.get("title"), str), page.path
        titles[page.path] = meta["title"]
    assert titles["models/alpha.md"] == inert_title(f"{AWKWARD}: {AWKWARD[::-1]}")
    assert titles["datasets/web-pairs.md"] == titles["modalities/image.md"] == inert_title(AWKWARD)
    assert titles["models/beta.md"] == "Beta: Beta: A Single-stream Test Model"


def test_catalogue_is_newest_first_by_release_month_then_year_then_name():
    """Zeta (2023-06) before Gamma (2023-01) though Z sorts after G; Aleph (2023, month unknown) after both."""
    from mmptm_site.site.indexes import catalogue_page, catalogue_rows
    from mmptm_site.site.render import site_of

    data = load_data(FIXTURE_DATA)
    gamma = data.models["gamma"]
    data.models["gamma"] = gamma.model_copy(update={"released": "2023-01"})
    data.models["zeta"] = gamma.model_copy(update={"id": "zeta", "name": "Zeta", "released": "2023-06"})
    data.models["aleph"] = gamma.model_copy(update={"id": "aleph", "name": "Aleph"})
    data.models["alpha"] = data.models["alpha"].model_copy(update={"released": "2021-02"})
    with site_of(Catalog(data), ROOT / "templates", SiteOptions()) as site:
        rows = catalogue_rows(site)
        page = catalogue_page(site).content
    order = [row["id"] for row in rows]
    assert order == ["zeta", "gamma", "aleph", "beta", "alpha"]
    assert [line.split('data-id="')[1].split('"')[0] for line in page.splitlines() if '<tr data-id="' in line] == order
    for row in rows:  # what the search box looks in
        model = data.models[row["id"]]
        assert row["released"] == model.released and row["aliases"] == [*model.aliases, *model.other_names]
        assert row["arxiv"] == (model.links.arxiv if model.links else None)
        assert row["organisations"] == model.organisations


def test_a_list_without_a_kind_gets_no_page_of_it_and_no_mention():
    """A list with no surveys and no knowledge vocabulary: no such index page, and neither the home page,
    the model pages nor the catalogue's filters name them; its catalogue.yaml renames the kinds it has."""
    data = load_data(FIXTURE_DATA)
    data.surveys = []
    data.vocab["knowledge"] = {}
    data.models = {key: model.model_copy(update={"knowledge": None}) for key, model in data.models.items()}
    data.settings = data.settings.model_copy(update={"kind_titles": {"objectives": "Training signals"}})
    files = {file.path: file.content for file in render_site(Catalog(data), ROOT / "templates", SiteOptions())}
    assert "surveys/index.md" not in files and "knowledge/index.md" not in files
    assert "objectives/index.md" in files and "datasets/index.md" in files
    for page in ("index.md", "models/index.md", "models/alpha.md"):
        assert "surveys/" not in files[page] and "Knowledge" not in files[page] and "knowledge/" not in files[page]
        assert 'name="knowledge"' not in files[page]
    assert "training signals</a>" in files["index.md"]
    assert "<th>Training signals</th>" in files["models/alpha.md"]


def test_a_list_with_every_kind_links_each_from_the_home_page():
    files = {
        file.path: file.content
        for file in render_site(Catalog(load_data(FIXTURE_DATA)), ROOT / "templates", SiteOptions())
    }
    for kind in ("datasets", "objectives", "benchmarks", "architectures", "knowledge", "venues", "surveys"):
        assert f'href="{kind}/"' in files["index.md"], kind
        assert f"{kind}/index.md" in files
