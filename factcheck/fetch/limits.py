"""Politeness and body reading shared by every request of a run.

``Limits``: global and per-host concurrency, and a minimum interval between
two requests to one host; a request marked ``first`` (the soft-404 probe,
which the host's pages wait for) takes the next free slot, ahead of the
requests already queued, but never more than the limits allow.
``read_body``: the body, decompressed here (gzip, deflate) with a cap on the
*decompressed* size, so a zip bomb costs at most the cap.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx

from ..config import Settings

__all__ = ["Limits", "Slots", "Sleep", "read_body"]

Sleep = Callable[[float], Awaitable[None]]


class Slots:
    """A semaphore whose waiters are served in the order they came, those marked ``first`` before
    the others (``asyncio.Semaphore`` has no way to put one waiter ahead)."""

    def __init__(self, value: int) -> None:
        self.free = value
        self.waiting: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (deque(), deque())

    async def acquire(self, *, first: bool = False) -> None:
        if self.free > 0 and not any(self.waiting):
            self.free -= 1
            return
        queue = self.waiting[0 if first else 1]
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue.append(granted)
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self.release()  # handed a slot as it was cancelled: pass it on
            elif granted in queue:
                queue.remove(granted)
            raise

    def release(self) -> None:
        """The slot goes straight to the next waiter (so no newcomer takes it first), else back."""
        for queue in self.waiting:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self.free += 1

    @asynccontextmanager
    async def taken(self, *, first: bool = False) -> AsyncIterator[None]:
        await self.acquire(first=first)
        try:
            yield
        finally:
            self.release()

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self.release()


class Limits:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.overall = Slots(max(1, settings.concurrency))
        self.hosts: dict[str, Slots] = {}
        self.last: dict[str, float] = {}
        self.lock = asyncio.Lock()

    def host(self, host: str) -> Slots:
        if host not in self.hosts:
            self.hosts[host] = Slots(max(1, self.settings.per_host))
        return self.hosts[host]

    @asynccontextmanager
    async def turn(self, host: str, sleep: Sleep, *, first: bool = False) -> AsyncIterator[None]:
        """A request's turn: a slot of the run and of ``host``, then the host's crawl delay.
        ``first``: ahead of the requests already waiting for either slot."""
        async with self.overall.taken(first=first), self.host(host).taken(first=first):
            await self.wait_turn(host, sleep)
            yield

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
