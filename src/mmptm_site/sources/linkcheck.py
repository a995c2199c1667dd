"""Check every URL in the data and write an issue-ready report of the links to fix.

Run weekly by CI: a dead link is a task for a maintainer, not a reason to fail a build, so the command
reports and exits 0. The URLs come from pull requests, so the checker is careful about where it connects:

- a URL that cannot be parsed is one reported failure, never the end of the run;
- only http(s), no credentials, and a host that is a DNS name or an IP address in its usual spelling
  (`0x7f000001` is not fetched, though some resolvers read it as 127.0.0.1);
- the name is resolved once, every address is checked (private, loopback, link-local, reserved, multicast
  and unspecified addresses are refused, also inside IPv4-mapped, 6to4, Teredo and NAT64 addresses), and the
  connection goes to the address that was checked: a second lookup could answer differently (DNS rebinding).
  The Host header, TLS SNI and the certificate check keep the name;
- redirects are followed here, at most MAX_REDIRECTS of them, each one checked like the first URL;
- one request at a time per host, a pause between them, and a retry on transient failures (urllib3's);
- nothing a server sends reaches the report but its numeric status: no body, no reason phrase, no error text.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote, urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from mmptm_site.data.schema import URL_PATTERN
from mmptm_site.data.validate import Data

USER_AGENT = "mmptm-site link check (+https://github.com/mmptm-site/mmptm-site)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HEAD_REFUSED_STATUSES = frozenset({403, 405, 501})  # servers that answer HEAD so are asked again with GET
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
_DNS_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")  # `_` is not DNS-legal but in real use
_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*")  # what resolvers read as part of an IPv4 address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Outcome(StrEnum):
    ALIVE = "alive"
    DEAD = "dead"  # did not answer, answered with an error, or is not a URL at all
    REFUSED = "refused"  # not fetched: it points where the checker must not go


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: Outcome
    status: str  # the checker's own words and at most a numeric HTTP status: never text from a server

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.ALIVE


@dataclass(frozen=True)
class CheckOptions:
    timeout: float = 10.0  # seconds to connect, and to wait for each read
    per_host_interval: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # on connection failures, broken answers and TRANSIENT_STATUSES
    backoff: float = 0.5  # urllib3's backoff factor between retries
    # Test-only: loopback addresses that may be fetched (the tests' local servers). Deliberately a
    # parameter, not an option of the command or an environment variable that data could influence.
    allow_addresses: frozenset[IPAddress] = field(default_factory=frozenset)
    ca_certs: str | None = None  # a CA bundle instead of the system's (tests' own certificates)

    def __post_init__(self) -> None:
        for address in self.allow_addresses:
            if not address.is_loopback:
                raise ValueError(f"only loopback addresses can be allowed, not {address}")


class _Refused(Exception):
    """The URL points somewhere the checker must not go; the message says why, in our words."""


class _Unusable(Exception):
    """The URL cannot be fetched at all (it does not parse, or its name does not resolve)."""


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII: an IDNA-encoded name, or an IP address without brackets
    port: int
    host_header: str
    request_target: str  # path and query, percent-encoded
    address: IPAddress | None  # when the host is an IP literal


def _urls_in(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(url, field path) for every http(s) URL inside a record's values."""
    if isinstance(value, str):
        if re.match(URL_PATTERN, value):
            yield value, where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _urls_in(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _urls_in(item, f"{where}[{index}]")


def collect(data: Data) -> dict[str, list[str]]:
    """URL → where it is used ('models/clip.yaml: links.code[0].url', …)."""
    uses: dict[str, list[str]] = defaultdict(list)
    groups = [("models", data.models), ("datasets", data.datasets)]
    for folder, records in groups:
        for record_id, record in records.items():
            for url, where in _urls_in(record.model_dump(mode="json"), ""):
                uses[url].append(f"{folder}/{record_id}.yaml: {where}")
    for kind, entries in data.vocab.items():
        for entry in entries.values():
            for url, where in _urls_in(entry.model_dump(mode="json"), ""):
                uses[url].append(f"vocab/{kind}.yaml: {entry.id}.{where}")
    for survey in data.surveys:
        for url, where in _urls_in(survey.model_dump(mode="json"), ""):
            uses[url].append(f"surveys.yaml: {survey.id}.{where}")
    return dict(sorted(uses.items()))


def _parse(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number in range ('0x50', '99999')
    except ValueError as error:
        raise _Unusable("not a valid URL") from error
    if parts.scheme not in ("http", "https"):
        raise _Refused("not an http(s) URL")
    if "@" in parts.netloc:
        raise _Refused("user name or password in the URL")
    if not parts.hostname or port == 0:
        raise _Unusable("not a valid URL")
    host, address = _host(parts.hostname, bracketed=parts.netloc.startswith("["))
    shown_host = f"[{host}]" if isinstance(address, ipaddress.IPv6Address) else host
    path = quote(parts.path or "/", safe="/%!$&'()*+,;=:@~-._")
    query = quote(parts.query, safe="/?%!$&'()*+,;=:@~-._")
    return _Target(
        scheme=parts.scheme,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        host_header=shown_host if port is None else f"{shown_host}:{port}",
        request_target=f"{path}?{query}" if query else path,
        address=address,
    )


def _host(hostname: str, bracketed: bool) -> tuple[str, IPAddress | None]:
    """The host in ASCII and, for an IP literal, its address; anything else is refused."""
    if bracketed:
        try:
            address = ipaddress.IPv6Address(hostname)
        except ValueError as error:
            raise _Unusable("not a valid URL") from error
        if address.scope_id is not None:
            raise _Refused("an IPv6 address with a zone")
        return str(address), address
    try:
        address = ipaddress.IPv4Address(hostname)
    except ValueError:
        pass
    else:
        return str(address), address
    try:
        name = hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise _Refused("the host is not a DNS name or an IP address") from error
    labels = name.removesuffix(".").split(".")
    if len(name) > 253 or not all(_DNS_LABEL.fullmatch(label) for label in labels):
        raise _Refused("the host is not a DNS name or an IP address")
    # '0x7f000001', '2130706433', '127.1', '0177.0.0.1': resolvers read these as IPv4 addresses (inet_aton),
    # browsers too (a name ending in a number); no real site is named so
    if _NUMBER.fullmatch(labels[-1]):
        raise _Refused("the host is an IP address in an unusual spelling")
    return name, None


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if address in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(inner is not None and not _is_public(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def _addresses(target: _Target, options: CheckOptions) -> list[IPAddress]:
    """Every address of the host, each checked; the connection will go to one of these, not to a new lookup."""
    if target.address is not None:
        found = [target.address]
    else:
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise _Unusable("the name does not resolve") from error
        found = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if address not in found:
                found.append(address)
    for address in found:
        if address not in options.allow_addresses and not _is_public(address):
            raise _Refused("a private, loopback, link-local or reserved address")
    return found


class _HostGate:
    """One request at a time per host, `interval` seconds apart: a weekly check should be a polite visitor."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, float("-inf")) + self._interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


def _pool(target: _Target, address: IPAddress, options: CheckOptions) -> urllib3.HTTPConnectionPool:
    """A pool that connects to `address` (already checked) and speaks to the server as `target.host`."""
    timeout = urllib3.Timeout(connect=options.timeout, read=options.timeout)
    retries = urllib3.Retry(
        total=options.retries,
        connect=options.retries,
        read=options.retries,
        status=options.retries,
        other=0,
        redirect=False,  # redirects are followed by check_url, each hop checked
        status_forcelist=TRANSIENT_STATUSES,
        allowed_methods=frozenset({"HEAD", "GET"}),
        backoff_factor=options.backoff,
        respect_retry_after_header=False,  # a server must not make the run wait as long as it likes
        raise_on_status=False,
    )
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(address),
            target.port,
            timeout=timeout,
            retries=retries,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=options.ca_certs,
            server_hostname=target.host,  # SNI and the certificate's name check use the name, not the address
        )
    return urllib3.HTTPConnectionPool(str(address), target.port, timeout=timeout, retries=retries, maxsize=1)


def _failure(error: Exception) -> str:
    """Our words for a failed request; the error's own text may quote the server, so it is never shown."""
    reason = error.reason if isinstance(error, MaxRetryError) else error
    if isinstance(reason, NewConnectionError):  # before ConnectTimeoutError, its base class
        return "connection failed"
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError):
        return "timed out"
    if isinstance(reason, SSLError):
        return "TLS failed (certificate or handshake)"
    if isinstance(reason, ProtocolError):
        return "no valid HTTP answer"
    return "unreachable"


def _ask(target: _Target, addresses: list[IPAddress], method: str, options: CheckOptions) -> tuple[int, str | None]:
    """(status, Location header) from the first address that answers; the body is never read."""
    last_error: Exception | None = None
    for address in addresses:
        with _pool(target, address, options) as pool:
            try:
                response = pool.urlopen(
                    method,
                    target.request_target,
                    headers={"Host": target.host_header, "User-Agent": USER_AGENT, "Accept": "*/*"},
                    redirect=False,
                    preload_content=False,
                    decode_content=False,
                    assert_same_host=False,
                )
            except (urllib3.exceptions.HTTPError, OSError) as error:
                last_error = error
                # NewConnectionError is a ConnectTimeoutError: both mean this address did not take the call
                if isinstance(error, MaxRetryError) and isinstance(error.reason, ConnectTimeoutError):
                    continue  # another of the checked addresses may answer
                raise
            try:
                return response.status, response.headers.get("Location")
            finally:
                response.close()
    assert last_error is not None  # addresses is never empty
    raise last_error


def check_url(url: str, options: CheckOptions | None = None, gate: _HostGate | None = None) -> LinkResult:
    """HEAD first (cheap), GET when a server refuses HEAD; any final status below 400 counts as alive."""
    options = options or CheckOptions()
    gate = gate or _HostGate(options.per_host_interval)
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        prefix = "" if hop == 0 else "redirect: "
        try:
            target = _parse(current)
            addresses = _addresses(target, options)
            for method in ("HEAD", "GET"):
                with gate.turn(target.host):
                    status, location = _ask(target, addresses, method, options)
                if not (method == "HEAD" and status in HEAD_REFUSED_STATUSES):
                    break
        except _Refused as refusal:
            return LinkResult(url, Outcome.REFUSED, prefix + str(refusal))
        except _Unusable as problem:
            return LinkResult(url, Outcome.DEAD, prefix + str(problem))
        except (urllib3.exceptions.HTTPError, OSError) as error:
            return LinkResult(url, Outcome.DEAD, prefix + _failure(error))
        if status in REDIRECT_STATUSES and location:
            try:
                current = urljoin(current, location)
            except ValueError:  # urljoin parses the location: '[' without ']' and the like
                return LinkResult(url, Outcome.DEAD, "redirect: not a valid URL")
            continue
        return LinkResult(url, Outcome.ALIVE if status < 400 else Outcome.DEAD, f"HTTP {status}")
    return LinkResult(url, Outcome.DEAD, f"more than {MAX_REDIRECTS} redirects")


def _host_key(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def check_all(urls: list[str], options: CheckOptions | None = None, workers: int = 4) -> list[LinkResult]:
    """Results in the order of `urls`; hosts are checked in parallel, each host's URLs one after another."""
    options = options or CheckOptions()
    gate = _HostGate(options.per_host_interval)
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[_host_key(url)].append(url)

    def check_host(host_urls: list[str]) -> list[LinkResult]:
        return [_check_guarded(url, options, gate) for url in host_urls]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = {result.url: result for results in pool.map(check_host, by_host.values()) for result in results}
    return [found[url] for url in urls]


def _check_guarded(url: str, options: CheckOptions, gate: _HostGate) -> LinkResult:
    # The run must reach its report whatever one URL does: an error nobody foresaw is that URL's failure.
    try:
        return check_url(url, options, gate)
    except Exception as error:
        return LinkResult(url, Outcome.DEAD, f"checker error ({type(error).__name__})")


def _inert(text: str) -> str:
    """Printable ASCII only: anything else (line breaks, controls, bidi marks, non-ASCII) percent-encoded."""
    return "".join(char if " " <= char <= "~" else quote(char, safe="") for char in text)


def code(text: str) -> str:
    """`text` as a Markdown code span that nothing inside can close: links, autolinks, @mentions, HTML
    comments and emphasis inside it are shown, not interpreted."""
    text = _inert(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def report(results: list[LinkResult], uses: dict[str, list[str]]) -> str:
    """Markdown for an issue. Everything from the data is in code spans; everything from a server is a number."""
    dead = [r for r in results if r.outcome is Outcome.DEAD]
    refused = [r for r in results if r.outcome is Outcome.REFUSED]
    lines = [
        "# Dead links in the catalogue's data",
        "",
        f"{len(dead)} of {len(results)} links did not answer and {len(refused)} were not fetched. Replace each "
        "with a working address (an archived copy will do for a source), or remove it if the fact has another "
        "source.",
        "",
    ]
    if dead:
        lines += ["## Did not answer", ""]
        lines += _entries(dead, uses)
    if refused:
        lines += [
            "## Not fetched",
            "",
            "These point at a private or local address, use another scheme or carry a user name or password. "
            "The catalogue should link only to public http(s) pages.",
            "",
        ]
        lines += _entries(refused, uses)
    if not dead and not refused:
        lines.append("No dead links.")
    return "\n".join(lines) + "\n"


def _entries(results: list[LinkResult], uses: dict[str, list[str]]) -> list[str]:
    lines = []
    for result in results:
        lines.append(f"- [ ] {code(result.url)} — {result.status}")
        lines += [f"  - {code(use)}" for use in uses.get(result.url, [])]
    lines.append("")
    return lines
