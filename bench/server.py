"""A local site of N links for benchmarks: mostly 200, some 301, 404 and slow.

    python bench/server.py --links 1000 [--port 8765] [--slow-delay 0.5]
                           [--no-keep-alive] [--page-kb 5] [--latency slow5|spread]

serves ``/index.html`` (a page linking to every page) on 127.0.0.1 only, and
prints the URL. Pages are realistic article HTML (``--page-kb``, default ~5 KB)
and carry an ETag and Last-Modified; a request with a matching If-None-Match or
If-Modified-Since gets ``304 Not Modified`` and no body. The mix, by page
number ``i``: every 20th page (i % 20 == 3) is a 301 to a live page, every
20th (i % 20 == 7) a 404, every 20th (i % 20 == 11) answers after
``--slow-delay`` seconds. The rest answer 200: at once (``--latency slow5``),
or after 2-82 ms spread over the pages (``--latency spread``, mean ~29 ms,
like servers at various distances). ``--no-keep-alive`` closes every
connection after one answer (HTTP/1.0), so clients pay a connect per request.

``floor(concurrency)`` is the least time any client can take with that many
requests in flight (``lower_bound``): the sum of every request's server-side
delay divided among the slots, the longest delay, or the rounds that requests
of equal delay need (50 slow pages at 16 a time take 4 rounds of 0.5 s: 2.0 s,
not 50 * 0.5 / 16 = 1.56 s), whichever is largest.

``BenchSite(n).start()`` does the same from Python (bench/links.py, bench/scale.py).
"""

from __future__ import annotations

import argparse
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 01 Sep 2025 08:00:00 GMT"
PARAGRAPH = (
    "<p>Elon Musk and Sam Altman co-founded OpenAI in December 2015 as a nonprofit artificial intelligence "
    "research lab. Musk left the board in 2018, and in 2019 OpenAI created a capped-profit company so it "
    "could raise money from investors such as Microsoft. Page {i} of the benchmark site adds its own "
    "sentence: the number {i} appears in it so every page has a different body.</p>"
)


LATENCIES = ("slow5", "spread")


def kind(i: int) -> str:
    return {3: "301", 7: "404", 11: "slow"}.get(i % 20, "200")


def delay(i: int, latency: str, slow_delay: float) -> float:
    """Seconds page ``i`` waits before answering."""
    if kind(i) == "slow":
        return slow_delay
    if latency == "spread" and kind(i) == "200":
        u = ((i * 2654435761) % 2**32) / 2**32  # a fixed pseudo-random spread over the pages
        return 0.002 + 0.08 * u * u
    return 0.0


def page(i: int, kb: float = 5.0) -> bytes:
    paragraphs = max(1, round(kb * 1024 / len(PARAGRAPH)))
    body = "".join(PARAGRAPH.format(i=i) for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Benchmark article {i:05d}</title>"
            f"</head><body><header><nav><a href='/'>Home</a></nav></header><main><article>"
            f"<h1>Benchmark page {i}</h1>{body}</article></main><footer>Footer</footer></body></html>").encode()


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # the listen backlog: the default 5 drops bursts of new connections
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # clients closing keep-alive sockets
        pass


def lower_bound(waits: list[float], concurrency: int) -> float:
    """The least time ``concurrency`` slots need for requests that each hold a slot ``waits[k]`` seconds.

    Three bounds, the largest wins: the total divided among the slots; the longest wait; and, for
    every wait ``t``, the ``k`` requests that wait at least ``t`` share the slots, so one slot runs
    ``ceil(k / concurrency)`` of them in turn. The last is what binds when many requests wait the
    same: 50 requests of 0.5 s at 16 a time need 4 rounds, 2.0 s, not 50 * 0.5 / 16 = 1.56 s."""
    slots = max(1, concurrency)
    ordered = sorted(waits, reverse=True)
    rounds = max((-(-(k + 1) // slots) * t for k, t in enumerate(ordered)), default=0.0)
    return max(sum(waits) / slots, rounds)


class BenchSite:
    def __init__(self, links: int, port: int = 0, slow_delay: float = 0.5, keep_alive: bool = True,
                 page_kb: float = 5.0, latency: str = "slow5") -> None:
        if latency not in LATENCIES:
            raise ValueError(f"latency must be one of {LATENCIES}")
        self.links = links
        self.slow_delay = slow_delay
        self.page_kb = page_kb
        self.latency = latency
        self.keep_alive = keep_alive
        self._pages: dict[int, bytes] = {}
        self.hits = 0
        self.in_flight = 0
        self.max_in_flight = 0  # most requests answered at once: what a client's concurrency really was
        self.not_modified = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"  # 1.0: close after each answer
            disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stalls

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                self.answer(head=True)

            def do_GET(self) -> None:  # noqa: N802
                self.answer(head=False)

            def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                     head: bool = False) -> None:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def answer(self, head: bool) -> None:
                with site.lock:
                    site.hits += 1
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    self.respond(head)
                finally:
                    with site.lock:
                        site.in_flight -= 1

            def respond(self, head: bool) -> None:
                path = self.path.split("?")[0]
                try:
                    if path in ("/", "/index.html"):
                        return self.send(200, site.index(), {"Content-Type": "text/html; charset=utf-8",
                                                             "LinkChecker": "bench"}, head)
                    if not path.startswith("/p/"):
                        return self.send(404, b"<html><title>404 Not Found</title></html>",
                                         {"Content-Type": "text/html"}, head)
                    i = int(path[3:])
                    what = kind(i) if 0 <= i < site.links else "404"
                    if what == "301":
                        return self.send(301, b"", {"Location": f"/p/{i + 1}"}, head)
                    if what == "404":
                        return self.send(404, b"<html><title>404 Not Found</title></html>",
                                         {"Content-Type": "text/html"}, head)
                    wait = delay(i, site.latency, site.slow_delay)
                    if wait:
                        time.sleep(wait)
                    body = site.page(i)
                    extra = {"LinkChecker": "bench"}  # lets linkchecker lift its per-host rate limit
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
                    if self.headers.get("If-None-Match") == etag or (
                            self.headers.get("If-Modified-Since") == LAST_MODIFIED
                            and not self.headers.get("If-None-Match")):
                        with site.lock:
                            site.not_modified += 1
                        return self.send(304, b"", validators, head=True)
                    return self.send(200, body, {"Content-Type": "text/html; charset=utf-8", **validators, **extra},
                                     head)
                except (BrokenPipeError, ConnectionResetError, ValueError):
                    pass

        self.httpd = _Server(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def page(self, i: int) -> bytes:
        if i not in self._pages:
            self._pages[i] = page(i, self.page_kb)
        return self._pages[i]

    def floor(self, concurrency: int) -> float:
        """Least wall time for one request per link (a 301 adds one to its target) at ``concurrency``."""
        waits = []
        for i in range(self.links):
            waits.append(delay(i, self.latency, self.slow_delay))
            if kind(i) == "301":
                waits.append(delay(i + 1, self.latency, self.slow_delay))
        return lower_bound(waits, concurrency)

    def describe(self) -> str:
        return (f"{'keep-alive' if self.keep_alive else 'no keep-alive'}, {self.page_kb:g} KB pages, "
                f"latency {self.latency}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def urls(self) -> list[str]:
        return [self.url(f"/p/{i}") for i in range(self.links)]

    def index(self) -> bytes:
        items = "".join(f"<li><a href='{url}'>page {i}</a></li>" for i, url in enumerate(self.urls()))
        return f"<!DOCTYPE html><html><head><title>Index</title></head><body><ul>{items}</ul></body></html>".encode()

    def start(self) -> BenchSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--slow-delay", type=float, default=0.5)
    parser.add_argument("--no-keep-alive", action="store_true")
    parser.add_argument("--page-kb", type=float, default=5.0)
    parser.add_argument("--latency", choices=LATENCIES, default="slow5")
    args = parser.parse_args()
    site = BenchSite(args.links, args.port, args.slow_delay, not args.no_keep_alive, args.page_kb,
                     args.latency).start()
    print(site.url("/index.html"), flush=True)
    try:
        site.thread.join()
    except KeyboardInterrupt:
        site.stop()


if __name__ == "__main__":
    main()
