"""robots.txt: fetched once per origin and run, asked before each page.

A missing (4xx), oversized or unreachable robots.txt allows everything: a
citation checker fetches single pages a person linked to, so it errs on the
side of checking them. A disallowed page is ``blocked`` / ``robots-txt``,
never dead.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..clock import now_iso
from ..config import Settings
from ..models import Fetch
from ..urls import check_url
from .limits import Limits, Sleep, read_body

__all__ = ["Robots", "ROBOTS_MAX_BYTES"]

ROBOTS_MAX_BYTES = 512 * 1024  # a larger robots.txt is ignored (allow all)


class Robots:
    """The robots.txt rules of every origin met in one run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.parsers: dict[str, RobotFileParser | None] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def refuse(self, client: httpx.AsyncClient, url: str, limits: Limits, sleep: Sleep) -> Fetch | None:
        """A ``blocked`` ``Fetch`` when robots.txt disallows ``url`` for us; None when allowed."""
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

    async def _load(self, client: httpx.AsyncClient, origin: str, limits: Limits,
                    sleep: Sleep) -> RobotFileParser | None:
        host = urlsplit(origin).hostname or ""

        async def read() -> bytes | None:
            response = await client.send(client.build_request("GET", origin + "/robots.txt"), stream=True)
            try:
                if response.status_code != 200:
                    return None
                body, truncated = await read_body(response, ROBOTS_MAX_BYTES)
                return None if truncated else body
            finally:
                await response.aclose()

        try:
            async with limits.turn(host, sleep):
                body = await asyncio.wait_for(read(), timeout=min(10.0, self.settings.total_timeout))
        except Exception:  # noqa: BLE001 - unreachable robots.txt: allow, the page fetch will say why
            return None
        if body is None:
            return None
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser
