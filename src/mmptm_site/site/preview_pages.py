"""The site a page at a time, for the preview (`preview.py`): each file's path → a function rendering it,
and what is kept from one edit to the next (BibTeX entries, compiled templates). The files are those of
`render.render_site`; only when and how many are rendered differs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import ModelDraft, Venue
from mmptm_site.exports.bibtex import entry_text
from mmptm_site.site.charts import stats_charts
from mmptm_site.site.drawings import ChartDrawings
from mmptm_site.site.environment import CompiledTemplates, PageEnvironment
from mmptm_site.site.files import GeneratedFile, SiteOptions
from mmptm_site.site.indexes import compare_page, home_page, index_pages
from mmptm_site.site.pages import (
    Site,
    alias_redirects,
    charts_of_boards,
    facet_keys,
    facet_page,
    model_pages,
    stats_page,
)
from mmptm_site.site.render import assets, open_data_makers
from mmptm_site.site.resources import template_dirs
from mmptm_site.urls import source_path


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
