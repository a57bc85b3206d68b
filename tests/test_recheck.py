"""Link rot: run, change the site, recheck; link health across checks; what changed."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest
from conftest import invoke
from siteserver import SITES, Page, etag_page

from factcheck.archive import MIGRATIONS, Archive, ArchivedFetch
from factcheck.claims import load_claims
from factcheck.config import Settings
from factcheck.models import Fetch
from factcheck.pipeline import run as run_pipeline
from factcheck.health import next_state
from factcheck.recheck import recheck

ARTICLE = (SITES / "article.html").read_text(encoding="utf-8")
CITED = "Elon Musk and Sam Altman co-founded OpenAI in December 2015 as a nonprofit artificial intelligence research lab."
HOME = "<html><head><title>Example News</title></head><body><h1>Front page</h1><p>Latest stories.</p></body></html>"
SOFT_404 = "<html><head><title>Page not found | Example News</title></head><body>Sorry.</body></html>"
CHALLENGE = "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
EXTRA = "".join(f"<p>Update {i}: the newsroom added a new paragraph number {i} about unrelated matters "
                f"such as weather, sport and local council meeting {i}.</p>" for i in range(8))


class Clock:
    """An injectable clock: time moves only when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 6, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def flaky(site, path: str, failures: int = 1):
    """500 for the first ``failures`` requests after installation, then the article."""
    count = {"n": 0}

    def handler(request) -> None:
        count["n"] += 1
        page = Page("<h1>oops</h1>", 500) if count["n"] <= failures else Page(ARTICLE)
        data = page.data()
        request.send_response(page.status)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    site.add(path, handler)


def hang(request) -> None:
    time.sleep(2.0)  # longer than the test's total timeout
    try:
        request.send_response(200)
        request.end_headers()
    except OSError:
        pass


#: name -> what the server does after the first run (all start as the plain article)
BEHAVIOURS = ("unchanged_etag", "unchanged", "redirect_chain", "redirect_home", "http_404", "http_410",
              "soft_404", "challenge_403", "rate_limited_429", "500_then_200", "always_500", "hang",
              "drift", "sentence_removed", "robots_disallowed")


def build(site, workdir):
    paths = {name: f"/news/{name}" for name in BEHAVIOURS}
    paths["robots_disallowed"] = "/private/robots_disallowed"
    for name, path in paths.items():
        site.add(path, etag_page(ARTICLE, '"v1"') if name == "unchanged_etag" else Page(ARTICLE))
    site.add("/", HOME)
    lines = ["title: Link rot", "sources:"]
    lines += [f"  {name.replace('_', '-')}: {site.url(path)}" for name, path in paths.items()]
    lines.append("claims:")
    for name in paths:
        lines += [f"  - id: c-{name.replace('_', '-')}",
                  "    text: Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit.",
                  f"    sources: [{name.replace('_', '-')}]"]
    (workdir / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {name: site.url(path) for name, path in paths.items()}


def change(site, urls):
    path = {name: url.split(str(site.port), 1)[1] for name, url in urls.items()}
    site.redirect(path["redirect_chain"], site.url("/news/hop"), 301)
    site.redirect("/news/hop", site.url("/news/2026/moved-article"), 302)
    site.add("/news/2026/moved-article", ARTICLE)
    site.redirect(path["redirect_home"], site.url("/"), 301)
    site.add(path["http_404"], Page(SOFT_404, 404))
    site.add(path["http_410"], Page("gone", 410))
    site.add(path["soft_404"], SOFT_404)
    site.add(path["challenge_403"], Page(CHALLENGE, 403, headers={"cf-mitigated": "challenge"}))
    site.add(path["rate_limited_429"], Page("slow down", 429, headers={"Retry-After": "120"}))
    flaky(site, path["500_then_200"])
    site.add(path["always_500"], Page("<h1>down</h1>", 500))
    site.add(path["hang"], hang)
    site.add(path["drift"], ARTICLE.replace("</article>", EXTRA + "</article>"))
    site.add(path["sentence_removed"], ARTICLE.replace(CITED, ""))
    site.add("/robots.txt", Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain"))


def no_hang(site) -> None:
    """For tests that re-check many times and do not look at the hanging page: keep them fast."""
    site.add("/news/hang", Page("<h1>down</h1>", 503))


def settings_for(workdir) -> Settings:
    return Settings(allow_private=True, cache_dir=workdir / "cache", reports_dir=workdir / "reports", total_timeout=0.8,
                    retries=1, backoff=0.01, wayback=False)


@pytest.fixture
def rotted(site, workdir):
    """First run on a healthy site, then the site rots; returns (urls, settings, clock, claims)."""
    urls = build(site, workdir)
    clock = Clock()
    settings = settings_for(workdir)
    claims = load_claims(workdir / "claims.yaml")
    first = run_pipeline(claims, settings, now=clock)
    assert all(s.status == "ok" for s in first.report.sources), [(s.url, s.status) for s in first.report.sources]
    change(site, urls)
    clock.advance(days=1)
    return urls, settings, clock, claims


def status_matrix(result, urls) -> dict[str, tuple[str, str, str]]:
    states = {s.url: s for s in result.states}
    return {name: (states[url].last_status, states[url].last_tag, states[url].health) for name, url in urls.items()}


def test_recheck_gives_each_server_behaviour_an_honest_status(rotted, site):
    urls, settings, clock, claims = rotted
    result = recheck(settings, [claims], now=clock)
    matrix = status_matrix(result, urls)
    expected = {
        "unchanged_etag": ("ok", "http-304", "healthy"),
        "unchanged": ("ok", "http-200", "healthy"),
        "redirect_chain": ("redirected", "http-redirected", "healthy"),
        "redirect_home": ("soft_404", "redirect-to-home", "failing"),
        "http_404": ("dead", "http-404", "dead"),
        "http_410": ("dead", "http-410", "dead"),
        "soft_404": ("soft_404", "soft-404-title", "failing"),
        "challenge_403": ("blocked", "http-403", "blocked"),
        "rate_limited_429": ("blocked", "http-429", "blocked"),
        "500_then_200": ("ok", "http-200", "healthy"),
        "always_500": ("server_error", "http-500", "failing"),
        "hang": ("timeout", "timeout-total", "failing"),
        "drift": ("ok", "http-200", "healthy"),
        "sentence_removed": ("ok", "http-200", "healthy"),
        "robots_disallowed": ("blocked", "robots-txt", "blocked"),
    }
    assert matrix == expected
    # the conditional request was sent and cost a 304; the robots-disallowed page was never requested again
    etag_requests = [h for p, h in site.requests if p == "/news/unchanged_etag"]
    assert etag_requests[-1].get("if-none-match") == '"v1"'
    assert site.hits["/private/robots_disallowed"] == 1  # only by the first run


def test_what_changed_section_lists_newly_dead_moved_blocked_drift_and_lost_evidence(rotted, workdir):
    urls, settings, clock, claims = rotted
    result = recheck(settings, [claims], now=clock)
    kinds: dict[str, set[str]] = {}
    for c in result.changes:
        kinds.setdefault(c.kind, set()).add(c.url)
    assert kinds["newly_dead"] == {urls[n] for n in ("http_404", "http_410")}
    assert kinds["blocked"] == {urls[n] for n in ("challenge_403", "rate_limited_429", "robots_disallowed")}
    assert kinds["failing"] == {urls[n] for n in ("always_500", "hang", "redirect_home", "soft_404")}
    assert kinds["moved"] == {urls["redirect_chain"]}
    assert urls["drift"] in kinds["drift"] and urls["sentence_removed"] in kinds["drift"]
    assert kinds["evidence_lost"] == {urls["sentence_removed"]}
    assert "recovered" not in kinds
    lost = next(c for c in result.changes if c.kind == "evidence_lost")
    assert lost.claim_id == "c-sentence-removed" and lost.before in ("supported", "partially_supported")
    assert lost.after != lost.before  # both verdicts are reported: archived copy vs live page
    assert "by the archived copy of 2026-" in lost.detail and "not by the live page" in lost.detail
    assert len(result.alerts) == 3  # 2 newly dead + 1 lost evidence
    md = (workdir / "reports" / "recheck.md").read_text()
    assert "### Newly dead (2)" in md and "### Moved (1)" in md and "### Content drift" in md
    assert "Evidence gone from the live page (1)" in md
    data = json.loads((workdir / "reports" / "recheck.json").read_text())
    assert data["schema"] == "factcheck-recheck/1" and data["alerts"] == 3
    report = json.loads((workdir / "reports" / "claims.json").read_text())
    assert any("not by the live page" in n for n in report["notes"])


def test_history_records_every_check_in_order(rotted, site):
    urls, settings, clock, claims = rotted
    no_hang(site)
    recheck(settings, [claims], now=clock)
    clock.advance(days=2)
    recheck(settings, [claims], now=clock)
    with Archive(settings.cache_dir) as archive:
        history = archive.history(urls["http_404"])
    assert [h.fetch.status for h in history] == ["ok", "dead", "dead"]
    assert [h.fetch.fetched_at[:10] for h in history[1:]] == ["2026-01-06", "2026-01-08"]


def test_transient_failure_is_dead_only_after_three_checks_over_three_days(rotted, site):
    urls, settings, clock, claims = rotted
    no_hang(site)
    seen, soft = [], []
    for _ in range(5):
        result = recheck(settings, [claims], now=clock)
        states = {s.url: s for s in result.states}
        state = states[urls["always_500"]]
        newly = [c.kind for c in result.changes if c.url == urls["always_500"]]
        seen.append((state.health, state.failures, newly))
        soft.append(states[urls["redirect_home"]].health)
        clock.advance(days=1.5)
    assert seen[0] == ("failing", 1, ["failing"])
    assert seen[1] == ("failing", 2, [])
    assert seen[2] == ("dead", 3, ["newly_dead"])  # 3 checks spread over 3 days
    assert seen[3] == ("dead", 4, [])  # declared once, not again
    assert soft == ["failing", "failing", "dead", "dead", "dead"]  # a soft 404 is confirmed the same way
    # the blocked ones never became dead, however often they were checked
    with Archive(settings.cache_dir) as archive:
        assert archive.get_state(urls["challenge_403"]).health == "blocked"
        assert archive.get_state(urls["rate_limited_429"]).failures == 0


def test_recovered_link_is_reported(rotted, site):
    urls, settings, clock, claims = rotted
    no_hang(site)
    recheck(settings, [claims], now=clock)
    site.add("/news/http_404", ARTICLE)
    site.add("/news/always_500", ARTICLE)
    clock.advance(days=1)
    result = recheck(settings, [claims], now=clock)
    recovered = {c.url: c.before for c in result.changes if c.kind == "recovered"}
    assert recovered[urls["http_404"]] == "dead" and recovered[urls["always_500"]] == "failing"


def test_due_checks_only_what_is_due_and_intervals_grow_while_healthy(rotted):
    urls, settings, clock, claims = rotted
    first = recheck(settings, [claims], now=clock)
    assert first.checked == len(urls)
    again = recheck(settings, [claims], due=True, now=clock)  # same instant: nothing is due
    assert again.checked == 0 and again.skipped == len(urls)
    clock.advance(hours=13)  # failing links come back after half a day, healthy ones wait longer
    due = recheck(settings, [claims], due=True, now=clock)
    checked = {s.url for s in due.states}
    assert urls["always_500"] in checked and urls["hang"] in checked
    assert urls["unchanged"] not in checked and urls["http_404"] not in checked


def _record(status: str, tag: str = "", transient: bool = False) -> ArchivedFetch:
    fetch = Fetch(url="http://127.0.0.1:1/a", status=status, reason=status, tag=tag or status,
                  fetched_at="2026-01-01T00:00:00Z", transient=transient, body=b"x" if status == "ok" else None)
    return ArchivedFetch(id=1, fetch=fetch, body_sha256="ab" if status == "ok" else None)


def test_next_check_interval_doubles_while_healthy_and_shrinks_while_failing():
    settings = Settings()
    clock = Clock()
    state = None
    intervals = []
    for _ in range(4):
        state = next_state(state, _record("ok", "http-200"), clock(), settings)
        intervals.append(state.interval_hours)
    assert intervals == [24, 48, 96, 192]
    for _ in range(3):
        state = next_state(state, _record("timeout", "timeout-read", True), clock(), settings)
        intervals.append(state.interval_hours)
    assert intervals[4:] == [36, 18, 9]  # capped at the confirmation spacing, then halving
    assert state.health == "failing"  # three checks, but all at one instant: not spread over days
    for _ in range(50):
        state = next_state(state, _record("blocked", "http-403"), clock(), settings)
    assert state.health == "blocked" and state.dead_since is None
    limited = Fetch(url="http://127.0.0.1:1/a", status="blocked", reason="429", tag="http-429", transient=True,
                    fetched_at="2026-01-01T00:00:00Z", http_status=429, headers=(("Retry-After", "172800"),))
    assert next_state(state, ArchivedFetch(id=2, fetch=limited, body_sha256=None), clock(), settings
                      ).interval_hours == 48  # Retry-After: 2 days is honoured across checks
    dead = next_state(state, _record("dead", "http-410"), clock(), settings)
    assert dead.health == "dead" and dead.dead_since == "2026-01-05T06:00:00Z"
    clock.advance(days=1)
    still = next_state(dead, _record("timeout", "timeout-read", True), clock(), settings)
    assert still.health == "dead" and still.dead_since == dead.dead_since  # a timeout does not revive it
    longest = settings.recheck_max_days * 24
    for _ in range(20):
        state = next_state(state, _record("ok", "http-200"), clock(), settings)
    assert state.interval_hours == longest


def test_cli_recheck_exit_codes_alert_only_when_something_newly_broke(site, workdir, runner):
    url = site.page_file("/news/story", "article.html")
    (workdir / "claims.yaml").write_text(
        f"sources:\n  a: {url}\nclaims:\n  - text: Musk and Altman co-founded OpenAI in 2015.\n    sources: [a]\n")
    assert invoke(runner, ["run", "claims.yaml"]).exit_code == 0
    calm = invoke(runner, ["recheck", "claims.yaml"])
    assert calm.exit_code == 0, calm.output
    assert "Nothing changed." in calm.output
    site.add("/news/story", Page("gone", 410))
    broke = invoke(runner, ["recheck", "claims.yaml"])
    assert broke.exit_code == 1 and "Newly dead (1)" in broke.output and url in broke.output
    still = invoke(runner, ["recheck", "claims.yaml"])  # still dead, but not *newly*
    assert still.exit_code == 0, still.output
    (workdir / "reports" / "claims.md").unlink()
    everything = invoke(runner, ["recheck", "--json"])  # no files: every archived URL, every report
    data = json.loads(everything.stdout)
    assert data["checked"] == 1 and data["states"][0]["health"] == "dead"
    assert "`dead`" in (workdir / "reports" / "claims.md").read_text()  # the report was refreshed
    history = invoke(runner, ["archive", "history", url])
    header, *lines = history.output.splitlines()
    assert header.startswith("# dead: 3 failed check(s) in a row since ")
    assert [line.split()[2] for line in lines] == ["ok", "ok", "dead", "dead", "dead"]
    first_id = lines[0].split()[0]
    shown = invoke(runner, ["archive", "show", url, "--id", first_id])
    assert shown.exit_code == 0 and "co-founded OpenAI in December 2015" in shown.output
    assert invoke(runner, ["archive", "show", url, "--id", "9999"]).exit_code == 1


def test_schedule_prints_cron_and_systemd_timer(workdir, runner, monkeypatch):
    printed = invoke(runner, ["schedule", "--claims", "claims/*.yaml"])
    assert printed.exit_code == 0
    assert "recheck --due claims/*.yaml" in printed.output
    assert "OnCalendar=" in printed.output and "* * *" in printed.output
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    installed = invoke(runner, ["schedule", "--install"])
    assert installed.exit_code == 0
    timer = workdir / "config" / "systemd" / "user" / "factcheck-recheck.timer"
    assert "Persistent=true" in timer.read_text()


def test_our_own_outage_counts_against_no_link(workdir):
    import socket

    ports = []
    for _ in range(2):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])  # closed again: connections are refused
    urls = [f"http://127.0.0.1:{port}/story" for port in ports]
    (workdir / "claims.yaml").write_text(
        f"sources:\n  a: {urls[0]}\n  b: {urls[1]}\nclaims:\n  - text: Something happened.\n    sources: [a, b]\n")
    settings = settings_for(workdir)
    claims = load_claims(workdir / "claims.yaml")
    clock = Clock()
    run_pipeline(claims, settings, now=clock)
    result = recheck(settings, [claims], now=clock)
    assert result.states == () and not result.changes
    assert "network problem on this machine" in result.notes[0]
    with Archive(settings.cache_dir) as archive:
        assert [h.fetch.status for h in archive.history(urls[0])] == ["network_error"] * 2  # recorded, not counted


def test_claim_stays_pinned_to_the_copy_it_was_verified_on(rotted, site, workdir):
    urls, settings, clock, claims = rotted
    no_hang(site)
    first = recheck(settings, [claims], now=clock)
    assert [c.claim_id for c in first.changes if c.kind == "evidence_lost"] == ["c-sentence-removed"]
    clock.advance(days=3)
    second = recheck(settings, [claims], now=clock)
    assert not [c for c in second.changes if c.kind == "evidence_lost"]  # known already: no new alert
    report = json.loads((workdir / "reports" / "claims.json").read_text())
    claim = next(c for c in report["claims"] if c["id"] == "c-sentence-removed")
    source = claim["sources"][0]
    assert claim["verdict"] in ("supported", "partially_supported")  # by the copy it was verified on
    assert source["evidence_lost"] is True and source["from_archive"] is True
    assert source["live_verdict"] not in ("supported", "partially_supported", None)
    assert source["verified_at"].startswith("2026-01-05")  # the first run's copy, not a later one
    with Archive(settings.cache_dir) as archive:
        doc_text = archive.get_blob(source["verified_sha256"]).decode()
    assert CITED in doc_text
    md = (workdir / "reports" / "claims.md").read_text()
    assert "**not by the live page**" in md and "the quoted sentence is gone" in md
    # the sentence comes back: the live page supports the claim again, nothing is flagged
    site.add("/news/sentence_removed", ARTICLE)
    clock.advance(days=3)
    recheck(settings, [claims], now=clock)
    report = json.loads((workdir / "reports" / "claims.json").read_text())
    source = next(c for c in report["claims"] if c["id"] == "c-sentence-removed")["sources"][0]
    assert source["evidence_lost"] is False and source["live_verdict"] is None and source["from_archive"] is False


def test_run_also_notices_evidence_gone_from_the_live_page(site, workdir, runner):
    url = site.add("/news/story", ARTICLE)
    (workdir / "claims.yaml").write_text(
        f"sources:\n  a: {url}\nclaims:\n  - id: c1\n    text: Elon Musk and Sam Altman co-founded OpenAI "
        "in 2015 as a nonprofit.\n    sources: [a]\n")
    assert invoke(runner, ["run", "claims.yaml"]).exit_code == 0
    site.add("/news/story", ARTICLE.replace(CITED, ""))
    second = invoke(runner, ["run", "claims.yaml"])
    assert second.exit_code == 1  # the live page no longer carries the evidence
    source = json.loads((workdir / "reports" / "claims.json").read_text())["claims"][0]["sources"][0]
    assert source["evidence_lost"] is True


def test_archive_from_before_migration_2_keeps_its_history(tmp_path):
    import sqlite3

    import sqlite_utils

    from factcheck.archive import _migration_1

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "archive.db", isolation_level=None))
    _migration_1(db)
    db["fetches"].insert({"url": "http://127.0.0.1:1/a", "status": "ok", "reason": "HTTP 200", "tag": "http-200",
                          "fetched_at": "2025-01-01T00:00:00Z", "redirects": "[]", "headers": "[]", "transient": 0})
    db.conn.execute("PRAGMA user_version=1")
    db.conn.close()
    with Archive(tmp_path) as archive:
        assert archive.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        [old] = archive.history("http://127.0.0.1:1/a")
        assert old.origin == "live" and archive.last("http://127.0.0.1:1/a").id == old.id
        assert archive.get_state("http://127.0.0.1:1/a") is None
        assert archive.due_urls(["http://127.0.0.1:1/a"], "2025-01-02T00:00:00Z") == ["http://127.0.0.1:1/a"]


GENERIC = ("<html><head><title>Example News</title></head><body><nav>Home | World | Sport</nav>"
           "<h1>Welcome to Example News</h1><p>Our top stories today.</p></body></html>")


@pytest.mark.parametrize("catch_all", ["same-page", "redirect-to-landing"])
def test_a_host_that_answers_200_for_anything_gives_soft_404_by_probing(catch_all):
    from siteserver import SiteServer

    from factcheck.fetch import fetch_all

    host = SiteServer()
    if catch_all == "same-page":
        host.fallback = Page(GENERIC)
    else:
        host.fallback = Page(b"", 302, None, {"Location": "/landing"})
        host.add("/landing", GENERIC)
    host.start()
    try:
        real = host.add("/news/real", ARTICLE)
        gone = host.url("/news/removed-article")
        settings = Settings(allow_private=True, total_timeout=2, retries=0, wayback=False)
        fetched = {f.url: f for f in fetch_all([gone, real], settings, robots=settings.robots, soft404_probe=settings.soft404_probe)}
        assert (fetched[gone].status, fetched[gone].tag) == ("soft_404", "soft-404-probe")
        assert fetched[real].status == "ok"
        probes = [p for p, _ in host.requests if p.endswith("-factcheck-probe")]
        assert len(probes) == 1  # one probe per host and run
        off = fetch_all([gone], settings, robots=settings.robots, soft404_probe=False)[0]
        assert fetch_all([gone], settings)[0].status == off.status  # a plain fetch never probes
        assert off.status in ("ok", "redirected")  # without the probe it looks alive
    finally:
        host.stop()


def test_robots_txt_is_honoured_unless_turned_off(site):
    from factcheck.fetch import fetch_all

    site.add("/robots.txt", Page("User-agent: factcheck\nDisallow: /members/\n", content_type="text/plain"))
    url = site.add("/members/story", ARTICLE)
    other = site.add("/news/story", ARTICLE)
    settings = Settings(allow_private=True, total_timeout=2, retries=0, wayback=False)
    refused, allowed = fetch_all([url, other], settings, robots=settings.robots, soft404_probe=settings.soft404_probe)
    assert (refused.status, refused.tag, refused.transient) == ("blocked", "robots-txt", False)
    assert allowed.status == "ok" and "/members/story" not in site.hits
    assert site.hits["/robots.txt"] == 1  # once per host and run
    assert fetch_all([url], settings, robots=False, soft404_probe=settings.soft404_probe)[0].status == "ok"
    assert fetch_all([url], settings)[0].status == "ok"  # a plain fetch (not archiving) ignores robots.txt
