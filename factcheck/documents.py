"""Documents of archived bodies: extract once, keep the text in the archive.

``load_document(archive, record)`` is the extracted text of an archived
check: from the archive when this extractor version already read that body,
else extracted now and stored. Used by the evidence of a run, by drift
detection, and by ``factcheck archive show``.
"""

from __future__ import annotations

from .archive import Archive
from .extract import EXTRACTOR_VERSION, extract
from .models import ArchivedFetch, Document

__all__ = ["load_document"]


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
