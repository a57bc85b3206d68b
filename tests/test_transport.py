"""The lean HTTP/1.1 transport (fetch/transport.py) against real local servers:
kept-alive connections are reused, closed ones are not, and failures keep their httpx types."""

from __future__ import annotations

import asyncio
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from factcheck.config import Settings
from factcheck.fetch import fetch_all
from factcheck.fetch.transport import LeanTransport


class CountingServer:
    """Pages /p/N (200, 3 KB), /moved (301 to /p/1); counts TCP connections and requests."""

    def __init__(self, keep_alive: bool = True) -> None:
        self.connections = 0
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def log_message(self, *args: object) -> None:
                pass

            def setup(self) -> None:
                server.connections += 1
                super().setup()

            def do_GET(self) -> None:  # noqa: N802
                server.requests += 1
                if self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/p/1")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = (f"<html><title>Page {self.path}</title><p>" + "text " * 600 + "</p></html>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


def settings(concurrency: int = 4) -> Settings:
    return Settings(concurrency=concurrency, per_host=concurrency, retries=0, total_timeout=10, allow_private=True)


def test_kept_alive_connections_are_reused_across_requests_and_redirects():
    with CountingServer() as server:
        urls = [server.url(f"/p/{i}") for i in range(40)] + [server.url("/moved")]
        fetches = fetch_all(urls, settings(4))
    assert [f.status for f in fetches] == ["ok"] * 40 + ["redirected"]
    assert all(f.body and b"Page /p/" in f.body for f in fetches)
    assert server.requests == 42
    assert server.connections <= 4  # one per request in flight, never one per request


def test_a_server_that_closes_after_each_answer_gets_a_fresh_connection_each_time():
    with CountingServer(keep_alive=False) as server:
        fetches = fetch_all([server.url(f"/p/{i}") for i in range(12)], settings(3))
    assert [f.status for f in fetches] == ["ok"] * 12
    assert server.connections == server.requests == 12


def test_an_idle_connection_the_server_dropped_is_replaced_not_reported():
    async def scenario() -> list[int]:
        with CountingServer() as server:
            transport = LeanTransport(guard=False)
            async with httpx.AsyncClient(transport=transport) as client:
                first = await client.get(server.url("/p/1"))
                for conn in transport.idle[("http", "127.0.0.1", server.httpd.server_address[1])]:
                    conn.writer.transport.abort()  # as a server's keep-alive timeout would
                second = await client.get(server.url("/p/2"))
            return [first.status_code, second.status_code, server.connections]

    assert asyncio.run(scenario()) == [200, 200, 2]


def test_refused_and_unanswered_connections_keep_their_httpx_types():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers

    async def scenario() -> tuple[type, type]:
        async with httpx.AsyncClient(transport=LeanTransport(guard=False), timeout=httpx.Timeout(0.3)) as client:
            with pytest.raises(httpx.ConnectError) as refused:
                await client.get(f"http://127.0.0.1:{port}/")
            with pytest.raises(httpx.ReadTimeout) as stalled:
                await client.get(f"http://127.0.0.1:{silent.getsockname()[1]}/")
        return type(refused.value.__cause__), type(stalled.value)

    try:
        cause, stalled = asyncio.run(scenario())
    finally:
        silent.close()
    assert issubclass(cause, ConnectionRefusedError)
    assert stalled is httpx.ReadTimeout


def test_other_schemes_are_refused_before_any_connection():
    async def scenario() -> None:
        async with httpx.AsyncClient(transport=LeanTransport(guard=False)) as client:
            await client.get("ftp://127.0.0.1/file")

    with pytest.raises(httpx.UnsupportedProtocol):
        asyncio.run(scenario())
