"""The hostile record of `test_outputs.py` through the commands the other hostile tests do not run it
through: `fmt` (values and comments kept, no traceback) and `linkcheck` against a local server (nothing
from the record or the server becomes markup in the issue text)."""

from __future__ import annotations

import http.server
import ipaddress
import shutil
import threading
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mmptm_site.cli import main
from mmptm_site.data.load import load_file
from mmptm_site.data.validate import load_data
from mmptm_site.sources.link_fetch import CheckOptions
from mmptm_site.sources.linkcheck import check_all, collect, report

from ..conftest import FIXTURE_DATA
from .test_outputs import HOSTILE


class _HostileHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request 404, with a body and a reason phrase that try to write into the report."""

    def do_GET(self) -> None:
        self.send_response(404, "<!-- @octocat **x** -->")
        self.end_headers()
        self.wfile.write(b"<script>alert(1)</script> @octocat")

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileHandler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def hostile_data(tmp_path: Path, local_server: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    record = HOSTILE.replace("https://example.org", local_server).replace("id: hostile\n", "id: hostile  # a comment\n")
    (data / "models" / "hostile.yaml").write_text(record, encoding="utf-8")
    return data


def test_fmt_keeps_every_value_and_comment_of_the_hostile_record(hostile_data, capsys):
    path = hostile_data / "models" / "hostile.yaml"
    before = load_file(path).data
    assert main(["fmt", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert load_file(path).data == before and "# a comment" in after
    assert main(["fmt", "--check", str(path)]) == 0  # formatting is stable


def test_linkcheck_reports_the_hostile_record_as_code_only(hostile_data, local_server):
    uses = collect(load_data(hostile_data))
    hostile_urls = [url for url in uses if url.startswith(local_server)]
    assert len(hostile_urls) == 2  # the paper link and the code link, payloads and all
    options = CheckOptions(
        timeout=5, per_host_interval=0, retries=0, allow_addresses=frozenset({ipaddress.ip_address("127.0.0.1")})
    )
    results = check_all(hostile_urls, options)
    assert [result.ok for result in results] == [False, False]
    text = report(results, {url: uses[url] for url in hostile_urls})
    tokens = [t for block in MarkdownIt("commonmark").parse(text) for t in [block, *(block.children or [])]]
    assert not [t for t in tokens if t.type in ("html_inline", "html_block", "link_open")]
    outside_code = " ".join(t.content for t in tokens if t.type == "text")
    for fragment in ("<script>", "@octocat", "<!--", "onmouseover", "alert"):
        assert fragment not in outside_code
    assert "octocat" not in text  # the server's reason phrase and body never reach the report
