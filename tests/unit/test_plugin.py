"""The mkdocs plugin's page events, on stand-ins for mkdocs' page objects (the site tests build for real)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mmptm_site.site.plugin import MmptmPlugin
from mmptm_site.site.resources import SCRIPTS, STYLESHEETS, packaged_templates
from mmptm_site.site.search_index import DEFAULT_SEPARATOR, MODEL_WEIGHT, SearchDocument, title_boost

from ..conftest import ROOT


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


def configured(tmp_path: Path, extra: str = "") -> Any:
    """A list's mkdocs.yml naming only the plugin, loaded, with the plugin's on_config applied."""
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\ntheme: {{name: material}}\nplugins: [mmptm]\n{extra}")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    return config.plugins["mmptm"].on_config(config)


def test_without_a_repository_there_are_no_edit_links(tmp_path):
    """repo_url comes from the build's environment; without it mkdocs would still make "edit" links out of
    edit_uri alone, relative links to nowhere (and a warning per page, which fails a strict build)."""
    assert configured(tmp_path, "edit_uri: edit/main/docs/\n").edit_uri is None
    published = configured(tmp_path, "repo_url: https://example.org/owner/repo/\nedit_uri: edit/main/docs/\n")
    assert published.edit_uri == "edit/main/docs/"


def test_the_plugin_brings_its_theme_overrides_and_assets(tmp_path):
    config = configured(tmp_path)
    packaged = str(packaged_templates() / "theme")
    assert config.theme.dirs[0] == packaged and "material" in config.theme.dirs[1]
    assert [str(css) for css in config.extra_css] == list(STYLESHEETS)
    assert [str(script) for script in config.extra_javascript] == list(SCRIPTS)
    again = config.plugins["mmptm"].on_config(config)  # registering twice adds nothing twice
    assert again.theme.dirs.count(packaged) == 1 and len(again.extra_css) == len(STYLESHEETS)


def test_a_lists_own_overrides_come_first(tmp_path):
    (tmp_path / "templates" / "theme").mkdir(parents=True)
    (tmp_path / "overrides").mkdir()
    config = configured(tmp_path, "theme: {name: material, custom_dir: overrides}\n")
    own, packaged = str(tmp_path / "templates" / "theme"), str(packaged_templates() / "theme")
    assert config.theme.dirs[:3] == [str(tmp_path / "overrides"), own, packaged]


def context_page(src_uri: str, content: str, title: str = "Page") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), content=content, title=title, meta={}, edit_url="x")


def test_search_reads_a_model_pages_document_and_the_page_keeps_its_content():
    plugin = MmptmPlugin()
    plugin.generated_paths = {"models/a.md"}
    document = SearchDocument("A-1", ("A paper",), weight=MODEL_WEIGHT)
    plugin.search_documents = {"models/a.md": document}
    body = '<h1>A-1</h1><div class="admonition"><p>a review note</p></div><h2 id="results">Results</h2>'
    shown = context_page("models/a.md", body)
    plugin._offer_search_document({}, page=shown, config=None, nav=None)
    assert shown.content == document.html()  # what the search plugin reads, between the two steps
    assert shown.meta["search"] == {"boost": title_boost("A-1", DEFAULT_SEPARATOR, MODEL_WEIGHT)}
    assert shown.edit_url is None  # no record edit URL known: no edit button
    plugin._restore_page_content({}, page=shown, config=None, nav=None)
    assert shown.content == body


def test_search_reads_the_lead_of_an_index_page():
    plugin = MmptmPlugin()
    plugin.generated_paths = {"stats/index.md"}
    body = "<h1>Statistics</h1><p>Charts.</p><figure><svg><text>2021</text></svg></figure><table><td>9</td></table>"
    shown = context_page("stats/index.md", body)
    plugin._offer_search_document({}, page=shown, config=None, nav=None)
    assert shown.content == SearchDocument("Statistics", ("Charts.",)).html()
    plugin._restore_page_content({}, page=shown, config=None, nav=None)
    assert shown.content == body


def test_search_reads_a_hand_written_page_as_it_is():
    plugin = MmptmPlugin()
    plugin.generated_paths = {"models/a.md"}
    written = context_page("about.md", '<h1 id="about">About</h1><table><td>kept</td></table>')
    plugin._offer_search_document({}, page=written, config=None, nav=None)
    plugin._restore_page_content({}, page=written, config=None, nav=None)
    assert written.content == '<h1 id="about">About</h1><table><td>kept</td></table>'
    assert written.meta == {} and written.edit_url == "x"


def test_the_search_document_is_in_place_exactly_while_the_search_plugin_indexes():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    events = config.plugins.events["page_context"]  # in the order mkdocs runs them: by priority, then as listed
    names = [getattr(event, "__func__", event).__qualname__ for event in events]
    search = names.index("SearchPlugin.on_page_context")
    assert names.index("MmptmPlugin._offer_search_document") < search < names.index("MmptmPlugin._restore_page_content")


def test_every_built_page_is_compacted():
    plugin = MmptmPlugin()
    built = "<body>\n    <p>x</p>\n    <pre>\n    kept</pre>\n</body>\n"
    assert (
        plugin.on_post_page(built, page=page("about.md"), config=None)
        == "<body>\n<p>x</p>\n<pre>\n    kept</pre>\n</body>\n"
    )


def test_theme_blocks_are_shared_only_by_generated_pages_outside_the_nav_in_one_folder():
    from mmptm_site.site.plugin import SamePerFolder

    same = SamePerFolder({"models/a.md", "models/b.md", "objectives/c.md"})
    rendered: list[str] = []

    def render() -> str:
        rendered.append(f"nav {len(rendered) + 1}")
        return rendered[-1]

    def at(source: str, url: str, **meta: Any) -> SimpleNamespace:
        return SimpleNamespace(file=SimpleNamespace(src_uri=source), url=url, meta=meta)

    assert same("tabs", at("models/a.md", "models/a/"), "../..", render) == "nav 1"
    assert same("tabs", at("models/b.md", "models/b/"), "../..", render) == "nav 1"  # the same links
    # the same depth, another folder: its relative links differ (`../` is models/ from a model page only)
    assert same("tabs", at("objectives/c.md", "objectives/c/"), "../..", render) == "nav 2"
    assert same("tabs", at("models/a.md", "models/a/", hide=["navigation"]), "../..", render) == "nav 3"
    assert same("site_nav", at("models/a.md", "models/a/"), "../..", render) == "nav 4"
    assert same("tabs", at("about.md", "about/"), "..", render) == "nav 5"  # a hand-written page: its own
    assert same("tabs", at("about.md", "about/"), "..", render) == "nav 6"
