"""``factcheck links FILE...``: link health only, human table and stable JSON."""

from __future__ import annotations

import json

from conftest import invoke
from siteserver import Page, etag_page

from factcheck.archive import Archive


def setup_links(site, workdir):
    ok = site.add("/ok", "<html><title>Fine</title><body><p>All good here, a real page.</p></body></html>")
    moved = site.redirect("/old", site.url("/ok"))
    gone = site.url("/gone")
    (workdir / "post.md").write_text(f"Read [this]({ok}) and <{moved}>.\n\nAlso {gone}, and {ok} again.\n")
    (workdir / "claims.yaml").write_text(f"claims:\n  - text: Something.\n    sources: [{gone}]\n"
                                         f"  - text: Other.\n    sources: [{site.url('/ok?x=1')}]\n")
    return ok, moved, gone


def test_links_reports_each_link_once_with_status_and_where(site, workdir, runner):
    ok, moved, gone = setup_links(site, workdir)
    result = invoke(runner, ["links", "post.md", "claims.yaml"])
    assert result.exit_code == 1  # a dead link
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["status", "code", "url"]
    assert lines[-1] == "4 links: 2 ok, 1 redirected, 1 dead"
    data = json.loads(invoke(runner, ["links", "--json", "post.md", "claims.yaml"]).stdout)
    assert data["schema"] == "factcheck-links/1"
    assert data["summary"] == {"links": 4, "ok": 2, "redirected": 1, "dead": 1}
    by_url = {link["url"]: link for link in data["links"]}
    assert [link["url"] for link in data["links"]] == [ok, moved, gone, site.url("/ok?x=1")]
    assert by_url[ok]["where"] == "post.md:1" and by_url[gone]["where"] == "post.md:3"
    assert by_url[site.url("/ok?x=1")]["where"] == "claims.yaml:4"
    assert by_url[moved]["status"] == "redirected" and by_url[moved]["final_url"] == ok
    assert by_url[gone]["tag"] == "http-404"
    assert set(data["links"][0]) == {"url", "where", "status", "tag", "reason", "http_status", "final_url",
                                     "redirects", "elapsed"}
    assert not (workdir / "cache").exists() and not (workdir / "reports").exists()


def test_links_never_extracts_or_matches(site, workdir, runner, monkeypatch):
    import factcheck.extract

    def boom(*args, **kwargs):
        raise AssertionError("links must not extract")

    monkeypatch.setattr(factcheck.extract, "extract", boom)
    setup_links(site, workdir)
    assert invoke(runner, ["links", "post.md"]).exit_code == 1


def test_links_with_archive_recheck_unchanged_pages_with_conditional_requests(site, workdir, runner):
    body = b"<html><title>Stable</title><body><p>This page never changes at all.</p></body></html>"
    url = site.add("/stable", etag_page(body, '"v1"'))
    (workdir / "list.txt").write_text(url + "\n")
    first = json.loads(invoke(runner, ["links", "--archive", "--json", "list.txt"]).stdout)
    assert first["links"][0]["tag"] == "http-200"
    second = json.loads(invoke(runner, ["links", "--archive", "--json", "list.txt"]).stdout)
    assert second["links"][0]["status"] == "ok" and second["links"][0]["tag"] == "http-304", second
    assert site.requests[-1][1].get("if-none-match") == '"v1"'
    history = json.loads(invoke(runner, ["archive", "history", url, "--json"]).stdout)
    assert [h["http_status"] for h in history] == [200, 304]


def test_links_bad_file_is_an_input_error(workdir, runner):
    (workdir / "latin.txt").write_bytes(b"ok\ncaf\xe9 http://127.0.0.1:9/\n")
    result = invoke(runner, ["links", "latin.txt"])
    assert result.exit_code == 2 and "Error: latin.txt:2: not valid UTF-8" in result.output
    assert invoke(runner, ["links", "missing.md"]).exit_code == 2


def test_links_help_ends_with_an_example(runner):
    result = invoke(runner, ["links", "--help"])
    assert result.exit_code == 0 and "Example: factcheck links" in result.output


def test_links_served_as_page_objects_are_plain_urls(site, workdir, runner):
    url = site.add("/plain", Page("just text, long enough to count as a page body", content_type="text/plain"))
    (workdir / "one.txt").write_text(f"{url}.\n")  # trailing full stop is not part of the URL
    data = json.loads(invoke(runner, ["links", "--json", "one.txt"]).stdout)
    assert data["links"][0]["url"] == url and data["links"][0]["status"] == "ok"


def test_a_moved_page_stays_redirected_when_rechecked_with_a_304(site, workdir, runner):
    body = b"<html><title>Stable</title><body><p>This page never changes at all.</p></body></html>"
    target = site.add("/new-home", etag_page(body, '"v2"'))
    old = site.redirect("/old-home", target)
    (workdir / "list.txt").write_text(old + "\n")
    invoke(runner, ["links", "--archive", "list.txt"])
    again = json.loads(invoke(runner, ["links", "--archive", "--json", "list.txt"]).stdout)["links"][0]
    assert (again["status"], again["tag"], again["final_url"]) == ("redirected", "http-304", target)


def test_links_in_html_are_attribute_values_resolved_against_base_href(site, workdir, runner):
    detail = site.add("/shop/detail.php", "<html><title>Item</title><body><p>A real product page here.</p></body></html>")
    (workdir / "page.html").write_text(
        f'<html><head><base href="{site.url("/shop/")}"></head><body>\n'
        '<p><a href="detail.php?id=765&amp;lang=de">Item</a></p>\n'
        f'<p>Also at {detail}?id=1&amp;x=2 in text.</p>\n'
        '<p><a href="mailto:me@example.org">mail</a> <a href="#top">top</a></p>\n</body></html>\n',
        encoding="utf-8")
    result = invoke(runner, ["links", "page.html", "--json"])
    data = json.loads(result.output)
    urls = [link["url"] for link in data["links"]]
    assert urls == [site.url("/shop/detail.php?id=765&lang=de"), site.url("/shop/detail.php?id=1&x=2")]
    assert [link["where"] for link in data["links"]] == ["page.html:2", "page.html:3"]
    assert result.exit_code == 0 and {link["status"] for link in data["links"]} == {"ok"}
    assert ("/shop/detail.php?id=765&lang=de") in [path for path, _ in site.requests]


def test_links_with_archive_goes_through_the_checks_layer_and_updates_link_health(site, workdir, runner):
    ok = site.add("/fine", "<html><title>Fine</title><body><p>All good here, a real page.</p></body></html>")
    gone = site.url("/gone")
    (workdir / "post.md").write_text(f"{ok} and {gone}\n", encoding="utf-8")
    assert invoke(runner, ["links", "post.md", "--archive"]).exit_code == 1
    with Archive(workdir / "cache") as archive:
        assert archive.get_state(ok).health == "healthy"
        assert archive.get_state(gone).health == "dead"  # a 404 is definitive at once
        assert [r.fetch.status for r in archive.history(gone)] == ["dead"]
