"""Model records and their parts (links, architecture, variants, results), datasets and surveys.

Every class forbids unknown fields, so a misspelt key is an error rather than silently ignored data.
Cross-references between records (does this objective exist?) are checked in `validate`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    model_validator,
)

from mmptm_site.data.schema.fields import (
    URL_PATTERN,
    ArchitectureId,
    ArxivId,
    BenchmarkId,
    Count,
    DatasetId,
    Date,
    Doi,
    EvaluatorRef,
    Finite,
    FlagId,
    Id,
    KnowledgeId,
    Line,
    ModalityId,
    ModelId,
    Month,
    ObjectiveId,
    OwnId,
    Paragraph,
    ProtocolRef,
    Strict,
    TaskId,
    Text,
    Url,
    VenueId,
    Year,
)

# --- parts of a model record ----------------------------------------------------------------------


class VenueRef(Strict):
    id: VenueId = Field(description="A venue id from vocab/venues.yaml; 'arxiv' for a preprint.")
    year: Year = Field(description="The year of the venue's edition, e.g. 2022 for CVPR 2022.")


class CodeLink(Strict):
    url: Url = Field(description="The repository's http(s) address.")
    official: StrictBool = Field(description="True when the paper's authors released it.")


class Links(Strict):
    arxiv: ArxivId | None = Field(default=None, description="The arXiv id, quoted, without version: '2103.00020'.")
    doi: Doi | None = Field(default=None, description="The DOI, without https://doi.org/.")
    paper: Url | None = Field(default=None, description="The paper's page at its venue or publisher.")
    code: list[CodeLink] = Field(default_factory=list, description="Code releases: [{url, official}].")
    project: Url | None = Field(default=None, description="The project's own page.")


class ModelArchitecture(Strict):
    interaction: ArchitectureId = Field(description="How the modalities interact: an id from vocab/architectures.yaml.")
    backbones: dict[ModalityId, Text] = Field(
        default_factory=dict,
        description="Backbone per modality id, e.g. {image: 'ViT-L/14', text: 'Transformer'}.",
    )


class WeightsAvailability(StrEnum):
    open = "open"
    restricted = "restricted"
    closed = "closed"


class Weights(Strict):
    availability: WeightsAvailability = Field(description="open, restricted (on request) or closed.")
    licence: Line | None = Field(default=None, description="The licence the weights are released under.")
    url: Url | None = Field(default=None, description="Where the weights can be downloaded.")


class Compute(Strict):
    accelerator: Text = Field(description="e.g. 'V100 GPU' or 'TPU v3 core'.")
    count: Annotated[int, Field(ge=1, le=10**6)] | None = Field(default=None, description="How many accelerators.")
    days: Annotated[Finite, Field(gt=0, le=10**4)] | None = Field(default=None, description="For how many days.")
    note: Paragraph | None = Field(default=None, description="Which variant, and where this is stated.")


class Relations(Strict):
    builds_on: list[ModelId] = Field(default_factory=list, description="Ids of catalogued models this one builds on.")
    family: Id | None = Field(default=None, description="A family name shared by related models, e.g. 'blip'.")


def _check_source(source: str) -> str:
    if "://" in source and not re.match(URL_PATTERN, source):
        raise ValueError("a source link must be an http(s) URL")
    return source


class Variant(Strict):
    """One released or reported configuration of a model, e.g. BLIP-2 ViT-g FlanT5-XXL."""

    id: Id = Field(description="Unique within the record, e.g. 'vit-g-flant5-xxl'; results name it.")
    name: Text = Field(description="As the authors name it, e.g. 'BLIP-2 ViT-g FlanT5-XXL'.")
    parameters: Count | None = Field(default=None, description="Total parameters: 428000000, '428M' or '1.2B'.")
    parameters_note: Paragraph | None = Field(default=None, description="What the count includes, where it differs.")
    backbones: dict[ModalityId, Text] = Field(
        default_factory=dict, description="Backbone per modality id where it differs from the record's."
    )
    weights: Weights | None = Field(default=None, description="Where this variant's weights differ from the record's.")


class Result(Strict):
    benchmark: BenchmarkId = Field(description="A benchmark id from vocab/benchmarks.yaml.")
    metric: Id = Field(description="One of the benchmark's metric ids.")
    value: Finite = Field(description="The number as printed (percentages without the % sign).")
    # The references below are checked (with suggestions from names and aliases) by the validator.
    split: Text = Field(description="One of the benchmark's split ids, or 'unknown' when the source does not say.")
    version: Text | None = Field(default=None, description="One of the benchmark's version ids, where it has versions.")
    protocol: ProtocolRef = Field(
        description="How it was evaluated: a protocol id from vocab/protocols.yaml, or 'unknown' when not stated."
    )
    shots: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None, description="How many in-context examples, for a few-shot protocol."
    )
    variant: Text = Field(description="The id of one of the record's `variants`.")
    evaluated_by: EvaluatorRef = Field(
        description="'authors' for the model's own authors, or an evaluator id from vocab/evaluators.yaml."
    )
    flags: list[FlagId] = Field(
        default_factory=list, description="What changes comparability, from vocab/flags.yaml, e.g. [external-llm]."
    )
    source: Annotated[Text, AfterValidator(_check_source)] = Field(
        description="Where the number comes from: an http(s) URL, or e.g. 'paper, Table 3'."
    )
    note: Paragraph | None = Field(default=None, description="What a reader should know about this number.")
    needs_review: StrictBool = Field(
        default=False, description="True while this number is not confirmed at its source."
    )
    review_note: Paragraph | None = Field(default=None, description="What is doubtful about this number.")

    @model_validator(mode="after")
    def _review_note_says_why(self) -> Result:
        if self.needs_review and not (self.review_note or "").strip():
            raise ValueError("a result with `needs_review: true` says what is doubtful in `review_note`")
        return self


# --- model records --------------------------------------------------------------------------------

SUMMARY_LIMIT = 600
Summary = Annotated[Paragraph, Field(min_length=20, max_length=SUMMARY_LIMIT)]


class ModelDraft(Strict):
    """A model record still under review: beyond the identity fields, anything may be missing.

    `ModelRecord` is the same record once reviewed, with the content fields required.
    """

    id: OwnId = Field(description="Equals the file name; never changes (a renamed model keeps it in `aliases`).")
    name: Text = Field(description="Display name, e.g. 'CLIP'.")
    title: Text = Field(description="The paper's exact title.")
    aliases: list[OwnId] = Field(default_factory=list, description="Former ids of this record; their pages redirect.")
    other_names: list[Text] = Field(
        default_factory=list,
        description="Other names it is known by (e.g. 'Gemini 2.5 Pro', 'DeepSeek-Janus-Pro'), for search and lists.",
    )
    authors: list[Text] = Field(default_factory=list, description="All authors, in the paper's order.")
    year: Year = Field(description="Year of the first public version (e.g. the first arXiv version).")
    released: Month | None = Field(default=None, description="Month of the first public version, 'YYYY-MM'.")
    venue: VenueRef | None = Field(
        default=None, description="Where it was published: {id: <vocab/venues.yaml id>, year}."
    )
    organisations: list[Text] = Field(default_factory=list, description="The authors' institutions.")
    links: Links | None = Field(default=None, description="{arxiv, doi, paper, code: [{url, official}], project}.")
    modalities: list[ModalityId] = Field(default_factory=list, description="Modality ids from vocab/modalities.yaml.")
    architecture: ModelArchitecture | None = Field(
        default=None,
        description="{interaction: <vocab/architectures.yaml id>, backbones: {modality: name}}.",
    )
    variants: list[Variant] = Field(
        default_factory=list,
        description="[{id, name, parameters, backbones, weights}]: the sizes and configurations; results name one.",
    )
    datasets: list[DatasetId] = Field(
        default_factory=list,
        description="Pre-training dataset ids from datasets/; [] in a reviewed record when the paper names none.",
    )
    objectives: list[ObjectiveId] = Field(default_factory=list, description="Pre-training objective ids.")
    knowledge: list[KnowledgeId] | None = Field(default=None, description="Knowledge enhancement ids; [] for none.")
    tasks: list[TaskId] = Field(default_factory=list, description="Downstream task ids it was evaluated on.")
    summary: Summary | None = Field(default=None, description="One or two sentences in our own words.")
    weights: Weights | None = Field(default=None, description="{availability: open|restricted|closed, licence, url}.")
    compute: Compute | None = Field(default=None, description="Pre-training compute: {accelerator, count, days}.")
    relations: Relations | None = Field(default=None, description="{builds_on: [model ids], family}.")
    results: list[Result] = Field(
        default_factory=list,
        description="[{benchmark, metric, value, split, protocol, variant, evaluated_by, source}].",
    )
    tags: list[Id] = Field(default_factory=list, description="Free keywords, as ids.")
    sources: list[Url] = Field(default_factory=list, description="URLs where the facts were confirmed.")
    added: Date | None = Field(default=None, description="Date the record entered the catalogue.")
    reviewed: Date | None = Field(default=None, description="Date the facts were last checked.")
    needs_review: StrictBool = Field(default=False, description="True while facts are missing or unconfirmed.")
    review_note: Paragraph | None = Field(default=None, description="What is missing or doubtful.")

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
    modalities: Annotated[list[ModalityId], Field(min_length=1)]  # a list may ask for more (catalogue.yaml)
    architecture: ModelArchitecture
    datasets: list[DatasetId]  # required, but may be [] (many recent papers do not name their training data)
    objectives: Annotated[list[ObjectiveId], Field(min_length=1)]
    knowledge: list[KnowledgeId]
    tasks: Annotated[list[TaskId], Field(min_length=1)]
    summary: Summary
    sources: Annotated[list[Url], Field(min_length=1)]
    added: Date
    reviewed: Date


def model_class(raw: Any) -> type[ModelDraft]:
    """The class a raw model record is checked against: drafts may be incomplete, reviewed records not.

    Anything in `needs_review` but a missing value or `false` counts as a draft, so that a mistyped
    flag gets one error of its own rather than a missing-field error for every content field. The
    flag itself is a strict boolean: `'false'`, `'no'` or `0` is that one error, never read as false
    (which published an unreviewed stub as reviewed).
    """
    if isinstance(raw, dict) and raw.get("needs_review", False) is not False:
        return ModelDraft
    return ModelRecord


# --- datasets and surveys -------------------------------------------------------------------------


class DatasetRecord(Strict):
    """A pre-training dataset, e.g. LAION-400M."""

    id: OwnId
    name: Text
    title: Line | None = Field(default=None, description="Title of the paper that introduced it.")
    aliases: list[OwnId] = Field(default_factory=list)
    year: Year
    size: Count | None = Field(default=None, description="Number of items, in `size_unit`.")
    size_unit: Line | None = Field(default=None, description="What `size` counts, e.g. 'image-text pairs'.")
    modalities: Annotated[list[ModalityId], Field(min_length=1)]
    languages: list[Text] = Field(default_factory=list, description="e.g. ['English'] or ['multilingual'].")
    available: StrictBool | None = Field(default=None, description="Whether the public can download it.")
    licence: Line | None = Field(default=None, description="The licence it is released under, as its page states.")
    url: Url | None = None
    paper: Url | None = None
    arxiv: ArxivId | None = None
    summary: Summary | None = None
    sources: list[Url] = Field(default_factory=list)
    needs_review: StrictBool = False
    review_note: Paragraph | None = None


class Survey(Strict):
    """A review paper of the field."""

    id: OwnId
    title: Text
    authors: list[Text] = Field(default_factory=list)
    year: Year
    venue: VenueRef | None = None
    url: Url
    arxiv: ArxivId | None = None
