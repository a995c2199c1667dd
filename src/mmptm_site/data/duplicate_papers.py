"""The same paper catalogued twice (by arXiv id, DOI or title), and a former id claimed by two records."""

from __future__ import annotations

import re

from mmptm_site.data.directory import MODELS_DIR
from mmptm_site.data.problems import Loc, display_path
from mmptm_site.data.validation_run import ValidationRun


def normalised_title(title: str) -> str:
    """Lower case, letters and digits only: 'ViLBERT: Pretraining …' and 'vilbert pretraining …' match."""
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def check_duplicate_papers(run: ValidationRun) -> None:
    """The same paper twice (by arXiv id, DOI or title), and former ids claimed twice."""
    data = run.data
    first: dict[tuple[str, str], str] = {}
    for model_id, model in data.models.items():
        keys: list[tuple[str, str, Loc]] = [("title", normalised_title(model.title), ("title",))]
        if model.links and model.links.arxiv:
            keys.append(("arXiv id", model.links.arxiv, ("links", "arxiv")))
        if model.links and model.links.doi:
            keys.append(("DOI", model.links.doi.casefold(), ("links", "doi")))
        for what, key, loc in keys:
            other = first.setdefault((what, key), model_id)
            if other != model_id:
                message = (
                    f"same {what} as `{other}` ({display_path(data.paths[(MODELS_DIR, other)])}): "
                    "a paper is catalogued once; merge the two records"
                )
                run.report(run.origins[(MODELS_DIR, model_id)], loc, message)
    owners: dict[str, str] = {}
    for model_id, model in data.models.items():
        for index, alias in enumerate(model.aliases):
            other = alias if alias in data.models else owners.setdefault(alias, model_id)
            if other != model_id:
                message = (
                    f"`{alias}` is already the id or an alias of `{other}`; a former id can point to one record only"
                )
                run.report(run.origins[(MODELS_DIR, model_id)], ("aliases", index), message)
