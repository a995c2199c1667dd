"""Helpers that read a built site back: its pages, their links and the assets they load."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class PageParser(HTMLParser):
    """Collects the links, loaded assets, scripts and text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.inline_scripts: list[str] = []
        self.event_handlers: list[tuple[str, str]] = []
        self.title = ""
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._in.append(tag)
        for name, _value in attrs:
            if name.startswith("on"):
                self.event_handlers.append((tag, name))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in ("script", "img", "iframe") and values.get("src"):
            self.assets.append(values["src"])
        if tag == "link" and values.get("href") and values.get("rel") in ("stylesheet", "icon", "preload"):
            self.assets.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "script":
            self.inline_scripts.append(data)
        else:
            self.text.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolves(site: Path, page: Path, target: str, root: str = "/") -> bool:
    """Whether a link or asset reference from `page` reaches a file of the built site.

    `root` is the path the site is served under (from `site_url`): mkdocs writes the 404 page's links
    as absolute paths under it, because that page is served at any depth.
    """
    path = urlsplit(target).path
    if not path:
        return True  # a fragment on the same page
    if path.startswith("/"):
        if not path.startswith(root):
            return False
        path = path.removeprefix(root)
        page = site / "index.html"
    base = posixpath.dirname("/" + page.relative_to(site).as_posix())
    resolved = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
    candidate = site / resolved
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate.is_file()


def is_external(target: str) -> bool:
    return bool(urlsplit(target).scheme) or target.startswith("//")
