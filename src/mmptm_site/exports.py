"""The catalogue as open data: JSON, CSV, BibTeX, an Atom feed and a Markdown paper list.

`catalog.json` holds every record with its references resolved; it serves the site's compare page and
anyone scripting against the data. No export carries a build time: the same data gives the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import AUTHORS, ModelDraft, Result
from mmptm_site.highlights import changes
from mmptm_site.urls import page_url, source_path

FORMAT_VERSION = "2.0"
"""2.0: results name split, protocol, variant and evaluator; sizes moved from `architecture` to `variants`."""


def _named(entries: dict, ids: list[str]) -> list[dict[str, str]]:
    return [{"id": entry_id, "name": entries[entry_id].name} for entry_id in ids]


def model_export(model: ModelDraft, catalog: Catalog, bibtex: str) -> dict[str, Any]:
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


def catalog_export(catalog: Catalog, bibtex: dict[str, str]) -> dict[str, Any]:
    """Everything, with `bibtex` (model id → entry, from `bibtex.entries_by_model`) in each model."""
    data = catalog.data
    return {
        "format_version": FORMAT_VERSION,
        "models": [model_export(model, catalog, bibtex[model.id]) for model in catalog.models],
        "datasets": [dataset.model_dump(mode="json", exclude_none=True) for dataset in data.datasets.values()],
        "vocabularies": {
            kind: [entry.model_dump(mode="json", exclude_none=True) for entry in entries.values()]
            for kind, entries in data.vocab.items()
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
        "title": "MM-PTM catalogue export (catalog.json)",
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


def catalog_json(catalog: Catalog, bibtex: dict[str, str]) -> str:
    # NaN and Infinity are not JSON: a browser refuses the whole file. The schema admits finite numbers
    # only; should one slip through anyway, this fails the build rather than publish a broken file.
    return json.dumps(catalog_export(catalog, bibtex), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


# --- CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "name",
    "title",
    "authors",
    "year",
    "released",
    "venue",
    "venue_year",
    "arxiv",
    "doi",
    "paper_url",
    "official_code",
    "modalities",
    "architecture",
    "parameters",
    "parameters_smallest",
    "datasets",
    "objectives",
    "knowledge",
    "tasks",
    "weights",
    "builds_on",
    "verified",
    "added",
    "reviewed",
    "page",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def catalog_csv(catalog: Catalog, site_url: str | None = None) -> str:
    """One row per model, lists joined with '; ', UTF-8 with a byte-order mark so spreadsheets guess right."""
    import csv
    import io

    vocab = catalog.data.vocab
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for model in catalog.models:
        links = model.links
        code = next((c.url for c in links.code if c.official), None) if links else None
        venue = vocab["venues"][model.venue.id].name if model.venue else None
        page = (site_url or "").rstrip("/") + "/" + page_url(source_path("models", model.id)) if site_url else None
        row = {
            "id": model.id,
            "name": model.name,
            "title": model.title,
            "authors": "; ".join(model.authors),
            "year": model.year,
            "released": model.released,
            "venue": venue,
            "venue_year": model.venue.year if model.venue else None,
            "arxiv": links.arxiv if links else None,
            "doi": links.doi if links else None,
            "paper_url": links.paper if links else None,
            "official_code": code,
            "modalities": "; ".join(model.modalities),
            "architecture": model.architecture.interaction if model.architecture else None,
            "parameters": model.parameter_range[1] if model.parameter_range else None,
            "parameters_smallest": model.parameter_range[0] if model.parameter_range else None,
            "datasets": "; ".join(model.datasets),
            "objectives": "; ".join(model.objectives),
            "knowledge": "; ".join(model.knowledge) if model.knowledge is not None else None,
            "tasks": "; ".join(model.tasks),
            "weights": str(model.weights.availability) if model.weights else None,
            "builds_on": "; ".join(model.relations.builds_on) if model.relations else None,
            "verified": "no" if model.needs_review else "yes",
            "added": model.added,
            "reviewed": model.reviewed,
            "page": page,
        }
        writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


RESULT_CSV_COLUMNS = (
    "model",
    "model_name",
    "benchmark",
    "metric",
    "value",
    "unit",
    "split",
    "version",
    "protocol",
    "shots",
    "flags",
    "variant",
    "variant_name",
    "variant_parameters",
    "evaluated_by",
    "source",
    "note",
    "confirmed",
)


def results_csv(catalog: Catalog) -> str:
    """One row per result, with everything that decides what it may be compared with."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(RESULT_CSV_COLUMNS)
    for model in catalog.models:
        for result in model.results:
            names = result_names(model, result, catalog)
            row = {
                "model": model.id,
                "model_name": model.name,
                "benchmark": result.benchmark,
                "metric": result.metric,
                "value": result.value,
                "unit": names["metric"].get("unit"),
                "split": result.split,
                "version": result.version,
                "protocol": result.protocol,
                "shots": result.shots,
                "flags": "; ".join(result.flags),
                "variant": result.variant,
                "variant_name": names["variant"]["name"],
                "variant_parameters": names["variant"].get("parameters"),
                "evaluated_by": result.evaluated_by,
                "source": result.source,
                "note": result.note,
                "confirmed": "no" if result.needs_review else "yes",
            }
            writer.writerow([csv_cell(row[column]) for column in RESULT_CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


# --- BibTeX --------------------------------------------------------------------------------------


def papers_bib(catalog: Catalog, bibtex: dict[str, str]) -> str:
    """Every model's entry, in catalogue order, as one file."""
    return "\n".join(bibtex[model.id] for model in catalog.models)


# --- Markdown paper list -------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Record text for a Markdown list: one line, every character Markdown might act on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown_url(url: str) -> str:
    """A URL that cannot end a Markdown link early: brackets, spaces and quotes percent-encoded."""
    return quote(url, safe=":/?#@!$&*+,;=%~'")


def paper_list_markdown(catalog: Catalog, site_url: str | None = None) -> str:
    """A GitHub-readable paper list, by year, newest first, in the style of the survey's own list."""
    vocab = catalog.data.vocab
    lines = [
        "# Large-scale multi-modal pre-trained models",
        "",
        f"{len(catalog.models)} models. Generated from the catalogue's data by `mmptm-site export --format markdown`;"
        " edit the YAML records, not this file.",
        "",
    ]
    for year, models in catalog.by_year.items():
        lines += [f"## {year}", ""]
        for model in sorted(models, key=lambda m: m.name.casefold()):
            venue = vocab["venues"][model.venue.id].name + f" {model.venue.year}" if model.venue else "venue not stated"
            authors = ", ".join(model.authors) if model.authors else "authors not stated"
            links = []
            if model.links and model.links.arxiv:
                links.append(f"[[Paper](https://arxiv.org/abs/{model.links.arxiv})]")
            elif model.links and model.links.paper:
                links.append(f"[[Paper]({markdown_url(model.links.paper)})]")
            for code in model.links.code if model.links else []:
                links.append(f"[[{'Code' if code.official else 'Code (unofficial)'}]({markdown_url(code.url)})]")
            if site_url:
                links.append(f"[[Catalogue]({site_url.rstrip('/')}/{page_url(source_path('models', model.id))})]")
            unverified = " *(unverified)*" if model.needs_review else ""
            lines.append(
                f"* \\[{markdown_text(venue)}\\] **{markdown_text(model.name)}**: {markdown_text(model.title)}, "
                f"{markdown_text(authors)}{unverified} {' '.join(links)}".rstrip()
            )
        lines.append("")
    return "\n".join(lines)


# --- Atom feed -----------------------------------------------------------------------------------


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold, which the feed's writer refuses. The validator keeps
    them out of records; a page or export must not fail on a record built past it."""
    return _NOT_XML.sub("\ufffd", text)


def atom_feed(catalog: Catalog, site_url: str | None, title: str) -> str:
    """Additions (from `added`) and corrections (from `reviewed`, when later) as an Atom feed, newest first:
    by date, then by the model's release, newest first (`highlights.changes`).

    Its `updated` time is the newest date in the data, never the build time, so a rebuild of the same
    data gives the same feed. Without a `site_url` (a site built where its address is not known) the links
    are relative to the feed, which lies at the site's root, and the ids, which Atom wants absolute, are
    name-based UUIDs: no address is guessed.
    """
    import datetime as dt
    import uuid

    from feedgen.feed import FeedGenerator

    base = site_url.rstrip("/") + "/" if site_url else ""

    def atom_id(path: str) -> str:
        return base + path if base else uuid.uuid5(uuid.NAMESPACE_URL, "mmptm-site:" + path).urn

    events = changes(catalog)
    newest = max((event.day for event in events), default=dt.date(2000, 1, 1))

    def timestamp(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    feed = FeedGenerator()
    feed.id(atom_id(""))
    feed.title(xml_text(title))
    feed.link(href=base or "./", rel="alternate")
    feed.link(href=base + "feed.xml", rel="self")
    feed.updated(timestamp(newest))
    feed.generator("mmptm-site")
    feed.author({"name": "mmptm-site contributors"})
    for event in events:
        model = event.model
        path = page_url(source_path("models", model.id))
        item = feed.add_entry(order="append")
        item.id(atom_id(f"{path}#{event.kind}-{event.day.isoformat()}"))
        item.title(xml_text(f"{'Added' if event.kind == 'added' else 'Updated'}: {model.name} ({model.year})"))
        item.link(href=base + path)
        item.updated(timestamp(event.day))
        item.published(timestamp(event.day))
        item.summary(xml_text(model.summary or model.title))
    return feed.atom_str(pretty=True).decode("utf-8")
