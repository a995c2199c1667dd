"""The draft record of a list entry: only what the list says, and a `review_note` naming what a reviewer
must check and fill in."""

from __future__ import annotations

import datetime as dt

from mmptm_site.data import schema
from mmptm_site.sources.entry_candidate import Candidate
from mmptm_site.sources.model_names import is_announcement


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … : never the id (or former id) of another record."""
    record_id, number = base, 1
    while record_id in taken:
        number += 1
        record_id = f"{base}-{number}"
    return record_id


def _review_note(candidate: Candidate, fields: dict[str, object], named: bool, source_name: str) -> str:
    """What a reviewer must do: the fields a reviewed record needs, and what the list said that was not mapped."""
    missing = [f for f, info in schema.ModelRecord.model_fields.items() if info.is_required() and not fields.get(f)]
    notes = [f"Imported from {source_name} line {candidate.line}: check every value against the paper."]
    notes.append(f"Still to fill: {', '.join(missing)}.")
    if not named:
        notes.append(
            "The list names no model: `name` is the paper's title for now; set the model's short name "
            "(a changed id keeps the old one in `aliases`)."
        )
    elif is_announcement(candidate.title):
        notes.append("`name` is the model the announcement introduces: check it.")
    if candidate.title.isupper():
        notes.append("The title is in capitals as in the list: copy its casing from the paper.")
    if not (candidate.arxiv or candidate.doi or candidate.paper):
        notes.append("The list gives no paper link.")
    if candidate.code:
        notes.append("Code links are marked `official: false` because the list does not say who released them.")
    if candidate.dropped:
        notes.append(f"Links not kept: {', '.join(dict.fromkeys(candidate.dropped))}.")
    return " ".join(notes + [note[0].upper() + note[1:] + "." for note in dict.fromkeys(candidate.notes)])


def draft_record(candidate: Candidate, record_id: str, name: str | None, source_name: str) -> schema.ModelDraft:
    """The draft record of a candidate: only what the list says, the rest named in `review_note`."""
    code = [{"url": url, "official": False} for url in candidate.code]
    links: dict[str, object] = {
        "arxiv": next(iter(candidate.arxiv), None),
        "doi": candidate.doi,
        "paper": candidate.paper,
    }
    links |= {"code": code, "project": candidate.project}
    fields: dict[str, object] = {"id": record_id, "name": name or candidate.title, "title": candidate.title}
    fields |= {"year": candidate.years[0], "authors": candidate.authors, "venue": candidate.venue}
    fields |= {"added": dt.date.today(), "links": {key: value for key, value in links.items() if value} or None}
    note = _review_note(candidate, fields, bool(name), source_name)
    return schema.ModelDraft.model_validate({**fields, "needs_review": True, "review_note": note})
