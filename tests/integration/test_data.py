"""The real data/: valid, complete for reviewed records, and its schemas and headers in sync."""

from __future__ import annotations

import json

from mmptm_site.data.references import references
from mmptm_site.data.schema import json_schemas
from mmptm_site.data.validate import validate

from ..conftest import REAL_DATA, ROOT


def test_data_validates():
    data, problems = validate(REAL_DATA)
    assert [p.text() for p in problems] == []
    assert len(data.models) >= 5


def test_committed_json_schemas_are_current():
    for name, content in json_schemas().items():
        committed = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        assert committed == content, f"schema/{name} is stale: run `mmptm-site schema`"


def test_every_data_file_names_its_schema():
    for path in REAL_DATA.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../"), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"


KEPT_UNUSED = {
    ("objectives", "masked-action-classification"): "a video objective of the 2023-2026 vocabulary",
    ("tasks", "spatio-temporal-video-grounding"): "a downstream task of the survey's list",
    ("tasks", "multimodal-sentiment-regression"): "a downstream task of the survey's list",
    ("tasks", "prompt-tuning"): "a downstream task of the survey's list",
    ("tasks", "document-classification"): "a document task of the 2023-2026 vocabulary",
    ("evaluators", "vlmevalkit"): "a toolkit that re-scores models; no result is attributed to it yet",
    ("evaluators", "lmms-eval"): "a toolkit that re-scores models; no result is attributed to it yet",
    ("flags", "ensemble"): "a condition a result may carry",
    ("venues", "tkde"): "a journal of the survey's list",
}
"""Vocabulary entries that no record or other entry names, each kept on purpose (and so described here).
An entry leaves this list when a record names it; one that is named is never an error here."""


def test_every_vocabulary_entry_is_used_or_described():
    data, _ = validate(REAL_DATA)
    named = {
        (declared.kind, value)
        for record in [
            *data.models.values(),
            *data.datasets.values(),
            *data.surveys,
            *(entry for entries in data.vocab.values() for entry in entries.values()),
        ]
        for _, value, declared in references(record)
    }
    unused = []
    for kind, entries in data.vocab.items():
        for entry in entries.values():
            assert entry.description.strip(), f"{kind}/{entry.id} has no description"
            if (kind, entry.id) not in named and (kind, entry.id) not in KEPT_UNUSED:
                unused.append(f"{kind}/{entry.id}")
    assert unused == [], (
        "no record names these entries: use them in a record, remove them, or say in KEPT_UNUSED why they stay"
    )
    assert [key for key in KEPT_UNUSED if key[1] not in data.vocab[key[0]]] == []  # the list names real entries
