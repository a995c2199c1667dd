"""The Markdown of one paper-list entry as plain text: the patterns every reader of an entry shares, titles
and cells cleaned of Markdown and emoji, and link texts that are labels ('pdf', 'code', a badge), not titles."""

from __future__ import annotations

import re
import unicodedata

# Markdown and text patterns shared by the readers of an entry
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d|\.\d)")
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
BRACKETED_TAG = re.compile(r"\[([^\[\]]+)\](?!\()")
LINK_LABELS_BY_KIND = {  # the record field a link goes to, by what its text says
    "paper": {"paper", "pdf", "arxiv", "abs", "link", "doi", "openreview", "html", "preprint", "acl anthology"},
    "code": {"code", "github", "official code", "repo", "gitlab", "code/project"},
    "project": {"project", "project page", "homepage", "website", "page", "site", "blog"},
}
# link texts that say what a link is, never what the paper is called
LINK_LABELS = set().union(*LINK_LABELS_BY_KIND.values()) | {
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
    text = MARKDOWN_IMAGE.sub(" ", text)
    text = re.sub(r"</?su[bp]>", "", text)  # 'M<sup>3</sup>CoT' → 'M3CoT'
    text = re.sub(r"\*\*|__|`|<[^>]+>", " ", MARKDOWN_LINK.sub(r"\1", text).replace("[J]", ""))
    return " ".join(strip_emoji(text).split()).strip(" \"'“”*,.;:")


def is_link_label(text: str) -> bool:
    """Link texts such as 'pdf', '[code]', 'arXiv' or a badge: they say what a link is, not the paper's title."""
    label = clean(text).strip("[]() ").casefold()
    return not label or label in LINK_LABELS or bool(re.fullmatch(r"(arxiv[: ]*)?\d{4}\.\d{4,5}(v\d+)?", label))


def shorten(text: str, limit: int = 100) -> str:
    """`text` cut to `limit` characters, its end marked with '…' (for reports)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
