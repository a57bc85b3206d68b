"""WARC export: written by `archive export --warc`, read back by warcio, matches the archive."""

from __future__ import annotations

import gzip
import hashlib

from conftest import invoke
from siteserver import SITES, Page
from warcio.archiveiterator import ArchiveIterator

from factcheck.archive import Archive


def test_exported_warc_reads_back_and_matches_the_archive(site, workdir, runner):
    article = site.page_file("/news/story", "article.html", headers={"ETag": '"a1"'})
    site.redirect("/old", site.url("/news/moved"))
    site.add("/news/moved", "<html><title>Moved</title><body><p>Musk left the board in 2018.</p></body></html>")
    gzipped = gzip.compress((SITES / "unrelated.html").read_bytes())
    site.add("/gz", Page(gzipped, headers={"Content-Encoding": "gzip"}))
    dead = site.url("/gone")
    (workdir / "claims.yaml").write_text(
        f"sources:\n  a: {article}\n  b: {site.url('/old')}\n  c: {site.url('/gz')}\n  d: {dead}\n"
        "claims:\n  - text: Musk and Altman co-founded OpenAI in 2015.\n    sources: [a, b, c, d]\n")
    invoke(runner, ["run", "claims.yaml"])
    result = invoke(runner, ["archive", "export", "--warc", "out/sources.warc.gz"])
    assert result.exit_code == 0, result.output
    assert "4 response records" in result.output

    with Archive(workdir / "cache") as archive:
        expected = {}
        for stored in archive.iter_fetches():
            if stored.fetch.body is not None:
                expected[stored.fetch.final_url or stored.fetch.url] = (stored.body_sha256, stored.fetch)

    seen = {}
    with open(workdir / "out" / "sources.warc.gz", "rb") as handle:
        records = list(ArchiveIterator(handle))
        handle.seek(0)
        kinds = []
        for record in ArchiveIterator(handle):
            kinds.append(record.rec_type)
            assert record.rec_headers.protocol == "WARC/1.1"
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read()
            seen[uri] = (hashlib.sha256(payload).hexdigest(), record)
    assert records and kinds[0] == "warcinfo" and kinds.count("response") == 4
    assert set(seen) == set(expected)
    for uri, (sha, record) in seen.items():
        stored_sha, fetch = expected[uri]
        assert sha == stored_sha  # the bytes verified are the bytes replayed
        assert record.http_headers.get_statuscode() == str(fetch.http_status)
        assert record.rec_headers.get_header("WARC-Date") == fetch.fetched_at
        assert record.http_headers.get_header("Content-Encoding") is None  # stored decoded
    assert seen[article][1].http_headers.get_header("ETag") == '"a1"'
    assert site.url("/news/moved") in seen  # the body is recorded under the URL that served it
    assert seen[dead][1].http_headers.get_statuscode() == "404"  # an error page is a response too


def test_export_to_an_unwritable_place_is_a_clear_error(workdir, runner):
    (workdir / "blocker").write_text("a file, not a folder")
    result = invoke(runner, ["archive", "export", "--warc", "blocker/sources.warc.gz"])
    assert result.exit_code == 3 and "cannot write the WARC file" in result.output
    assert "Traceback" not in result.output
