"""linkcheck (with link_addresses and link_fetch): every URL of the data is found and checked, against servers on
this machine.

The checker refuses loopback addresses, so the tests allow 127.0.0.1 explicitly (CheckOptions.allow_addresses)
and show both sides: refused by default, checked when allowed. Names are resolved by a stand-in for
socket.getaddrinfo; no test sends anything off this machine.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from mmptm_site.cli import main
from mmptm_site.data.validate import load_data
from mmptm_site.sources.link_fetch import MAX_REDIRECTS, CheckOptions, LinkResult, Outcome, check_url
from mmptm_site.sources.linkcheck import check_all, code, collect, report

LOOPBACK = ipaddress.IPv4Address("127.0.0.1")
PRIVATE = "a private, loopback, link-local or reserved address"


def allowed(**changes) -> CheckOptions:
    """Options for the tests' local servers: 127.0.0.1 allowed, no pause, no retry unless asked."""
    settings = dict(timeout=5.0, per_host_interval=0.0, retries=0, backoff=0.0, allow_addresses=frozenset({LOOPBACK}))
    return CheckOptions(**(settings | changes))


class _Handler(BaseHTTPRequestHandler):
    server: _RecordingServer

    def _answer(self) -> None:
        state = self.server
        with state.lock:
            state.requests.append((self.command, self.path, self.headers.get("Host")))
        path, _, query = self.path.partition("?")
        headers: dict[str, str] = {}
        if path == "/ok" or (path == "/get-only" and self.command == "GET"):
            code = 200
        elif path == "/get-only":
            code = 405
        elif path == "/to":  # redirect to whatever the query says
            code, headers = 302, {"Location": unquote(query)}
        elif path == "/loop":
            code, headers = 302, {"Location": "/loop"}
        elif path == "/flaky":
            with state.lock:
                state.flaky_calls += 1
                code = 503 if state.flaky_calls == 1 else 200
        elif path == "/hold":
            code = 200
            with state.hold:
                state.holding += 1
                state.most_held = max(state.most_held, state.holding)
                state.hold.notify_all()
                # a second request to this host while this one is open would be seen here
                state.hold.wait_for(lambda: state.holding > 1, timeout=1.0)
                state.holding -= 1
        else:
            # a hostile server: its reason phrase and body must never reach the report
            self.send_response(404, "@octocat <!-- **bold**")
            self.end_headers()
            self.wfile.write(b"<!-- @octocat [x](javascript:alert(1)) -->")
            return
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


class _RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler):
        super().__init__(address, handler)
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, str | None]] = []
        self.flaky_calls = 0
        self.hold = threading.Condition()
        self.holding = 0
        self.most_held = 0
        self.port = self.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"


def _serve(httpd):
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server():
    yield from _serve(_RecordingServer(("127.0.0.1", 0), _Handler))


@pytest.fixture
def garbage_server():
    """Raw TCP that answers every connection with bytes that are not HTTP."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def answer():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    connection.recv(4096)
                    connection.sendall(b"\x00\xffgarbage @octocat <!-- not HTTP\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    listener.close()


@pytest.fixture
def names(monkeypatch):
    """A stand-in resolver: test names map to lists of addresses, one list per lookup (the last repeats)."""
    table: dict[str, list[list[str]]] = {}
    lookups: dict[str, int] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            return real(host, port, *args, **kwargs)
        answers = table[host]
        addresses = answers[min(lookups.get(host, 0), len(answers) - 1)]
        lookups[host] = lookups.get(host, 0) + 1
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table, lookups


# collecting


def test_collect_finds_urls_with_where_they_are_used(data_dir):
    uses = collect(load_data(data_dir))
    assert uses["https://example.org/alpha"] == [
        "models/alpha.yaml: links.code[0].url",
        "models/alpha.yaml: sources[0]",
    ]
    assert "models/alpha.yaml: results[0].source" in uses["https://example.org/alpha#results"]


# checking, when allowed


def test_loopback_is_refused_by_default_and_checked_when_allowed(server):
    assert check_url(f"{server.url}/ok", CheckOptions(per_host_interval=0)) == LinkResult(
        f"{server.url}/ok", Outcome.REFUSED, PRIVATE
    )
    assert server.requests == []
    results = {
        r.url: r for r in check_all([f"{server.url}/ok", f"{server.url}/missing", f"{server.url}/get-only"], allowed())
    }
    assert results[f"{server.url}/ok"] == LinkResult(f"{server.url}/ok", Outcome.ALIVE, "HTTP 200")
    assert results[f"{server.url}/missing"] == LinkResult(f"{server.url}/missing", Outcome.DEAD, "HTTP 404")
    assert results[f"{server.url}/get-only"].ok  # a server that refuses HEAD is asked with GET


def test_only_loopback_addresses_can_be_allowed():
    with pytest.raises(ValueError, match="only loopback"):
        CheckOptions(allow_addresses=frozenset({ipaddress.IPv4Address("169.254.169.254")}))


# where the checker must not go


@pytest.mark.parametrize(
    ("location", "outcome", "status"),
    [
        ("/ok", Outcome.ALIVE, "HTTP 200"),
        ("http://169.254.169.254/latest/meta-data/", Outcome.REFUSED, f"redirect: {PRIVATE}"),
        ("http://[::ffff:169.254.169.254]/latest/meta-data/", Outcome.REFUSED, f"redirect: {PRIVATE}"),
        ("http://127.0.0.2:{port}/ok", Outcome.REFUSED, f"redirect: {PRIVATE}"),  # allowed is 127.0.0.1 only
        ("http://0x7f000001:{port}/ok", Outcome.REFUSED, "redirect: the host is an IP address in an unusual spelling"),
        ("ftp://127.0.0.1/file", Outcome.REFUSED, "redirect: not an http(s) URL"),
        ("file:///etc/passwd", Outcome.REFUSED, "redirect: not an http(s) URL"),
        ("http://user:pw@127.0.0.1:{port}/ok", Outcome.REFUSED, "redirect: user name or password in the URL"),
        ("http://[::1/", Outcome.DEAD, "redirect: not a valid URL"),
    ],
)
def test_every_redirect_is_checked_like_the_first_url(server, location, outcome, status):
    url = f"{server.url}/to?{location.format(port=server.port)}"
    assert check_url(url, allowed()) == LinkResult(url, outcome, status)
    if outcome is Outcome.REFUSED:
        assert [unquote(path) for _, path, _ in server.requests] == [f"/to?{location.format(port=server.port)}"]


def test_redirects_are_bounded(server):
    result = check_url(f"{server.url}/loop", allowed())
    assert result.outcome is Outcome.DEAD and result.status == f"more than {MAX_REDIRECTS} redirects"
    assert len(server.requests) == MAX_REDIRECTS + 1


@pytest.mark.parametrize("userinfo", ["user:secret@", "user@", ":secret@", "@"])
def test_urls_with_credentials_are_refused(server, userinfo):
    url = f"http://{userinfo}127.0.0.1:{server.port}/ok"
    assert check_url(url, allowed()) == LinkResult(url, Outcome.REFUSED, "user name or password in the URL")
    assert server.requests == []


@pytest.mark.parametrize("host", ["0x7f000001", "2130706433", "127.1", "0177.0.0.1", "0x7f.0.0.1", "localhost.0x1"])
def test_odd_spellings_of_addresses_are_never_fetched(server, host):
    result = check_url(f"http://{host}:{server.port}/ok", allowed())
    assert result.outcome is Outcome.REFUSED and result.status == "the host is an IP address in an unusual spelling"
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "169.254.169.254",
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "[::1]",
        "[::]",
        "[fe80::1]",
        "[fc00::1]",
        "[ff02::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:10.0.0.1]",
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254
        "[2002:a9fe:a9fe::1]",  # 6to4 of 169.254.169.254
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(host):
    result = check_url(f"http://{host}/latest/meta-data/", CheckOptions(timeout=1, per_host_interval=0))
    assert result.outcome is Outcome.REFUSED and result.status == PRIVATE


def test_a_name_with_any_private_address_is_refused(names, server):
    table, _ = names
    table["mixed.test"] = [["93.184.215.14", "10.0.0.5"]]
    table["metadata.test"] = [["169.254.169.254"]]
    for name in ("mixed.test", "metadata.test"):
        assert check_url(f"http://{name}/", allowed()).status == PRIVATE
    table["local.test"] = [["127.0.0.1"]]
    assert check_url(f"http://local.test:{server.port}/ok", CheckOptions(per_host_interval=0)).status == PRIVATE
    assert server.requests == []


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(names, server):
    """DNS rebinding: a name that answers 127.0.0.1 (allowed here) once, then 127.0.0.2 (refused)."""
    table, lookups = names
    table["rebind.test"] = [["127.0.0.1"], ["127.0.0.2"]]
    url = f"http://rebind.test:{server.port}/ok"
    assert check_url(url, allowed()) == LinkResult(url, Outcome.ALIVE, "HTTP 200")
    assert lookups["rebind.test"] == 1
    assert server.requests == [("HEAD", "/ok", f"rebind.test:{server.port}")]  # the Host header keeps the name


# a bad URL is one failure and the run goes on


def test_bad_urls_and_broken_servers_are_each_reported_and_the_run_goes_on(server, garbage_server):
    urls = [
        "http://[::1/",
        "https://host:0x50/",
        "http://host:99999/",
        "http://host:0/",
        "http://exa mple.org/",
        "http://a..b/",
        garbage_server,
        f"{server.url}/ok",
    ]
    results = check_all(urls, allowed(retries=1))
    assert [r.url for r in results] == urls
    assert [(r.outcome, r.status) for r in results] == [
        (Outcome.DEAD, "not a valid URL"),
        (Outcome.DEAD, "not a valid URL"),
        (Outcome.DEAD, "not a valid URL"),
        (Outcome.DEAD, "not a valid URL"),
        (Outcome.REFUSED, "the host is not a DNS name or an IP address"),
        (Outcome.REFUSED, "the host is not a DNS name or an IP address"),
        (Outcome.DEAD, "no valid HTTP answer"),
        (Outcome.ALIVE, "HTTP 200"),
    ]


def test_a_transient_failure_is_retried(server):
    assert check_url(f"{server.url}/flaky", allowed(retries=1)).status == "HTTP 200"
    assert [path for _, path, _ in server.requests] == ["/flaky", "/flaky"]


def test_without_retries_a_transient_failure_is_reported(server):
    assert check_url(f"{server.url}/flaky", allowed(retries=0)).status == "HTTP 503"


def test_one_request_at_a_time_per_host(names, server):
    """Two URLs on different hosts both redirect to a third: its requests must not overlap."""
    table, _ = names
    for name in ("a.test", "b.test", "c.test"):
        table[name] = [["127.0.0.1"]]
    urls = [f"http://{name}:{server.port}/to?http://c.test:{server.port}/hold" for name in ("a.test", "b.test")]
    assert all(result.ok for result in check_all(urls, allowed(), workers=2))
    assert [host for _, path, host in server.requests if path == "/hold"] == [f"c.test:{server.port}"] * 2
    assert server.most_held == 1


# TLS: the connection goes to the checked address, the name is still the one verified


@pytest.fixture
def tls_server(tmp_path, server):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
         "-subj", "/CN=good.test", "-addext", "subjectAltName=DNS:good.test", "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True,
    )  # fmt: skip
    seen_names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen_names.append(name)
    httpd = _RecordingServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    for running in _serve(httpd):
        yield running, cert, seen_names


def test_tls_verifies_the_name_while_connecting_to_the_checked_address(names, tls_server):
    httpd, cert, seen_names = tls_server
    table, _ = names
    table["good.test"] = table["evil.test"] = [["127.0.0.1"]]
    options = allowed(ca_certs=str(cert))
    good = check_url(f"https://good.test:{httpd.port}/ok", options)
    assert good.status == "HTTP 200" and seen_names == ["good.test"]
    assert httpd.requests == [("HEAD", "/ok", f"good.test:{httpd.port}")]
    evil = check_url(f"https://evil.test:{httpd.port}/ok", options)  # the certificate is not for this name
    assert evil == LinkResult(
        f"https://evil.test:{httpd.port}/ok", Outcome.DEAD, "TLS failed (certificate or handshake)"
    )


# the report


HOSTILE_URLS = [
    "https://example.org/@octocat",
    "https://example.org/<!--",
    "https://example.org/**bold**_x_[a](javascript:alert(1))",
    "https://example.org/`one`` two```",
    "`https://example.org/`",
    "https://example.org/x\n# heading\n<!--",
    "https://example.org/\u202eevil",
]


def _tokens(tokens):
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def test_report_shows_data_only_as_code():
    results = [LinkResult(url, Outcome.DEAD, "HTTP 404") for url in HOSTILE_URLS]
    results.append(LinkResult("http://10.0.0.1/@admin", Outcome.REFUSED, PRIVATE))
    uses = {r.url: ["models/x.yaml: @octocat <!-- **where**"] for r in results}
    text = report(results, uses)
    tokens = list(_tokens(MarkdownIt("commonmark").parse(text)))
    assert not [t for t in tokens if t.type in ("html_inline", "html_block", "link_open")]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Dead links in the catalogue's data", "Did not answer", "Not fetched"]
    outside_code = " ".join(t.content for t in tokens if t.type == "text")
    for fragment in ("@octocat", "@admin", "<!--", "**", "javascript:", "example.org", "evil", "where"):
        assert fragment not in outside_code
    spans = [t.content for t in tokens if t.type == "code_inline"]
    for url in HOSTILE_URLS:
        assert url.replace("\n", "%0A").replace("\u202e", "%E2%80%AE") in spans  # the whole URL, in one span
    assert text.count("\n- [ ] ") == len(results)  # the workflow opens an issue when it finds such a line


@pytest.mark.parametrize(("text", "span"), [("a`b", "``a`b``"), ("`x", "`` `x ``"), ("x``", "``` x`` ```"), ("", "``")])
def test_code_spans_hold_backticks(text, span):
    assert code(text) == span


def test_nothing_a_server_sends_reaches_the_report(server, garbage_server):
    urls = [f"{server.url}/hostile", garbage_server]
    text = report(check_all(urls, allowed()), {url: [] for url in urls})
    assert "HTTP 404" in text and "no valid HTTP answer" in text
    assert "octocat" not in text and "garbage" not in text and "javascript" not in text


# the command


def test_command_reports_every_link_and_exits_0(data_dir, server, capsys):
    """The data's URLs point at the local server (which the command refuses) or are broken."""
    path = data_dir / "models/alpha.yaml"
    text = path.read_text(encoding="utf-8").replace("https://example.org/alpha#results", f"{server.url}/missing")
    text = text.replace("sources: [https://example.org/alpha]", "sources: ['http://[::1/', 'https://host:0x50/']")
    path.write_text(text.replace("https://example.org/alpha", f"{server.url}/ok"), encoding="utf-8")
    for other in ("models/beta.yaml", "models/gamma.yaml", "surveys.yaml"):
        (data_dir / other).unlink()
    urls = collect(load_data(data_dir))
    assert [url for url in urls if not url.startswith(server.url)] == ["http://[::1/", "https://host:0x50/"]
    code_ = main(["linkcheck", "--timeout", "5", "--out", "report.md"])
    err = capsys.readouterr().err
    report_text = Path("report.md").read_text(encoding="utf-8")
    assert code_ == 0
    assert "- [ ] `http://[::1/` — not a valid URL" in report_text
    assert "- [ ] `https://host:0x50/` — not a valid URL" in report_text
    assert f"- [ ] `{server.url}/missing` — {PRIVATE}" in report_text
    assert "  - `models/alpha.yaml: results[0].source`" in report_text
    assert server.requests == []  # nothing fetched from a loopback address
    assert "2 dead and 2 refused of 4 links" in err
