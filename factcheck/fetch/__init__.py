"""Fetching: the only package that touches the network (the LLM tier's JSON call aside).

One job per module, each calling only downward::

    wayback.py   the Internet Archive: Wayback lookup, Save Page Now   -> client
    client.py    the polite client: limits, timeouts, redirects by hand,
                 size cap, retries; robots and soft-404 on request      -> guard, robots, soft404, classify, limits
    guard.py     the private-address guard: a network backend that resolves once,
                 refuses non-public addresses, connects to the address it checked
    robots.py    robots.txt, once per origin and run                    -> limits
    soft404.py   soft 404s by probing a made-up path, once per host
    classify.py  answer or exception -> status, reason and tag (once, by type)
    limits.py    concurrency and per-host intervals; capped body reading

Nothing here raises for a bad source: every failure is a ``Fetch`` with a
status (``models.STATUSES``), a human reason and a stable tag. Nothing here
decides policy either: the checks layer (``checks.py``) says when to honour
robots.txt and probe for soft 404s, and ``Settings`` whether private
addresses may be fetched.
"""

from __future__ import annotations

from .classify import classify_body
from .client import Conditional, Progress, fetch_all, fetch_one
from .wayback import SaveResult, fetch_wayback, save_page_now, wayback_capture_url, wayback_time

__all__ = ["fetch_all", "fetch_one", "fetch_wayback", "wayback_capture_url", "wayback_time", "save_page_now",
           "SaveResult", "Conditional", "Progress", "classify_body"]
