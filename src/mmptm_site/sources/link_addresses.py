"""Where a URL of the data may point before anything is fetched: only http(s), no credentials, a host that is
a DNS name or an IP address in its usual spelling (`0x7f000001` is not fetched, though some resolvers read it as
127.0.0.1), and only public addresses: private, loopback, link-local, reserved, multicast and unspecified ones are
refused, also inside IPv4-mapped, 6to4, Teredo and NAT64 addresses. The name is resolved once, every address it
has is checked, and the caller connects to one of those (a second lookup could answer differently: DNS
rebinding)."""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

_DNS_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")  # `_` is not DNS-legal but in real use
_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*")  # what resolvers read as part of an IPv4 address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedURL(Exception):
    """The URL points somewhere the checker must not go; the message says why, in our words."""


class UnusableURL(Exception):
    """The URL cannot be fetched at all (it does not parse, or its name does not resolve)."""


@dataclass(frozen=True)
class LinkTarget:
    """A URL as the checker connects to it: the host in ASCII, the port, and what the request sends."""

    scheme: str
    host: str  # ASCII: an IDNA-encoded name, or an IP address without brackets
    port: int
    host_header: str
    request_target: str  # path and query, percent-encoded
    address: IPAddress | None  # when the host is an IP literal


def parse_target(url: str) -> LinkTarget:
    """Where `url` points, in parts; RefusedURL or UnusableURL (our words) when it must not or cannot be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number in range ('0x50', '99999')
    except ValueError as error:
        raise UnusableURL("not a valid URL") from error
    if parts.scheme not in ("http", "https"):
        raise RefusedURL("not an http(s) URL")
    if "@" in parts.netloc:
        raise RefusedURL("user name or password in the URL")
    if not parts.hostname or port == 0:
        raise UnusableURL("not a valid URL")
    host, address = _host(parts.hostname, bracketed=parts.netloc.startswith("["))
    shown_host = f"[{host}]" if isinstance(address, ipaddress.IPv6Address) else host
    path = quote(parts.path or "/", safe="/%!$&'()*+,;=:@~-._")
    query = quote(parts.query, safe="/?%!$&'()*+,;=:@~-._")
    return LinkTarget(
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
            raise UnusableURL("not a valid URL") from error
        if address.scope_id is not None:
            raise RefusedURL("an IPv6 address with a zone")
        return str(address), address
    try:
        ipv4 = ipaddress.IPv4Address(hostname)
    except ValueError:
        pass
    else:
        return str(ipv4), ipv4
    try:
        name = hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise RefusedURL("the host is not a DNS name or an IP address") from error
    labels = name.removesuffix(".").split(".")
    if len(name) > 253 or not all(_DNS_LABEL.fullmatch(label) for label in labels):
        raise RefusedURL("the host is not a DNS name or an IP address")
    # '0x7f000001', '2130706433', '127.1', '0177.0.0.1': resolvers read these as IPv4 addresses (inet_aton),
    # browsers too (a name ending in a number); no real site is named so
    if _NUMBER.fullmatch(labels[-1]):
        raise RefusedURL("the host is an IP address in an unusual spelling")
    return name, None


def is_public(address: IPAddress) -> bool:
    """Whether an address, and any IPv4 address inside it, is one the checker may connect to."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if address in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(inner is not None and not is_public(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def checked_addresses(target: LinkTarget, allowed: frozenset[IPAddress]) -> list[IPAddress]:
    """Every address of the host, each checked (`allowed`: loopback addresses the tests' servers use); the
    connection will go to one of these, not to a new lookup."""
    if target.address is not None:
        found = [target.address]
    else:
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise UnusableURL("the name does not resolve") from error
        found = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if address not in found:
                found.append(address)
    for address in found:
        if address not in allowed and not is_public(address):
            raise RefusedURL("a private, loopback, link-local or reserved address")
    return found
