"""The catalogue as open data: `catalog.json`, every record with its references resolved.

The same file serves the site's compare page and anyone scripting against the data. It carries a format
version and no build time, so the same data always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from mmptm_site.bibtex import entry_text
from mmptm_site.catalog import Catalog
from mmptm_site.schema import ModelDraft
from mmptm_site.urls import page_url, source_path

FORMAT_VERSION = "1.0"


def _named(entries: dict, ids: list[str]) -> list[dict[str, str]]:
    return [{"id": entry_id, "name": entries[entry_id].name} for entry_id in ids]


def model_export(model: ModelDraft, catalog: Catalog) -> dict[str, Any]:
    """One model with the names of everything it refers to, in the record's field order."""
    vocab = catalog.data.vocab
    record = model.model_dump(mode="json", exclude_none=True)
    record["url"] = page_url(source_path("models", model.id))
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
    benchmarks = vocab["benchmarks"]
    for result, exported in zip(model.results, record["results"], strict=True):
        benchmark = benchmarks[result.benchmark]
        metric = next(m for m in benchmark.metrics if m.id == result.metric)
        exported["benchmark"] = {"id": benchmark.id, "name": benchmark.name}
        exported["metric"] = metric.model_dump(mode="json", exclude_none=True)
    record["bibtex"] = entry_text(model, vocab["venues"])  # type: ignore[arg-type]
    return record


def catalog_export(catalog: Catalog) -> dict[str, Any]:
    data = catalog.data
    return {
        "format_version": FORMAT_VERSION,
        "models": [model_export(model, catalog) for model in catalog.models],
        "datasets": [dataset.model_dump(mode="json", exclude_none=True) for dataset in data.datasets.values()],
        "vocabularies": {
            kind: [entry.model_dump(mode="json", exclude_none=True) for entry in entries.values()]
            for kind, entries in data.vocab.items()
        },
        "surveys": [survey.model_dump(mode="json", exclude_none=True) for survey in data.surveys],
    }


def catalog_json(catalog: Catalog) -> str:
    return json.dumps(catalog_export(catalog), ensure_ascii=False, indent=1) + "\n"
