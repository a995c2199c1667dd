"""preview_pages: the site a page at a time is the site, and what the preview keeps between edits is fresh."""

from __future__ import annotations

from mmptm_site.catalog import Catalog
from mmptm_site.data.validate import load_data
from mmptm_site.exports import entries_by_model
from mmptm_site.site.files import SiteOptions
from mmptm_site.site.pages import facet_keys
from mmptm_site.site.preview_pages import PreviewMemory, RememberedBibtex, page_renderers, preview_site
from mmptm_site.site.render import render_site
from mmptm_site.urls import source_path


def test_pages_rendered_one_at_a_time_are_those_of_the_whole_site(data_dir):
    """What the preview renders when a page is asked for (`page_renderers`) is what a build renders."""
    catalog = Catalog(load_data(data_dir))
    options = SiteOptions(site_url="https://example.org/")
    whole = {generated.path: generated.content for generated in render_site(catalog, None, options)}
    memory = PreviewMemory()
    site = preview_site(catalog, None, options, memory)
    own = {source_path("models", m.id) for m in catalog.models} | {source_path(*key) for key in facet_keys(catalog)}
    renderers = page_renderers(site, [path for path in whole if path not in own])
    one_by_one = {}
    for path in whole:
        for generated in renderers[path]():
            one_by_one[generated.path] = generated.content
    assert one_by_one == whole
    assert dict(site.bibtex) == entries_by_model(catalog.models, catalog.data.vocab["venues"])


def test_bibtex_entries_are_kept_only_while_the_record_is_the_same(data_dir):
    remembered = RememberedBibtex()
    first = remembered.of(Catalog(load_data(data_dir)))["alpha"]
    path = data_dir / "models" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2021", "year: 2020", 1), encoding="utf-8")
    again = remembered.of(Catalog(load_data(data_dir)))["alpha"]
    assert "{lovelace2021alpha," in first and "{lovelace2020alpha," in again  # the key holds the model's year
