"""Import a Markdown paper list (an "awesome list") as draft model records.

Curated lists are where most models reach this catalogue first, and copying them by hand loses entries
and invents details. This module reads the usual shapes of such lists (bullets and numbered items with a
bold title, author and link lines; tables with a title, venue, date and code column; year headings) into
candidate papers, then writes one draft per new paper through the canonical writer. Whatever the list
does not say is left out and named in `review_note`, and every item ends up imported, duplicate or
unreadable, so nothing in the list is silently lost.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mmptm_site import schema, validate, writer
from mmptm_site.problems import display_path

MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_ID_LENGTH = 48

_BULLET = re.compile(r"^ ?(?:[*+-]|\d{1,9}[.)])(?:\s+|$)")  # top level: nested bullets belong to their parent
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*)$")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d|\.\d)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
_LINK_GROUP = re.compile(r"\[\s*\[([^\[\]]*)\]\(([^()]*)\)\s*\]")  # [[Paper](url)]
_TITLE_LINK = re.compile(r"\*\*\s*\[([^\[\]]+)\]\(([^()]*)\)\s*\*\*|\[\s*\*\*([^\[\]]+?)\*\*\s*\]\(([^()]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")
_TAG = re.compile(r"\[([^\[\]]+)\](?!\()")
_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf)/([a-z][a-z.-]*(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?"
    r"|arxiv\s*[: ]\s*(\d{4}\.\d{4,5})(?:v\d+)?",
    re.IGNORECASE,
)
_DOI = re.compile(r"(?:doi\.org/|\bdoi:\s*)(10\.\d{4,9}/[^\s\])]+)", re.IGNORECASE)
_URL = re.compile(r"https?://\S*")
_VENUE_TAG = re.compile(r"(?<!\w)([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)[-_ ]?((?:19|20)\d{2})(?!\d)")  # 'KBS-2021'
_NEAR_YEAR = r"[\s,._()\-]*"
_LABELS = {
    "paper": {"paper", "pdf", "arxiv", "abs", "link"},
    "code": {"code", "github", "official code", "repo", "gitlab"},
    "project": {"project", "project page", "homepage", "website", "page"},
}
_HEADERS = {
    "title": {"title", "paper", "paper title"},
    "model": {"model", "name", "model name", "method"},
    "venue": {"publish", "venue", "conference", "publication", "published", "pub.", "journal"},
    "date": {"date", "year", "time", "release", "released"},
    "code": {"code", "github", "repo", "repository"},
    "skip": {"no.", "no", "#", "index", "id"},
}
_NOT_NAMES = {"oral", "spotlight", "poster", "highlight", "others"}


class MarkdownImportError(Exception):
    """The input cannot be read as a Markdown paper list (missing, unreadable, not UTF-8, too large)."""


@dataclass
class ImportReport:
    """What happened to every list item and table row of one input file."""

    imported: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    existing: list[tuple[int, str]] = field(default_factory=list)  # its file appeared while we worked
    source: str = ""
    dry_run: bool = False

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.duplicates) + len(self.unreadable) + len(self.existing)

    def summary(self) -> str:
        """Counts first, then each item that was not imported, at its line, so nothing goes unnoticed."""
        written = "would be written (dry run: nothing written)" if self.dry_run else "written"
        lines = [f"{self.source}: {self.total} items (list items and table rows)"]
        lines += [f"  imported:   {len(self.imported)} drafts {written}", f"  duplicates: {len(self.duplicates)}"]
        lines += [f"  unreadable: {len(self.unreadable)}"]
        if self.existing:
            lines.append(f"  not written (file appeared meanwhile): {len(self.existing)}")
        if self.duplicates:
            lines.append("Duplicates (not imported):")
            lines += [f"  line {line}: {_shorten(title)} — {why}" for line, title, why in self.duplicates]
        if self.unreadable:
            lines.append("Unreadable (no title, no year, or only a model name without its paper), not imported:")
            lines += [f"  line {line}: {_shorten(text)}" for line, text in self.unreadable]
        if self.existing:
            lines.append("Not imported: a file of the draft's name appeared meanwhile (it was left as it is):")
            lines += [f"  line {line}: {path} exists; nothing was written" for line, path in self.existing]
        return "\n".join(lines)


@dataclass
class _Item:
    """One list item or table row as written: where it starts, its lines, the year of its heading."""

    line: int
    lines: list[str]
    heading_year: int | None
    columns: list[str] | None = None  # for table rows: the kind of each column


@dataclass
class _Candidate:
    """A paper as read from one item, before it is checked against the catalogue."""

    line: int
    text: str
    title: str = ""
    name: str = ""
    name_only: bool = False  # the list gives only a model name, so `title` is a placeholder
    years: list[int] = field(default_factory=list)  # in order of trust: arXiv id, venue tag, date, heading
    arxiv: list[str] = field(default_factory=list)
    doi: str | None = None
    paper: str | None = None
    project: str | None = None
    code: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    venue: schema.VenueRef | None = None
    notes: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # labels of links that have no field in a record


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _year_of_arxiv(arxiv_id: str) -> int:
    """The year in an arXiv id's yymm (new style '2103.00020' or old style 'cs/0112017')."""
    yy = int(arxiv_id.split("/")[-1][:2])
    return 1900 + yy if yy >= 91 else 2000 + yy


def _slug(text: str) -> str:
    """An id from a name: ASCII, lower case, hyphens; cut at a hyphen so long titles stay readable."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_ID_LENGTH].strip("-") or "model"


def _clean(text: str) -> str:
    """Markdown and list punctuation off a title or cell: links to their text, no bold, no trailing comma."""
    text = re.sub(r"\*\*|__|`|<[^>]+>", " ", _LINK.sub(r"\1", text).replace("[J]", ""))
    return " ".join(text.split()).strip(" \"'“”*,.;:")


# --- reading the file into items ------------------------------------------------------------------


def _items(text: str) -> list[_Item]:
    """Split the document into top-level list items and table data rows, noting each one's heading year.

    A bullet runs on over the lines that follow it directly (indented or not, as Markdown's lazy
    continuation allows) and over indented lines after a blank line.
    """
    items: list[_Item] = []
    headings: list[tuple[int, int]] = []  # (level, year) of the enclosing headings that name a year
    current: _Item | None = None
    header: str | None = None
    columns: list[str] | None = None
    blank = fence = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.expandtabs(4).rstrip()
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence, current = not fence, None
            continue
        if fence or not stripped:
            blank = blank or not stripped
            continue
        year = headings[-1][1] if headings else None
        if not stripped.startswith("|"):
            header, columns = None, None
        if heading := _HEADING.match(line):
            headings = [h for h in headings if h[0] < len(heading.group(1))]
            if found := _YEAR.search(heading.group(2)):
                headings.append((len(heading.group(1)), int(found.group(1))))
            current = None
        elif stripped.startswith("|"):
            current = None
            if set(stripped) <= set("|:- ") and "-" in stripped:
                columns = [_column_kind(cell) for cell in _cells(header)] if header is not None else None
            elif columns is not None and not blank:
                items.append(_Item(number, [stripped], year, columns))
            else:
                header, columns = stripped, None
        elif _BULLET.match(line) and not _RULE.match(line):
            current = _Item(number, [line], year)
            items.append(current)
        elif current is not None and (not blank or line.startswith("  ")):
            current.lines.append(line)
        else:
            current = None
        blank = False
    return items


def _cells(row: str) -> list[str]:
    row = row.strip().replace("\\|", "\x00").removeprefix("|")
    row = row[:-1] if row.endswith("|") else row
    return [cell.replace("\x00", "|").strip() for cell in row.split("|")]


def _column_kind(header: str) -> str:
    name = _clean(header).casefold()
    return next((kind for kind, names in _HEADERS.items() if name in names), "other:" + _clean(header))


# --- reading one item -----------------------------------------------------------------------------


class _Venues:
    """Venue ids, names, aliases and full names of the target vocabulary, matched case-insensitively."""

    def __init__(self, entries: dict[str, schema.VocabEntry]):
        self.ids: dict[str, str] = {}
        for entry in entries.values():
            for key in filter(None, (entry.id, entry.name, *entry.aliases, getattr(entry, "full_name", None))):
                self.ids.setdefault(key.casefold(), entry.id)
        keys = sorted(self.ids, key=len, reverse=True)  # longest first: 'ACL-IJCNLP' before 'ACL'
        self.pattern = re.compile("|".join(rf"(?<![^\W_]){re.escape(k)}(?![^\W_])" for k in keys) or "(?!)", re.I)

    def find(self, text: str, fallback_year: int | None, candidate: _Candidate) -> str:
        """Set the candidate's venue from `text`; return the text with venue mentions and years removed.

        A venue needs a year written right beside it (or the table's date): a venue's year cannot be
        guessed. Venue-like tags ('KBS-2021') that are not in the vocabulary go to the note.
        """
        found: list[tuple[str, int | None, str]] = []

        def take(match: re.Match[str]) -> str:
            after = re.match(rf"{_NEAR_YEAR}((?:19|20)\d{{2}})(?!\d)", match.string[match.end() :])
            before = re.search(rf"(?<!\d)((?:19|20)\d{{2}}){_NEAR_YEAR}$", match.string[: match.start()])
            year = int(after.group(1)) if after else int(before.group(1)) if before else fallback_year
            if year is None and len(match[0]) < 6:
                return match[0]  # a short word ('MIR', 'ACL') is a venue only with its year: 'Mir' may be a name
            found.append((self.ids[match[0].casefold()], year, match[0]))
            return " "

        text = self.pattern.sub(take, text)
        for match in _VENUE_TAG.finditer(text):
            candidate.notes.append(f"venue '{match.group(0)}' is not in vocab/venues.yaml")
            candidate.years.append(int(match.group(2)))
        if dated := [(venue, year) for venue, year, _ in found if year is not None]:
            candidate.venue = candidate.venue or schema.VenueRef(id=dated[0][0], year=dated[0][1])
            candidate.years.append(dated[0][1])
        elif found:
            candidate.notes.append(f"venue '{found[0][2]}' is named without a year")
        return _YEAR.sub(" ", _VENUE_TAG.sub(" ", text))


def _add_link(candidate: _Candidate, label: str, url: str, kind: str | None = None) -> None:
    """Keep a link by what its label says; links that say nothing we store are named in the note."""
    url, label = url.strip(), _clean(label)
    kind = kind or next((k for k, labels in _LABELS.items() if label.casefold() in labels), "other")
    if not url or _ARXIV.search(url) or _DOI.search(url):
        return  # nothing, or kept as links.arxiv / links.doi
    if not re.match(schema.URL_PATTERN, url):
        candidate.notes.append(f"{label or 'a'} link '{_shorten(url, 60)}' is not a URL")
    elif kind == "code" or (kind == "other" and re.match(r"https?://(www\.)?git(hub|lab)\.com/", url)):
        candidate.code += [] if url in candidate.code else [url]
    elif kind == "paper" and candidate.paper is None:
        candidate.paper = url
    elif kind == "project" and candidate.project is None:
        candidate.project = url
    else:
        candidate.dropped.append(label or url)


def _identifiers(candidate: _Candidate, text: str, preferred: str = "") -> str:
    """Collect arXiv ids (those in `preferred` links first) and a DOI; return `text` with them blanked out."""
    for match in [*_ARXIV.finditer(preferred), *_ARXIV.finditer(text)]:
        if (arxiv_id := match.group(1) or match.group(2)) not in candidate.arxiv:
            candidate.arxiv.append(arxiv_id)
    if doi := _DOI.search(preferred + " " + text):
        candidate.doi = doi.group(1).rstrip(".,")
    if len(candidate.arxiv) > 1:
        candidate.notes.append(f"several arXiv ids in the item ({', '.join(candidate.arxiv)}); kept the first")
    if candidate.arxiv:
        candidate.years.insert(0, _year_of_arxiv(candidate.arxiv[0]))
    return _ARXIV.sub(lambda m: " " * len(m.group(0)), text)  # same length: title offsets stay valid


def _authors(text: str, candidate: _Candidate) -> None:
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
            candidate.notes.append(f"not read as an author: '{_shorten(part, 60)}'")


def _title_span(masked: str) -> tuple[str, str, int, int] | None:
    """The title (and its link, if any) and where it stands: bold first, then quotes, then a plain link."""
    if match := _TITLE_LINK.search(masked):
        return match.group(1) or match.group(3), match.group(2) or match.group(4), match.start(), match.end()
    if match := _BOLD.search(masked):
        title, end = match.group(1), match.end()
        if rest := re.match(r"\s*:\s*([^,\[\n]+)", masked[end:]):  # '**Pix4Point**: Image Pretrained …'
            title, end = f"{title}: {rest.group(1)}", end + rest.end()
        return title, "", match.start(), end
    if match := _QUOTED.search(masked) or _LINK.search(masked):
        return match.group(1), match.group(2) if match.re is _LINK else "", match.start(), match.end()
    return None


def _parse_bullet(item: _Item, venues: _Venues) -> _Candidate:
    """A bullet: '[tag] **Title**, authors, venue' then link lines, or Scholar's 'Authors. "Title." Venue'."""
    text = "\n".join([_BULLET.sub("", item.lines[0], count=1), *(line.strip() for line in item.lines[1:])])
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    candidate = _Candidate(item.line, item.lines[0].strip())
    masked = _LINK_GROUP.sub(lambda m: " " * len(m.group(0)), text)  # '[[Paper](…)]' is never the title
    groups = _LINK_GROUP.findall(text)
    papers = [url for label, url in groups if _clean(label).casefold() in _LABELS["paper"]]
    span = _title_span(masked)
    rest = _identifiers(candidate, masked, " ".join([span[1] if span else "", *papers, *(url for _, url in groups)]))
    for label, url in groups:
        _add_link(candidate, label, url)
    if span is None and (candidate.arxiv or papers):  # 'Title, Authors [[Paper](…)]' without bold
        head = _TAG.sub("", masked.split("\n")[0]).strip().split(", ")[0]
        span = (head, "", masked.find(head), masked.find(head) + len(head)) if head else None
    if span is None or span[2] < 0:
        return candidate
    title, url, start, end = span
    candidate.title = _clean(title)
    _add_link(candidate, "paper", url)
    prefix, after = rest[:start], _URL.sub(" ", _LINK.sub(" ", _TAG.sub(" ", rest[end:])))
    for tag in _TAG.findall(prefix):
        if tag.strip() and not _YEAR.search(tag) and len(tag.split()) <= 3 and not _ARXIV.search(tag):
            candidate.name = tag.strip()  # '[LLaVA] **Visual Instruction Tuning**'
    prefix = _TAG.sub(lambda m: m.group(0) if _YEAR.search(m.group(1)) else " ", prefix)
    prefix, after = venues.find(prefix, None, candidate), venues.find(after, None, candidate)
    _authors(prefix if prefix.strip(" \"'“”[]") else after, candidate)
    candidate.years += [item.heading_year] if item.heading_year else []
    return candidate


def _parse_row(item: _Item, venues: _Venues) -> _Candidate:
    """A table row: the title (or model) cell, venue, date and code cells; other columns go to the note."""
    candidate = _Candidate(item.line, item.lines[0])
    cells = dict(zip(item.columns or [], _cells(item.lines[0]), strict=False))
    cells = {kind: re.sub(r"!\[[^\]]*\]\([^)]*\)|<br\s*/?>", " ", value) for kind, value in cells.items()}
    _identifiers(candidate, " ".join(cells.values()))
    title_kind = "title" if _clean(cells.get("title", "")) not in ("", "-") else "model"
    title_cell = cells.get(title_kind, "")
    if link := next((m for m in _LINK.finditer(title_cell) if _clean(m.group(1))), None):
        candidate.title = _clean(link.group(1))
        _add_link(candidate, "paper", link.group(2))
        cells[title_kind] = title_cell.replace(link.group(0), " ")
    elif _clean(title_cell) not in ("", "-"):
        candidate.title, candidate.name_only = _clean(title_cell), title_kind == "model"
    if title_kind == "title" and _clean(cells.get("model", "")) not in ("", "-"):
        candidate.name = _clean(cells["model"])
    date_year = int(found.group(1)) if (found := _YEAR.search(cells.get("date", ""))) else None
    if (venue_cell := _clean(cells.get("venue", ""))) not in ("", "-"):
        noted = len(candidate.notes)
        left = venues.find(venue_cell, date_year, candidate)
        if candidate.venue is None and len(candidate.notes) == noted and left.strip(" -_,."):
            candidate.notes.append(f"venue '{venue_cell}' is not in vocab/venues.yaml")
    for kind, value in cells.items():
        for label, url in _LINK.findall(value):
            _add_link(candidate, label, url, "code" if kind == "code" else None)
        if kind.startswith("other:") and _clean(value) not in ("", "-"):
            candidate.notes.append(f"the list's {kind[6:]}: {_clean(value)}")
    candidate.years += [year for year in (date_year, item.heading_year) if year]
    return candidate


# --- checking against the catalogue and writing drafts --------------------------------------------


def _read(source: Path) -> str:
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


def _short_name(title: str) -> str:
    """A model's name is what stands before the colon of its title ('CLIP: …'), if short enough to be one."""
    head = title.split(":", 1)[0].strip()
    return head if ":" in title and 1 <= len(head.split()) <= 4 else title


def _keys(title: str, name: str, record_id: str, links: schema.Links | None) -> list[tuple[str, str]]:
    """What identifies a paper: the validator's keys (title, arXiv id, DOI), plus name and id for bare names."""
    keys = [("title", validate.normalised_title(title)), ("name", validate.normalised_title(name)), ("id", record_id)]
    arxiv, doi = (links.arxiv, links.doi) if links else (None, None)
    return keys + ([("arXiv id", arxiv)] if arxiv else []) + ([("DOI", doi.casefold())] if doi else [])


class _Seen:
    """Papers already catalogued, and those imported by this run, by the keys that identify them."""

    def __init__(self, data: validate.Data):
        self.existing: dict[tuple[str, str], str] = {}
        self.imported: dict[tuple[str, str], str] = {}
        for model_id, model in data.models.items():
            place = f"{model_id} ({display_path(data.paths[(validate.MODELS_DIR, model_id)])})"
            for key in _keys(model.title, model.name, model_id, model.links):
                self.existing.setdefault(key, place)

    def duplicate(self, candidate: _Candidate, name: str) -> str | None:
        """Why the candidate is a paper seen before, or None. A bare model name is compared by name and id."""
        links = schema.Links.model_construct(arxiv=next(iter(candidate.arxiv), None), doi=candidate.doi)
        keys = _keys(candidate.title, name, _slug(name), links)  # model_construct: the draft checks the values
        keys = [key for key in keys if key[0] not in ("name", "id") or candidate.name_only]
        for seen in (self.existing, self.imported):
            if key := next((key for key in keys if key in seen), None):
                return f"same {key[0]} as {seen[key]}"
        return None

    def add(self, draft: schema.ModelDraft, line: int) -> None:
        for key in _keys(draft.title, draft.name, draft.id, draft.links):
            self.imported.setdefault(key, f"line {line}")


def _unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … : never the id (or former id) of another record."""
    record_id, number = base, 1
    while record_id in taken:
        number += 1
        record_id = f"{base}-{number}"
    return record_id


def _review_note(candidate: _Candidate, fields: dict[str, object], source_name: str) -> str:
    """What a reviewer must do: the fields a reviewed record needs, and what the list said that was not mapped."""
    missing = [f for f, info in schema.ModelRecord.model_fields.items() if info.is_required() and not fields.get(f)]
    notes = [f"Imported from {source_name} line {candidate.line}: check every value against the paper."]
    notes.append(f"Still to fill: {', '.join(missing)}.")
    if candidate.title.isupper():
        notes.append("The title is in capitals as in the list: copy its casing from the paper.")
    if not (candidate.arxiv or candidate.doi or candidate.paper):
        notes.append("The list gives no paper link.")
    if candidate.code:
        notes.append("Code links are marked `official: false` because the list does not say who released them.")
    if candidate.dropped:
        notes.append(f"Links not kept: {', '.join(dict.fromkeys(candidate.dropped))}.")
    return " ".join(notes + [note[0].upper() + note[1:] + "." for note in dict.fromkeys(candidate.notes)])


def _draft(candidate: _Candidate, record_id: str, name: str, source_name: str) -> schema.ModelDraft:
    """The draft record of a candidate: only what the list says, the rest named in `review_note`."""
    code = [{"url": url, "official": False} for url in candidate.code]
    links = {"arxiv": next(iter(candidate.arxiv), None), "doi": candidate.doi, "paper": candidate.paper}
    links |= {"code": code, "project": candidate.project}
    fields: dict[str, object] = {"id": record_id, "name": name, "title": candidate.title, "year": candidate.years[0]}
    fields |= {"authors": candidate.authors, "venue": candidate.venue, "added": dt.date.today()}
    fields["links"] = {key: value for key, value in links.items() if value} or None
    note = _review_note(candidate, fields, source_name)
    return schema.ModelDraft.model_validate({**fields, "needs_review": True, "review_note": note})


def import_markdown(source: Path, data_dir: Path, *, dry_run: bool = False) -> ImportReport:
    """Draft one record per new paper of the Markdown list `source` into `data_dir/models/`.

    Existing records are never touched; with `dry_run` nothing is written, and the report is the same.
    """
    text = _read(source)
    if not data_dir.is_dir():
        raise MarkdownImportError(f"no data directory at {data_dir}")
    data, _ = validate.validate(data_dir)  # problems elsewhere in the data are `validate`'s to report
    venues, seen = _Venues(data.vocab.get("venues", {})), _Seen(data)
    taken = {path.stem for path in (data_dir / validate.MODELS_DIR).glob(f"*{validate.RECORD_SUFFIX}")}
    taken |= {alias for model in data.models.values() for alias in model.aliases}
    report = ImportReport(source=display_path(source), dry_run=dry_run)
    for item in _items(text):
        candidate = (_parse_bullet if item.columns is None else _parse_row)(item, venues)
        if not candidate.title or not candidate.years:
            report.unreadable.append((item.line, candidate.text))
            continue
        name = candidate.name or _short_name(candidate.title)
        if why := seen.duplicate(candidate, name):
            report.duplicates.append((item.line, candidate.title, why))
            continue
        if candidate.name_only:  # a name without its paper: a draft would have to invent a title
            report.unreadable.append((item.line, candidate.text))
            continue
        try:
            draft = _draft(candidate, _unique(_slug(name), taken), name, source.name)
        except ValidationError:  # e.g. a year in the future: nothing we can draft without guessing
            report.unreadable.append((item.line, candidate.text))
            continue
        taken.add(draft.id)
        seen.add(draft, item.line)
        if not dry_run:
            try:
                writer.write_record(draft, validate.MODELS_DIR, data_dir)
            except FileExistsError:  # created since we listed the folder: never replaced
                path = data_dir / validate.MODELS_DIR / f"{draft.id}{validate.RECORD_SUFFIX}"
                report.existing.append((item.line, display_path(path)))
                continue
        report.imported.append((draft.id, item.line))
    return report
