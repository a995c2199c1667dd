"""Render the catalogue into every file of the site: pages (pages, indexes), the open data (exports) and the
assets, in a stable order. This module knows nothing of mkdocs: it returns files as paths and contents."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
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
from mmptm_site.site.pages import (
    Site,
    alias_redirects,
    charts_of_boards,
    facet_pages,
    model_pages,
    stats_page,
)
from mmptm_site.site.parallel_pages import can_fork
from mmptm_site.site.resources import asset_files, template_dirs

FEED = "feed.xml"


def open_data_makers(catalog: Catalog, bibtex: Mapping[str, str], options: SiteOptions) -> dict[str, Callable[[], str]]:
    """Each export's path → a function making it (the preview makes one when it is asked for)."""
    return {
        CATALOG_JSON: lambda: catalog_json(catalog, bibtex, options.address),
        "schema/catalog.schema.json": lambda: json.dumps(catalog_schema(), indent=2, sort_keys=True) + "\n",
        CATALOG_CSV: lambda: catalog_csv(catalog, options.address),
        "results.csv": lambda: results_csv(catalog),
        "papers.bib": lambda: papers_bib(catalog, bibtex),
        FEED: lambda: atom_feed(catalog, options.address, options.site_name),
    }


def open_data(catalog: Catalog, bibtex: Mapping[str, str], options: SiteOptions) -> list[GeneratedFile]:
    """The exports, published at the site's root; without a `site_url` the feed's links are relative to it."""
    return [GeneratedFile(path, make()) for path, make in open_data_makers(catalog, bibtex, options).items()]


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


MODEL_PAGES_ELSEWHERE = 0.85
"""The share of model pages a forked process renders while this one renders the rest of the site."""
_forked_site: Site | None = None
"""The site a forked process renders model pages of (it inherits it; a Site cannot be pickled)."""


def _model_pages_of(start: int, stop: int) -> list[GeneratedFile]:
    assert _forked_site is not None
    return list(model_pages(_forked_site, start, stop))


@contextmanager
def model_pages_elsewhere(site: Site, start: int, stop: int) -> Iterator[Callable[[], list[GeneratedFile]]]:
    """Model pages `start:stop` rendered by a forked process while this one renders the rest; the block
    gets a function that waits for them. On one core, or without fork, they are rendered here when asked."""
    global _forked_site
    if not can_fork() or start >= stop:
        yield lambda: list(model_pages(site, start, stop))
        return
    _forked_site = site
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        pages = pool.submit(_model_pages_of, start, stop)
    finally:
        _forked_site = None
    try:
        yield pages.result
    finally:
        pool.shutdown(cancel_futures=True)


def render_site(catalog: Catalog, own_templates: Path | None, options: SiteOptions) -> list[GeneratedFile]:
    """Every file, in a stable order, rendered with the list's own templates (if any) over the package's.

    The pages that show a chart are rendered last, so that the other core has drawn it by then. Most model
    pages are rendered by another process meanwhile (MODEL_PAGES_ELSEWHERE of them: this one renders every
    other page, which takes about as long at 5,000 records)."""
    here = len(catalog.models) - round(len(catalog.models) * MODEL_PAGES_ELSEWHERE)
    with (
        site_of(catalog, own_templates, options) as site,
        model_pages_elsewhere(site, here, len(catalog.models)) as the_others,
    ):
        models = list(model_pages(site, 0, here))
        redirects = list(alias_redirects(site))
        compare = compare_page(site)
        exports = open_data(catalog, site.bibtex, options)
        files = assets(list(site.templates))
        indexes = list(index_pages(site))
        facets = list(facet_pages(site))
        stats = stats_page(site)
        home = home_page(site)
        models += the_others()
    return [home, *indexes, *models, *facets, *redirects, compare, stats, *exports, *files]
