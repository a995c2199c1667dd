"""What each chart shows (`Chart`), computed from the catalogue as plain data at every build.

A chart is the points or bars it draws and the table printed under it, so tests can check that what is
drawn equals the data; `chart_svg` draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mmptm_site.catalog import Catalog, Leaderboard
from mmptm_site.data.schema import Direction, ModelDraft, VocabEntry
from mmptm_site.site.formatting import human_count_range

_MAX_BARS = 40  # bars of one chart at the most; its table lists every model


@dataclass(frozen=True)
class Mark:
    """One drawn mark: a point or a bar segment, with the label shown when hovering it."""

    label: str
    x: float | str
    y: float
    series: str = ""


@dataclass
class Chart:
    """A chart as data: its axes, the marks it draws and the table printed under it."""

    id: str
    title: str
    x_label: str
    y_label: str
    kind: str  # "bars" (stacked by series), "lines", "points", or "points-and-best" (points plus a running best)
    marks: list[Mark] = field(default_factory=list)
    horizontal: bool = False
    """Bars lie horizontally, one named category (a model) per row."""
    log_y: bool = False
    table_header: tuple[str, ...] = ()
    table_rows: Sequence[tuple[Any, ...]] = field(default_factory=list)  # cells: numbers, text or None
    empty_message: str = "No data recorded yet."


def _year_position(model: ModelDraft) -> float:
    """A point in time for a model: its release month when known, mid-year otherwise."""
    if model.released:
        year, month = model.released.split("-")
        return int(year) + (int(month) - 0.5) / 12
    return model.year + 0.5


def _modality_group(model: ModelDraft, names: Mapping[str, VocabEntry]) -> str:
    return " + ".join(names[m].name for m in sorted(model.modalities)) or "not stated"


def _stacked_marks(years: list[int], series: list[str], counts: Counter[tuple[int, str]], prefix: str) -> list[Mark]:
    """One bar segment per (year, series) with models, labelled with its count."""
    return [
        Mark(f"{year}, {prefix}{name}: {counts[(year, name)]} models", str(year), counts[(year, name)], name)
        for year in years
        for name in series
        if counts[(year, name)]
    ]


def models_per_year(catalog: Catalog) -> Chart:
    names = catalog.data.vocab["modalities"]
    groups = Counter(_modality_group(m, names) for m in catalog.models)
    common = [group for group, _ in groups.most_common(6)]
    counts: Counter[tuple[int, str]] = Counter()
    for model in catalog.models:
        group = _modality_group(model, names)
        counts[(model.year, group if group in common else "other combinations")] += 1
    series = [*common, "other combinations"]
    years = sorted(catalog.by_year)
    marks = _stacked_marks(years, series, counts, "")
    rows = [(year, *[counts[(year, group)] for group in series], len(catalog.by_year[year])) for year in years]
    return Chart(
        "models-per-year",
        "Models per year, by modalities",
        "Year of first version",
        "Models",
        "bars",
        marks,
        table_header=("Year", *series, "All"),
        table_rows=rows,
    )


def parameters_over_time(catalog: Catalog) -> Chart:
    """Each model's largest variant with a stated size, by date (the table gives the whole range)."""
    models = sorted((m for m in catalog.models if m.parameter_range), key=lambda m: (_year_position(m), m.id))
    largest = {m.id: m.parameter_range[1] for m in models if m.parameter_range}
    marks = [Mark(f"{m.name}: {largest[m.id]:,} parameters", _year_position(m), largest[m.id]) for m in models]
    rows = [(m.name, mark.x, human_count_range(m.parameter_range)) for m, mark in zip(models, marks, strict=True)]
    return Chart(
        "parameters",
        "Parameters per model over time (largest variant)",
        "Date of first version",
        "Parameters (log scale)",
        "points",
        marks,
        log_y=True,
        table_header=("Model", "When", "Sizes of its variants"),
        table_rows=rows,
        empty_message="No parameter count recorded yet.",
    )


def accelerators(catalog: Catalog) -> Chart:
    stated = [(m, m.compute, m.compute.count) for m in catalog.models if m.compute and m.compute.count]
    marks = [
        Mark(f"{m.name}: {count} × {compute.accelerator}", m.name, count, compute.accelerator)
        for m, compute, count in sorted(stated, key=lambda s: (-s[2], s[0].name))[:_MAX_BARS]
    ]
    rows = [(m.name, compute.accelerator, count, compute.days) for m, compute, count in stated]
    return Chart(
        "accelerators",
        "Accelerators used in pre-training",
        "Model",
        "Accelerators",
        "bars",
        marks,
        horizontal=True,
        table_header=("Model", "Accelerator", "Count", "Days"),
        table_rows=rows,
        empty_message="No record states its pre-training compute yet.",
    )


def objectives_per_year(catalog: Catalog) -> Chart:
    objectives = catalog.data.vocab["objectives"]
    categories = sorted({str(o.category) for o in objectives.values()})
    years = sorted(catalog.by_year)
    marks, rows = [], []
    for year in years:
        models = catalog.by_year[year]
        shares = []
        for category in categories:
            using = sum(1 for m in models if any(str(objectives[o].category) == category for o in m.objectives))
            share = round(100 * using / len(models), 1)
            shares.append(share)
            marks.append(Mark(f"{year}, {category}: {share}% of {len(models)} models", year, share, category))
        rows.append((year, len(models), *shares))
    return Chart(
        "objectives-per-year",
        "Share of models using each kind of objective",
        "Year",
        "Models using it (%)",
        "lines",
        marks,
        table_header=("Year", "Models", *categories),
        table_rows=rows,
    )


def dataset_sizes(catalog: Catalog) -> Chart:
    sized = sorted(((d, d.size) for d in catalog.data.datasets.values() if d.size), key=lambda s: (s[0].year, s[0].id))
    marks = [
        Mark(f"{d.name}: {size:,} {d.size_unit or 'items'}", d.year + 0.5, size, d.size_unit or "") for d, size in sized
    ]
    rows = [(d.name, d.year, size, d.size_unit or "") for d, size in sized]
    return Chart(
        "dataset-sizes",
        "Pre-training data size over time",
        "Year",
        "Size (log scale)",
        "points",
        marks,
        log_y=True,
        table_header=("Dataset", "Year", "Size", "Unit"),
        table_rows=rows,
    )


def weights_per_year(catalog: Catalog) -> Chart:
    states = ("open", "restricted", "closed", "not stated")
    counts: Counter[tuple[int, str]] = Counter()
    for model in catalog.models:
        counts[(model.year, str(model.weights.availability) if model.weights else "not stated")] += 1
    years = sorted(catalog.by_year)
    marks = _stacked_marks(years, list(states), counts, "weights ")
    rows = [(year, *[counts[(year, state)] for state in states]) for year in years]
    return Chart(
        "weights-per-year",
        "Open and closed weights per year",
        "Year",
        "Models",
        "bars",
        marks,
        table_header=("Year", *states),
        table_rows=rows,
    )


def _largest_board(catalog: Catalog, benchmark: str, metric: str, protocol: str) -> Leaderboard | None:
    """The board of a metric and protocol (without flags) that ranks most models by their authors' numbers."""
    boards = [
        b
        for b in catalog.leaderboards.get(benchmark, [])
        if b.key.metric == metric and b.key.protocol == protocol and not b.key.flags and b.authors
    ]
    return max(boards, key=lambda b: (len(b.authors), b.key.slug), default=None)


def benchmark_bars(catalog: Catalog, benchmark: str, metric: str, protocol: str, title: str) -> Chart:
    """The best authors' result of each model on one leaderboard, in the style of the survey's figure."""
    board = _largest_board(catalog, benchmark, metric, protocol)
    entries = list(board.authors)[:_MAX_BARS] if board else []
    unit = (board.metric.unit or "") if board else ""
    marks = [
        Mark(f"{e.best.model.name}: {e.best.result.value:g}{unit}", e.best.model.name, e.best.result.value)
        for e in entries
    ]
    rows = [(e.best.model.name, e.best.variant.name, e.best.result.value, e.best.result.source) for e in entries]
    metric_name = board.metric.name if board else metric
    return Chart(
        f"benchmark-{benchmark}-{metric}",
        f"{title} ({board.label if board else 'no results yet'})",
        "Model",
        f"{metric_name}{' (' + unit.strip() + ')' if unit else ''}",
        "bars",
        marks,
        horizontal=True,
        table_header=("Model", "Variant", metric_name, "Source"),
        table_rows=rows,
    )


def best_over_time(board: Leaderboard) -> Chart:
    """Every model's best authors' result on one board by the model's date, and the best so far as a step line."""
    entries = sorted(board.authors, key=lambda e: (_year_position(e.best.model), e.best.model.id))
    marks = [
        Mark(
            f"{e.best.model.name}: {e.best.result.value:g}", _year_position(e.best.model), e.best.result.value, "result"
        )
        for e in entries
    ]
    better = max if board.metric.direction == Direction.HIGHER else min
    running: float | None = None
    table = []
    for mark, entry in zip(marks, entries, strict=True):
        running = mark.y if running is None else better(running, mark.y)
        table.append(
            (
                entry.best.model.name,
                entry.best.model.released or entry.best.model.year,
                entry.best.result.value,
                running,
            )
        )
    return Chart(
        f"best-{board.benchmark.id}-{board.key.slug.replace('.', '--')}",
        f"Best over time: {board.label}",
        "Date of first version",
        board.metric.name,
        "points-and-best",
        marks,
        table_header=("Model", "Released", board.metric.name, "Best so far"),
        table_rows=table,
    )


def stats_charts(catalog: Catalog) -> list[Chart]:
    return [
        models_per_year(catalog),
        parameters_over_time(catalog),
        accelerators(catalog),
        objectives_per_year(catalog),
        dataset_sizes(catalog),
        weights_per_year(catalog),
        *(
            benchmark_bars(catalog, board.benchmark, board.metric, board.protocol, board.title)
            for board in catalog.data.settings.charts
        ),
    ]
