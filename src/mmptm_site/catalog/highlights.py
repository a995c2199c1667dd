"""What a reader sees first: a model's headline results, the home page's latest models, current bests and
changes, and the footnotes of a model's results table. Computed from the catalogue, never in a template.

A headline result is an authors' own, confirmed number on one of the model's most common benchmarks
(those with the most results in the whole catalogue): on the board the benchmark's page opens on when the
model is ranked there, else on the board most like it that ranks the model, else (split, version or
protocol not stated) its first such number on the primary metric. Every headline names its board, so a
number is never shown without its metric, split and protocol.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeGuard
from urllib.parse import urlsplit

from mmptm_site.catalog import BoardKey, Catalog, Leaderboard, ResultRow
from mmptm_site.data.schema import AUTHORS, URL_PATTERN, Benchmark, Metric, ModelDraft, Result, Variant

HEADLINE_LIMIT = 5
MAIN_BENCHMARKS = 6
"""How many benchmarks the home page shows the current best of: those with the most results."""
LATEST_MODELS = 8
CHANGES_SHOWN = 12

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def month_name(month: str) -> str:
    """'2023-01' → 'January 2023'."""
    year, number = month.split("-")
    return f"{_MONTHS[int(number) - 1]} {year}"


def release_key(model: ModelDraft) -> tuple[int, int]:
    """A model's first public version as (year, month); a record without a month sorts before its year's months."""
    if model.released:
        year, month = model.released.split("-")
        return int(year), int(month)
    return model.year, 0


@dataclass(frozen=True)
class Headline:
    """One of a model's headline results: its number and the board (metric, split, protocol) it stands on."""

    benchmark: Benchmark
    row: ResultRow
    metric: Metric
    board: Leaderboard | None
    """The board the number is ranked on; None when the sources leave split, version or protocol unstated."""
    rank: int | None
    ranked: int
    """How many models the board ranks by their authors' numbers."""

    @property
    def result(self) -> Result:
        return self.row.result

    @property
    def variant(self) -> Variant:
        return self.row.variant


def _board_preference(board: Leaderboard, default: Leaderboard | None) -> tuple[object, ...]:
    """Boards most like the benchmark's default first: itself, the primary metric, comparable, no flags, most models."""
    return (
        board is not default,
        board.key.metric != board.benchmark.primary_metric,
        not board.key.comparable,
        bool(board.key.flags),
        -len(board.authors),
    )


def headline_results(catalog: Catalog, model: ModelDraft, limit: int = HEADLINE_LIMIT) -> list[Headline]:
    """The model's own confirmed numbers on up to `limit` of its benchmarks, most common benchmarks first."""
    own = [r for r in model.results if r.evaluated_by == AUTHORS and not r.needs_review]
    if not own:
        return []
    first_seen: dict[str, int] = {}
    for result in own:
        first_seen.setdefault(result.benchmark, len(first_seen))
    common = sorted(first_seen, key=lambda b: (-len(catalog.results_by_benchmark.get(b, [])), first_seen[b]))[:limit]
    benchmarks = catalog.data.vocab["benchmarks"]
    headlines = []
    for benchmark_id in common:
        benchmark = benchmarks[benchmark_id]
        default = catalog.default_boards.get(benchmark_id)
        boards = sorted(catalog.leaderboards.get(benchmark_id, []), key=lambda b: _board_preference(b, default))
        headline = next(
            (
                Headline(benchmark, entry.best, board.metric, board, entry.rank, len(board.authors))
                for board in boards
                for entry in board.authors
                if entry.best.model.id == model.id
            ),
            None,
        )
        if headline is None:  # not rankable: the first such number, on the primary metric when there is one
            mine = [r for r in own if r.benchmark == benchmark_id]
            result = next((r for r in mine if r.metric == benchmark.primary_metric), mine[0])
            board = next((b for b in boards if b.key == BoardKey.of(result)), None)
            metric = benchmark.metric(result.metric)
            assert metric is not None, "the validator checks every result's metric"
            headline = Headline(benchmark, ResultRow(model, result), metric, board, None, 0)
        headlines.append(headline)
    return headlines


@dataclass(frozen=True)
class ResultGroup:
    """A model's results on one benchmark, its authors' numbers first, each with its footnote numbers."""

    benchmark_id: str
    rows: list[tuple[Result, list[int]]]


@dataclass(frozen=True)
class ResultsTable:
    groups: list[ResultGroup]
    footnotes: list[str]
    """Footnote texts, numbered from 1 in order of first use; a text used twice has one number."""


def results_table(model: ModelDraft) -> ResultsTable:
    """A model's results grouped by benchmark (in the order first recorded), authors' numbers first within a
    group; notes and review notes become numbered footnotes."""
    order: dict[str, int] = {}
    for result in model.results:
        order.setdefault(result.benchmark, len(order))
    ranked = sorted(model.results, key=lambda r: (order[r.benchmark], r.evaluated_by != AUTHORS))
    numbers: dict[str, int] = {}
    groups: dict[str, ResultGroup] = {}
    for result in ranked:
        marks = []
        review = f"Not yet confirmed at its source: {result.review_note}" if result.needs_review else None
        for text in (result.note, review):
            if text:
                marks.append(numbers.setdefault(text, len(numbers) + 1))
        groups.setdefault(result.benchmark, ResultGroup(result.benchmark, [])).rows.append((result, marks))
    return ResultsTable(list(groups.values()), list(numbers))


@dataclass(frozen=True)
class WeightsSummary:
    """What the box says of a model's weights: availability, licences and download places of the record
    and of any variant that differs."""

    availability: list[str]
    licences: list[str]
    links: list[tuple[str, str]]
    """(label, http(s) URL): 'model card' for a Hugging Face page, the host's name otherwise."""


def weights_summary(model: ModelDraft) -> WeightsSummary | None:
    stated = [w for w in [model.weights, *(v.weights for v in model.variants)] if w is not None]
    if not stated:
        return None
    links = []
    for url in dict.fromkeys(w.url for w in stated if w.url and is_http(w.url)):
        host = host_label(url)
        links.append(("model card" if host == "huggingface.co" else host, url))
    return WeightsSummary(
        availability=list(dict.fromkeys(str(w.availability) for w in stated)),
        licences=list(dict.fromkeys(w.licence for w in stated if w.licence)),
        links=links,
    )


def is_http(url: str | None) -> TypeGuard[str]:
    """Only http(s) addresses become links (the schema checks this too; a page never relies on it alone)."""
    return url is not None and re.match(URL_PATTERN, url) is not None


def host_label(url: str) -> str:
    """A link's host as a reader recognises it: 'github.com', 'huggingface.co'."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Glance:
    """The box under a model page's title: where the paper, code and weights are, sizes, first release and
    headline results."""

    paper: list[tuple[str, str]]
    """(label, http(s) URL) of the paper: arXiv, DOI, the publisher's page."""
    code: list[tuple[str, str, bool]]
    """(label, URL, official) of each code release, official first."""
    project: str | None
    weights: WeightsSummary | None
    sizes: tuple[int, int] | None
    variants: int
    released: str
    """'January 2023', or the year alone when the record has no month."""
    headlines: list[Headline]


def glance(catalog: Catalog, model: ModelDraft) -> Glance:
    links = model.links
    paper = []
    if links and links.arxiv:
        paper.append((f"arXiv {links.arxiv}", f"https://arxiv.org/abs/{links.arxiv}"))
    if links and links.doi:
        paper.append((f"DOI {links.doi}", f"https://doi.org/{links.doi}"))
    if links and is_http(links.paper):
        paper.append((f"paper at {host_label(links.paper)}", links.paper))
    code = sorted(
        ((host_label(c.url), c.url, c.official) for c in (links.code if links else []) if is_http(c.url)),
        key=lambda c: not c[2],
    )
    return Glance(
        paper=paper,
        code=code,
        project=links.project if links and is_http(links.project) else None,
        weights=weights_summary(model),
        sizes=model.parameter_range,
        variants=len(model.variants),
        released=month_name(model.released) if model.released else str(model.year),
        headlines=headline_results(catalog, model),
    )


# --- the home page ---------------------------------------------------------------------------------


def latest_releases(catalog: Catalog, limit: int = LATEST_MODELS) -> list[tuple[str, list[ModelDraft]]]:
    """The `limit` most recently released models, grouped by release month ('January 2025', or the year
    alone for a record without a month), newest first."""
    models = sorted(catalog.models, key=lambda m: (tuple(-part for part in release_key(m)), m.name.casefold()))
    groups: dict[str, list[ModelDraft]] = {}
    for model in models[:limit]:
        label = month_name(model.released) if model.released else str(model.year)
        groups.setdefault(label, []).append(model)
    return list(groups.items())


def main_boards(catalog: Catalog, limit: int = MAIN_BENCHMARKS) -> list[tuple[Leaderboard, int]]:
    """(current best board, results on the benchmark) of the `limit` benchmarks with the most results that
    have a current best, most results first."""
    counted = sorted(
        (
            (board, len(catalog.results_by_benchmark.get(benchmark_id, [])))
            for benchmark_id in catalog.leaderboards
            if (board := catalog.current_best(benchmark_id)) is not None
        ),
        key=lambda pair: (-pair[1], pair[0].benchmark.name.casefold()),
    )
    return counted[:limit]


@dataclass(frozen=True)
class Change:
    """A record entering the catalogue (`added`) or checked again later (`reviewed`)."""

    day: dt.date
    kind: str  # "added" or "updated"
    model: ModelDraft


def changes(catalog: Catalog) -> list[Change]:
    """Every addition and later review, newest day first; on one day, the most recently released model first."""
    found = []
    for model in catalog.models:
        if model.added:
            found.append(Change(model.added, "added", model))
        if model.reviewed and model.added and model.reviewed > model.added:
            found.append(Change(model.reviewed, "updated", model))
    return sorted(
        found,
        key=lambda c: (-c.day.toordinal(), tuple(-part for part in release_key(c.model)), c.kind, c.model.id),
    )
