"""The catalogue: validated data plus every index over it, computed once.

Later steps (rendering, exports, statistics) read indexes from here instead of scanning records, so
no page or export repeats a scan over all models.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mmptm_site.schema import Benchmark, DatasetRecord, Direction, Metric, ModelDraft, Result, VocabEntry
from mmptm_site.validate import Data

FACETS = ("objectives", "datasets", "tasks", "benchmarks", "modalities", "architectures", "knowledge", "venues")
"""Kinds of facet that have an entry record (a vocabulary entry or a dataset) and a page per entry."""
RELATED_COUNT = 5


def _index(models: Iterable[ModelDraft], keys: Callable[[ModelDraft], Iterable]) -> dict:
    """key → the models with that key, in catalogue order; each model once per key."""
    index: dict = defaultdict(list)
    for model in models:
        for key in dict.fromkeys(keys(model)):
            index[key].append(model)
    return dict(index)


@dataclass(frozen=True)
class ResultRow:
    """One result with the model it belongs to."""

    model: ModelDraft
    result: Result


@dataclass(frozen=True)
class RankedRow:
    rank: int
    row: ResultRow


@dataclass(frozen=True)
class Leaderboard:
    """The results of one benchmark for one (metric, setting, split), best first by the metric's direction.

    Results of records that need review are kept apart in `unverified` and not ranked.
    """

    benchmark: Benchmark
    metric: Metric
    setting: str | None
    split: str | None
    ranked: list[RankedRow]
    unverified: list[ResultRow]

    @property
    def best(self) -> RankedRow | None:
        return self.ranked[0] if self.ranked else None


def rank_rows(rows: list[ResultRow], direction: Direction) -> list[RankedRow]:
    """Rows best first; equal values share a rank and the next rank skips (1, 1, 3)."""
    sign = -1 if direction == Direction.higher else 1
    ordered = sorted(rows, key=lambda row: (sign * row.result.value, row.model.name.casefold()))
    ranked: list[RankedRow] = []
    for position, row in enumerate(ordered, start=1):
        tied = ranked and ranked[-1].row.result.value == row.result.value
        ranked.append(RankedRow(ranked[-1].rank if tied else position, row))
    return ranked


def _leaderboards(benchmark: Benchmark, rows: list[ResultRow]) -> list[Leaderboard]:
    groups: dict[tuple[str, str | None, str | None], list[ResultRow]] = {}
    for row in rows:
        result = row.result
        setting = str(result.setting) if result.setting else None
        groups.setdefault((result.metric, setting, result.split), []).append(row)
    metric_order = {metric.id: index for index, metric in enumerate(benchmark.metrics)}
    boards = []
    for (metric_id, setting, split), group in sorted(
        groups.items(), key=lambda item: (metric_order[item[0][0]], item[0][1] or "~", item[0][2] or "~")
    ):
        metric = benchmark.metrics[metric_order[metric_id]]
        verified = [row for row in group if not row.model.needs_review]
        unverified = [row for row in group if row.model.needs_review]
        boards.append(Leaderboard(benchmark, metric, setting, split, rank_rows(verified, metric.direction), unverified))
    return boards


@dataclass
class Catalog:
    data: Data
    models: list[ModelDraft] = field(init=False)
    """All models, newest first, then by name."""
    by_year: dict[int, list[ModelDraft]] = field(init=False)
    """Year → models, newest year first."""
    by_facet: dict[str, dict[str, list[ModelDraft]]] = field(init=False)
    """Facet kind (see FACETS) → entry id → models using it."""
    built_upon_by: dict[str, list[ModelDraft]] = field(init=False)
    """Model id → the catalogued models that list it in `relations.builds_on`."""
    results_by_benchmark: dict[str, list[ResultRow]] = field(init=False)
    leaderboards: dict[str, list[Leaderboard]] = field(init=False)
    """Benchmark id → its leaderboards, primary metric first."""
    related: dict[str, list[ModelDraft]] = field(init=False)
    """Model id → up to RELATED_COUNT models sharing the most objectives and pre-training datasets."""
    newest: list[ModelDraft] = field(init=False)
    """Models by the date they entered the catalogue, newest first (records without a date last)."""

    def __post_init__(self) -> None:
        self.models = sorted(self.data.models.values(), key=lambda m: (-m.year, m.name.casefold(), m.id))
        models = self.models
        self._position = {model.id: index for index, model in enumerate(models)}
        self.by_year = dict(sorted(_index(models, lambda m: [m.year]).items(), reverse=True))
        self.by_facet = {
            "objectives": _index(models, lambda m: m.objectives),
            "datasets": _index(models, lambda m: m.datasets),
            "tasks": _index(models, lambda m: m.tasks),
            "benchmarks": _index(models, lambda m: [r.benchmark for r in m.results]),
            "modalities": _index(models, lambda m: m.modalities),
            "architectures": _index(models, lambda m: [m.architecture.interaction] if m.architecture else []),
            "knowledge": _index(models, lambda m: m.knowledge or []),
            "venues": _index(models, lambda m: [m.venue.id] if m.venue else []),
        }
        self.built_upon_by = _index(models, lambda m: m.relations.builds_on if m.relations else [])
        rows: dict[str, list[ResultRow]] = defaultdict(list)
        for model in models:
            for result in model.results:
                rows[result.benchmark].append(ResultRow(model, result))
        self.results_by_benchmark = dict(rows)
        benchmarks = self.data.vocab.get("benchmarks", {})
        self.leaderboards = {
            benchmark_id: _leaderboards(benchmark, self.results_by_benchmark.get(benchmark_id, []))
            for benchmark_id, benchmark in benchmarks.items()
        }
        self.related = {model.id: self._related(model) for model in models}
        self.newest = sorted(models, key=lambda m: (m.added is None, -(m.added.toordinal() if m.added else 0)))

    def _related(self, model: ModelDraft) -> list[ModelDraft]:
        """Models sharing most objectives and pre-training datasets with `model`, most shared first."""
        shared: dict[str, int] = defaultdict(int)
        for kind, keys in (("objectives", model.objectives), ("datasets", model.datasets)):
            for key in keys:
                for other in self.by_facet[kind].get(key, []):
                    shared[other.id] += 1
        shared.pop(model.id, None)
        ranked = sorted((count, other) for other, count in shared.items())
        ranked.sort(key=lambda pair: (-pair[0], self._position[pair[1]]))
        return [self.data.models[other] for _, other in ranked[:RELATED_COUNT]]

    # --- look-ups ---

    def entries(self, kind: str) -> dict[str, VocabEntry | DatasetRecord]:
        """The entries of a facet kind, by id: vocabulary entries, or dataset records."""
        return self.data.datasets if kind == "datasets" else self.data.vocab[kind]  # type: ignore[return-value]

    def current_best(self, benchmark_id: str) -> Leaderboard | None:
        """The leaderboard holding the benchmark's best verified result on its primary metric (any setting)."""
        boards = [board for board in self.leaderboards.get(benchmark_id, []) if board.best]
        if not boards:
            return None
        primary = boards[0].benchmark.metrics[0].id
        candidates = [board for board in boards if board.metric.id == primary] or boards
        sign = -1 if candidates[0].metric.direction == Direction.higher else 1
        return min(candidates, key=lambda board: sign * board.best.row.result.value)  # type: ignore[union-attr]

    def added_by_month(self) -> list[tuple[str, list[ModelDraft]]]:
        """('YYYY-MM', models added that month) pairs, newest month first; undated records are left out."""
        months: dict[str, list[ModelDraft]] = {}
        for model in self.newest:
            if model.added:
                months.setdefault(model.added.strftime("%Y-%m"), []).append(model)
        return list(months.items())

    def models_with(self, kind: str, entry_id: str) -> list[ModelDraft]:
        return self.by_facet[kind].get(entry_id, [])

    def builds_on(self, model: ModelDraft) -> list[ModelDraft]:
        ids = model.relations.builds_on if model.relations else []
        return [self.data.models[i] for i in ids]

    @property
    def newest_date(self) -> dt.date | None:
        """The latest `added` or `reviewed` date: the data's own 'last modified'."""
        dates = [d for m in self.models for d in (m.added, m.reviewed) if d is not None]
        return max(dates, default=None)

    @property
    def result_count(self) -> int:
        return sum(len(rows) for rows in self.results_by_benchmark.values())
