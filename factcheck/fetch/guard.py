"""The private-address guard: a URL from an article never reaches this machine's own network.

Articles come from anywhere, and every URL in them is fetched, archived and
quoted in a report that may be published. So by default only public
addresses are fetched; these are refused (``blocked`` / ``private-address``,
never dead, never retried, never looked up in the Wayback Machine):

- loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7),
  link-local (169.254/16 with the cloud metadata service, fe80::/10),
  carrier-grade NAT (100.64/10), multicast, reserved, unspecified (0.0.0.0,
  ::) and every other address that is not globally reachable;
- the same inside IPv6 (IPv4-mapped ``::ffff:127.0.0.1``, 6to4, NAT64);
- any spelling of them: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``,
  ``127.1``, ``[::ffff:127.0.0.1]`` (read as the C library and browsers read
  them);
- a host name that resolves to any of them.

How: ``GuardedBackend`` is the network backend under httpx. It resolves a
host once, checks every address, and connects to a checked address (TLS
still names the host, and the Host header is the URL's), so a rebinding DNS
cannot answer differently between check and connect. Every hop of a redirect
opens its connection through it, so each hop is checked. ``--allow-private``
/ ``FACTCHECK_ALLOW_PRIVATE=1`` (``settings.allow_private``) turns the guard
off; ``settings.allow_hosts`` lets exact ``host:port`` pairs through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import anyio
import httpcore
import httpx

from ..config import Settings

__all__ = ["PrivateAddressError", "address_problem", "literal_address", "host_problem", "guarded_transport",
           "GuardedBackend"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PrivateAddressError(OSError):
    """A connection refused before it was opened: the destination is not a public address."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"{host} is {why} ({address})")
        self.host = host
        self.address = address
        self.why = why


def address_problem(ip: IPAddress) -> str | None:
    """What makes ``ip`` a non-public address ("loopback", "private"...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        why = address_problem(ip.ipv4_mapped)  # ::ffff:a.b.c.d is a.b.c.d
        return f"{why}, written as IPv6" if why else None
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in (ip.sixtofour, _nat64(ip)):
            if inner is not None and (why := address_problem(inner)):
                return f"{why}, inside an IPv6 address"
    for test, why in (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address (this machine)"),
        (ip.is_link_local, "a link-local address (the cloud metadata service lives there)"),
        (ip in CGNAT, "a carrier-grade NAT address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    ):
        if test:
            return why
    return None


def _nat64(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells, in any form the C library accepts (no DNS); None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host or any(ch not in "0123456789abcdefxABCDEFX." for ch in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))  # 2130706433, 0x7f.1, 0177.0.0.1, 127.1
    except OSError:
        return None


def host_problem(host: str, addresses: Iterable[IPAddress]) -> PrivateAddressError | None:
    """The refusal for ``host`` when any of its ``addresses`` is not public."""
    for ip in addresses:
        why = address_problem(ip)
        if why:
            return PrivateAddressError(host, str(ip), why)
    return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve once, check every address, connect to a checked one."""

    def __init__(self, allow: frozenset[str] = frozenset()) -> None:
        self.inner = httpcore.AnyIOBackend()
        self.allow = allow

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        if f"{host}:{port}" not in self.allow:
            refused = host_problem(host, addresses)
            if refused is not None:
                raise refused
        failure: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[IPAddress]:
        literal = literal_address(host)
        if literal is not None:
            return [literal]
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} took longer than {timeout} s") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        return list(dict.fromkeys(found))

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(settings: Settings, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through ``GuardedBackend``."""
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    # httpx builds its httpcore pool without a way to pass a network backend: build the same pool
    # with ours (the attribute is httpx's; tests/test_guard.py fails if that ever changes).
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections, max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry, network_backend=GuardedBackend(frozenset(settings.allow_hosts)))
    return transport
