"""Paper metadata from the arXiv API, through the `arxiv` client library.

`new --arxiv` fills a record's title, authors, year and links from here, and `discover` asks it for
recent papers. Network failures become `ArxivUnavailable`, so commands can say so and carry on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import arxiv
import requests

_VERSION = re.compile(r"v\d+$")


class ArxivUnavailable(Exception):
    """The arXiv API could not be reached or gave no usable answer."""


@dataclass(frozen=True)
class ArxivPaper:
    arxiv_id: str
    title: str
    authors: list[str]
    published: dt.date
    summary: str
    categories: list[str]
    comment: str | None = None

    @property
    def url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}"

    def record_fields(self) -> dict[str, object]:
        """What a model record can take from the arXiv entry: title, authors, year, month and links."""
        return {
            "title": self.title,
            "authors": self.authors,
            "year": self.published.year,
            "released": self.published.strftime("%Y-%m"),
            "links": {"arxiv": self.arxiv_id},
            "sources": [self.url],
        }


def _paper(result: arxiv.Result) -> ArxivPaper:
    return ArxivPaper(
        arxiv_id=_VERSION.sub("", result.get_short_id()),
        title=" ".join(result.title.split()),
        authors=[author.name for author in result.authors],
        published=result.published.date(),
        summary=" ".join(result.summary.split()),
        categories=list(result.categories),
        comment=result.comment,
    )


def _client() -> arxiv.Client:
    return arxiv.Client(page_size=100, delay_seconds=3.0, num_retries=1)


def _results(search: arxiv.Search, client: arxiv.Client | None) -> Iterable[ArxivPaper]:
    try:
        for result in (client or _client()).results(search):
            yield _paper(result)
    except (requests.exceptions.RequestException, arxiv.HTTPError, arxiv.UnexpectedEmptyPageError) as error:
        raise ArxivUnavailable(f"the arXiv API could not be reached ({error.__class__.__name__})") from None


def fetch_paper(arxiv_id: str, client: arxiv.Client | None = None) -> ArxivPaper:
    """The paper with this arXiv id (any version suffix is dropped)."""
    papers = list(_results(arxiv.Search(id_list=[_VERSION.sub("", arxiv_id)]), client))
    if not papers:
        raise ArxivUnavailable(f"the arXiv API knows no paper {arxiv_id}")
    return papers[0]


def search_recent(query: str, since: dt.date, limit: int, client: arxiv.Client | None = None) -> list[ArxivPaper]:
    """Papers matching `query`, newest first, submitted on or after `since` (at most `limit`)."""
    search = arxiv.Search(query=query, max_results=limit, sort_by=arxiv.SortCriterion.SubmittedDate)
    papers = []
    for paper in _results(search, client):
        if paper.published < since:
            break  # sorted by submission date, newest first
        papers.append(paper)
    return papers
