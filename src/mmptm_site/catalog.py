"""The catalogue: validated data plus every index over it, computed once.

Later steps (rendering, exports, statistics) read indexes from here instead of scanning records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mmptm_site.schema import ModelDraft
from mmptm_site.validate import Data


def _index(models: list[ModelDraft], keys) -> dict[str, list[ModelDraft]]:
    index: dict[str, list[ModelDraft]] = defaultdict(list)
    for model in models:
        for key in dict.fromkeys(keys(model)):  # each key once per model, in order
            index[key].append(model)
    return dict(index)


@dataclass
class Catalog:
    data: Data
    models: list[ModelDraft] = field(init=False)
    """All models, newest first, then by name."""
    by_year: dict[int, list[ModelDraft]] = field(init=False)
    by_modality: dict[str, list[ModelDraft]] = field(init=False)
    by_objective: dict[str, list[ModelDraft]] = field(init=False)
    by_dataset: dict[str, list[ModelDraft]] = field(init=False)
    by_task: dict[str, list[ModelDraft]] = field(init=False)
    by_architecture: dict[str, list[ModelDraft]] = field(init=False)
    by_knowledge: dict[str, list[ModelDraft]] = field(init=False)
    by_venue: dict[str, list[ModelDraft]] = field(init=False)
    by_benchmark: dict[str, list[ModelDraft]] = field(init=False)

    def __post_init__(self) -> None:
        self.models = sorted(self.data.models.values(), key=lambda m: (-m.year, m.name.casefold(), m.id))
        models = self.models
        self.by_year = dict(sorted(_index(models, lambda m: [m.year]).items(), reverse=True))
        self.by_modality = _index(models, lambda m: m.modalities)
        self.by_objective = _index(models, lambda m: m.objectives)
        self.by_dataset = _index(models, lambda m: m.datasets)
        self.by_task = _index(models, lambda m: m.tasks)
        self.by_architecture = _index(models, lambda m: [m.architecture.interaction] if m.architecture else [])
        self.by_knowledge = _index(models, lambda m: m.knowledge or [])
        self.by_venue = _index(models, lambda m: [m.venue.id] if m.venue else [])
        self.by_benchmark = _index(models, lambda m: [r.benchmark for r in m.results])

    @property
    def result_count(self) -> int:
        return sum(len(m.results) for m in self.models)
