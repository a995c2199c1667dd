"""Shared fixtures: a small, valid data directory copied per test so tests can break it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
REAL_DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of tests/fixtures/data; the working directory is its parent, so paths print as data/…"""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture
def real_vocab_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with the catalogue's real vocabularies and datasets but no models (so no evaluator
    that is a catalogued model's paper)."""
    target = tmp_path / "real"
    shutil.copytree(REAL_DATA / "vocab", target / "vocab")
    shutil.copytree(REAL_DATA / "datasets", target / "datasets")
    evaluators = yaml.safe_load((target / "vocab/evaluators.yaml").read_text(encoding="utf-8"))
    standalone = [evaluator for evaluator in evaluators if "model" not in evaluator]
    (target / "vocab/evaluators.yaml").write_text(yaml.safe_dump(standalone), encoding="utf-8")
    (target / "models").mkdir()
    monkeypatch.chdir(tmp_path)
    return target
