"""The one Jinja2 environment the site's pages are rendered with: autoescaping, the filters and helpers the
templates use, and `page`, which turns a template into a generated page file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, pass_context
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from mmptm_site.catalog import Catalog
from mmptm_site.data.schema import URL_PATTERN, ModelDraft, Result
from mmptm_site.site.files import GeneratedFile, SiteOptions, front_matter
from mmptm_site.site.formatting import human_count, human_count_range, human_number, lower_first
from mmptm_site.site.kinds import has_kind, kind_title
from mmptm_site.urls import page_url, relative_url, source_path


def official_code(model: ModelDraft) -> str | None:
    """The URL of the authors' own code release, if the record names one."""
    return next((code.url for code in model.links.code if code.official), None) if model.links else None


def is_http_url(value: Any) -> bool:
    return isinstance(value, str) and re.match(URL_PATTERN, value) is not None


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, for environments made one after another in one process; Jinja2
    compiles a template again when its source changed (the bucket's checksum)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class PageEnvironment:
    """Renders pages from one Jinja2 environment whose templates are compiled once."""

    def __init__(
        self, catalog: Catalog, templates: list[Path], options: SiteOptions, compiled: BytecodeCache | None = None
    ):
        """`templates`: the folders templates are looked up in, first match wins (see resources); `compiled`
        keeps templates compiled for the next environment (a preview makes one per edit)."""
        self.catalog = catalog
        self.options = options
        env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=compiled,
        )
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "allow_nan": False}  # `tojson`: JSON, never NaN
        env.filters["count"] = human_count
        env.filters["number"] = human_number
        env.filters["count_range"] = human_count_range
        env.filters["lower_first"] = lower_first
        env.tests["http_url"] = is_http_url
        env.globals.update(
            url=self._url,
            lookup=self._lookup,
            metric_of=self._metric_of,
            docs_url=self._docs_url,
            site_file=self._site_file,
            model_row=self._model_row,
            official_code=official_code,
            kind_title=lambda kind: kind_title(catalog, kind),
            has_kind=lambda kind: has_kind(catalog, kind),
        )
        self.env = env
        self._rows: dict[tuple[str, int], Markup] = {}

    def template(self, name: str) -> Template:
        return self.env.get_template(name)

    def page_url(self, source: str) -> str:
        return page_url(source, self.options.use_directory_urls)

    def page(
        self, source: str, template: str, title: str, *, in_nav: bool = False, wide: bool = False, **context: Any
    ) -> GeneratedFile:
        """A Markdown page holding the template's HTML as a single raw block under a front matter title."""
        html = self.template(template).render(page_url=self.page_url(source), **context).strip()
        return GeneratedFile(source, front_matter(title, wide=wide) + html + "\n", in_nav)

    # --- template helpers ---

    @pass_context
    def _url(self, context: Any, kind: str, entry_id: str | int | None = None) -> str:
        return relative_url(context["page_url"], self.page_url(source_path(kind, entry_id)))

    @pass_context
    def _model_row(self, context: Any, model: ModelDraft) -> Markup:
        """A model's table row; the same on every page of the same depth, so rendered once per depth.

        A model appears in a dozen facet tables; rendering its row each time was most of the build.
        Links are relative, and a row rendered for one page of a depth is right for all of them.
        """
        depth = context["page_url"].count("/")
        key = (model.id, depth)
        if key not in self._rows:
            row = self.template("_model_row.html.j2").render(page_url="_/" * depth, model=model)
            self._rows[key] = Markup(row.strip())
        return self._rows[key]

    @pass_context
    def _docs_url(self, context: Any, page: str) -> str | None:
        """A link to a hand-written page of docs/, e.g. `contributing` for docs/contributing.md; None when the
        site has no such page (a list of its own may not), so that no link leads nowhere."""
        if f"{page}.md" not in self.options.docs_pages:
            return None
        return relative_url(context["page_url"], self.page_url(f"{page}.md"))

    @pass_context
    def _site_file(self, context: Any, name: str) -> str:
        """A link to a file at the site's root, e.g. `feed.xml`."""
        return relative_url(context["page_url"], name)

    def _lookup(self, kind: str, entry_id: str) -> Any:
        return self.catalog.entries(kind).get(entry_id)

    def _metric_of(self, result: Result) -> Any:
        benchmark = self.catalog.data.vocab["benchmarks"].get(result.benchmark)
        return benchmark.metric(result.metric) if benchmark else None
