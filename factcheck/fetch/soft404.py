"""Soft 404s by probing: ask each host that answered 200 for a made-up path, once.

A 200 page that matches the host's answer to a path that cannot exist (the
same landing URL after redirects, or nearly the same lines) is a soft 404
(``soft_404`` / ``soft-404-probe``). A host that answers the made-up path
with a real "not found" keeps its 200s.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import replace
from urllib.parse import urlsplit

from ..config import Settings
from ..models import Fetch

__all__ = ["probe_soft_404", "SAME_PAGE_JACCARD"]

SAME_PAGE_JACCARD = 0.9  # share of distinct lines two bodies must share to be "the same page"

FetchOnce = Callable[[str, Settings], Awaitable[Fetch]]


async def probe_soft_404(results: list[Fetch], settings: Settings, fetch: FetchOnce) -> list[Fetch]:
    """``results`` with each 200 that its host also gives for a made-up path marked ``soft_404``."""
    groups: dict[str, list[Fetch]] = {}
    for result in results:
        if result.alive and result.body and result.http_status == 200:
            parts = urlsplit(result.url)
            groups.setdefault(f"{parts.scheme}://{parts.netloc}", []).append(result)
    if not groups:
        return results
    once = replace(settings, retries=0)
    probes = await asyncio.gather(*(
        fetch(f"{origin}/{secrets.token_hex(10)}-factcheck-probe", once) for origin in groups))
    found: dict[str, Fetch] = {}
    for (origin, group), probe in zip(groups.items(), probes):
        if not (probe.alive and probe.body):
            continue  # the host says "not found" for what does not exist: its 200s mean something
        for result in group:
            if same_page(result, probe):
                found[result.url] = replace(
                    result, status="soft_404", tag="soft-404-probe",
                    reason=f"HTTP 200, but {urlsplit(origin).netloc} answers a made-up path with the same page")
    return [found.get(r.url, r) for r in results]


def same_page(page: Fetch, probe: Fetch) -> bool:
    if page.redirects and probe.redirects and page.final_url == probe.final_url:
        return True
    lines_a = {line.strip() for line in (page.body or b"").splitlines() if line.strip()}
    lines_b = {line.strip() for line in (probe.body or b"").splitlines() if line.strip()}
    if not lines_a or not lines_b:
        return False
    return len(lines_a & lines_b) / len(lines_a | lines_b) >= SAME_PAGE_JACCARD
