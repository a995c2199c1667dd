"""How one entry of a paper list is read: title, name, authors, venue, year, links, and what kind of entry it is.

`importer` finds the entries (list items, table rows, one-paper paragraphs) with a Markdown parser; this module
holds the guesses that no parser can make, because lists write the same facts in many ways: bold, quoted or
linked titles, 'Title. Authors. Venue Year.' lines, `[pdf]`/`[code]` labels, badges, year headings, and
sections of datasets or surveys beside the models. Everything here works on one entry's Markdown source text
and knows nothing of files or of the catalogue.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from mmptm_site.data import schema

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d|\.\d)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
_EMPTY_LINK = re.compile(r"\[\s*\]\(([^()\s]*)\)")
_LINK_GROUP = re.compile(r"\[\s*\[([^\[\]]*)\]\(([^()\s]*)\)\s*\]")  # [[Paper](url)]
_TITLE_LINK = re.compile(r"\*\*\s*\[([^\[\]]+)\]\(([^()]*)\)\s*\*\*|\[\s*\*\*([^\[\]]+?)\*\*\s*\]\(([^()]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")
_TAG = re.compile(r"\[([^\[\]]+)\](?!\()")
_TRAILING_NAME = re.compile(r"\(\s*\*\*([^*]{1,40})\*\*\s*\)")  # '…, (**VLP**)': the model's name after its title
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[a-z]{2})?/\d{7})"
_ARXIV = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)|huggingface\.co/papers|alphaxiv\.org/(?:abs|overview|pdf))/{_ARXIV_ID}"
    r"(?:v\d+)?(?:\.pdf)?"
    r"|arxiv\s*[: ]\s*(\d{4}\.\d{4,5})(?:v\d+)?",
    re.IGNORECASE,
)
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)\?id=([\w-]+)", re.IGNORECASE)
_DOI = re.compile(r"(?:doi\.org/|\bdoi:\s*)(10\.\d{4,9}/[^\s\])]+)", re.IGNORECASE)
_URL = re.compile(r"https?://\S*")
_VENUE_TAG = re.compile(r"(?<!\w)([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*)[-_ ]?((?:19|20)\d{2})(?!\d)")  # 'KBS-2021'
_NEAR_YEAR = r"[\s,._()\-]*"
_LABELS = {
    "paper": {"paper", "pdf", "arxiv", "abs", "link", "doi", "openreview", "html", "preprint", "acl anthology"},
    "code": {"code", "github", "official code", "repo", "gitlab", "code/project"},
    "project": {"project", "project page", "homepage", "website", "page", "site", "blog"},
}
# link texts that say what a link is, never what the paper is called
LINK_LABELS = set().union(*_LABELS.values()) | {
    "demo",
    "huggingface",
    "hugging face",
    "hf",
    "model",
    "models",
    "weights",
    "checkpoint",
    "checkpoints",
    "dataset",
    "data",
    "video",
    "slides",
    "poster",
    "bibtex",
    "bib",
    "coming soon",
    "local demo",
    "zhihu",
    "twitter",
    "x",
}
_HEADERS = {
    "title": {"title", "paper", "paper title", "papers"},
    "model": {"model", "name", "model name", "method", "models"},
    "venue": {"publish", "venue", "conference", "publication", "published", "pub.", "journal", "published in"},
    "date": {"date", "year", "time", "release", "released"},
    "code": {"code", "github", "repo", "repository", "code/project"},
    "skip": {"no.", "no", "#", "index", "id"},
}
_NOT_NAMES = {"oral", "spotlight", "poster", "highlight", "others"}

# --- kinds of sections and entries that are not models ----------------------------------------------

DATASETS, BENCHMARKS, SURVEYS, EVALUATION = "datasets", "benchmarks", "surveys", "evaluation"
HALLUCINATION, POSITION, CONTENTS = "hallucination", "position papers", "table of contents"
NOT_MODELS = (DATASETS, BENCHMARKS, SURVEYS, EVALUATION, HALLUCINATION, POSITION)
_HEADING_KINDS = [  # first match wins: 'Datasets for VLM Evaluation' is about datasets
    (CONTENTS, re.compile(r"^(table of )?contents?$|^menu$|^toc$|^outline$")),
    (DATASETS, re.compile(r"\bdata ?sets?\b|\bcorpus\b|\bcorpora\b")),
    (BENCHMARKS, re.compile(r"\bbenchmarks?\b")),
    (SURVEYS, re.compile(r"\bsurveys?\b|\breviews?\b")),
    (EVALUATION, re.compile(r"\bevaluations?\b")),
    (HALLUCINATION, re.compile(r"\bhallucinations?\b")),
    (POSITION, re.compile(r"\bposition papers?\b|^position$")),
]
_TITLE_KINDS = [
    (SURVEYS, re.compile(r"\bsurveys?\b|\ba (?:comprehensive |systematic |brief |critical )?review\b|\breview of\b")),
    (BENCHMARKS, re.compile(r"\bbenchmark(?:s|ing)?\b")),
    (DATASETS, re.compile(r"\bdata ?set\b|\bcorpus\b")),
    (POSITION, re.compile(r"^position\s*:")),
]
_DATASET_COLUMNS = {
    "dataset",
    "datasets",
    "dataset name",
    "benchmark",
    "benchmarks",
    "corpus",
    "size",
    "size (k)",
    "#samples",
    "# samples",
    "samples",
    "#images",
    "# images",
    "#videos",
    "classes",
    "annotators",
    "eval protocol",
    "evaluation metric",
    "training",
    "testing",
    "num of image-text paris",
    "num of image-text pairs",
}


def heading_kind(heading: str) -> str | None:
    """What a heading says its section holds, if it is not models: 'Awesome Datasets' → datasets.

    A heading that lists several topics ('Benchmarks, RL Alignment, Applications, …') names the whole
    document or a mixed section, so it says nothing about its entries.
    """
    text = clean(heading).casefold()
    text = re.sub(r"^[\d.\s]+", "", text).strip()  # '2.1. Datasets' → 'datasets'
    if "," in text:
        return None
    return next((kind for kind, pattern in _HEADING_KINDS if pattern.search(text)), None)


def table_kind(headers: list[str]) -> str | None:
    """Datasets, when a table's columns are those of a dataset table (Dataset | Size | Classes …)."""
    names = [clean(header).casefold() for header in headers]
    if names and names[0] in {"dataset", "datasets", "dataset name", "corpus"}:
        return DATASETS
    if names and names[0] in {"benchmark", "benchmarks"}:
        return BENCHMARKS
    return DATASETS if any(name in _DATASET_COLUMNS - {"benchmark", "benchmarks"} for name in names) else None


def title_kind(title: str) -> str | None:
    """A survey, benchmark, data set or position paper, when its title says so."""
    text = title.casefold()
    return next((kind for kind, pattern in _TITLE_KINDS if pattern.search(text)), None)


def only_anchor_links(text: str) -> bool:
    """A table-of-contents entry: its links all point at headings of the same page."""
    links = [url for _, url in _LINK.findall(text)]
    return bool(links) and all(url.startswith("#") for url in links)


# --- text -------------------------------------------------------------------------------------------


def strip_emoji(text: str) -> str:
    """Emoji and pictographs off a title or name ('✨Sparkles' → 'Sparkles'): they are decoration, not names."""
    kept = []
    for char in text:
        code = ord(char)
        if unicodedata.category(char) == "So" or 0xFE00 <= code <= 0xFE0F or code in (0x200D, 0x20E3):
            continue
        if 0x1F3FB <= code <= 0x1F3FF or 0x1F000 <= code <= 0x1FAFF:
            continue
        kept.append(char)
    return "".join(kept)


def clean(text: str) -> str:
    """Markdown and list punctuation off a title or cell: links to their text, no bold, no emoji, no trailing comma."""
    text = _IMAGE.sub(" ", text)
    text = re.sub(r"</?su[bp]>", "", text)  # 'M<sup>3</sup>CoT' → 'M3CoT'
    text = re.sub(r"\*\*|__|`|<[^>]+>", " ", _LINK.sub(r"\1", text).replace("[J]", ""))
    return " ".join(strip_emoji(text).split()).strip(" \"'“”*,.;:")


def is_link_label(text: str) -> bool:
    """Link texts such as 'pdf', '[code]', 'arXiv' or a badge: they say what a link is, not the paper's title."""
    label = clean(text).strip("[]() ").casefold()
    return not label or label in LINK_LABELS or bool(re.fullmatch(r"(arxiv[: ]*)?\d{4}\.\d{4,5}(v\d+)?", label))


def shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def year_of_arxiv(arxiv_id: str) -> int:
    """The year in an arXiv id's yymm (new style '2103.00020' or old style 'cs/0112017')."""
    yy = int(arxiv_id.split("/")[-1][:2])
    return 1900 + yy if yy >= 91 else 2000 + yy


def arxiv_ids(text: str) -> list[str]:
    """arXiv ids in `text`, in order: from arxiv.org abs/pdf/html links (any version), Hugging Face papers,
    alphaxiv and 'arXiv:ID' mentions."""
    found: list[str] = []
    for match in _ARXIV.finditer(text):
        arxiv_id = match.group(1) or match.group(2)
        if arxiv_id not in found:
            found.append(arxiv_id)
    return found


def openreview_id(text: str) -> str | None:
    return match.group(1) if (match := _OPENREVIEW.search(text)) else None


# --- names ------------------------------------------------------------------------------------------

_STOPWORDS = {
    "a", "an", "the", "of", "for", "with", "to", "and", "in", "on", "is", "are", "towards", "toward", "via",
    "from", "by", "how", "what", "why", "when", "do", "does", "can", "we", "you", "your", "our", "all", "at",
    "as", "be", "into", "not", "need", "more", "less", "than", "beyond", "through", "under", "over",
}  # fmt: skip
_REPORT_SUFFIX = re.compile(r"\s+(?:technical report|tech(?:nical)? report|model card|system card|report)$", re.I)
_ANNOUNCEMENT = re.compile(r"^(?:hello|introducing|announcing|meet|say hello to)\s+(.+)$", re.I)
_HERD = re.compile(r"^the\s+(.+?)\s+herd\b", re.I)


def _looks_like_name(text: str) -> bool:
    """A model's name is short and marked: 'Qwen-VL', 'LLaMA-Adapter V2', 'Emu3', 'Flamingo' — not 'The Dawn of LMMs'.

    One word is a name; several words need one with a digit or a capital after its first letter, and none
    of the small words that titles and sentences are made of.
    """
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 40 or not re.search(r"[^\W\d_]", text):
        return False
    if any(word.casefold().strip("(),") in _STOPWORDS for word in words):
        return False
    if len(words) == 1:
        return words[0][:1].isupper() or bool(re.search(r"[A-Z\d]", words[0][1:]))
    return any(re.search(r"\d|[^\W\d_][A-Z]|-[A-Z]", word) for word in words)


def announced_name(title: str) -> str | None:
    """The model an announcement is about: 'Hello GPT-4o' → 'GPT-4o', 'The Llama 4 herd: …' → 'Llama 4'."""
    head = title.split(":", 1)[0].strip()
    if not (match := _ANNOUNCEMENT.match(head) or _HERD.match(head)):
        return None
    words = match.group(1).strip(" .!").split()
    cut = next((n for n, word in enumerate(words) if word.casefold() in _STOPWORDS), len(words))
    name = " ".join(words[:cut])  # 'Introducing GPT-4.1 in the API' → 'GPT-4.1'
    # what an announcement introduces is a name even in plain words ('Introducing Muse Spark')
    return name if 1 <= len(words[:cut]) <= 4 and re.search(r"[^\W\d_]", name) else None


def is_announcement(title: str) -> bool:
    head = title.split(":", 1)[0].strip()
    return bool(_ANNOUNCEMENT.match(head) or _HERD.match(head))


def model_name(title: str) -> str | None:
    """The model's name when the title gives one: the short name before its colon ('CLIP: …'), a title that
    is itself a name ('Yi-VL'), or the model an announcement introduces; None when it gives none."""
    if announced := announced_name(title):
        return announced
    if is_announcement(title):
        return None
    head = title.split(":", 1)[0].strip() if ":" in title else title.strip()
    head = _REPORT_SUFFIX.sub("", head).strip()
    head = re.sub(r"\s*\([^()]*\)$", "", head) or head  # 'GPT-5.5 (OpenAI)', 'xGen-MM (BLIP-3)'
    return head if _looks_like_name(head) else None


# --- reading one entry ------------------------------------------------------------------------------


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


class Venues:
    """Venue ids, names, aliases and full names of the target vocabulary, matched case-insensitively."""

    def __init__(self, entries: dict[str, schema.VocabEntry]):
        self.ids: dict[str, str] = {}
        for entry in entries.values():
            for key in filter(None, (entry.id, entry.name, *entry.aliases, getattr(entry, "full_name", None))):
                self.ids.setdefault(key.casefold(), entry.id)
        keys = sorted(self.ids, key=len, reverse=True)  # longest first: 'ACL-IJCNLP' before 'ACL'
        self.pattern = re.compile("|".join(rf"(?<![^\W_]){re.escape(k)}(?![^\W_])" for k in keys) or "(?!)", re.I)

    def find(self, text: str, fallback_year: int | None, candidate: Candidate) -> str:
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


def _add_link(candidate: Candidate, label: str, url: str, kind: str | None = None) -> None:
    """Keep a link by what its label says; links that say nothing we store are named in the note."""
    url, label = url.strip(), clean(label)
    kind = kind or next((k for k, labels in _LABELS.items() if label.casefold() in labels), "other")
    if not url or url.startswith("#") or _ARXIV.search(url) or _DOI.search(url):
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


def _identifiers(candidate: Candidate, text: str, preferred: str = "") -> str:
    """Collect arXiv ids (those in `preferred` links first), a DOI and an OpenReview id; blank the arXiv ids out."""
    for arxiv_id in arxiv_ids(preferred) + arxiv_ids(text):
        if arxiv_id not in candidate.arxiv:
            candidate.arxiv.append(arxiv_id)
    if doi := _DOI.search(preferred + " " + text):
        candidate.doi = doi.group(1).rstrip(".,")
    candidate.openreview = openreview_id(preferred + " " + text)
    if len(candidate.arxiv) > 1:
        candidate.notes.append(f"several arXiv ids in the item ({', '.join(candidate.arxiv)}); kept the first")
    if candidate.arxiv:
        candidate.years.insert(0, year_of_arxiv(candidate.arxiv[0]))
    return _ARXIV.sub(lambda m: " " * len(m.group(0)), text)  # same length: title offsets stay valid


def _authors(text: str, candidate: Candidate) -> None:
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


def _titled_link(masked: str) -> re.Match[str] | None:
    """The first plain link whose text can be a title: not a label such as 'pdf' or 'code', not a badge."""
    return next((m for m in _LINK.finditer(masked) if not is_link_label(m.group(1)) and len(m.group(1)) > 3), None)


def _title_span(masked: str) -> tuple[str, str, int, int] | None:
    """The title (and its link, if any) and where it stands.

    Bold links first, then bold text, quotes, a plain link whose text is no label; a short bold tag before a
    linked title ('**VCR**: [Fusion of …](…)') names a topic, and the link is the title.
    """
    if (match := _TITLE_LINK.search(masked)) and not is_link_label(match.group(1) or match.group(3)):
        return match.group(1) or match.group(3), match.group(2) or match.group(4), match.start(), match.end()
    bold = next((m for m in _BOLD.finditer(masked) if not is_link_label(m.group(1))), None)
    link = _titled_link(masked)
    between = masked[bold.end() : link.start()] if bold and link and link.start() > bold.end() else None
    if bold and link and between is not None and ":" not in bold.group(1) and re.fullmatch(r"\s*[:,\-–]?\s*", between):
        return link.group(1), link.group(2), link.start(), link.end()
    if bold:
        title, end = bold.group(1), bold.end()
        if rest := re.match(r"\s*:\s*([^,\[\n]+)", masked[end:]):  # '**Pix4Point**: Image Pretrained …'
            title, end = f"{title}: {rest.group(1)}", end + rest.end()
        return title, "", bold.start(), end
    if match := _QUOTED.search(masked):
        return match.group(1), "", match.start(), match.end()
    if link:
        return link.group(1), link.group(2), link.start(), link.end()
    return None


def _plain_title(masked: str) -> tuple[str, int, int, str] | None:
    """A title written as plain text before the links: 'Title. Authors. Venue Year. [pdf](…)' or
    'Title, Authors [[Paper](…)]'. Returns the title, its span and the authors' part, if the line has one."""
    first = _LINK.sub(lambda m: " " * len(m.group(0)) if is_link_label(m.group(1)) else m.group(0), masked)
    first = first.split("\n")[0]
    cut = next((m.start() for m in _LINK.finditer(first)), len(first))  # not at a tag: '[NeurIPS 2024] Title …'
    head = _TAG.sub(lambda m: " " * len(m.group(0)), first[:cut])
    stripped = head.strip()
    start = first.find(stripped)
    if not stripped[:1].isupper() and not stripped[:1].isdigit():
        return None  # 'see also [[Paper](…)]' is a remark, not a title
    parts = re.split(r"(?<=[^\s.A-Z])\.\s+", stripped)
    if len(parts) > 1 and len(parts[0].split()) >= 2:  # 'Title. Authors. Venue Year.'
        return parts[0], start, start + len(parts[0]), parts[1]
    title = stripped.split(", ")[0]
    if len(title.split()) < 2:
        return None
    return title, start, start + len(title), ""


def read_item(text: str, line: int, heading_year: int | None, venues: Venues) -> Candidate:
    """A list item or paragraph: '[tag] **Title**, authors, venue' with link lines, Scholar's
    'Authors. "Title." Venue', '[Title](url), Venue Year [[code]](…)', or 'Title. Authors. Venue Year. [pdf](…)'."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    text = re.sub(r"\[\[([^\[\]]*)\]\]\(([^()]*)\)", r"[[\1](\2)]", text)  # '[[code]](…)' as '[[code](…)]'
    first_line = text.split("\n")[0].strip()
    candidate = Candidate(line, first_line)
    text = _IMAGE.sub(lambda m: " " * len(m.group(0)), text)  # badges: their alt text is never a title
    text = _EMPTY_LINK.sub(lambda m: f"  {m.group(1)} ", text)  # a badge's link keeps its URL (often arXiv)
    if trailing := _TRAILING_NAME.search(text):
        candidate.name = clean(trailing.group(1)).split(",")[0].strip()  # '(**LayoutT5, LayoutBART**)'
        text = text[: trailing.start()] + " " * len(trailing.group(0)) + text[trailing.end() :]
    masked = _LINK_GROUP.sub(lambda m: " " * len(m.group(0)), text)  # '[[Paper](…)]' is never the title
    groups = _LINK_GROUP.findall(text)
    papers = [url for label, url in groups if clean(label).casefold() in _LABELS["paper"]]
    span = _title_span(masked)
    rest = _identifiers(candidate, masked, " ".join([span[1] if span else "", *papers, *(url for _, url in groups)]))
    for label, url in groups:
        _add_link(candidate, label, url)
    authors_part = None
    if span is None and (plain := _plain_title(masked)):
        title, start, end, authors_part = plain
        span = (title, "", start, end)
    if span is None or span[2] < 0:
        return candidate
    title, url, start, end = span
    candidate.title = clean(title)
    _add_link(candidate, "paper", url)
    prefix, after = rest[:start], rest[end:]
    for label, link_url in _LINK.findall(after):  # '[pdf](…) [code](…)' after a plain title
        if is_link_label(label):
            _add_link(candidate, label, link_url)
    after = _URL.sub(" ", _LINK.sub(" ", _TAG.sub(" ", after)))
    for tag in _TAG.findall(prefix):
        if tag.strip() and not _YEAR.search(tag) and len(tag.split()) <= 3 and not _ARXIV.search(tag):
            candidate.name = candidate.name or clean(tag)  # '[LLaVA] **Visual Instruction Tuning**'
    prefix = _TAG.sub(lambda m: m.group(0) if _YEAR.search(m.group(1)) else " ", prefix)
    prefix = re.sub(r"\*\*[^*]{1,40}\*\*\s*[:,]?", " ", prefix)  # a bold topic before a linked title
    prefix, after = venues.find(prefix, None, candidate), venues.find(after, None, candidate)
    if authors_part:
        _authors(venues.find(authors_part, None, candidate), candidate)
    else:
        _authors(prefix if prefix.strip(" \"'“”[]") else after, candidate)
    candidate.years += [heading_year] if heading_year else []
    if not candidate.years and (lone := _YEAR.search(rest[end:])):  # 'IEEE Access 2021': a venue we do not know
        candidate.years.append(int(lone.group(1)))
        candidate.notes.append(f"the year {lone.group(1)} is read from the list's text beside an unknown venue")
    return candidate


def column_kind(header: str) -> str:
    name = clean(header).casefold()
    return next((kind for kind, names in _HEADERS.items() if name in names), "other:" + clean(header))


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
    _identifiers(candidate, " ".join(value for _, value in pairs))
    title_kind_ = "title" if clean(cells_by_kind.get("title", "")) not in ("", "-") else "model"
    title_cell = cells_by_kind.get(title_kind_, "")
    if link := next((m for m in _LINK.finditer(title_cell) if not is_link_label(m.group(1))), None):
        candidate.title = clean(link.group(1))
        _add_link(candidate, "paper", link.group(2))
        cells_by_kind[title_kind_] = title_cell.replace(link.group(0), " ")
    elif clean(title_cell) not in ("", "-") and not is_link_label(title_cell):
        candidate.title, candidate.name_only = clean(title_cell), title_kind_ == "model"
    if title_kind_ == "title" and clean(cells_by_kind.get("model", "")) not in ("", "-"):
        candidate.name = clean(cells_by_kind["model"])
    date_year = int(found.group(1)) if (found := _YEAR.search(cells_by_kind.get("date", ""))) else None
    if (venue_cell := clean(cells_by_kind.get("venue", ""))) not in ("", "-"):
        noted = len(candidate.notes)
        left = venues.find(venue_cell, date_year, candidate)
        if candidate.venue is None and len(candidate.notes) == noted and left.strip(" -_,."):
            candidate.notes.append(f"venue '{venue_cell}' is not in vocab/venues.yaml")
    pairs = [(kind, cells_by_kind[kind] if kind in ("title", "model") else value) for kind, value in pairs]
    for kind, value in pairs:
        for label, url in _LINK.findall(value):
            _add_link(candidate, label, url, "code" if kind == "code" else None)
        if kind.startswith("other:") and clean(value) not in ("", "-"):
            candidate.notes.append(f"the list's {kind[6:]}: {clean(value)}")
    candidate.years += [year for year in (date_year, heading_year) if year]
    return candidate


def heading_year(heading: str) -> int | None:
    return int(found.group(1)) if (found := _YEAR.search(heading)) else None
