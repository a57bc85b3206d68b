"""Fetching: the only module that touches the network.

``fetch_all(urls, settings)`` fetches politely and returns one ``Fetch`` per
URL, in order. Nothing here raises for a bad source: every failure becomes a
status (see ``models.STATUSES``) with a human reason and a stable tag.

Politeness: global and per-host concurrency limits, a minimum interval between
requests to one host, an honest User-Agent, conditional requests (ETag and
Last-Modified) when the archive knows them. When archiving (``fetch_all(...,
archiving=True)``, as the pipeline and recheck do): robots.txt honoured when
``settings.robots`` (a disallowed page is ``blocked`` / ``robots-txt``, never
dead), and soft 404s found by probing each host once with a made-up path
(``settings.soft404_probe``). Safety: only http(s) is fetched,
redirects are followed by hand (each hop checked and recorded, loops caught),
bodies are decompressed here with a cap on the *decompressed* size, and each
attempt has connect, read and total timeouts. Transient failures (timeouts,
resets, 5xx, 429) are retried with exponential back-off and jitter, honouring
``Retry-After`` up to a limit.

Definitive vs transient: ``Fetch.transient`` is True for failures worth trying
again later (timeouts, resets, 5xx, 429); 404, 410, other 4xx, redirect loops
and an unknown host are definitive. ``recheck.py`` builds link health across
checks on that distinction.

Wayback Machine: ``fetch_wayback`` fetches the capture nearest to a time via
``<wayback_url>/web/<timestamp>id_/<url>`` (the service redirects to the
nearest capture; ``id_`` asks for the original bytes without the replay
banner). The base URL is ``settings.wayback_url``.

JSON APIs: ``post_json`` posts one JSON request (the LLM judge's chat
completions) and returns the decoded answer; unlike a source, a failure here
is a ``MatcherError`` with a one-line reason, which the caller turns into a
fallback. Header values (an API key) never appear in its messages.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import secrets
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .claims import check_url
from .config import Settings
from .errors import MatcherError
from .models import Fetch

__all__ = ["fetch_all", "fetch_one", "fetch_wayback", "wayback_capture_url", "wayback_time", "save_page_now",
           "SaveResult", "Conditional", "now_iso",
           "classify_body", "post_json"]

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
ROBOTS_MAX_BYTES = 512 * 1024  # a larger robots.txt is ignored (allow all)
SAME_PAGE_JACCARD = 0.9  # share of distinct lines two bodies must share to be "the same page"
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
HIDDEN_RE = re.compile(rb"<(script|style|noscript|template|title)\b.*?</\1\s*>", re.I | re.S)
TAG_OR_SPACE_RE = re.compile(rb"<[^>]*>|&[#\w]+;|\s+")
JSON_MAX_BYTES = 4 * 1024 * 1024  # size cap for a JSON API answer

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


class _Robots:
    """robots.txt, fetched once per host and run. A missing (4xx) or unreadable
    robots.txt allows everything: a citation checker fetches single pages a
    person linked to, so it errs on the side of checking them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.parsers: dict[str, RobotFileParser | None] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def refuse(self, client: httpx.AsyncClient, url: str, limits: _Limits, sleep: Sleep) -> Fetch | None:
        if check_url(url):
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self.locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.parsers:
                self.parsers[origin] = await self._load(client, origin, limits, sleep)
        parser = self.parsers[origin]
        agent = self.settings.user_agent.split("/")[0]
        if parser is None or parser.can_fetch(agent, url):
            return None
        return Fetch(url=url, status="blocked", tag="robots-txt", fetched_at=now_iso(),
                     reason=f"robots.txt of {parts.netloc} disallows this page for {agent!r} "
                            "(set FACTCHECK_ROBOTS=0 to check it anyway)")

    async def _load(self, client, origin: str, limits: _Limits, sleep: Sleep) -> RobotFileParser | None:
        host = urlsplit(origin).hostname or ""

        async def read() -> bytes | None:
            response = await client.send(client.build_request("GET", origin + "/robots.txt"), stream=True)
            try:
                if response.status_code != 200:
                    return None
                body, truncated = await _read_body(response, ROBOTS_MAX_BYTES)
                return None if truncated else body
            finally:
                await response.aclose()

        try:
            async with limits.overall, limits.host(host):
                await limits.wait_turn(host, sleep)
                body = await asyncio.wait_for(read(), timeout=min(10.0, self.settings.total_timeout))
        except Exception:  # noqa: BLE001 - unreachable robots.txt: allow, the page fetch will say why
            return None
        if body is None:
            return None
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser


def fetch_all(
    urls: Sequence[str],
    settings: Settings,
    *,
    conditional: dict[str, Conditional] | None = None,
    progress: Progress | None = None,
    sleep: Sleep = asyncio.sleep,
    transport: httpx.AsyncBaseTransport | None = None,
    archiving: bool = False,
) -> list[Fetch]:
    """Fetch every URL (duplicates once); results in the order of ``urls``.

    ``archiving=True`` (the pipeline and recheck: sources fetched to be
    archived and judged) adds what only makes sense there: robots.txt when
    ``settings.robots``, the soft-404 probe when ``settings.soft404_probe``.
    A plain call fetches exactly the URLs given."""
    return asyncio.run(_fetch_all(list(urls), settings, conditional or {}, progress, sleep, transport,
                                  archiving))


async def _fetch_all(urls, settings, conditional, progress, sleep, transport, archiving=False) -> list[Fetch]:
    unique = list(dict.fromkeys(urls))
    limits = _Limits(settings)
    robots = _Robots(settings) if archiving and settings.robots and not settings.offline else None
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    async with httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
                 "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5"},
        transport=transport,
        trust_env=False,
        # as many pooled connections as requests in flight: fewer makes httpcore's pool close and
        # reopen connections, and re-scan its queue, on every request (a third of the CPU of a run)
        limits=httpx.Limits(max_connections=max(1, settings.concurrency),
                            max_keepalive_connections=max(1, settings.concurrency)),
    ) as client:

        async def one(url: str) -> Fetch:
            refused = await robots.refuse(client, url, limits, sleep) if robots is not None else None
            if refused is not None:
                result = refused
            else:
                result = await fetch_one(client, url, settings, limits=limits,
                                         conditional=conditional.get(url), sleep=sleep)
            if progress is not None:
                progress(result)
            return result

        results = await asyncio.gather(*(one(u) for u in unique))
        if archiving and settings.soft404_probe and not settings.offline:
            results = await _probe_soft_404(client, results, settings, limits, sleep)
    by_url = dict(zip(unique, results))
    return [by_url[u] for u in urls]


async def _probe_soft_404(client: httpx.AsyncClient, results: list[Fetch], settings: Settings,
                          limits: _Limits, sleep: Sleep) -> list[Fetch]:
    """Soft 404s by probing: ask each host that answered 200 for a made-up path
    once. A 200 page that matches the host's answer to a path that cannot exist
    (same landing URL after redirects, or nearly the same lines) is a soft 404."""
    groups: dict[str, list[Fetch]] = {}
    for result in results:
        if result.alive and result.body and result.http_status == 200:
            parts = urlsplit(result.url)
            groups.setdefault(f"{parts.scheme}://{parts.netloc}", []).append(result)
    if not groups:
        return results
    once = replace(settings, retries=0)
    probes = await asyncio.gather(*(
        fetch_one(client, f"{origin}/{secrets.token_hex(10)}-factcheck-probe", once, limits=limits, sleep=sleep)
        for origin in groups))
    found: dict[str, Fetch] = {}
    for (origin, group), probe in zip(groups.items(), probes):
        if not (probe.alive and probe.body):
            continue  # the host says "not found" for what does not exist: its 200s mean something
        for result in group:
            if _same_page(result, probe):
                found[result.url] = replace(
                    result, status="soft_404", tag="soft-404-probe",
                    reason=f"HTTP 200, but {urlsplit(origin).netloc} answers a made-up path with the same page")
    return [found.get(r.url, r) for r in results]


def _same_page(page: Fetch, probe: Fetch) -> bool:
    if page.redirects and probe.redirects and page.final_url == probe.final_url:
        return True
    lines_a = {line.strip() for line in (page.body or b"").splitlines() if line.strip()}
    lines_b = {line.strip() for line in (probe.body or b"").splitlines() if line.strip()}
    if not lines_a or not lines_b:
        return False
    return len(lines_a & lines_b) / len(lines_a | lines_b) >= SAME_PAGE_JACCARD


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
        if result.tag == "timeout-total":
            # A server that used the whole time budget once (a trickle, a stall mid-body) would
            # hold this source for retries x total_timeout; it stays transient, so a later
            # check tries again, but this run moves on.
            break
        delay = _retry_delay(result, attempt, settings)
        if delay is None:
            break
        await sleep(delay)
    assert result is not None
    return result


def wayback_capture_url(url: str, when: str, settings: Settings, *, raw: bool = True) -> str:
    """The Wayback address of the capture of ``url`` nearest to ``when`` (ISO 8601)."""
    stamp = re.sub(r"\D", "", when)[:14].ljust(14, "0")
    return f"{settings.wayback_url.rstrip('/')}/web/{stamp}{'id_' if raw else ''}/{url}"


def wayback_time(capture_url: str) -> str | None:
    """The capture time (ISO 8601) in a Wayback address ``.../web/<timestamp>[id_]/<url>``."""
    found = re.search(r"/web/(\d{14})", capture_url)
    if not found:
        return None
    t = found.group(1)
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def fetch_wayback(
    requests: Sequence[tuple[str, str]],
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> list[Fetch]:
    """For each ``(url, when)``, the Wayback capture nearest to ``when``.

    Each result is a ``Fetch`` of the cited ``url`` whose ``final_url`` is the
    capture's address: ``ok`` with tag ``wayback-capture`` and the original
    bytes, or a failure (tag ``wayback-none`` when there is no capture).
    Offline mode fetches nothing."""
    if not requests:
        return []
    addresses = [wayback_capture_url(url, when, settings) for url, when in requests]
    fetched = fetch_all(addresses, settings, transport=transport, sleep=sleep)  # no robots, no probe
    out = []
    for (url, _), got in zip(requests, fetched):
        capture = got.final_url or got.url
        if got.alive and got.body:
            stamp = re.search(r"/web/(\d{4,14})", capture)
            when = stamp.group(1) if stamp else "?"
            out.append(replace(got, url=url, final_url=capture, status="ok", tag="wayback-capture",
                               reason=f"Wayback Machine capture of {when[:4]}-{when[4:6]}-{when[6:8]}"))
        else:
            tag = "wayback-none" if got.status in ("dead", "soft_404") else f"wayback-{got.tag}"
            out.append(replace(got, url=url, final_url=capture, tag=tag, body=None,
                               reason=f"no usable Wayback Machine capture: {got.reason}"))
    return out


@dataclass(frozen=True)
class SaveResult:
    """The answer of Save Page Now to one capture request."""

    url: str
    ok: bool
    reason: str
    job_id: str | None = None


def save_page_now(urls: Sequence[str], settings: Settings, *, access_key: str, secret_key: str,
                  transport: httpx.AsyncBaseTransport | None = None, sleep: Sleep = asyncio.sleep) -> list[SaveResult]:
    """Ask Save Page Now (``<wayback_url>/save``, SPN2 API, S3-key auth) to capture each URL.

    One request at a time, ``settings.spn_interval`` seconds apart; the first
    429 stops the batch (the rest are reported as not sent). Captures are only
    requested, not awaited: a later Wayback lookup finds them."""
    if settings.offline:
        return [SaveResult(u, False, "not sent: offline mode") for u in urls]
    return asyncio.run(_save_all(list(urls), settings, f"LOW {access_key}:{secret_key}", transport, sleep))


async def _save_all(urls: list[str], settings: Settings, auth: str, transport, sleep: Sleep) -> list[SaveResult]:
    out: list[SaveResult] = []
    endpoint = settings.wayback_url.rstrip("/") + "/save"
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout), transport=transport,
        headers={"User-Agent": settings.user_agent, "Accept": "application/json", "Authorization": auth},
        trust_env=False,
    ) as client:
        for index, url in enumerate(urls):
            if index:
                await sleep(settings.spn_interval)
            try:
                response = await client.post(endpoint, data={"url": url})
            except httpx.HTTPError as exc:
                out.append(SaveResult(url, False, f"{type(exc).__name__}: {str(exc)[:140]}"))
                continue
            try:
                data = response.json()
            except ValueError:
                data = {}
            data = data if isinstance(data, dict) else {}
            if response.status_code == 429:
                out.append(SaveResult(url, False, "rate limited by Save Page Now (429); the rest were not sent"))
                out += [SaveResult(u, False, "not sent: rate limited") for u in urls[index + 1:]]
                break
            if response.status_code == 200 and data.get("job_id"):
                out.append(SaveResult(url, True, "capture requested", str(data["job_id"])))
            else:
                why = data.get("message") or data.get("status_ext") or response.reason_phrase
                out.append(SaveResult(url, False, f"HTTP {response.status_code}: {str(why)[:140]}"))
    return out


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
    chain: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(chain) < 16:  # the cause chain, and inside exception groups (anyio)
        current = todo.pop()
        chain.append(current)
        todo.extend(getattr(current, "exceptions", ()))
        nxt = current.__cause__ or current.__context__
        if nxt is not None and nxt not in chain:
            todo.append(nxt)
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
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "connection refused" in text:
        return net("connection refused by the server", "connection-refused")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)) or "reset" in text:
        return net("connection reset or closed mid-answer: " + (str(exc)[:100] or type(exc).__name__),
                   "connection-reset")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Fetch(url=url, status="unsupported", reason=str(exc)[:160], tag="url-scheme", fetched_at=when)
    if isinstance(exc, (httpx.HTTPError, OSError)):
        return net(f"{type(exc).__name__}: {str(exc)[:140]}", "network-error")
    return net(f"unexpected error {type(exc).__name__}: {str(exc)[:140]}", "internal-error", transient=False)


def post_json(url: str, payload: dict, settings: Settings, *, headers: dict[str, str] | None = None,
              transport: httpx.BaseTransport | None = None) -> dict:
    """POST ``payload`` as JSON to ``url`` and return the JSON object answered.

    Timeouts: ``settings.connect_timeout`` to connect, ``settings.llm_timeout``
    for the answer (the whole body, not each read). Answers over
    ``JSON_MAX_BYTES`` are refused. Any failure (network, HTTP status >= 400,
    not a JSON object) raises ``MatcherError`` with a one-line reason.
    """
    if not re.match(r"^https?://", url, re.I):
        raise MatcherError(f"not an http(s) URL: {url!r}")
    sent = {"User-Agent": settings.user_agent, "Accept": "application/json", **(headers or {})}
    deadline = time.monotonic() + settings.llm_timeout
    try:
        with httpx.Client(timeout=httpx.Timeout(settings.llm_timeout, connect=settings.connect_timeout),
                          transport=transport, trust_env=False, follow_redirects=False) as client:
            with client.stream("POST", url, json=payload, headers=sent) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > JSON_MAX_BYTES:
                        raise MatcherError(f"{url}: answer larger than {JSON_MAX_BYTES} bytes")
                    if time.monotonic() > deadline:
                        raise MatcherError(f"{url}: no complete answer within {settings.llm_timeout:g} s")
    except httpx.TimeoutException as exc:
        raise MatcherError(f"{url}: no answer within {settings.llm_timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise MatcherError(f"{url}: {_from_exception(url, exc).reason}") from exc
    if response.status_code >= 400:
        hint = {401: "; check FACTCHECK_LLM_API_KEY", 403: "; check FACTCHECK_LLM_API_KEY",
                404: "; check FACTCHECK_LLM_URL and FACTCHECK_LLM_MODEL"}.get(response.status_code, "")
        detail = " ".join(bytes(body[:200]).decode("utf-8", "replace").split())
        raise MatcherError(f"{url}: HTTP {response.status_code}{hint}" + (f" ({detail})" if detail else ""))
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MatcherError(f"{url}: the answer is not JSON") from exc
    if not isinstance(data, dict):
        raise MatcherError(f"{url}: the answer is not a JSON object")
    return data
