"""How one entry of a paper list is read into a `Candidate`: title, name, authors, venue, year and links.

`list_entries` finds the entries (list items, table rows, one-paper paragraphs) with a Markdown parser; this
module and those it uses (`entry_text`, `entry_titles`, `author_lists`, `venues`, `paper_ids`) hold the
guesses that no parser can make, because lists write the same facts in many ways: bold, quoted or linked
titles, 'Title. Authors. Venue Year.' lines, `[pdf]`/`[code]` labels, badges and year headings. Everything
here works on one entry's Markdown source text and knows nothing of files or of the catalogue.
"""

from __future__ import annotations

import re

from mmptm_site.sources.author_lists import read_authors
from mmptm_site.sources.entry_candidate import Candidate, add_identifiers, add_link
from mmptm_site.sources.entry_text import (
    BRACKETED_TAG,
    LINK_LABELS_BY_KIND,
    MARKDOWN_IMAGE,
    MARKDOWN_LINK,
    YEAR,
    clean,
    is_link_label,
)
from mmptm_site.sources.entry_titles import plain_title, title_span
from mmptm_site.sources.paper_ids import ARXIV_REFERENCE
from mmptm_site.sources.venues import Venues

_EMPTY_LINK = re.compile(r"\[\s*\]\(([^()\s]*)\)")
_LINK_GROUP = re.compile(r"\[\s*\[([^\[\]]*)\]\(([^()\s]*)\)\s*\]")  # [[Paper](url)]
_TRAILING_NAME = re.compile(r"\(\s*\*\*([^*]{1,40})\*\*\s*\)")  # '…, (**VLP**)': the model's name after its title
_URL = re.compile(r"https?://\S*")


def read_item(text: str, line: int, heading_year: int | None, venues: Venues) -> Candidate:
    """A list item or paragraph: '[tag] **Title**, authors, venue' with link lines, Scholar's
    'Authors. "Title." Venue', '[Title](url), Venue Year [[code]](…)', or 'Title. Authors. Venue Year. [pdf](…)'."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    text = re.sub(r"\[\[([^\[\]]*)\]\]\(([^()]*)\)", r"[[\1](\2)]", text)  # '[[code]](…)' as '[[code](…)]'
    first_line = text.split("\n")[0].strip()
    candidate = Candidate(line, first_line)
    text = MARKDOWN_IMAGE.sub(lambda m: " " * len(m.group(0)), text)  # badges: their alt text is never a title
    text = _EMPTY_LINK.sub(lambda m: f"  {m.group(1)} ", text)  # a badge's link keeps its URL (often arXiv)
    if trailing := _TRAILING_NAME.search(text):
        candidate.name = clean(trailing.group(1)).split(",")[0].strip()  # '(**LayoutT5, LayoutBART**)'
        text = text[: trailing.start()] + " " * len(trailing.group(0)) + text[trailing.end() :]
    masked = _LINK_GROUP.sub(lambda m: " " * len(m.group(0)), text)  # '[[Paper](…)]' is never the title
    groups = _LINK_GROUP.findall(text)
    papers = [url for label, url in groups if clean(label).casefold() in LINK_LABELS_BY_KIND["paper"]]
    span = title_span(masked)
    rest = add_identifiers(candidate, masked, " ".join([span[1] if span else "", *papers, *(url for _, url in groups)]))
    for label, url in groups:
        add_link(candidate, label, url)
    authors_part = None
    if span is None and (plain := plain_title(masked)):
        title, start, end, authors_part = plain
        span = (title, "", start, end)
    if span is None or span[2] < 0:
        return candidate
    title, url, start, end = span
    candidate.title = clean(title)
    add_link(candidate, "paper", url)
    prefix, after = rest[:start], rest[end:]
    for label, link_url in MARKDOWN_LINK.findall(after):  # '[pdf](…) [code](…)' after a plain title
        if is_link_label(label):
            add_link(candidate, label, link_url)
    after = _URL.sub(" ", MARKDOWN_LINK.sub(" ", BRACKETED_TAG.sub(" ", after)))
    for tag in BRACKETED_TAG.findall(prefix):
        if tag.strip() and not YEAR.search(tag) and len(tag.split()) <= 3 and not ARXIV_REFERENCE.search(tag):
            candidate.name = candidate.name or clean(tag)  # '[LLaVA] **Visual Instruction Tuning**'
    prefix = BRACKETED_TAG.sub(lambda m: m.group(0) if YEAR.search(m.group(1)) else " ", prefix)
    prefix = re.sub(r"\*\*[^*]{1,40}\*\*\s*[:,]?", " ", prefix)  # a bold topic before a linked title
    prefix, after = venues.find(prefix, None, candidate), venues.find(after, None, candidate)
    if authors_part:
        read_authors(venues.find(authors_part, None, candidate), candidate)
    else:
        read_authors(prefix if prefix.strip(" \"'“”[]") else after, candidate)
    candidate.years += [heading_year] if heading_year else []
    if not candidate.years and (lone := YEAR.search(rest[end:])):  # 'IEEE Access 2021': a venue we do not know
        candidate.years.append(int(lone.group(1)))
        candidate.notes.append(f"the year {lone.group(1)} is read from the list's text beside an unknown venue")
    return candidate


def read_row(
    cells: list[str], columns: list[str], line: int, raw: str, heading_year: int | None, venues: Venues
) -> Candidate:
    """A table row: the title (or model) cell, venue, date and code cells; other columns go to the note."""
    candidate = Candidate(line, raw)
    pairs: list[tuple[str, str]] = []
    for kind, value in zip(columns, cells, strict=False):  # a second title column ('Title | … | Paper') has links
        kind = "links" if kind in ("title", "model") and kind in dict(pairs) else kind
        pairs.append((kind, re.sub(r"!\[[^\]]*\]\([^)]*\)|<br\s*/?>", " ", value)))
    cells_by_kind = dict(reversed(pairs))  # the first column of each kind
    add_identifiers(candidate, " ".join(value for _, value in pairs))
    title_kind_ = "title" if clean(cells_by_kind.get("title", "")) not in ("", "-") else "model"
    title_cell = cells_by_kind.get(title_kind_, "")
    if link := next((m for m in MARKDOWN_LINK.finditer(title_cell) if not is_link_label(m.group(1))), None):
        candidate.title = clean(link.group(1))
        add_link(candidate, "paper", link.group(2))
        cells_by_kind[title_kind_] = title_cell.replace(link.group(0), " ")
    elif clean(title_cell) not in ("", "-") and not is_link_label(title_cell):
        candidate.title, candidate.name_only = clean(title_cell), title_kind_ == "model"
    if title_kind_ == "title" and clean(cells_by_kind.get("model", "")) not in ("", "-"):
        candidate.name = clean(cells_by_kind["model"])
    date_year = int(found.group(1)) if (found := YEAR.search(cells_by_kind.get("date", ""))) else None
    if (venue_cell := clean(cells_by_kind.get("venue", ""))) not in ("", "-"):
        noted = len(candidate.notes)
        left = venues.find(venue_cell, date_year, candidate)
        if candidate.venue is None and len(candidate.notes) == noted and left.strip(" -_,."):
            candidate.notes.append(f"venue '{venue_cell}' is not in vocab/venues.yaml")
    pairs = [(kind, cells_by_kind[kind] if kind in ("title", "model") else value) for kind, value in pairs]
    for kind, value in pairs:
        for label, url in MARKDOWN_LINK.findall(value):
            add_link(candidate, label, url, "code" if kind == "code" else None)
        if kind.startswith("other:") and clean(value) not in ("", "-"):
            candidate.notes.append(f"the list's {kind[6:]}: {clean(value)}")
    candidate.years += [year for year in (date_year, heading_year) if year]
    return candidate


def heading_year(heading: str) -> int | None:
    """The year a heading names ('## 2023', '### Year 2022 and Before'), if any."""
    return int(found.group(1)) if (found := YEAR.search(heading)) else None
