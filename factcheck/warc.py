"""WARC export: the archive as WARC 1.1, for standard web-archive tools.

``export_warc(archive, path)`` writes one ``warcinfo`` record, then one
``response`` record per archived fetch that has a body, oldest first, gzipped
per record (``.warc.gz``) with warcio. The HTTP headers are the ones the
server sent, except that the body is stored decoded, so ``Content-Encoding``
and ``Transfer-Encoding`` are dropped and ``Content-Length`` is set to the
stored length: a replay tool gets exactly the bytes that were verified.
Each record carries ``WARC-Payload-Digest`` (sha256 of the body, as in the
archive) and ``WARC-Target-URI`` (the cited URL; for a Wayback capture the
cited URL too, with the capture's address in ``WARC-Refers-To-Target-URI``).
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import __version__
from .archive import Archive
from .errors import ArchiveError
from .files import atomic_file

__all__ = ["export_warc", "WarcExport"]

DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class WarcExport:
    path: Path
    records: int  # response records written
    skipped: int  # fetches without a body (failures, 304s)


def _sha256_label(data: bytes) -> str:
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def export_warc(archive: Archive, path: str | Path) -> WarcExport:
    """Write every archived response with a body to ``path`` (WARC 1.1, gzip)."""
    path = Path(path)
    written = skipped = 0
    with atomic_file(path, what="WARC file", error=ArchiveError) as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(path.name, {
            "software": f"factcheck/{__version__}", "format": "WARC File Format 1.1",
            "description": "Sources archived by factcheck (bodies stored decoded)"})
        writer.write_record(info)
        for stored in archive.iter_fetches():
            fetch = stored.fetch
            if fetch.body is None or stored.body_sha256 is None or fetch.http_status is None:
                skipped += 1
                continue
            body = fetch.body
            headers = [(k, v) for k, v in fetch.headers if k.lower() not in DROP_HEADERS]
            headers.append(("Content-Length", str(len(body))))
            status_line = f"{fetch.http_status} {_reason(fetch.http_status)}"
            http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": fetch.fetched_at, "WARC-Payload-Digest": _sha256_label(body)}
            if stored.origin != "live" and fetch.final_url:
                warc_headers["WARC-Refers-To-Target-URI"] = fetch.final_url
            record = writer.create_warc_record(
                fetch.final_url if stored.origin == "live" and fetch.final_url else fetch.url,
                "response", payload=io.BytesIO(body), length=len(body),
                http_headers=http_headers, warc_headers_dict=warc_headers)
            writer.write_record(record)
            written += 1
    return WarcExport(path=path, records=written, skipped=skipped)


def _reason(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Unknown"
