"""What the site search indexes of generated pages (search_index), on the fixture data."""

from __future__ import annotations

import re

import pytest

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.site.generate import read_config
from mmptm_site.site.search_index import (
    MODEL_WEIGHT,
    SearchDocument,
    catalogue_documents,
    lead_document,
    model_document,
    title_boost,
)

from ..conftest import FIXTURE_DATA, ROOT

SEPARATOR = next(
    plugin["search"]["separator"]
    for plugin in read_config(ROOT / "mkdocs.yml")["plugins"]
    if isinstance(plugin, dict) and "search" in plugin
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_data(FIXTURE_DATA))


def test_model_document_holds_what_readers_search_for(catalog):
    model = catalog.data.models["alpha"]
    document = model_document(model, catalog)
    text = " ".join(document.paragraphs)
    assert document.title == model.name and document.weight == MODEL_WEIGHT
    assert model.title in text and model.summary in text
    assert all(author in text for author in model.authors)
    assert all(organisation in text for organisation in model.organisations)
    if model.links and model.links.arxiv:
        assert f"arXiv {model.links.arxiv}" in text


def test_model_document_never_holds_a_review_note_results_or_bibtex(catalog):
    reviewed = [m for m in catalog.models if m.review_note]
    assert reviewed, "the fixture data has a record with a review note"
    for model in reviewed:
        document = model_document(model, catalog)
        assert model.review_note not in document.html()
    for model in catalog.models:
        text = model_document(model, catalog).html()
        assert "@inproceedings" not in text and "@article" not in text
        assert all(str(result.value) not in text.split("arXiv")[0] for result in model.results)


def test_every_model_and_facet_page_has_a_document(catalog):
    documents = catalogue_documents(catalog)
    assert {f"models/{m.id}.md" for m in catalog.models} <= documents.keys()
    assert "objectives/image-text-contrastive.md" in documents and "datasets/web-pairs.md" in documents
    assert "benchmarks/flickr30k-retrieval.md" in documents and "years/2021.md" in documents
    benchmark = documents["benchmarks/flickr30k-retrieval.md"]
    assert benchmark.title == catalog.data.vocab["benchmarks"]["flickr30k-retrieval"].name
    assert "Image-text retrieval" in " ".join(benchmark.paragraphs)  # the benchmark's task


def test_document_html_escapes_record_text():
    html = SearchDocument("<b>x</b>", ("<script>alert(1)</script> & more",)).html()
    assert html == '<h1 id="search">&lt;b&gt;x&lt;/b&gt;</h1><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>'


def test_lead_is_the_heading_and_paragraphs_before_the_first_h2():
    html = """<div class="mmptm"><p class="kicker"><a href="..">Benchmarks</a></p><h1>VQAv2 <span>x</span></h1>
    <p>Open-ended <em>questions</em>.</p>
    <div class="admonition warning"><p>Unverified: a curator's note</p></div>
    <form><label>Metric<select><option>VQA accuracy</option></select></label></form>
    <table><tr><td>82.5</td></tr></table>
    <figure><svg><text>2021</text></svg><figcaption>chart</figcaption></figure>
    <details><summary>The numbers</summary><p>12 34</p></details>
    <ul><li>232 models</li><li>89 datasets</li></ul>
    <p data-search-exclude>left out</p>
    <h2 id="leaderboards">Leaderboards</h2><p>Higher is better.</p></div>"""
    document = lead_document(html, "fallback")
    assert document.title == "VQAv2 x"
    assert document.paragraphs == ("Benchmarks", "Open-ended questions.", "232 models", "89 datasets")


def test_lead_of_a_page_without_h1_takes_its_title():
    assert lead_document("<p>Only text</p>", "Statistics") == SearchDocument("Statistics", ("Only text",))


def test_lead_survives_unclosed_and_stray_tags():
    document = lead_document("<h1>T</h1><p>one<p>two</li></span><br><p>three", "x")
    assert document.title == "T" and "three" in " ".join(document.paragraphs)


def words(title: str) -> list[str]:
    return [w for w in re.split(SEPARATOR, title) if w]


def test_the_separator_splits_names_as_readers_type_them():
    assert words("BLIP-2") == ["BLIP", "2"] and words("blip2") == ["blip", "2"]
    assert words("CLIP^2") == ["CLIP", "2"] and words("Qwen2.5-VL") == ["Qwen", "2", "5", "VL"]
    assert words("arXiv 2301.12597") == ["arXiv", "2301", "12597"]


def test_shorter_titles_get_a_larger_boost_but_not_larger_than_one_more_matching_word():
    one, two, four = (title_boost(t, SEPARATOR) for t in ("CLIP", "EVA-CLIP", "Qwen2.5-VL"))
    assert one > two > four > 1
    assert title_boost("CLIP", SEPARATOR, MODEL_WEIGHT) == MODEL_WEIGHT * one
    # a title holding two searched words outscores a one-word title holding one of them
    assert 2 * four > one


def test_boost_falls_back_to_spaces_for_a_separator_python_cannot_read():
    assert title_boost("a b", r"[\p{Z}]+") == title_boost("a b", r"\s+")
