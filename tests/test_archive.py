from __future__ import annotations

import multiprocessing

from factcheck.archive import Archive
from factcheck.extract import document_from_text
from factcheck.models import Fetch


def make_fetch(url="http://127.0.0.1/a", status="ok", body=b"<html>hi</html>", when="2026-01-01T00:00:00Z"):
    return Fetch(url=url, status=status, reason="", tag="t", fetched_at=when, http_status=200, body=body,
                 content_type="text/html", headers=(("ETag", '"1"'),))


def test_every_attempt_is_kept_and_the_last_good_copy_found(tmp_path):
    with Archive(tmp_path) as archive:
        archive.record_fetch(make_fetch(body=b"v1", when="2026-01-01T00:00:00Z"))
        archive.record_fetch(make_fetch(body=b"v2", when="2026-01-02T00:00:00Z"))
        archive.record_fetch(make_fetch(status="dead", body=b"not found", when="2026-01-03T00:00:00Z"))
        history = archive.history("http://127.0.0.1/a")
        assert [h.fetch.status for h in history] == ["ok", "ok", "dead"]
        good = archive.last_good("http://127.0.0.1/a")
        assert good.fetch.body == b"v2" and good.fetch.header("etag") == '"1"'
    with Archive(tmp_path) as again:  # survives reopening
        assert len(again.history("http://127.0.0.1/a")) == 3


def test_blobs_are_content_addressed_compressed_and_verified(tmp_path):
    with Archive(tmp_path) as archive:
        a = archive.record_fetch(make_fetch(body=b"same" * 1000))
        b = archive.record_fetch(make_fetch(body=b"same" * 1000))
        assert a.body_sha256 == b.body_sha256
        path = archive._blob_path(a.body_sha256)
        assert path.stat().st_size < 4000
        assert archive.verify().ok
        path.write_bytes(b"corrupted")
        result = archive.verify()
        assert not result.ok and result.bad_blobs == (a.body_sha256,)
        path.unlink()
        assert archive.verify().missing_blobs == (a.body_sha256,)


def test_documents_and_vectors_are_cached(tmp_path):
    doc = document_from_text("u", "One sentence. Two sentences.")
    with Archive(tmp_path) as archive:
        archive.put_document("abc", "1", doc)
        again = archive.get_document("abc", "1", "u")
        assert again.text == doc.text and again.sentences == doc.sentences
        assert archive.get_document("abc", "2", "u") is None
        archive.put_vectors(doc.sha256, "m", b"\x00" * 8, 2, 1)
        assert archive.get_vectors(doc.sha256, "m") == (b"\x00" * 8, 2, 1)


def test_html_snapshots_open_with_a_policy_that_runs_no_script_and_keep_their_bytes(tmp_path):
    from factcheck.archive import SNAPSHOT_POLICY, safe_snapshot

    page = "<html><head><meta charset='windows-1252'></head><body><p>caf\xe9</p></body></html>".encode("cp1252")
    assert safe_snapshot(page) == SNAPSHOT_POLICY + page
    bom = b"\xef\xbb\xbf<html>\xc3\xa9</html>"
    assert safe_snapshot(bom) == b"\xef\xbb\xbf" + SNAPSHOT_POLICY + bom[3:]  # the mark stays first
    utf16 = "<html>é</html>".encode("utf-16")
    assert safe_snapshot(utf16) == utf16  # ASCII bytes would not read as text there
    with Archive(tmp_path) as archive:
        sha = archive.put_blob(page)
        path = archive.snapshot_file(sha, "text/html")
        assert path.read_bytes().startswith(SNAPSHOT_POLICY)
        assert archive.get_blob(sha) == page  # the archived copy itself is untouched
        path.write_bytes(page)  # a copy written by an older factcheck is replaced
        assert archive.snapshot_file(sha, "text/html").read_bytes() == SNAPSHOT_POLICY + page


def _open_and_close(cache: str, start, errors) -> None:
    start.wait(30)
    try:
        Archive(cache).close()
    except Exception as exc:  # reported to the parent, which asserts on it
        errors.put(repr(exc))


def test_processes_opening_one_fresh_archive_together_all_get_in(tmp_path):
    # Two connections reading a brand-new file in rollback mode, both wanting to
    # switch it to WAL, deadlock; SQLite then answers "database is locked" at once,
    # without waiting. Every opener must back off and get in (CI once lost a run so).
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for round_ in range(25):
        cache = str(tmp_path / f"cache{round_}")
        start = context.Barrier(8)
        openers = [context.Process(target=_open_and_close, args=(cache, start, errors)) for _ in range(8)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(60)
            assert opener.exitcode == 0
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == []
