"""The archive: the only module that touches SQL and the blob store.

Layout under the cache directory::

    archive.db       SQLite (WAL) kept with sqlite-utils: every fetch attempt,
                     per-URL state, extracted documents, sentence vectors
    blobs/ab/cd...   raw bodies and extracted texts, content-addressed by the
                     SHA-256 of the uncompressed bytes, stored zlib-compressed
                     (level ``BLOB_LEVEL``; any level reads back the same)

Crash safety: a blob is written to a temporary file, flushed, fsynced and
renamed into place *before* any row points at it, so a kill -9 leaves at
worst an orphan blob, never a row pointing at a missing or half-written one.
Rows are written in short transactions; WAL and a busy timeout let two runs
share a cache.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import ArchiveError, OutputError
from .files import atomic_write
from .models import (
    ALIVE_STATUSES, ArchivedFetch, Conditional, Document, Fetch, LinkState, Origin, Sentence, Verification,
)

__all__ = ["Archive", "ArchivedFetch", "VerifyResult", "safe_snapshot", "SNAPSHOT_POLICY"]

BUSY_TIMEOUT_MS = 30_000
#: zlib level of blobs. Measured on the 150 real pages of bench/data/pages (159 KB mean): level 1
#: compresses a body in 0.8 ms of CPU to 22.3% of its size, level 6 (zlib's default) in 2.0 ms to
#: 18.7%: a fifth more disk for 1.2 ms less per source. Blobs of either level read the same.
BLOB_LEVEL = 1


@dataclass(frozen=True)
class VerifyResult:
    blobs_checked: int
    bad_blobs: tuple[str, ...]  # sha256 whose content does not hash back, or unreadable
    missing_blobs: tuple[str, ...]  # referenced by a row but absent
    orphan_blobs: tuple[str, ...]  # present but referenced by no row (harmless)

    @property
    def ok(self) -> bool:
        return not self.bad_blobs and not self.missing_blobs


def _migration_1(db: sqlite_utils.Database) -> None:
    db.table("fetches").create(
        {"id": int, "url": str, "status": str, "reason": str, "tag": str, "http_status": int,
         "final_url": str, "redirects": str, "headers": str, "content_type": str, "body_sha256": str,
         "size": int, "fetched_at": str, "elapsed": float, "transient": int},
        pk="id", not_null={"url", "status", "fetched_at"},
    )
    db.table("fetches").create_index(["url", "fetched_at"])
    db.table("documents").create(
        {"body_sha256": str, "extractor_version": str, "text_sha256": str, "title": str, "date": str,
         "language": str, "extractor": str, "sentences": str},
        pk=("body_sha256", "extractor_version"),
    )
    db.table("vectors").create({"key": str, "model": str, "dim": int, "count": int, "data": bytes},
                         pk=("key", "model"))


def _migration_2(db: sqlite_utils.Database) -> None:
    """Link-rot state: where each fetch came from, and per-URL state between checks."""
    db.table("fetches").add_column("origin", str)
    db.table("url_state").create(
        {"url": str, "health": str, "last_status": str, "last_tag": str, "last_checked_at": str,
         "next_check_at": str, "interval_hours": float, "failures": int, "first_failed_at": str,
         "last_ok_at": str, "dead_since": str, "final_url": str, "etag": str, "last_modified": str,
         "good_sha256": str},
        pk="url", not_null={"health", "next_check_at"},
    )
    db.table("url_state").create_index(["next_check_at"])
    db.table("verified").create(
        {"claims_file": str, "claim_id": str, "url": str, "body_sha256": str, "fetched_at": str, "verdict": str,
         "score": float, "quote": str, "lost_at": str},
        pk=("claims_file", "claim_id", "url"),
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    """Verdicts already computed: (matcher version, claim, document text) -> verdict JSON."""
    db.table("verdicts").create({"key": str, "data": str}, pk="key")


MIGRATIONS = [_migration_1, _migration_2, _migration_3]


class Archive:
    def __init__(self, cache_dir: str | Path) -> None:
        self.root = Path(cache_dir)
        self.blob_dir = self.root / "blobs"
        try:
            self.blob_dir.mkdir(parents=True, exist_ok=True)
            self._open()
        except (OSError, sqlite3.Error) as exc:
            raise ArchiveError(f"cannot open the archive in {self.root}: {exc}\n"
                               "  fix: check that the cache directory is writable and archive.db is a "
                               "factcheck archive (a corrupt one can be moved away)") from exc

    def _open(self) -> None:
        """Connect, switch to WAL and migrate, waiting out other processes doing the same.

        SQLite answers "database is locked" at once, without its busy handler, when
        two connections would deadlock (both reading a new file in rollback mode, both
        wanting to switch it to WAL); the loser backs off and tries again, up to the
        busy timeout, so two runs started together on a fresh cache both proceed."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            conn = sqlite3.connect(self.root / "archive.db", timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                self.db = sqlite_utils.Database(conn)
                self._migrate()
                return
            except sqlite3.OperationalError as exc:
                conn.close()
                busy = exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                if not busy or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
            except BaseException:
                conn.close()
                raise

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """One short transaction; a failure (disk full, read-only, corrupt) becomes an ``ArchiveError``."""
        try:
            with self.db.conn:
                yield
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot {what} in the archive {self.root}: {exc}\n"
                               "  fix: free disk space and check that the cache directory is writable; "
                               "what was archived before is kept") from exc

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, params))
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot read the archive {self.root}: {exc}\n"
                               "  fix: run 'factcheck archive verify'; a corrupt archive.db can be moved "
                               "away (the blobs stay readable)") from exc

    def _migrate(self) -> None:
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise ArchiveError(
                    f"the archive {self.root / 'archive.db'} was written by a newer factcheck (schema version "
                    f"{version}; this one knows up to {len(MIGRATIONS)})\n"
                    "  fix: upgrade factcheck, or point --cache at another directory")
            for number, migration in enumerate(MIGRATIONS, start=1):
                if number > version:
                    migration(self.db)
                    conn.execute(f"PRAGMA user_version={number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- blobs -------------------------------------------------------------

    def _blob_path(self, sha: str) -> Path:
        return self.blob_dir / sha[:2] / sha[2:]

    def put_blob(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self._blob_path(sha)
        if path.exists():
            return sha
        atomic_write(path, zlib.compress(data, BLOB_LEVEL), what="archive blob", error=ArchiveError)
        return sha

    def get_blob(self, sha: str) -> bytes | None:
        try:
            return zlib.decompress(self._blob_path(sha).read_bytes())
        except (OSError, zlib.error):
            return None

    # -- fetches -----------------------------------------------------------

    def record_fetch(self, fetch: Fetch, origin: Origin = "live") -> ArchivedFetch:
        """Store one attempt (and its body) for good; return it with its row id.

        ``origin`` is "live" for a check of the URL itself, "wayback" for a
        capture fetched from the Wayback Machine (stored under the cited URL,
        ``final_url`` being the capture's address)."""
        sha = self.put_blob(fetch.body) if fetch.body else None
        row = {
            "url": fetch.url, "status": fetch.status, "reason": fetch.reason, "tag": fetch.tag,
            "http_status": fetch.http_status, "final_url": fetch.final_url,
            "redirects": json.dumps(list(fetch.redirects)), "headers": json.dumps(list(fetch.headers)),
            "content_type": fetch.content_type, "body_sha256": sha,
            "size": len(fetch.body) if fetch.body else None, "fetched_at": fetch.fetched_at,
            "elapsed": fetch.elapsed, "transient": int(fetch.transient), "origin": origin,
        }
        sql = f"insert into fetches ({', '.join(row)}) values ({', '.join('?' * len(row))})"
        with self._writing("record a fetch"):  # one statement: sqlite-utils' insert also reads the schema
            row_id = self.db.conn.execute(sql, tuple(row.values())).lastrowid
        assert row_id is not None  # an insert always gives a rowid
        return ArchivedFetch(id=row_id, fetch=fetch, body_sha256=sha, origin=origin)

    def _from_row(self, row: dict[str, Any], with_body: bool) -> ArchivedFetch:
        body = self.get_blob(row["body_sha256"]) if with_body and row["body_sha256"] else None
        fetch = Fetch(
            url=row["url"], status=row["status"], reason=row["reason"] or "", tag=row["tag"] or "",
            fetched_at=row["fetched_at"], http_status=row["http_status"], final_url=row["final_url"],
            redirects=tuple(json.loads(row["redirects"] or "[]")),
            headers=tuple((str(k), str(v)) for k, v in json.loads(row["headers"] or "[]")),
            content_type=row["content_type"], body=body, elapsed=row["elapsed"] or 0.0,
            transient=bool(row["transient"]),
        )
        return ArchivedFetch(id=row["id"], fetch=fetch, body_sha256=row["body_sha256"],
                             origin=row.get("origin") or "live")

    def history(self, url: str) -> list[ArchivedFetch]:
        """Every attempt for ``url``, oldest first, without bodies."""
        rows = self._rows("select * from fetches where url = ? order by fetched_at, id", [url])
        return [self._from_row(r, with_body=False) for r in rows]

    def last_good(self, url: str) -> ArchivedFetch | None:
        """The newest attempt whose body is the cited page, with its body."""
        marks = ",".join("?" * len(ALIVE_STATUSES))
        rows = self._rows(
            f"select * from fetches where url = ? and status in ({marks}) and body_sha256 is not null "
            "order by fetched_at desc, id desc limit 5", [url, *sorted(ALIVE_STATUSES)])
        for row in rows:
            found = self._from_row(row, with_body=True)
            if found.fetch.body is not None:
                return found
        return None

    def validators(self, url: str) -> Conditional | None:
        """ETag / Last-Modified of the newest good copy, for a conditional re-check."""
        marks = ",".join("?" * len(ALIVE_STATUSES))
        rows = self._rows(
            f"select * from fetches where url = ? and status in ({marks}) and origin = 'live' "
            "and body_sha256 is not null order by fetched_at desc, id desc limit 1",
            [url, *sorted(ALIVE_STATUSES)])
        if not rows:
            return None
        good = self._from_row(rows[0], with_body=False)
        etag, modified = good.fetch.header("etag"), good.fetch.header("last-modified")
        return Conditional(etag, modified) if etag or modified else None

    def last(self, url: str) -> ArchivedFetch | None:
        """The newest check of ``url`` itself (Wayback captures left out)."""
        rows = self._rows(
            "select * from fetches where url = ? and coalesce(origin, 'live') = 'live' "
            "order by fetched_at desc, id desc limit 1", [url])
        return self._from_row(rows[0], with_body=False) if rows else None

    def urls(self) -> list[str]:
        return [r["url"] for r in self._rows("select distinct url from fetches order by url")]

    def wayback_miss_since(self, url: str, since: str) -> bool:
        """Whether the Wayback Machine said it has no capture of ``url`` at or after ``since`` (ISO 8601)."""
        rows = self._rows(
            "select 1 from fetches where url = ? and origin = 'wayback' and tag = 'wayback-none' "
            "and fetched_at >= ? limit 1", [url, since])
        return bool(rows)

    def first_seen(self, url: str) -> str | None:
        """When ``url`` was first checked: the best guess for when it was cited."""
        rows = self._rows(
            "select min(fetched_at) as t from fetches where url = ? and coalesce(origin, 'live') = 'live'",
            [url])
        return rows[0]["t"] if rows else None

    # -- link state between checks (recheck.py) ----------------------------

    def get_state(self, url: str) -> LinkState | None:
        rows = self._rows("select * from url_state where url = ?", [url])
        return LinkState(**rows[0]) if rows else None

    def put_state(self, state: LinkState) -> None:
        with self._writing("record link state"):
            self.db.table("url_state").upsert(asdict(state), pk="url")

    def get_verified(self, claims_file: str, claim_id: str, url: str) -> Verification | None:
        rows = self._rows("select * from verified where claims_file = ? and claim_id = ? and url = ?",
                                  [claims_file, claim_id, url])
        return Verification(**rows[0]) if rows else None

    def put_verified(self, verification: Verification) -> None:
        with self._writing("record a verification"):
            self.db.table("verified").upsert(asdict(verification), pk=("claims_file", "claim_id", "url"))

    def record_by_sha(self, url: str, sha: str) -> ArchivedFetch | None:
        """The newest fetch of ``url`` whose body is ``sha``, with its body."""
        rows = self._rows("select * from fetches where url = ? and body_sha256 = ? "
                                  "order by fetched_at desc, id desc limit 1", [url, sha])
        return self._from_row(rows[0], with_body=True) if rows else None

    def due_urls(self, urls: list[str], now: str) -> list[str]:
        """Those of ``urls`` whose next check is at or before ``now`` (never checked: due)."""
        nexts = {r["url"]: r["next_check_at"] for r in self._rows("select url, next_check_at from url_state")}
        return [u for u in urls if u not in nexts or nexts[u] <= now]

    def fetch_by_id(self, fetch_id: int) -> ArchivedFetch | None:
        rows = self._rows("select * from fetches where id = ?", [fetch_id])
        return self._from_row(rows[0], with_body=True) if rows else None

    def iter_fetches(self) -> Iterator[ArchivedFetch]:
        for row in self._rows("select * from fetches order by id"):
            yield self._from_row(row, with_body=True)

    # -- documents and vectors --------------------------------------------

    def get_document(self, body_sha: str, version: str, url: str) -> Document | None:
        rows = self._rows(
            "select * from documents where body_sha256 = ? and extractor_version = ?", [body_sha, version])
        if not rows:
            return None
        row = rows[0]
        data = self.get_blob(row["text_sha256"])
        if data is None:
            return None
        text = data.decode("utf-8")
        sentences = tuple(Sentence(text[s:e], s, e) for s, e in json.loads(row["sentences"]))
        return Document(url=url, text=text, sentences=sentences, title=row["title"], date=row["date"],
                        language=row["language"], extractor=row["extractor"], sha256=row["text_sha256"])

    def put_document(self, body_sha: str, version: str, doc: Document) -> None:
        text_sha = self.put_blob(doc.text.encode("utf-8"))
        row = (body_sha, version, text_sha, doc.title, doc.date, doc.language, doc.extractor,
               json.dumps([[s.start, s.end] for s in doc.sentences], separators=(",", ":")))
        # one statement (sqlite-utils' upsert reads the schema and runs an insert and an update)
        with self._writing("store an extracted document"):
            self.db.conn.execute(
                "insert or replace into documents (body_sha256, extractor_version, text_sha256, title, date, "
                "language, extractor, sentences) values (?, ?, ?, ?, ?, ?, ?, ?)", row)

    def get_vectors(self, key: str, model: str) -> tuple[bytes, int, int] | None:
        rows = self._rows("select data, dim, count from vectors where key = ? and model = ?",
                                  [key, model])
        return (rows[0]["data"], rows[0]["dim"], rows[0]["count"]) if rows else None

    def put_vectors(self, key: str, model: str, data: bytes, dim: int, count: int) -> None:
        with self._writing("store sentence vectors"):
            self.db.table("vectors").upsert({"key": key, "model": model, "dim": dim, "count": count, "data": data},
                                      pk=("key", "model"))

    def get_verdict(self, key: str) -> str | None:
        rows = self._rows("select data from verdicts where key = ?", [key])
        return rows[0]["data"] if rows else None

    def put_verdict(self, key: str, data: str) -> None:
        with self._writing("store a verdict"):
            self.db.table("verdicts").upsert({"key": key, "data": data}, pk="key")

    # -- integrity ---------------------------------------------------------

    def verify(self) -> VerifyResult:
        referenced: set[str] = set()
        for row in self._rows("select body_sha256 from fetches where body_sha256 is not null"):
            referenced.add(row["body_sha256"])
        for row in self._rows("select text_sha256 from documents"):
            referenced.add(row["text_sha256"])
        present: set[str] = set()
        bad: list[str] = []
        for path in self.blob_dir.glob("*/*"):
            if path.name.startswith("."):  # a temporary file of a write in progress or interrupted
                continue
            sha = path.parent.name + path.name
            present.add(sha)
            try:
                data = zlib.decompress(path.read_bytes())
            except (OSError, zlib.error):
                bad.append(sha)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                bad.append(sha)
        return VerifyResult(
            blobs_checked=len(present), bad_blobs=tuple(sorted(bad)),
            missing_blobs=tuple(sorted(referenced - present)), orphan_blobs=tuple(sorted(present - referenced)),
        )

    # -- snapshots people can open ------------------------------------------

    def snapshot_file(self, sha: str, content_type: str | None) -> Path | None:
        """A plain file of an archived body under ``snapshots/``, for report links.

        An HTML copy opens from ``file://`` in a browser, so it gets a Content-Security-Policy
        first that lets none of the page's scripts, plugins or forms run (``safe_snapshot``);
        the archived bytes themselves (the blob) stay exactly as fetched."""
        ctype = (content_type or "").split(";")[0].strip().lower()
        ext = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(ctype, ".html")
        path = self.root / "snapshots" / f"{sha}{ext}"
        if path.exists() and (ext != ".html" or _starts_safe(path)):
            return path
        data = self.get_blob(sha)
        if data is None:
            return None
        try:
            return atomic_write(path, safe_snapshot(data) if ext == ".html" else data, what="snapshot")
        except OutputError:
            return None  # a convenience copy for report links: the archive itself is intact


#: Put before an archived HTML page written out for people to open: no script of the page runs,
#: nothing is embedded as a plugin, no form is sent (the HTML parser moves it into <head>).
SNAPSHOT_POLICY = (b'<meta http-equiv="Content-Security-Policy" content="script-src \'none\'; '
                   b'object-src \'none\'; form-action \'none\'; base-uri \'none\'">\n')
_BOMS = (b"\xef\xbb\xbf",)


def safe_snapshot(body: bytes) -> bytes:
    """``body`` with ``SNAPSHOT_POLICY`` in front (after a UTF-8 byte-order mark, if any); a
    UTF-16 page, where ASCII bytes would not read as text, is left as it is."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body
    for bom in _BOMS:
        if body.startswith(bom):
            return bom + SNAPSHOT_POLICY + body[len(bom):]
    return SNAPSHOT_POLICY + body


def _starts_safe(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(len(SNAPSHOT_POLICY) + 3)
    return SNAPSHOT_POLICY in head or head.startswith((b"\xff\xfe", b"\xfe\xff"))
