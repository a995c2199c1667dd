"""The controlled vocabularies: objectives, tasks, benchmarks (with splits, versions and metrics),
protocols, evaluators, result flags, venues, modalities, architectures and kinds of knowledge."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, TypedDict, cast, get_args, get_type_hints

from pydantic import (
    Field,
    StrictBool,
    model_validator,
)

from mmptm_site.data.schema.fields import UNKNOWN, Id, Line, ModelId, OwnId, Paragraph, Strict, TaskId, Text, Url

# --- vocabularies ---------------------------------------------------------------------------------


class VocabEntry(Strict):
    """One entry of a controlled vocabulary: an id that records use, a display name, a description."""

    id: OwnId
    name: Text = Field(description="Display name, e.g. 'Masked language modelling'.")
    description: Annotated[Paragraph, Field(min_length=1)] = Field(description="One or two sentences in our own words.")
    aliases: list[Text] = Field(default_factory=list, description="Other names and abbreviations, e.g. 'MLM'.")


class Objective(VocabEntry):
    category: Id = Field(description="The group it is listed in, one of catalogue.yaml's objective_categories.")


class Task(VocabEntry):
    group: Id = Field(description="The group it is listed in, one of catalogue.yaml's task_groups.")


class Direction(StrEnum):
    # upper-case names: a member named `lower` would hide str.lower (`direction.lower()`, Jinja's `|lower`)
    HIGHER = "higher"
    LOWER = "lower"


class Metric(Strict):
    id: Id
    name: Text
    direction: Direction = Field(description="Whether a higher or a lower value is better.")
    unit: Line | None = Field(default=None, description="'%' for percentages; empty for plain numbers.")


class Split(Strict):
    """A part of a benchmark that results are reported on, e.g. VQAv2's test-dev."""

    id: Id
    name: Text = Field(description="As readers know it, e.g. '1K test (Karpathy)'.")
    aliases: list[Text] = Field(default_factory=list, description="Other labels sources use, e.g. 'Karpathy test'.")
    description: Paragraph | None = Field(default=None, description="What it holds, when the name does not say.")


class BenchmarkVersion(Strict):
    """A release of a benchmark whose numbers are not comparable with another's, e.g. MMBench v1.1."""

    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    description: Paragraph | None = None


class Benchmark(VocabEntry):
    dataset: Text = Field(description="The evaluation data set, e.g. 'Flickr30K (1K test images)'.")
    task: TaskId = Field(description="A task id from vocab/tasks.yaml.")
    metrics: Annotated[list[Metric], Field(min_length=1)]
    primary_metric: Id = Field(description="The metric readers compare first (e.g. CIDEr for captioning).")
    splits: Annotated[list[Split], Field(min_length=1)] = Field(
        description="The splits results are reported on: [{id, name, aliases}]."
    )
    versions: list[BenchmarkVersion] = Field(
        default_factory=list, description="Releases whose numbers differ (e.g. MMBench v1.0, v1.1); results name one."
    )
    url: Url | None = None

    @model_validator(mode="after")
    def _ids_are_declared_once(self) -> Benchmark:
        metric_ids = [metric.id for metric in self.metrics]
        if self.primary_metric not in metric_ids:
            raise ValueError(f"`primary_metric` {self.primary_metric!r} is not one of its metrics: {metric_ids}")
        for what, ids in (("metric", metric_ids), ("split", [s.id for s in self.splits])):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"{what} id {repeated[0]!r} is declared twice")
        if UNKNOWN in [s.id for s in self.splits] + [v.id for v in self.versions]:
            raise ValueError(f"`{UNKNOWN}` is what a result says when the split is not stated; choose another id")
        return self

    def split(self, split_id: str) -> Split | None:
        return next((split for split in self.splits if split.id == split_id), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((metric for metric in self.metrics if metric.id == metric_id), None)

    def version(self, version_id: str) -> BenchmarkVersion | None:
        return next((version for version in self.versions if version.id == version_id), None)


class Protocol(VocabEntry):
    """How a model was evaluated: zero-shot, fine-tuned on the benchmark, as an instruction-tuned generalist…"""

    shots: StrictBool = Field(default=False, description="True when results under it say how many examples (`shots`).")


class EvaluatorKind(StrEnum):
    toolkit = "toolkit"
    leaderboard = "leaderboard"
    paper = "paper"


class Evaluator(VocabEntry):
    """Someone other than a model's authors who measured its results: a toolkit, a leaderboard, a paper."""

    kind: EvaluatorKind
    model: ModelId | None = Field(
        default=None, description="For kind `paper`: the catalogued model whose paper or report measured it."
    )
    url: Url | None = None


class ResultFlag(VocabEntry):
    """Something that changes what a number can be compared with (extra data, an ensemble, an outside LLM…)."""


class VenueType(StrEnum):
    conference = "conference"
    journal = "journal"
    workshop = "workshop"
    preprint = "preprint"


class Venue(VocabEntry):
    type: VenueType
    full_name: Line | None = Field(default=None, description="As cited: the booktitle or journal name in BibTeX.")
    url: Url | None = None


class Modality(VocabEntry):
    pass


class Architecture(VocabEntry):
    pass


class Knowledge(VocabEntry):
    pass


class Vocabularies(TypedDict, total=False):
    """Every controlled vocabulary: its entries by id, each of its own class. After validation every
    vocabulary is there, empty when the list has no file for it."""

    objectives: dict[str, Objective]
    tasks: dict[str, Task]
    benchmarks: dict[str, Benchmark]
    protocols: dict[str, Protocol]
    evaluators: dict[str, Evaluator]
    flags: dict[str, ResultFlag]
    venues: dict[str, Venue]
    modalities: dict[str, Modality]
    architectures: dict[str, Architecture]
    knowledge: dict[str, Knowledge]


VOCABULARIES: dict[str, type[VocabEntry]] = {
    name: get_args(entries)[1] for name, entries in get_type_hints(Vocabularies).items()
}
"""Vocabulary name (file `data/vocab/<name>.yaml`) → the class of its entries, as `Vocabularies` declares it."""


def named_vocabularies(vocab: Vocabularies) -> Mapping[str, Mapping[str, VocabEntry]]:
    """The vocabularies by name, for code that handles them alike (and so sees each entry as a `VocabEntry`)."""
    # Sound: each value is a dict of entries of a VocabEntry class; mypy types a TypedDict's values as object.
    return cast("Mapping[str, Mapping[str, VocabEntry]]", vocab)


def vocabularies_of(entries: dict[str, dict[str, VocabEntry]]) -> Vocabularies:
    """Entries read by vocabulary name as the typed container."""
    # Sound when each name's entries are of the class VOCABULARIES gives it, as the validator reads them.
    return cast(Vocabularies, entries)
