"""The pages of records and facets: a page per model (and a redirect per former id), per facet entry and year,
and the statistics page. Each builder is a function of `Site`, the parts every page reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mmptm_site.catalog import FACETS, Catalog, Leaderboard
from mmptm_site.catalog.highlights import glance, results_table
from mmptm_site.site.charts import Chart, best_over_time
from mmptm_site.site.drawings import ChartDrawings
from mmptm_site.site.environment import PageEnvironment
from mmptm_site.site.files import GeneratedFile, SiteOptions, record_edit_url
from mmptm_site.site.kinds import kind_title
from mmptm_site.urls import relative_url, source_path

BOARD_CHART_MIN = 3
"""A leaderboard gets a best-over-time chart when it ranks at least this many models."""


@dataclass(frozen=True)
class Site:
    """What every page builder reads: the catalogue, the template environment and options, each model's
    BibTeX entry, and the charts (being drawn on the other core) with the boards they belong to."""

    catalog: Catalog
    env: PageEnvironment
    options: SiteOptions
    templates: tuple[Path, ...]
    """The folders templates and assets come from, first match wins (see resources)."""
    bibtex: Mapping[str, str]
    drawings: ChartDrawings
    stats_charts: list[Chart]
    charts_by_board: dict[tuple[str, str], Chart]

    def svg(self, chart: Chart | None) -> Markup | None:
        return self.drawings.svg(chart) if chart is not None and chart.marks else None


def charts_of_boards(catalog: Catalog) -> dict[tuple[str, str], Chart]:
    """(benchmark id, board slug) → the best-over-time chart of each board of a benchmark's primary metric
    that ranks three or more models (charts of every metric would triple the drawing for little)."""
    return {
        (board.benchmark.id, board.key.slug): best_over_time(board)
        for boards in catalog.leaderboards.values()
        for board in boards
        if board.key.metric == board.benchmark.primary_metric and len(board.authors) >= BOARD_CHART_MIN
    }


def model_pages(site: Site, start: int = 0, stop: int | None = None) -> Iterator[GeneratedFile]:
    """The pages of the models `start:stop` (all by default), in catalogue order."""
    catalog = site.catalog
    for model in catalog.models[start:stop]:
        yield site.env.page(
            source_path("models", model.id),
            "model.html.j2",
            f"{model.name}: {model.title}",
            model=model,
            builds_on=catalog.builds_on(model),
            built_upon_by=catalog.built_upon_by.get(model.id, []),
            results=results_table(model),
            glance=glance(catalog, model),
            related=catalog.related[model.id],
            bibtex=site.bibtex[model.id],
            confirmed_at=catalog.confirmations[model.id],
            edit_url=record_edit_url(site.options, model.id),
        )


def alias_redirects(site: Site) -> Iterator[GeneratedFile]:
    """A page at each former id that sends the reader on to the record's current page."""
    template = site.env.template("redirect.html.j2")
    directory_urls = site.options.use_directory_urls
    for model in site.catalog.models:
        for alias in model.aliases:
            url = f"models/{alias}/" if directory_urls else f"models/{alias}.html"
            path = f"models/{alias}/index.html" if directory_urls else f"models/{alias}.html"
            target = relative_url(url, site.env.page_url(source_path("models", model.id)))
            yield GeneratedFile(path, template.render(target=target))


def board_charts(site: Site, benchmark_id: str) -> dict[str, tuple[Chart, Markup | None]]:
    return {
        slug: (chart, site.svg(chart))
        for (benchmark, slug), chart in site.charts_by_board.items()
        if benchmark == benchmark_id
    }


def benchmark_summaries(catalog: Catalog, benchmarks: list[Any]) -> list[tuple[Any, int, Leaderboard | None]]:
    """(benchmark, number of results, leaderboard with its current best) for each benchmark."""
    return [(b, len(catalog.results_by_benchmark.get(b.id, [])), catalog.current_best(b.id)) for b in benchmarks]


def grouped(entries: list[Any], field: str | None) -> list[tuple[str, list[Any]]]:
    """Entries grouped by one of their fields, in the order groups first appear; one group without a field."""
    if field is None:
        return [("", entries)]
    groups: dict[str, list[Any]] = {}
    for entry in entries:
        groups.setdefault(str(getattr(entry, field)), []).append(entry)
    return list(groups.items())


def facet_pages(site: Site) -> Iterator[GeneratedFile]:
    for kind, entry_id in facet_keys(site.catalog):
        yield facet_page(site, kind, entry_id)


def facet_keys(catalog: Catalog) -> Iterator[tuple[str, str | int]]:
    """(kind, entry id) of every facet page, in site order; years last, as (`years`, year)."""
    for kind in FACETS:
        for entry_id in catalog.entries(kind):
            yield kind, entry_id
    for year in catalog.by_year:
        yield "years", year


def facet_page(site: Site, kind: str, entry_id: str | int) -> GeneratedFile:
    """The page of one facet entry, or of a year (`kind` is `years`)."""
    catalog = site.catalog
    if kind == "years":
        return site.env.page(
            source_path("years", entry_id),
            "facet.html.j2",
            f"Models of {entry_id}",
            kind="years",
            kind_title=kind_title(catalog, "years"),
            heading=f"Models of {entry_id}",
            entry=None,
            models=catalog.by_year[int(entry_id)],
            boards=[],
            default_board=None,
            board_charts={},
            task_boards=[],
        )
    entry_id = str(entry_id)
    entry = catalog.entries(kind)[entry_id]
    task_benchmarks = (
        [b for b in catalog.data.vocab["benchmarks"].values() if b.task == entry_id] if kind == "tasks" else []
    )
    return site.env.page(
        source_path(kind, entry_id),
        "facet.html.j2",
        entry.name,
        kind=kind,
        kind_title=kind_title(catalog, kind),
        heading=entry.name,
        entry=entry,
        models=catalog.models_with(kind, entry_id),
        boards=catalog.leaderboards.get(entry_id, []) if kind == "benchmarks" else [],
        default_board=catalog.default_boards.get(entry_id),
        board_charts=board_charts(site, entry_id) if kind == "benchmarks" else {},
        task_boards=benchmark_summaries(catalog, task_benchmarks),
    )


def stats_page(site: Site) -> GeneratedFile:
    charts = [(chart, site.svg(chart)) for chart in site.stats_charts]
    return site.env.page(source_path("stats"), "stats.html.j2", "Statistics", in_nav=True, charts=charts)
