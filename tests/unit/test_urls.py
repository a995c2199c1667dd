"""urls: permalinks and relative links, which keep the site working under a sub-path."""

from __future__ import annotations

import posixpath

import pytest

from mmptm_site.urls import SiteAddress, page_url, relative_url, source_path


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


def test_a_site_address_names_model_pages_as_mkdocs_does_either_way():
    assert SiteAddress().model_page("clip") == "models/clip/"
    assert SiteAddress(use_directory_urls=False).model_page("clip") == "models/clip.html"


@pytest.mark.parametrize("site_url", ["https://example.org/list", "https://example.org/list/"])
def test_a_site_address_makes_full_addresses_only_when_the_site_is_known(site_url):
    assert SiteAddress(site_url).absolute("models/clip/") == "https://example.org/list/models/clip/"
    assert SiteAddress().absolute("models/clip/") is None
    assert SiteAddress("").absolute("models/clip/") is None
