"""`catalog.csv` (one row per model) and `results.csv` (one row per result), for spreadsheets."""

from __future__ import annotations

from mmptm_site.catalog import Catalog
from mmptm_site.exports.catalog_json import result_names
from mmptm_site.urls import UNKNOWN_ADDRESS, SiteAddress

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


def catalog_csv(catalog: Catalog, address: SiteAddress = UNKNOWN_ADDRESS) -> str:
    """One row per model, lists joined with '; ', UTF-8 with a byte-order mark so spreadsheets guess right.

    The `page` column is the model's page as a full address; empty when the site's address is not known."""
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
            "page": address.absolute(address.model_page(model.id)),
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
