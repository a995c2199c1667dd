"""The catalogue: validated data plus every index over it, computed once.

Later steps (rendering, exports, statistics) read indexes from here instead of scanning records, so
no page or export repeats a scan over all models.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from mmptm_site.catalog.leaderboards import Leaderboard, ResultRow, default_board, leaderboards_of
from mmptm_site.data.directory import Data
from mmptm_site.data.provenance import primary_sources
from mmptm_site.data.schema import (
    DatasetRecord,
    ModelDraft,
    VocabEntry,
    named_vocabularies,
)

FACETS = ("objectives", "datasets", "tasks", "benchmarks", "modalities", "architectures", "knowledge", "venues")
"""Kinds of facet that have an entry record (a vocabulary entry or a dataset) and a page per entry."""
RELATED_COUNT = 5

_Key = TypeVar("_Key", bound=Hashable)


def _index(models: Iterable[ModelDraft], keys: Callable[[ModelDraft], Iterable[_Key]]) -> dict[_Key, list[ModelDraft]]:
    """key → the models with that key, in catalogue order; each model once per key."""
    index: dict[_Key, list[ModelDraft]] = defaultdict(list)
    for model in models:
        for key in dict.fromkeys(keys(model)):
            index[key].append(model)
    return dict(index)


class _Related(Mapping[str, list[ModelDraft]]):
    """Model id → its related models, each computed once, when first asked for."""

    def __init__(self, compute: Callable[[ModelDraft], list[ModelDraft]], models: list[ModelDraft]):
        self._compute = compute
        self._models = {model.id: model for model in models}
        self._known: dict[str, list[ModelDraft]] = {}

    def __getitem__(self, model_id: str) -> list[ModelDraft]:
        if model_id not in self._known:
            self._known[model_id] = self._compute(self._models[model_id])
        return self._known[model_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)


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
    default_boards: dict[str, Leaderboard] = field(init=False)
    """Benchmark id → the board its page opens on and its current best comes from (benchmarks with results)."""
    related: Mapping[str, list[ModelDraft]] = field(init=False)
    """Model id → up to RELATED_COUNT models sharing the most objectives and pre-training datasets; computed
    for a model when first asked (it is a scan of every model sharing one, so all of them at once grow as
    the square of the catalogue, which a preview that renders one page need not wait for)."""
    confirmations: dict[str, list[str]] = field(init=False)
    """Model id → its primary sources, which its page shows as the confirmation of its facts."""
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
            benchmark_id: leaderboards_of(benchmark, self.results_by_benchmark.get(benchmark_id, []), self.data.vocab)
            for benchmark_id, benchmark in benchmarks.items()
        }
        self.default_boards = {
            benchmark_id: board
            for benchmark_id, boards in self.leaderboards.items()
            if (board := default_board(boards)) is not None
        }
        self._ids_with = {
            kind: {key: [other.id for other in others] for key, others in self.by_facet[kind].items()}
            for kind in ("objectives", "datasets")
        }
        self.related = _Related(self._related, models)
        self.confirmations = {model.id: primary_sources(model, self.data.source_policy) for model in models}
        self.newest = sorted(models, key=lambda m: (m.added is None, -(m.added.toordinal() if m.added else 0)))

    def _related(self, model: ModelDraft) -> list[ModelDraft]:
        """Models sharing most objectives and pre-training datasets with `model`, most shared first."""
        shared: Counter[str] = Counter()
        for kind, keys in (("objectives", model.objectives), ("datasets", model.datasets)):
            for key in keys:
                shared.update(self._ids_with[kind].get(key, []))
        shared.pop(model.id, None)
        position = self._position
        best = heapq.nsmallest(RELATED_COUNT, shared.items(), key=lambda pair: (-pair[1], position[pair[0]]))
        return [self.data.models[other] for other, _ in best]

    # --- look-ups ---

    def entries(self, kind: str) -> Mapping[str, VocabEntry | DatasetRecord]:
        """The entries of a facet kind, by id: vocabulary entries, or dataset records."""
        return self.data.datasets if kind == "datasets" else named_vocabularies(self.data.vocab)[kind]

    def current_best(self, benchmark_id: str) -> Leaderboard | None:
        """The default board of a benchmark when it ranks at least one of its authors' own numbers under no
        flag: a headline never comes from a board whose numbers need a condition to be read (an outside LLM,
        extra data, a judge model)."""
        board = self.default_boards.get(benchmark_id)
        return board if board is not None and board.best is not None and not board.key.flags else None

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
