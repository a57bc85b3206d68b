"""Re-checking: check the sources again, then say what changed since the last check.

``recheck(settings, files)`` re-fetches the sources of ``files`` (every
archived URL when none; only those due with ``due=True``) through the checks
layer, which records every check and updates each link's health
(``health.py``); compares each page's text with its previous good copy
(``drift.py``); refreshes the reports of the claims files, which also finds
claims whose evidence quote left the live page (``verdicts.py``); and writes
``recheck.md`` / ``recheck.json`` (``changes.py``). Time comes from an
injectable clock (``now``), never from sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .archive import Archive
from .changes import RecheckResult, write_changes
from .checks import check_urls
from .claims import load_claims
from .clock import Clock, iso, utcnow
from .config import Settings
from .drift import drift
from .errors import InputError
from .models import CHANGE_KINDS, ArchivedFetch, Change, ClaimsFile, SourceResult
from .verdicts import assess, open_matcher

__all__ = ["recheck", "reported_claims_files"]

Say = Callable[[str], None]


def recheck(settings: Settings, files: Sequence[ClaimsFile] = (), *, due: bool = False,
            now: Clock = utcnow, progress: Say | None = None) -> RecheckResult:
    """Re-check the sources of ``files`` (every archived URL when none), record
    each check, refresh the reports of ``files`` and return what changed."""
    say = progress or (lambda message: None)
    stamp = iso(now())
    notes: list[str] = []
    with Archive(settings.cache_dir) as archive:
        if files:
            wanted = list(dict.fromkeys(ref.url for f in files for ref in f.sources))
        else:
            wanted = archive.urls()
            files, skipped_files = reported_claims_files(settings.reports_dir)
            notes += [f"report {name} not refreshed: {why}" for name, why in skipped_files]
        urls = archive.due_urls(wanted, stamp) if due else wanted
        previous_good = {url: archive.last_good(url) for url in urls}
        say(f"re-checking {len(urls)} of {len(wanted)} sources")
        checks = check_urls(archive, urls, settings, purpose="source", clock=now)
        if checks and not any(c.counted for c in checks):
            notes.append("No source could be reached (every host failed to resolve or connect): this looks "
                         "like a network problem on this machine, so no link was counted as failing.")
        changes = [change for c in checks for change in c.changes]
        changes += [change for c in checks for change in drift(archive, c.record, previous_good[c.fetch.url])]
        latest = {c.fetch.url: c.record for c in checks}
        found, reports = _refresh_reports(archive, files, latest, settings, now, say)
        changes += found
        states = tuple(s for s in (archive.get_state(u) for u in urls) if s is not None)
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (order.get(c.kind, 99), c.url, c.claim_id or ""))
    result = RecheckResult(checked_at=stamp, checked=len(urls), skipped=len(wanted) - len(urls),
                           changes=tuple(changes), states=states, reports=tuple(reports), notes=tuple(notes))
    return replace(result, changes_path=write_changes(result, settings.reports_dir))


def _refresh_reports(archive: Archive, files: Sequence[ClaimsFile], latest: dict[str, ArchivedFetch],
                     settings: Settings, now: Clock, say: Say) -> tuple[list[Change], list[Path]]:
    """Re-judge each claims file on its sources' latest checks; the evidence lost, and the reports."""
    changes: list[Change] = []
    reports: list[Path] = []
    if not files:
        return changes, reports
    matcher = open_matcher(settings, archive)
    for claims_file in files:
        records = {ref.url: found for ref in claims_file.sources
                   if (found := latest.get(ref.url) or archive.last(ref.url)) is not None}
        missing = [ref.url for ref in claims_file.sources if ref.url not in records]
        if missing:  # never checked before: check now
            records.update({c.fetch.url: c.record for c in
                            check_urls(archive, missing, settings, purpose="source", clock=now)})
        result = assess(archive, claims_file, records, matcher, settings, clock=now, say=say)
        reports.append(result.markdown_path)
        changes.extend(_lost_change(claims_file.path, claim_id, source)
                       for claim_id, source, newly in result.evidence_lost if newly)
    return changes, reports


def reported_claims_files(reports_dir: Path) -> tuple[list[ClaimsFile], list[tuple[str, str]]]:
    """The claims files behind the reports in ``reports_dir`` (to refresh them
    when ``recheck`` is given no FILE), and the reports that cannot be refreshed."""
    found, skipped = [], []
    for path in sorted(Path(reports_dir).glob("*.json")):
        data = _old_report(path)
        if not data or data.get("schema") != "factcheck-report/1" or not data.get("claims_file"):
            continue
        try:
            claims_file = load_claims(data["claims_file"])
        except InputError as exc:
            skipped.append((path.name, exc.message.splitlines()[0]))
            continue
        if Path(claims_file.path).stem == path.stem:
            found.append(claims_file)
    return found, skipped


def _old_report(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _lost_change(claims_path: str, claim_id: str, source: SourceResult) -> Change:
    archived, live = source.verdict, source.live_verdict
    quote = archived.evidence[0].text if archived.evidence else ""
    live_name = live.verdict if live else "unverifiable"
    return Change(
        "evidence_lost", source.url,
        f"Claim {claim_id!r} is {archived.verdict.replace('_', ' ')} by the archived copy of "
        f"{(source.verified_at or '?')[:10]}, not by the live page: \"{quote[:120]}\" is no longer on it. "
        f"Live page: {live_name.replace('_', ' ')}.",
        before=archived.verdict, after=live_name, claim_id=claim_id, claims_file=claims_path)
