"""Evidence: for each checked source, the copy a claim is matched on, and the source's health.

The cascade, per source:

1. the live copy, when the check got the cited page and text can be read;
2. else the last good copy in the archive (the report says "from archive");
3. else, when the source is dead, a soft 404 or blocked (never for a private
   address, which is refused by design), the Wayback Machine capture nearest
   to the time the source was first checked, recorded and used (and linked);
4. else nothing: the claim's verdict on that source is ``unverifiable``.

A source in ``unreadable`` (a page whose worker process died twice while
reading it, ``workers.py``) has no usable copy: it is not read again here, in
the run's own process, and its health says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta

from .archive import Archive
from .checks import wayback_copies
from .clock import Clock, iso
from .config import Settings
from .documents import load_document
from .fetch import wayback_time
from .models import BROKEN_STATUSES, ArchivedFetch, ClaimsFile, Document, SourceHealth, Status

__all__ = ["Evidence", "gather_evidence", "WAYBACK_STATUSES", "WAYBACK_MISS_DAYS"]

#: Live statuses for which the Wayback Machine is asked when there is no local copy.
WAYBACK_STATUSES: frozenset[Status] = BROKEN_STATUSES | {"blocked"}
#: Tags whose sources are never looked up elsewhere: refused on purpose, not lost.
NEVER_LOOKED_UP_TAGS = frozenset({"private-address"})
#: After the Wayback Machine had no capture of a URL, ask again only after this many days.
WAYBACK_MISS_DAYS = 7


@dataclass(frozen=True)
class Evidence:
    """The copy a source contributes, and where it came from.

    ``copy`` is the check whose body a claim is matched on, without the body: its document is
    extracted (and stored) by ``gather_evidence`` and read back with ``documents.load_document``
    when its claims are matched, so a run holds one source's document at a time, not all."""

    health: SourceHealth
    copy: ArchivedFetch | None  # None: no usable copy, the source's claims are unverifiable
    snapshot: str | None  # a plain file of the copy used, for report links


Titles = dict[str, tuple[str | None, str | None]]  # url -> (title, source id) from the claims file


def gather_evidence(archive: Archive, claims_file: ClaimsFile, records: dict[str, ArchivedFetch],
                    settings: Settings, *, clock: Clock, say: Callable[[str], None],
                    unreadable: Mapping[str, str] | None = None) -> dict[str, Evidence]:
    """Evidence for every source of ``claims_file``, from its latest check in ``records``;
    ``unreadable``: URL -> why its page is not read (see the module's docstring)."""
    titles: Titles = {ref.url: (ref.title, ref.id) for ref in claims_file.sources}
    skip = unreadable or {}
    evidence = {ref.url: evidence_for(archive, records[ref.url], titles.get(ref.url, (None, None)),
                                      unreadable=skip.get(ref.url))
                for ref in claims_file.sources}
    _wayback_fallback(archive, evidence, settings, titles, clock, say)
    return evidence


def _wayback_fallback(archive: Archive, evidence: dict[str, Evidence], settings: Settings, titles: Titles,
                      clock: Clock, say: Callable[[str], None]) -> None:
    """Dead/soft-404/blocked sources with no local copy: use the nearest Wayback capture."""
    if settings.offline or not settings.wayback or not settings.wayback_url:
        return
    since = iso(clock() - timedelta(days=WAYBACK_MISS_DAYS))
    wanted = [url for url, e in evidence.items() if e.copy is None and e.health.status in WAYBACK_STATUSES
              and e.health.tag not in NEVER_LOOKED_UP_TAGS and not archive.wayback_miss_since(url, since)]
    if not wanted:
        return
    say(f"asking the Wayback Machine for {len(wanted)} sources")
    requests = [(url, archive.first_seen(url) or iso(clock())) for url in wanted]
    for url, record in zip(wanted, wayback_copies(archive, requests, settings, clock=clock)):
        evidence[url] = _with_capture(archive, evidence[url], record, titles.get(url, (None, None)))


def _with_capture(archive: Archive, live_evidence: Evidence, record: ArchivedFetch,
                  title_id: tuple[str | None, str | None]) -> Evidence:
    capture = record.fetch
    live = live_evidence.health
    if not capture.alive or capture.body is None:
        return replace(live_evidence, health=replace(live, reason=f"{live.reason}; {capture.reason}"))
    found = evidence_for(archive, record, title_id)
    if found.copy is None:
        return live_evidence
    human = (capture.final_url or "").replace("id_/", "/", 1)
    health = replace(live, archived_at=wayback_time(human) or capture.fetched_at,
                     archive_sha256=record.body_sha256,
                     from_archive=True, wayback_url=human, title=live.title or found.health.title,
                     reason=f"{live.reason}; verified against the {capture.reason}")
    return Evidence(health=health, copy=found.copy, snapshot=found.snapshot)


def _usable_copy(archive: Archive, record: ArchivedFetch) -> tuple[Document | None, ArchivedFetch | None]:
    """The document to match on and the check it came from: the live copy, else the last good one."""
    fetch = record.fetch
    if fetch.alive and record.has_body:
        document = load_document(archive, record)  # reads the body from the archive when not carried
        if document is not None:
            return document, record
    # Live copy unusable (dead, blocked, offline, 304, no text): use the last good archived copy
    # (the check itself, when it was handed over without its body).
    previous = archive.last_good(fetch.url)
    if previous is not None and (previous.id != record.id or not record.has_body):
        document = load_document(archive, previous)
        if document is not None:
            return document, previous
    return None, None


def evidence_for(archive: Archive, record: ArchivedFetch, title_id: tuple[str | None, str | None], *,
                 unreadable: str | None = None) -> Evidence:
    """The evidence one check gives: its own copy, or the last good archived one (none when
    ``unreadable`` says why the page is not read)."""
    fetch = record.fetch
    title, sid = title_id
    document, used = _usable_copy(archive, record) if unreadable is None else (None, None)
    reason = fetch.reason
    if unreadable is not None:
        reason += f"; not read: {unreadable}"
    elif fetch.alive and record.has_body and used is None:
        reason += "; no text could be extracted from the page"
    from_archive = used is not None and used.id != record.id
    if fetch.http_status == 304 and used is not None:
        from_archive = False  # unchanged since the archived copy: that copy is the live page
    snapshot = None
    if used is not None and used.body_sha256:
        path = archive.snapshot_file(used.body_sha256, used.fetch.content_type)
        snapshot = str(path) if path else None
    wayback = used is not None and used.origin == "wayback"
    health = SourceHealth(
        url=fetch.url, status=fetch.status, reason=reason, tag=fetch.tag, checked_at=fetch.fetched_at,
        http_status=fetch.http_status, final_url=fetch.final_url,
        archived_at=((wayback_time(used.fetch.final_url or "") if wayback else None) or used.fetch.fetched_at)
        if used is not None else None,
        archive_sha256=used.body_sha256 if used else None, from_archive=from_archive,
        title=title or (document.title if document else None), id=sid,
        wayback_url=((used.fetch.final_url or "").replace("id_/", "/", 1) or None)
        if used is not None and wayback else None,
    )
    copy = replace(used, fetch=replace(used.fetch, body=None)) if used is not None else None  # the archive has it
    return Evidence(health=health, copy=copy, snapshot=snapshot)
