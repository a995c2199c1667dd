"""The index pages: home, the interactive catalogue, what's new, benchmarks, an index per vocabulary, datasets,
years, surveys and compare. Each builder is a function of `Site` (see pages)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mmptm_site.catalog.highlights import CHANGES_SHOWN, changes, latest_releases, main_boards
from mmptm_site.site.environment import official_code
from mmptm_site.site.files import GeneratedFile
from mmptm_site.site.formatting import human_count_range
from mmptm_site.site.kinds import has_kind, kind_title
from mmptm_site.site.pages import Site, benchmark_summaries, grouped
from mmptm_site.urls import relative_url, source_path

WAYS_IN = 10
"""How many modalities, objectives and tasks the home page lists as ways in (those with most models)."""
CATALOG_JSON = "catalog.json"
CATALOG_CSV = "catalog.csv"


def ways_in(site: Site, kind: str) -> list[tuple[Any, int]]:
    """(entry, number of models) of the WAYS_IN entries of a facet with the most models, most first."""
    counts = site.catalog.by_facet[kind]
    entries = site.catalog.entries(kind)
    ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), entries[item[0]].name.casefold()))
    return [(entries[entry_id], len(models)) for entry_id, models in ranked[:WAYS_IN]]


def home_page(site: Site) -> GeneratedFile:
    catalog = site.catalog
    vocab = catalog.data.vocab
    counts = {
        "models": len(catalog.models),
        "datasets": len(catalog.data.datasets),
        "objectives": len(vocab["objectives"]),
        "tasks": len(vocab["tasks"]),
        "modalities": len(vocab["modalities"]),
        "benchmarks": len(vocab["benchmarks"]),
        "results": catalog.result_count,
    }
    per_year = next((chart for chart in site.stats_charts if chart.id == "models-per-year"), None)
    return site.env.page(
        "index.md",
        "home.html.j2",
        catalog.data.settings.title,
        in_nav=True,
        counts=counts,
        latest=latest_releases(catalog),
        best=main_boards(catalog),
        chart=per_year,
        svg=site.svg(per_year),
        ways_in={kind: ways_in(site, kind) for kind in ("modalities", "objectives", "tasks")},
        changes=changes(catalog)[:CHANGES_SHOWN],
        repo_url=site.options.repo_url,
        settings=catalog.data.settings,
    )


def catalogue_rows(site: Site) -> list[dict[str, Any]]:
    """What the catalogue's script filters, sorts and downloads: one flat row per model, newest first.

    Newest means the month of the first public version where the record has it (a model known only by
    its year comes after that year's dated ones), then the year, then the name A to Z. The search box
    looks in the name, former and other names, title, arXiv id, authors and organisations.
    """
    vocab = site.catalog.data.vocab
    url = site.env.page_url(source_path("models"))
    by_name = sorted(site.catalog.models, key=lambda m: (m.name.casefold(), m.id))
    newest = sorted(by_name, key=lambda m: (m.released or f"{m.year}-00", m.year), reverse=True)  # stable
    rows = []
    for model in newest:
        architecture = model.architecture
        rows.append(
            {
                "id": model.id,
                "name": model.name,
                "aliases": [*model.aliases, *model.other_names],
                "title": model.title,
                "arxiv": model.links.arxiv if model.links else None,
                "authors": ", ".join(model.authors),
                "organisations": model.organisations,
                "year": model.year,
                "released": model.released,
                "venue": vocab["venues"][model.venue.id].name if model.venue else None,
                "modalities": model.modalities,
                "modalities_text": ", ".join(vocab["modalities"][m].name for m in model.modalities),
                "architecture": architecture.interaction if architecture else None,
                "objectives": model.objectives,
                "objectives_text": ", ".join(vocab["objectives"][o].name for o in model.objectives),
                "objective_categories": sorted({str(vocab["objectives"][o].category) for o in model.objectives}),
                "datasets": model.datasets,
                "knowledge": bool(model.knowledge),
                "parameters": model.parameter_range[1] if model.parameter_range else None,
                "parameters_text": human_count_range(model.parameter_range),
                "code": official_code(model),
                "verified": not model.needs_review,
                "url": relative_url(url, site.env.page_url(source_path("models", model.id))),
            }
        )
    return rows


def catalogue_page(site: Site) -> GeneratedFile:
    catalog = site.catalog
    vocab = catalog.data.vocab
    used = {kind: catalog.by_facet[kind] for kind in ("modalities", "architectures", "datasets", "objectives")}
    options = {
        "modalities": [e for e in vocab["modalities"].values() if e.id in used["modalities"]],
        "architectures": [e for e in vocab["architectures"].values() if e.id in used["architectures"]],
        "datasets": sorted(
            (d for d in catalog.data.datasets.values() if d.id in used["datasets"]), key=lambda d: d.name.casefold()
        ),
        "objectives": grouped([e for e in vocab["objectives"].values() if e.id in used["objectives"]], "category"),
        "years": sorted(catalog.by_year) or [0],
    }
    return site.env.page(
        source_path("models"),
        "models.html.j2",
        "Models",
        in_nav=True,
        wide=True,
        models=catalog.models,
        options=options,
        catalogue_data={"rows": catalogue_rows(site)},
        catalog_url=relative_url(site.env.page_url(source_path("models")), CATALOG_JSON),
        csv_url=relative_url(site.env.page_url(source_path("models")), CATALOG_CSV),
    )


def index_pages(site: Site) -> Iterator[GeneratedFile]:
    """Every index page but the home page, which shows a chart and so is rendered last (see render)."""
    catalog = site.catalog
    page = site.env.page
    yield catalogue_page(site)
    yield page(source_path("new"), "new.html.j2", "What's new", in_nav=True, months=catalog.added_by_month())
    tasks = catalog.data.vocab["tasks"]
    benchmark_groups = grouped(list(catalog.data.vocab["benchmarks"].values()), "task")
    if has_kind(catalog, "benchmarks"):
        yield page(
            source_path("benchmarks"),
            "benchmarks.html.j2",
            kind_title(catalog, "benchmarks"),
            in_nav=True,
            groups=[(tasks[task], benchmark_summaries(catalog, items)) for task, items in benchmark_groups],
        )
    group_field = {"objectives": "category", "tasks": "group", "venues": "type"}
    for kind in ("objectives", "tasks", "modalities", "architectures", "knowledge", "venues"):
        if not has_kind(catalog, kind):
            continue
        yield page(
            source_path(kind),
            "index.html.j2",
            kind_title(catalog, kind),
            in_nav=True,
            kind=kind,
            kind_title=kind_title(catalog, kind),
            intro=catalog.data.settings.intros.get(kind),
            groups=grouped(list(catalog.entries(kind).values()), group_field.get(kind)),
            counts={key: len(models) for key, models in catalog.by_facet[kind].items()},
        )
    if has_kind(catalog, "datasets"):
        yield page(
            source_path("datasets"),
            "datasets.html.j2",
            kind_title(catalog, "datasets"),
            in_nav=True,
            datasets=sorted(catalog.data.datasets.values(), key=lambda d: (d.year, d.name.casefold())),
            counts={key: len(models) for key, models in catalog.by_facet["datasets"].items()},
        )
    years = kind_title(catalog, "years")
    yield page(source_path("years"), "years.html.j2", years, in_nav=True, by_year=catalog.by_year)
    if has_kind(catalog, "surveys"):
        surveys = sorted(catalog.data.surveys, key=lambda s: (-s.year, s.title.casefold()))
        title = kind_title(catalog, "surveys")
        yield page(source_path("surveys"), "surveys.html.j2", title, in_nav=True, surveys=surveys)


def compare_page(site: Site) -> GeneratedFile:
    return site.env.page(
        source_path("compare"),
        "compare.html.j2",
        "Compare models",
        wide=True,
        catalog_url=relative_url(site.env.page_url(source_path("compare")), CATALOG_JSON),
    )
