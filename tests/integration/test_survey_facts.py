"""The survey's 89 models agree with the checked facts in ../shared/survey-facts.tsv (when it is there)."""

from __future__ import annotations

import csv
import re

import pytest

from mmptm_site.data.duplicate_papers import normalised_title
from mmptm_site.data.validate import validate

from ..conftest import REAL_DATA, SHARED

FACTS = SHARED / "survey-facts.tsv"

pytestmark = pytest.mark.skipif(
    not FACTS.is_file(), reason=f"{FACTS} is absent: the survey facts comparison needs ../shared beside the project"
)


CORRECTED_SINCE = {
    "R2D2": ("10.1145/3581783.3611877", "retitled 'CCMB: …' and published at ACM MM 2023, after the facts were taken"),
    "MVP": ("10.1007/978-3-031-20056-4_20", "published at ECCV 2022 (Springer LNCS), which the facts did not find"),
}
"""Models whose records were corrected from a primary source after the facts file was written: model → (the
DOI the record must now name, why)."""


def survey_rows() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def model_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.fixture(scope="module")
def data():
    data, problems = validate(REAL_DATA)
    assert problems == []
    return data


def test_every_survey_model_is_catalogued(data):
    missing = [row["model"] for row in survey_rows() if model_id(row["model"]) not in data.models]
    assert missing == []


def test_corrections_name_their_source(data):
    for name, (doi, _) in CORRECTED_SINCE.items():
        model = data.models[model_id(name)]
        assert model.links is not None and model.links.doi == doi, name


def test_titles_and_arxiv_ids_match(data):
    for row in survey_rows():
        model = data.models[model_id(row["model"])]
        if row["arxiv_id"]:
            assert model.links is not None and model.links.arxiv == row["arxiv_id"], row["model"]
        if row["model"] in CORRECTED_SINCE:
            continue
        if not row["title"]:  # the facts could not identify the paper: the record must say it is unverified
            assert model.needs_review, row["model"]
            continue
        assert normalised_title(model.title) == normalised_title(row["title"]), row["model"]


def venue_names(data, venue_id: str) -> set[str]:
    venue = data.vocab["venues"][venue_id]
    return {name.casefold() for name in [venue.name, *venue.aliases]}


def test_venues_match(data):
    for row in survey_rows():
        model = data.models[model_id(row["model"])]
        if not row["title"] or row["model"] in CORRECTED_SINCE:
            continue
        if row["venue"]:
            assert model.venue is not None, f"{row['model']}: venue {row['venue']} missing"
            assert row["venue"].casefold() in venue_names(data, model.venue.id), row["model"]
            assert model.venue.year == int(row["venue_year"]), row["model"]
        elif model.venue is not None:
            # unconfirmed venue in the facts: the record may only call it a preprint
            assert model.venue.id == "arxiv", f"{row['model']}: venue {model.venue.id} not confirmed by the facts"


def test_first_author_matches(data):
    for row in survey_rows():
        model = data.models[model_id(row["model"])]
        if model.authors and row["first_author"]:
            assert normalised_title(model.authors[0]) == normalised_title(row["first_author"]), row["model"]
