"""A built site served on 127.0.0.1 and a headless Chromium (Debian's, driven by Playwright) to read it.

Nothing downloads a browser: Playwright is pointed at /usr/bin/chromium (the `chromium` package). Without
it the tests skip with the command that installs it; under CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import REAL_DATA
from ..sitebuild import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("MMPTM_ARTIFACTS", Path(tempfile.gettempdir()) / "mmptm-site-browser-artifacts"))
"""Screenshots for a person to look at: outside the repository (never committed), unless MMPTM_ARTIFACTS says."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _require_browser() -> None:
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append("Chromium (`apt-get install chromium`)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (`pip install -e .[test]`)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — CI must install them (.ci/run does)")
        pytest.skip(message)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    _require_browser()
    site = tmp_path_factory.mktemp("browser") / "site"
    result = build(REAL_DATA, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def base_url(site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it should not: console errors, failed requests, requests to other hosts."""

    def __init__(self, host: str):
        self.host = host
        self.problems: list[str] = []

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def _failed(self, request) -> None:
        # ERR_ABORTED is the browser cancelling what a page still loaded when the test moved on
        # (e.g. the search index during a reload): not a failure of the site
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.problems.append(f"request to another host: {request.url}")


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    watch = Watch(urlsplit(base_url).netloc)
    watch.attach(page)
    page.watch = watch
    yield page
    context.close()
    assert watch.problems == []
