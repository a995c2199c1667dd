"""provenance: which sources are primary for a record and for a number."""

from __future__ import annotations

import pytest

from mmptm_site.data.provenance import is_primary, is_primary_for_result, primary_sources
from mmptm_site.data.schema import Evaluator, ModelDraft, SourcePolicy

POLICY = SourcePolicy(primary_hosts=["arxiv.org", "thecvf.com", "research.google"])
MODEL = ModelDraft(
    id="m",
    name="M",
    title="M: a model",
    year=2024,
    links={
        "code": [
            {"url": "https://github.com/Org/m-code", "official": True},
            {"url": "https://github.com/fan/m", "official": False},
        ],
        "project": "https://m.github.io/page/",
    },
    weights={"availability": "open", "url": "https://huggingface.co/collections/OrgHF/m-123"},
    sources=["https://digest.example/m", "https://arxiv.org/abs/2401.00001", "https://github.com/Org/other"],
)


@pytest.mark.parametrize(
    ("url", "primary"),
    [
        ("https://arxiv.org/abs/2401.00001", True),
        ("https://ar5iv.labs.arxiv.org/html/2401.00001", True),  # a subdomain of a primary host
        ("https://openaccess.thecvf.com/content/x.html", True),
        ("https://notarxiv.org/abs/2401.00001", False),  # a host that merely ends like one
        ("https://github.com/Org/anything", True),  # the official repository's owner
        ("https://github.com/org/m-code/blob/abc/README.md", True),  # owners compare without case
        ("https://github.com/fan/m", False),  # an unofficial implementation
        ("https://huggingface.co/OrgHF/m-7b", True),  # the weights' owner
        ("https://huggingface.co/papers/2401.00001", False),  # Hugging Face's paper digest
        ("https://huggingface.co/OrgHF/m-7b/discussions/31", False),  # written by visitors, not the owner
        ("https://github.com/Org/m-code/issues/12", False),
        ("https://m.github.io/page/results", True),  # the project page's host
        ("https://other.github.io/m", False),
        ("https://digest.example/m", False),
    ],
)
def test_is_primary(url, primary):
    assert is_primary(url, MODEL, POLICY) is primary


def test_primary_sources_keep_the_records_order():
    assert primary_sources(MODEL, POLICY) == ["https://arxiv.org/abs/2401.00001", "https://github.com/Org/other"]
    assert primary_sources(MODEL, None) == MODEL.sources  # no policy: every source counts


def test_a_third_partys_number_is_primary_at_the_evaluators_own_place():
    toolkit = Evaluator(id="kit", name="Kit", description="d", kind="toolkit", url="https://github.com/kit/kit")
    other = ModelDraft(
        id="o", name="O", title="O", year=2024, links={"code": [{"url": "https://github.com/o/o", "official": True}]}
    )
    paper = Evaluator(id="o-paper", name="O paper", description="d", kind="paper", model="o")
    assert is_primary_for_result("https://github.com/kit/kit/blob/x/results.csv", MODEL, "kit", toolkit, None, POLICY)
    assert not is_primary_for_result(
        "https://github.com/kit/kit/blob/x/results.csv", MODEL, "authors", None, None, POLICY
    )
    assert is_primary_for_result("https://github.com/o/o/README.md", MODEL, "o-paper", paper, other, POLICY)
    assert not is_primary_for_result("https://digest.example/o", MODEL, "o-paper", paper, other, POLICY)
