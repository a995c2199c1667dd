"""Every record in data/ and in the fixtures survives the canonical writer unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmptm_site.data.load import parse
from mmptm_site.data.schema import DatasetRecord, model_class
from mmptm_site.data.validate import validate
from mmptm_site.data.writer import dump_record

from ..conftest import FIXTURE_DATA, REAL_DATA


@pytest.mark.parametrize("root", [REAL_DATA, FIXTURE_DATA], ids=["data", "fixtures"])
def test_every_record_round_trips(root):
    data, problems = validate(root)
    assert problems == []
    for record in data.models.values():
        raw = parse(dump_record(record, "models"), Path("x.yaml")).data
        assert model_class(raw).model_validate(raw) == record
    for record in data.datasets.values():
        raw = parse(dump_record(record, "datasets"), Path("x.yaml")).data
        assert DatasetRecord.model_validate(raw) == record
