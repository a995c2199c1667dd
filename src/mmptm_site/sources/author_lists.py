"""A list entry's authors, split into names; what is not a name goes to the candidate's note."""

from __future__ import annotations

import re

from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.entry_text import shorten

_NOT_NAMES = {"oral", "spotlight", "poster", "highlight", "others"}


def read_authors(text: str, candidate: Candidate) -> None:
    """Split an author list on commas and 'and'; a part that is no name is left out and noted.

    Knows the 'Last, First and Last, First' of BibTeX and the 'Last, First, et al.' of Google Scholar.
    A name has two to four words; a longer run of capitalised words means names not separated by commas.
    """
    text = re.sub(r"[*∗†‡\[\]]|\(\s*\)", "", text).replace("\n", ", ")
    text = re.sub(r"(?<=[^\W\d_])\d+(?:,\d+)*(?=\s*(?:,|$|and\b))", "", text)  # affiliations: 'Wu1,2,'
    text = re.sub(r"^\s*[^,:]{1,30}:\s", "", text)  # 'OpenAI: …'
    if re.search(r"\bet\s+al\b|\band\s+others\b", text):
        candidate.notes.append("the list gives only the first authors (et al.): complete `authors`")
        text = re.sub(r"\bet\s+al\b\.?|\band\s+others\b", " ", text)
    text = text.strip(" ,.;\"'“”")
    bibtex = [p.strip(" ,.;") for p in re.split(r"\s+and\s+", text)]
    if len(bibtex) > 1 and all(p.count(",") == 1 for p in bibtex):
        parts = [" ".join(reversed(p.split(","))) for p in bibtex]
    else:
        parts = re.split(r"\s*(?:,|;|\band\b)\s*", text)
    parts = [p for p in (" ".join(p.split()).strip(" .-\"'“”") for p in parts) if p and p.lower() not in _NOT_NAMES]
    if len(parts) >= 2 and " " not in parts[0] and len(parts[1].split()) <= 3:
        parts[:2] = [f"{parts[1]} {parts[0]}"]  # Scholar: 'Wang, Alex Jinpeng, et al.'
    if any(len(p.split()) > 4 and all(w[0].isupper() or w[0].isdigit() for w in p.split()) for p in parts):
        candidate.notes.append("could not split the author list into names: fill `authors`")
        return
    for part in parts:
        if 2 <= len(part.split()) <= 4 and re.fullmatch(r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?", part):
            candidate.authors.append(part)
        else:
            candidate.notes.append(f"not read as an author: '{shorten(part, 60)}'")
