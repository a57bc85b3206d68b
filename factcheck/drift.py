"""Content drift: has a page's text materially changed since its previous good copy?

Sentences are compared after ``comparable`` (punctuation and case folded):
when at least ``DRIFT_THRESHOLD`` of the old copy's sentences are gone, or of
the new copy's are new, the re-check reports ``drift``.
"""

from __future__ import annotations

import re

from .archive import Archive
from .documents import load_document
from .models import ArchivedFetch, Change

__all__ = ["drift", "comparable", "DRIFT_THRESHOLD"]

DRIFT_THRESHOLD = 0.10  # share of sentences changed that counts as material drift


def comparable(text: str) -> str:
    """``text`` with punctuation, spacing and case folded, to compare quotes and sentences."""
    return re.sub(r"\W+", " ", text).strip().lower()


def drift(archive: Archive, record: ArchivedFetch, previous: ArchivedFetch | None) -> list[Change]:
    """Material change of a page's text since its previous good copy (``previous``)."""
    if previous is None or record.body_sha256 is None or not record.fetch.alive:
        return []
    if record.body_sha256 == previous.body_sha256:
        return []
    old, new = load_document(archive, previous), load_document(archive, record)
    if old is None or new is None:
        return []
    old_set = {comparable(s.text) for s in old.sentences}
    new_set = {comparable(s.text) for s in new.sentences}
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
