"""Link health across checks: a state machine over recorded checks.

One fetch says how a URL answered *once*; this module folds successive checks
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
``blocked``   401/403/429/999, a bot challenge, robots.txt or a private
              address: the page may be fine for a person, so it is never
              counted towards ``dead``.

Next checks: the interval doubles after every healthy check (from
``recheck_base_days`` up to ``recheck_max_days``), halves while a link is
failing (down to ``recheck_min_hours``, and never more than
``confirm_days / (confirm_checks - 1)`` so confirmation checks are spread over
the confirmation window), and grows again slowly for dead links so a recovery
is noticed. Pure functions: the time is an argument, nothing is stored here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .clock import iso, parse_iso, retry_after_seconds
from .config import Settings
from .models import ALIVE_STATUSES, ArchivedFetch, Change, Fetch, Health, LinkState

__all__ = ["next_state", "health_changes", "countable", "OUTAGE_TAGS", "DEFINITIVE_NETWORK_TAGS"]

Outcome = Literal["good", "blocked", "definitive", "transient"]

DEFINITIVE_NETWORK_TAGS = frozenset({"dns-failure", "url-invalid", "redirect-bad-scheme"})
OUTAGE_TAGS = frozenset({"dns-failure", "network-unreachable", "offline", "connection-refused"})  # + any network_error


def outcome(fetch: Fetch) -> Outcome:
    """One check as: good, blocked, definitive (failure) or transient (failure)."""
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


@dataclass(frozen=True)
class _Step:
    """What one check changes: health, the next interval, and the fields it resets."""

    health: Health
    interval: float  # hours
    failures: int
    first_failed_at: str | None
    dead_since: str | None


def next_state(previous: LinkState | None, check: ArchivedFetch, now: datetime, settings: Settings) -> LinkState:
    """The state of a link after one more check at time ``now``."""
    fetch = check.fetch
    kind = outcome(fetch)
    stamp = iso(now)
    if kind == "good":
        step = _good(previous, settings)
    elif kind == "blocked":
        step = _blocked(previous, fetch, now, settings)
    else:
        step = _failed(previous, kind, now, settings)
    good = kind == "good"
    keep_body = good and bool(check.body_sha256)  # the archive has the body (the check may not carry it)
    return LinkState(
        url=fetch.url, health=step.health, last_status=fetch.status, last_tag=fetch.tag, last_checked_at=stamp,
        next_check_at=iso(now + timedelta(hours=step.interval)), interval_hours=round(step.interval, 3),
        failures=step.failures, first_failed_at=step.first_failed_at,
        last_ok_at=stamp if good else (previous.last_ok_at if previous else None),
        dead_since=step.dead_since,
        final_url=(fetch.final_url or fetch.url) if good else (previous.final_url if previous else None),
        etag=fetch.header("etag") if keep_body else (previous.etag if previous else None),
        last_modified=fetch.header("last-modified") if keep_body else (previous.last_modified if previous else None),
        good_sha256=check.body_sha256 if keep_body else (previous.good_sha256 if previous else None),
    )


def _base_hours(settings: Settings) -> float:
    return settings.recheck_base_days * 24


def _good(previous: LinkState | None, settings: Settings) -> _Step:
    prev_interval = previous.interval_hours if previous else _base_hours(settings)
    healthy = previous is not None and previous.health == "healthy"
    interval = min(settings.recheck_max_days * 24, prev_interval * 2) if healthy else _base_hours(settings)
    return _Step("healthy", interval, 0, None, None)


def _blocked(previous: LinkState | None, fetch: Fetch, now: datetime, settings: Settings) -> _Step:
    """Not a failure: the count of failures is left as it was."""
    longest = settings.recheck_max_days * 24
    prev_interval = previous.interval_hours if previous else _base_hours(settings)
    interval = max(settings.recheck_min_hours, min(longest, prev_interval))
    wait = retry_after_seconds(fetch.header("retry-after"), now)
    if wait is not None:
        interval = min(longest, max(interval, wait / 3600))  # a 429's Retry-After holds across checks too
    return _Step("blocked", interval, previous.failures if previous else 0,
                 previous.first_failed_at if previous else None, previous.dead_since if previous else None)


def _failed(previous: LinkState | None, kind: Outcome, now: datetime, settings: Settings) -> _Step:
    stamp = iso(now)
    prev_interval = previous.interval_hours if previous else _base_hours(settings)
    prev_health = previous.health if previous else None
    failures = (previous.failures if previous else 0) + 1
    first_failed = (previous.first_failed_at if previous else None) or stamp
    span_days = (now - parse_iso(first_failed)).total_seconds() / 86400
    confirmed = prev_health == "dead" or kind == "definitive" or (  # dead stays dead until it answers
        failures >= settings.confirm_checks and span_days >= settings.confirm_days)
    if confirmed:
        longest = settings.recheck_max_days * 24
        interval = min(longest, prev_interval * 2) if prev_health == "dead" else _base_hours(settings)
        dead_since = (previous.dead_since if previous else None) or stamp
        return _Step("dead", interval, failures, first_failed, dead_since)
    spacing = settings.confirm_days * 24 / max(1, settings.confirm_checks - 1)
    interval = max(settings.recheck_min_hours, min(prev_interval / 2, spacing))
    return _Step("failing", interval, failures, first_failed, previous.dead_since if previous else None)


def countable(fetches: Sequence[Fetch]) -> list[bool]:
    """Which checks count towards link health. An unknown host or an unreachable
    network says something about a link only if this machine reached some other
    host in the same batch; otherwise it is our outage, not the link's."""
    reached = any(f.http_status is not None for f in fetches)
    return [reached or (f.status != "network_error" and f.tag not in OUTAGE_TAGS) for f in fetches]


def health_changes(previous: LinkState | None, state: LinkState, fetch: Fetch, settings: Settings) -> list[Change]:
    """What one check changed about a link's health (newly dead, recovered, moved...)."""
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
