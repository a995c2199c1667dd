"""Turn the files of a data directory into validated records, collecting every problem on the way.

Each file is loaded (`load`), checked against its schema class (`schema`), and then checked
against the others: references to vocabularies, datasets and models must exist (`validation_run`), a
metric must be one its benchmark defines (`result_checks`), no paper may be catalogued twice
(`duplicate_papers`) and numbers come from primary sources (`primary_source_checks`). Nothing stops at
the first problem: a contributor sees all of them at once, each at its file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from mmptm_site.data import schema
from mmptm_site.data.directory import (
    DATASETS_DIR,
    MODELS_DIR,
    NOT_MODELS_FILE,
    RECORD_SUFFIX,
    SETTINGS_FILE,
    SOURCES_FILE,
    SURVEYS_FILE,
    VOCAB_DIR,
    Data,
)
from mmptm_site.data.duplicate_papers import check_duplicate_papers
from mmptm_site.data.primary_source_checks import check_primary_sources
from mmptm_site.data.problems import DataError, Problem
from mmptm_site.data.result_checks import check_results, check_variant_ids
from mmptm_site.data.rules import check_rules
from mmptm_site.data.validation_run import LoadCache, Origin, ValidationRun


def validate(root: Path, cache: LoadCache | None = None) -> tuple[Data, list[Problem]]:
    """Validate every file under `root`; return what is valid and every problem found, sorted.

    With a `cache`, files unchanged since an earlier run with it are not read or checked again."""
    run = ValidationRun(root, cache)
    data = run.data

    settings_path = root / SETTINGS_FILE
    settings_origin = None
    if settings_path.exists() and (loaded := run.load(settings_path)) is not None:
        data.settings = run.check(schema.CatalogueSettings, loaded.data, loaded) or schema.CatalogueSettings()
        settings_origin = Origin(loaded)
    vocab_dir = root / VOCAB_DIR
    vocab: dict[str, dict[str, schema.VocabEntry]] = {}
    for kind, entry_class in schema.VOCABULARIES.items():
        path = vocab_dir / f"{kind}.yaml"
        if path.exists():
            vocab[kind] = run.entries(path, kind, entry_class)
        else:
            vocab[kind] = {}
            if kind in data.settings.required_vocabularies:
                message = f"the vocabulary file is missing (catalogue.yaml requires `{kind}`); create it"
                run.add(Problem(path, 1, 1, "", message))
    data.vocab = schema.vocabularies_of(vocab)
    known = {f"{kind}{RECORD_SUFFIX}" for kind in schema.VOCABULARIES}
    for path in run.record_files(vocab_dir):
        if path.name not in known:
            message = f"unknown vocabulary file; the vocabularies are {', '.join(sorted(known))}"
            run.add(Problem(path, 1, 1, "", message))

    data.datasets = {d.id: d for _, d in run.records(DATASETS_DIR, lambda _: schema.DatasetRecord)}
    data.models = {m.id: m for _, m in run.records(MODELS_DIR, schema.model_class)}
    for kind, records in ((MODELS_DIR, data.models), (DATASETS_DIR, data.datasets)):
        run.aliases[kind] = {alias: record.id for record in records.values() for alias in record.aliases}
    surveys_path = root / SURVEYS_FILE
    if surveys_path.exists():
        data.surveys = list(run.entries(surveys_path, "surveys", schema.Survey).values())
    not_models_path = root / NOT_MODELS_FILE
    if not_models_path.exists():
        data.not_models = list(run.entries(not_models_path, "not-models", schema.NotAModel).values())
    sources_path = root / SOURCES_FILE
    if sources_path.exists() and (loaded := run.load(sources_path)) is not None:
        data.source_policy = run.check(schema.SourcePolicy, loaded.data, loaded)

    for model in data.models.values():
        origin = run.origins[(MODELS_DIR, model.id)]
        run.declared_references(origin, model, MODELS_DIR)
        check_variant_ids(run, origin, model)
        check_results(run, origin, model)
    for dataset in data.datasets.values():
        run.declared_references(run.origins[(DATASETS_DIR, dataset.id)], dataset, DATASETS_DIR)
    for kind, entries in vocab.items():
        for entry in entries.values():
            run.declared_references(run.origins[(kind, entry.id)], entry, kind)
    for survey in data.surveys:
        run.declared_references(run.origins[("surveys", survey.id)], survey)
    for kind, word in (("protocols", schema.UNKNOWN), ("evaluators", schema.AUTHORS)):
        if word in vocab[kind]:
            message = f"`{word}` is a word results use themselves; give this entry another id"
            run.report(run.origins[(kind, word)], ("id",), message)
    check_duplicate_papers(run)
    check_rules(run, data.settings)
    if settings_origin is not None:
        run.declared_references(settings_origin, data.settings)
    if data.source_policy is not None:
        check_primary_sources(run, data.source_policy)

    data.models = dict(sorted(data.models.items()))
    data.datasets = dict(sorted(data.datasets.items()))
    return data, sorted(run.problems + run.summaries_of_omitted())


def load_data(root: Path, cache: LoadCache | None = None) -> Data:
    """The validated data of `root`; raise DataError with every problem when there is any."""
    data, problems = validate(root, cache)
    if problems:
        raise DataError(problems)
    return data
