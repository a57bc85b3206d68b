"""The main job: claims -> fetch -> archive -> extract -> match -> report.

``run(claims_file, settings)`` reads top to bottom as the pipeline does. A
source that fails live is looked up in the archive; its last good copy is used
as evidence and the report says so. When there is no local copy and the source
is dead, soft-404 or blocked, the Wayback Machine capture nearest to the time
the source was first checked is fetched, archived and used (and linked). A
claim with no usable source is ``unverifiable``. Nothing here raises for a bad
source. Every live check also updates the link's health (``recheck.observe``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from .archive import Archive, ArchivedFetch
from .extract import EXTRACTOR_VERSION, extract
from .clock import now_iso
from .fetch import fetch_all, fetch_wayback, wayback_time
from .errors import MatcherError
from .workers import prime_archive
from .match import MATCHERS, Matcher, load_matcher
from .match.cache import CachedMatcher
from .models import (
    ClaimResult, ClaimsFile, Document, Fetch, Report, SourceHealth, SourceResult, Verdict, Verification,
)
from .report import write_report
from .config import Settings

__all__ = ["run", "RunResult", "combine", "load_document"]

#: How the verdicts of several sources combine into a claim's verdict.
PRECEDENCE = ("supported", "contradicted", "partially_supported", "not_supported", "unverifiable")


@dataclass(frozen=True)
class RunResult:
    report: Report
    markdown_path: Path
    json_path: Path

    #: (claim id, source result, newly) for each source whose live page lost the quote
    #: the claim was verified on; ``newly`` when this run noticed it first.
    evidence_lost: tuple[tuple[str, SourceResult, bool], ...] = ()

    @property
    def problems(self) -> int:
        """Claims the sources do not back (not supported, contradicted), dead sources, and
        sources whose live page no longer carries the evidence: what exit code 1 reports.

        An unverifiable claim is not counted by itself: its source is either dead (counted
        above) or could not be reached this time (offline, blocked, timed out), which says
        nothing against the claim or the link; the report and the summary say so."""
        bad_claims = sum(1 for c in self.report.claims if c.verdict.verdict in ("not_supported", "contradicted"))
        dead = sum(1 for s in self.report.sources if s.status in ("dead", "soft_404"))
        return bad_claims + dead + len(self.evidence_lost)


@dataclass(frozen=True)
class _Evidence:
    """The document a source contributes, and where it came from."""

    health: SourceHealth
    document: Document | None
    snapshot: str | None


def run(claims_file: ClaimsFile, settings: Settings, *, stem: str | None = None,
        progress: Callable[[str], None] | None = None,
        prefetched: dict[str, ArchivedFetch | None] | None = None,
        now: Callable[[], datetime] | None = None) -> RunResult:
    """``prefetched`` (from ``recheck``): checks already recorded, by URL, used
    instead of fetching. ``now``: an injected clock that stamps the checks."""
    from .recheck import countable, iso, observe, utcnow

    if settings.matcher not in MATCHERS:  # before any fetching: the matcher itself loads lazily
        raise MatcherError(f"unknown matcher {settings.matcher!r}; choose one of: {', '.join(MATCHERS)}")
    say = progress or (lambda message: None)
    clock = now or utcnow
    with Archive(settings.cache_dir) as archive:
        # The matcher loads lazily (a re-run whose verdicts are all cached needs no model), except
        # the optional tiers, which load now so that a misconfigured one fails before any fetching.
        matcher = CachedMatcher(settings.matcher, archive,
                                lambda: load_matcher(settings.matcher, store=archive, settings=settings),
                                eager=settings.matcher not in ("default", "lexical"),
                                identity=_tier_identity(settings))
        urls = [ref.url for ref in claims_file.sources]
        titles = {ref.url: (ref.title, ref.id) for ref in claims_file.sources}
        records: dict[str, ArchivedFetch] = {}
        if prefetched is not None:
            missing = [u for u in urls if prefetched.get(u) is None]
            records.update({u: r for u, r in prefetched.items() if r is not None})
        else:
            missing = urls
        if missing:
            say(f"fetching {len(missing)} sources")
            done = 0

            def fetched(fetch: Fetch) -> None:
                # Archive each page as it arrives, so a run killed half-way keeps what it fetched.
                nonlocal done
                done += 1
                if now is not None:  # an injected clock (tests, recheck) stamps the check
                    fetch = replace(fetch, fetched_at=iso(clock()))
                records[fetch.url] = archive.record_fetch(fetch)
                say(f"[{done}/{len(missing)}] {fetch.status:<13} {fetch.url}")

            # Conditional requests: a page unchanged since its archived copy costs a 304.
            conditional = {u: c for u in missing if (c := archive.validators(u)) is not None}
            fetches = fetch_all(missing, settings, progress=fetched, conditional=conditional,
                                robots=settings.robots, soft404_probe=settings.soft404_probe)
            for fetch, count in zip(fetches, countable(fetches)):
                if count:  # offline, or this machine's own outage: says nothing about the link
                    observe(archive, records[fetch.url], clock(), settings)
        prime_archive(archive, records, claims_file.claims, matcher, settings, say)  # workers > 1, or dask
        evidence: dict[str, _Evidence] = {
            url: _evidence_for(archive, records[url], titles.get(url, (None, None))) for url in urls}
        _wayback_fallback(archive, evidence, settings, titles, say)

        results = []
        lost: list[tuple[str, SourceResult, bool]] = []
        for index, claim in enumerate(claims_file.claims, start=1):
            say(f"matching claim {index}/{len(claims_file.claims)}: {claim.id}")
            per_source = []
            for ref in claim.sources:
                result, newly = _verify(archive, matcher, claims_file.path, claim, evidence[ref.url], iso(clock()))
                per_source.append(result)
                if result.evidence_lost:
                    lost.append((claim.id, result, newly))
            results.append(ClaimResult(claim=claim, verdict=combine(tuple(per_source)), sources=tuple(per_source)))

    notes = _notes(evidence, claims_file)
    if lost:
        notes += (f"{len(lost)} claim source(s) support the claim only in the archived copy the claim was "
                  "verified on: the live page no longer carries the quote (see the claims marked "
                  "'not by the live page').",)
    report = Report(
        claims_file=claims_file.path, generated_at=now_iso(), claims=tuple(results),
        sources=tuple(e.health for e in evidence.values()), title=claims_file.title,
        offline=settings.offline, notes=notes,
    )
    stem = stem or Path(claims_file.path).stem
    snapshots = {url: e.snapshot for url, e in evidence.items() if e.snapshot}
    md_path, json_path = write_report(report, settings.reports_dir, stem, snapshots)
    return RunResult(report=report, markdown_path=md_path, json_path=json_path, evidence_lost=tuple(lost))


SUPPORTING = frozenset({"supported", "partially_supported"})


def _verify(archive: Archive, matcher: Matcher, claims_path: str, claim, source: _Evidence,
            stamp: str) -> tuple[SourceResult, bool]:
    """Match a claim on a source, minding content drift.

    The archive pins, per claim and source, the copy that last supported the
    claim. When the live page is a different copy and no longer supports the
    claim, the claim is matched on the pinned copy too; if that copy supports
    it, the result is "supported by the archived copy of <date>, not by the
    live page", with both verdicts. Returns the result and whether the
    evidence quote was *newly* found missing from the live page."""
    from .recheck import _norm

    result = _match(matcher, claim, source)
    health = source.health
    if source.document is None or health.archive_sha256 is None:
        return result, False
    live = result.verdict
    pinned = archive.get_verified(claims_path, claim.id, health.url)
    if live.verdict in SUPPORTING and live.evidence:
        archive.put_verified(Verification(
            claims_file=claims_path, claim_id=claim.id, url=health.url, body_sha256=health.archive_sha256,
            fetched_at=health.archived_at or stamp, verdict=live.verdict, score=live.score,
            quote=live.evidence[0].text))
        return result, False
    if health.from_archive or pinned is None or pinned.body_sha256 == health.archive_sha256:
        return result, False
    record = archive.record_by_sha(health.url, pinned.body_sha256)
    old_document = load_document(archive, record) if record is not None else None
    if old_document is None:
        return result, False
    archived = matcher.match(claim, old_document)
    if archived.verdict not in SUPPORTING:
        return result, False
    gone = _norm(pinned.quote) not in _norm(source.document.text)
    newly = gone and pinned.lost_at is None
    if newly:
        archive.put_verified(replace(pinned, lost_at=stamp))
    explanation = (f"supported by the archived copy of {pinned.fetched_at[:10]}, not by the live page "
                   f"(live page: {live.verdict.replace('_', ' ')}, {live.score:.2f})")
    return SourceResult(url=health.url, verdict=replace(archived, explanation=explanation), from_archive=True,
                        live_verdict=live, verified_at=pinned.fetched_at, verified_sha256=pinned.body_sha256,
                        evidence_lost=gone), newly


def load_document(archive: Archive, record: ArchivedFetch) -> Document | None:
    """The extracted text of an archived body, extracting (once) if needed."""
    if record.body_sha256 is None:
        return None
    url = record.fetch.final_url or record.fetch.url
    doc = archive.get_document(record.body_sha256, EXTRACTOR_VERSION, url)
    if doc is not None:
        return doc
    fetch = record.fetch
    if fetch.body is None:
        full = archive.fetch_by_id(record.id)
        if full is None:
            return None
        fetch = full.fetch
    doc = extract(fetch)
    if doc is not None:
        archive.put_document(record.body_sha256, EXTRACTOR_VERSION, doc)
    return doc


#: Live statuses for which the Wayback Machine is asked when there is no local copy.
WAYBACK_STATUSES = frozenset({"dead", "soft_404", "blocked"})
#: After the Wayback Machine had no capture of a URL, ask again only after this many days.
WAYBACK_MISS_DAYS = 7


def _wayback_fallback(archive: Archive, evidence: dict[str, _Evidence], settings: Settings,
                      titles: dict, say: Callable[[str], None]) -> None:
    """Dead/soft-404/blocked sources with no local copy: use the nearest Wayback capture."""
    if settings.offline or not settings.wayback or not settings.wayback_url:
        return
    wanted = [url for url, e in evidence.items() if e.document is None and e.health.status in WAYBACK_STATUSES
              and not archive.recent_wayback_miss(url, WAYBACK_MISS_DAYS)]
    if not wanted:
        return
    say(f"asking the Wayback Machine for {len(wanted)} sources")
    requests = [(url, archive.first_seen(url) or now_iso()) for url in wanted]
    for (url, _), capture in zip(requests, fetch_wayback(requests, settings)):
        record = archive.record_fetch(capture, origin="wayback")
        live = evidence[url].health
        if not capture.alive or capture.body is None:
            evidence[url] = replace(evidence[url], health=replace(live, reason=f"{live.reason}; {capture.reason}"))
            continue
        found = _evidence_for(archive, record, titles.get(url, (None, None)))
        if found.document is None:
            continue
        human = (capture.final_url or "").replace("id_/", "/", 1)
        health = replace(live, archived_at=wayback_time(human) or capture.fetched_at,
                         archive_sha256=record.body_sha256,
                         from_archive=True, wayback_url=human, title=live.title or found.health.title,
                         reason=f"{live.reason}; verified against the {capture.reason}")
        evidence[url] = _Evidence(health=health, document=found.document, snapshot=found.snapshot)


def _evidence_for(archive: Archive, record: ArchivedFetch, title_id: tuple[str | None, str | None]) -> _Evidence:
    fetch = record.fetch
    title, sid = title_id
    document = None
    used = None
    if fetch.alive and fetch.body:
        document = load_document(archive, record)
        used = record if document is not None else None
    reason = fetch.reason
    if document is None:
        # Live copy unusable (dead, blocked, offline, 304, no text): use the last good archived copy.
        previous = archive.last_good(fetch.url)
        if previous is not None and previous.id != record.id:
            document = load_document(archive, previous)
            used = previous if document is not None else None
        if fetch.alive and fetch.body and used is None:
            reason += "; no text could be extracted from the page"
    from_archive = used is not None and used.id != record.id
    if fetch.http_status == 304 and used is not None:
        from_archive = False  # unchanged since the archived copy: that copy is the live page
    snapshot = None
    if used is not None and used.body_sha256:
        path = archive.snapshot_file(used.body_sha256, used.fetch.content_type)
        snapshot = str(path) if path else None
    health = SourceHealth(
        url=fetch.url, status=fetch.status, reason=reason, tag=fetch.tag, checked_at=fetch.fetched_at,
        http_status=fetch.http_status, final_url=fetch.final_url,
        archived_at=(wayback_time(used.fetch.final_url or "") if used.origin == "wayback" else None)
        or used.fetch.fetched_at if used else None,
        archive_sha256=used.body_sha256 if used else None, from_archive=from_archive,
        title=title or (document.title if document else None), id=sid,
        wayback_url=(used.fetch.final_url or "").replace("id_/", "/", 1) or None
        if used is not None and used.origin == "wayback" else None,
    )
    return _Evidence(health=health, document=document, snapshot=snapshot)


def _match(matcher: Matcher, claim, source: _Evidence) -> SourceResult:
    health = source.health
    if source.document is None:
        why = f"no usable copy: {health.status} ({health.reason})"
        return SourceResult(url=health.url, verdict=Verdict("unverifiable", 0.0, explanation=why,
                                                            matcher=matcher.name))
    verdict = matcher.match(claim, source.document)
    return SourceResult(url=health.url, verdict=verdict, from_archive=health.from_archive)


def _tier_identity(settings: Settings) -> str:
    """What a tier's verdicts depend on besides claim and text (never the API key)."""
    if settings.matcher == "llm":
        return f"{getattr(settings, 'llm_url', '')}|{getattr(settings, 'llm_model', '')}"
    if settings.matcher == "nli":
        return str(getattr(settings, "nli_model_dir", ""))
    return ""


def combine(sources: tuple[SourceResult, ...]) -> Verdict:
    """A claim's verdict from its sources: the strongest, by ``PRECEDENCE``."""
    if not sources:
        return Verdict("unverifiable", 0.0, explanation="no sources")
    best = min(sources, key=lambda s: (PRECEDENCE.index(s.verdict.verdict), -s.verdict.score))
    if best.verdict.verdict == "unverifiable":
        return Verdict("unverifiable", 0.0, matcher=best.verdict.matcher,
                       explanation=("the cited source has no usable copy" if len(sources) == 1 else
                                    f"none of the {len(sources)} cited sources has a usable copy")
                                   + " (see Source health)")
    return best.verdict


def _notes(evidence: dict[str, _Evidence], claims_file: ClaimsFile) -> tuple[str, ...]:
    notes = []
    article_level = sum(1 for c in claims_file.claims if c.citation == "article-level")
    if article_level:
        notes.append(f"The article never says which source backs which claim (it only lists references at "
                     f"the end): {article_level} of {len(claims_file.claims)} claims are linked at article level, "
                     "so a source that does not support a claim may simply not be the one the author meant.")
    healths = [e.health for e in evidence.values()]
    if healths and all(h.status == "network_error" for h in healths) and any(
            h.tag in ("dns-failure", "network-unreachable") for h in healths):
        notes.append("No source could be reached: the network looks unreachable from this machine "
                     "(every host failed to resolve or connect). Archived copies were used where they exist.")
    return tuple(notes)
