"""The main job: claims -> fetch -> archive -> extract -> match -> report.

``run(claims_file, settings)`` reads top to bottom as the pipeline does. A
source that fails live is looked up in the archive; its last good copy is used
as evidence and the report says so. A claim with no usable source is
``unverifiable``. Nothing here raises for a bad source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .archive import Archive, ArchivedFetch
from .extract import EXTRACTOR_VERSION, extract
from .fetch import fetch_all, now_iso
from .match import Matcher, load_matcher
from .models import (
    ClaimResult, ClaimsFile, Document, Fetch, Report, SourceHealth, SourceResult, Verdict,
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

    @property
    def problems(self) -> int:
        """Claims not backed (not supported, contradicted, unverifiable) plus dead sources."""
        bad_claims = sum(1 for c in self.report.claims
                         if c.verdict.verdict in ("not_supported", "contradicted", "unverifiable"))
        dead = sum(1 for s in self.report.sources if s.status in ("dead", "soft_404"))
        return bad_claims + dead


@dataclass(frozen=True)
class _Evidence:
    """The document a source contributes, and where it came from."""

    health: SourceHealth
    document: Document | None
    snapshot: str | None


def run(claims_file: ClaimsFile, settings: Settings, *, stem: str | None = None,
        progress: Callable[[str], None] | None = None) -> RunResult:
    say = progress or (lambda message: None)
    with Archive(settings.cache_dir) as archive:
        urls = [ref.url for ref in claims_file.sources]
        say(f"fetching {len(urls)} sources")
        records: dict[str, ArchivedFetch] = {}

        def fetched(fetch: Fetch) -> None:
            # Archive each page as it arrives, so a run killed half-way keeps what it fetched.
            records[fetch.url] = archive.record_fetch(fetch)
            say(f"[{len(records)}/{len(urls)}] {fetch.status:<13} {fetch.url}")

        fetch_all(urls, settings, progress=fetched)
        titles = {ref.url: (ref.title, ref.id) for ref in claims_file.sources}
        evidence: dict[str, _Evidence] = {}
        for url in urls:
            evidence[url] = _evidence_for(archive, records[url], titles.get(url, (None, None)))

        matcher = load_matcher(settings.matcher, store=archive)
        results = []
        for index, claim in enumerate(claims_file.claims, start=1):
            say(f"matching claim {index}/{len(claims_file.claims)}: {claim.id}")
            per_source = tuple(_match(matcher, claim, evidence[ref.url]) for ref in claim.sources)
            results.append(ClaimResult(claim=claim, verdict=combine(per_source), sources=per_source))

    report = Report(
        claims_file=claims_file.path, generated_at=now_iso(), claims=tuple(results),
        sources=tuple(e.health for e in evidence.values()), title=claims_file.title,
        offline=settings.offline, notes=_notes(evidence),
    )
    stem = stem or Path(claims_file.path).stem
    snapshots = {url: e.snapshot for url, e in evidence.items() if e.snapshot}
    md_path, json_path = write_report(report, settings.reports_dir, stem, snapshots)
    return RunResult(report=report, markdown_path=md_path, json_path=json_path)


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
        archived_at=used.fetch.fetched_at if used else None,
        archive_sha256=used.body_sha256 if used else None, from_archive=from_archive,
        title=title or (document.title if document else None), id=sid,
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


def combine(sources: tuple[SourceResult, ...]) -> Verdict:
    """A claim's verdict from its sources: the strongest, by ``PRECEDENCE``."""
    if not sources:
        return Verdict("unverifiable", 0.0, explanation="no sources")
    best = min(sources, key=lambda s: (PRECEDENCE.index(s.verdict.verdict), -s.verdict.score))
    if best.verdict.verdict == "unverifiable":
        return Verdict("unverifiable", 0.0, matcher=best.verdict.matcher,
                       explanation=f"none of the {len(sources)} cited source(s) has a usable copy "
                                   "(see Source health)")
    return best.verdict


def _notes(evidence: dict[str, _Evidence]) -> tuple[str, ...]:
    notes = []
    healths = [e.health for e in evidence.values()]
    if healths and all(h.status == "network_error" for h in healths) and any(
            h.tag in ("dns-failure", "network-unreachable") for h in healths):
        notes.append("No source could be reached: the network looks unreachable from this machine "
                     "(every host failed to resolve or connect). Archived copies were used where they exist.")
    return tuple(notes)
