"""Counts over the catalogue (per year, modality, objective), printed as plain-text tables."""

from __future__ import annotations

from collections.abc import Iterable

from mmptm_site.catalog import Catalog


def _table(title: str, header: tuple[str, str], rows: Iterable[tuple[str, int]]) -> str:
    rows = list(rows)
    width = max([len(header[0])] + [len(name) for name, _ in rows])
    lines = [title, f"  {header[0]:<{width}}  {header[1]:>6}", f"  {'-' * width}  {'-' * 6}"]
    lines += [f"  {name:<{width}}  {count:>6}" for name, count in rows]
    return "\n".join(lines)


def _by_count(catalog: Catalog, kind: str) -> list[tuple[str, int]]:
    """Rows of (display name, number of models) of one facet, most used first, then by name."""
    names = catalog.entries(kind)
    rows = [(names[key].name, len(models)) for key, models in catalog.by_facet[kind].items()]
    return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))


def stats_text(catalog: Catalog) -> str:
    vocab = catalog.data.vocab
    total = (
        f"{len(catalog.models)} models, {len(catalog.data.datasets)} datasets, "
        f"{len(vocab['objectives'])} objectives, {len(vocab['benchmarks'])} benchmarks, "
        f"{catalog.result_count} results"
    )
    years = sorted(((str(year), len(models)) for year, models in catalog.by_year.items()), reverse=True)
    return "\n\n".join(
        [
            total,
            _table("Models per year", ("year", "models"), years),
            _table(
                "Models per modality",
                ("modality", "models"),
                _by_count(catalog, "modalities"),
            ),
            _table(
                "Models per objective",
                ("objective", "models"),
                _by_count(catalog, "objectives"),
            ),
        ]
    )
