"""`catalog.json`: every record with its references resolved (names beside ids), and its JSON Schema.

It serves the site's compare page and anyone scripting against the data. No export carries a build time:
the same data gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import AUTHORS, DatasetRecord, ModelDraft, Result, VocabEntry, named_vocabularies
from mmptm_site.urls import UNKNOWN_ADDRESS, SiteAddress

FORMAT_VERSION = "2.0"
"""2.0: results name split, protocol, variant and evaluator; sizes moved from `architecture` to `variants`."""


def _named(entries: Mapping[str, VocabEntry | DatasetRecord | ModelDraft], ids: list[str]) -> list[dict[str, str]]:
    return [{"id": entry_id, "name": entries[entry_id].name} for entry_id in ids]


def model_export(
    model: ModelDraft, catalog: Catalog, bibtex: str, address: SiteAddress = UNKNOWN_ADDRESS
) -> dict[str, Any]:
    """One model with the names of everything it refers to, in the record's field order."""
    vocab = catalog.data.vocab
    record = model.model_dump(mode="json", exclude_none=True)
    record["url"] = address.model_page(model.id)
    if model.venue:
        venue = vocab["venues"][model.venue.id]
        record["venue"] = {"id": venue.id, "name": venue.name, "type": str(venue.type), "year": model.venue.year}
    record["modalities"] = _named(vocab["modalities"], model.modalities)
    record["datasets"] = _named(catalog.data.datasets, model.datasets)
    record["objectives"] = [
        {"id": o, "name": vocab["objectives"][o].name, "category": str(vocab["objectives"][o].category)}
        for o in model.objectives
    ]
    record["tasks"] = _named(vocab["tasks"], model.tasks)
    if model.knowledge is not None:
        record["knowledge"] = _named(vocab["knowledge"], model.knowledge)
    if model.architecture:
        record["architecture"]["interaction"] = _named(vocab["architectures"], [model.architecture.interaction])[0]
    if model.relations:
        record["relations"]["builds_on"] = _named(catalog.data.models, model.relations.builds_on)
    record["built_upon_by"] = [{"id": m.id, "name": m.name} for m in catalog.built_upon_by.get(model.id, [])]
    if model.parameter_range:
        record["parameters"] = {"smallest": model.parameter_range[0], "largest": model.parameter_range[1]}
    for result, exported in zip(model.results, record["results"], strict=True):
        exported.update(result_names(model, result, catalog))
    record["bibtex"] = bibtex
    return record


def result_names(model: ModelDraft, result: Result, catalog: Catalog) -> dict[str, Any]:
    """A result's references with their names: what it was measured on, how, of which variant, by whom."""
    vocab = catalog.data.vocab
    benchmark = vocab["benchmarks"][result.benchmark]
    metric = benchmark.metric(result.metric)
    split = benchmark.split(result.split)
    protocol = vocab["protocols"].get(result.protocol)
    variant = model.variant(result.variant)
    assert metric is not None and variant is not None, "checked by the validator"
    names: dict[str, Any] = {
        "benchmark": {"id": benchmark.id, "name": benchmark.name},
        "metric": metric.model_dump(mode="json", exclude_none=True),
        "split": {"id": result.split, "name": split.name if split else "not stated"},
        "protocol": {"id": result.protocol, "name": protocol.name if protocol else "not stated"},
        "variant": variant.model_dump(mode="json", include={"id", "name", "parameters"}, exclude_none=True),
        "evaluated_by": {"id": AUTHORS, "name": "the model's authors"}
        if result.evaluated_by == AUTHORS
        else {"id": result.evaluated_by, "name": vocab["evaluators"][result.evaluated_by].name},
        "flags": _named(vocab["flags"], result.flags),
    }
    if result.version is not None:
        version = benchmark.version(result.version)
        names["version"] = {"id": result.version, "name": version.name if version else "not stated"}
    return names


def catalog_export(
    catalog: Catalog, bibtex: Mapping[str, str], address: SiteAddress = UNKNOWN_ADDRESS
) -> dict[str, Any]:
    """Everything, with `bibtex` (model id → entry, from `bibtex.entries_by_model`) in each model."""
    data = catalog.data
    return {
        "format_version": FORMAT_VERSION,
        "models": [model_export(model, catalog, bibtex[model.id], address) for model in catalog.models],
        "datasets": [dataset.model_dump(mode="json", exclude_none=True) for dataset in data.datasets.values()],
        "vocabularies": {
            kind: [entry.model_dump(mode="json", exclude_none=True) for entry in entries.values()]
            for kind, entries in named_vocabularies(data.vocab).items()
        },
        "surveys": [survey.model_dump(mode="json", exclude_none=True) for survey in data.surveys],
    }


def catalog_schema() -> dict[str, Any]:
    """JSON Schema of `catalog.json` (the export, not the input files)."""
    named = {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    }
    ref = {"$ref": "#/$defs/named"}
    model = {
        "type": "object",
        "required": [
            "id",
            "name",
            "title",
            "year",
            "url",
            "modalities",
            "datasets",
            "objectives",
            "tasks",
            "results",
            "built_upon_by",
            "bibtex",
            "needs_review",
        ],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "name": {"type": "string"},
            "title": {"type": "string"},
            "authors": {"type": "array", "items": {"type": "string"}},
            "year": {"type": "integer"},
            "url": {"type": "string", "description": "The model's page, relative to the site's root."},
            "venue": {
                "type": "object",
                "required": ["id", "name", "type", "year"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "type": {"enum": ["conference", "journal", "workshop", "preprint"]},
                    "year": {"type": "integer"},
                },
            },
            "modalities": {"type": "array", "items": ref},
            "datasets": {"type": "array", "items": ref},
            "objectives": {"type": "array", "items": {"allOf": [ref, {"required": ["category"]}]}},
            "tasks": {"type": "array", "items": ref},
            "knowledge": {"type": "array", "items": ref},
            "architecture": {"type": "object", "required": ["interaction"], "properties": {"interaction": ref}},
            "variants": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name"],
                    "properties": {"parameters": {"type": "integer", "minimum": 1}},
                },
            },
            "parameters": {
                "type": "object",
                "description": "The smallest and largest size among the model's variants.",
                "required": ["smallest", "largest"],
                "properties": {"smallest": {"type": "integer"}, "largest": {"type": "integer"}},
            },
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "benchmark",
                        "metric",
                        "value",
                        "split",
                        "protocol",
                        "variant",
                        "evaluated_by",
                        "flags",
                        "source",
                    ],
                    "properties": {
                        "benchmark": ref,
                        "metric": {
                            "type": "object",
                            "required": ["id", "name", "direction"],
                            "properties": {"direction": {"enum": ["higher", "lower"]}},
                        },
                        "value": {"type": "number"},
                        "split": {**ref, "description": "id 'unknown' when the source does not say"},
                        "version": ref,
                        "protocol": {**ref, "description": "id 'unknown' when the source does not say"},
                        "shots": {"type": "integer", "minimum": 1},
                        "variant": {
                            "type": "object",
                            "required": ["id", "name"],
                            "properties": {"parameters": {"type": "integer", "minimum": 1}},
                        },
                        "evaluated_by": {**ref, "description": "id 'authors' for the model's own authors"},
                        "flags": {"type": "array", "items": ref},
                        "source": {"type": "string"},
                        "needs_review": {"type": "boolean"},
                    },
                },
            },
            "built_upon_by": {"type": "array", "items": ref},
            "bibtex": {"type": "string"},
            "needs_review": {"type": "boolean"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Catalogue export (catalog.json)",
        "type": "object",
        "required": ["format_version", "models", "datasets", "vocabularies", "surveys"],
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "models": {"type": "array", "items": {"$ref": "#/$defs/model"}},
            "datasets": {"type": "array", "items": {"type": "object", "required": ["id", "name", "year"]}},
            "vocabularies": {"type": "object", "additionalProperties": {"type": "array", "items": ref}},
            "surveys": {"type": "array", "items": {"type": "object", "required": ["id", "title", "year", "url"]}},
        },
        "$defs": {"named": named, "model": model},
    }


def catalog_json(catalog: Catalog, bibtex: Mapping[str, str], address: SiteAddress = UNKNOWN_ADDRESS) -> str:
    # NaN and Infinity are not JSON: a browser refuses the whole file. The schema admits finite numbers
    # only; should one slip through anyway, this fails the build rather than publish a broken file.
    return json.dumps(catalog_export(catalog, bibtex, address), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
