"""What the site search (mkdocs-material's search plugin) indexes of each generated page.

Left to itself, the search plugin indexes every section of a page's HTML: on generated pages that is every
leaderboard number, chart table and list of models, so a search for "Flamingo" found the statistics page
second, inside a wall of chart numbers, and curator notes showed in snippets. Instead, each generated
page offers the plugin a short document of what a reader searches for (the plugin hands it over and
shows the page as it is):

- a model page: its name as the title, then the paper's title, former ids, authors, organisations, arXiv
  id, first release and venue, and the summary; never a review note, a result or a BibTeX entry;
- a facet page (objective, dataset, task, benchmark, modality, architecture, knowledge, venue, year): its
  name, other names and description; never its list of models or its leaderboards;
- any other generated page (the home and index pages, compare, statistics): its heading and the
  paragraphs and list items before its first `h2`, leaving out tables, figures (charts), forms, folded
  details, admonitions and anything marked `data-search-exclude`.

Hand-written pages (docs/) are indexed whole, as the search plugin does.

Ranking. The theme's search engine (lunr) turns off length normalisation and appends a wildcard to every
searched word, so "clip" scored CLIP^2 and CLIP2Point above CLIP: their rarer words begin with "clip". Two
things put a model's own page first for its name: mkdocs.yml's search `separator` also splits at
punctuation and between letters and digits ("CLIP^2" is "clip 2", "BLIP2" and "BLIP-2" are "blip 2"), and
each generated page gets a boost that is a little larger the fewer words its title has (`title_boost`),
and twice as large on a model page: among the pages whose titles hold the searched words, the one whose
title is just those words comes first, while a title holding more of the searched words still wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from mmptm_site.catalog import FACETS, Catalog
from mmptm_site.data.schema import Benchmark, DatasetRecord, ModelDraft, Objective
from mmptm_site.urls import source_path

MODEL_WEIGHT = 2.0
"""A model page weighs twice as much as another page with the same title words."""
TITLE_LENGTH_STEP = 0.2
DEFAULT_SEPARATOR = r"[\s\-]+"
"""The search plugin's separator for English when mkdocs.yml sets none."""


@dataclass(frozen=True)
class SearchDocument:
    """One page's entry in the search index: a title and a few paragraphs of plain text."""

    title: str
    paragraphs: tuple[str, ...] = ()
    weight: float = 1.0

    def html(self) -> str:
        """The document as the HTML the search plugin reads: one `h1` (its title) and `p`s, text escaped.

        The heading has an id so that the plugin takes its text as the entry's title; as the page's first
        heading, the entry still points at the page itself (no `#anchor`).
        """
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs if paragraph)
        return f'<h1 id="search">{escape(self.title)}</h1>{body}'


def _joined(label: str, values: Iterable[str]) -> str:
    values = [value for value in values if value]
    return f"{label}: {', '.join(values)}" if values else ""


def title_boost(title: str, separator: str, weight: float = 1.0) -> float:
    """`weight` × (1 + 0.2 / the number of words of the title, split as the search plugin splits them).

    The step between one and two words (1.2 against 1.1) outweighs what the text of a page adds to its
    score (the title counts a thousand times as much) but not one more searched word in a title.
    """
    try:
        words = [word for word in re.split(separator, title) if word]
    except re.error:  # a separator in JavaScript-only syntax: count words at spaces
        words = title.split()
    return round(weight * (1 + TITLE_LENGTH_STEP / max(len(words), 1)), 3)


def model_document(model: ModelDraft, catalog: Catalog) -> SearchDocument:
    venue = catalog.data.vocab["venues"].get(model.venue.id) if model.venue else None
    arxiv = model.links.arxiv if model.links and model.links.arxiv else None
    where = " · ".join(
        part
        for part in (
            f"arXiv {arxiv}" if arxiv else "",
            str(model.released or model.year),
            f"{venue.name} {model.venue.year}" if venue and model.venue else "",
        )
        if part
    )
    return SearchDocument(
        title=model.name,
        paragraphs=(
            model.title,
            _joined("Former ids", model.aliases),
            ", ".join(model.authors),
            ", ".join(model.organisations),
            where,
            model.summary or "",
        ),
        weight=MODEL_WEIGHT,
    )


def entry_document(kind: str, entry: object, catalog: Catalog) -> SearchDocument:
    """A facet page's document: name, other names and what the entry is, in the entry's own words."""
    name = str(getattr(entry, "name", ""))
    paragraphs = [_joined("Also known as", [str(alias) for alias in getattr(entry, "aliases", [])])]
    if isinstance(entry, DatasetRecord):
        paragraphs += [entry.title or "", f"Pre-training dataset, {entry.year}", entry.summary or ""]
    else:
        paragraphs.append(str(getattr(entry, "description", "") or ""))
    if isinstance(entry, Benchmark):
        task = catalog.data.vocab["tasks"].get(entry.task)
        paragraphs.append(f"Benchmark of {task.name if task else entry.task} · data: {entry.dataset}")
    if isinstance(entry, Objective):
        paragraphs.append(f"Pre-training objective, {entry.category}")
    return SearchDocument(title=name, paragraphs=tuple(paragraphs))


def catalogue_documents(catalog: Catalog) -> dict[str, SearchDocument]:
    """The search document of every model and facet page, by the page's source path."""
    documents = {source_path("models", model.id): model_document(model, catalog) for model in catalog.models}
    for kind in FACETS:
        for entry_id, entry in catalog.entries(kind).items():
            documents[source_path(kind, entry_id)] = entry_document(kind, entry, catalog)
    for year, models in catalog.by_year.items():
        documents[source_path("years", year)] = SearchDocument(
            title=f"Models of {year}", paragraphs=(f"{len(models)} models first published in {year}.",)
        )
    return documents


# Elements whose text a page's lead leaves out: data (tables, charts), controls, folded or aside content.
_SKIPPED = {"table", "figure", "svg", "form", "details", "pre", "script", "style", "noscript", "nav", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KEPT = {"p", "li"}


class _LeadParser(HTMLParser):
    """The first `h1` of a page, and the text of its `p` and `li` elements before its first `h2`.

    Forgiving as browsers are: a `p` or `li` ends where the next one starts, a stray end tag is ignored,
    and text still open at the end counts.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.paragraphs: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped) of every element open now
        self._heading: list[str] | None = None
        self._block: list[str] | None = None
        self.done = False

    @property
    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._open)

    def _flush(self) -> None:
        if self._block is not None:
            text = " ".join("".join(self._block).split())
            if text:
                self.paragraphs.append(text)
            self._block = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done or tag in _VOID:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skipped = tag in _SKIPPED or "admonition" in classes or "data-search-exclude" in attributes
        if self._skipping:
            self._open.append((tag, skipped))
            return
        if tag == "h2":
            self._flush()
            self.done = True
            return
        if skipped or tag in _KEPT or tag == "h1":
            self._flush()
        self._open.append((tag, skipped))
        if skipped:
            return
        if tag == "h1" and not self.title and self._heading is None:
            self._heading = []
        elif tag in _KEPT and self._heading is None:
            self._block = []

    def handle_endtag(self, tag: str) -> None:
        if self.done or all(open_tag != tag for open_tag, _ in self._open):
            return  # a stray end tag
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag in _KEPT and not self._skipping:
                self._flush()
            if open_tag == "h1" and self._heading is not None:
                self.title = " ".join("".join(self._heading).split())
                self._heading = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.done or self._skipping:
            return
        if self._heading is not None:
            self._heading.append(data)
        elif self._block is not None:
            self._block.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def lead_document(html: str, fallback_title: str) -> SearchDocument:
    """A page's heading and the paragraphs before its first `h2`, outside tables, charts and controls."""
    parser = _LeadParser()
    # fed up to each `<h2` in turn, so that parsing stops at the first one that ends the lead: the rest of
    # an index page (the catalogue's is megabytes) is never parsed
    start = 0
    while not parser.done:
        cut = html.find("<h2", start + 1)
        parser.feed(html[start:] if cut == -1 else html[start:cut])
        if cut == -1:
            break
        start = cut
    parser.close()
    return SearchDocument(title=parser.title or fallback_title, paragraphs=tuple(parser.paragraphs))
