"""The kinds of entries a list may have (objectives, datasets, surveys, …): what their pages are called, and
which of them a list has at all. A list without a kind (no knowledge vocabulary, no surveys) gets no page of
it, and no page mentions it; its catalogue.yaml may rename any kind (`kind_titles`)."""

from __future__ import annotations

from mmptm_site.catalog import Catalog

KIND_TITLES = {
    "models": "Models",
    "objectives": "Objectives",
    "datasets": "Datasets",
    "tasks": "Tasks",
    "benchmarks": "Benchmarks",
    "modalities": "Modalities",
    "architectures": "Architectures",
    "knowledge": "Knowledge",
    "venues": "Venues",
    "years": "Years",
    "surveys": "Surveys",
}
"""Page titles per kind of entry, unless the list's catalogue.yaml names them otherwise (`kind_titles`)."""
OPTIONAL_KINDS = frozenset(
    ("objectives", "datasets", "tasks", "benchmarks", "modalities", "architectures", "knowledge", "venues", "surveys")
)
"""The kinds whose index page exists only when the list has entries of them."""


def kind_title(catalog: Catalog, kind: str) -> str:
    return catalog.data.settings.kind_titles.get(kind, KIND_TITLES[kind])


def has_kind(catalog: Catalog, kind: str) -> bool:
    """Whether the list has entries of `kind`, and so its index page; kinds that are not optional always."""
    if kind == "surveys":
        return bool(catalog.data.surveys)
    return kind not in OPTIONAL_KINDS or bool(catalog.entries(kind))
