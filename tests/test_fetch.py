"""Fetch statuses against a real local server."""

from __future__ import annotations

import errno
import gzip
import socket
import ssl
from dataclasses import replace

import httpx
import pytest

from factcheck.config import Settings
from factcheck.fetch import fetch_all
from factcheck.fetch.classify import from_exception
from siteserver import Page

ARTICLE = "<html><head><title>A story</title></head><body><p>Plenty of text here.</p></body></html>"


@pytest.fixture
def settings(tmp_path):
    return Settings(allow_private=True, cache_dir=tmp_path / "cache", backoff=0.0, retries=2, total_timeout=5, read_timeout=2,
                    connect_timeout=2)


def fetch(settings, url, **kwargs):
    return fetch_all([url], settings, **kwargs)[0]


def test_plain_200_is_ok_with_body_and_headers(site, settings):
    url = site.add("/story", ARTICLE, headers={"ETag": '"v1"'})
    result = fetch(settings, url)
    assert (result.status, result.http_status, result.tag) == ("ok", 200, "http-200")
    assert result.body == ARTICLE.encode()
    assert result.header("etag") == '"v1"'
    assert result.final_url == url and result.redirects == ()


def test_redirect_chain_is_recorded(site, settings):
    final = site.add("/new/story", ARTICLE)
    middle = site.redirect("/mid/story", final, 302)
    start = site.redirect("/old/story", middle, 301)
    result = fetch(settings, start)
    assert result.status == "redirected"
    assert result.redirects == (start, middle)
    assert result.final_url == final


@pytest.mark.parametrize("code, status", [(404, "dead"), (410, "dead"), (403, "blocked"), (401, "blocked"),
                                          (999, "blocked"), (400, "dead")])
def test_http_errors_map_to_statuses(site, settings, code, status):
    url = site.add("/x", Page("<html><title>nope</title></html>", code))
    result = fetch(settings, url)
    assert result.status == status and result.http_status == code
    assert result.tag == f"http-{code}"


def test_server_error_is_retried_until_it_recovers(site, settings):
    answers = iter([Page("boom", 500), Page("boom", 503), Page(ARTICLE)])
    url = site.url("/flaky")

    def handler(request):
        page = next(answers)
        request.send_response(page.status)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(page.data())))
        request.end_headers()
        request.wfile.write(page.data())

    site.add("/flaky", handler)
    result = fetch(settings, url)
    assert result.status == "ok"
    assert site.hits["/flaky"] == 3


def test_rate_limit_honours_retry_after_then_stays_blocked(site, settings):
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    url = site.add("/limited", Page("slow down", 429, headers={"Retry-After": "7"}))
    result = fetch(settings, url, sleep=fake_sleep)
    assert result.status == "blocked" and result.tag == "http-429"
    assert slept == [7.0, 7.0]  # two retries, each waiting what the server asked


def test_soft_404_and_redirect_to_home(site, settings):
    soft = site.add("/gone", "<html><head><title>Page not found - Example</title></head><body>Sorry</body></html>")
    assert fetch(settings, soft).status == "soft_404"
    site.add("/", ARTICLE)
    moved = site.redirect("/2020/01/old-article", site.url("/"))
    result = fetch(settings, moved)
    assert (result.status, result.tag) == ("soft_404", "redirect-to-home")


def test_challenge_page_is_blocked_not_dead(site, settings):
    url = site.add("/cf", Page("<html><head><title>Just a moment...</title></head><body>checking</body></html>",
                               403, headers={"cf-mitigated": "challenge"}))
    assert fetch(settings, url).status == "blocked"
    url200 = site.add("/cf200", "<html><head><title>Just a moment...</title></head><body></body></html>")
    assert fetch(settings, url200).status == "blocked"


def test_unsupported_types_and_pdf(site, settings):
    image = site.add("/img.png", Page(b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png"))
    result = fetch(settings, image)
    assert (result.status, result.tag) == ("unsupported", "content-type")
    pdf = site.add("/doc.pdf", Page(b"%PDF-1.4 fake", content_type="application/pdf"))
    assert fetch(settings, pdf).status == "ok"


def test_refused_connection_is_a_network_error(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetch(replace(settings, retries=0), f"http://127.0.0.1:{port}/x")
    assert (result.status, result.tag) == ("network_error", "connection-refused")
    assert "refused" in result.reason


def test_offline_mode_fetches_nothing(site, settings):
    url = site.add("/story", ARTICLE)
    result = fetch(replace(settings, offline=True), url)
    assert (result.status, result.tag) == ("network_error", "offline")
    assert site.hits == {}


def test_gzip_body_is_decompressed_and_capped(site, settings):
    big = gzip.compress(b"<html><body>" + b"a" * 2_000_000 + b"</body></html>")
    url = site.add("/bomb", Page(big, headers={"Content-Encoding": "gzip"}))
    result = fetch(replace(settings, max_bytes=100_000), url)
    assert (result.status, result.tag) == ("unsupported", "content-too-large")
    small = site.add("/small", Page(gzip.compress(ARTICLE.encode()), headers={"Content-Encoding": "gzip"}))
    assert fetch(settings, small).body == ARTICLE.encode()


def test_conditional_request_sends_validators_and_304_is_ok(site, settings):
    from factcheck.fetch import Conditional

    url = site.add("/same", Page(b"", 304, None))
    result = fetch(settings, url, conditional={url: Conditional(etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")})
    assert result.status == "ok" and result.http_status == 304
    headers = site.requests[-1][1]
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"].startswith("Mon, 01 Jan 2024")


def test_honest_user_agent_is_sent(site, settings):
    url = site.add("/ua", ARTICLE)
    fetch(replace(settings, user_agent="factcheck-test/1.0 (+mailto:me@example.org)"), url)
    assert site.requests[-1][1]["user-agent"] == "factcheck-test/1.0 (+mailto:me@example.org)"


def test_a_total_timeout_is_not_retried_within_the_run(site, settings):
    from siteserver import trickle

    url = site.add("/trickle", trickle)
    result = fetch(replace(settings, total_timeout=0.5, read_timeout=2, retries=2), url)
    assert (result.status, result.tag) == ("timeout", "timeout-total")
    assert result.transient  # a later check tries again
    assert site.hits["/trickle"] == 1  # but this run does not spend 3 x the budget on it


@pytest.mark.parametrize(("cited", "requested"), [
    ("/news/NewsDetail__18725/.", "/news/NewsDetail__18725/"),
    ("/news/a/b/..", "/news/a/"),
    ("/news/./story", "/news/story"),
])
def test_dot_segments_are_removed_as_rfc_3986_says(site, settings, cited, requested):
    site.add(requested, ARTICLE)
    result = fetch(settings, site.url(cited))
    assert result.status == "ok", result.reason
    assert [path for path, _ in site.requests] == [requested]
    assert result.url == site.url(cited)  # the source keeps the URL the article cites


def _raised(outer: BaseException, cause: BaseException | None) -> BaseException:
    """``outer`` as the library raises it: ``raise outer from cause``."""
    try:
        try:
            if cause is not None:
                raise cause
            raise outer
        except BaseException as inner:
            if inner is outer:
                raise
            raise outer from inner
    except BaseException as exc:  # noqa: BLE001 - the chain is what is under test
        return exc


@pytest.mark.parametrize(("cause", "status", "tag", "transient"), [
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "network_error", "dns-failure", False),
    (ssl.SSLCertVerificationError(1, "certificate verify failed"), "network_error", "tls-error", False),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "network_error", "network-unreachable", True),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "network_error", "connection-refused", True),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "network_error", "connection-reset", True),
    (None, "network_error", "network-error", True),
])
def test_library_errors_are_classified_by_type_not_by_message(cause, status, tag, transient):
    # the message says "refused", "ssl" and "name or service not known": only the types may count
    exc = _raised(httpx.ConnectError("connection refused; ssl; name or service not known"), cause)
    result = from_exception("http://127.0.0.1:9/x", exc)
    assert (result.status, result.tag, result.transient) == (status, tag, transient)


def test_the_soft_404_probe_takes_the_hosts_next_turn_within_its_limit_and_crawl_delay(site, settings):
    """One request at a time to the host, at least ``host_interval`` apart, the probe included;
    and the probe goes ahead of the host's queued pages (they wait for it), at most one turn late."""
    import threading
    import time

    interval, answer_time = 0.4, 0.05
    seen: list[tuple[str, float]] = []
    busy = [0, 0]  # requests in flight now, most ever
    lock = threading.Lock()

    def recorded(status: int, body: str):
        def handler(request):
            with lock:
                seen.append((request.path, time.monotonic()))
                busy[0] += 1
                busy[1] = max(busy)
            time.sleep(answer_time)  # long enough that an extra request would overlap
            data = body.encode()
            request.send_response(status)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
            request.wfile.flush()
            with lock:
                busy[0] -= 1
        return handler

    pages = [site.add(f"/story/{n}", recorded(200, f"<html><body><p>Story number {n}.</p></body></html>"))
             for n in range(5)]
    site.fallback = recorded(404, "<html><head><title>Not found</title></head><body>No such page</body></html>")
    polite = replace(settings, per_host=1, host_interval=interval, concurrency=8, retries=0)
    results = fetch_all(pages, polite, soft404_probe=True)
    assert [r.status for r in results] == ["ok"] * 5  # the host says "not found" for a made-up path
    paths = [path for path, _ in seen]
    assert len(paths) == 6 and sum(p.endswith("-factcheck-probe") for p in paths) == 1
    assert busy[1] == 1  # the probe never overlapped a page (per-host limit 1)
    starts = [at for _, at in seen]
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    assert min(gaps) >= interval - 0.15, gaps  # the crawl delay held before and after the probe (old: 0.06)
    probe = next(i for i, p in enumerate(paths) if p.endswith("-factcheck-probe"))
    # sent when the first page arrived: the page already holding the next turn may go first, no other
    assert probe <= 2, paths


def test_slots_serve_first_waiters_ahead_and_a_cancelled_waiter_takes_no_slot():
    import asyncio

    from factcheck.fetch.limits import Slots

    async def scenario() -> list[str]:
        slots, order = Slots(1), []

        async def user(name: str, first: bool = False) -> None:
            async with slots.taken(first=first):
                order.append(name)
                await asyncio.sleep(0.01)

        await slots.acquire()  # held: everyone below waits
        tasks = [asyncio.create_task(user("a")), asyncio.create_task(user("gone")),
                 asyncio.create_task(user("b")), asyncio.create_task(user("probe", first=True))]
        await asyncio.sleep(0.01)
        tasks[1].cancel()
        slots.release()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert slots.free == 1 and not any(slots.waiting)  # every slot given back
        return order

    assert asyncio.run(scenario()) == ["probe", "a", "b"]
