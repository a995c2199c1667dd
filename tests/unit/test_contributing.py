"""new, fmt, the field reference and the pre-commit hooks: the contributor's path."""

from __future__ import annotations

import pytest
import yaml

from mmptm_site.cli import main
from mmptm_site.data import fmt as fmt_module
from mmptm_site.data.fmt import FormatError, format_text
from mmptm_site.data.load import parse
from mmptm_site.data.reference import updated
from mmptm_site.data.validate import validate
from mmptm_site.data.writer import dump_record

from ..conftest import REAL_DATA, ROOT


def test_new_fills_from_arxiv(data_dir, arxiv_api, capsys):
    assert main(["new", "CLIP again", "--arxiv", "2103.00020v1"]) == 0
    text = (data_dir / "models/clip-again.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    assert record["title"] == "Learning Transferable Visual Models From Natural Language Supervision"
    assert record["authors"][0] == "Alec Radford" and len(record["authors"]) == 12
    assert record["year"] == 2021 and record["released"] == "2021-02"
    assert record["links"] == {"arxiv": "2103.00020"} and record["needs_review"] is True
    assert "# venue:" in text and "# summary:" in text  # every field, in canonical order
    assert text.index("# venue:") < text.index("# summary:") < text.index("needs_review:")
    assert [p for p in validate(data_dir)[1] if "clip-again" in str(p.path)] == []


def test_new_without_network_writes_the_skeleton(data_dir, arxiv_api, capsys):
    assert main(["new", "Mystery", "--arxiv", "2401.99999"]) == 0
    assert "could not be reached" in capsys.readouterr().err
    record = yaml.safe_load((data_dir / "models/mystery.yaml").read_text(encoding="utf-8"))
    assert record["title"] == "Mystery" and record["needs_review"] is True
    assert [p for p in validate(data_dir)[1] if "mystery" in str(p.path)] == []


def test_new_never_overwrites(data_dir, capsys):
    before = (data_dir / "models/alpha.yaml").read_bytes()
    assert main(["new", "Alpha"]) == 1
    assert (data_dir / "models/alpha.yaml").read_bytes() == before
    assert "exists; nothing was written" in capsys.readouterr().err


COMMENTED = """\
# yaml-language-server: $schema=../../schema/model.schema.json
# a note for reviewers
year: 2022  # of the first arXiv version
title: 'Beta: A Single-stream Test Model'
name: Beta
id: beta
needs_review: true
review_note: check
tags: [yes-tag, no]   # flow list
links: {arxiv: '2202.00002'}
"""


def test_fmt_orders_keeps_comments_and_values(tmp_path):
    path = tmp_path / "models" / "beta.yaml"
    path.parent.mkdir()
    formatted = format_text(COMMENTED, path)
    assert formatted.splitlines()[:4] == [
        "# yaml-language-server: $schema=../../schema/model.schema.json",
        "# a note for reviewers",
        "id: beta",
        "name: Beta",
    ]
    assert "year: 2022  # of the first arXiv version" in formatted
    assert "  - yes-tag\n  - no" in formatted  # block style; `no` keeps its YAML 1.1 meaning
    assert parse(formatted, path).data == parse(COMMENTED, path).data
    assert format_text(formatted, path) == formatted  # formatting twice gives the same bytes


def test_fmt_refuses_to_change_a_value(tmp_path, monkeypatch):
    path = tmp_path / "models" / "beta.yaml"
    path.parent.mkdir()

    def corrupt(node, cls):
        node["year"] = 1999

    monkeypatch.setattr(fmt_module, "_canonical", corrupt)
    with pytest.raises(FormatError):
        format_text(COMMENTED, path)


def test_every_record_in_data_is_canonical():
    # (the fixtures stay hand-written: their line numbers are what the validator tests expect)
    for folder in ("models", "datasets"):
        for path in sorted((REAL_DATA / folder).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            assert format_text(text, path) == text, f"{path}: run `mmptm-site fmt`"


def test_writer_output_is_canonical(data_dir):
    data, _ = validate(data_dir)
    for record in data.models.values():
        path = data_dir / "models" / f"{record.id}.yaml"
        text = dump_record(record, "models")
        assert format_text(text, path) == text


def test_fmt_command(data_dir, capsys):
    path = data_dir / "models/beta.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert main(["fmt", "--check"]) == 1
    assert "data/models/beta.yaml: not in canonical form" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == COMMENTED  # --check changes nothing
    assert main(["fmt"]) == 0
    assert main(["fmt", "--check"]) == 0
    assert "# a note for reviewers" in path.read_text(encoding="utf-8")


def test_contributing_field_reference_is_current():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert updated(text) == text, "run `mmptm-site reference`"
    assert "| `objectives` | reviewed |" in text


def test_pre_commit_hooks_name_real_commands():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in hooks} == {"mmptm-validate", "mmptm-fmt"}
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}
    assert entries["mmptm-validate"] == "mmptm-site validate" and entries["mmptm-fmt"] == "mmptm-site fmt"
    for entry in [hook["entry"] for hook in hooks]:
        with pytest.raises(SystemExit) as caught:
            main([*entry.split()[1:], "--help"])
        assert caught.value.code == 0
