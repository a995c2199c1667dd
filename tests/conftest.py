"""Shared fixtures: a small, valid data directory copied per test so tests can break it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
    """A data directory with the catalogue's real vocabularies and datasets but no models."""
    target = tmp_path / "real"
    shutil.copytree(REAL_DATA / "vocab", target / "vocab")
    shutil.copytree(REAL_DATA / "datasets", target / "datasets")
    (target / "models").mkdir()
    monkeypatch.chdir(tmp_path)
    return target
