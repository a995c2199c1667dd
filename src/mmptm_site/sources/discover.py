"""Notice new papers: ask the arXiv API for recent papers of the field that the catalogue lacks.

`mmptm-site discover` reads its categories and phrases from `data/discover.yaml`, leaves out papers
already catalogued (by arXiv id or title), ranks the rest, and writes a Markdown report for a maintainer
to triage; with `--drafts` it also writes `needs_review` drafts through the canonical writer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from mmptm_site.data.directory import Data
from mmptm_site.data.duplicate_papers import normalised_title
from mmptm_site.data.ids import id_from_name
from mmptm_site.data.load import load_file
from mmptm_site.data.schema import ID_PATTERN, DiscoverConfig, ModelDraft, named_vocabularies
from mmptm_site.sources.arxiv import ArxivPaper, search_recent

CONFIG_FILE = "discover.yaml"


@dataclass(frozen=True)
class Candidate:
    paper: ArxivPaper
    score: int
    matched: list[str]


def read_config(data_dir: Path) -> DiscoverConfig:
    """The discover settings of a data directory (DataError with a location when they are wrong)."""
    from pydantic import ValidationError

    from mmptm_site.data.problems import DataError
    from mmptm_site.data.schema_problems import schema_problems

    loaded = load_file(data_dir / CONFIG_FILE)
    try:
        return DiscoverConfig.model_validate(loaded.data)
    except ValidationError as error:
        raise DataError(schema_problems(error, DiscoverConfig, loaded)) from None


def queries(config: DiscoverConfig) -> list[str]:
    """One arXiv query per phrase, over all the categories."""
    categories = " OR ".join(f"cat:{category}" for category in config.categories)
    return [f'({categories}) AND (ti:"{phrase}" OR abs:"{phrase}")' for phrase in config.phrases]


def rank(papers: list[ArxivPaper], config: DiscoverConfig, data: Data) -> list[Candidate]:
    """Papers not yet catalogued, most relevant first: phrases matched, then vocabulary terms, then newest."""
    known_ids = {m.links.arxiv for m in data.models.values() if m.links and m.links.arxiv}
    known_titles = {normalised_title(m.title) for m in data.models.values()}
    vocabularies = named_vocabularies(data.vocab)
    terms = {e.name.casefold() for kind in ("objectives", "benchmarks") for e in vocabularies.get(kind, {}).values()}
    candidates: dict[str, Candidate] = {}
    for paper in papers:
        if paper.arxiv_id in known_ids or normalised_title(paper.title) in known_titles:
            continue
        text = f"{paper.title} {paper.summary}".casefold()
        matched = [phrase for phrase in config.phrases if phrase.casefold() in text]
        score = 3 * len(matched) + sum(1 for term in terms if term in text)
        candidates[paper.arxiv_id] = Candidate(paper, score, matched)
    return sorted(candidates.values(), key=lambda c: (-c.score, -c.paper.published.toordinal(), c.paper.arxiv_id))


def report(candidates: list[Candidate], since: dt.date) -> str:
    """A Markdown report, one entry per candidate; paper text is escaped so it cannot become markup."""
    from mmptm_site.markdown import markdown_text

    lines = [
        f"# New papers since {since.isoformat()}",
        "",
        f"{len(candidates)} papers found by `mmptm-site discover` that the catalogue does not have yet, most "
        "relevant first. Add the ones that are large-scale multi-modal pre-trained models with "
        "`mmptm-site new NAME --arxiv ID`.",
        "",
    ]
    for number, candidate in enumerate(candidates, start=1):
        paper = candidate.paper
        authors = ", ".join(paper.authors[:8]) + (" et al." if len(paper.authors) > 8 else "")
        lines += [
            f"{number}. **{markdown_text(paper.title)}** ({paper.published.isoformat()}, score {candidate.score})  ",
            f"   {markdown_text(authors)}  ",
            f"   [arXiv {paper.arxiv_id}]({paper.url}) · {', '.join(paper.categories)}"
            + (f" · matched: {', '.join(markdown_text(m) for m in candidate.matched)}" if candidate.matched else ""),
        ]
    return "\n".join(lines) + "\n"


def draft_id(paper: ArxivPaper, taken: set[str]) -> str:
    """An id from the title's leading name ('BLIP-3: …' → 'blip-3'), unique among `taken`."""
    head = paper.title.split(":")[0] if ":" in paper.title[:40] else " ".join(paper.title.split()[:4])
    base = id_from_name(head, max_length=40) or f"arxiv-{paper.arxiv_id}"
    if not re.match(ID_PATTERN, base):
        base = "arxiv-" + re.sub(r"[^a-z0-9]+", "-", paper.arxiv_id.lower()).strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def draft(paper: ArxivPaper, model_id: str, today: dt.date) -> ModelDraft:
    name = paper.title.split(":")[0].strip() if ":" in paper.title[:40] else model_id
    return ModelDraft(
        id=model_id,
        name=name,
        **paper.record_fields(),
        added=today,
        needs_review=True,
        review_note="Found by `mmptm-site discover`: check that it is a multi-modal pre-trained model, then fill "
        "in the venue, modalities, architecture, data, objectives, tasks and a summary.",
    )


def discover(data: Data, since: dt.date, config: DiscoverConfig) -> list[Candidate]:
    papers: list[ArxivPaper] = []
    for query in queries(config):
        papers.extend(search_recent(query, since, config.per_query_limit))
    return rank(papers, config, data)
