"""Checks: fetch URLs, record every answer in the archive, fold it into link health.

Every command that fetches goes through here: ``run`` and ``recheck``
(sources), ``links`` (links, recorded with ``--archive``), reading an article
by URL, and the Wayback fallback. So one place decides::

    purpose    robots.txt         soft-404 probe         recorded, link health
    source     settings.robots    settings.soft404_probe yes
    link       no                 no                     with an archive
    article    no                 no                     yes

One clock stamps every check (``fetched_at``), and each check is recorded as
it arrives, so a run killed half-way keeps what it fetched. Conditional
requests (ETag, Last-Modified of the newest good copy) make an unchanged page
cost a 304. Link health (``health.py``) counts a check only when it says
something about the link, not about this machine's network (``countable``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from .clock import Clock, iso, utcnow
from .config import Settings
from .fetch import Progress, fetch_all, fetch_wayback
from .health import countable, health_changes, next_state
from .models import ArchivedFetch, Change, Fetch, LinkState

if TYPE_CHECKING:  # the caller opens it: `links` without --archive never loads sqlite-utils (and numpy)
    from .archive import Archive

__all__ = ["Check", "Purpose", "check_urls", "fetch_urls", "wayback_copies"]

Purpose = Literal["source", "link", "article"]


@dataclass(frozen=True)
class Check:
    """One recorded check of a URL and what it did to the link's health."""

    record: ArchivedFetch
    counted: bool  # False when it says more about this machine's network than about the link
    state: LinkState | None = None  # the link's state after this check (None when not counted)
    changes: tuple[Change, ...] = ()  # what changed about the link's health

    @property
    def fetch(self) -> Fetch:
        return self.record.fetch


def fetch_urls(urls: Sequence[str], settings: Settings, *, purpose: Purpose,
               archive: Archive | None = None, progress: Progress | None = None) -> list[Fetch]:
    """Fetch ``urls`` with the policy of ``purpose``; conditional when ``archive`` knows a good copy.

    Nothing is recorded: ``check_urls`` records. ``links`` without ``--archive`` uses this alone.
    The results carry no bodies: ``progress`` gets each body as it arrives."""
    conditional = {}
    if archive is not None:
        conditional = {u: c for u in urls if (c := archive.validators(u)) is not None}
    source = purpose == "source"
    return fetch_all(urls, settings, conditional=conditional, progress=progress,
                     robots=source and settings.robots, soft404_probe=source and settings.soft404_probe,
                     keep_bodies=False)


def check_urls(archive: Archive, urls: Sequence[str], settings: Settings, *, purpose: Purpose,
               clock: Clock = utcnow, progress: Progress | None = None,
               recorded: Callable[[ArchivedFetch], None] | None = None) -> list[Check]:
    """Fetch ``urls`` (duplicates once), record each check, update each link's health; in order.

    The checks' records carry no body: read it from the archive by ``body_sha256`` when needed.
    ``recorded`` gets each record, with its body, as soon as it is in the archive (while the rest
    is still being fetched: the pipeline starts extracting and matching it)."""
    unique = list(dict.fromkeys(urls))
    records: dict[str, ArchivedFetch] = {}

    def arrived(fetch: Fetch) -> None:
        # Record each page as it arrives, so a run killed half-way keeps what it fetched. The body
        # stays in the archive only (``body_sha256``): a run of 5,000 sources need not hold 5,000 pages.
        record = archive.record_fetch(replace(fetch, fetched_at=iso(clock())))
        records[fetch.url] = replace(record, fetch=replace(record.fetch, body=None))
        if progress is not None:
            progress(fetch)
        if recorded is not None:
            recorded(record)

    fetches = fetch_urls(unique, settings, purpose=purpose, archive=archive, progress=arrived)
    checks = {}
    for fetch, counted in zip(fetches, countable(fetches)):
        record = records.pop(fetch.url)  # judged by the soft-404 probe before it was recorded
        checks[fetch.url] = _observe(archive, record, clock, settings) if counted else Check(record, False)
    return [checks[u] for u in urls]


def _observe(archive: Archive, record: ArchivedFetch, clock: Clock, settings: Settings) -> Check:
    """Fold one recorded check into the URL's state."""
    previous = archive.get_state(record.fetch.url)
    state = next_state(previous, record, clock(), settings)
    archive.put_state(state)
    return Check(record, True, state, tuple(health_changes(previous, state, record.fetch, settings)))


def wayback_copies(archive: Archive, wanted: Sequence[tuple[str, str]], settings: Settings, *,
                   clock: Clock = utcnow) -> list[ArchivedFetch]:
    """For each ``(url, when)``, the Wayback capture nearest to ``when``, recorded (origin ``wayback``)."""
    return [archive.record_fetch(replace(capture, fetched_at=iso(clock())), origin="wayback")
            for capture in fetch_wayback(wanted, settings)]
