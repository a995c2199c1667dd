"""A model's name as a paper's title gives it ('CLIP: …', 'Yi-VL', 'Introducing GPT-4o'), or none."""

from __future__ import annotations

import re

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
    """Whether the title announces a model ('Introducing …', 'Hello …', 'The … herd')."""
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
