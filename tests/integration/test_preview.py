"""The live preview (`mmptm-site serve`): pages rendered again after an edit are the pages a full build makes;
a broken edit is reported, located and escaped, while the last good pages stay served; and the server's own
404s never stop a rebuild (mkdocs issue #2557)."""

from __future__ import annotations

import logging
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mmptm_site.site.plugin import MmptmPlugin
from mmptm_site.site.preview import BANNER_ID, Preview

from ..conftest import FIXTURE_DATA, ROOT
from ..sitebuild import local_environment

WAIT = 120.0
"""Seconds to wait for something the preview must do (a bound against hanging, not a timing requirement)."""


@pytest.fixture(autouse=True)
def environment_kept(monkeypatch):
    """An in-process preview sets MMPTM_DATA_DIR (for mkdocs.yml) and the plugin SOURCE_DATE_EPOCH in this
    process's environment, which the builds of later tests in child processes would inherit."""
    for name in ("MMPTM_DATA_DIR", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)


def edited(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_pages_rendered_after_an_edit_are_those_of_a_full_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same dates in both builds
    for name in ("MMPTM_SITE_URL", "MMPTM_REPO_URL", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    preview = Preview(ROOT / "mkdocs.yml", data, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.full_build()
    before = site_files(tmp_path / "preview")
    # a name shown on its own page, on every facet page, the catalogue, catalog.json and in search
    record = data / "models" / "alpha.yaml"
    name = re.search(r"^name: (.+)$", record.read_text(encoding="utf-8"), re.M)
    assert name is not None
    edited(record, f"name: {name[1]}", "name: Renamed Alpha")
    preview.rebuild()
    assert preview.stale and not preview.problems
    preview.fresh("search/search_index.json")  # before the pages: from the stale pages' search documents
    index = (tmp_path / "preview" / "search" / "search_index.json").read_bytes()
    for dest in sorted(preview.by_dest):  # as a browser would ask for them, one by one
        preview.fresh(dest)
    incremental = site_files(tmp_path / "preview")

    full = Preview(ROOT / "mkdocs.yml", data, tmp_path / "full", "http://127.0.0.1:8000/")
    full.full_build()
    expected = site_files(tmp_path / "full")

    assert incremental.keys() == expected.keys()
    different = [path for path in expected if incremental[path] != expected[path]]
    assert different == []
    changed = {path for path in expected if before.get(path) != expected[path]}
    # the edit reached the pages that show the name: its own, a facet's, the catalogue's data, the search index
    assert {"models/alpha/index.html", "catalog.json", "search/search_index.json"} <= changed
    assert any(path.startswith("objectives/") for path in changed)
    assert index == expected["search/search_index.json"]
    assert b"Renamed Alpha" in index


def test_a_server_warning_during_a_rebuild_does_not_abort_it(tmp_path, monkeypatch):
    """mkdocs #2557, deterministically: the server logs a 404 as a warning while a build runs (mkdocs.yml is
    strict); the preview's builds are not strict, so the rebuild completes with the edit."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    preview = Preview(ROOT / "mkdocs.yml", data, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.full_build()
    on_env = MmptmPlugin.on_env

    def on_env_while_a_browser_asks_for_a_missing_page(self, env, /, *, config, files):
        logging.getLogger("mkdocs.livereload").warning('"GET /models/not-yet/ HTTP/1.1" code 404')
        return on_env(self, env, config=config, files=files)

    monkeypatch.setattr(MmptmPlugin, "on_env", on_env_while_a_browser_asks_for_a_missing_page)
    edited(data / "models" / "alpha.yaml", "summary: ", "summary: Rebuilt. ")
    preview.full_build()
    assert "Rebuilt." in (tmp_path / "preview" / "models" / "alpha" / "index.html").read_text(encoding="utf-8")


def test_a_change_to_the_site_while_the_data_is_broken_keeps_the_last_pages(tmp_path, monkeypatch):
    """A change to docs or templates gets a full build, which would empty the site and stop at the data's
    problems; the preview shows the problems instead and keeps every page."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    preview = Preview(ROOT / "mkdocs.yml", data, tmp_path / "preview", "http://127.0.0.1:8000/")
    preview.full_build()
    before = site_files(tmp_path / "preview")
    edited(data / "models" / "alpha.yaml", "year: 2021", "year: 1021")
    monkeypatch.setattr(preview, "other_sources", lambda: {"docs/about.md": 1})  # as if it had been edited
    preview.rebuild()
    assert preview.problems and "alpha.yaml" in preview.problems[0].text()
    assert site_files(tmp_path / "preview") == before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # the local preview
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(url: str, predicate, what: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
        except OSError:
            status, body = 0, ""
        if status == 200 and predicate(body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{what}: not seen at {url} within {WAIT:.0f} s")


@pytest.fixture
def serving(tmp_path):
    """`mmptm-site serve` on the fixture data, in a child process, as a contributor runs it."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    port = free_port()
    log = tmp_path / "serve.log"
    scratch = tmp_path / "tmp"  # where the preview makes its site folder
    scratch.mkdir()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mmptm_site", "serve", "--data", str(data), "--address", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=local_environment(NO_MKDOCS_2_WARNING="1", TMPDIR=str(scratch)),
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(base, lambda body: "</html>" in body, "the first build")
            assert [path.name[:14] for path in scratch.iterdir()] == ["mmptm-preview-"]
            yield base, data, log
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert list(scratch.iterdir()) == []  # stopped (SIGTERM), the preview removes its folder


def test_requests_for_missing_pages_never_stop_a_rebuild(serving):
    base, data, _ = serving
    stop = threading.Event()

    def ask_for_a_missing_page() -> None:  # a browser polling a page that does not exist (yet)
        while not stop.is_set():
            assert fetch(base + "models/not-there-yet/")[0] == 404
            time.sleep(0.02)

    poller = threading.Thread(target=ask_for_a_missing_page, daemon=True)
    poller.start()
    try:
        for round_ in range(2):  # under `strict: true`, mkdocs serve aborted every rebuild after a 404
            edited(data / "models" / "alpha.yaml", "summary: ", f"summary: Edit{round_}. ")
            wait_for(base + "models/alpha/", lambda body, r=round_: f"Edit{r}." in body, f"edit {round_}")
    finally:
        stop.set()
        poller.join()


def test_a_broken_edit_is_shown_located_and_escaped_while_the_last_pages_stay(serving):
    base, data, log = serving
    record = data / "models" / "alpha.yaml"
    edited(record, "summary: ", "summary: Good edit. ")
    wait_for(base + "models/alpha/", lambda body: "Good edit." in body, "the good edit")
    good = record.read_text(encoding="utf-8")
    broken = good.replace("objectives: [image-text-contrastive]", "objectives: ['<script>alert(1)</script>']")
    record.write_text(broken, encoding="utf-8")
    page = wait_for(base + "models/alpha/", lambda body: BANNER_ID in body, "the banner")
    banner = page[page.index(BANNER_ID) :].split("</div>", 1)[0]
    assert re.search(r"alpha\.yaml:\d+:\d+", banner)  # located: file:line:column
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner  # the record's text, quoted and escaped
    assert "<script>alert(1)" not in page
    assert "Good edit." in page  # the last good page
    assert "Traceback" not in log.read_text()
    assert re.search(r"alpha\.yaml:\d+:\d+", log.read_text())  # and in the terminal
    record.write_text(good.replace("Good edit. ", "Fixed. "), encoding="utf-8")
    page = wait_for(base + "models/alpha/", lambda body: "Fixed." in body, "the fixed edit")
    assert BANNER_ID not in page


def test_the_preview_listens_on_the_loopback_address_by_default():
    from mmptm_site.cli import build_parser

    assert build_parser().parse_args(["serve"]).address == "127.0.0.1:8000"


def test_an_address_in_use_or_malformed_is_a_message_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "mmptm_site", "serve", "--data", str(data), "--address"]
    environment = local_environment(NO_MKDOCS_2_WARNING="1", TMPDIR=str(scratch))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = subprocess.run([*command, address], cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 1 and f"cannot serve at {address}" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert list(scratch.iterdir()) == []
    result = subprocess.run([*command, "localhost"], cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 2 and "HOST:PORT" in result.stderr
