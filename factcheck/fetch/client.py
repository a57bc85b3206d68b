"""The polite client: fetch URLs, follow redirects by hand, retry what is transient.

``fetch_all(urls, settings)`` fetches and returns one ``Fetch`` per URL, in
order. Nothing here raises for a bad source: every failure becomes a status
(``models.STATUSES``) with a human reason and a stable tag (``classify.py``).

Politeness: global and per-host concurrency limits and a minimum interval
between requests to one host (``limits.py``), an honest User-Agent,
conditional requests (ETag and Last-Modified) when the caller knows them.
What a caller asks for on top, and nothing else: robots.txt (``robots=True``,
``robots.py``) and the soft-404 probe (``soft404_probe=True``,
``soft404.py``); the checks layer decides when. Safety: only http(s) is
fetched, redirects are followed by hand (each hop checked and recorded,
loops caught), bodies are capped after decompression, and each attempt has
connect, read and total timeouts. Transient failures (timeouts, resets,
5xx, 429) are retried with exponential back-off and jitter, honouring
``Retry-After`` up to a limit.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

import httpx

from ..clock import now_iso, retry_after_seconds, utcnow
from ..config import Settings
from ..models import Conditional, Fetch
from ..urls import check_url
from .classify import classify_response, from_exception, make_fetch
from .guard import host_problem, literal_address
from .limits import Limits, Sleep, read_body
from .robots import Robots
from .soft404 import Soft404Probe
from .transport import LeanTransport

__all__ = ["fetch_all", "fetch_one", "open_client", "Conditional", "Progress"]

ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5"

Progress = Callable[[Fetch], None]


def open_client(settings: Settings, transport: httpx.AsyncBaseTransport | None = None,
                headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    """The one way this package opens a connection pool: timeouts, no redirects, no proxies from env,
    and (unless ``settings.allow_private``) every connection through the private-address guard."""
    if transport is None:  # transport.py: httpcore's pool cost a third of the CPU of a link check
        transport = LeanTransport(max_idle=max(1, settings.concurrency), guard=not settings.allow_private,
                                  allow_hosts=frozenset(settings.allow_hosts))
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, **(headers or {})},
        transport=transport,
        trust_env=False,
    )


def fetch_all(
    urls: Sequence[str],
    settings: Settings,
    *,
    conditional: dict[str, Conditional] | None = None,
    progress: Progress | None = None,
    sleep: Sleep = asyncio.sleep,
    transport: httpx.AsyncBaseTransport | None = None,
    robots: bool = False,
    soft404_probe: bool = False,
    keep_bodies: bool = True,
) -> list[Fetch]:
    """Fetch every URL (duplicates once); results in the order of ``urls``.

    ``robots``: ask robots.txt first. ``soft404_probe``: probe each host that
    answered 200 with a made-up path. Both are off in offline mode.
    ``keep_bodies=False``: ``progress`` still gets each body, the results do not
    (a link check of 10,000 pages need not hold them all)."""
    return asyncio.run(_fetch_all(list(urls), settings, conditional or {}, progress, sleep, transport,
                                  robots and not settings.offline, soft404_probe and not settings.offline,
                                  keep_bodies))


async def _fetch_all(urls: list[str], settings: Settings, conditional: dict[str, Conditional],
                     progress: Progress | None, sleep: Sleep, transport: httpx.AsyncBaseTransport | None,
                     robots: bool, probe: bool, keep_bodies: bool = True) -> list[Fetch]:
    unique = list(dict.fromkeys(urls))
    limits = Limits(settings)
    rules = Robots(settings) if robots else None
    async with open_client(settings, transport, {"Accept-Encoding": "gzip, deflate", "Accept": ACCEPT}) as client:

        async def once(url: str, quick: Settings) -> Fetch:
            # The host's pages wait for it: its next turn, ahead of them, within the host's limits.
            return await fetch_one(client, url, quick, limits=limits, sleep=sleep, first=True)

        soft404 = Soft404Probe(settings, once) if probe else None

        async def one(url: str) -> Fetch:
            refused = await rules.refuse(client, url, limits, sleep) if rules is not None else None
            result = refused or await fetch_one(client, url, settings, limits=limits,
                                                conditional=conditional.get(url), sleep=sleep)
            if soft404 is not None:  # judged as it arrives: no body waits for the others
                result = await soft404.judge(result)
            if progress is not None:
                progress(result)
            return result if keep_bodies else replace(result, body=None)

        results = await asyncio.gather(*(one(u) for u in unique))
    by_url = dict(zip(unique, results))
    return [by_url[u] for u in urls]


async def fetch_one(client: httpx.AsyncClient, url: str, settings: Settings, *, limits: Limits | None = None,
                    conditional: Conditional | None = None, sleep: Sleep = asyncio.sleep,
                    first: bool = False) -> Fetch:
    """Fetch one URL with retries for transient failures. Never raises.

    ``first``: each attempt takes the next free slot of ``limits`` (global and per host), ahead
    of the requests already waiting, then the host's crawl delay as any request does."""
    problem = check_url(url)
    if problem:
        return Fetch(url=url, status="unsupported", reason=problem, tag="url-invalid", fetched_at=now_iso())
    if settings.offline:
        return Fetch(url=url, status="network_error", reason="not fetched: offline mode (--offline)",
                     tag="offline", fetched_at=now_iso())
    limits = limits or Limits(settings)
    host = urlsplit(url).hostname or ""
    for attempt in range(settings.retries + 1):
        async with limits.turn(host, sleep, first=first):
            result = await _timed_attempt(client, url, settings, conditional)
        # A server that used the whole time budget once (a trickle, a stall mid-body) would hold this
        # source for retries x total_timeout; it stays transient, so a later check tries again.
        if not result.transient or attempt == settings.retries or result.tag == "timeout-total":
            return result
        delay = retry_delay(result, attempt, settings)
        if delay is None:
            return result
        await sleep(delay)
    raise AssertionError("unreachable: the last attempt returns")


async def _timed_attempt(client: httpx.AsyncClient, url: str, settings: Settings,
                         conditional: Conditional | None) -> Fetch:
    started = time.monotonic()
    try:
        result = await asyncio.wait_for(_attempt(client, url, settings, conditional),
                                        timeout=settings.total_timeout)
    except asyncio.TimeoutError:
        result = Fetch(url=url, status="timeout", tag="timeout-total", transient=True,
                       reason=f"no complete answer within {settings.total_timeout:g} s", fetched_at=now_iso())
    except Exception as exc:  # noqa: BLE001 - a source's failure is a value
        result = from_exception(url, exc)
    return replace(result, elapsed=round(time.monotonic() - started, 3))


def retry_delay(result: Fetch, attempt: int, settings: Settings) -> float | None:
    """Seconds to wait before the next attempt; None when ``Retry-After`` asks for too long."""
    seconds = retry_after_seconds(result.header("retry-after"), utcnow())
    if seconds is not None:
        if seconds > settings.max_retry_after:
            return None  # too long to wait inside a run; a later re-check will try
        return max(0.0, seconds)
    base: float = settings.backoff * 2.0 ** attempt
    return base + random.uniform(0, base / 2)


def _validator_headers(conditional: Conditional | None) -> dict[str, str]:
    headers = {}
    if conditional is not None and conditional.etag:
        headers["If-None-Match"] = conditional.etag
    if conditional is not None and conditional.last_modified:
        headers["If-Modified-Since"] = conditional.last_modified
    return headers


async def _attempt(client: httpx.AsyncClient, url: str, settings: Settings,
                   conditional: Conditional | None) -> Fetch:
    """One attempt: follow redirects by hand, checking every hop, then read and classify the answer."""
    chain: list[str] = []
    current = url
    headers = _validator_headers(conditional)
    while True:
        refused = _refuse_literal(url, current, chain, settings)
        if refused is not None:
            return refused
        try:
            response = await client.send(client.build_request("GET", request_url(current), headers=headers),
                                         stream=True)
        except httpx.InvalidURL as exc:
            # httpx parses a redirect's Location before we see the response (e.g. "data:text/html,...")
            return Fetch(url=url, status="unsupported", tag="redirect-bad-url", fetched_at=now_iso(),
                         reason=f"redirects to a URL that is not a valid http(s) URL: {str(exc)[:120]}",
                         redirects=(*chain, current))
        try:
            if response.has_redirect_location:  # not is_redirect: true for every 3xx, 304 included
                target = urljoin(current, response.headers.get("location", ""))
                chain.append(current)
                stop = _stop_redirect(url, response, chain, target, settings)
                if stop is not None:
                    return stop
                current = target
                continue
            body, truncated = await read_body(response, settings.max_bytes)
        finally:
            await response.aclose()
        if truncated:
            return make_fetch(url, response, chain, current, None, "unsupported",
                              f"body larger than {settings.max_bytes:,} bytes (after decompression)",
                              "content-too-large")
        return classify_response(url, response, chain, current, body)


def _refuse_literal(url: str, current: str, chain: list[str], settings: Settings) -> Fetch | None:
    """A host written as a private address is refused before any connection (names: by the guard)."""
    parts = urlsplit(current)
    host = parts.hostname or ""
    literal = literal_address(host)
    if settings.allow_private or literal is None or f"{host}:{parts.port}" in settings.allow_hosts:
        return None
    refused = host_problem(host, [literal])
    if refused is None:
        return None
    fetch = from_exception(url, refused)
    return replace(fetch, redirects=tuple(chain), final_url=current if chain else None)


def request_url(url: str) -> str:
    """``url`` with its path's dot segments removed as RFC 3986 (5.2.4) says: ``/a/.`` is ``/a/``.

    httpx would make it ``/a``, another page."""
    parts = urlsplit(url)
    path = remove_dot_segments(parts.path)
    return url if path == parts.path else parts._replace(path=path).geturl()


def remove_dot_segments(path: str) -> str:
    """RFC 3986, section 5.2.4."""
    out: list[str] = []
    rest = path
    while rest:
        if rest.startswith("../"):
            rest = rest[3:]
        elif rest.startswith("./"):
            rest = rest[2:]
        elif rest.startswith("/./") or rest == "/.":
            rest = "/" + rest[3:]
        elif rest.startswith("/../") or rest == "/..":
            rest = "/" + rest[4:]
            if out:
                out.pop()
        elif rest in (".", ".."):
            rest = ""
        else:
            cut = rest.find("/", 1)
            segment, rest = (rest, "") if cut == -1 else (rest[:cut], rest[cut:])
            out.append(segment)
    return "".join(out)


def _stop_redirect(url: str, response: httpx.Response, chain: list[str], target: str,
                   settings: Settings) -> Fetch | None:
    """Why a redirect to ``target`` is not followed (bad scheme, loop, too many), or None."""
    problem = check_url(target)
    if problem:
        return make_fetch(url, response, chain, target, None, "unsupported",
                          f"redirects to a URL that is not fetched: {problem}", "redirect-bad-scheme")
    if target == url or target in chain:
        return make_fetch(url, response, chain, target, None, "dead",
                          f"redirect loop after {len(chain)} hops", "redirect-loop")
    if len(chain) >= settings.max_redirects:
        return make_fetch(url, response, chain, target, None, "dead",
                          f"more than {settings.max_redirects} redirects", "redirect-too-many")
    return None
