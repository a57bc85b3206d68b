"""Verdicts: claims x evidence -> a verdict per claim, minding content drift -> the written report.

``assess(archive, claims_file, records, matcher, settings, ...)`` is what
``run`` and ``recheck`` share once the sources are checked: gather each
source's evidence (``evidence.py``), match every claim on every source it
cites, combine the sources' verdicts into the claim's, and write the report.

Content drift: the archive pins, per claim and source, the copy that last
supported the claim. When the live page is a different copy and no longer
supports the claim, the claim is matched on the pinned copy too; if that copy
supports it, the result is "supported by the archived copy of <date>, not by
the live page", with both verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .archive import Archive
from .clock import Clock, iso
from .config import Settings
from .documents import load_document
from .drift import comparable
from .evidence import Evidence, gather_evidence
from .html_report import Context, QuoteKey, quote_context, quote_key
from .match import Matcher, load_matcher
from .match.cache import CachedMatcher
from .models import (
    BROKEN_STATUSES, PROBLEM_VERDICTS, SUPPORTING, ArchivedFetch, Claim, ClaimsFile, Document, Report,
    SourceResult, Verdict, Verification,
)
from .publish import write_reports
from .report import needs_review, shown_quotes
from .results import ClaimResults
from .reviews import Settlement

__all__ = ["RunResult", "assess", "combine", "open_matcher", "PRECEDENCE"]

#: How the verdicts of several sources combine into a claim's verdict.
PRECEDENCE = ("supported", "contradicted", "partially_supported", "not_supported", "unverifiable")

Say = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    report: Report
    markdown_path: Path
    json_path: Path

    #: (claim id, source result, newly) for each source whose live page lost the quote
    #: the claim was verified on; ``newly`` when this run noticed it first.
    evidence_lost: tuple[tuple[str, SourceResult, bool], ...] = ()
    #: the run's claims seen with their reviews (claims/reviews/<stem>.yaml)
    settlement: Settlement | None = None
    html_path: Path | None = None

    @property
    def problems(self) -> int:
        """Claims the sources do not back (not supported, contradicted), dead sources, and
        sources whose live page no longer carries the evidence: what exit code 1 reports,
        less those a person has settled by a review that still holds (``reviews.settle``).

        An unverifiable claim is not counted by itself: its source is either dead (counted
        above) or could not be reached this time (offline, blocked, timed out), which says
        nothing against the claim or the link; the report and the summary say so."""
        if self.settlement is not None:
            return self.settlement.unsettled
        bad_claims = sum(1 for c in self.report.claims if c.verdict.verdict in PROBLEM_VERDICTS)
        dead = sum(1 for s in self.report.sources if s.status in BROKEN_STATUSES)
        return bad_claims + dead + len(self.evidence_lost)


def open_matcher(settings: Settings, archive: Archive) -> Matcher:
    """The matcher of ``settings``, its verdicts cached in the archive.

    It loads lazily (a re-run whose verdicts are all cached needs no model), except the optional
    tiers, which load now so that a misconfigured one fails before any fetching."""
    return CachedMatcher(settings.matcher, archive,
                         lambda: load_matcher(settings.matcher, store=archive, settings=settings),
                         eager=settings.matcher not in ("default", "lexical"),
                         identity=_tier_identity(settings))


def _tier_identity(settings: Settings) -> str:
    """What a tier's verdicts depend on besides claim and text (never the API key)."""
    if settings.matcher == "llm":
        return f"{settings.llm_url}|{settings.llm_model}"
    if settings.matcher == "nli":
        return str(settings.nli_model_dir or "")
    return ""


def assess(archive: Archive, claims_file: ClaimsFile, records: dict[str, ArchivedFetch], matcher: Matcher,
           settings: Settings, *, clock: Clock, say: Say, stem: str | None = None,
           unreadable: Mapping[str, str] | None = None) -> RunResult:
    """Evidence for each source, a verdict for each claim, and the report written.

    ``unreadable``: URL -> why that source's page is not read (``evidence.py``).

    Claims are matched source by source: one source's document is loaded, every claim that cites
    it matched on it, and each claim's result (with the text around its quotes) goes to disk
    (``results.ClaimResults``) as soon as its last source is matched. The report's claims are read
    back from there one at a time, so memory holds only a small index per claim."""
    evidence = gather_evidence(archive, claims_file, records, settings, clock=clock, say=say, unreadable=unreadable)
    claims = claims_file.claims
    cited: dict[str, list[tuple[int, int]]] = {}
    for c, claim in enumerate(claims):
        for r, ref in enumerate(claim.sources):
            cited.setdefault(ref.url, []).append((c, r))
    results = ClaimResults(claims, settings.cache_dir / "tmp")
    try:
        # Claims citing several sources wait here until their last one is matched.
        waiting: dict[int, tuple[list[SourceResult | None], dict[QuoteKey, Context]]] = {}
        lost: list[tuple[tuple[int, int], str, SourceResult, bool]] = []
        for c, claim in enumerate(claims):
            if not claim.sources:
                results.put(c, combine(()), ())
        for index, url in enumerate(list(cited), start=1):
            citing = cited.pop(url)  # the index of this source's claims is not needed again
            say(f"matching {len(citing)} claim(s) on source {index}/{len(cited) + index}: {url}")
            source = evidence[url]
            document = load_document(archive, source.copy) if source.copy is not None else None
            for c, r in citing:
                claim = claims[c]
                result, newly = _verify(archive, matcher, claims_file.path, claim, source, document, iso(clock()))
                if result.evidence_lost:
                    lost.append(((c, r), claim.id, result, newly))
                done, contexts = waiting.pop(c) if c in waiting else ([None] * len(claim.sources), {})
                done[r] = result
                if document is not None:
                    contexts.update(_quote_contexts(url, document.text, result))
                if any(s is None for s in done):
                    waiting[c] = (done, contexts)
                    continue
                per_source = tuple(s for s in done if s is not None)
                results.put(c, combine(per_source), per_source, contexts)
            del document
        lost.sort(key=lambda item: item[0])  # in file order, as the report lists the claims
        report = Report(
            claims_file=claims_file.path, generated_at=iso(clock()), claims=results,
            sources=tuple(e.health for e in evidence.values()), title=claims_file.title,
            offline=settings.offline, notes=_notes(evidence, claims_file, len(lost)),
        )
        snapshots = {url: e.snapshot for url, e in evidence.items() if e.snapshot}
        del evidence  # the report has each source's health; the copies' records need not outlive this
        out = write_reports(report, settings.reports_dir, stem or Path(claims_file.path).stem, snapshots=snapshots,
                            article_url=claims_file.article, language=claims_file.language)
    except BaseException:
        results.close()  # the results' file goes now, not when the sequence is collected
        raise
    return RunResult(report=report, markdown_path=out.markdown_path, json_path=out.json_path,
                     evidence_lost=tuple(item[1:] for item in lost), settlement=out.settlement,
                     html_path=out.html_path)


def _quote_contexts(url: str, text: str, result: SourceResult) -> dict[QuoteKey, Context]:
    """The text around each quote of ``result`` the HTML report shows, so the report need not hold ``text``."""
    found = {}
    for quote in shown_quotes(result.verdict.evidence, needs_review(result.verdict)):
        ev = {"text": quote.text, "start": quote.start, "end": quote.end}
        if (context := quote_context(text, ev)) is not None:
            found[quote_key(url, ev)] = context
    return found


def _verify(archive: Archive, matcher: Matcher, claims_path: str, claim: Claim, source: Evidence,
            document: Document | None, stamp: str) -> tuple[SourceResult, bool]:
    """Match a claim on a source (its copy's ``document``), minding content drift (see the module's docstring).

    Returns the result and whether the evidence quote was *newly* found missing from the live page."""
    result = _match(matcher, claim, source, document)
    health = source.health
    if document is None or health.archive_sha256 is None:
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
    gone = comparable(pinned.quote) not in comparable(document.text)
    newly = gone and pinned.lost_at is None
    if newly:
        archive.put_verified(replace(pinned, lost_at=stamp))
    explanation = (f"supported by the archived copy of {pinned.fetched_at[:10]}, not by the live page "
                   f"(live page: {live.verdict.replace('_', ' ')}, {live.score:.2f})")
    return SourceResult(url=health.url, verdict=replace(archived, explanation=explanation), from_archive=True,
                        live_verdict=live, verified_at=pinned.fetched_at, verified_sha256=pinned.body_sha256,
                        evidence_lost=gone), newly


def _match(matcher: Matcher, claim: Claim, source: Evidence, document: Document | None) -> SourceResult:
    health = source.health
    if document is None:
        why = f"no usable copy: {health.status} ({health.reason})"
        return SourceResult(url=health.url, verdict=Verdict("unverifiable", 0.0, explanation=why,
                                                            matcher=matcher.name))
    verdict = matcher.match(claim, document)
    return SourceResult(url=health.url, verdict=verdict, from_archive=health.from_archive)


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


def _notes(evidence: dict[str, Evidence], claims_file: ClaimsFile, lost: int) -> tuple[str, ...]:
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
    if lost:
        notes.append(f"{lost} claim source(s) support the claim only in the archived copy the claim was "
                     "verified on: the live page no longer carries the quote (see the claims marked "
                     "'not by the live page').")
    return tuple(notes)
