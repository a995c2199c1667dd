"""A data directory: the names of its folders and files, and `Data`, everything in it once validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mmptm_site.data import schema

MODELS_DIR = "models"
DATASETS_DIR = "datasets"
VOCAB_DIR = "vocab"
SURVEYS_FILE = "surveys.yaml"
SOURCES_FILE = "sources.yaml"
NOT_MODELS_FILE = "not-models.yaml"
SETTINGS_FILE = "catalogue.yaml"
RECORD_SUFFIX = ".yaml"


@dataclass
class Data:
    """Everything in a data directory, validated. Records are keyed by id, in id order."""

    root: Path
    models: dict[str, schema.ModelDraft] = field(default_factory=dict)
    datasets: dict[str, schema.DatasetRecord] = field(default_factory=dict)
    vocab: schema.Vocabularies = field(default_factory=schema.Vocabularies)
    surveys: list[schema.Survey] = field(default_factory=list)
    settings: schema.CatalogueSettings = field(default_factory=schema.CatalogueSettings)
    """What the list says about itself (data/catalogue.yaml): its subject as pages name it, its own rules."""
    not_models: list[schema.NotAModel] = field(default_factory=list)
    """Papers of paper lists reviewed as not models (data/not-models.yaml)."""
    source_policy: schema.SourcePolicy | None = None
    """Which sources are primary (data/sources.yaml); without it, every source counts."""
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    """(kind, id) → the file a record came from; kind is 'models' or 'datasets'."""
    files_checked: int = 0
