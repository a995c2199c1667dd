"""The files of the generated site, before mkdocs sees them: pages as Markdown holding one raw HTML block under
a YAML front matter, and the options that decide their links.

Record text is data, never markup: templates render it escaped into HTML that the page's Markdown file holds
as one raw HTML block, which Python-Markdown passes through untouched (so `*`, `[x](javascript:…)` or
`{: onclick=…}` in a record stay literal). The only record text that reaches mkdocs' own, non-escaping
templates is the page title, which is made inert first (`inert_title`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mmptm_site.urls import SiteAddress


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site, relative to the docs directory: a page (`.md`) or an asset."""

    path: str
    content: str
    in_nav: bool = False
    """Index pages appear in the navigation; the page of each record does not (see urls)."""


@dataclass(frozen=True)
class SiteOptions:
    repo_url: str | None = None
    edit_branch: str = "main"
    data_path: str = "data"
    """The data directory relative to the repository's root, for "Edit this record" links."""
    use_directory_urls: bool = True
    site_url: str | None = None
    """The published address (mkdocs' `site_url`), for the feed and absolute links in exports."""
    site_name: str = "Catalogue"
    docs_pages: frozenset[str] = frozenset()
    """The hand-written pages of docs/ (e.g. 'contributing.md'): the generated pages link only to those that exist."""

    @property
    def address(self) -> SiteAddress:
        return SiteAddress(self.site_url, self.use_directory_urls)


def repository_path(root: Path, data_dir: Path) -> str:
    """The data directory as a path in the repository (for edit links); its name when it lies elsewhere."""
    data, root = data_dir.resolve(), root.resolve()
    return data.relative_to(root).as_posix() if data.is_relative_to(root) else data.name


def record_edit_url(options: SiteOptions, model_id: str) -> str | None:
    """Where a contributor edits a model's YAML record in the repository, if the site names one."""
    if not options.repo_url:
        return None
    base = options.repo_url.rstrip("/")
    return f"{base}/edit/{options.edit_branch}/{options.data_path}/models/{model_id}.yaml"


def compact_html(html: str) -> str:
    """HTML without the indentation of its lines (outside <pre> and <textarea>): a fifth of a page's bytes.

    A newline stays where the indentation was, so the whitespace between elements, and so the rendering,
    is unchanged.
    """
    parts = _PRESERVED.split(html)
    return "".join(part if index % 2 else _INDENTATION.sub("\n", part) for index, part in enumerate(parts))


_PRESERVED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")


def inert_title(text: str) -> str:
    """A title safe for templates that do not escape: `<`, `>` and `&` become look-alike characters."""
    return text.translate(str.maketrans("<>&", "‹›＆"))


class _DoubleQuoted(str):
    """Text written double-quoted: the one style in which the emitter escapes every character YAML cannot
    hold as it is (DEL, C1 controls, U+FFFE) and writes line breaks (NEL, U+2028 too) as escapes."""


# libyaml's emitter when PyYAML has it (a third of the time of PyYAML's own, which is the fallback); every
# character round-trips through either (tests/unit/test_render.py checks it with mkdocs' own reader)
class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_FrontMatterDumper.add_representer(
    _DoubleQuoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')
)


_NO_FOLDING = 2**31 - 1  # the widest line libyaml takes


def front_matter(title: str, *, wide: bool = False) -> str:
    """A page's YAML front matter, written by a YAML emitter so that any title parses back as itself.

    A front matter mkdocs cannot parse stays on the page as Markdown, where `[x](javascript:…)` in a title
    becomes a live link. JSON leaves DEL, C1 controls and U+FFFE as they are, which YAML refuses, and the
    emitter's plain and single-quoted styles fold a NEL into something else; so the title is double-quoted,
    on one line (a folded line could start with `---` and end the front matter early).

    A `wide` page hides the side bars (mkdocs-material's `hide` option) to give a large table room.
    """
    meta: dict[str, Any] = {"title": _DoubleQuoted(inert_title(title))}
    if wide:
        meta["hide"] = ["navigation", "toc"]
    text = yaml.dump(meta, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=_NO_FOLDING)
    return f"---\n{text}---\n\n"
