"""linkcheck: every URL of the data is found and checked, against a server on this machine."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mmptm_site.cli import main
from mmptm_site.linkcheck import check_all, collect
from mmptm_site.validate import load_data


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        if self.path == "/ok" or (self.path == "/get-only" and self.command == "GET"):
            code = 200
        elif self.path == "/get-only":
            code = 405
        else:
            code = 404
        self.send_response(code)
        self.end_headers()
        if with_body:
            self.wfile.write(b"x")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_collect_finds_urls_with_where_they_are_used(data_dir):
    uses = collect(load_data(data_dir))
    assert uses["https://example.org/alpha"] == [
        "models/alpha.yaml: links.code[0].url",
        "models/alpha.yaml: sources[0]",
    ]
    assert "models/alpha.yaml: results[0].source" in uses["https://example.org/alpha#results"]


def test_check_all(server):
    results = {r.url: r for r in check_all([f"{server}/ok", f"{server}/missing", f"{server}/get-only"], timeout=5)}
    assert results[f"{server}/ok"].ok
    assert not results[f"{server}/missing"].ok and results[f"{server}/missing"].status == "HTTP 404"
    assert results[f"{server}/get-only"].ok  # a server that refuses HEAD is asked with GET


def test_report_lists_dead_links_and_exits_0(data_dir, server, capsys):
    """Every URL of the data points at the local server: the test sends nothing anywhere else."""
    path = data_dir / "models/alpha.yaml"
    text = path.read_text(encoding="utf-8").replace("https://example.org/alpha#results", f"{server}/missing")
    path.write_text(text.replace("https://example.org/alpha", f"{server}/ok"), encoding="utf-8")
    for other in ("beta", "gamma"):
        (data_dir / "models" / f"{other}.yaml").unlink()
    assert [url for url in collect(load_data(data_dir)) if not url.startswith(server)] == []
    code = main(["linkcheck", "--timeout", "5"])
    out = capsys.readouterr()
    assert code == 0
    assert f"- [ ] <{server}/missing> — HTTP 404" in out.out
    assert "  - models/alpha.yaml: results[0].source" in out.out
    assert f"<{server}/ok>" not in out.out
    assert "1 dead of 2 links" in out.err
