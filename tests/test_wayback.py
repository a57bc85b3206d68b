"""Wayback Machine fallback, against a local server that answers like web.archive.org."""

from __future__ import annotations

import json
import re

import pytest
from conftest import invoke
from siteserver import SITES, Page, SiteServer

from factcheck.archive import Archive

ARTICLE = (SITES / "article.html").read_bytes()
CLAIMS = """sources:
  story: {url}
claims:
  - id: cofounded
    text: Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit.
    sources: [story]
"""


class FakeWayback:
    """``/web/<ts>id_/<url>`` redirects to the capture's own timestamp, which serves the bytes."""

    def __init__(self) -> None:
        self.captures: dict[str, tuple[str, bytes]] = {}
        self.server = SiteServer()
        self.server.fallback = self.handle
        self.server.start()

    def handle(self, request) -> None:
        match = re.match(r"^/web/(\d{1,14})id_/(.+)$", request.path)
        capture = self.captures.get(match.group(2)) if match else None
        if capture is None:
            status, headers, body = 404, {"Content-Type": "text/html"}, b"<title>Wayback Machine</title>not archived"
        elif match.group(1) != capture[0]:
            status, headers, body = 302, {"Location": f"/web/{capture[0]}id_/{match.group(2)}"}, b""
        else:
            status, headers, body = 200, {"Content-Type": "text/html; charset=utf-8"}, capture[1]
        request.send_response(status)
        for key, value in headers.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.server.requests]


@pytest.fixture
def wayback(workdir, monkeypatch):
    fake = FakeWayback()
    monkeypatch.setenv("FACTCHECK_WAYBACK", "1")
    monkeypatch.setenv("FACTCHECK_WAYBACK_URL", fake.server.url(""))
    yield fake
    fake.server.stop()


def test_dead_source_without_local_copy_is_verified_against_the_nearest_capture(site, workdir, runner, wayback):
    url = site.url("/news/removed-story")  # 404 from the first check: no local copy
    wayback.captures[url] = ("20250301120000", ARTICLE)
    (workdir / "claims.yaml").write_text(CLAIMS.format(url=url))
    result = invoke(runner, ["run", "claims.yaml"])
    assert result.exit_code == 1  # the source is dead, even though the claim is backed
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    source = data["sources"][0]
    assert source["status"] == "dead" and source["from_archive"] is True
    assert source["wayback_url"] == wayback.server.url(f"/web/20250301120000/{url}")
    assert "Wayback Machine capture of 2025-03-01" in source["reason"]
    assert source["archived_at"] == "2025-03-01T12:00:00Z"  # the capture's time, not when we fetched it
    assert data["claims"][0]["verdict"] in ("supported", "partially_supported")
    assert data["claims"][0]["sources"][0]["from_archive"] is True
    # asked for the capture nearest to when the source was first checked, in raw (id_) form
    asked = wayback.paths[0]
    assert re.match(r"^/web/\d{14}id_/http://127\.0\.0\.1:\d+/news/removed-story$", asked)
    assert "Wayback Machine" in (workdir / "reports" / "claims.md").read_text()
    with Archive(workdir / "cache") as archive:
        origins = [(h.origin, h.fetch.status) for h in archive.history(url)]
        assert origins == [("live", "dead"), ("wayback", "ok")]
        assert archive.last(url).fetch.status == "dead"  # a capture is not a check of the live URL


def test_no_capture_leaves_the_claim_unverifiable_and_says_why(site, workdir, runner, wayback):
    url = site.url("/news/never-archived")
    (workdir / "claims.yaml").write_text(CLAIMS.format(url=url))
    invoke(runner, ["run", "claims.yaml"])
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["claims"][0]["verdict"] == "unverifiable"
    assert "no usable Wayback Machine capture" in data["sources"][0]["reason"]
    assert data["sources"][0]["wayback_url"] is None
    invoke(runner, ["run", "claims.yaml"])
    assert len(wayback.paths) == 1  # a miss is remembered for a week: not asked again at once


def test_wayback_is_not_asked_when_a_local_copy_exists_or_offline(site, workdir, runner, wayback):
    url = site.add("/news/story", ARTICLE)
    wayback.captures[url] = ("20250301120000", ARTICLE)
    (workdir / "claims.yaml").write_text(CLAIMS.format(url=url))
    invoke(runner, ["run", "claims.yaml"])
    site.add("/news/story", Page("gone", 410))
    invoke(runner, ["run", "claims.yaml"])
    invoke(runner, ["run", "--offline", "claims.yaml"])
    assert wayback.paths == []
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["sources"][0]["from_archive"] is True and data["sources"][0]["wayback_url"] is None


def test_blocked_source_falls_back_to_wayback(site, workdir, runner, wayback):
    url = site.add("/news/walled", Page("<title>Just a moment...</title>", 403))
    wayback.captures[url] = ("20240101000000", ARTICLE)
    (workdir / "claims.yaml").write_text(CLAIMS.format(url=url))
    invoke(runner, ["run", "claims.yaml"])
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["sources"][0]["status"] == "blocked"
    assert data["sources"][0]["wayback_url"].endswith(f"/web/20240101000000/{url}")
    assert data["claims"][0]["verdict"] in ("supported", "partially_supported")


class FakeSavePageNow:
    """``POST /save`` like SPN2: JSON with a job id, or 429 once ``limit`` captures were asked for."""

    def __init__(self, limit: int = 99) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs

        self.posts: list[tuple[str, str]] = []  # (authorization, url)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                url = parse_qs(self.rfile.read(length).decode())["url"][0]
                fake.posts.append((self.headers.get("Authorization"), url))
                if self.path != "/save" or len(fake.posts) > limit:
                    status, body = 429, b'{"message": "too many"}'
                else:
                    status, body = 200, json.dumps({"url": url, "job_id": f"spn2-{len(fake.posts)}"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_save_page_now_sends_one_request_at_a_time_and_stops_at_429():
    from factcheck.config import Settings
    from factcheck.fetch import save_page_now

    spn = FakeSavePageNow(limit=2)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    try:
        urls = [f"http://127.0.0.1:1/story-{i}" for i in range(4)]
        settings = Settings(allow_private=True, wayback_url=spn.url, spn_interval=20)
        results = save_page_now(urls, settings, access_key="AK", secret_key="SK", sleep=sleep)
    finally:
        spn.stop()
    assert [(r.ok, r.job_id) for r in results[:2]] == [(True, "spn2-1"), (True, "spn2-2")]
    assert not results[2].ok and "429" in results[2].reason
    assert results[3].reason == "not sent: rate limited"
    assert [url for _, url in spn.posts] == urls[:3]  # nothing sent after the 429
    assert {auth for auth, _ in spn.posts} == {"LOW AK:SK"}
    assert waits == [20, 20]  # spaced by spn_interval, through the injected sleep


def test_archive_save_without_keys_is_a_clear_input_error(workdir, runner):
    result = invoke(runner, ["archive", "save"])
    assert result.exit_code == 2 and "FACTCHECK_SPN_ACCESS_KEY" in result.output


def test_archive_save_requests_captures_of_healthy_sources_only(site, workdir, runner, monkeypatch):
    spn = FakeSavePageNow()
    try:
        good = site.add("/news/story", ARTICLE)
        dead = site.url("/news/gone")
        (workdir / "claims.yaml").write_text(
            f"sources:\n  a: {good}\n  b: {dead}\nclaims:\n  - text: OpenAI was founded in 2015.\n    sources: [a, b]\n")
        invoke(runner, ["run", "claims.yaml"])
        monkeypatch.setenv("FACTCHECK_WAYBACK_URL", spn.url)
        monkeypatch.setenv("FACTCHECK_SPN_ACCESS_KEY", "AK")
        monkeypatch.setenv("FACTCHECK_SPN_SECRET_KEY", "SK")
        result = invoke(runner, ["archive", "save", "claims.yaml"])
    finally:
        spn.stop()
    assert result.exit_code == 0, result.output
    assert [url for _, url in spn.posts] == [good]
    assert "1 of 1 capture(s) requested (1 source(s) not healthy, not sent)" in result.output
