"""A Markdown paper list's entries as GitHub renders them, read with markdown-it-py (CommonMark with GitHub's
tables): every list item, table body row (also one written without its leading `|`) and one-paper paragraph,
with the headings it stands under."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mmptm_site.sources.entry_kinds import heading_kind, table_kind
from mmptm_site.sources.entry_reader import heading_year
from mmptm_site.sources.entry_text import clean


def markdown_parser() -> MarkdownIt:
    """CommonMark plus GitHub's tables: the block structure GitHub renders (linkify changes no blocks)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Heading:
    """A heading of the list, where it stands; the entries after it stand under it."""

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
        return clean(self.headings[-1].text) if self.headings else "(before the first heading)"

    @property
    def section_line(self) -> int:
        return self.headings[-1].line if self.headings else 1

    @property
    def heading_year(self) -> int | None:
        """The year of the closest enclosing heading that names one ('## 2023', '### Year 2022 and Before')."""
        return next((y for h in reversed(self.headings) if (y := heading_year(h.text))), None)

    @property
    def kind(self) -> str | None:
        """What its section holds when that is not models: from the closest heading that says, or the columns."""
        for heading in reversed(self.headings):
            if kind := heading_kind(heading.text):
                return kind
        return table_kind(self.columns) if self.columns else None


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
