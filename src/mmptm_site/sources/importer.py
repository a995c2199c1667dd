"""Import a Markdown paper list (an "awesome list") as draft model records, accounting for every entry.

Curated lists are where most models reach this catalogue first, and copying them by hand loses entries and
invents details. The list's block structure comes from markdown-it-py (CommonMark with GitHub's tables), so
the entries are exactly the list items, table rows and one-paper paragraphs that GitHub renders, including
a table row written without its leading `|`. How each entry is read is `import_heuristics`' job. Every entry
ends up imported, a duplicate, skipped (a section of datasets, benchmarks, surveys …, or a title that says
it is one) or unreadable, each listed with its line and why, so nothing in the list is silently lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import ValidationError

from mmptm_site.data import schema, validate, writer
from mmptm_site.data.ids import id_from_name
from mmptm_site.data.problems import display_path
from mmptm_site.sources import heuristics as heuristics

MAX_INPUT_BYTES = 10 * 1024 * 1024
IMPORTED, DUPLICATE, SKIPPED, UNREADABLE = "imported", "duplicate", "skipped", "unreadable"
EXISTING = "existing"
"""A draft whose file appeared while we worked: never replaced, so not imported."""


class MarkdownImportError(Exception):
    """The input cannot be read as a Markdown paper list (missing, unreadable, not UTF-8, too large)."""


class UnknownSectionError(MarkdownImportError):
    """A `--section` name that matches no heading and no kind of section in the list."""


# --- the list's structure -------------------------------------------------------------------------


def markdown_parser() -> MarkdownIt:
    """CommonMark plus GitHub's tables: the block structure GitHub renders (linkify changes no blocks)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    names_document: bool = False  # the first heading, at level 1: the list's title, above every section


@dataclass
class Entry:
    """One list item, table body row or one-paper paragraph, as GitHub renders it."""

    line: int
    shape: str  # 'list item', 'table row' or 'paragraph'
    raw: str  # its first line in the file, for the report
    headings: tuple[Heading, ...]  # the headings it stands under, outermost first
    parts: list[str] = field(default_factory=list)  # item or paragraph: the Markdown of its own paragraphs
    cells: list[str] | None = None  # table row: each cell's Markdown
    columns: list[str] | None = None  # table row: its table's header cells

    @property
    def text(self) -> str:
        return "\n".join(line.strip() for part in self.parts for line in part.splitlines())

    @property
    def section(self) -> str:
        return heuristics.clean(self.headings[-1].text) if self.headings else "(before the first heading)"

    @property
    def section_line(self) -> int:
        return self.headings[-1].line if self.headings else 1

    @property
    def heading_year(self) -> int | None:
        """The year of the closest enclosing heading that names one ('## 2023', '### Year 2022 and Before')."""
        return next((y for h in reversed(self.headings) if (y := heuristics.heading_year(h.text))), None)

    @property
    def kind(self) -> str | None:
        """What its section holds when that is not models: from the closest heading that says, or the columns."""
        for heading in reversed(self.headings):
            if kind := heuristics.heading_kind(heading.text):
                return kind
        return heuristics.table_kind(self.columns) if self.columns else None


def _is_paper_paragraph(inline: Token) -> bool:
    """A paragraph that is one paper: it opens with a link to a page (after at most a bold topic and a colon),
    as in '[Title](https://arxiv.org/…), Venue Year' or '**VCR**: [Title](…)'. Badges and prose are not."""
    children = inline.children or []
    position, count = 0, len(children)
    while position < count:
        child = children[position]
        if child.type == "strong_open":
            while position < count and children[position].type != "strong_close":
                position += 1
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            inner = []
            for token in children[position + 1 :]:
                if token.type == "link_close":
                    break
                inner.append(token)
            has_text = any(token.type == "text" and token.content.strip() for token in inner)
            return href.startswith(("http://", "https://")) and has_text
        elif not (child.type in ("softbreak", "strong_close") or re.fullmatch(r"[\s\W]*", child.content)):
            return False
        position += 1
    return False


def read_entries(text: str) -> list[Entry]:
    """Every list item (at any depth: a nested item is an entry of its own), table body row and one-paper
    paragraph of the document, in order, with the headings each stands under."""
    lines = text.splitlines()
    tokens = markdown_parser().parse(text)
    headings: list[Heading] = []
    found: list[Entry] = []
    open_items: list[Entry] = []
    columns: list[str] = []
    row: Entry | None = None
    quotes = 0
    in_head = seen_heading = False
    for index, token in enumerate(tokens):
        kind = token.type
        line = token.map[0] + 1 if token.map else 0
        if kind == "heading_open":
            level = int(token.tag[1])
            heading = Heading(level, tokens[index + 1].content, line, names_document=level == 1 and not seen_heading)
            headings, seen_heading = [h for h in headings if h.level < level] + [heading], True
        elif kind == "list_item_open":
            raw = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            open_items.append(Entry(line, "list item", raw, tuple(headings)))
            found.append(open_items[-1])
        elif kind == "list_item_close":
            open_items.pop()
        elif kind in ("blockquote_open", "blockquote_close"):
            quotes += 1 if kind == "blockquote_open" else -1
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
            columns = [] if in_head else columns
        elif kind == "tr_open" and not in_head:
            raw = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            row = Entry(line, "table row", raw, tuple(headings), cells=[], columns=list(columns))
            found.append(row)
        elif kind == "inline" and index > 0:
            parent = tokens[index - 1].type
            if parent == "th_open":
                columns.append(token.content)
            elif parent == "td_open" and row is not None and row.cells is not None:
                row.cells.append(token.content)
            elif parent == "paragraph_open" and open_items:
                open_items[-1].parts.append(token.content)
            elif parent == "paragraph_open" and not quotes and _is_paper_paragraph(token):
                raw = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                found.append(Entry(line, "paragraph", raw, tuple(headings), parts=[token.content]))
    return sorted(found, key=lambda entry: entry.line)


# --- matching against the catalogue ---------------------------------------------------------------


def name_key(name: str) -> str:
    """Names compare as ids: 'GPT-4o', 'gpt 4o' and 'GPT 4o' are one name."""
    return id_from_name(name, max_length=200)


def _name_keys(name: str) -> list[str]:
    """A name's keys: itself, and without a trailing 'Vision' ('Llama 3.2 Vision' is what 'Llama 3.2' released)."""
    key = name_key(name)
    shorter = re.sub(r"-vision$", "", key)
    return [k for k in dict.fromkeys([key, shorter]) if k]


@dataclass
class _Keys:
    title: str
    names: list[str]
    arxiv: str | None
    doi: str | None
    openreview: str | None

    def pairs(self) -> list[tuple[str, str]]:
        pairs = [("arXiv id", self.arxiv), ("DOI", self.doi), ("OpenReview id", self.openreview)]
        found = [(what, value) for what, value in pairs if value]
        found += [("title", self.title)] if self.title else []
        return found + [("name", key) for key in self.names]


class CatalogueIndex:
    """Papers already catalogued, and those drafted by this run, by what identifies them: arXiv id, DOI,
    OpenReview id, normalised title, and normalised name, id or former id."""

    def __init__(self, data: validate.Data):
        self.places: dict[tuple[str, str], str] = {}
        self.arxiv_of: dict[str, str | None] = {}
        self.record_of: dict[str, str] = {}  # place → record id, for the catalogue's records
        for model_id, model in data.models.items():
            place = f"{model_id} ({display_path(data.paths[(validate.MODELS_DIR, model_id)])})"
            links = model.links
            urls = " ".join(filter(None, [links.paper, links.project] if links else []))
            names = [k for name in (model.name, model_id, *model.aliases, *model.other_names) for k in _name_keys(name)]
            keys = _Keys(
                validate.normalised_title(model.title),
                list(dict.fromkeys(names)),
                links.arxiv if links else None,
                links.doi.casefold() if links and links.doi else None,
                heuristics.openreview_id(urls),
            )
            self._add(keys, place, links.arxiv if links else None)
            self.record_of[place] = model_id
        self.judged: dict[tuple[str, str], schema.NotAModel] = {}
        for paper in data.not_models:
            self.judged[("title", validate.normalised_title(paper.title))] = paper
            if paper.arxiv:
                self.judged[("arXiv id", paper.arxiv)] = paper

    def _add(self, keys: _Keys, place: str, arxiv: str | None) -> None:
        for pair in keys.pairs():
            self.places.setdefault(pair, place)
        self.arxiv_of[place] = arxiv

    def match(self, keys: _Keys) -> tuple[str, str] | None:
        """(what matched, where) for the first key seen before, or None.

        A name alone does not make a duplicate when both sides have arXiv ids and they differ: two papers
        may give their models one name (Emu and Emu), and the paper is the stronger evidence.
        """
        for pair in keys.pairs():
            if (place := self.places.get(pair)) is None:
                continue
            if pair[0] == "name" and keys.arxiv and self.arxiv_of.get(place) not in (None, keys.arxiv):
                continue
            return pair[0], place
        return None

    def not_a_model(self, keys: _Keys) -> schema.NotAModel | None:
        """The review that judged this paper not a model, found by its arXiv id or title."""
        return self.judged.get(("arXiv id", keys.arxiv or "")) or self.judged.get(("title", keys.title))

    def name_clash(self, keys: _Keys) -> str | None:
        """Where a record of the same name but another paper is, if there is one (to say so in the note)."""
        return next((self.places[("name", key)] for key in keys.names if ("name", key) in self.places), None)

    def add(self, keys: _Keys, line: int) -> None:
        self._add(keys, f"line {line}", keys.arxiv)


def _candidate_keys(candidate: heuristics.Candidate, name: str | None, record_id: str) -> _Keys:
    names = [k for text in filter(None, (name, candidate.name)) for k in _name_keys(text)]
    names += [record_id] if record_id and (name or candidate.name_only) else []
    return _Keys(
        validate.normalised_title(candidate.title),
        list(dict.fromkeys(names)),
        next(iter(candidate.arxiv), None),
        candidate.doi.casefold() if candidate.doi else None,
        candidate.openreview,
    )


# --- deciding what happens to each entry ----------------------------------------------------------


@dataclass
class Outcome:
    """What happens to one entry: imported (with its draft), a duplicate, skipped or unreadable, and why."""

    entry: Entry
    status: str
    why: str = ""
    candidate: heuristics.Candidate | None = None
    draft: schema.ModelDraft | None = None
    record: str | None = None  # for a duplicate of a catalogued record: its id

    @property
    def title(self) -> str:
        return self.candidate.title if self.candidate and self.candidate.title else self.entry.raw


def _select(entries: list[Entry], sections: list[str]) -> dict[int, str]:
    """Why each entry is skipped before it is read (by its position in `entries`); the rest are read.

    By default a section or table of datasets, benchmarks, surveys, evaluation, hallucination or position
    papers is skipped, and so is a table of contents. With `sections`, only entries under a heading that
    contains one of the names, or of a kind so named ('datasets'), are read, whatever their kind.
    """
    skipped: dict[int, str] = {}
    wanted = [name.casefold().strip() for name in sections]
    for number, entry in enumerate(entries):
        if heuristics.only_anchor_links(entry.text or " ".join(entry.cells or [])):
            skipped[number] = "links to headings (a table of contents)"
        elif wanted and not any(_names_section(name, entry) for name in wanted):
            skipped[number] = "outside the sections named with --section"
        elif not wanted and (kind := entry.kind) in (*heuristics.NOT_MODELS, heuristics.CONTENTS):
            skipped[number] = f"{kind}: section '{entry.section}' (line {entry.section_line})"
    return skipped


def _names_section(name: str, entry: Entry) -> bool:
    """Whether `name` (case folded) is in a heading above the entry (not the list's title, which is above
    everything), or is the entry's kind of section ('dataset' or 'datasets')."""
    path = [heuristics.clean(h.text).casefold() for h in entry.headings if not h.names_document]
    kind = entry.kind or ""
    return any(name in heading for heading in path) or bool(kind and name.rstrip("s") == kind.rstrip("s"))


def check_sections(entries: list[Entry], sections: list[str]) -> None:
    """Refuse a --section name that matches nothing, naming the headings it could have been."""
    for name in sections:
        wanted = name.casefold().strip()
        if not any(_names_section(wanted, entry) for entry in entries):
            headings = dict.fromkeys(h.text.strip() for e in entries for h in e.headings)
            shown = "; ".join(heuristics.shorten(heuristics.clean(h), 50) for h in headings) or "none"
            raise UnknownSectionError(
                f"--section {name!r} matches no heading and no kind of section of the list; "
                f"its headings above entries are: {shown}"
            )


def plan(
    text: str, data: validate.Data, source_name: str, sections: Iterable[str] = (), taken: Iterable[str] = ()
) -> list[Outcome]:
    """What importing `text` would do to each entry, against the catalogue `data`; nothing is written.

    `taken` adds ids no draft may have, such as those of record files that did not load.
    """
    sections = list(sections)
    entries = read_entries(text)
    check_sections(entries, sections)
    venues, index = heuristics.Venues(data.vocab.get("venues", {})), CatalogueIndex(data)
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
    venues: heuristics.Venues,
    index: CatalogueIndex,
    taken: set[str],
    source_name: str,
    *,
    kinds_allowed: bool,
) -> Outcome:
    if entry.shape == "table row":
        columns = [heuristics.column_kind(header) for header in entry.columns or []]
        candidate = heuristics.read_row(entry.cells or [], columns, entry.line, entry.raw, entry.heading_year, venues)
    else:
        candidate = heuristics.read_item(entry.text, entry.line, entry.heading_year, venues)
        candidate.text = entry.raw
    if not candidate.title:
        return Outcome(entry, UNREADABLE, "no title (only link labels, badges or nothing)", candidate)
    if not candidate.years:
        return Outcome(entry, UNREADABLE, "no year in the entry, its arXiv id or its headings", candidate)
    name = candidate.name or heuristics.model_name(candidate.title)
    record_id = id_from_name(name or candidate.title) or "model"
    keys = _candidate_keys(candidate, name, record_id)
    if found := index.match(keys):
        what, place = found
        return Outcome(entry, DUPLICATE, f"same {what} as {place}", candidate, record=index.record_of.get(place))
    if judged := index.not_a_model(keys):
        return Outcome(
            entry, SKIPPED, f"reviewed as not a model ({judged.kind}, {validate.NOT_MODELS_FILE})", candidate
        )
    if not kinds_allowed and (kind := heuristics.title_kind(candidate.title)):
        return Outcome(entry, SKIPPED, f"{kind}: the title says so", candidate)
    if candidate.name_only:  # a name without its paper: a draft would have to invent a title
        return Outcome(entry, UNREADABLE, "only a model name, without its paper's title", candidate)
    if clash := index.name_clash(keys):
        candidate.notes.append(f"{clash} has the same name but another arXiv id: check they are different models")
    try:
        draft = _draft(candidate, _unique(record_id, taken), name, source_name)
    except ValidationError as error:  # e.g. a year in the future: nothing we can draft without guessing
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        return Outcome(entry, UNREADABLE, f"the draft would be invalid ({where}: {problem['msg']})", candidate)
    index.add(_candidate_keys(candidate, draft.name if name else None, draft.id), entry.line)
    return Outcome(entry, IMPORTED, "", candidate, draft)


def _unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … : never the id (or former id) of another record."""
    record_id, number = base, 1
    while record_id in taken:
        number += 1
        record_id = f"{base}-{number}"
    return record_id


def _review_note(candidate: heuristics.Candidate, fields: dict[str, object], named: bool, source_name: str) -> str:
    """What a reviewer must do: the fields a reviewed record needs, and what the list said that was not mapped."""
    missing = [f for f, info in schema.ModelRecord.model_fields.items() if info.is_required() and not fields.get(f)]
    notes = [f"Imported from {source_name} line {candidate.line}: check every value against the paper."]
    notes.append(f"Still to fill: {', '.join(missing)}.")
    if not named:
        notes.append(
            "The list names no model: `name` is the paper's title for now; set the model's short name "
            "(a changed id keeps the old one in `aliases`)."
        )
    elif heuristics.is_announcement(candidate.title):
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


def _draft(candidate: heuristics.Candidate, record_id: str, name: str | None, source_name: str) -> schema.ModelDraft:
    """The draft record of a candidate: only what the list says, the rest named in `review_note`."""
    code = [{"url": url, "official": False} for url in candidate.code]
    links = {"arxiv": next(iter(candidate.arxiv), None), "doi": candidate.doi, "paper": candidate.paper}
    links |= {"code": code, "project": candidate.project}
    fields: dict[str, object] = {"id": record_id, "name": name or candidate.title, "title": candidate.title}
    fields |= {"year": candidate.years[0], "authors": candidate.authors, "venue": candidate.venue}
    fields |= {"added": dt.date.today(), "links": {key: value for key, value in links.items() if value} or None}
    note = _review_note(candidate, fields, bool(name), source_name)
    return schema.ModelDraft.model_validate({**fields, "needs_review": True, "review_note": note})


# --- the command ----------------------------------------------------------------------------------


def _line_ranges(lines: list[int]) -> str:
    """'12–14, 20' for lines 12, 13, 14 and 20."""
    ranges: list[list[int]] = []
    for line in sorted(lines):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


@dataclass
class ImportReport:
    """What happened to every entry of one input file."""

    outcomes: list[Outcome] = field(default_factory=list)
    source: str = ""
    dry_run: bool = False

    def _with(self, status: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def imported(self) -> list[tuple[str, int]]:
        return [(o.draft.id, o.entry.line) for o in self._with(IMPORTED) if o.draft]

    @property
    def duplicates(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.title, o.why) for o in self._with(DUPLICATE)]

    @property
    def skipped(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.title, o.why) for o in self._with(SKIPPED)]

    @property
    def unreadable(self) -> list[tuple[int, str, str]]:
        return [(o.entry.line, o.entry.raw, o.why) for o in self._with(UNREADABLE)]

    @property
    def existing(self) -> list[tuple[int, str]]:
        return [(o.entry.line, o.why) for o in self._with(EXISTING)]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def summary(self) -> str:
        """Counts first, then each entry that was not imported, at its line and why, so nothing goes unnoticed."""
        written = "would be written (dry run: nothing written)" if self.dry_run else "written"
        lines = [f"{self.source}: {self.total} entries (list items, table rows and one-paper paragraphs)"]
        lines += [f"  imported:   {len(self.imported)} drafts {written}", f"  duplicates: {len(self.duplicates)}"]
        lines += [f"  skipped:    {len(self.skipped)} (not models, or outside --section: why below)"]
        lines += [f"  unreadable: {len(self.unreadable)}"]
        if self.existing:
            lines.append(f"  not written (file appeared meanwhile): {len(self.existing)}")
        if self.existing:
            lines.append(f"  not written (file appeared meanwhile): {len(self.existing)}")
        if self.duplicates:
            lines.append("Duplicates (not imported):")
            lines += [f"  line {line}: {heuristics.shorten(title)} — {why}" for line, title, why in self.duplicates]
        if self.skipped:
            lines.append("Skipped (not imported):")
            groups: dict[str, list[int]] = {}
            for line, _, why in self.skipped:
                groups.setdefault(why, []).append(line)
            lines += [f"  {why}: {len(found)}, line(s) {_line_ranges(found)}" for why, found in groups.items()]
        if self.unreadable:
            lines.append("Unreadable (not imported):")
            lines += [f"  line {line}: {heuristics.shorten(text)} — {why}" for line, text, why in self.unreadable]
        if self.existing:
            lines.append("Not imported: a file of the draft's name appeared meanwhile (it was left as it is):")
            lines += [f"  line {line}: {why}" for line, why in self.existing]
        return "\n".join(lines)


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


def load_catalogue(data_dir: Path) -> tuple[validate.Data, set[str]]:
    """The catalogue's records, and every id a new file may not take (files that did not load included)."""
    if not data_dir.is_dir():
        raise MarkdownImportError(f"no data directory at {data_dir}")
    data, _ = validate.validate(data_dir)  # problems elsewhere in the data are `validate`'s to report
    return data, {path.stem for path in (data_dir / validate.MODELS_DIR).glob(f"*{validate.RECORD_SUFFIX}")}


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
                writer.write_record(outcome.draft, validate.MODELS_DIR, data_dir)
            except FileExistsError:  # created since we listed the folder: never replaced
                path = data_dir / validate.MODELS_DIR / f"{outcome.draft.id}{validate.RECORD_SUFFIX}"
                outcomes[index] = Outcome(outcome.entry, EXISTING, f"{display_path(path)} exists; nothing was written")
    return ImportReport(outcomes, display_path(source), dry_run)
