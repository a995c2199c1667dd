"""writer: the canonical form of a record reads back to the same values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mmptm_site import schema
from mmptm_site.load import parse
from mmptm_site.validate import validate
from mmptm_site.writer import dump_record, schema_line, write_record


def reread(text: str, cls):
    return cls.model_validate(parse(text, Path("x.yaml")).data)


def test_strings_yaml_would_misread_are_quoted():
    record = schema.ModelDraft(
        id="x",
        name="no",
        title="2103.00020",
        year=2020,
        needs_review=True,
        review_note="on",
        tags=["yes", "null", "1e3", "0x10", "2021-01-01"],
    )
    text = dump_record(record, "models")
    assert reread(text, schema.ModelDraft) == record
    assert "name: 'no'" in text and "title: '2103.00020'" in text


def test_layout(data_dir):
    data, _ = validate(data_dir)
    text = dump_record(data.models["alpha"], "models")
    assert text.startswith(schema_line("models"))
    assert text.endswith("\n") and not text.endswith("\n\n")
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if line and not line.startswith((" ", "-"))]
    assert keys == [k for k in schema.ModelRecord.model_fields if k in keys]  # schema order
    assert "&" not in text and "*" not in text
    assert "added: 2026-01-15" in text
    assert "    official: true" in text  # list items indented under their key


def test_write_refuses_to_overwrite(tmp_path):
    record = schema.ModelDraft(id="x", name="X", title="T", year=2020, needs_review=True, review_note="check")
    path = write_record(record, "models", tmp_path)
    assert path == tmp_path / "models" / "x.yaml"
    with pytest.raises(FileExistsError):
        write_record(record, "models", tmp_path)
    write_record(record, "models", tmp_path, overwrite=True)
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["x.yaml"]  # no temporary file left


def test_unicode_is_written_as_is():
    record = schema.ModelDraft(
        id="x",
        name="Ünï",
        title="Ça — 中文",
        year=2020,
        needs_review=True,
        review_note="check",
        added=dt.date(2026, 1, 1),
    )
    text = dump_record(record, "models")
    assert "Ça — 中文" in text
    assert reread(text, schema.ModelDraft) == record
