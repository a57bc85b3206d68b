"""The private-address guard: URLs in articles never reach this machine's own network.

Safety of these tests: a test that could open a connection uses loopback spellings only and asserts
that the local server saw no request; the other ranges are tested on the address check alone, with
no connection and no DNS.
"""

from __future__ import annotations

import ipaddress
import json

import pytest
from conftest import invoke
from siteserver import Page, SiteServer

from factcheck.config import Settings
from factcheck.fetch import fetch_all
from factcheck.fetch.guard import address_problem, literal_address

ARTICLE = "<html><head><title>Story</title></head><body><p>" + "A real paragraph of the story. " * 20 + "</p></body></html>"


@pytest.fixture(autouse=True)
def _guard_on(monkeypatch):
    monkeypatch.delenv("FACTCHECK_ALLOW_PRIVATE", raising=False)


def guarded(**changes: object) -> Settings:
    return Settings(retries=2, backoff=0.0, total_timeout=5, wayback=False, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("address", [
    "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.127.255.254", "224.0.0.1", "239.255.255.250", "0.0.0.0", "240.0.0.1", "255.255.255.255",
    "127.0.0.1", "127.255.0.9", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2002:a00:1::", "64:ff9b::a9fe:a9fe",
])
def test_every_non_public_range_is_refused_by_the_address_check(address):
    assert address_problem(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:1.1.1.1"])
def test_public_addresses_pass_the_address_check(address):
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("spelling", ["2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "127.1",
                                      "[::ffff:127.0.0.1]", "::ffff:7f00:1", "[::1]"])
def test_odd_spellings_of_loopback_are_read_as_loopback(spelling):
    ip = literal_address(spelling)
    assert ip is not None and "loopback" in (address_problem(ip) or "")


@pytest.mark.parametrize("name", ["example.org", "intranet", "0x7f.example", "10.0.0.5.nip.io"])
def test_host_names_are_not_mistaken_for_addresses(name):
    assert literal_address(name) is None  # names are resolved (once) by the guard, not read as numbers


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f.1", "0177.0.0.1",
                                  "[::ffff:127.0.0.1]"])
def test_a_loopback_url_is_blocked_and_never_requested(site, host):
    site.add("/admin", ARTICLE)
    port = site.url("/").split(":")[2].split("/")[0]
    result = fetch_all([f"http://{host}:{port}/admin"], guarded())[0]
    assert (result.status, result.tag, result.transient) == ("blocked", "private-address", False)
    assert "loopback" in result.reason and "--allow-private" in result.reason
    assert site.requests == []  # no retry, no connection: the server saw nothing


def test_allow_private_fetches_it(site):
    url = site.add("/admin", ARTICLE)
    assert fetch_all([url], guarded(allow_private=True))[0].status == "ok"


def test_each_redirect_hop_is_checked():
    allowed, other = SiteServer().start(), SiteServer().start()
    try:
        other.add("/secret", ARTICLE)
        start = allowed.redirect("/go", other.url("/secret"))
        host_port = allowed.url("/").split("//")[1].rstrip("/")
        result = fetch_all([start], guarded(allow_hosts=(host_port,)))[0]
        assert (result.status, result.tag) == ("blocked", "private-address")
        assert result.redirects == (start,)
        assert allowed.hits.get("/go") == 1 and other.requests == []
    finally:
        allowed.stop()
        other.stop()


def test_a_run_says_why_and_never_asks_the_wayback_machine(workdir, runner, monkeypatch, site):
    wayback = SiteServer().start()
    try:
        wayback.fallback = Page(ARTICLE)
        monkeypatch.setenv("FACTCHECK_WAYBACK", "1")
        monkeypatch.setenv("FACTCHECK_WAYBACK_URL", wayback.url("").rstrip("/"))
        monkeypatch.setenv("FACTCHECK_ALLOW_HOSTS", wayback.url("/").split("//")[1].rstrip("/"))
        monkeypatch.delenv("FACTCHECK_ALLOW_PRIVATE", raising=False)
        url = site.add("/latest/meta-data/", ARTICLE)
        (workdir / "c.yaml").write_text(
            f"claims:\n  - text: The story has a real paragraph.\n    sources: ['{url}']\n", encoding="utf-8")
        result = invoke(runner, ["run", "c.yaml"])
        assert result.exit_code == 0, result.output  # blocked is never dead
        source = json.loads((workdir / "reports" / "c.json").read_text(encoding="utf-8"))["sources"][0]
        assert (source["status"], source["tag"]) == ("blocked", "private-address")
        assert "loopback" in source["reason"]
        assert site.requests == [] and wayback.requests == []
        assert "refused: 127.0.0.1 is a loopback address" in (workdir / "reports" / "c.md").read_text(encoding="utf-8")
    finally:
        wayback.stop()


def test_links_cli_refuses_by_default_and_allows_with_the_flag(workdir, runner, site, monkeypatch):
    monkeypatch.delenv("FACTCHECK_ALLOW_PRIVATE", raising=False)  # workdir opts the suite in
    url = site.add("/intranet", ARTICLE)
    (workdir / "a.md").write_text(f"See {url} for details.\n", encoding="utf-8")
    refused = invoke(runner, ["links", "a.md", "--json"])
    assert refused.exit_code == 0  # blocked is not broken
    assert json.loads(refused.output)["links"][0]["tag"] == "private-address"
    assert site.requests == []
    allowed = invoke(runner, ["links", "a.md", "--json", "--allow-private"])
    assert json.loads(allowed.output)["links"][0]["status"] == "ok"
    assert site.hits == {"/intranet": 1}
