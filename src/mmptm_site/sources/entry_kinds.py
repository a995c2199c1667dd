"""What a list's sections, tables, titles and columns hold: the kinds of entry that are not models (datasets,
benchmarks, surveys …, a table of contents), and the kind of each table column (title, model, venue …)."""

from __future__ import annotations

import re

from mmptm_site.sources.entry_text import MARKDOWN_LINK, clean

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
_HEADERS = {  # a table column's kind, by its header
    "title": {"title", "paper", "paper title", "papers"},
    "model": {"model", "name", "model name", "method", "models"},
    "venue": {"publish", "venue", "conference", "publication", "published", "pub.", "journal", "published in"},
    "date": {"date", "year", "time", "release", "released"},
    "code": {"code", "github", "repo", "repository", "code/project"},
    "skip": {"no.", "no", "#", "index", "id"},
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
    links = [url for _, url in MARKDOWN_LINK.findall(text)]
    return bool(links) and all(url.startswith("#") for url in links)


def column_kind(header: str) -> str:
    """What a table column holds, by its header ('Paper Title' → title); 'other:<header>' when it says nothing known."""
    name = clean(header).casefold()
    return next((kind for kind, names in _HEADERS.items() if name in names), "other:" + clean(header))
