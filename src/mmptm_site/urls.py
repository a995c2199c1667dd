"""Where each generated page lives, and relative links between pages.

Permalinks are stable (other sites link to them): `/models/<id>/`, `/<kind>/<id>/`, `/years/<year>/`,
and an index page per kind at `/<kind>/`. Links between pages are relative, so the site also works
under a sub-path such as a GitHub Pages project site (`/<repository>/`).
"""

from __future__ import annotations

from dataclasses import dataclass


def source_path(kind: str, entry_id: str | int | None = None) -> str:
    """The generated Markdown file of a page: `models/clip.md`, or `models/index.md` for the index."""
    return f"{kind}/{entry_id}.md" if entry_id is not None else f"{kind}/index.md"


def page_url(source: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) that mkdocs gives a Markdown file, as mkdocs computes it."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@dataclass(frozen=True)
class SiteAddress:
    """Where a site is published (mkdocs' `site_url`, when known) and how mkdocs names its pages: what an
    export needs to link to a page, whichever way the site is configured."""

    site_url: str | None = None
    use_directory_urls: bool = True

    def model_page(self, model_id: str) -> str:
        """The page of a model, relative to the site's root."""
        return page_url(source_path("models", model_id), self.use_directory_urls)

    def absolute(self, url: str) -> str | None:
        """`url` (relative to the site's root) as a full address; None when the site's address is not known."""
        return self.site_url.rstrip("/") + "/" + url if self.site_url else None


UNKNOWN_ADDRESS = SiteAddress()
"""A site whose address is not known, its pages named as mkdocs names them by default."""


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both relative to the site root.

    Plain string work rather than `posixpath.relpath`: a build computes hundreds of thousands of these.
    """
    from_parts = from_url.split("/")[:-1]  # the folders of the page: 'models/clip/' and 'models/clip.html' alike
    to_parts = to_url.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "../" * (len(from_parts) - common) + "/".join(to_parts[common:]) or "./"
