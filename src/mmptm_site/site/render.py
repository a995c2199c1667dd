"""Render the catalogue into every file of the site: pages (pages, indexes), the open data (exports) and the
assets, in a stable order. This module knows nothing of mkdocs: it returns files as paths and contents."""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import ModelDraft, Venue
from mmptm_site.exports import (
    atom_feed,
    catalog_csv,
    catalog_json,
    catalog_schema,
    entries_by_model,
    papers_bib,
    results_csv,
)
from mmptm_site.exports.bibtex import entry_text
from mmptm_site.site.charts import stats_charts
from mmptm_site.site.drawings import ChartDrawings
from mmptm_site.site.environment import CompiledTemplates, PageEnvironment
from mmptm_site.site.files import GeneratedFile, SiteOptions
from mmptm_site.site.indexes import CATALOG_CSV, CATALOG_JSON, compare_page, home_page, index_pages
from mmptm_site.site.pages import (
    Site,
    alias_redirects,
    charts_of_boards,
    facet_keys,
    facet_page,
    facet_pages,
    model_pages,
    stats_page,
)
from mmptm_site.site.parallel_pages import can_fork
from mmptm_site.site.resources import asset_files, template_dirs
from mmptm_site.urls import source_path

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


def page_renderers(site: Site, other_paths: Iterable[str]) -> dict[str, Callable[[], list[GeneratedFile]]]:
    """Each file's path → a function rendering it (with the others of its group), for a preview that renders
    a page when it is asked for: a model or facet page, an export, the home, compare or statistics page
    alone; the other index pages together, the redirects together, the assets together. The files are the
    same as `render_site`'s (a test compares them). `other_paths` are the paths of the files that are not
    model or facet pages, as the last full build made them (the preview builds in full when the set of
    pages changes)."""
    renderers: dict[str, Callable[[], list[GeneratedFile]]] = {}

    def model(position: int) -> Callable[[], list[GeneratedFile]]:
        return lambda: list(model_pages(site, position, position + 1))

    def facet(kind: str, entry_id: str | int) -> Callable[[], list[GeneratedFile]]:
        return lambda: [facet_page(site, kind, entry_id)]

    def export(path: str, make: Callable[[], str]) -> Callable[[], list[GeneratedFile]]:
        return lambda: [GeneratedFile(path, make())]

    for position, each in enumerate(site.catalog.models):
        renderers[source_path("models", each.id)] = model(position)
    for kind, entry_id in facet_keys(site.catalog):
        renderers[source_path(kind, entry_id)] = facet(kind, entry_id)
    for path, make in open_data_makers(site.catalog, site.bibtex, site.options).items():
        renderers[path] = export(path, make)
    renderers["index.md"] = lambda: [home_page(site)]
    renderers[source_path("compare")] = lambda: [compare_page(site)]
    renderers[source_path("stats")] = lambda: [stats_page(site)]
    aliases = {alias for model in site.catalog.models for alias in model.aliases}
    for path in other_paths:
        if path in renderers:
            continue
        if path.startswith("assets/"):
            renderers[path] = lambda: assets(list(site.templates))
        elif path.startswith("models/") and path.split("/")[1].removesuffix(".html") in aliases:
            renderers[path] = lambda: list(alias_redirects(site))
        else:
            renderers[path] = lambda: list(index_pages(site))
    return renderers


class RememberedBibtex(Mapping[str, str]):
    """Model id → its BibTeX entry, made when first asked for and kept from one preview to the next while the
    record is the same object (validation reuses unchanged records, see LoadCache) and the venues are equal.
    An entry depends on its model and the venues alone (`entry_text`)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[ModelDraft, str]] = {}
        self._models: Mapping[str, ModelDraft] = {}
        self._venues: dict[str, Venue] | None = None

    def of(self, catalog: Catalog) -> RememberedBibtex:
        venues = catalog.data.vocab["venues"]
        if venues != self._venues:
            self._known.clear()
        self._venues, self._models = venues, catalog.data.models
        return self

    def __getitem__(self, model_id: str) -> str:
        model = self._models[model_id]
        known = self._known.get(model_id)
        if known is None or known[0] is not model:
            assert self._venues is not None
            known = self._known[model_id] = (model, entry_text(model, self._venues))
        return known[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)


@dataclass
class PreviewMemory:
    """What a preview keeps from one edit to the next: BibTeX entries and compiled templates."""

    bibtex: RememberedBibtex = field(default_factory=RememberedBibtex)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)


def preview_site(catalog: Catalog, own_templates: Path | None, options: SiteOptions, memory: PreviewMemory) -> Site:
    """The Site a preview renders from: charts are drawn here when a page shows them (and remembered by their
    data, see drawings), not on another core; BibTeX entries when a page shows them."""
    templates = template_dirs(own_templates)
    charts = stats_charts(catalog)
    by_board = charts_of_boards(catalog)
    drawings = ChartDrawings([])
    env = PageEnvironment(catalog, templates, options, memory.compiled)
    return Site(catalog, env, options, tuple(templates), memory.bibtex.of(catalog), drawings, charts, by_board)
