"""The Internet Archive's clients: the Wayback lookup and Save Page Now.

``fetch_wayback`` fetches the capture nearest to a time via
``<wayback_url>/web/<timestamp>id_/<url>`` (the service redirects to the
nearest capture; ``id_`` asks for the original bytes without the replay
banner). ``save_page_now`` asks the SPN2 API to capture pages, one request at
a time. The base URL is ``settings.wayback_url`` (tests: a local server).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import httpx

from ..config import Settings
from ..models import BROKEN_STATUSES, Fetch
from .client import fetch_all, open_client
from .limits import Sleep

__all__ = ["fetch_wayback", "wayback_capture_url", "wayback_time", "save_page_now", "SaveResult"]


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
    return [_as_capture(url, got) for (url, _), got in zip(requests, fetched)]


def _as_capture(url: str, got: Fetch) -> Fetch:
    capture = got.final_url or got.url
    if got.alive and got.body:
        stamp = re.search(r"/web/(\d{4,14})", capture)
        when = stamp.group(1) if stamp else "?"
        return replace(got, url=url, final_url=capture, status="ok", tag="wayback-capture",
                       reason=f"Wayback Machine capture of {when[:4]}-{when[4:6]}-{when[6:8]}")
    tag = "wayback-none" if got.status in BROKEN_STATUSES else f"wayback-{got.tag}"
    return replace(got, url=url, final_url=capture, tag=tag, body=None,
                   reason=f"no usable Wayback Machine capture: {got.reason}")


@dataclass(frozen=True)
class SaveResult:
    """The answer of Save Page Now to one capture request."""

    url: str
    ok: bool
    reason: str
    job_id: str | None = None


def save_page_now(urls: Sequence[str], settings: Settings, *, access_key: str, secret_key: str,
                  transport: httpx.AsyncBaseTransport | None = None,
                  sleep: Sleep = asyncio.sleep) -> list[SaveResult]:
    """Ask Save Page Now (``<wayback_url>/save``, SPN2 API, S3-key auth) to capture each URL.

    One request at a time, ``settings.spn_interval`` seconds apart; the first
    429 stops the batch (the rest are reported as not sent). Captures are only
    requested, not awaited: a later Wayback lookup finds them."""
    if settings.offline:
        return [SaveResult(u, False, "not sent: offline mode") for u in urls]
    return asyncio.run(_save_all(list(urls), settings, f"LOW {access_key}:{secret_key}", transport, sleep))


async def _save_all(urls: list[str], settings: Settings, auth: str, transport: httpx.AsyncBaseTransport | None,
                    sleep: Sleep) -> list[SaveResult]:
    out: list[SaveResult] = []
    endpoint = settings.wayback_url.rstrip("/") + "/save"
    headers = {"Accept": "application/json", "Authorization": auth}
    async with open_client(settings, transport, headers) as client:
        for index, url in enumerate(urls):
            if index:
                await sleep(settings.spn_interval)
            try:
                response = await client.post(endpoint, data={"url": url})
            except httpx.HTTPError as exc:
                out.append(SaveResult(url, False, f"{type(exc).__name__}: {str(exc)[:140]}"))
                continue
            if response.status_code == 429:
                out.append(SaveResult(url, False, "rate limited by Save Page Now (429); the rest were not sent"))
                out += [SaveResult(u, False, "not sent: rate limited") for u in urls[index + 1:]]
                break
            out.append(_save_answer(url, response))
    return out


def _save_answer(url: str, response: httpx.Response) -> SaveResult:
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    if response.status_code == 200 and data.get("job_id"):
        return SaveResult(url, True, "capture requested", str(data["job_id"]))
    why = data.get("message") or data.get("status_ext") or response.reason_phrase
    return SaveResult(url, False, f"HTTP {response.status_code}: {str(why)[:140]}")
