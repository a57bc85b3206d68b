"""Politeness and body reading shared by every request of a run.

``Limits``: global and per-host concurrency, and a minimum interval between
two requests to one host. ``read_body``: the body, decompressed here (gzip,
deflate) with a cap on the *decompressed* size, so a zip bomb costs at most
the cap.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Awaitable, Callable

import httpx

from ..config import Settings

__all__ = ["Limits", "Sleep", "read_body"]

Sleep = Callable[[float], Awaitable[None]]


class Limits:
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


async def read_body(response: httpx.Response, cap: int) -> tuple[bytes, bool]:
    """The decompressed body, at most ``cap`` bytes, and whether it was cut there."""
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
