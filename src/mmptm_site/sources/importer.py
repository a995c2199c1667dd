"""Import a Markdown paper list (an "awesome list") as draft model records, accounting for every entry.

Curated lists are where most models reach this catalogue first, and copying them by hand loses entries and
invents details. The entries are exactly those GitHub renders (`list_entries`, with markdown-it-py); each is
read by `entry_reader`, matched against the catalogue (`catalogue_index`) and, when new, drafted
(`entry_drafts`). Every entry ends up imported, a duplicate, skipped (a section of datasets, benchmarks,
surveys …, or a title that says it is one) or unreadable, each listed with its line and why
(`import_report`), so nothing in the list is silently lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import ValidationError

from mmptm_site.data import writer
from mmptm_site.data.directory import MODELS_DIR, NOT_MODELS_FILE, RECORD_SUFFIX, Data
from mmptm_site.data.ids import id_from_name
from mmptm_site.data.problems import display_path
from mmptm_site.data.validate import validate
from mmptm_site.sources.catalogue_index import CatalogueIndex, candidate_keys
from mmptm_site.sources.entry_drafts import draft_record, unique_id
from mmptm_site.sources.entry_kinds import CONTENTS, NOT_MODELS, column_kind, only_anchor_links, title_kind
from mmptm_site.sources.entry_reader import read_item, read_row
from mmptm_site.sources.entry_text import clean, shorten
from mmptm_site.sources.import_report import (
    DUPLICATE,
    EXISTING,
    IMPORTED,
    SKIPPED,
    UNREADABLE,
    ImportReport,
    Outcome,
)
from mmptm_site.sources.list_entries import Entry, read_entries
from mmptm_site.sources.model_names import model_name
from mmptm_site.sources.venues import Venues

MAX_INPUT_BYTES = 10 * 1024 * 1024


class MarkdownImportError(Exception):
    """The input cannot be read as a Markdown paper list (missing, unreadable, not UTF-8, too large)."""


class UnknownSectionError(MarkdownImportError):
    """A `--section` name that matches no heading and no kind of section in the list."""


def _select(entries: list[Entry], sections: list[str]) -> dict[int, str]:
    """Why each entry is skipped before it is read (by its position in `entries`); the rest are read.

    By default a section or table of datasets, benchmarks, surveys, evaluation, hallucination or position
    papers is skipped, and so is a table of contents. With `sections`, only entries under a heading that is,
    begins with or contains one of the names (the closest way any heading does), or of a kind so named
    ('datasets'), are read, whatever their kind.
    """
    skipped: dict[int, str] = {}
    wanted = [name.casefold().strip() for name in sections]
    # Each name takes the closest way it matches any heading, so that "Multimodal Instruction Tuning" selects
    # "Multimodal Instruction Tuning (& Latest Works)" but not "Datasets of Multimodal Instruction Tuning".
    match = {name: _closest_match(name, entries) for name in wanted}
    for number, entry in enumerate(entries):
        if only_anchor_links(entry.text or " ".join(entry.cells or [])):
            skipped[number] = "links to headings (a table of contents)"
        elif wanted and not any(_names_section(name, entry, match[name]) for name in wanted):
            skipped[number] = "outside the sections named with --section"
        elif not wanted and (kind := entry.kind) in (*NOT_MODELS, CONTENTS):
            skipped[number] = f"{kind}: section '{entry.section}' (line {entry.section_line})"
    return skipped


# How a --section name can match a heading, closest first.
HEADING_MATCHES: tuple[Callable[[str, str], bool], ...] = (
    str.__eq__,
    lambda heading, name: heading.startswith(name),
    lambda heading, name: name in heading,
)


def _closest_match(name: str, entries: list[Entry]) -> Callable[[str, str], bool]:
    matching = (m for m in HEADING_MATCHES if any(_names_section(name, entry, m) for entry in entries))
    return next(matching, HEADING_MATCHES[-1])


def _names_section(name: str, entry: Entry, match: Callable[[str, str], bool] = HEADING_MATCHES[-1]) -> bool:
    """Whether `name` (case folded) matches a heading above the entry (not the list's title, which is above
    everything), or is the entry's kind of section ('dataset' or 'datasets')."""
    path = [clean(h.text).casefold() for h in entry.headings if not h.names_document]
    kind = entry.kind or ""
    return any(match(heading, name) for heading in path) or bool(kind and name.rstrip("s") == kind.rstrip("s"))


def check_sections(entries: list[Entry], sections: list[str]) -> None:
    """Refuse a --section name that matches nothing, naming the headings it could have been."""
    for name in sections:
        wanted = name.casefold().strip()
        if not any(_names_section(wanted, entry) for entry in entries):
            headings = dict.fromkeys(h.text.strip() for e in entries for h in e.headings)
            shown = "; ".join(shorten(clean(h), 50) for h in headings) or "none"
            raise UnknownSectionError(
                f"--section {name!r} matches no heading and no kind of section of the list; "
                f"its headings above entries are: {shown}"
            )


def plan(
    text: str, data: Data, source_name: str, sections: Iterable[str] = (), taken: Iterable[str] = ()
) -> list[Outcome]:
    """What importing `text` would do to each entry, against the catalogue `data`; nothing is written.

    `taken` adds ids no draft may have, such as those of record files that did not load.
    """
    sections = list(sections)
    entries = read_entries(text)
    check_sections(entries, sections)
    venues, index = Venues(data.vocab.get("venues", {})), CatalogueIndex(data)
    taken = set(taken) | set(data.models) | {alias for model in data.models.values() for alias in model.aliases}
    skipped = _select(entries, sections)
    outcomes: list[Outcome] = []
    for number, entry in enumerate(entries):
        if number in skipped:
            outcomes.append(Outcome(entry, SKIPPED, skipped[number]))
            continue
        outcome = _read_one(entry, venues, index, taken, source_name, kinds_allowed=bool(sections))
        if outcome.draft is not None:
            taken.add(outcome.draft.id)
        outcomes.append(outcome)
    return outcomes


def _read_one(
    entry: Entry,
    venues: Venues,
    index: CatalogueIndex,
    taken: set[str],
    source_name: str,
    *,
    kinds_allowed: bool,
) -> Outcome:
    if entry.shape == "table row":
        columns = [column_kind(header) for header in entry.columns or []]
        candidate = read_row(entry.cells or [], columns, entry.line, entry.raw, entry.heading_year, venues)
    else:
        candidate = read_item(entry.text, entry.line, entry.heading_year, venues)
        candidate.text = entry.raw
    if not candidate.title:
        return Outcome(entry, UNREADABLE, "no title (only link labels, badges or nothing)", candidate)
    if not candidate.years:
        return Outcome(entry, UNREADABLE, "no year in the entry, its arXiv id or its headings", candidate)
    name = candidate.name or model_name(candidate.title)
    record_id = id_from_name(name or candidate.title) or "model"
    keys = candidate_keys(candidate, name, record_id)
    if found := index.match(keys):
        what, place = found
        return Outcome(entry, DUPLICATE, f"same {what} as {place}", candidate, record=index.record_of.get(place))
    if judged := index.not_a_model(keys):
        return Outcome(entry, SKIPPED, f"reviewed as not a model ({judged.kind}, {NOT_MODELS_FILE})", candidate)
    if not kinds_allowed and (kind := title_kind(candidate.title)):
        return Outcome(entry, SKIPPED, f"{kind}: the title says so", candidate)
    if candidate.name_only:  # a name without its paper: a draft would have to invent a title
        return Outcome(entry, UNREADABLE, "only a model name, without its paper's title", candidate)
    if clash := index.name_clash(keys):
        candidate.notes.append(f"{clash} has the same name but another arXiv id: check they are different models")
    try:
        draft = draft_record(candidate, unique_id(record_id, taken), name, source_name)
    except ValidationError as error:  # e.g. a year in the future: nothing we can draft without guessing
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        return Outcome(entry, UNREADABLE, f"the draft would be invalid ({where}: {problem['msg']})", candidate)
    index.add(candidate_keys(candidate, draft.name if name else None, draft.id), entry.line)
    return Outcome(entry, IMPORTED, "", candidate, draft)


def read_list(source: Path) -> str:
    """The input's text; anything that stops us reading it becomes one clear error."""
    try:
        if source.stat().st_size > MAX_INPUT_BYTES:
            raise MarkdownImportError(f"{source}: larger than {MAX_INPUT_BYTES // 2**20} MB, so not a paper list")
        raw = source.read_bytes()
    except OSError as error:
        raise MarkdownImportError(f"cannot read {source}: {error.strerror or error}") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"{source} is not UTF-8 text (byte {error.start} is {raw[error.start]:#04x}); save it as UTF-8"
        raise MarkdownImportError(message) from error


def load_catalogue(data_dir: Path) -> tuple[Data, set[str]]:
    """The catalogue's records, and every id a new file may not take (files that did not load included)."""
    if not data_dir.is_dir():
        raise MarkdownImportError(f"no data directory at {data_dir}")
    data, _ = validate(data_dir)  # problems elsewhere in the data are `validate`'s to report
    return data, {path.stem for path in (data_dir / MODELS_DIR).glob(f"*{RECORD_SUFFIX}")}


def import_markdown(
    source: Path, data_dir: Path, *, dry_run: bool = False, sections: Iterable[str] = ()
) -> ImportReport:
    """Draft one record per new model paper of the Markdown list `source` into `data_dir/models/`.

    Existing records are never touched; with `dry_run` nothing is written, and the report is the same.
    """
    text = read_list(source)
    data, taken = load_catalogue(data_dir)
    outcomes = plan(text, data, source.name, sections, taken)
    if not dry_run:
        for index, outcome in enumerate(outcomes):
            if outcome.draft is None:
                continue
            try:
                writer.write_record(outcome.draft, MODELS_DIR, data_dir)
            except FileExistsError:  # created since we listed the folder: never replaced
                path = data_dir / MODELS_DIR / f"{outcome.draft.id}{RECORD_SUFFIX}"
                outcomes[index] = Outcome(outcome.entry, EXISTING, f"{display_path(path)} exists; nothing was written")
    return ImportReport(outcomes, display_path(source), dry_run)
