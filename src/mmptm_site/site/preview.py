"""`mmptm-site serve`: a live preview that renders a page when it is asked for, not the whole site on every save.

The first build is mkdocs' own (in this process, into a temporary folder). After an edit to the data:

- the data is validated again from a cache of the files read before (`LoadCache`): only the edited file is
  read and checked again, the checks across files run on the whole, and the catalogue is computed anew;
- every generated page becomes stale, and none is rendered yet. A stale page is rendered when a browser
  asks for it: our template (`preview_pages.page_renderers`), then mkdocs' own `_populate_page` and `_build_page`
  through the theme, with the navigation and files of the last full build. The browser reloads the page it
  shows, so an edit costs one page, and every page served is rendered from the current data: no page
  that lists the record (its facets, the catalogue, the home page) can be served stale;
- the search index is written again when asked for, from each page's entries: a model or facet page's from
  its search document (the catalogue's, no rendering needed), an index page's from its last rendering;
- an edit that adds, removes or renames a page (a new record, an id, a former id, a facet entry, a year),
  and any change to templates, docs or mkdocs.yml, gets a full build, as `mkdocs serve` does.

A broken edit is shown at its file, line and column in the terminal and, escaped, in a banner on every page
served, while the pages of the last good data stay served. The server binds 127.0.0.1 by default.

`mkdocs serve` counts the server's own 404 warnings as build warnings under `strict: true` and aborts the
next build (mkdocs issue #2557); the preview builds without `strict` (it never aborts on a warning, and
mkdocs still prints each real warning) while `mmptm-site build` stays strict.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import TemplateError

from mmptm_site.catalog import Catalog
from mmptm_site.data.problems import DataError, Problem
from mmptm_site.data.validate import load_data
from mmptm_site.data.validation_run import LoadCache
from mmptm_site.site.build import DATA_DIR_VARIABLE
from mmptm_site.site.files import GeneratedFile, record_edit_url
from mmptm_site.site.pages import facet_keys
from mmptm_site.site.plugin import MmptmPlugin
from mmptm_site.site.preview_pages import PreviewMemory, page_renderers, preview_site
from mmptm_site.site.search_index import catalogue_documents, title_boost
from mmptm_site.urls import source_path

log = logging.getLogger("mmptm_site.preview")

POLLING_INTERVAL = 0.2
"""Seconds between the watcher's looks at the files (mkdocs' default is 0.5): it counts in every edit's wait."""
BUILD_DELAY = 0.05
"""Seconds without a further change before rebuilding (mkdocs waits 0.1): an editor's save is one write."""
BANNER_ID = "mmptm-preview-problems"


def page_shape(catalog: Catalog) -> tuple[Any, ...]:
    """What decides which pages exist: another shape needs a full build. Their order does not count: a
    renamed model moves in the catalogue's order, which only the order of the sitemap's and the search
    index's entries follows (until the next full build; see docs/performance.md)."""
    models = frozenset((model.id, tuple(model.aliases)) for model in catalog.models)
    return models, frozenset(facet_keys(catalog))


def problems_banner(problems: list[Problem]) -> bytes:
    """A banner listing the problems, every piece of record text escaped (a problem quotes the record)."""
    items = "".join(f"<li><code>{html.escape(problem.text())}</code></li>" for problem in problems)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="position:sticky;top:0;z-index:1000;background:#fff3f3;'
        'color:#700;border-bottom:2px solid #c00;padding:.6em 1em;font-size:.8rem;max-height:40vh;overflow:auto">'
        f"<strong>The data has {len(problems)} problem(s); the pages show the last data without them.</strong>"
        f"<ul>{items}</ul></div>"
    ).encode()


class Preview:
    """The state of the preview: mkdocs' configuration and structures of the last full build, the catalogue,
    and which generated files are stale. Rendering is serialised by one lock (mkdocs' pages are shared)."""

    def __init__(self, config_file: Path, data_dir: Path, site_dir: Path, serve_url: str):
        self.config_file, self.data_dir, self.site_dir, self.serve_url = config_file, data_dir, site_dir, serve_url
        self.cache = LoadCache()
        self.memory = PreviewMemory()
        self.lock = threading.RLock()
        self.problems: list[Problem] = []
        self.config: Any = None
        self.plugin: MmptmPlugin | None = None
        self.shape: tuple[Any, ...] = ()
        self.by_source: dict[str, Any] = {}  # generated files, by path in docs
        self.by_dest: dict[str, Any] = {}  # generated files, by path in the site
        self.renderers: dict[str, Callable[[], list[GeneratedFile]]] = {}
        self.stale: set[str] = set()
        self.search_stale = False
        self.sources: dict[str, int] = {}

    @property
    def built(self) -> MmptmPlugin:
        """The plugin of the last full build, holding its files, navigation and theme environment."""
        assert self.plugin is not None, "full_build() first"
        return self.plugin

    # --- building ---

    def full_build(self) -> None:
        """mkdocs' whole build, as the first one and after a change to anything but the data's records."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        os.environ[DATA_DIR_VARIABLE] = str(self.data_dir.resolve())
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config["strict"] = False  # mkdocs #2557: see the module's docstring
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["mmptm"]
        assert isinstance(plugin, MmptmPlugin)
        plugin.load_cache = self.cache  # so that the first edit reads only its file
        build(config, serve_url=self.serve_url)
        assert plugin.files is not None and plugin.catalog is not None
        self.config, self.plugin = config, plugin
        self.by_source = {file.src_uri: file for file in plugin.files if file.src_uri in plugin.generated_paths}
        self.by_dest = {file.dest_uri: file for file in self.by_source.values()}
        self.shape = page_shape(plugin.catalog)
        self.renderers, self.stale, self.search_stale, self.problems = {}, set(), False, []
        self.sources = self.other_sources()

    def valid_catalog(self) -> Catalog | None:
        """The catalogue of the data, or None after showing its problems (terminal and banner)."""
        try:
            return Catalog(load_data(self.data_dir, self.cache))
        except DataError as error:
            self.problems = error.problems
            lines = "\n".join(problem.text() for problem in error.problems)
            print(f"mmptm-site: the data has {len(error.problems)} problem(s):\n{lines}", file=sys.stderr)
            print("mmptm-site: still serving the pages of the last data without problems", file=sys.stderr)
            return None

    def data_changed(self) -> None:
        """After an edit under the data directory: validate, then mark every generated file stale."""
        if (catalog := self.valid_catalog()) is None:
            return
        if page_shape(catalog) != self.shape:
            with self.lock:
                self.full_build()
            return
        plugin = self.built
        site = preview_site(catalog, plugin.own_templates(self.config), plugin.options, self.memory)
        model_and_facet = {source_path("models", m.id) for m in catalog.models} | {
            source_path(kind, entry) for kind, entry in facet_keys(catalog)
        }
        with self.lock:
            plugin.catalog = catalog
            plugin.search_documents = catalogue_documents(catalog)
            plugin.record_edit_urls = {
                source_path("models", m.id): record_edit_url(plugin.options, m.id) for m in catalog.models
            }
            self.renderers = page_renderers(site, sorted(set(self.by_source) - model_and_facet))
            self.stale = set(self.by_source)
            self.search_stale = True
            self.problems = []
        print("mmptm-site: the data is valid; pages are rendered again as they are asked for", file=sys.stderr)

    def other_sources(self) -> dict[str, int]:
        """Modification times of what the site is built from besides the data: mkdocs.yml, docs, templates."""
        paths = [self.config_file.resolve()]
        for folder in (Path(self.config.docs_dir), self.built.own_templates(self.config)):
            paths += [path for path in folder.rglob("*") if path.is_file()] if folder and folder.is_dir() else []
        return {str(path): path.stat().st_mtime_ns for path in paths}

    def rebuild(self) -> None:
        """The server's builder: the data alone changed (a preview of one page), or something else did."""
        from mkdocs.exceptions import Abort, PluginError

        try:
            if self.other_sources() == self.sources:
                self.data_changed()
            elif self.valid_catalog() is not None:  # a build would stop at the data's problems, having
                with self.lock:  # emptied the site directory: the last good pages stay instead
                    self.full_build()
        except (Abort, PluginError) as error:
            print(f"mmptm-site: the site cannot be built: {error}", file=sys.stderr)

    # --- rendering when asked ---

    def fresh(self, dest: str) -> None:
        """Render the generated file at `dest` (a path in the site) if it is stale; the search index too."""
        if dest == "search/search_index.json" and self.search_stale:
            with self.lock:
                self._write_search_index()
            return
        file = self.by_dest.get(dest)
        if file is None or file.src_uri not in self.stale:
            return
        with self.lock:
            if file.src_uri not in self.stale:  # another request rendered it meanwhile
                return
            try:
                rendered = self.renderers[file.src_uri]()
            except TemplateError as error:  # a template's fault: said, and the page served as it was
                print(f"mmptm-site: cannot render {file.src_uri}: {error}", file=sys.stderr)
                return
            for generated in rendered:
                self._write(generated)

    def _write(self, generated: GeneratedFile) -> None:
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        file = self.by_source[generated.path]
        self.stale.discard(generated.path)
        file.content_string = generated.content
        if file.page is None:
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text(generated.content, encoding="utf-8")
            return
        plugin = self.built
        assert plugin.files is not None
        _populate_page(file.page, self.config, plugin.files)
        doc_files = plugin.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        _build_page(file.page, self.config, doc_files, plugin.nav, plugin.env)

    def _write_search_index(self) -> None:
        """The search index from each page's entries: a stale model or facet page's from its search document
        (which the catalogue gives without rendering the page, as the plugin gives it to the search plugin),
        any other page's from the last time it was rendered."""
        plugin = self.built
        search = plugin.search_plugin
        self.search_stale = False
        if search is None or not hasattr(search, "search_index"):
            return
        index_class, options = type(search.search_index), search.search_index.config
        fresh: dict[str, list[Any]] = {}
        for source in self.stale:
            if (document := plugin.search_documents.get(source)) is None:
                continue
            boost = title_boost(document.title, plugin.search_separator, document.weight)
            stand_in = SimpleNamespace(
                content=document.html(),
                toc=[],
                url=self.by_source[source].url,
                title="",
                meta={"search": {"boost": boost}},
            )
            one = index_class(**options)
            one.add_entry_from_context(stand_in)
            fresh[source] = one.entries
        index = index_class(**options)
        index.entries = [
            entry for source, entries in plugin.search_entries.items() for entry in fresh.get(source, entries)
        ]
        path = self.site_dir / "search" / "search_index.json"
        path.write_text(index.generate_search_index(None), encoding="utf-8")


def make_server(preview: Preview, host: str, port: int) -> Any:
    """mkdocs' live-reload server, rendering stale pages before serving them and showing problems on pages."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def __init__(self) -> None:
            super().__init__(
                builder=preview.rebuild,
                host=host,
                port=port,
                root=str(preview.site_dir),
                polling_interval=POLLING_INTERVAL,
            )
            self.build_delay = BUILD_DELAY

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            if not path.startswith("/livereload/"):
                with self._epoch_cond:  # a rebuild under way: render from its data, not the data before it
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                relative = path[1:] + ("index.html" if path.endswith("/") else "")
                preview.fresh(posixpath.normpath("/" + relative).lstrip("/"))
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
            if preview.problems:
                start = content.find(b"<body")
                end = content.find(b">", start) + 1 if start >= 0 else 0
                content = content[:end] + problems_banner(preview.problems) + content[end:]
            return content

    return PreviewServer()


def serve_preview(config_file: Path, data_dir: Path, address: str) -> int:
    """Build once, then serve at `address` (host:port) until interrupted; exit status."""
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.exceptions import Abort, PluginError

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    for name in ("mkdocs", "mmptm_site"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    host, _, port = address.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="mmptm-preview-") as folder:
        preview = Preview(config_file, data_dir, Path(folder), f"http://{host}:{port}/")
        try:
            preview.full_build()
        except (Abort, PluginError) as error:
            print(f"mmptm-site: {error}", file=sys.stderr)
            return 1
        server = make_server(preview, host or "127.0.0.1", int(port))
        server.watch(str(data_dir.resolve()))
        for extra in (preview.config.docs_dir, preview.built.own_templates(preview.config), config_file.resolve()):
            if extra is not None and os.path.exists(extra):
                server.watch(str(extra))
        before = signal.signal(signal.SIGTERM, _leave)  # as Ctrl-C: the temporary folder is removed
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        except OSError as error:  # the address is taken or not this machine's
            print(f"mmptm-site: cannot serve at {address}: {error.strerror or error}", file=sys.stderr)
            return 1
        finally:
            signal.signal(signal.SIGTERM, before)
            server.shutdown()
    return 0


def _leave(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt
