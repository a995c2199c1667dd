"""The settings files of a data directory: what `discover` asks arXiv for, which sources are primary,
and which papers of paper lists were reviewed as not models."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import (
    Field,
)

from mmptm_site.data.schema.fields import PATTERN_HINTS, ArxivId, BenchmarkId, Id, Line, OwnId, Paragraph, Strict, Text


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
    reason: Annotated[Line, Field(min_length=10)] = Field(
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


class ChartedBoard(Strict):
    """A leaderboard the statistics page charts: each model's best authors' number on it, as bars."""

    benchmark: BenchmarkId
    metric: Id
    protocol: Text = Field(description="A protocol id, e.g. 'zero-shot' (the board of that protocol with most models).")
    title: Text = Field(description="The chart's title, e.g. 'Flickr30K image retrieval'.")


class CatalogueSettings(Strict):
    """What a list says about itself (data/catalogue.yaml): its subject as pages name it, and its own rules.

    The generator knows nothing of any subject: a list without this file gets a plain "Catalogue" and the
    rules every list has; `mmptm-site init` writes one to fill in."""

    title: Text = Field(default="Catalogue", description="The home page's heading, e.g. 'Vision-language models'.")
    lead: Paragraph | None = Field(default=None, description="The home page's opening paragraph.")
    kind_titles: dict[Id, Text] = Field(
        default_factory=dict, description="Page titles per kind of entry, e.g. {objectives: 'Pre-training objectives'}."
    )
    intros: dict[Id, Paragraph] = Field(
        default_factory=dict, description="An index page's opening paragraph, per kind (objectives, tasks…)."
    )
    charts: list[ChartedBoard] = Field(default_factory=list, description="Leaderboards the statistics page charts.")
    feed_author: Text = Field(default="contributors", description="The author the Atom feed names.")
    required_vocabularies: list[Id] = Field(
        default_factory=list, description="Vocabulary files that must exist (vocab/<name>.yaml); others may be absent."
    )
    min_modalities: Annotated[int, Field(ge=1, le=10)] = Field(
        default=1, description="How many modalities a reviewed model record names at least."
    )
    objective_categories: list[Id] | None = Field(
        default=None, description="The categories objectives are grouped in; any id when not given."
    )
    task_groups: list[Id] | None = Field(
        default=None, description="The groups tasks are grouped in; any id when not given."
    )
