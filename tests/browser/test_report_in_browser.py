"""The HTML report in a real browser: it loads nothing, its filters work, hostile text stays text.

Run with ``python -m pytest -m browser tests/browser`` (the README's browser command installs chromium and the project first).
"""

from __future__ import annotations

import json

import pytest

from cdp import Browser, find_chromium
from conftest import invoke
from factcheck.html_report import render_html
from siteserver import Page
from test_pipeline import CLAIMS, setup_site, write_claims

pytestmark = pytest.mark.browser

HOSTILE = ('</style></script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
           '<a href="javascript:window.pwned=3">click</a>')


@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.fail("no chromium found: install it (apt-get install -y chromium) or run the README's browser command")
    browser = Browser(executable)
    yield browser
    browser.close()


def opened(chromium, path, **kwargs):
    return chromium.open(path.resolve().as_uri(), **kwargs)


def assert_quiet(page, path):
    """Loaded, its script ran, nothing requested but the file itself, no error or CSP violation."""
    assert page.evaluate("document.documentElement.getAttribute('data-ready')") == "1"
    assert page.requests() == [path.resolve().as_uri()]
    assert page.console_errors() == []
    assert page.evaluate("window.__violations") == []


def visible(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('article.claim'))"
                         ".filter(function (e) { return !e.hidden; }).map(function (e) { return e.id; })")


def test_a_run_report_loads_with_no_request_and_no_error(chromium, site, workdir, runner):
    write_claims(workdir / "claims.yaml", setup_site(site), CLAIMS)
    invoke(runner, ["run", "claims.yaml"])
    path = workdir / "reports" / "claims.html"
    page = opened(chromium, path)
    assert_quiet(page, path)
    assert page.evaluate("document.getElementById('shown').textContent") == "4"
    assert page.evaluate("document.querySelectorAll('mark').length") >= 2  # evidence highlighted in context


def sample() -> dict:
    """Six claims whose verdicts, sources and review states a filter must pick out."""
    def claim(cid, verdict, urls, *, unsure=False, state="unreviewed"):
        review = {"state": state}
        if state != "unreviewed":
            review.update({"verdict": verdict, "reviewed_verdict": verdict, "confirmed": True, "reviewer": "Ada",
                           "reviewed_at": "2026-12-01T00:00:00Z", "changed_sources": urls if state == "stale" else []})
        return {"id": cid, "text": f"Claim {cid}", "verdict": verdict, "score": 0.5, "needs_review": unsure,
                "review": review, "sources": [{"url": u, "verdict": verdict, "score": 0.5, "evidence": []} for u in urls]}

    a, b, c = "https://a.test/1", "https://b.test/2", "https://c.test/3"
    claims = [claim("s1", "supported", [a]), claim("s2", "supported", [b], state="reviewed"),
              claim("p1", "partially_supported", [a, b], unsure=True), claim("n1", "not_supported", [c]),
              claim("n2", "not_supported", [a, c], state="stale"), claim("c1", "contradicted", [b], unsure=True)]
    sources = [{"url": u, "title": f"Source {u[8]}", "status": "ok"} for u in (a, b, c)]
    return {"schema": "factcheck-report/1", "claims_file": "x.yaml", "title": "Filters", "claims": claims,
            "sources": sources, "notes": []}


def ids(page, claim_ids) -> list[str]:
    """Element ids of claims by claim id (they are numbered in file order)."""
    order = ["s1", "s2", "p1", "n1", "n2", "c1"]
    return sorted(f"c-{order.index(cid) + 1}" for cid in claim_ids)


def test_filters_and_keys_show_the_right_claims(chromium, tmp_path):
    path = tmp_path / "filters.html"
    path.write_text(render_html(sample()), encoding="utf-8")
    page = opened(chromium, path)
    assert_quiet(page, path)
    assert len(visible(page)) == 6
    page.press("v")  # first verdict: supported
    assert sorted(visible(page)) == ids(page, ["s1", "s2"])
    page.press("v")
    page.press("v")  # not supported
    assert sorted(visible(page)) == ids(page, ["n1", "n2"])
    page.press("0")
    page.press("s")
    page.press("s")  # source 2 (b.test)
    assert sorted(visible(page)) == ids(page, ["s2", "p1", "c1"])
    page.press("Escape")
    page.evaluate("var f = document.getElementById('f-person'); f.value = 'person'; "
                  "f.dispatchEvent(new Event('change'))")
    assert sorted(visible(page)) == ids(page, ["s1", "p1", "n1", "n2", "c1"])  # unreviewed or out of date
    page.press("p")  # matcher unsure
    assert sorted(visible(page)) == ids(page, ["p1", "c1"])
    page.press("p")
    page.press("p")  # stale reviews
    assert visible(page) == ids(page, ["n2"])
    assert page.evaluate("document.getElementById('shown').textContent") == "1"
    page.press("0")
    # j/k walk the visible claims in report order: problems first
    page.press("j")
    first = page.evaluate("document.querySelector('article.current').id")
    page.press("j")
    page.press("k")
    assert page.evaluate("document.querySelector('article.current').id") == first
    assert first in ids(page, ["n1", "n2", "c1"])
    toc = page.evaluate("Array.from(document.querySelectorAll('nav.toc li')).map(function (l) "
                        "{ return l.getAttribute('data-for'); })")
    assert toc[:3] == sorted(ids(page, ["n1", "n2", "c1"]), key=lambda i: int(i[2:]))
    assert page.console_errors() == []


def test_a_hostile_source_shows_as_text_and_runs_nothing(chromium, site, workdir, runner):
    page_html = ("<html><head><title>Story</title></head><body><article><h1>OpenAI history</h1>"
                 "<p>Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit research lab. "
                 "&lt;/style&gt;&lt;script&gt;window.pwned = 4&lt;/script&gt; "
                 "&lt;a href=\"javascript:window.pwned=5\"&gt;x&lt;/a&gt; It grew fast.</p>"
                 "<script>window.pwned = 6</script></article></body></html>")
    url = site.add("/story", Page(page_html))
    (workdir / "claims.yaml").write_text(
        "title: 'Hostile </title><script>window.pwned = 7</script>'\n"
        f"sources:\n  s:\n    url: {url}\n    title: '</style><script>window.pwned = 8</script>'\n"
        "claims:\n  - id: c\n    text: 'Musk and Altman co-founded OpenAI in 2015 </textarea><script>window.pwned = 9"
        "</script>'\n    sources: [s]\n", encoding="utf-8")
    invoke(runner, ["run", "claims.yaml"])
    path = workdir / "reports" / "claims.html"
    data = json.loads((workdir / "reports" / "claims.json").read_text(encoding="utf-8"))
    # a report JSON from elsewhere may carry anything: hostile URLs and notes too
    data["notes"] = [HOSTILE]
    data["sources"].append({"url": "javascript:window.pwned=10", "title": HOSTILE, "status": "dead",
                            "reason": HOSTILE, "wayback_url": "javascript:window.pwned=11"})
    data["claims"][0]["sources"].append({"url": "javascript:window.pwned=12", "verdict": "not_supported",
                                         "score": 0.1, "explanation": HOSTILE,
                                         "evidence": [{"text": HOSTILE, "start": 0, "end": 3}]})
    hostile = tmp = workdir / "reports" / "hostile.html"
    tmp.write_text(render_html(data, claim_reviews=[{"@type": "ClaimReview", "claimReviewed": HOSTILE}]),
                   encoding="utf-8")
    for report in (path, hostile):
        page = opened(chromium, report)
        assert_quiet(page, report)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, textarea').length") == 0
        assert page.evaluate("document.scripts.length") == (2 if report == hostile else 1)  # ours (+ JSON-LD)
        hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(function (a) "
                              "{ return a.href; })")
        assert all(h.startswith(("http://", "https://", "file://")) for h in hrefs), hrefs
        text = page.evaluate("document.body.innerText")
        assert "window.pwned = " in text or "window.pwned=" in text
    assert "<script>window.pwned = 1</script>" in text and "javascript:window.pwned=12" in text


def test_reads_on_a_phone_without_sideways_scrolling(chromium, tmp_path):
    path = tmp_path / "phone.html"
    data = sample()
    data["claims"][0]["text"] = "A-very-long-unbroken-word-" * 20
    data["claims"][0]["sources"][0]["url"] = "https://a.test/" + "x" * 300
    data["sources"][0].update(url="https://a.test/" + "x" * 300, title=None)  # the source filter shows the URL
    path.write_text(render_html(data), encoding="utf-8")
    page = opened(chromium, path, width=390, height=800, mobile=True)
    assert_quiet(page, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 14


def test_an_archived_copy_opened_from_the_report_runs_none_of_the_pages_scripts(chromium, site, workdir, runner):
    """The report links the archived copy under cache/snapshots/; a hostile page's script, inline
    or in an event handler, must not run when a reviewer opens it from file://."""
    hostile = ("<html><head><title>Quiet page</title><script>document.title = 'pwned'</script></head>"
               "<body><p>The council approved the budget on Monday after a long debate.</p>"
               + "<p>Members spoke for hours about roads, schools and the harbour before the vote was taken.</p>" * 12
               + 
               "<img src=x onerror=\"document.title = 'pwned by onerror'\"></body></html>")
    url = site.add("/hostile-copy", hostile)
    (workdir / "c.yaml").write_text(
        f"claims:\n  - text: The council approved the budget on Monday.\n    sources: ['{url}']\n", encoding="utf-8")
    result = invoke(runner, ["run", "c.yaml"])
    assert "1 supported" in result.output, result.output
    (snapshot,) = (workdir / "cache" / "snapshots").glob("*.html")
    page = opened(chromium, snapshot)
    assert page.evaluate("document.querySelector('p').textContent").startswith("The council approved")
    assert page.evaluate("document.title") == "Quiet page"
