"""The catalogue as open data: catalog.json (with its schema), CSV tables, BibTeX, the Atom feed and a
Markdown paper list. Each export reads the catalogue and knows nothing of the site's templates."""

from __future__ import annotations

from mmptm_site.exports.bibtex import entries_by_model, papers_bib
from mmptm_site.exports.catalog_json import FORMAT_VERSION, catalog_export, catalog_json, catalog_schema, result_names
from mmptm_site.exports.feed import atom_feed
from mmptm_site.exports.markdown import paper_list_markdown
from mmptm_site.exports.tables import CSV_COLUMNS, RESULT_CSV_COLUMNS, catalog_csv, csv_cell, results_csv

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "RESULT_CSV_COLUMNS",
    "atom_feed",
    "catalog_csv",
    "catalog_export",
    "catalog_json",
    "catalog_schema",
    "csv_cell",
    "entries_by_model",
    "paper_list_markdown",
    "papers_bib",
    "result_names",
    "results_csv",
]
