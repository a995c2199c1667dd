"""The data model: pydantic classes for model records, datasets, vocabularies and surveys.

Every class forbids unknown fields, so a misspelt key is an error rather than silently ignored data.
This module knows nothing of files or YAML: it is given plain Python values and says whether they
fit. Cross-references between records (does this objective exist?) are checked in `validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

# --- patterns -------------------------------------------------------------------------------------
# Each pattern has a hint: `validate` turns a pattern mismatch into "is not <hint>".

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
COUNT_PATTERN = r"^\d+(\.\d+)?\s*[KMBTkmbt]?$"

PATTERN_HINTS: dict[str, str] = {
    ID_PATTERN: "an id: lower-case letters and digits in groups joined by single hyphens, e.g. 'clip' or 'vl-bert'",
    ARXIV_PATTERN: "an arXiv id such as '2103.00020' (quoted, without 'arXiv:' or a version suffix)",
    DOI_PATTERN: "a DOI such as '10.1109/CVPR52688.2022.01629' (without 'https://doi.org/')",
    URL_PATTERN: "an http(s) URL such as 'https://arxiv.org/abs/2103.00020'",
    MONTH_PATTERN: "a month written 'YYYY-MM', quoted, e.g. '2021-01'",
    COUNT_PATTERN: "a count such as 428000000, '428M', '1.2B' or '300K'",
}

FIRST_YEAR = 1990
MAX_PARAMETERS = 10**14  # 100 trillion: far beyond any model so far, so larger is surely a typo
_COUNT_SUFFIX = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}


def _next_year() -> int:
    return dt.date.today().year + 1


# --- reusable field types -------------------------------------------------------------------------

Id = Annotated[str, Field(pattern=ID_PATTERN)]
ArxivId = Annotated[str, Field(pattern=ARXIV_PATTERN)]
Doi = Annotated[str, Field(pattern=DOI_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
NonEmptyIds = Annotated[list[Id], Field(min_length=1)]


def _check_year(year: int) -> int:
    if year > _next_year():
        raise ValueError(f"year {year} is in the future; use the year of the first public version")
    return year


Year = Annotated[int, Field(ge=FIRST_YEAR), AfterValidator(_check_year)]


def parse_count(value: Any) -> Any:
    """Turn '428M', '1.2B', '300K' into an integer; other input passes on to the integer check."""
    if isinstance(value, bool):
        return value  # rejected by the int check; True is not a count
    if isinstance(value, str) and re.match(COUNT_PATTERN, value.strip()):
        text = value.strip().replace(" ", "")
        suffix = text[-1].lower() if text[-1].isalpha() else ""
        number = text[:-1] if suffix else text
        return round(float(number) * _COUNT_SUFFIX[suffix])
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_count(value: int) -> int:
    if value <= 0:
        raise ValueError(f"{value} is not a positive count")
    if value > MAX_PARAMETERS:
        raise ValueError(f"{value:,} is implausibly large; write counts such as 428000000, '428M' or '1.2B'")
    return value


# Stored as one integer; written in the files as 428000000, '428M' or '1.2B'. The JSON Schema
# admits both forms, so an editor does not flag what the validator accepts.
Count = Annotated[
    int,
    Field(strict=True),  # so that `true` is not read as the count 1
    BeforeValidator(parse_count),
    AfterValidator(_check_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_PARAMETERS},
                {"type": "string", "pattern": COUNT_PATTERN},
            ],
            "description": "A count: 428000000, '428M', '1.2B' or '300K'.",
        }
    ),
]


class Strict(BaseModel):
    """Base of every schema class: unknown fields are errors, strings are kept as written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


# --- vocabularies ---------------------------------------------------------------------------------


class VocabEntry(Strict):
    """One entry of a controlled vocabulary: an id that records use, a display name, a description."""

    id: Id
    name: Text = Field(description="Display name, e.g. 'Masked language modelling'.")
    description: Text = Field(description="One or two sentences in our own words.")
    aliases: list[Text] = Field(default_factory=list, description="Other names and abbreviations, e.g. 'MLM'.")


class ObjectiveCategory(StrEnum):
    contrastive = "contrastive"
    matching = "matching"
    masked_modelling = "masked-modelling"
    generative = "generative"
    other = "other"


class Objective(VocabEntry):
    category: ObjectiveCategory


class TaskGroup(StrEnum):
    """The survey's grouping of downstream tasks."""

    generative = "generative"
    classification = "classification"
    regression = "regression"
    retrieval = "retrieval"
    prompt_based = "prompt-based"


class Task(VocabEntry):
    group: TaskGroup


class Direction(StrEnum):
    higher = "higher"
    lower = "lower"


class Metric(Strict):
    id: Id
    name: Text
    direction: Direction = Field(description="Whether a higher or a lower value is better.")
    unit: str | None = Field(default=None, description="'%' for percentages; empty for plain numbers.")


UNKNOWN = "unknown"
"""The explicit value of a result's `split` or `protocol` when its source does not say: never ranked."""


class Split(Strict):
    """A part of a benchmark that results are reported on, e.g. VQAv2's test-dev."""

    id: Id
    name: Text = Field(description="As readers know it, e.g. '1K test (Karpathy)'.")
    aliases: list[Text] = Field(default_factory=list, description="Other labels sources use, e.g. 'Karpathy test'.")
    description: str | None = Field(default=None, description="What it holds, when the name does not say.")


class BenchmarkVersion(Strict):
    """A release of a benchmark whose numbers are not comparable with another's, e.g. MMBench v1.1."""

    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None


class Benchmark(VocabEntry):
    dataset: Text = Field(description="The evaluation data set, e.g. 'Flickr30K (1K test images)'.")
    task: Id = Field(description="A task id from vocab/tasks.yaml.")
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


class Protocol(VocabEntry):
    """How a model was evaluated: zero-shot, fine-tuned on the benchmark, as an instruction-tuned generalist…"""

    shots: bool = Field(default=False, description="True when results under it say how many examples (`shots`).")


class EvaluatorKind(StrEnum):
    toolkit = "toolkit"
    leaderboard = "leaderboard"
    paper = "paper"


class Evaluator(VocabEntry):
    """Someone other than a model's authors who measured its results: a toolkit, a leaderboard, a paper."""

    kind: EvaluatorKind
    model: Id | None = Field(
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
    full_name: str | None = Field(default=None, description="As cited: the booktitle or journal name in BibTeX.")
    url: Url | None = None


class Modality(VocabEntry):
    pass


class Architecture(VocabEntry):
    pass


class Knowledge(VocabEntry):
    pass


VOCABULARIES: dict[str, type[VocabEntry]] = {
    "objectives": Objective,
    "tasks": Task,
    "benchmarks": Benchmark,
    "protocols": Protocol,
    "evaluators": Evaluator,
    "flags": ResultFlag,
    "venues": Venue,
    "modalities": Modality,
    "architectures": Architecture,
    "knowledge": Knowledge,
}
"""Vocabulary name (file `data/vocab/<name>.yaml`) → the class of its entries."""


# --- parts of a model record ----------------------------------------------------------------------


class VenueRef(Strict):
    id: Id = Field(description="A venue id from vocab/venues.yaml; 'arxiv' for a preprint.")
    year: Year = Field(description="The year of the venue's edition, e.g. 2022 for CVPR 2022.")


class CodeLink(Strict):
    url: Url = Field(description="The repository's http(s) address.")
    official: bool = Field(description="True when the paper's authors released it.")


class Links(Strict):
    arxiv: ArxivId | None = Field(default=None, description="The arXiv id, quoted, without version: '2103.00020'.")
    doi: Doi | None = Field(default=None, description="The DOI, without https://doi.org/.")
    paper: Url | None = Field(default=None, description="The paper's page at its venue or publisher.")
    code: list[CodeLink] = Field(default_factory=list, description="Code releases: [{url, official}].")
    project: Url | None = Field(default=None, description="The project's own page.")


class ModelArchitecture(Strict):
    interaction: Id = Field(description="How the modalities interact: an id from vocab/architectures.yaml.")
    backbones: dict[Id, Text] = Field(
        default_factory=dict,
        description="Backbone per modality id, e.g. {image: 'ViT-L/14', text: 'Transformer'}.",
    )


class WeightsAvailability(StrEnum):
    open = "open"
    restricted = "restricted"
    closed = "closed"


class Weights(Strict):
    availability: WeightsAvailability = Field(description="open, restricted (on request) or closed.")
    licence: str | None = Field(default=None, description="The licence the weights are released under.")
    url: Url | None = Field(default=None, description="Where the weights can be downloaded.")


class Compute(Strict):
    accelerator: Text = Field(description="e.g. 'V100 GPU' or 'TPU v3 core'.")
    count: Annotated[int, Field(ge=1, le=10**6)] | None = Field(default=None, description="How many accelerators.")
    days: Annotated[float, Field(gt=0, le=10**4)] | None = Field(default=None, description="For how many days.")
    note: str | None = Field(default=None, description="Which variant, and where this is stated.")


class Relations(Strict):
    builds_on: list[Id] = Field(default_factory=list, description="Ids of catalogued models this one builds on.")
    family: Id | None = Field(default=None, description="A family name shared by related models, e.g. 'blip'.")


def _check_source(source: str) -> str:
    if "://" in source and not re.match(URL_PATTERN, source):
        raise ValueError("a source link must be an http(s) URL")
    return source


AUTHORS = "authors"
"""`evaluated_by` of a number the model's own authors published (paper, repository, model card)."""


class Variant(Strict):
    """One released or reported configuration of a model, e.g. BLIP-2 ViT-g FlanT5-XXL."""

    id: Id = Field(description="Unique within the record, e.g. 'vit-g-flant5-xxl'; results name it.")
    name: Text = Field(description="As the authors name it, e.g. 'BLIP-2 ViT-g FlanT5-XXL'.")
    parameters: Count | None = Field(default=None, description="Total parameters: 428000000, '428M' or '1.2B'.")
    parameters_note: str | None = Field(default=None, description="What the count includes, where it differs.")
    backbones: dict[Id, Text] = Field(
        default_factory=dict, description="Backbone per modality id where it differs from the record's."
    )
    weights: Weights | None = Field(default=None, description="Where this variant's weights differ from the record's.")


class Result(Strict):
    benchmark: Id = Field(description="A benchmark id from vocab/benchmarks.yaml.")
    metric: Id = Field(description="One of the benchmark's metric ids.")
    value: float = Field(description="The number as printed (percentages without the % sign).")
    # The references below are checked (with suggestions from names and aliases) by the validator.
    split: Text = Field(description="One of the benchmark's split ids, or 'unknown' when the source does not say.")
    version: Text | None = Field(default=None, description="One of the benchmark's version ids, where it has versions.")
    protocol: Text = Field(
        description="How it was evaluated: a protocol id from vocab/protocols.yaml, or 'unknown' when not stated."
    )
    shots: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None, description="How many in-context examples, for a few-shot protocol."
    )
    variant: Text = Field(description="The id of one of the record's `variants`.")
    evaluated_by: Text = Field(
        description="'authors' for the model's own authors, or an evaluator id from vocab/evaluators.yaml."
    )
    flags: list[Id] = Field(
        default_factory=list, description="What changes comparability, from vocab/flags.yaml, e.g. [external-llm]."
    )
    source: Annotated[Text, AfterValidator(_check_source)] = Field(
        description="Where the number comes from: an http(s) URL, or e.g. 'paper, Table 3'."
    )
    note: str | None = Field(default=None, description="What a reader should know about this number.")
    needs_review: bool = Field(default=False, description="True while this number is not confirmed at its source.")
    review_note: str | None = Field(default=None, description="What is doubtful about this number.")

    @model_validator(mode="after")
    def _review_note_says_why(self) -> Result:
        if self.needs_review and not (self.review_note or "").strip():
            raise ValueError("a result with `needs_review: true` says what is doubtful in `review_note`")
        return self


# --- model records --------------------------------------------------------------------------------

SUMMARY_LIMIT = 600


class ModelDraft(Strict):
    """A model record still under review: beyond the identity fields, anything may be missing.

    `ModelRecord` is the same record once reviewed, with the content fields required.
    """

    id: Id = Field(description="Equals the file name; never changes (a renamed model keeps it in `aliases`).")
    name: Text = Field(description="Display name, e.g. 'CLIP'.")
    title: Text = Field(description="The paper's exact title.")
    aliases: list[Id] = Field(default_factory=list, description="Former ids of this record; their pages redirect.")
    authors: list[Text] = Field(default_factory=list, description="All authors, in the paper's order.")
    year: Year = Field(description="Year of the first public version (e.g. the first arXiv version).")
    released: Annotated[str, Field(pattern=MONTH_PATTERN)] | None = Field(
        default=None, description="Month of the first public version, 'YYYY-MM'."
    )
    venue: VenueRef | None = Field(
        default=None, description="Where it was published: {id: <vocab/venues.yaml id>, year}."
    )
    organisations: list[Text] = Field(default_factory=list, description="The authors' institutions.")
    links: Links | None = Field(default=None, description="{arxiv, doi, paper, code: [{url, official}], project}.")
    modalities: list[Id] = Field(default_factory=list, description="Modality ids from vocab/modalities.yaml.")
    architecture: ModelArchitecture | None = Field(
        default=None,
        description="{interaction: <vocab/architectures.yaml id>, backbones: {modality: name}}.",
    )
    variants: list[Variant] = Field(
        default_factory=list,
        description="[{id, name, parameters, backbones, weights}]: the sizes and configurations; results name one.",
    )
    datasets: list[Id] = Field(default_factory=list, description="Pre-training dataset ids.")
    objectives: list[Id] = Field(default_factory=list, description="Pre-training objective ids.")
    knowledge: list[Id] | None = Field(default=None, description="Knowledge enhancement ids; [] for none.")
    tasks: list[Id] = Field(default_factory=list, description="Downstream task ids it was evaluated on.")
    summary: Annotated[str, Field(min_length=20, max_length=SUMMARY_LIMIT)] | None = Field(
        default=None, description="One or two sentences in our own words."
    )
    weights: Weights | None = Field(default=None, description="{availability: open|restricted|closed, licence, url}.")
    compute: Compute | None = Field(default=None, description="Pre-training compute: {accelerator, count, days}.")
    relations: Relations | None = Field(default=None, description="{builds_on: [model ids], family}.")
    results: list[Result] = Field(
        default_factory=list,
        description="[{benchmark, metric, value, split, protocol, variant, evaluated_by, source}], each with its source.",
    )
    tags: list[Id] = Field(default_factory=list, description="Free keywords, as ids.")
    sources: list[Url] = Field(default_factory=list, description="URLs where the facts were confirmed.")
    added: dt.date | None = Field(default=None, description="Date the record entered the catalogue.")
    reviewed: dt.date | None = Field(default=None, description="Date the facts were last checked.")
    needs_review: bool = Field(default=False, description="True while facts are missing or unconfirmed.")
    review_note: str | None = Field(default=None, description="What is missing or doubtful.")

    @model_validator(mode="after")
    def _review_note_says_why(self) -> ModelDraft:
        if self.needs_review and not (self.review_note or "").strip():
            raise ValueError("a record with `needs_review: true` says what is missing in `review_note`")
        return self

    def variant(self, variant_id: str) -> Variant | None:
        return next((variant for variant in self.variants if variant.id == variant_id), None)

    @property
    def parameter_range(self) -> tuple[int, int] | None:
        """The smallest and largest size among the variants that state one."""
        sizes = [variant.parameters for variant in self.variants if variant.parameters]
        return (min(sizes), max(sizes)) if sizes else None


class ModelRecord(ModelDraft):
    """A reviewed model record: the content fields are required."""

    authors: Annotated[list[Text], Field(min_length=1)]
    venue: VenueRef
    links: Links
    modalities: Annotated[list[Id], Field(min_length=2)]
    architecture: ModelArchitecture
    datasets: NonEmptyIds
    objectives: NonEmptyIds
    knowledge: list[Id]
    tasks: NonEmptyIds
    summary: Annotated[str, Field(min_length=20, max_length=SUMMARY_LIMIT)]
    sources: Annotated[list[Url], Field(min_length=1)]
    added: dt.date
    reviewed: dt.date


def model_class(raw: Any) -> type[ModelDraft]:
    """The class a raw model record is checked against: drafts may be incomplete, reviewed records not.

    Anything in `needs_review` but a missing value or `false` counts as a draft, so that a mistyped
    flag gets one error of its own rather than a missing-field error for every content field.
    """
    if isinstance(raw, dict) and raw.get("needs_review", False) is not False:
        return ModelDraft
    return ModelRecord


# --- datasets and surveys -------------------------------------------------------------------------


class DatasetRecord(Strict):
    """A pre-training dataset, e.g. LAION-400M."""

    id: Id
    name: Text
    title: str | None = Field(default=None, description="Title of the paper that introduced it.")
    aliases: list[Id] = Field(default_factory=list)
    year: Year
    size: Count | None = Field(default=None, description="Number of items, in `size_unit`.")
    size_unit: str | None = Field(default=None, description="What `size` counts, e.g. 'image-text pairs'.")
    modalities: Annotated[list[Id], Field(min_length=1)]
    languages: list[Text] = Field(default_factory=list, description="e.g. ['English'] or ['multilingual'].")
    available: bool | None = Field(default=None, description="Whether the public can download it.")
    url: Url | None = None
    paper: Url | None = None
    arxiv: ArxivId | None = None
    summary: Annotated[str, Field(min_length=20, max_length=SUMMARY_LIMIT)] | None = None
    sources: list[Url] = Field(default_factory=list)
    needs_review: bool = False
    review_note: str | None = None


class Survey(Strict):
    """A review paper of the field."""

    id: Id
    title: Text
    authors: list[Text] = Field(default_factory=list)
    year: Year
    venue: VenueRef | None = None
    url: Url
    arxiv: ArxivId | None = None


class DiscoverConfig(Strict):
    """What `mmptm-site discover` asks the arXiv API for (data/discover.yaml)."""

    categories: Annotated[list[Text], Field(min_length=1)] = Field(description="arXiv categories, e.g. cs.CV.")
    phrases: Annotated[list[Text], Field(min_length=1)] = Field(description="Phrases looked for in title or abstract.")
    per_query_limit: int = Field(default=100, ge=1, le=1000, description="Papers asked for per phrase.")


# --- JSON Schema ----------------------------------------------------------------------------------


def _draft_schema_with_review_rule() -> dict[str, Any]:
    """JSON Schema of a model file: a draft, plus "reviewed records need these fields" as if/else."""
    schema = ModelDraft.model_json_schema()
    required_when_reviewed = ModelRecord.model_json_schema()["required"]
    schema["if"] = {"properties": {"needs_review": {"const": True}}, "required": ["needs_review"]}
    schema["else"] = {"required": required_when_reviewed}
    schema["title"] = "MM-PTM model record"
    return schema


def _list_schema(entry: type[BaseModel], title: str) -> dict[str, Any]:
    entry_schema = entry.model_json_schema()
    defs = entry_schema.pop("$defs", {})
    schema: dict[str, Any] = {"title": title, "type": "array", "items": entry_schema}
    if defs:
        schema["$defs"] = defs
    return schema


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name in `schema/` → the JSON Schema of the data files it describes."""
    schemas = {
        "model.schema.json": _draft_schema_with_review_rule(),
        "dataset.schema.json": DatasetRecord.model_json_schema(),
        "surveys.schema.json": _list_schema(Survey, "Surveys of the field"),
        "discover.schema.json": DiscoverConfig.model_json_schema(),
    }
    for name, entry in VOCABULARIES.items():
        schemas[f"vocab-{name}.schema.json"] = _list_schema(entry, f"Vocabulary: {name}")
    for schema in schemas.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schemas
