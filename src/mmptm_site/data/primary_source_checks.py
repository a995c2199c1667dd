"""Checks that the facts of a reviewed record, and each number, come from a primary source (`provenance`)."""

from __future__ import annotations

import re

from mmptm_site.data import provenance, schema
from mmptm_site.data.directory import MODELS_DIR, SOURCES_FILE
from mmptm_site.data.validation_run import ValidationRun


def check_primary_sources(run: ValidationRun, policy: schema.SourcePolicy) -> None:
    """A reviewed record names a primary source; a number's source link is its primary publication."""
    data = run.data
    evaluators = data.vocab.get("evaluators", {})
    for model in data.models.values():
        origin = run.origins[(MODELS_DIR, model.id)]
        if not model.needs_review and model.sources and not provenance.primary_sources(model, policy):
            message = (
                "none of these confirms the record's facts: name a primary source (the arXiv abstract page, the "
                "DOI, the proceedings, OpenReview, or the authors' own repository, model card or project page); "
                f"digests and aggregators may be listed beside it (primary hosts: {SOURCES_FILE})"
            )
            run.report(origin, ("sources",), message)
        for index, result in enumerate(model.results):
            if result.needs_review or not re.match(schema.URL_PATTERN, result.source):
                continue
            evaluator = evaluators.get(result.evaluated_by)
            evaluator_model = data.models.get(evaluator.model) if evaluator and evaluator.model else None
            if not provenance.is_primary_for_result(
                result.source, model, result.evaluated_by, evaluator, evaluator_model, policy
            ):
                message = (
                    "a number's source is its primary publication: the paper, the authors' repository or model "
                    "card, or the evaluator's own; replace this link, or mark the result `needs_review` and say why"
                )
                run.report(origin, ("results", index, "source"), message)
