"""A list's own rules, from its catalogue.yaml (`CatalogueSettings`): how many modalities a reviewed record
names at least, and which groups objectives and tasks fall in. The schema holds the rules every list has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mmptm_site.data.schema import CatalogueSettings, named_vocabularies

if TYPE_CHECKING:  # the validator runs these checks; this module only reads its records and reports
    from mmptm_site.data.validation_run import ValidationRun


def check_rules(run: ValidationRun, settings: CatalogueSettings) -> None:
    data = run.data
    least = settings.min_modalities
    for model in data.models.values():
        if not model.needs_review and len(model.modalities) < least:
            message = f"list at least {least} items here (catalogue.yaml asks for {least} modalities)"
            run.report(run.origins[("models", model.id)], ("modalities",), message)
    for kind, field, allowed, setting in (
        ("objectives", "category", settings.objective_categories, "objective_categories"),
        ("tasks", "group", settings.task_groups, "task_groups"),
    ):
        if allowed is None:
            continue
        for entry in named_vocabularies(data.vocab).get(kind, {}).values():
            value = getattr(entry, field)
            if value not in allowed:
                message = f"`{value}` is not one of catalogue.yaml's {setting}: {', '.join(allowed)}"
                run.report(run.origins[(kind, entry.id)], (field,), message)
