"""Fetching one URL of the data safely, for a status only.

The connection goes to an address `link_addresses` checked, while the Host header, TLS SNI and the
certificate check keep the name; redirects are followed here, at most MAX_REDIRECTS of them, each checked
like the first URL; one request at a time per host, a pause between them, and a retry on transient failures
(urllib3's); nothing a server sends is kept but its numeric status: no body, no reason phrase, no error text.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from mmptm_site.sources.link_addresses import (
    IPAddress,
    LinkTarget,
    RefusedURL,
    UnusableURL,
    checked_addresses,
    parse_target,
)

USER_AGENT = "mmptm-site link check (+https://github.com/mmptm-site/mmptm-site)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HEAD_REFUSED_STATUSES = frozenset({403, 405, 501})  # servers that answer HEAD so are asked again with GET
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})


class Outcome(StrEnum):
    """What checking a URL came to."""

    ALIVE = "alive"
    DEAD = "dead"  # did not answer, answered with an error, or is not a URL at all
    REFUSED = "refused"  # not fetched: it points where the checker must not go


@dataclass(frozen=True)
class LinkResult:
    """One URL checked: its outcome, and why in the checker's words."""

    url: str
    outcome: Outcome
    status: str  # the checker's own words and at most a numeric HTTP status: never text from a server

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.ALIVE


@dataclass(frozen=True)
class CheckOptions:
    """How patiently and politely URLs are checked."""

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


class HostGate:
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


def _pool(target: LinkTarget, address: IPAddress, options: CheckOptions) -> urllib3.HTTPConnectionPool:
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


def _ask(target: LinkTarget, addresses: list[IPAddress], method: str, options: CheckOptions) -> tuple[int, str | None]:
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


def check_url(url: str, options: CheckOptions | None = None, gate: HostGate | None = None) -> LinkResult:
    """HEAD first (cheap), GET when a server refuses HEAD; any final status below 400 counts as alive."""
    options = options or CheckOptions()
    gate = gate or HostGate(options.per_host_interval)
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        prefix = "" if hop == 0 else "redirect: "
        try:
            target = parse_target(current)
            addresses = checked_addresses(target, options.allow_addresses)
            for method in ("HEAD", "GET"):
                with gate.turn(target.host):
                    status, location = _ask(target, addresses, method, options)
                if not (method == "HEAD" and status in HEAD_REFUSED_STATUSES):
                    break
        except RefusedURL as refusal:
            return LinkResult(url, Outcome.REFUSED, prefix + str(refusal))
        except UnusableURL as problem:
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
