"""schema: counts, draft vs reviewed records, and the published JSON Schemas."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from mmptm_site import schema


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (428000000, 428_000_000),
        ("428M", 428_000_000),
        ("1.2B", 1_200_000_000),
        ("300K", 300_000),
        ("86 M", 86_000_000),
        ("2t", 2_000_000_000_000),
        (1.5e9, 1_500_000_000),
    ],
)
def test_counts(written, stored):
    assert schema.ModelArchitecture(interaction="dual-encoder", parameters=written).parameters == stored


@pytest.mark.parametrize("written", ["428X", "many", True, -1, 0, "1.2.3B"])
def test_bad_counts(written):
    with pytest.raises(ValidationError):
        schema.ModelArchitecture(interaction="dual-encoder", parameters=written)


def test_every_written_count_form_is_allowed_by_the_json_schema():
    count_schema = schema.json_schemas()["model.schema.json"]["$defs"]["ModelArchitecture"]["properties"]["parameters"]
    [written_forms] = [s for s in count_schema["anyOf"] if "anyOf" in s]
    pattern = next(s for s in written_forms["anyOf"] if s.get("type") == "string")["pattern"]
    for text in ("428M", "1.2B", "300K", "86 M"):
        assert re.match(pattern, text)


def test_model_class_depends_on_needs_review():
    assert schema.model_class({"needs_review": True}) is schema.ModelDraft
    assert schema.model_class({"needs_review": False}) is schema.ModelRecord
    assert schema.model_class({}) is schema.ModelRecord
    assert schema.model_class([]) is schema.ModelRecord


def test_reviewed_record_requires_content_fields():
    minimal = {"id": "x", "name": "X", "title": "X: a paper", "year": 2020}
    schema.ModelDraft.model_validate(minimal)
    with pytest.raises(ValidationError) as caught:
        schema.ModelRecord.model_validate(minimal)
    missing = {e["loc"][0] for e in caught.value.errors() if e["type"] == "missing"}
    assert missing == {
        "authors",
        "venue",
        "links",
        "modalities",
        "architecture",
        "datasets",
        "objectives",
        "knowledge",
        "tasks",
        "summary",
        "sources",
        "added",
        "reviewed",
    }


def test_model_json_schema_says_reviewed_records_need_fields():
    model_schema = schema.json_schemas()["model.schema.json"]
    assert model_schema["additionalProperties"] is False
    assert set(model_schema["required"]) == {"id", "name", "title", "year"}
    assert "summary" in model_schema["else"]["required"]
    assert model_schema["if"]["properties"]["needs_review"] == {"const": True}


def test_vocabulary_schemas_are_lists():
    schemas = schema.json_schemas()
    for name in schema.VOCABULARIES:
        assert schemas[f"vocab-{name}.schema.json"]["type"] == "array"


def test_arxiv_ids():
    links = schema.Links
    links(arxiv="2103.00020")
    links(arxiv="hep-th/9901001")
    for bad in ("2103.00020v2", "arXiv:2103.00020", "2103.2"):
        with pytest.raises(ValidationError):
            links(arxiv=bad)
