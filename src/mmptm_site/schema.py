"""The data model: pydantic classes for model records, datasets, vocabularies and surveys.

Every class forbids unknown fields, so a misspelt key is an error rather than silently ignored data.
This module knows nothing of files or YAML: it is given plain Python values and says whether they
fit. Cross-references between records (does this objective exist?) are checked in `validate`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

# --- patterns -------------------------------------------------------------------------------------
# Each pattern has a hint: `validate` turns a pattern mismatch into "is not <hint>".

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})$"
# DOIs and URLs reach BibTeX, Markdown links and HTML attributes: no whitespace, braces, backslashes
# or control characters in them (`_URL_CHARACTER`), whatever those formats would make of them.
_URL_CHARACTER = r"[^\s{}\\\x00-\x1f\x7f-\x9f]"
DOI_PATTERN = rf"^10\.\d{{4,9}}/{_URL_CHARACTER}+$"
URL_PATTERN = rf"^https?://[^\s/$.?#{{}}\\\x00-\x1f\x7f-\x9f]{_URL_CHARACTER}*$"
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
FIRST_DATE = dt.date(FIRST_YEAR, 1, 1)
DATE_MARGIN = dt.timedelta(days=7)
"""How far past today a record's date may lie: time zones, and a record prepared a few days ahead."""
MAX_PARAMETERS = 10**14  # 100 trillion: far beyond any model so far, so larger is surely a typo
_COUNT_SUFFIX = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
ID_MAX_LENGTH = 64  # ids are file and folder names: far below any file system's limit

RESERVED_IDS = frozenset(
    # Pages and folders of the site: `<kind>/index` is each kind's own page, the rest stand beside it
    # at the site's root (`render`, mkdocs, mkdocs-material's search), where an id must not be taken
    # for them should a kind ever move there.
    {"index", "assets", "search", "404", "sitemap", "feed", "catalog", "compare", "stats", "new", "schema"}
    | {"papers", "years", "models", "datasets", "surveys", "objectives", "tasks", "benchmarks", "modalities"}
    | {"architectures", "knowledge", "venues"}
)
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
"""Names Windows keeps for devices: `con.yaml` cannot be checked out there."""


def _next_year() -> int:
    return dt.date.today().year + 1


# --- text -----------------------------------------------------------------------------------------
# Characters no field may hold: C0 and C1 control characters (a tab or line break only where a field
# is multi-line), surrogates and non-characters (which no encoder writes), and the bidirectional
# overrides and isolates, which reverse or reorder the text after them wherever it is shown (U+202E in
# a name turned the rest of the page's <title> around). YAML lets all of them in through escapes such
# as "\x01" or "\u202e" in a double-quoted string.
_NONCHARACTERS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_NEVER_IN_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
_NOT_IN_PARAGRAPH = re.compile(f"[{_NEVER_IN_TEXT}{re.escape(_NONCHARACTERS)}]")
_NOT_IN_LINE = re.compile(f"[\t\n{_NEVER_IN_TEXT}{re.escape(_NONCHARACTERS)}]")


def _character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character == "\n":
        return f"a line break ({code})"
    if character == "\t":
        return f"a tab ({code})"
    kind = {"Cc": "the control character", "Cs": "the lone surrogate"}.get(unicodedata.category(character))
    if kind is None:
        name = unicodedata.name(character, "")
        return f"{code} ({name})" if name else f"the non-character {code}"
    return f"{kind} {code}"


def _refuse(found: re.Match[str], value: str) -> NoReturn:
    where = f" at character {found.start() + 1}" if len(value) > 1 else ""
    how = "write this field on one line" if found.group() in "\t\n" else "remove it"
    raise ValueError(f"contains {_character_name(found.group())}{where}; {how}")


def _check_line(value: str) -> str:
    if found := _NOT_IN_LINE.search(value):
        _refuse(found, value)
    return value


def _check_paragraph(value: str) -> str:
    if found := _NOT_IN_PARAGRAPH.search(value):
        _refuse(found, value)
    return value


# Every string field of every class is one of these (a test walks the classes to prove it).
Line = Annotated[str, AfterValidator(_check_line)]
"""Text on one line; may be empty."""
Text = Annotated[str, Field(min_length=1), AfterValidator(_check_line)]
"""Text on one line, not empty."""
Paragraph = Annotated[str, AfterValidator(_check_paragraph)]
"""Text that may run over several lines (tabs and line breaks allowed)."""


# --- reusable field types -------------------------------------------------------------------------


def _check_own_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"`{value}` is the name of a page or folder of the site; choose another id")
    if value in WINDOWS_DEVICE_NAMES:
        raise ValueError(f"`{value}` is a device name on Windows, where `{value}.yaml` cannot exist; choose another id")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""An id, as records refer to each other."""
OwnId = Annotated[Id, AfterValidator(_check_own_id)]
"""The id a record or entry names itself by (or a former one): it becomes a file and a page name."""
ArxivId = Annotated[str, Field(pattern=ARXIV_PATTERN)]
Doi = Annotated[str, Field(pattern=DOI_PATTERN), AfterValidator(_check_line)]
Url = Annotated[str, Field(pattern=URL_PATTERN), AfterValidator(_check_line)]
NonEmptyIds = Annotated[list[Id], Field(min_length=1)]
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A number written without quotes; never `.nan` or `.inf` (nor 1e309, which a float cannot hold)."""


def _check_year(year: int) -> int:
    if year > _next_year():
        raise ValueError(f"year {year} is in the future; use the year of the first public version")
    return year


Year = Annotated[int, Field(ge=FIRST_YEAR), AfterValidator(_check_year)]


def _check_month(month: str) -> str:
    year = int(month[:4])
    if year < FIRST_YEAR:
        raise ValueError(f"{month} is before {FIRST_YEAR}; use the month of the first public version")
    _check_year(year)
    return month


Month = Annotated[str, Field(pattern=MONTH_PATTERN), AfterValidator(_check_month)]


def _check_date(day: dt.date) -> dt.date:
    if day < FIRST_DATE:
        raise ValueError(f"{day} is before {FIRST_YEAR}; write the date as YYYY-MM-DD")
    if day > dt.date.today() + DATE_MARGIN:
        raise ValueError(f"{day} is in the future; write the day it happened, as YYYY-MM-DD")
    return day


Date = Annotated[dt.date, AfterValidator(_check_date)]
"""A day in the catalogue's life: not before 1990, nor more than a week after today."""


def parse_count(value: Any) -> Any:
    """Turn '428M', '1.2B', '300K' into an integer; other input passes on to the integer check."""
    if isinstance(value, bool):
        return value  # rejected by the int check; True is not a count
    if isinstance(value, str) and re.match(COUNT_PATTERN, value.strip()):
        text = value.strip().replace(" ", "")
        suffix = text[-1].lower() if text[-1].isalpha() else ""
        number = text[:-1] if suffix else text
        # Decimal, not float: a float of '1' and 400 zeros is infinite, and rounding it raised OverflowError
        count = decimal.Decimal(number) * _COUNT_SUFFIX[suffix]
        if count > MAX_PARAMETERS:
            _too_large(count)
        return int(count.to_integral_value(decimal.ROUND_HALF_EVEN))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _too_large(count: int | decimal.Decimal) -> NoReturn:
    shown = f"{int(count):,}" if count < 10**30 else "this number"
    raise ValueError(f"{shown} is implausibly large; write counts such as 428000000, '428M' or '1.2B'")


def _check_count(value: int) -> int:
    if value <= 0:
        raise ValueError(f"{value} is not a positive count")
    if value > MAX_PARAMETERS:
        _too_large(value)
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

    id: OwnId
    name: Text = Field(description="Display name, e.g. 'Masked language modelling'.")
    description: Annotated[Paragraph, Field(min_length=1)] = Field(description="One or two sentences in our own words.")
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
    unit: Line | None = Field(default=None, description="'%' for percentages; empty for plain numbers.")


UNKNOWN = "unknown"
"""The explicit value of a result's `split` or `protocol` when its source does not say: never ranked."""


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
    full_name: Line | None = Field(default=None, description="As cited: the booktitle or journal name in BibTeX.")
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
    official: StrictBool = Field(description="True when the paper's authors released it.")


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
    licence: Line | None = Field(default=None, description="The licence the weights are released under.")
    url: Url | None = Field(default=None, description="Where the weights can be downloaded.")


class Compute(Strict):
    accelerator: Text = Field(description="e.g. 'V100 GPU' or 'TPU v3 core'.")
    count: Annotated[int, Field(ge=1, le=10**6)] | None = Field(default=None, description="How many accelerators.")
    days: Annotated[Finite, Field(gt=0, le=10**4)] | None = Field(default=None, description="For how many days.")
    note: Paragraph | None = Field(default=None, description="Which variant, and where this is stated.")


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
    parameters_note: Paragraph | None = Field(default=None, description="What the count includes, where it differs.")
    backbones: dict[Id, Text] = Field(
        default_factory=dict, description="Backbone per modality id where it differs from the record's."
    )
    weights: Weights | None = Field(default=None, description="Where this variant's weights differ from the record's.")


class Result(Strict):
    benchmark: Id = Field(description="A benchmark id from vocab/benchmarks.yaml.")
    metric: Id = Field(description="One of the benchmark's metric ids.")
    value: Finite = Field(description="The number as printed (percentages without the % sign).")
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
    modalities: list[Id] = Field(default_factory=list, description="Modality ids from vocab/modalities.yaml.")
    architecture: ModelArchitecture | None = Field(
        default=None,
        description="{interaction: <vocab/architectures.yaml id>, backbones: {modality: name}}.",
    )
    variants: list[Variant] = Field(
        default_factory=list,
        description="[{id, name, parameters, backbones, weights}]: the sizes and configurations; results name one.",
    )
    datasets: list[Id] = Field(
        default_factory=list,
        description="Pre-training dataset ids from datasets/; [] in a reviewed record when the paper names none.",
    )
    objectives: list[Id] = Field(default_factory=list, description="Pre-training objective ids.")
    knowledge: list[Id] | None = Field(default=None, description="Knowledge enhancement ids; [] for none.")
    tasks: list[Id] = Field(default_factory=list, description="Downstream task ids it was evaluated on.")
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
    modalities: Annotated[list[Id], Field(min_length=2)]
    architecture: ModelArchitecture
    datasets: list[Id]  # required, but may be [] (many recent papers do not name their training data)
    objectives: NonEmptyIds
    knowledge: list[Id]
    tasks: NonEmptyIds
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
    modalities: Annotated[list[Id], Field(min_length=1)]
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


class NotAModelKind(StrEnum):
    dataset = "dataset"
    benchmark = "benchmark"
    survey = "survey"
    method = "method"
    position = "position"
    application = "application"
    unimodal = "unimodal"


class NotAModel(Strict):
    """A paper that paper lists file among models but that is not one (data/not-models.yaml): a reviewed
    judgement, so that `import` does not draft it and `coverage` does not count it as missing."""

    id: OwnId
    title: Text = Field(description="The paper's title.")
    arxiv: ArxivId | None = Field(default=None, description="Its arXiv id, when it has one.")
    kind: NotAModelKind = Field(
        description="dataset, benchmark, survey, method (a technique for models, not a model), position, "
        "application (a system built on other models) or unimodal (a model of one modality only)."
    )
    reason: Annotated[str, Field(min_length=10), AfterValidator(_check_line)] = Field(
        description="Why it is not catalogued as a model, in a sentence."
    )


class DiscoverConfig(Strict):
    """What `mmptm-site discover` asks the arXiv API for (data/discover.yaml)."""

    categories: Annotated[list[Text], Field(min_length=1)] = Field(description="arXiv categories, e.g. cs.CV.")
    phrases: Annotated[list[Text], Field(min_length=1)] = Field(description="Phrases looked for in title or abstract.")
    per_query_limit: int = Field(default=100, ge=1, le=1000, description="Papers asked for per phrase.")


HOST_PATTERN = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"
PATTERN_HINTS[HOST_PATTERN] = "a host name in lower case, such as 'arxiv.org'"


class SourcePolicy(Strict):
    """Which pages confirm a fact (data/sources.yaml). Pages that summarise papers (digests, aggregators,
    news) may be consulted, but a page shows only primary sources as a record's confirmation."""

    primary_hosts: Annotated[list[Annotated[str, Field(pattern=HOST_PATTERN)]], Field(min_length=1)] = Field(
        description="Hosts of preprint servers, publishers, proceedings and DOIs, e.g. arxiv.org; a host covers "
        "its subdomains. Besides these, a record's own repositories, model cards and project page are primary."
    )


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
        "sources.schema.json": SourcePolicy.model_json_schema(),
        "not-models.schema.json": _list_schema(NotAModel, "Papers reviewed as not models"),
    }
    for name, entry in VOCABULARIES.items():
        schemas[f"vocab-{name}.schema.json"] = _list_schema(entry, f"Vocabulary: {name}")
    for schema in schemas.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schemas
