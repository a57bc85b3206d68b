"""Link rot over time: link health across checks, schedules, and what changed.

One fetch says how a URL answered *once*; this module turns successive checks
into a link's health, one of ``models.HEALTHS``:

``healthy``   the last check got the page (``ok``, ``redirected``, a 304, or a
              page we cannot read but that answers).
``failing``   transient failures (timeouts, 5xx, resets, 429, refused) not yet
              confirmed: the link may come back.
``dead``      a definitive failure (404, 410, other 4xx, redirect loop, unknown
              host while other hosts answer) at once, or other failures
              (transient ones, and soft 404s, which are a heuristic) on at
              least ``confirm_checks`` checks spread over at least
              ``confirm_days`` days (InternetArchiveBot's rule).
``blocked``   401/403/429/999, a bot challenge or robots.txt: the page may be
              fine for a person, so it is never counted towards ``dead``.

Next checks: each URL has a next-check time (``schedule.py`` runs
``recheck --due`` daily). The interval doubles after every
healthy check (from ``recheck_base_days`` up to ``recheck_max_days``), halves
while a link is failing (down to ``recheck_min_hours``, and never more than
``confirm_days / (confirm_checks - 1)`` so confirmation checks are spread over
the confirmation window), and grows again slowly for dead links so a recovery
is noticed. Time comes from an injectable clock (``now``), never from sleeps.

``recheck()`` re-fetches (conditionally: an unchanged page costs a 304),
records every check, updates the state, compares the live text with the copy
each claim was verified on, refreshes the reports of the claims files given,
and returns the changes since the last check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .archive import Archive, ArchivedFetch
from .config import Settings
from .fetch import fetch_all
from .models import Conditional
from .models import ALIVE_STATUSES, ClaimsFile, Fetch, LinkState, SourceResult

__all__ = ["Change", "RecheckResult", "recheck", "observe", "next_state", "render_changes", "utcnow",
           "countable", "CHANGE_KINDS", "ALERT_KINDS"]

Clock = Callable[[], datetime]

#: Kinds of change, in the order they are reported.
CHANGE_KINDS = ("newly_dead", "evidence_lost", "recovered", "moved", "blocked", "failing", "drift")
#: Kinds that make ``factcheck recheck`` exit 1 (something newly broke).
ALERT_KINDS = frozenset({"newly_dead", "evidence_lost"})
DEFINITIVE_NETWORK_TAGS = frozenset({"dns-failure", "url-invalid", "redirect-bad-scheme"})
OUTAGE_TAGS = frozenset({"dns-failure", "network-unreachable", "offline", "connection-refused"})  # + any network_error
DRIFT_THRESHOLD = 0.10  # share of sentences changed that counts as material drift


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Change:
    """One thing that changed about a source (or a claim) since the last check."""

    kind: str  # one of CHANGE_KINDS
    url: str
    detail: str  # one human line
    before: str | None = None  # health (or verdict) before
    after: str | None = None  # health (or verdict) now
    claim_id: str | None = None
    claims_file: str | None = None


@dataclass(frozen=True)
class RecheckResult:
    checked_at: str
    checked: int  # URLs fetched
    skipped: int  # URLs not due
    changes: tuple[Change, ...]
    states: tuple[LinkState, ...]
    reports: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()
    changes_path: Path | None = None

    @property
    def alerts(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind in ALERT_KINDS)


# -- link health across checks ------------------------------------------------


def _outcome(record: ArchivedFetch) -> str:
    """One check as: good, blocked, definitive (failure) or transient (failure)."""
    fetch = record.fetch
    if fetch.status in ALIVE_STATUSES:
        return "good"
    if fetch.status == "blocked":
        return "blocked"
    if fetch.status == "unsupported":
        return "definitive" if fetch.tag in DEFINITIVE_NETWORK_TAGS else "good"
    if fetch.status == "dead" and not fetch.transient:
        return "definitive"  # 404, 410, other 4xx, redirect loop: the server said so
    # soft_404 is a heuristic (error-page title, redirect to the home page): confirmed like a transient one
    if fetch.status == "network_error" and fetch.tag in DEFINITIVE_NETWORK_TAGS:
        return "definitive"
    return "transient"


def next_state(previous: LinkState | None, record: ArchivedFetch, now: datetime,
               settings: Settings) -> LinkState:
    """The state of a link after one more check (``record``) at time ``now``."""
    fetch = record.fetch
    outcome = _outcome(record)
    base = settings.recheck_base_days * 24
    longest = settings.recheck_max_days * 24
    shortest = settings.recheck_min_hours
    spacing = settings.confirm_days * 24 / max(1, settings.confirm_checks - 1)
    prev_interval = previous.interval_hours if previous else base
    prev_health = previous.health if previous else None
    stamp = iso(now)
    failures = previous.failures if previous else 0
    first_failed = previous.first_failed_at if previous else None
    dead_since = previous.dead_since if previous else None
    last_ok = previous.last_ok_at if previous else None
    final_url = previous.final_url if previous else None
    etag = previous.etag if previous else None
    last_modified = previous.last_modified if previous else None
    good_sha = previous.good_sha256 if previous else None

    if outcome == "good":
        health = "healthy"
        interval = min(longest, prev_interval * 2) if prev_health == "healthy" else base
        failures, first_failed, dead_since, last_ok = 0, None, None, stamp
        final_url = fetch.final_url or fetch.url
        if fetch.body is not None and record.body_sha256:
            etag, last_modified, good_sha = fetch.header("etag"), fetch.header("last-modified"), record.body_sha256
    elif outcome == "blocked":
        health = "blocked"  # not a failure: the count of failures is left as it was
        interval = max(shortest, min(longest, prev_interval))
        wait = _retry_after_hours(fetch, now)
        if wait is not None:
            interval = min(longest, max(interval, wait))  # a 429's Retry-After holds across checks too
    else:
        failures += 1
        first_failed = first_failed or stamp
        span_days = (now - parse_iso(first_failed)).total_seconds() / 86400
        confirmed = prev_health == "dead" or outcome == "definitive" or (  # dead stays dead until it answers
            failures >= settings.confirm_checks and span_days >= settings.confirm_days)
        if confirmed:
            health = "dead"
            dead_since = dead_since or stamp
            interval = min(longest, prev_interval * 2) if prev_health == "dead" else base
        else:
            health = "failing"
            interval = max(shortest, min(prev_interval / 2, spacing))
    return LinkState(
        url=fetch.url, health=health, last_status=fetch.status, last_tag=fetch.tag, last_checked_at=stamp,
        next_check_at=iso(now + timedelta(hours=interval)), interval_hours=round(interval, 3),
        failures=failures, first_failed_at=first_failed, last_ok_at=last_ok, dead_since=dead_since,
        final_url=final_url, etag=etag, last_modified=last_modified, good_sha256=good_sha,
    )


def countable(fetches: Sequence[Fetch]) -> list[bool]:
    """Which checks count towards link health. An unknown host or an unreachable
    network says something about a link only if this machine reached some other
    host in the same batch; otherwise it is our outage, not the link's."""
    reached = any(f.http_status is not None for f in fetches)
    return [reached or (f.status != "network_error" and f.tag not in OUTAGE_TAGS) for f in fetches]


def _retry_after_hours(fetch: Fetch, now: datetime) -> float | None:
    value = fetch.header("retry-after")
    if not value:
        return None
    try:
        return float(value) / 3600
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return (parsedate_to_datetime(value) - now).total_seconds() / 3600
    except (TypeError, ValueError):
        return None


def observe(archive: Archive, record: ArchivedFetch, now: datetime, settings: Settings) -> tuple[LinkState, list[Change]]:
    """Fold one recorded check into the URL's state; return the state and what changed."""
    previous = archive.get_state(record.fetch.url)
    state = next_state(previous, record, now, settings)
    archive.put_state(state)
    return state, _changes(previous, state, record, settings)


def _changes(previous: LinkState | None, state: LinkState, record: ArchivedFetch,
             settings: Settings) -> list[Change]:
    fetch = record.fetch
    before = previous.health if previous else None
    url = fetch.url
    why = f"{fetch.status} ({fetch.reason})"
    out = []
    if state.health == "dead" and before != "dead":
        if state.failures > 1:
            why += f"; failed on {state.failures} checks since {(state.first_failed_at or '')[:10]}"
        out.append(Change("newly_dead", url, why, before, "dead"))
    elif state.health == "healthy" and before in ("dead", "failing", "blocked"):
        out.append(Change("recovered", url, f"answers again: {why}", before, "healthy"))
    elif state.health == "blocked" and before != "blocked":
        out.append(Change("blocked", url, f"{why}; not counted as dead", before, "blocked"))
    elif state.health == "failing" and before != "failing":
        out.append(Change("failing", url, f"{why}; check {state.failures} of {settings.confirm_checks} "
                                          f"before it is declared dead", before, "failing"))
    if (state.health == "healthy" and previous is not None and previous.final_url
            and state.final_url != previous.final_url):
        out.append(Change("moved", url, f"now at {state.final_url} (was {previous.final_url})",
                          previous.final_url, state.final_url))
    return out


# -- recheck ------------------------------------------------------------------


def recheck(settings: Settings, files: Sequence[ClaimsFile] = (), *, due: bool = False,
            now: Clock = utcnow, transport=None, progress: Callable[[str], None] | None = None) -> RecheckResult:
    """Re-check the sources of ``files`` (every archived URL when none), record
    each check, refresh the reports of ``files`` and return what changed."""
    from .pipeline import run as run_pipeline

    say = progress or (lambda message: None)
    moment = now()
    stamp = iso(moment)
    changes: list[Change] = []
    notes: list[str] = []
    reports: list[Path] = []
    with Archive(settings.cache_dir) as archive:
        if files:
            wanted = list(dict.fromkeys(ref.url for f in files for ref in f.sources))
        else:
            wanted = archive.urls()
            files, skipped_files = reported_claims_files(settings.reports_dir)
            notes += [f"report {name} not refreshed: {why}" for name, why in skipped_files]
        urls = archive.due_urls(wanted, stamp) if due else wanted
        conditional = {}
        previous_good: dict[str, ArchivedFetch | None] = {}
        for url in urls:
            state = archive.get_state(url)
            previous_good[url] = archive.last_good(url)
            if state and (state.etag or state.last_modified) and previous_good[url] is not None:
                conditional[url] = Conditional(state.etag, state.last_modified)
        say(f"re-checking {len(urls)} of {len(wanted)} sources")
        fetches = fetch_all(urls, settings, conditional=conditional, transport=transport,
                             robots=settings.robots, soft404_probe=settings.soft404_probe) if urls else []
        counted = countable(fetches)
        if fetches and not any(counted):
            notes.append("No source could be reached (every host failed to resolve or connect): this looks "
                         "like a network problem on this machine, so no link was counted as failing.")
        records: dict[str, ArchivedFetch] = {}
        for fetch, count in zip(fetches, counted):
            record = archive.record_fetch(replace(fetch, fetched_at=stamp))
            records[fetch.url] = record
            if count:
                _, found = observe(archive, record, moment, settings)
                changes.extend(found)
            changes.extend(_drift(archive, record, previous_good.get(fetch.url)))

        for claims_file in files:
            prefetched = {ref.url: records.get(ref.url) or archive.last(ref.url) for ref in claims_file.sources}
            result = run_pipeline(claims_file, settings, prefetched=prefetched, now=now)
            reports.append(result.markdown_path)
            changes.extend(_lost_change(claims_file.path, claim_id, source)
                           for claim_id, source, newly in result.evidence_lost if newly)
        states = tuple(s for s in (archive.get_state(u) for u in urls) if s is not None)
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (order.get(c.kind, 99), c.url, c.claim_id or ""))
    result = RecheckResult(checked_at=stamp, checked=len(urls), skipped=len(wanted) - len(urls),
                           changes=tuple(changes), states=states, reports=tuple(reports), notes=tuple(notes))
    return replace(result, changes_path=write_changes(result, settings.reports_dir))


def reported_claims_files(reports_dir: Path) -> tuple[list[ClaimsFile], list[tuple[str, str]]]:
    """The claims files behind the reports in ``reports_dir`` (to refresh them
    when ``recheck`` is given no FILE), and the reports that cannot be refreshed."""
    from .claims import load_claims
    from .errors import InputError

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


def _drift(archive: Archive, record: ArchivedFetch, previous: ArchivedFetch | None) -> list[Change]:
    """Material change of a page's text since its previous good copy."""
    from .pipeline import load_document

    if previous is None or record.body_sha256 is None or not record.fetch.alive:
        return []
    if record.body_sha256 == previous.body_sha256:
        return []
    old, new = load_document(archive, previous), load_document(archive, record)
    if old is None or new is None:
        return []
    old_set = {_norm(s.text) for s in old.sentences}
    new_set = {_norm(s.text) for s in new.sentences}
    if not old_set:
        return []
    gone = len(old_set - new_set) / len(old_set)
    added = len(new_set - old_set) / max(1, len(new_set))
    if max(gone, added) < DRIFT_THRESHOLD:
        return []
    return [Change("drift", record.fetch.url,
                   f"text changed since the copy of {previous.fetch.fetched_at[:10]}: {gone:.0%} of its "
                   f"sentences removed, {added:.0%} of the live page's sentences new",
                   previous.body_sha256, record.body_sha256)]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _old_report(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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


# -- the "what changed" section ------------------------------------------------

LABELS = {"newly_dead": "Newly dead", "evidence_lost": "Evidence gone from the live page",
          "recovered": "Recovered", "moved": "Moved", "blocked": "Newly blocked (not counted as dead)",
          "failing": "Failing (not yet confirmed dead)", "drift": "Content drift"}


def render_changes(result: RecheckResult) -> str:
    """The "what changed since the last check" section, Markdown."""
    out = [f"## What changed since the last check ({result.checked_at})", ""]
    out.append(f"{result.checked} source(s) checked"
               + (f", {result.skipped} not due" if result.skipped else "") + ".")
    for note in result.notes:
        out += ["", f"> **Note:** {note}"]
    if not result.changes:
        out += ["", "Nothing changed."]
    for kind in CHANGE_KINDS:
        found = [c for c in result.changes if c.kind == kind]
        if not found:
            continue
        out += ["", f"### {LABELS[kind]} ({len(found)})", ""]
        for change in found:
            detail = " ".join(change.detail.split()).replace("|", "\\|").replace("<", "&lt;")
            out.append(f"- <{change.url}>: {detail}")
    return "\n".join(out) + "\n"


def changes_json(result: RecheckResult) -> dict:
    return {
        "schema": "factcheck-recheck/1", "checked_at": result.checked_at, "checked": result.checked,
        "skipped": result.skipped, "alerts": len(result.alerts), "notes": list(result.notes),
        "changes": [{"kind": c.kind, "url": c.url, "detail": c.detail, "before": c.before, "after": c.after,
                     "claim_id": c.claim_id, "claims_file": c.claims_file} for c in result.changes],
        "states": [dict(s.__dict__) for s in result.states],
    }


def write_changes(result: RecheckResult, reports_dir: Path) -> Path:
    """Write ``recheck.md`` and ``recheck.json`` next to the reports; return the Markdown path."""
    from .report import _atomic_write

    md = reports_dir / "recheck.md"
    _atomic_write(reports_dir / "recheck.json", json.dumps(changes_json(result), ensure_ascii=False, indent=2) + "\n")
    _atomic_write(md, "# Re-check\n\n" + render_changes(result))
    return md
