"""The catalogue: validated data plus every index over it, computed once.

Later steps (rendering, exports, statistics) read indexes from here instead of scanning records, so
no page or export repeats a scan over all models.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mmptm_site.data.provenance import primary_sources
from mmptm_site.data.schema import (
    AUTHORS,
    UNKNOWN,
    Benchmark,
    BenchmarkVersion,
    DatasetRecord,
    Direction,
    Metric,
    ModelDraft,
    Protocol,
    Result,
    ResultFlag,
    Split,
    Variant,
    VocabEntry,
)
from mmptm_site.data.validate import Data

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

    @property
    def variant(self) -> Variant:
        variant = self.model.variant(self.result.variant)
        assert variant is not None, "the validator checks that every result names a variant of its record"
        return variant

    @property
    def by_authors(self) -> bool:
        return self.result.evaluated_by == AUTHORS


@dataclass(frozen=True)
class BoardKey:
    """What every result on one leaderboard shares; results that differ in any of these are never ranked together."""

    metric: str
    split: str
    version: str | None
    protocol: str
    shots: int | None
    flags: tuple[str, ...]

    @staticmethod
    def of(result: Result) -> BoardKey:
        return BoardKey(
            result.metric, result.split, result.version, result.protocol, result.shots, tuple(sorted(result.flags))
        )

    @property
    def comparable(self) -> bool:
        """Whether the sources said enough to rank: a known split, version and protocol."""
        return UNKNOWN not in (self.split, self.version, self.protocol)

    @property
    def slug(self) -> str:
        """The board's id in its page's URL: `cider.karpathy-test.fine-tuned`, with version, shots and flags."""
        parts = [self.metric, self.split, self.version, self.protocol, f"{self.shots}-shot" if self.shots else None]
        return ".".join(part for part in [*parts, *self.flags] if part)


@dataclass(frozen=True)
class BoardEntry:
    """One model on a leaderboard: its best row there (ranked), and its other rows (other variants or evaluators)."""

    rank: int | None
    best: ResultRow
    others: tuple[ResultRow, ...] = ()


@dataclass(frozen=True)
class Leaderboard:
    """The results of one benchmark that share a `BoardKey`, one entry per model, best first.

    `authors` ranks the numbers each model's own authors published; `everyone` adds numbers measured by
    others (each naming its evaluator). Results marked `needs_review`, and every result of a board whose
    split, version or protocol is unknown, are listed in `unranked` instead.
    """

    benchmark: Benchmark
    key: BoardKey
    metric: Metric
    split: Split | None
    version: BenchmarkVersion | None
    protocol: Protocol | None
    flags: tuple[ResultFlag, ...]
    authors: tuple[BoardEntry, ...]
    everyone: tuple[BoardEntry, ...]
    unranked: tuple[ResultRow, ...]

    @property
    def best(self) -> BoardEntry | None:
        """The best of the authors' own numbers: what a page calls the current best."""
        return self.authors[0] if self.authors else None

    @property
    def measured_by_others(self) -> bool:
        """Whether numbers measured by someone other than the models' authors are ranked here too."""
        return any(not row.by_authors for entry in self.everyone for row in (entry.best, *entry.others))

    @property
    def row_count(self) -> int:
        return sum(1 + len(entry.others) for entry in self.everyone) + len(self.unranked)

    @property
    def label(self) -> str:
        """'CIDEr · Karpathy test · fine-tuned on the benchmark', as headings and "current best" cells name it."""
        split = self.split.name if self.split else "split not stated"
        parts = [self.metric.name, split]
        if self.version is not None:
            parts.append(self.version.name)
        elif self.key.version == UNKNOWN:
            parts.append("version not stated")
        protocol = self.protocol.name if self.protocol else "protocol not stated"
        parts.append(f"{protocol}, {self.key.shots} shots" if self.key.shots else protocol)
        parts += [flag.name for flag in self.flags]
        return " · ".join(parts)


def _sign(direction: Direction) -> int:
    return -1 if direction == Direction.higher else 1


def rank_entries(rows: list[ResultRow], direction: Direction) -> tuple[BoardEntry, ...]:
    """One entry per model (its best row), best first; equal values share a rank and the next rank skips."""
    sign = _sign(direction)
    by_model: dict[str, list[ResultRow]] = {}
    for row in sorted(rows, key=lambda row: (sign * row.result.value, row.variant.name.casefold())):
        by_model.setdefault(row.model.id, []).append(row)
    ordered = sorted(
        by_model.values(), key=lambda group: (sign * group[0].result.value, group[0].model.name.casefold())
    )
    entries: list[BoardEntry] = []
    for position, group in enumerate(ordered, start=1):
        tied = entries and entries[-1].best.result.value == group[0].result.value
        rank = entries[-1].rank if tied else position
        entries.append(BoardEntry(rank, group[0], tuple(group[1:])))
    return tuple(entries)


def _leaderboards(benchmark: Benchmark, rows: list[ResultRow], vocab: dict) -> list[Leaderboard]:
    groups: dict[BoardKey, list[ResultRow]] = {}
    for row in rows:
        groups.setdefault(BoardKey.of(row.result), []).append(row)
    metric_order = {metric.id: index for index, metric in enumerate(benchmark.metrics)}
    metric_order[benchmark.primary_metric] = -1
    split_order = {split.id: index for index, split in enumerate(benchmark.splits)}

    def order(key: BoardKey) -> tuple:
        return (
            metric_order[key.metric],
            not key.comparable,
            split_order.get(key.split, len(split_order)),
            key.version or "",
            key.protocol,
            key.shots or 0,
            key.flags,
        )

    boards = []
    for key in sorted(groups, key=order):
        group = groups[key]
        metric = benchmark.metric(key.metric)
        assert metric is not None, "the validator checks every result's metric"
        rankable = [row for row in group if key.comparable and not row.result.needs_review]
        boards.append(
            Leaderboard(
                benchmark=benchmark,
                key=key,
                metric=metric,
                split=benchmark.split(key.split),
                version=benchmark.version(key.version) if key.version else None,
                protocol=vocab["protocols"].get(key.protocol),
                flags=tuple(vocab["flags"][flag] for flag in key.flags),
                authors=rank_entries([row for row in rankable if row.by_authors], metric.direction),
                everyone=rank_entries(rankable, metric.direction),
                unranked=tuple(row for row in group if row not in rankable),
            )
        )
    return boards


def default_board(boards: list[Leaderboard]) -> Leaderboard | None:
    """The board a benchmark's page opens on and its "current best" comes from: the primary metric, then the
    split and protocol with the most models ranked by their authors' own numbers, preferring boards without
    flags (an outside LLM or extra data changes what a number means)."""
    if not boards:
        return None
    primary = boards[0].benchmark.primary_metric
    candidates = [board for board in boards if board.metric.id == primary] or boards
    return max(
        candidates,
        key=lambda board: (board.key.comparable, not board.key.flags, len(board.authors), len(board.everyone)),
    )


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
    related: dict[str, list[ModelDraft]] = field(init=False)
    """Model id → up to RELATED_COUNT models sharing the most objectives and pre-training datasets."""
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
            benchmark_id: _leaderboards(benchmark, self.results_by_benchmark.get(benchmark_id, []), self.data.vocab)
            for benchmark_id, benchmark in benchmarks.items()
        }
        self.default_boards = {
            benchmark_id: board
            for benchmark_id, boards in self.leaderboards.items()
            if (board := default_board(boards)) is not None
        }
        self.related = {model.id: self._related(model) for model in models}
        self.confirmations = {model.id: primary_sources(model, self.data.source_policy) for model in models}
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
