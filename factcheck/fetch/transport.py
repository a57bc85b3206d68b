"""A lean HTTP/1.1 transport for httpx: asyncio streams + h11, one idle list per origin.

httpcore's pool (httpx's default) re-scans every pooled connection, through
anyio's per-call attribute dicts, each time a request starts or ends: at 16
requests in flight that was about a third of the CPU of a link check. Here a
connection is taken from its origin's idle list or opened, used for one
request, and put back when its answer was read to the end (closed otherwise).
The caller (``limits.py``) already bounds the requests in flight, so nothing
queues here. Connections go through the private-address guard as
``guard.GuardedBackend`` does for httpcore: the host is resolved once, every
address checked (``guard.host_problem``), and the connection opened to a checked
address (TLS still names the host), unless ``guard=False`` (``--allow-private``)
or the ``host:port`` is in ``allow_hosts``. Timeouts come from httpx's request extensions (connect, read,
write); library exceptions are re-raised as httpx's, ``from`` the original, so
``classify.py`` maps them as before.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator
from typing import Any

import certifi
import h11
import httpx

from .guard import IPAddress, host_problem, literal_address

__all__ = ["LeanTransport"]

READ_SIZE = 65536


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.h11 = h11.Connection(h11.CLIENT)

    def close(self) -> None:
        self.writer.close()

    async def next_event(self, timeout: float | None) -> Any:
        while True:
            event = self.h11.next_event()
            if event is not h11.NEED_DATA:
                return event
            try:
                async with asyncio.timeout(timeout):
                    data = await self.reader.read(READ_SIZE)
            except TimeoutError as exc:
                raise httpx.ReadTimeout("read timed out") from exc
            except OSError as exc:
                raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
            self.h11.receive_data(data)


class _Body(httpx.AsyncByteStream):
    def __init__(self, transport: LeanTransport, origin: tuple[str, str, int], conn: _Connection,
                 timeout: float | None) -> None:
        self.transport, self.origin, self.conn, self.timeout = transport, origin, conn, timeout
        self.done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while not self.done:
            event = await _protocol(self.conn.next_event(self.timeout))
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
                self.done = True

    async def aclose(self) -> None:
        conn, self.conn = self.conn, None  # type: ignore[assignment]
        if conn is None:
            return
        if not self.done:  # unread, e.g. a redirect: its (short) rest may already be here
            self.done = _drained(conn.h11)
        if self.done and conn.h11.our_state is h11.DONE and conn.h11.their_state is h11.DONE:
            conn.h11.start_next_cycle()
            self.transport.release(self.origin, conn)
        else:
            conn.close()


def _drained(connection: h11.Connection) -> bool:
    """Consume what was already received of the answer; True when it ended there."""
    try:
        while True:
            event = connection.next_event()
            if event is h11.NEED_DATA or isinstance(event, h11.ConnectionClosed):
                return False
            if isinstance(event, h11.EndOfMessage):
                return True
    except h11.RemoteProtocolError:
        return False


async def _resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses of ``host``, once: a literal in any spelling, or a DNS answer."""
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return list(dict.fromkeys(found))


async def _open(addresses: list[IPAddress], port: int, context: ssl.SSLContext | None,
                host: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to the first of ``addresses`` that answers (TLS names ``host``)."""
    failure: OSError | None = None
    for ip in addresses:
        try:
            return await asyncio.open_connection(str(ip), port, ssl=context,
                                                 server_hostname=host.strip("[]") if context else None,
                                                 limit=READ_SIZE)
        except OSError as exc:
            failure = exc
    raise failure or OSError(f"no address for {host}")


async def _protocol(pending: Any) -> Any:
    try:
        return await pending
    except h11.RemoteProtocolError as exc:
        raise httpx.RemoteProtocolError(str(exc)) from exc


class LeanTransport(httpx.AsyncBaseTransport):
    def __init__(self, verify: ssl.SSLContext | None = None, max_idle: int = 16, *, guard: bool = True,
                 allow_hosts: frozenset[str] = frozenset()) -> None:
        self.ssl = verify
        self.max_idle = max_idle
        self.guard, self.allow_hosts = guard, allow_hosts
        self.idle: dict[tuple[str, str, int], list[_Connection]] = {}

    def release(self, origin: tuple[str, str, int], conn: _Connection) -> None:
        idle = self.idle.setdefault(origin, [])
        if len(idle) < self.max_idle:
            idle.append(conn)
        else:
            conn.close()

    async def _connect(self, origin: tuple[str, str, int], timeout: float | None) -> _Connection:
        scheme, host, port = origin
        context = None
        if scheme == "https":
            if self.ssl is None:  # httpx's own CA bundle, as its default transport uses
                self.ssl = ssl.create_default_context(cafile=certifi.where())
                self.ssl.set_alpn_protocols(["http/1.1"])
            context = self.ssl
        try:
            async with asyncio.timeout(timeout):
                addresses = await _resolve(host, port)
                if self.guard and f"{host}:{port}" not in self.allow_hosts:
                    refused = host_problem(host, addresses)
                    if refused is not None:
                        raise refused
                reader, writer = await _open(addresses, port, context, host)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout("connection timed out") from exc
        except OSError as exc:  # refused, unreachable, DNS (gaierror), TLS (SSLError), a private address
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return _Connection(reader, writer)

    def _checkout(self, origin: tuple[str, str, int]) -> _Connection | None:
        idle = self.idle.get(origin)
        while idle:
            conn = idle.pop()
            if not conn.reader.at_eof() and not conn.writer.is_closing():
                return conn
            conn.close()
        return None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"request URL has an unsupported protocol '{scheme}://'")
        origin = (scheme, url.host, url.port or (443 if scheme == "https" else 80))
        timeouts = request.extensions.get("timeout", {})
        reused = self._checkout(origin)
        conn = reused or await self._connect(origin, timeouts.get("connect"))
        try:
            return await self._exchange(origin, conn, request, timeouts)
        except httpx.TransportError:
            conn.close()
            if reused is None or request.method not in ("GET", "HEAD"):
                raise
        except BaseException:  # cancelled (the total timeout): the connection is mid-answer
            conn.close()
            raise
        # a kept-alive connection the server had closed meanwhile: once more on a fresh one
        conn = await self._connect(origin, timeouts.get("connect"))
        try:
            return await self._exchange(origin, conn, request, timeouts)
        except BaseException:
            conn.close()
            raise

    async def _exchange(self, origin: tuple[str, str, int], conn: _Connection, request: httpx.Request,
                        timeouts: dict[str, float | None]) -> httpx.Response:
        headers = [(k, v) for k, v in request.headers.raw]
        if not any(k.lower() == b"host" for k, _ in headers):
            headers.insert(0, (b"Host", request.url.netloc))
        body = b"".join([part async for part in request.stream])  # type: ignore[union-attr]
        try:
            data = conn.h11.send(h11.Request(method=request.method, target=request.url.raw_path, headers=headers))
            if body:
                data += conn.h11.send(h11.Data(data=body))
            data += conn.h11.send(h11.EndOfMessage())
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        try:
            conn.writer.write(data)
            async with asyncio.timeout(timeouts.get("write")):
                await conn.writer.drain()
        except TimeoutError as exc:
            raise httpx.WriteTimeout("write timed out") from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        read = timeouts.get("read")
        while True:
            event = await _protocol(conn.next_event(read))
            if isinstance(event, h11.Response):
                break
            if isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError("server closed the connection without answering")
        return httpx.Response(
            status_code=event.status_code, headers=event.headers.raw_items(),
            stream=_Body(self, origin, conn, read),
            extensions={"http_version": b"HTTP/" + event.http_version, "reason_phrase": event.reason},
        )

    async def aclose(self) -> None:
        for idle in self.idle.values():
            for conn in idle:
                conn.close()
        self.idle.clear()
