"""The JSON Schemas of the data files, for editors (`mmptm-site schema` writes them into schema/)."""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
)

from mmptm_site.data.schema.records import DatasetRecord, ModelDraft, ModelRecord, Survey
from mmptm_site.data.schema.settings import CatalogueSettings, DiscoverConfig, NotAModel, SourcePolicy
from mmptm_site.data.schema.vocabulary import VOCABULARIES

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
        "catalogue.schema.json": CatalogueSettings.model_json_schema(),
        "not-models.schema.json": _list_schema(NotAModel, "Papers reviewed as not models"),
    }
    for name, entry in VOCABULARIES.items():
        schemas[f"vocab-{name}.schema.json"] = _list_schema(entry, f"Vocabulary: {name}")
    for schema in schemas.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schemas
