"""The mkdocs plugin `mmptm`: a thin adapter that hands the rendered catalogue to mkdocs.

With `preview` and `parallel_pages`, it is the only module that knows mkdocs. Enable it in mkdocs.yml:

    plugins:
      - search
      - mmptm:
          data_dir: data            # the data directory, relative to mkdocs.yml
          templates_dir: templates  # a list's own templates and assets, over those of the package
          edit_branch: main     # for "Edit this record" links under repo_url

Events used:
- `on_config`: add the package's theme overrides (a list's own templates/theme first) to the theme's
  folders, and its stylesheets and scripts to every page; no repository (`repo_url` unset), no "edit" links.
- `on_files`: validate the data (a problem stops the build with located messages), render every page,
  and add them as generated files: nothing is written into the repository. Each record's page is
  kept out of the navigation (a nav entry per record makes every page carry the whole nav, and the
  build grows quadratically); index pages are listed in mkdocs.yml's nav.
  It also fixes mkdocs' build date (SOURCE_DATE_EPOCH, unless set) to the newest date in the data, so
  the sitemap's dates, and so the whole site, are the same bytes for the same data.
- `on_page_markdown` and `on_page_content`: a generated page is HTML from our templates already, so it
  skips Markdown: its body is set aside before conversion and put back as the page's content. Running
  Python-Markdown's HTML-block parser over it would give the same HTML (a test compares the two) and
  was two fifths of mkdocs' time on a large catalogue. Its anchors, which mkdocs would have found while
  converting it, are recorded for mkdocs' checks of links to them. Record text can never be read as
  Markdown this way either.
- `on_page_context`: point the "edit" button of a model page at its YAML record, not at the
  generated Markdown, and hide it on other generated pages, which have no file to edit. Around the search
  plugin's own `on_page_context` (which indexes `page.content`), a generated page's content is its short
  search document (`search_index`) and afterwards the page again: the index holds what readers search
  for (names, titles, authors, descriptions), not leaderboards, chart data, model lists or review notes,
  and model pages are boosted so that a model's name finds its page first.
- `on_env` (under `mkdocs build`): fork a process that writes two of every three generated pages through
  the theme while this one writes the rest (`parallel_pages`); `on_post_build` waits for it, and a failed
  one fails the build. The nav, files and theme environment are kept for the preview (`preview`), as is
  each page's share of the search index when serving.
- `on_post_page`: drop the indentation of every page's lines (`render.compact_html`), a fifth of the
  bytes of a page, without changing what it shows.
- `on_serve`: rebuild when a file in the data or templates directory changes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html import unescape
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from mmptm_site.catalog import Catalog
from mmptm_site.data.problems import DataError
from mmptm_site.data.validate import load_data
from mmptm_site.data.validation_run import LoadCache
from mmptm_site.site.files import SiteOptions, compact_html, record_edit_url, repository_path
from mmptm_site.site.parallel_pages import PageShare, can_fork
from mmptm_site.site.render import render_site
from mmptm_site.site.resources import SCRIPTS, STYLESHEETS, theme_dirs
from mmptm_site.site.search_index import (
    DEFAULT_SEPARATOR,
    SearchDocument,
    catalogue_documents,
    lead_document,
    title_boost,
)
from mmptm_site.urls import source_path

_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')  # our templates quote every attribute with "


class SamePerFolder:
    """Theme blocks that are the same on every generated page outside the nav in one folder (the tabs and
    the navigation bar: links relative to the folder, no active item), rendered once per folder and options.

    Every page of the site renders the whole navigation; at 5,000 records that was a third of the time
    mkdocs spends in the theme. Pages in the nav, and hand-written pages, render their own.
    """

    def __init__(self, generated_outside_nav: set[str]):
        self.generated_outside_nav = generated_outside_nav
        self.rendered: dict[tuple[str, str, str, tuple[str, ...]], str] = {}

    def __call__(self, block: str, page: Any, base_url: str, render: Any) -> str:
        if page is None or page.file.src_uri not in self.generated_outside_nav:
            return str(render())
        folder = page.url.rstrip("/").rpartition("/")[0]  # models/clip/ → models: its links are those of every model
        key = (block, folder, base_url, tuple((page.meta or {}).get("hide") or ()))
        if key not in self.rendered:
            self.rendered[key] = str(render())
        return self.rendered[key]


class MmptmConfig(Config):
    data_dir = config_options.Type(str, default="data")
    templates_dir = config_options.Type(str, default="templates")
    edit_branch = config_options.Type(str, default="main")


class MmptmPlugin(BasePlugin[MmptmConfig]):
    def __init__(self) -> None:
        self.record_edit_urls: dict[str, str | None] = {}
        self.generated_paths: set[str] = set()
        self.page_html: dict[str, str] = {}  # a generated page's body, from on_page_markdown to on_page_content
        self.search_documents: dict[str, SearchDocument] = {}  # model and facet pages, by source path
        self.shown_content: dict[str, str] = {}  # a generated page's content while the search plugin reads
        self.search_separator = DEFAULT_SEPARATOR
        self.command = "build"
        self.nav: Any = None
        # what a preview (see preview) reads after a build, to render pages again when asked for them
        self.files: Files | None = None
        self.env: Any = None
        self.options = SiteOptions()
        self.catalog: Catalog | None = None
        self.search_entries: dict[str, list[Any]] = {}  # the search plugin's entries of each page
        self._entries_seen = 0
        self.search_plugin: Any = None
        self.load_cache: LoadCache | None = None  # the preview's, kept from one build to the next
        self.page_share = PageShare()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _path(self, config: Any, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def own_templates(self, config: Any) -> Path | None:
        """The list's own templates folder, if it has one (it then overrides the package's, file by file)."""
        folder = self._path(config, self.config.templates_dir)
        return folder if folder.is_dir() else None

    def on_config(self, config: Any, /) -> Any:
        # The theme overrides and the assets ship with the package and are registered here, as mkdocs' own
        # plugins do: a list's mkdocs.yml names only the plugin. The list's own custom_dir stays first.
        position = 1 if config.theme.custom_dir else 0
        for folder in theme_dirs(self.own_templates(config)):
            if str(folder) not in config.theme.dirs:
                config.theme.dirs.insert(position, str(folder))
                position += 1
        config.extra_css.extend(path for path in STYLESHEETS if path not in config.extra_css)
        listed = {str(getattr(script, "path", script)) for script in config.extra_javascript}
        config.extra_javascript.extend(path for path in SCRIPTS if path not in listed)
        # A site built without its repository's address (repo_url comes from the environment) gets no edit
        # links: mkdocs would still join edit_uri into relative links that lead nowhere.
        if not config.repo_url:
            config.edit_uri = None
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        data_dir = self._path(config, self.config.data_dir)
        try:
            catalog = Catalog(load_data(data_dir, self.load_cache))
        except DataError as error:
            lines = "\n".join(problem.text() for problem in error.problems)
            raise PluginError(f"the data has {len(error.problems)} problem(s):\n{lines}") from None
        options = SiteOptions(
            repo_url=config.repo_url,
            edit_branch=self.config.edit_branch,
            data_path=repository_path(Path(config.config_file_path).parent, data_dir),
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            site_name=config.site_name,
            docs_pages=frozenset(page.src_uri for page in files.documentation_pages()),
        )
        try:
            generated_files = render_site(catalog, self.own_templates(config), options)
        except TemplateError as error:  # a broken template is the site's fault, not the data's: say where
            where = f"{error.filename}:{error.lineno}: " if isinstance(error, TemplateSyntaxError) else ""
            raise PluginError(f"cannot render the pages: {where}{error}") from None
        if catalog.newest_date and "SOURCE_DATE_EPOCH" not in os.environ:
            day = catalog.newest_date
            os.environ["SOURCE_DATE_EPOCH"] = str(
                int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
            )
        for generated in generated_files:
            if files.get_file_from_path(generated.path) is not None:
                raise PluginError(f"{generated.path} is generated from the data; remove it from {config.docs_dir}")
            inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
        self.generated_paths = {generated.path for generated in generated_files}
        self.options, self.catalog = options, catalog
        self.search_entries, self._entries_seen = {}, 0
        self.record_edit_urls = {
            source_path("models", model.id): record_edit_url(options, model.id) for model in catalog.models
        }
        self.search_documents = catalogue_documents(catalog)
        search = config.plugins.get("material/search") or config.plugins.get("search")
        self.search_plugin = search
        self.search_separator = getattr(getattr(search, "config", None), "separator", None) or DEFAULT_SEPARATOR
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Files) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        self.files, self.env = files, env
        outside_nav = {
            file.src_uri for file in files if file.src_uri in self.generated_paths and file.inclusion.is_not_in_nav()
        }
        env.globals["mmptm_same_per_folder"] = SamePerFolder(outside_nav)
        # the theme's page loop on both cores (see parallel_pages). The parent runs every page's events
        # (the search index) besides its own share, a third to a half of the loop's time at 1,000 to 5,000
        # records: so the child takes two of every three generated pages.
        if self.command == "build" and can_fork():
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            generated = [file.page for file in doc_files if file.src_uri in self.generated_paths and file.page]
            self.page_share.start([page for i, page in enumerate(generated) if i % 3], config, doc_files, self.nav, env)
        return env

    def on_post_build(self, *, config: Any) -> None:
        if (code := self.page_share.finish()) != 0:
            raise PluginError(f"the process writing half of the generated pages failed (exit status {code})")

    def on_build_error(self, *, error: Exception) -> None:
        self.page_share.abandon()

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        if page.file.src_uri in self.generated_paths:
            self.page_html[page.file.src_uri] = markdown.strip("\n")
            return ""
        return markdown

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        body = self.page_html.pop(page.file.src_uri, None)
        if body is None:
            return html
        # mkdocs learns a page's anchors while converting it, and checks links to them from other pages
        page.present_anchor_ids = {unescape(anchor) for anchor in _ANCHOR_ID.findall(body)}
        return body

    @event_priority(100)  # before the search plugin (priority 0) reads page.content
    def _offer_search_document(self, context: dict[str, Any], /, *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        source = page.file.src_uri
        if source not in self.generated_paths:
            return context
        page.edit_url = self.record_edit_urls.get(source)
        document = self.search_documents.get(source) or lead_document(page.content or "", page.title or "")
        self.shown_content[source] = page.content
        page.content = document.html()
        boost = title_boost(document.title, self.search_separator, document.weight)
        page.meta["search"] = {**(page.meta.get("search") or {}), "boost": boost}
        return context

    @event_priority(-100)  # after the search plugin: the page shows its own content again
    def _restore_page_content(self, context: dict[str, Any], /, *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        shown = self.shown_content.pop(page.file.src_uri, None)
        if shown is not None:
            page.content = shown
        index = getattr(self.search_plugin, "search_index", None)
        if self.command == "serve" and (entries := getattr(index, "entries", None)) is not None:
            self.search_entries[page.file.src_uri] = entries[self._entries_seen :]
            self._entries_seen = len(entries)
        return context

    on_page_context = CombinedEvent(_offer_search_document, _restore_page_content)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        return compact_html(output)

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self._path(config, self.config.data_dir)))
        if (own := self.own_templates(config)) is not None:
            server.watch(str(own))
        return server
