"""Render the catalogue into every file of the site: pages (pages, indexes), the open data (exports) and the
assets, in a stable order. This module knows nothing of mkdocs: it returns files as paths and contents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mmptm_site.catalog import Catalog
from mmptm_site.exports import (
    atom_feed,
    catalog_csv,
    catalog_json,
    catalog_schema,
    entries_by_model,
    papers_bib,
    results_csv,
)
from mmptm_site.site.charts import stats_charts
from mmptm_site.site.drawings import ChartDrawings
from mmptm_site.site.environment import PageEnvironment
from mmptm_site.site.files import GeneratedFile, SiteOptions
from mmptm_site.site.indexes import CATALOG_CSV, CATALOG_JSON, compare_page, home_page, index_pages
from mmptm_site.site.pages import Site, alias_redirects, charts_of_boards, facet_pages, model_pages, stats_page
from mmptm_site.site.resources import asset_files, template_dirs

FEED = "feed.xml"


def open_data(catalog: Catalog, bibtex: dict[str, str], options: SiteOptions) -> list[GeneratedFile]:
    """The exports, published at the site's root; without a `site_url` the feed's links are relative to it."""
    return [
        GeneratedFile(CATALOG_JSON, catalog_json(catalog, bibtex, options.address)),
        GeneratedFile("schema/catalog.schema.json", json.dumps(catalog_schema(), indent=2, sort_keys=True) + "\n"),
        GeneratedFile(CATALOG_CSV, catalog_csv(catalog, options.address)),
        GeneratedFile("results.csv", results_csv(catalog)),
        GeneratedFile("papers.bib", papers_bib(catalog, bibtex)),
        GeneratedFile(FEED, atom_feed(catalog, options.address, options.site_name)),
    ]


def assets(templates: list[Path]) -> list[GeneratedFile]:
    return [
        GeneratedFile(f"assets/{name}", path.read_text(encoding="utf-8"))
        for name, path in asset_files(templates).items()
    ]


@contextmanager
def site_of(catalog: Catalog, own_templates: Path | None, options: SiteOptions) -> Iterator[Site]:
    """What the page builders read, with the charts being drawn on the other core until the block ends.

    Templates are looked up in the list's own folder (if any) first, then in the package's."""
    templates = template_dirs(own_templates)
    charts = stats_charts(catalog)
    by_board = charts_of_boards(catalog)
    with ChartDrawings([chart for chart in [*charts, *by_board.values()] if chart.marks]) as drawings:
        bibtex = entries_by_model(catalog.models, catalog.data.vocab["venues"])
        env = PageEnvironment(catalog, templates, options)
        yield Site(catalog, env, options, tuple(templates), bibtex, drawings, charts, by_board)


def render_site(catalog: Catalog, own_templates: Path | None, options: SiteOptions) -> list[GeneratedFile]:
    """Every file, in a stable order, rendered with the list's own templates (if any) over the package's.

    The pages that show a chart are rendered last, so that the other core has drawn it by then."""
    with site_of(catalog, own_templates, options) as site:
        models = list(model_pages(site))
        redirects = list(alias_redirects(site))
        compare = compare_page(site)
        exports = open_data(catalog, site.bibtex, options)
        files = assets(list(site.templates))
        indexes = list(index_pages(site))
        facets = list(facet_pages(site))
        stats = stats_page(site)
        home = home_page(site)
    return [home, *indexes, *models, *facets, *redirects, compare, stats, *exports, *files]
