"""The mkdocs plugin's page events, on stand-ins for mkdocs' page objects (the site tests build for real)."""

from __future__ import annotations

from types import SimpleNamespace

from mmptm_site.plugin import MmptmPlugin


def page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), present_anchor_ids=set())


def test_generated_page_skips_markdown_and_keeps_its_anchors():
    plugin = MmptmPlugin()
    plugin.generated_paths = {"models/a.md"}
    generated = page("models/a.md")
    body = '<h2 id="results">Results</h2>\n<p id="a&amp;b">*not emphasis* [x](javascript:alert(1))</p>'
    assert plugin.on_page_markdown(f"\n{body}\n", page=generated, config=None, files=None) == ""
    assert plugin.on_page_content("", page=generated, config=None, files=None) == body
    assert generated.present_anchor_ids == {"results", "a&b"}


def test_hand_written_page_goes_through_markdown():
    plugin = MmptmPlugin()
    plugin.generated_paths = {"models/a.md"}
    written = page("about.md")
    assert plugin.on_page_markdown("# About *us*", page=written, config=None, files=None) == "# About *us*"
    html = '<h1 id="about-us">About <em>us</em></h1>'
    assert plugin.on_page_content(html, page=written, config=None, files=None) == html
    assert written.present_anchor_ids == set()


def test_without_a_repository_there_are_no_edit_links():
    """repo_url comes from the build's environment; without it mkdocs would still make "edit" links out of
    edit_uri alone, relative links to nowhere (and a warning per page, which fails a strict build)."""
    plugin = MmptmPlugin()
    local = SimpleNamespace(repo_url=None, edit_uri="edit/main/docs/")
    assert plugin.on_config(local).edit_uri is None
    published = SimpleNamespace(repo_url="https://example.org/owner/repo/", edit_uri="edit/main/docs/")
    assert plugin.on_config(published).edit_uri == "edit/main/docs/"
