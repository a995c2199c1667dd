"""The real data/: valid, complete for reviewed records, and its schemas and headers in sync."""

from __future__ import annotations

import json

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


def test_every_vocabulary_entry_is_used_or_described():
    data, _ = validate(REAL_DATA)
    for kind, entries in data.vocab.items():
        for entry in entries.values():
            assert entry.description.strip(), f"{kind}/{entry.id} has no description"
