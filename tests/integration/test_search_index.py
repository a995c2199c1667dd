"""The site search's index of a site built from data/: what it holds, what it leaves out, how big it is."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from mmptm_site.data.validate import load_data

from ..conftest import REAL_DATA, ROOT
from ..sitebuild import build

INDEX_LIMIT = 600 * 1024
"""Every page loads the index: today's catalogue keeps it under 600 KB (it was 1.5 MB)."""


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("search") / "site"
    result = build(REAL_DATA, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def index(real_site) -> dict:
    return json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))


def entries(index: dict, page: str) -> list[dict]:
    return [entry for entry in index["docs"] if entry["location"].split("#")[0] == page]


def test_the_index_stays_under_its_limit(real_site):
    assert (real_site / "search/search_index.json").stat().st_size < INDEX_LIMIT


def test_a_model_page_is_one_entry_of_what_readers_search_for(index):
    data = load_data(REAL_DATA)
    blip2 = data.models["blip-2"]
    [entry] = entries(index, "models/blip-2/")
    assert entry["title"] == "BLIP-2" and entry["boost"] > 2
    for text in (blip2.title, *blip2.authors, *blip2.organisations, blip2.links.arxiv):
        assert escape(text, quote=False) in entry["text"]
    assert "VQAv2" not in entry["text"] and "@inproceedings" not in entry["text"]  # no results, no BibTeX


def test_no_review_note_reaches_the_index(index):
    data = load_data(REAL_DATA)
    notes = [m.review_note for m in data.models.values() if m.review_note]
    notes += [d.review_note for d in data.datasets.values() if d.review_note]
    assert len(notes) > 10
    text = json.dumps(index, ensure_ascii=False)
    assert [note for note in notes if escape(note, quote=False) in text or note in text] == []


def test_generated_pages_leave_leaderboards_charts_and_model_lists_out(index):
    [stats] = entries(index, "stats/")
    assert len(stats["text"]) < 1000  # the introduction, not the charts' numbers
    [vqav2] = entries(index, "benchmarks/vqav2/")
    assert "Leaderboards" not in vqav2["text"] and "BLIP-2" not in vqav2["text"]
    [text_modality] = entries(index, "modalities/text/")
    assert len(text_modality["text"]) < 1000  # not the 232 models that read text
    [catalogue] = entries(index, "models/")
    assert len(catalogue["text"]) < 500
    hand_written = {path.stem + "/" for path in (ROOT / "docs").glob("*.md")}
    sections = {entry["location"].split("#")[0] for entry in index["docs"] if "#" in entry["location"]}
    assert sections and sections <= hand_written


def test_hand_written_pages_are_indexed_whole(index):
    assert entries(index, "about/") and any(e["location"] == "about/#permalinks" for e in index["docs"])
    assert any("linkcheck" in e["title"] for e in entries(index, "security/"))
