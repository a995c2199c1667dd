"""Leaderboards: the results of a benchmark grouped by what decides comparability (metric, split,
version, protocol, shots, flags), one entry per model, ranked by its authors' numbers and by everyone's."""

from __future__ import annotations

from dataclasses import dataclass

from mmptm_site.data.schema import (
    AUTHORS,
    UNKNOWN,
    Benchmark,
    BenchmarkVersion,
    Direction,
    Metric,
    ModelDraft,
    Protocol,
    Result,
    ResultFlag,
    Split,
    Variant,
    Vocabularies,
)


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
    return -1 if direction == Direction.HIGHER else 1


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


def leaderboards_of(benchmark: Benchmark, rows: list[ResultRow], vocab: Vocabularies) -> list[Leaderboard]:
    groups: dict[BoardKey, list[ResultRow]] = {}
    for row in rows:
        groups.setdefault(BoardKey.of(row.result), []).append(row)
    metric_order = {metric.id: index for index, metric in enumerate(benchmark.metrics)}
    metric_order[benchmark.primary_metric] = -1
    split_order = {split.id: index for index, split in enumerate(benchmark.splits)}

    def order(key: BoardKey) -> tuple[int, bool, int, str, str, int, tuple[str, ...]]:
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
        ranked = {id(row) for row in rankable}  # by identity: comparing rows field by field was O(n²)
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
                unranked=tuple(row for row in group if id(row) not in ranked),
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
