"""urls: permalinks and relative links, which keep the site working under a sub-path."""

from __future__ import annotations

import posixpath

import pytest

from mmptm_site.urls import page_url, relative_url, source_path


@pytest.mark.parametrize(
    ("source", "directory_urls", "url"),
    [
        ("models/clip.md", True, "models/clip/"),
        ("models/index.md", True, "models/"),
        ("index.md", True, ""),
        ("models/clip.md", False, "models/clip.html"),
    ],
)
def test_page_url(source, directory_urls, url):
    assert page_url(source, directory_urls) == url


def test_pages_are_folders_unless_asked_otherwise():
    assert page_url("models/clip.md") == "models/clip/"


def test_source_path():
    assert source_path("models", "clip") == "models/clip.md" and source_path("years", 2021) == "years/2021.md"
    assert source_path("models") == "models/index.md"


@pytest.mark.parametrize(
    ("origin", "target", "link"),
    [
        ("models/clip/", "objectives/x/", "../../objectives/x/"),
        ("models/clip/", "", "../../"),
        ("", "models/clip/", "models/clip/"),
        ("models/", "models/clip/", "clip/"),
        ("models/clip/", "models/clip/", "./"),
        ("models/clip.html", "objectives/x.html", "../objectives/x.html"),
        ("models/clip/", "models/beta/", "../beta/"),
        ("compare/", "catalog.json", "../catalog.json"),
        ("", "", "./"),
        ("feeds/", "feeds", "../feeds"),  # a file named as the page's own folder
        ("models/clip/", "models/clip", "../clip"),
    ],
)
def test_relative_url(origin, target, link):
    assert relative_url(origin, target) == link
    # the link resolves to the target from the page's folder
    folder = "/" + "/".join(origin.split("/")[:-1])
    resolved = posixpath.normpath(posixpath.join(folder, link)).lstrip("/")
    assert resolved == target.rstrip("/") or (resolved == "." and target == "")
