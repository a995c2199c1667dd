"""Shared fixtures: a small, valid data directory copied per test so tests can break it freely, and the
arXiv API answering from recorded responses."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
REAL_DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
ARXIV_RECORDINGS = Path(__file__).resolve().parent / "fixtures" / "arxiv"


class RecordedResponse:
    status_code = 200

    def __init__(self, content: bytes):
        self.content = content


@pytest.fixture
def arxiv_api(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The arXiv API answers from recordings: a paper asked for by id from fixtures/arxiv/<id>.xml, any search
    from fixtures/arxiv/search.xml; anything else fails as if offline. Returns the URLs asked for."""
    requested: list[str] = []
    papers = {path.stem: path for path in ARXIV_RECORDINGS.glob("*.xml") if path.stem != "search"}

    def get(self: requests.Session, url: str, **kwargs: object) -> RecordedResponse:
        requested.append(url)
        if recorded := next((path for stem, path in papers.items() if stem in url), None):
            return RecordedResponse(recorded.read_bytes())
        if "search_query=" in url and not re.search(r"id_list=[^&]", url):  # a search, not a paper by id
            return RecordedResponse((ARXIV_RECORDINGS / "search.xml").read_bytes())
        raise requests.exceptions.ConnectionError("no network in tests")

    monkeypatch.setattr(requests.Session, "get", get)
    return requested


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
