"""Where a list item's title stands: a bold or linked title, a quoted one, or plain text before the links."""

from __future__ import annotations

import re

from mmptm_site.sources.entry_text import BRACKETED_TAG, MARKDOWN_LINK, is_link_label

_TITLE_LINK = re.compile(r"\*\*\s*\[([^\[\]]+)\]\(([^()]*)\)\s*\*\*|\[\s*\*\*([^\[\]]+?)\*\*\s*\]\(([^()]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")


def _titled_link(masked: str) -> re.Match[str] | None:
    """The first plain link whose text can be a title: not a label such as 'pdf' or 'code', not a badge."""
    return next(
        (m for m in MARKDOWN_LINK.finditer(masked) if not is_link_label(m.group(1)) and len(m.group(1)) > 3), None
    )


def title_span(masked: str) -> tuple[str, str, int, int] | None:
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


def plain_title(masked: str) -> tuple[str, int, int, str] | None:
    """A title written as plain text before the links: 'Title. Authors. Venue Year. [pdf](…)' or
    'Title, Authors [[Paper](…)]'. Returns the title, its span and the authors' part, if the line has one."""
    first = MARKDOWN_LINK.sub(lambda m: " " * len(m.group(0)) if is_link_label(m.group(1)) else m.group(0), masked)
    first = first.split("\n")[0]
    cut = next((m.start() for m in MARKDOWN_LINK.finditer(first)), len(first))  # not at a tag: '[NeurIPS 2024] Title …'
    head = BRACKETED_TAG.sub(lambda m: " " * len(m.group(0)), first[:cut])
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
