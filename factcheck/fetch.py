"""Fetching: the only module that touches the network.

``fetch_all(urls, settings)`` fetches politely and returns one ``Fetch`` per
URL, in order. Nothing here raises for a bad source: every failure becomes a
status (see ``models.STATUSES``) with a human reason and a stable tag.

Politeness: global and per-host concurrency limits, a minimum interval between
requests to one host, an honest User-Agent, conditional requests (ETag and
Last-Modified) when the archive knows them. Safety: only http(s) is fetched,
redirects are followed by hand (each hop checked and recorded, loops caught),
bodies are decompressed here with a cap on the *decompressed* size, and each
attempt has connect, read and total timeouts. Transient failures (timeouts,
resets, 5xx, 429) are retried with exponential back-off and jitter, honouring
``Retry-After`` up to a limit.
"""

from __future__ import annotations

import asyncio
import random
import re
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .claims import check_url
from .config import Settings
from .models import Fetch

__all__ = ["fetch_all", "fetch_one", "Conditional", "now_iso", "classify_body"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown", "text/xml", "application/xml")
PDF_TYPES = ("application/pdf",)
CHALLENGE_MARKERS = (
    "cf-browser-verification", "challenge-platform", "just a moment...", "attention required! | cloudflare",
    "captcha", "are you a robot", "verify you are human", "access denied", "enable javascript and cookies",
)
NOT_FOUND_TITLE = re.compile(
    r"(\b404\b|not\s+found|page\s+(does\s+not|doesn'?t)\s+exist|no\s+longer\s+available|"
    r"页面不存在|找不到|未找到|error\s+page)", re.I)
TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
HIDDEN_RE = re.compile(rb"<(script|style|noscript|template|title)\b.*?</\1\s*>", re.I | re.S)
TAG_OR_SPACE_RE = re.compile(rb"<[^>]*>|&[#\w]+;|\s+")

Sleep = Callable[[float], Awaitable[None]]
Progress = Callable[[Fetch], None]


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Conditional:
    """Validators from the archived copy, for a conditional re-check."""

    etag: str | None = None
    last_modified: str | None = None


class _Limits:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.overall = asyncio.Semaphore(max(1, settings.concurrency))
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.last: dict[str, float] = {}
        self.lock = asyncio.Lock()

    def host(self, host: str) -> asyncio.Semaphore:
        if host not in self.hosts:
            self.hosts[host] = asyncio.Semaphore(max(1, self.settings.per_host))
        return self.hosts[host]

    async def wait_turn(self, host: str, sleep: Sleep) -> None:
        interval = self.settings.host_interval
        if interval <= 0:
            return
        async with self.lock:
            due = self.last.get(host, 0.0) + interval
            now = time.monotonic()
            self.last[host] = max(now, due)
        if due > now:
            await sleep(due - now)


def fetch_all(
    urls: Sequence[str],
    settings: Settings,
    *,
    conditional: dict[str, Conditional] | None = None,
    progress: Progress | None = None,
    sleep: Sleep = asyncio.sleep,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Fetch]:
    """Fetch every URL (duplicates once); results in the order of ``urls``."""
    return asyncio.run(_fetch_all(list(urls), settings, conditional or {}, progress, sleep, transport))


async def _fetch_all(urls, settings, conditional, progress, sleep, transport) -> list[Fetch]:
    unique = list(dict.fromkeys(urls))
    limits = _Limits(settings)
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    async with httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
                 "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5"},
        transport=transport,
        trust_env=False,
    ) as client:

        async def one(url: str) -> Fetch:
            result = await fetch_one(client, url, settings, limits=limits,
                                     conditional=conditional.get(url), sleep=sleep)
            if progress is not None:
                progress(result)
            return result

        results = await asyncio.gather(*(one(u) for u in unique))
    by_url = dict(zip(unique, results))
    return [by_url[u] for u in urls]


async def fetch_one(client: httpx.AsyncClient, url: str, settings: Settings, *, limits: _Limits | None = None,
                    conditional: Conditional | None = None, sleep: Sleep = asyncio.sleep) -> Fetch:
    """Fetch one URL with retries for transient failures. Never raises."""
    started = now_iso()
    problem = check_url(url)
    if problem:
        return Fetch(url=url, status="unsupported", reason=problem, tag="url-invalid", fetched_at=started)
    if settings.offline:
        return Fetch(url=url, status="network_error", reason="not fetched: offline mode (--offline)",
                     tag="offline", fetched_at=started)
    limits = limits or _Limits(settings)
    host = urlsplit(url).hostname or ""
    result: Fetch | None = None
    for attempt in range(settings.retries + 1):
        async with limits.overall, limits.host(host):
            await limits.wait_turn(host, sleep)
            t0 = time.monotonic()
            try:
                result = await asyncio.wait_for(_attempt(client, url, settings, conditional),
                                                timeout=settings.total_timeout)
            except asyncio.TimeoutError:
                result = Fetch(url=url, status="timeout", tag="timeout-total", transient=True,
                               reason=f"no complete answer within {settings.total_timeout:g} s",
                               fetched_at=now_iso())
            except Exception as exc:  # noqa: BLE001 - a source's failure is a value
                result = _from_exception(url, exc)
            result = replace(result, elapsed=round(time.monotonic() - t0, 3))
        if not result.transient or attempt == settings.retries:
            break
        delay = _retry_delay(result, attempt, settings)
        if delay is None:
            break
        await sleep(delay)
    assert result is not None
    return result


def _retry_delay(result: Fetch, attempt: int, settings: Settings) -> float | None:
    after = result.header("retry-after")
    if after:
        seconds: float | None
        try:
            seconds = float(after)
        except ValueError:
            try:
                seconds = (parsedate_to_datetime(after) - datetime.now(timezone.utc)).total_seconds()
            except (TypeError, ValueError):
                seconds = None
        if seconds is not None:
            if seconds > settings.max_retry_after:
                return None  # too long to wait inside a run; a later re-check will try
            return max(0.0, seconds)
    base = settings.backoff * (2 ** attempt)
    return base + random.uniform(0, base / 2)


async def _attempt(client: httpx.AsyncClient, url: str, settings: Settings,
                   conditional: Conditional | None) -> Fetch:
    chain: list[str] = []
    current = url
    seen = {url}
    headers = {}
    if conditional is not None:
        if conditional.etag:
            headers["If-None-Match"] = conditional.etag
        if conditional.last_modified:
            headers["If-Modified-Since"] = conditional.last_modified
    while True:
        request = client.build_request("GET", current, headers=headers)
        try:
            response = await client.send(request, stream=True)
        except httpx.InvalidURL as exc:
            # httpx parses a redirect's Location before we see the response (e.g. "data:text/html,...")
            return Fetch(url=url, status="unsupported", tag="redirect-bad-url", fetched_at=now_iso(),
                         reason=f"redirects to a URL that is not a valid http(s) URL: {str(exc)[:120]}",
                         redirects=(*chain, current))
        try:
            if response.has_redirect_location:  # not is_redirect: true for every 3xx, 304 included
                location = response.headers.get("location", "")
                target = urljoin(current, location)
                chain.append(current)
                problem = check_url(target)
                if problem:
                    return _make(url, response, chain, target, None, "unsupported",
                                 f"redirects to a URL that is not fetched: {problem}", "redirect-bad-scheme")
                if target in seen:
                    return _make(url, response, chain, target, None, "dead",
                                 f"redirect loop after {len(chain)} hops", "redirect-loop")
                if len(chain) >= settings.max_redirects:
                    return _make(url, response, chain, target, None, "dead",
                                 f"more than {settings.max_redirects} redirects", "redirect-too-many")
                seen.add(target)
                current = target
                continue
            body, truncated = await _read_body(response, settings.max_bytes)
        finally:
            await response.aclose()
        if truncated:
            return _make(url, response, chain, current, None, "unsupported",
                         f"body larger than {settings.max_bytes:,} bytes (after decompression)",
                         "content-too-large")
        return _classify(url, response, chain, current, body)


async def _read_body(response: httpx.Response, cap: int) -> tuple[bytes, bool]:
    encoding = response.headers.get("content-encoding", "").lower().strip()
    decoder = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    out = bytearray()
    async for chunk in response.aiter_raw():
        if decoder is not None:
            try:
                data = decoder.decompress(chunk, cap + 1 - len(out))
            except zlib.error:
                data = chunk if not out else b""  # mislabelled encoding: keep raw bytes
                decoder = None
            if decoder is not None and decoder.unconsumed_tail:
                out += data
                return bytes(out[:cap]), True
        else:
            data = chunk
        out += data
        if len(out) > cap:
            return bytes(out[:cap]), True
    return bytes(out), False


def _make(url, response, chain, final, body, status, reason, tag, transient=False) -> Fetch:
    ctype = response.headers.get("content-type")
    return Fetch(
        url=url, status=status, reason=reason, tag=tag, fetched_at=now_iso(),
        http_status=response.status_code, final_url=final, redirects=tuple(chain),
        headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw),
        content_type=ctype, body=body, transient=transient,
    )


def _classify(url: str, response: httpx.Response, chain: list[str], final: str, body: bytes) -> Fetch:
    code = response.status_code
    ctype = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
    server = response.headers
    if code == 304:
        return _make(url, response, chain, final, None, "redirected" if chain else "ok",
                     "not modified since the archived copy (304)", "http-304")
    if code in (401, 403, 407, 429, 451, 999) or server.get("cf-mitigated"):
        transient = code == 429
        what = {401: "needs a login", 403: "forbidden", 407: "proxy login needed", 429: "rate limited",
                451: "unavailable for legal reasons", 999: "refused by bot protection"}.get(code, "challenge")
        if server.get("cf-mitigated"):
            what = "bot challenge (cf-mitigated)"
        return _make(url, response, chain, final, body, "blocked",
                     f"HTTP {code}: {what}; the page may be fine for a person", f"http-{code}", transient)
    if code in (404, 410):
        what = "not found" if code == 404 else "gone"
        return _make(url, response, chain, final, body, "dead", f"HTTP {code}: {what}", f"http-{code}")
    if 400 <= code < 500:
        return _make(url, response, chain, final, body, "dead", f"HTTP {code}: client error", f"http-{code}")
    if code >= 500:
        return _make(url, response, chain, final, body, "server_error", f"HTTP {code}: server error",
                     f"http-{code}", transient=True)
    if not (200 <= code < 300):
        return _make(url, response, chain, final, body, "unsupported", f"HTTP {code}: unexpected status",
                     f"http-{code}")
    status, reason, tag = classify_body(url, final, ctype, body)
    if status == "ok" and chain:
        status, reason, tag = "redirected", f"moved to {final} ({len(chain)} redirect(s))", "http-redirected"
    return _make(url, response, chain, final, body, status, reason, tag)  # type: ignore[arg-type]


def classify_body(url: str, final: str, ctype: str, body: bytes) -> tuple[str, str, str]:
    """Status of a 2xx answer from its content: ok, soft_404, blocked or unsupported."""
    if not body.strip():
        return "soft_404", "HTTP 200 with an empty body", "empty-body"
    kind = ctype or _sniff(body)
    if kind in PDF_TYPES or body[:5] == b"%PDF-":
        return "ok", "PDF document", "pdf"
    if kind not in HTML_TYPES + TEXT_TYPES and not kind.startswith("text/"):
        return "unsupported", f"content type {kind or 'unknown'} is not text, HTML or PDF", "content-type"
    if kind in HTML_TYPES and _looks_binary(body):
        return "unsupported", "served as HTML but the body is binary", "binary-as-html"
    head = body[:65536]
    match = TITLE_RE.search(head)
    title = match.group(1).decode("utf-8", "replace").strip().lower() if match else ""
    if any(marker in title for marker in CHALLENGE_MARKERS) or (
        len(body) < 20000 and any(m.encode() in head.lower() for m in CHALLENGE_MARKERS[:3])
    ):
        return "blocked", "a bot challenge page was served instead of the article", "challenge-page"
    if title and NOT_FOUND_TITLE.search(title):
        return "soft_404", f"HTTP 200 but the page title says {title[:60]!r}", "soft-404-title"
    old, new = urlsplit(url), urlsplit(final)
    if old.path not in ("", "/") and new.path in ("", "/") and not new.query:
        return "soft_404", f"the article redirects to the site's home page {final}", "redirect-to-home"
    if kind in HTML_TYPES and _javascript_only(body):
        return ("unsupported", "the page is built by JavaScript and holds no text without running it "
                "(fetched code is never run)", "javascript-only")
    return "ok", "HTTP 200", "http-200"


def _javascript_only(body: bytes) -> bool:
    """A page of scripts with (almost) no visible text: an app shell."""
    head = body[:200_000]
    if b"<script" not in head.lower():
        return False
    return len(TAG_OR_SPACE_RE.sub(b"", HIDDEN_RE.sub(b"", head))) < 100


def _sniff(body: bytes) -> str:
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    if body[:5] == b"%PDF-":
        return "application/pdf"
    return "" if _looks_binary(body) else "text/plain"


def _looks_binary(body: bytes) -> bool:
    sample = body[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > 0.1


def _from_exception(url: str, exc: BaseException) -> Fetch:
    when = now_iso()
    cause = exc
    chain = []
    while cause is not None and len(chain) < 8:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(c) for c in chain).lower()

    def net(reason: str, tag: str, transient: bool = True) -> Fetch:
        return Fetch(url=url, status="network_error", reason=reason, tag=tag, fetched_at=when, transient=transient)

    if isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout)):
        return Fetch(url=url, status="timeout", reason="connection timed out", tag="timeout-connect",
                     fetched_at=when, transient=True)
    if isinstance(exc, httpx.TimeoutException):
        return Fetch(url=url, status="timeout", reason="server stopped answering (read timeout)",
                     tag="timeout-read", fetched_at=when, transient=True)
    if any(isinstance(c, socket.gaierror) for c in chain) or "name or service not known" in text \
            or "temporary failure in name resolution" in text or "nodename nor servname" in text:
        return net(f"DNS: host {urlsplit(url).hostname!r} could not be resolved (unknown host, or offline)",
                   "dns-failure", transient=False)
    if any(isinstance(c, ssl.SSLError) for c in chain) or "certificate" in text or "ssl" in text:
        return net("TLS handshake failed: " + str(exc)[:120], "tls-error", transient=False)
    if "network is unreachable" in text or "no route to host" in text:
        return net("network unreachable (offline?)", "network-unreachable")
    if "connection refused" in text or any(isinstance(c, ConnectionRefusedError) for c in chain):
        return net("connection refused by the server", "connection-refused")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)) or "reset" in text:
        return net("connection reset or closed mid-answer: " + (str(exc)[:100] or type(exc).__name__),
                   "connection-reset")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Fetch(url=url, status="unsupported", reason=str(exc)[:160], tag="url-scheme", fetched_at=when)
    if isinstance(exc, (httpx.HTTPError, OSError)):
        return net(f"{type(exc).__name__}: {str(exc)[:140]}", "network-error")
    return net(f"unexpected error {type(exc).__name__}: {str(exc)[:140]}", "internal-error", transient=False)
