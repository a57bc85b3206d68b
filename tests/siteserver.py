"""A real HTTP server on 127.0.0.1 for tests and benchmarks.

Routes map a path to a ``Page`` (status, headers, body) or to a callable that
writes the answer itself (hangs, trickles, resets...). Routes can be changed
while the server runs, to simulate a site that moves, dies or edits a page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SITES = Path(__file__).parent / "sites"


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Handler = Callable[[BaseHTTPRequestHandler], None]


class SiteServer:
    def __init__(self) -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.fallback: Page | Handler | None = None  # answers paths with no route (default: a 404 page)
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                server.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(path) or server.routes.get(path.split("?")[0]) or server.fallback
                if route is None:
                    route = Page("<html><head><title>404 Not Found</title></head><body>Not found</body></html>", 404)
                if callable(route):
                    route(self)
                    return
                data = route.data()
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    for key, value in route.headers.items():
                        self.send_header(key, value)
                    if not any(k.lower() == "content-length" for k in route.headers):
                        self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                # a client hanging up on a kept-alive connection is normal, not a server error;
                # socketserver would print a traceback to stderr, which the CLI tests capture
                import sys as _sys

                if not isinstance(_sys.exc_info()[1], (ConnectionError, TimeoutError)):
                    super().handle_error(request, client_address)

        self.httpd = QuietServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def start(self) -> SiteServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, page: Page | Handler | str | bytes, **kwargs: object) -> str:
        if isinstance(page, (str, bytes)):
            page = Page(page, **kwargs)  # type: ignore[arg-type]
        self.routes[path] = page
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 301) -> str:
        return self.add(path, Page(b"", status, None, {"Location": target}))

    def page_file(self, path: str, name: str, **kwargs: object) -> str:
        return self.add(path, Page((SITES / name).read_bytes(), **kwargs))  # type: ignore[arg-type]


def trickle(handler) -> None:
    """Headers, then one byte a second (at most 30 bytes, so the thread ends)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    try:
        for _ in range(30):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(1)
    except OSError:
        pass


def etag_page(body: bytes | str, etag: str) -> Handler:
    """A page that answers 304 to a matching If-None-Match, else 200 with its ETag."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handler(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("ETag", etag)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    return handler

