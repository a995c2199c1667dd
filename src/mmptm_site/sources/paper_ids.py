"""A paper's identifiers in a list's text: arXiv ids (from every kind of link to a paper), DOIs, OpenReview ids."""

from __future__ import annotations

import re

_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[a-z]{2})?/\d{7})"
ARXIV_REFERENCE = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers|alphaxiv\.org/(?:abs|overview|pdf))/{_ARXIV_ID}"
    r"(?:v\d+)?(?:\.pdf)?"
    r"|arxiv\s*[: ]\s*(\d{4}\.\d{4,5})(?:v\d+)?",
    re.IGNORECASE,
)
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)\?id=([\w-]+)", re.IGNORECASE)
DOI_REFERENCE = re.compile(r"(?:doi\.org/|\bdoi:\s*)(10\.\d{4,9}/[^\s\])]+)", re.IGNORECASE)


def year_of_arxiv(arxiv_id: str) -> int:
    """The year in an arXiv id's yymm (new style '2103.00020' or old style 'cs/0112017')."""
    yy = int(arxiv_id.split("/")[-1][:2])
    return 1900 + yy if yy >= 91 else 2000 + yy


def arxiv_ids(text: str) -> list[str]:
    """arXiv ids in `text`, in order: from arxiv.org abs/pdf/html links (any version), Hugging Face papers,
    alphaxiv and 'arXiv:ID' mentions."""
    found: list[str] = []
    for match in ARXIV_REFERENCE.finditer(text):
        arxiv_id = match.group(1) or match.group(2)
        if arxiv_id not in found:
            found.append(arxiv_id)
    return found


def openreview_id(text: str) -> str | None:
    """The id of the first OpenReview forum or PDF link in `text`."""
    return match.group(1) if (match := _OPENREVIEW.search(text)) else None
