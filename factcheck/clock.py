"""Time: one clock and one ISO 8601 format for every stage.

Every timestamp factcheck stores or prints is UTC, to the second, written
``2026-01-05T06:00:00Z``. Time comes from an injectable ``Clock`` (a
function returning an aware ``datetime``), never from sleeps, so tests move
time forward by hand. ``Retry-After`` (seconds or an HTTP date) is read here
too, once, for the fetcher's back-off and for link health across checks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

__all__ = ["Clock", "utcnow", "iso", "now_iso", "parse_iso", "retry_after_seconds"]

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """Now, UTC, to the second: the default ``Clock``."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """``moment`` as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def now_iso() -> str:
    return iso(utcnow())


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait from ``now``; None when absent or unreadable."""
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return (parsedate_to_datetime(value) - now).total_seconds()
    except (TypeError, ValueError):
        return None
