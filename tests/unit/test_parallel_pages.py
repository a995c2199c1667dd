"""The forked share of mkdocs' page loop, on stand-ins for mkdocs' pages (the site tests build for real)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from mmptm_site.site import parallel_pages
from mmptm_site.site.parallel_pages import PageShare, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def stand_ins(*sources: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(meta={}, file=SimpleNamespace(src_uri=source)) for source in sources]


def test_the_child_writes_its_pages_and_the_parent_renders_them_empty(tmp_path: Path, monkeypatch):
    import mkdocs.commands.build as mkdocs_build

    def write(page, config, doc_files, nav, env):  # stands in for mkdocs' _build_page, in the child
        (tmp_path / page.file.src_uri).write_text(env.get_template(page.meta.get("template", "main.html")).render())

    monkeypatch.setattr(mkdocs_build, "_build_page", write)
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": "themed"}))
    pages = stand_ins("a.md", "b.md")
    share = PageShare()
    share.start(pages, None, [], None, env)
    assert share.finish() == 0
    assert [(tmp_path / name).read_text() for name in ("a.md", "b.md")] == ["themed", "themed"]
    assert all(env.get_template(page.meta["template"]).render() == "" for page in pages)


def test_a_failing_child_fails_the_build(monkeypatch, capfd):
    import mkdocs.commands.build as mkdocs_build

    def broken(*args, **kwargs):
        raise RuntimeError("the theme broke")

    monkeypatch.setattr(mkdocs_build, "_build_page", broken)
    share = PageShare()
    share.start(stand_ins("a.md"), None, [], None, jinja2.Environment())
    assert share.finish() == 1
    assert "the theme broke" in capfd.readouterr().err


def test_only_the_childs_pages_lose_mkdocs_notice_of_an_empty_page():
    quiet = parallel_pages._QuietSkips({"models/a.md"})

    def notice(source: str) -> logging.LogRecord:
        message = f"Page skipped: '{source}'. Generated empty output."
        return logging.LogRecord("mkdocs.commands.build", logging.INFO, __file__, 1, message, None, None)

    assert not quiet.filter(notice("models/a.md"))
    assert quiet.filter(notice("about.md"))


def test_one_core_when_asked(monkeypatch):
    monkeypatch.setenv(parallel_pages.ONE_CORE_VARIABLE, "1")
    assert not can_fork()
