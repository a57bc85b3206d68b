"""The main job: claims -> fetch -> archive -> extract -> match -> report.

``run(claims_file, settings)`` reads top to bottom as the pipeline does:

1. check the matcher's name, before any fetching;
2. check every source (``checks.py``: fetch, record in the archive, fold into
   link health), each fetched source extracted and matched on the executor as
   it is recorded, while the rest is fetched (``workers.py``);
3. judge (``verdicts.py``): the evidence of each source (live copy, last good
   archived copy, or the nearest Wayback capture, ``evidence.py``), a verdict
   per claim minding content drift, and the report written.

A claim with no usable source is ``unverifiable``. Nothing here raises for a
bad source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .archive import Archive
from .checks import check_urls
from .clock import Clock, utcnow
from .config import Settings
from .errors import InputError, MatcherError
from .executor import EXECUTORS
from .match import MATCHERS
from .models import ClaimsFile, Fetch
from .verdicts import RunResult, assess, combine, open_matcher
from .workers import Primer

__all__ = ["run", "RunResult", "combine"]


def run(claims_file: ClaimsFile, settings: Settings, *, stem: str | None = None,
        progress: Callable[[str], None] | None = None, now: Clock = utcnow) -> RunResult:
    """Check the sources of ``claims_file``, judge its claims and write its report.

    ``now``: the one clock that stamps the checks and the report."""
    if settings.matcher not in MATCHERS:  # before any fetching: the matcher itself loads lazily
        raise MatcherError(f"unknown matcher {settings.matcher!r}; choose one of: {', '.join(MATCHERS)}")
    if settings.executor not in EXECUTORS:  # before any fetching too
        raise InputError(f"unknown executor {settings.executor!r} (--executor or FACTCHECK_EXECUTOR)\n"
                         f"  fix: choose one of: {', '.join(EXECUTORS)}")
    say = progress or (lambda message: None)
    with Archive(settings.cache_dir) as archive:
        matcher = open_matcher(settings, archive)
        urls = [ref.url for ref in claims_file.sources]
        say(f"fetching {len(urls)} sources")
        done = 0

        def fetched(fetch: Fetch) -> None:
            nonlocal done
            done += 1
            say(f"[{done}/{len(urls)}] {fetch.status:<13} {fetch.url}")

        # Each source is extracted and matched on the executor as soon as its check is recorded, while
        # the rest is fetched; a page whose worker process died twice is not read again here.
        with Primer(archive, claims_file.claims, matcher, settings, say) as primer:
            # Only the records are kept (not the checks' link states), without headers: what is left of
            # the run needs a check's status and where its body is; the archive keeps the rest.
            records = {c.fetch.url: replace(c.record, fetch=replace(c.fetch, headers=()))
                       for c in check_urls(archive, urls, settings, purpose="source", clock=now, progress=fetched,
                                           recorded=primer.fetched)}
            unreadable = primer.finish()
        return assess(archive, claims_file, records, matcher, settings, clock=now, say=say, stem=stem,
                      unreadable=unreadable)
