"""How complete the catalogue is, per year: the figures `mmptm-site stats --quality` prints.

Each figure is a share with the target the catalogue aims for, so the next gaps are visible: records still
under review, sizes, weights and their licences, results of recent models, pre-training compute, and the
datasets' size, licence and link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import AUTHORS, DatasetRecord, ModelDraft, WeightsAvailability

RECENT_FROM = 2023
"""Models from this year on are expected to report results on today's benchmarks."""
RESULTS_EXPECTED = 3


def authors_results(model: ModelDraft) -> int:
    """How many confirmed numbers the model's own authors published that the record holds."""
    return sum(1 for result in model.results if result.evaluated_by == AUTHORS and not result.needs_review)


def is_open(model: ModelDraft) -> bool:
    return model.weights is not None and model.weights.availability == WeightsAvailability.open


def has_licence(model: ModelDraft) -> bool:
    return model.weights is not None and bool(model.weights.licence)


@dataclass(frozen=True)
class Figure:
    """A share of some records that satisfy a test, and the share the catalogue aims for."""

    name: str
    test: Callable[[ModelDraft], bool]
    among: Callable[[ModelDraft], bool]
    target: float | None  # None: no target, shown for information
    at_most: bool = False  # the target is a ceiling (records under review), not a floor


FIGURES = (
    Figure("under review (needs_review)", lambda m: m.needs_review, lambda m: True, 0.05, at_most=True),
    Figure("size stated (a variant's parameters)", lambda m: m.parameter_range is not None, lambda m: True, 0.85),
    Figure("weights availability stated", lambda m: m.weights is not None, lambda m: True, 1.0),
    Figure("licence named, of open-weight models", has_licence, is_open, 0.90),
    Figure(
        f"{RESULTS_EXPECTED}+ authors' results, of models from {RECENT_FROM} on",
        lambda m: authors_results(m) >= RESULTS_EXPECTED,
        lambda m: m.year >= RECENT_FROM,
        0.75,
    ),
    Figure("pre-training compute stated", lambda m: m.compute is not None, lambda m: True, None),
)


@dataclass(frozen=True)
class Share:
    figure: Figure
    satisfied: int
    of: int

    @property
    def value(self) -> float | None:
        return self.satisfied / self.of if self.of else None

    @property
    def meets_target(self) -> bool | None:
        if self.figure.target is None or self.value is None:
            return None
        return self.value <= self.figure.target if self.figure.at_most else self.value >= self.figure.target


def shares(models: Iterable[ModelDraft]) -> list[Share]:
    models = list(models)
    result = []
    for figure in FIGURES:
        among = [model for model in models if figure.among(model)]
        result.append(Share(figure, sum(1 for model in among if figure.test(model)), len(among)))
    return result


def dataset_gaps(datasets: Iterable[DatasetRecord]) -> dict[str, list[str]]:
    """What each dataset record does not state yet: its size, licence or link (ids per missing fact)."""
    gaps: dict[str, list[str]] = {"size": [], "licence": [], "link": []}
    for dataset in datasets:
        if dataset.size is None:
            gaps["size"].append(dataset.id)
        if dataset.licence is None:
            gaps["licence"].append(dataset.id)
        if dataset.url is None and dataset.paper is None and dataset.arxiv is None:
            gaps["link"].append(dataset.id)
    return gaps


def _cell(share: Share) -> str:
    if share.value is None:
        return "–"
    mark = {True: "", False: " !", None: ""}[share.meets_target]
    return f"{share.value:.0%} ({share.satisfied}/{share.of}){mark}"


def quality_text(catalog: Catalog) -> str:
    """The figures for the whole catalogue (with targets; `!` marks a miss), then per year, then datasets."""
    overall = shares(catalog.models)
    lines = [f"Completeness of {len(catalog.models)} model records (! = target missed)", ""]
    width = max(len(share.figure.name) for share in overall)
    for share in overall:
        figure = share.figure
        target = "" if figure.target is None else f"target {'≤' if figure.at_most else '≥'} {figure.target:.0%}"
        lines.append(f"  {figure.name:<{width}}  {_cell(share):<18} {target}")
    lines += ["", "Per year (share, satisfied/of):"]
    header = ["year", "models", *(f"f{index + 1}" for index in range(len(FIGURES)))]
    lines.append("  " + "  ".join(f"{h:>16}" if i > 1 else f"{h:>6}" for i, h in enumerate(header)))
    for year, models in catalog.by_year.items():
        cells = [_cell(share) for share in shares(models)]
        lines.append("  " + "  ".join([f"{year:>6}", f"{len(models):>6}", *(f"{cell:>16}" for cell in cells)]))
    lines += ["  " + "; ".join(f"f{index + 1} = {figure.name}" for index, figure in enumerate(FIGURES))]
    gaps = dataset_gaps(catalog.data.datasets.values())
    lines += ["", f"Datasets ({len(catalog.data.datasets)}) not stating:"]
    lines += [f"  {what}: {len(ids)}{' — ' + ', '.join(ids) if ids else ''}" for what, ids in gaps.items()]
    return "\n".join(lines) + "\n"
