"""A paper as read from one list entry (`Candidate`), and how its links and identifiers are kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mmptm_site.data import schema
from mmptm_site.sources.entry_text import LINK_LABELS_BY_KIND, clean, shorten
from mmptm_site.sources.paper_ids import ARXIV_REFERENCE, DOI_REFERENCE, arxiv_ids, openreview_id, year_of_arxiv


@dataclass
class Candidate:
    """A paper as read from one entry, before it is checked against the catalogue."""

    line: int
    text: str
    title: str = ""
    name: str = ""  # as the list gives it (a tag, a Model column); '' when only the title can tell
    name_only: bool = False  # the list gives only a model name, so `title` is a placeholder
    years: list[int] = field(default_factory=list)  # in order of trust: arXiv id, venue tag, date, heading
    arxiv: list[str] = field(default_factory=list)
    doi: str | None = None
    openreview: str | None = None
    paper: str | None = None
    project: str | None = None
    code: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    venue: schema.VenueRef | None = None
    notes: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # labels of links that have no field in a record


def add_link(candidate: Candidate, label: str, url: str, kind: str | None = None) -> None:
    """Keep a link by what its label says; links that say nothing we store are named in the note."""
    url, label = url.strip(), clean(label)
    kind = kind or next((k for k, labels in LINK_LABELS_BY_KIND.items() if label.casefold() in labels), "other")
    if not url or url.startswith("#") or ARXIV_REFERENCE.search(url) or DOI_REFERENCE.search(url):
        return  # nothing, an anchor, or kept as links.arxiv / links.doi
    if not re.match(schema.URL_PATTERN, url):
        candidate.notes.append(f"{label or 'a'} link '{shorten(url, 60)}' is not a URL")
    elif kind == "code" or (kind == "other" and re.match(r"https?://(www\.)?git(hub|lab)\.com/", url)):
        candidate.code += [] if url in candidate.code else [url]
    elif kind == "paper" and candidate.paper is None:
        candidate.paper = url
    elif kind == "project" and candidate.project is None:
        candidate.project = url
    else:
        candidate.dropped.append(label or url)


def add_identifiers(candidate: Candidate, text: str, preferred: str = "") -> str:
    """Collect arXiv ids (those in `preferred` links first), a DOI and an OpenReview id; blank the arXiv ids out."""
    for arxiv_id in arxiv_ids(preferred) + arxiv_ids(text):
        if arxiv_id not in candidate.arxiv:
            candidate.arxiv.append(arxiv_id)
    if doi := DOI_REFERENCE.search(preferred + " " + text):
        candidate.doi = doi.group(1).rstrip(".,")
    candidate.openreview = openreview_id(preferred + " " + text)
    if len(candidate.arxiv) > 1:
        candidate.notes.append(f"several arXiv ids in the item ({', '.join(candidate.arxiv)}); kept the first")
    if candidate.arxiv:
        candidate.years.insert(0, year_of_arxiv(candidate.arxiv[0]))
    return ARXIV_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)  # same length: title offsets stay valid
