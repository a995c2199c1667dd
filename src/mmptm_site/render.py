"""Render the catalogue into the site's pages with the Jinja2 templates in `templates/`.

Record text is data, never markup: every template is rendered with autoescaping on, into HTML that
the page's Markdown file holds as one raw HTML block, which Python-Markdown passes through untouched
(so `*`, `[x](javascript:…)` or `{: onclick=…}` in a record stay literal). The only record text that
reaches mkdocs' own, non-escaping templates is the page title, which is made inert first
(`inert_title`). This module knows nothing of mkdocs: it returns files as paths and contents.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from mmptm_site.bibtex import entries_by_model
from mmptm_site.catalog import FACETS, Catalog
from mmptm_site.charts import Chart, best_over_time, render_svg, stats_charts
from mmptm_site.data.schema import URL_PATTERN, ModelDraft, Result
from mmptm_site.exports import atom_feed, catalog_csv, catalog_json, catalog_schema, papers_bib, results_csv
from mmptm_site.formatting import human_count, human_count_range, human_number
from mmptm_site.highlights import CHANGES_SHOWN, changes, glance, latest_releases, main_boards, results_table
from mmptm_site.urls import page_url, relative_url, source_path

KIND_TITLES = {
    "models": "Models",
    "objectives": "Pre-training objectives",
    "datasets": "Pre-training datasets",
    "tasks": "Downstream tasks",
    "benchmarks": "Benchmarks",
    "modalities": "Modalities",
    "architectures": "Architectures",
    "knowledge": "Knowledge enhancement",
    "venues": "Venues",
    "years": "Years",
    "surveys": "Surveys",
}

KIND_INTROS = {
    "objectives": "What the models learn from during pre-training, grouped by kind. The survey's "
    "abbreviations are listed under each name.",
    "tasks": "The downstream tasks models are evaluated on, grouped as the survey groups them.",
    "modalities": "The kinds of data the models read or write.",
    "architectures": "How the models let their modalities interact.",
    "knowledge": "Outside knowledge that some models bring into pre-training.",
    "venues": "Where the papers were published.",
}

WAYS_IN = 10
"""How many modalities, objectives and tasks the home page lists as ways in (those with most models)."""
BOARD_CHART_MIN = 3
"""A leaderboard gets a best-over-time chart when it ranks at least this many models."""
CATALOG_JSON = "catalog.json"
FEED = "feed.xml"


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site, relative to the docs directory: a page (`.md`) or an asset."""

    path: str
    content: str
    in_nav: bool = False
    """Index pages appear in the navigation; the page of each record does not (see urls)."""


@dataclass(frozen=True)
class SiteOptions:
    repo_url: str | None = None
    edit_branch: str = "main"
    data_path: str = "data"
    """The data directory relative to the repository's root, for "Edit this record" links."""
    use_directory_urls: bool = True
    site_url: str | None = None
    """The published address (mkdocs' `site_url`), for the feed and absolute links in exports."""
    site_name: str = "MM-PTM catalogue"


def repository_path(root: Path, data_dir: Path) -> str:
    """The data directory as a path in the repository (for edit links); its name when it lies elsewhere."""
    data, root = data_dir.resolve(), root.resolve()
    return data.relative_to(root).as_posix() if data.is_relative_to(root) else data.name


class ChartDrawings:
    """Charts drawn on another core while pages are rendered on this one; `svg` waits for a drawing.

    Drawing is most of the time our step takes that mkdocs does not, and a build machine has a second
    core that mkdocs leaves idle. On a single core the charts are drawn here, when asked for.
    """

    def __init__(self, charts: list[Chart]):
        self._pool = None
        self._drawings: dict[str, Any] = {}
        if (os.cpu_count() or 1) > 1 and charts:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
            self._drawings = {chart.id: self._pool.submit(render_svg, chart) for chart in charts}

    def svg(self, chart: Chart) -> Markup:
        drawing = self._drawings.get(chart.id)
        return Markup(drawing.result() if drawing is not None else render_svg(chart))

    def __enter__(self) -> ChartDrawings:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def official_code(model: ModelDraft) -> str | None:
    """The URL of the authors' own code release, if the record names one."""
    return next((code.url for code in model.links.code if code.official), None) if model.links else None


def record_edit_url(options: SiteOptions, model_id: str) -> str | None:
    """Where a contributor edits a model's YAML record in the repository, if the site names one."""
    if not options.repo_url:
        return None
    base = options.repo_url.rstrip("/")
    return f"{base}/edit/{options.edit_branch}/{options.data_path}/models/{model_id}.yaml"


def compact_html(html: str) -> str:
    """HTML without the indentation of its lines (outside <pre> and <textarea>): a fifth of a page's bytes.

    A newline stays where the indentation was, so the whitespace between elements, and so the rendering,
    is unchanged.
    """
    parts = _PRESERVED.split(html)
    return "".join(part if index % 2 else _INDENTATION.sub("\n", part) for index, part in enumerate(parts))


_PRESERVED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")


def inert_title(text: str) -> str:
    """A title safe for templates that do not escape: `<`, `>` and `&` become look-alike characters."""
    return text.translate(str.maketrans({"<": "‹", ">": "›", "&": "＆"}))


class _DoubleQuoted(str):
    """Text written double-quoted: the one style in which the emitter escapes every character YAML cannot
    hold as it is (DEL, C1 controls, U+FFFE) and writes line breaks (NEL, U+2028 too) as escapes."""


# libyaml's emitter when PyYAML has it (a third of the time of PyYAML's own, which is the fallback); every
# character round-trips through either (tests/unit/test_render.py checks it with mkdocs' own reader)
class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_FrontMatterDumper.add_representer(
    _DoubleQuoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')
)


_NO_FOLDING = 2**31 - 1  # the widest line libyaml takes


def front_matter(title: str, *, wide: bool = False) -> str:
    """A page's YAML front matter, written by a YAML emitter so that any title parses back as itself.

    A front matter mkdocs cannot parse stays on the page as Markdown, where `[x](javascript:…)` in a title
    becomes a live link. JSON leaves DEL, C1 controls and U+FFFE as they are, which YAML refuses, and the
    emitter's plain and single-quoted styles fold a NEL into something else; so the title is double-quoted,
    on one line (a folded line could start with `---` and end the front matter early).

    A `wide` page hides the side bars (mkdocs-material's `hide` option) to give a large table room.
    """
    meta: dict[str, Any] = {"title": _DoubleQuoted(inert_title(title))}
    if wide:
        meta["hide"] = ["navigation", "toc"]
    text = yaml.dump(meta, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=_NO_FOLDING)
    return f"---\n{text}---\n\n"


def is_http_url(value: Any) -> bool:
    return isinstance(value, str) and re.match(URL_PATTERN, value) is not None


class SiteRenderer:
    """Renders pages from one Jinja2 environment whose templates are compiled once."""

    def __init__(self, catalog: Catalog, templates: Path, options: SiteOptions):
        self.catalog = catalog
        self.templates = templates
        self.options = options
        env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "allow_nan": False}  # `tojson`: JSON, never NaN
        env.filters["count"] = human_count
        env.filters["number"] = human_number
        env.filters["count_range"] = human_count_range
        env.tests["http_url"] = is_http_url
        env.globals["url"] = self._url
        env.globals["lookup"] = self._lookup
        env.globals["metric_of"] = self._metric_of
        env.globals["docs_url"] = self._docs_url
        env.globals["site_file"] = self._site_file
        env.globals["model_row"] = self._model_row
        self._rows: dict[tuple[str, int], Markup] = {}
        env.globals["official_code"] = official_code
        self.env = env

    @cached_property
    def bibtex(self) -> dict[str, str]:
        """Each model's BibTeX entry, shared by its page and the exports; computed once the charts are
        being drawn on the other core (see `render`)."""
        return entries_by_model(self.catalog.models, self.catalog.data.vocab["venues"])  # type: ignore[arg-type]

    # --- template helpers ---

    @pass_context
    def _url(self, context: Any, kind: str, entry_id: str | int | None = None) -> str:
        target = page_url(source_path(kind, entry_id), self.options.use_directory_urls)
        return relative_url(context["page_url"], target)

    @pass_context
    def _model_row(self, context: Any, model: ModelDraft) -> Markup:
        """A model's table row; the same on every page of the same depth, so rendered once per depth.

        A model appears in a dozen facet tables; rendering its row each time was most of the build.
        Links are relative, and a row rendered for one page of a depth is right for all of them.
        """
        depth = context["page_url"].count("/")
        key = (model.id, depth)
        if key not in self._rows:
            template = self.env.get_template("_model_row.html.j2")
            self._rows[key] = Markup(template.render(page_url="_/" * depth, model=model).strip())
        return self._rows[key]

    @pass_context
    def _docs_url(self, context: Any, page: str) -> str:
        """A link to a hand-written page of docs/, e.g. `contributing` for docs/contributing.md."""
        return relative_url(context["page_url"], page_url(f"{page}.md", self.options.use_directory_urls))

    @pass_context
    def _site_file(self, context: Any, name: str) -> str:
        """A link to a file at the site's root, e.g. `feed.xml`."""
        return relative_url(context["page_url"], name)

    def _lookup(self, kind: str, entry_id: str) -> Any:
        return self.catalog.entries(kind).get(entry_id)

    def _metric_of(self, result: Result) -> Any:
        benchmark = self.catalog.data.vocab["benchmarks"].get(result.benchmark)
        return next((m for m in benchmark.metrics if m.id == result.metric), None) if benchmark else None

    # --- pages ---

    def page(
        self, source: str, template: str, title: str, *, in_nav: bool = False, wide: bool = False, **context: Any
    ) -> GeneratedFile:
        """A Markdown page holding the template's HTML as a single raw block under a front matter title."""
        url = page_url(source, self.options.use_directory_urls)
        html = self.env.get_template(template).render(page_url=url, **context).strip()
        return GeneratedFile(source, front_matter(title, wide=wide) + html + "\n", in_nav)

    def model_pages(self) -> Iterator[GeneratedFile]:
        catalog = self.catalog
        for model in catalog.models:
            yield self.page(
                source_path("models", model.id),
                "model.html.j2",
                f"{model.name}: {model.title}",
                model=model,
                builds_on=catalog.builds_on(model),
                built_upon_by=catalog.built_upon_by.get(model.id, []),
                results=results_table(model),
                glance=glance(catalog, model),
                related=catalog.related[model.id],
                bibtex=self.bibtex[model.id],
                confirmed_at=catalog.confirmations[model.id],
                edit_url=record_edit_url(self.options, model.id),
            )

    def alias_redirects(self) -> Iterator[GeneratedFile]:
        """A page at each former id that sends the reader on to the record's current page."""
        template = self.env.get_template("redirect.html.j2")
        for model in self.catalog.models:
            for alias in model.aliases:
                url = f"models/{alias}/" if self.options.use_directory_urls else f"models/{alias}.html"
                path = f"models/{alias}/index.html" if self.options.use_directory_urls else f"models/{alias}.html"
                target = relative_url(url, page_url(source_path("models", model.id), self.options.use_directory_urls))
                yield GeneratedFile(path, template.render(target=target))

    def charts_of_boards(self) -> dict[tuple[str, str], Chart]:
        """(benchmark id, board slug) → the best-over-time chart of each board of a benchmark's primary metric
        that ranks three or more models (charts of every metric would triple the drawing for little)."""
        return {
            (board.benchmark.id, board.key.slug): best_over_time(board)
            for boards in self.catalog.leaderboards.values()
            for board in boards
            if board.key.metric == board.benchmark.primary_metric and len(board.authors) >= BOARD_CHART_MIN
        }

    def board_charts(self, benchmark_id: str) -> dict[str, tuple[Chart, Markup]]:
        return {
            slug: (chart, self.drawings.svg(chart))
            for (benchmark, slug), chart in self.charts_by_board.items()
            if benchmark == benchmark_id
        }

    def stats_page(self) -> GeneratedFile:
        charts = [(chart, self.drawings.svg(chart) if chart.marks else None) for chart in self.stats_charts]
        return self.page(source_path("stats"), "stats.html.j2", "Statistics", in_nav=True, charts=charts)

    def benchmark_summaries(self, benchmarks: list) -> list[tuple]:
        """(benchmark, number of results, leaderboard with its current best) for each benchmark."""
        catalog = self.catalog
        return [(b, len(catalog.results_by_benchmark.get(b.id, [])), catalog.current_best(b.id)) for b in benchmarks]

    def facet_pages(self) -> Iterator[GeneratedFile]:
        catalog = self.catalog
        benchmarks_by_task = _grouped(list(catalog.data.vocab["benchmarks"].values()), "task")
        for kind in FACETS:
            for entry_id, entry in catalog.entries(kind).items():
                task_benchmarks = dict(benchmarks_by_task).get(entry_id, []) if kind == "tasks" else []
                yield self.page(
                    source_path(kind, entry_id),
                    "facet.html.j2",
                    entry.name,
                    kind=kind,
                    kind_title=KIND_TITLES[kind],
                    heading=entry.name,
                    entry=entry,
                    models=catalog.models_with(kind, entry_id),
                    boards=catalog.leaderboards.get(entry_id, []) if kind == "benchmarks" else [],
                    default_board=catalog.default_boards.get(entry_id),
                    board_charts=self.board_charts(entry_id) if kind == "benchmarks" else {},
                    task_boards=self.benchmark_summaries(task_benchmarks),
                )
        for year, models in catalog.by_year.items():
            yield self.page(
                source_path("years", year),
                "facet.html.j2",
                f"Models of {year}",
                kind="years",
                kind_title=KIND_TITLES["years"],
                heading=f"Models of {year}",
                entry=None,
                models=models,
                boards=[],
                default_board=None,
                board_charts={},
                task_boards=[],
            )

    def ways_in(self, kind: str) -> list[tuple[Any, int]]:
        """(entry, number of models) of the WAYS_IN entries of a facet with the most models, most first."""
        counts = self.catalog.by_facet[kind]
        entries = self.catalog.entries(kind)
        ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), entries[item[0]].name.casefold()))
        return [(entries[entry_id], len(models)) for entry_id, models in ranked[:WAYS_IN]]

    def home_page(self) -> GeneratedFile:
        catalog = self.catalog
        counts = {
            "models": len(catalog.models),
            "datasets": len(catalog.data.datasets),
            "objectives": len(catalog.data.vocab["objectives"]),
            "tasks": len(catalog.data.vocab["tasks"]),
            "modalities": len(catalog.data.vocab["modalities"]),
            "benchmarks": len(catalog.data.vocab["benchmarks"]),
            "results": catalog.result_count,
        }
        per_year = next((chart for chart in self.stats_charts if chart.id == "models-per-year"), None)
        return self.page(
            "index.md",
            "home.html.j2",
            "Large-scale multi-modal pre-trained models",
            in_nav=True,
            counts=counts,
            latest=latest_releases(catalog),
            best=main_boards(catalog),
            chart=per_year,
            svg=self.drawings.svg(per_year) if per_year is not None and per_year.marks else None,
            ways_in={kind: self.ways_in(kind) for kind in ("modalities", "objectives", "tasks")},
            changes=changes(catalog)[:CHANGES_SHOWN],
            repo_url=self.options.repo_url,
        )

    def catalogue_rows(self) -> list[dict[str, Any]]:
        """What the catalogue's script filters, sorts and downloads: one flat row per model, newest first.

        Newest means the month of the first public version where the record has it (a model known only by
        its year comes after that year's dated ones), then the year, then the name A to Z. The search box
        looks in the name, former ids, title, arXiv id, authors and organisations.
        """
        vocab = self.catalog.data.vocab
        directory_urls = self.options.use_directory_urls
        url = page_url(source_path("models"), directory_urls)
        by_name = sorted(self.catalog.models, key=lambda m: (m.name.casefold(), m.id))
        newest = sorted(by_name, key=lambda m: (m.released or f"{m.year}-00", m.year), reverse=True)  # stable
        rows = []
        for model in newest:
            architecture = model.architecture
            rows.append(
                {
                    "id": model.id,
                    "name": model.name,
                    "aliases": model.aliases,
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
                    "url": relative_url(
                        url, page_url(source_path("models", model.id), self.options.use_directory_urls)
                    ),
                }
            )
        return rows

    def catalogue_page(self) -> GeneratedFile:
        catalog = self.catalog
        vocab = catalog.data.vocab
        used = {kind: catalog.by_facet[kind] for kind in ("modalities", "architectures", "datasets", "objectives")}
        options = {
            "modalities": [e for e in vocab["modalities"].values() if e.id in used["modalities"]],
            "architectures": [e for e in vocab["architectures"].values() if e.id in used["architectures"]],
            "datasets": sorted(
                (d for d in catalog.data.datasets.values() if d.id in used["datasets"]), key=lambda d: d.name.casefold()
            ),
            "objectives": _grouped([e for e in vocab["objectives"].values() if e.id in used["objectives"]], "category"),
            "years": sorted(catalog.by_year) or [0],
        }
        return self.page(
            source_path("models"),
            "models.html.j2",
            "Models",
            in_nav=True,
            wide=True,
            models=catalog.models,
            options=options,
            catalogue_data={"rows": self.catalogue_rows()},
            catalog_url=relative_url(page_url(source_path("models"), self.options.use_directory_urls), CATALOG_JSON),
        )

    def index_pages(self) -> Iterator[GeneratedFile]:
        """Every index page but the home page, which shows a chart and so is rendered last (see `render`)."""
        catalog = self.catalog
        yield self.catalogue_page()
        yield self.page(source_path("new"), "new.html.j2", "What's new", in_nav=True, months=catalog.added_by_month())
        tasks = catalog.data.vocab["tasks"]
        benchmark_groups = _grouped(list(catalog.data.vocab["benchmarks"].values()), "task")
        yield self.page(
            source_path("benchmarks"),
            "benchmarks.html.j2",
            KIND_TITLES["benchmarks"],
            in_nav=True,
            groups=[(tasks[task], self.benchmark_summaries(items)) for task, items in benchmark_groups],
        )
        for kind in ("objectives", "tasks", "modalities", "architectures", "knowledge", "venues"):
            entries = list(catalog.entries(kind).values())
            group_field = {"objectives": "category", "tasks": "group", "venues": "type"}
            groups = _grouped(entries, group_field.get(kind))
            yield self.page(
                source_path(kind),
                "index.html.j2",
                KIND_TITLES[kind],
                in_nav=True,
                kind=kind,
                kind_title=KIND_TITLES[kind],
                intro=KIND_INTROS.get(kind),
                groups=groups,
                counts={key: len(models) for key, models in catalog.by_facet[kind].items()},
            )
        yield self.page(
            source_path("datasets"),
            "datasets.html.j2",
            KIND_TITLES["datasets"],
            in_nav=True,
            datasets=sorted(catalog.data.datasets.values(), key=lambda d: (d.year, d.name.casefold())),
            counts={key: len(models) for key, models in catalog.by_facet["datasets"].items()},
        )
        yield self.page(source_path("years"), "years.html.j2", "Years", in_nav=True, by_year=catalog.by_year)
        surveys = sorted(catalog.data.surveys, key=lambda s: (-s.year, s.title.casefold()))
        yield self.page(source_path("surveys"), "surveys.html.j2", "Surveys", in_nav=True, surveys=surveys)

    def compare_page(self) -> GeneratedFile:
        url = page_url(source_path("compare"), self.options.use_directory_urls)
        return self.page(
            source_path("compare"),
            "compare.html.j2",
            "Compare models",
            wide=True,
            catalog_url=relative_url(url, CATALOG_JSON),
        )

    def open_data(self) -> Iterator[GeneratedFile]:
        """The exports, published at the site's root; without a `site_url` the feed's links are relative to it."""
        catalog = self.catalog
        yield GeneratedFile(CATALOG_JSON, catalog_json(catalog, self.bibtex))
        yield GeneratedFile("schema/catalog.schema.json", json.dumps(catalog_schema(), indent=2, sort_keys=True) + "\n")
        yield GeneratedFile("catalog.csv", catalog_csv(catalog, self.options.site_url))
        yield GeneratedFile("results.csv", results_csv(catalog))
        yield GeneratedFile("papers.bib", papers_bib(catalog, self.bibtex))
        yield GeneratedFile(FEED, atom_feed(catalog, self.options.site_url, self.options.site_name))

    def assets(self) -> Iterator[GeneratedFile]:
        for path in sorted((self.templates / "assets").iterdir()):
            if path.is_file():
                yield GeneratedFile(f"assets/{path.name}", path.read_text(encoding="utf-8"))

    def render(self) -> list[GeneratedFile]:
        """Every file, in a stable order. Pages that show a chart come last, so that the other core has
        drawn it by the time it is asked for."""
        self.stats_charts = stats_charts(self.catalog)
        self.charts_by_board = self.charts_of_boards()
        with ChartDrawings([c for c in [*self.stats_charts, *self.charts_by_board.values()] if c.marks]) as drawings:
            self.drawings = drawings
            models = list(self.model_pages())
            redirects = list(self.alias_redirects())
            compare = self.compare_page()
            open_data = list(self.open_data())
            assets = list(self.assets())
            indexes = list(self.index_pages())
            facets = list(self.facet_pages())
            stats = self.stats_page()
            home = self.home_page()
        return [home, *indexes, *models, *facets, *redirects, compare, stats, *open_data, *assets]


def _grouped(entries: list, field: str | None) -> list[tuple[str, list]]:
    """Entries grouped by one of their fields, in the order groups first appear; one group without a field."""
    if field is None:
        return [("", entries)]
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(str(getattr(entry, field)), []).append(entry)
    return list(groups.items())


def render_site(catalog: Catalog, templates: Path, options: SiteOptions) -> list[GeneratedFile]:
    """Every generated file of the site, in a stable order."""
    return SiteRenderer(catalog, templates, options).render()
