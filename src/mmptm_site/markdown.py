"""Record text written into Markdown (the paper-list export, discover's report): nothing in it acts as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Record text for a Markdown list: one line, every character Markdown might act on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown_url(url: str) -> str:
    """A URL that cannot end a Markdown link early: brackets, spaces and quotes percent-encoded."""
    return quote(url, safe=":/?#@!$&*+,;=%~'")
