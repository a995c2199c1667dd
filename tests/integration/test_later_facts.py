"""The post-survey models agree with the checked facts in ../shared/later-models-facts.tsv (when it is there)."""

from __future__ import annotations

import csv
import re

import pytest

from mmptm_site.data.duplicate_papers import normalised_title
from mmptm_site.data.validate import validate

from ..conftest import REAL_DATA, SHARED

FACTS = SHARED / "later-models-facts.tsv"
SPECIAL_IDS = {"xGen-MM (BLIP-3)": "xgen-mm", "xCLIP (nCLIP)": "xclip", "CLIP^2": "clip2"}

pytestmark = pytest.mark.skipif(
    not FACTS.is_file(), reason=f"{FACTS} is absent: the later-models comparison needs ../shared beside the project"
)


CORRECTED_SINCE = {"DemoVLP": "the paper's title has no 'DemoVLP:' prefix (the facts took it from a list bullet)"}
"""Models whose records were corrected from a primary source after the facts file was written: model → why."""


def rows() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def model_id(name: str) -> str:
    return SPECIAL_IDS.get(name) or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def data():
    data, problems = validate(REAL_DATA)
    assert problems == []
    return data


def test_at_least_120_later_models_are_catalogued(data):
    present = [row["model"] for row in rows() if model_id(row["model"]) in data.models]
    assert len(present) >= 120
    assert [row["model"] for row in rows() if model_id(row["model"]) not in data.models] == []


def test_arxiv_ids_and_years_match(data):
    for row in rows():
        model = data.models[model_id(row["model"])]
        if row["arxiv_id"]:
            assert model.links is not None and model.links.arxiv == row["arxiv_id"], row["model"]
        if row["year"]:
            assert model.year == int(row["year"]), row["model"]


def test_titles_match_or_say_why(data):
    for row in rows():
        model = data.models[model_id(row["model"])]
        if row["model"] in CORRECTED_SINCE:
            continue
        if row["title"] and normalised_title(model.title) != normalised_title(row["title"]):
            # a later version retitled the paper: the record must say so
            assert model.review_note and "title" in model.review_note.lower(), row["model"]


def test_confirmed_venues_match(data):
    for row in rows():
        model = data.models[model_id(row["model"])]
        if row["venue"] and "unverified" not in row["notes"].lower():
            assert model.venue is not None, row["model"]
            venue = data.vocab["venues"][model.venue.id]
            names = {name.casefold() for name in [venue.name, venue.full_name or "", *venue.aliases]}
            assert row["venue"].casefold() in names, (row["model"], row["venue"], venue.id)
