"""Soft 404s by probing: ask each host that answers 200 for a made-up path, once.

A 200 page that matches the host's answer to a path that cannot exist (the
same landing URL after redirects, or nearly the same lines) is a soft 404
(``soft_404`` / ``soft-404-probe``). A host that answers the made-up path
with a real "not found" keeps its 200s.

The probe of a host is sent when its first 200 page arrives, and every page of
that host is judged as it arrives (waiting for the one probe), so a page is
recorded with its final status and no body is held until the run ends. The
caller's ``fetch`` gives the probe the host's next turn: ahead of the host's
queued pages (they wait for it), within its concurrency limit and crawl delay.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..config import Settings
from ..models import Fetch

__all__ = ["Soft404Probe", "SAME_PAGE_JACCARD"]

SAME_PAGE_JACCARD = 0.9  # share of distinct lines two bodies must share to be "the same page"

FetchOnce = Callable[[str, Settings], Awaitable[Fetch]]


@dataclass(frozen=True)
class Probe:
    """What a host answered for a made-up path, kept small: its landing URL and its distinct lines."""

    alive: bool  # a page with a body (a real "not found" is not)
    landing: str | None  # final URL, when the answer was a redirect
    lines: frozenset[bytes]


class Soft404Probe:
    """Judges each page as it arrives; one probe per host (``scheme://netloc``), sent on first need."""

    def __init__(self, settings: Settings, fetch: FetchOnce) -> None:
        self._once = replace(settings, retries=0)
        self._fetch = fetch
        self._probes: dict[str, asyncio.Task[Probe]] = {}

    async def judge(self, result: Fetch) -> Fetch:
        """``result``, marked ``soft_404`` when it is its host's answer to anything."""
        if not (result.alive and result.body and result.http_status == 200):
            return result
        parts = urlsplit(result.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        task = self._probes.get(origin)
        if task is None:
            task = self._probes[origin] = asyncio.ensure_future(self._probe(origin))
        probe = await task
        if not (probe.alive and same_page(result, probe)):
            return result  # a host that says "not found" for what does not exist: its 200s mean something
        return replace(result, status="soft_404", tag="soft-404-probe",
                       reason=f"HTTP 200, but {parts.netloc} answers a made-up path with the same page")

    async def _probe(self, origin: str) -> Probe:
        answer = await self._fetch(f"{origin}/{secrets.token_hex(10)}-factcheck-probe", self._once)
        alive = bool(answer.alive and answer.body)
        return Probe(alive, answer.final_url if answer.redirects else None,
                     distinct_lines(answer.body) if alive else frozenset())


def distinct_lines(body: bytes | None) -> frozenset[bytes]:
    return frozenset(s for line in (body or b"").splitlines() if (s := line.strip()))


def same_page(page: Fetch, probe: Probe) -> bool:
    if page.redirects and probe.landing is not None and page.final_url == probe.landing:
        return True
    lines = distinct_lines(page.body)
    if not lines or not probe.lines:
        return False
    return len(lines & probe.lines) / len(lines | probe.lines) >= SAME_PAGE_JACCARD
