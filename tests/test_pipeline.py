"""End to end: a realistic local site, a claims file, the CLI, the reports."""

from __future__ import annotations

import json
import re

from conftest import invoke

from factcheck.archive import Archive
from siteserver import Page


def write_claims(path, site_urls: dict[str, str], claims: str) -> None:
    lines = ["title: Test article", "sources:"]
    for sid, url in site_urls.items():
        lines.append(f"  {sid}: {url}")
    path.write_text("\n".join(lines) + "\n" + claims, encoding="utf-8")


CLAIMS = """claims:
  - id: cofounded-2015
    text: Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit.
    sources: [article]
  - id: bid-974
    text: "In February 2025 Musk offered $97.4 billion to buy OpenAI, and the board rejected the offer."
    sources: [article]
  - id: garden
    text: Musk personally planted a vegetable garden at the OpenAI office in 2016.
    sources: [garden]
  - id: via-dead-link
    text: Musk left the board of OpenAI in 2018.
    sources: [gone]
"""


def setup_site(site):
    urls = {
        "article": site.page_file("/news/openai-history", "article.html"),
        "garden": site.page_file("/home/garden-tips", "unrelated.html"),
        "gone": site.url("/news/removed-story"),
    }
    return urls


def test_run_writes_reports_with_quotes_statuses_and_verdicts(site, workdir, runner):
    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    result = invoke(runner, ["run", "claims.yaml"])
    assert result.exit_code == 1, result.output  # one claim unsupported, one source dead
    assert "report: reports/claims.md  (JSON: reports/claims.json, HTML: reports/claims.html)" in result.output
    assert (workdir / "reports" / "claims.html").is_file()
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["schema"] == "factcheck-report/1"
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["cofounded-2015"]["verdict"] in ("supported", "partially_supported")
    evidence = claims["cofounded-2015"]["sources"][0]["evidence"]
    assert any("co-founded OpenAI in December 2015" in e["text"] for e in evidence)
    assert claims["garden"]["verdict"] in ("not_supported", "contradicted")
    assert claims["via-dead-link"]["verdict"] == "unverifiable"
    sources = {s["url"]: s for s in data["sources"]}
    assert sources[urls["gone"]]["status"] == "dead"
    assert sources[urls["gone"]]["http_status"] == 404
    assert sources[urls["article"]]["status"] == "ok"
    assert sources[urls["article"]]["archived_at"]
    # nav, ads and footer are not evidence
    all_evidence = " ".join(e["text"] for c in data["claims"] for s in c["sources"] for e in s["evidence"])
    assert "ADVERTISEMENT" not in all_evidence and "cookies" not in all_evidence
    md = (workdir / "reports" / "claims.md").read_text()
    assert md.startswith("# Fact-check report: Test article")
    assert "## Summary" in md and "## Source health" in md
    assert "#:~:text=" in md
    assert "`dead`" in md


def test_evidence_offsets_slice_the_archived_text(site, workdir, runner):
    from factcheck.archive import Archive
    from factcheck.documents import load_document

    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    invoke(runner, ["run", "claims.yaml"])
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    with Archive(workdir / "cache") as archive:
        doc = load_document(archive, archive.last_good(urls["article"]))
    for claim in data["claims"]:
        for source in claim["sources"]:
            if source["url"] != urls["article"]:
                continue
            for ev in source["evidence"]:
                assert doc.text[ev["start"]:ev["end"]] == ev["text"]


def test_dead_source_is_verified_from_its_archived_copy(site, workdir, runner):
    url = site.page_file("/news/openai-history", "article.html")
    write_claims(workdir / "claims.yaml", {"article": url}, """claims:
  - id: cofounded-2015
    text: Elon Musk and Sam Altman co-founded OpenAI in 2015.
    sources: [article]
""")
    first = invoke(runner, ["run", "claims.yaml"])
    assert first.exit_code == 0, first.output
    site.add("/news/openai-history", Page("<html><title>Not here</title></html>", 404))
    second = invoke(runner, ["run", "claims.yaml"])
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    source = data["sources"][0]
    assert source["status"] == "dead" and source["from_archive"] is True
    claim = data["claims"][0]
    assert claim["verdict"] in ("supported", "partially_supported")
    assert claim["sources"][0]["from_archive"] is True
    assert any("December 2015" in e["text"] for e in claim["sources"][0]["evidence"])
    assert second.exit_code == 1  # the source is dead, even though the claim is still backed
    md = (workdir / "reports" / "claims.md").read_text()
    assert "from the archived copy of" in md


def test_offline_run_says_network_error_without_traceback(workdir, runner):
    (workdir / "claims.yaml").write_text("""sources:
  a: https://news.example.org/story
claims:
  - text: Something happened in 2020.
    sources: [a]
""")
    result = invoke(runner, ["run", "--offline", "claims.yaml"])
    assert result.exit_code == 0  # completed; nothing was found against the claim or the link
    assert "Traceback" not in result.output
    assert "1 unverifiable" in result.output and "offline" in result.output
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["sources"][0]["status"] == "network_error"
    assert "offline" in data["sources"][0]["reason"]
    assert data["claims"][0]["verdict"] == "unverifiable"


def test_offline_run_uses_the_archived_copy(site, workdir, runner):
    url = site.page_file("/news/openai-history", "article.html")
    write_claims(workdir / "claims.yaml", {"article": url}, """claims:
  - text: Musk founded xAI in 2023.
    sources: [article]
""")
    invoke(runner, ["run", "claims.yaml"])
    site.stop()
    result = invoke(runner, ["run", "--offline", "claims.yaml"])
    data = json.loads((workdir / "reports" / "claims.json").read_text())
    assert data["sources"][0]["status"] == "network_error"
    assert data["sources"][0]["from_archive"] is True
    assert data["claims"][0]["verdict"] != "unverifiable", result.output


def test_exit_zero_flag_relaxes_the_exit_code(site, workdir, runner):
    urls = setup_site(site)
    write_claims(workdir / "claims.yaml", urls, CLAIMS)
    assert invoke(runner, ["run", "--exit-zero", "claims.yaml"]).exit_code == 0


def test_bad_claims_file_exits_2_and_writes_nothing(workdir, runner):
    (workdir / "claims.yaml").write_text("claims:\n  - text: hi\n    sources: [nope]\n")
    result = invoke(runner, ["run", "claims.yaml"])
    assert result.exit_code == 2
    assert "claims.yaml:3" in result.output and "unknown source id 'nope'" in result.output
    assert not (workdir / "reports").exists() and not (workdir / "cache").exists()


def test_hostile_page_text_cannot_break_the_markdown(site, workdir, runner):
    hostile = """<html><head><title>Evil | page</title></head><body><article>
<p>Musk founded xAI in 2023 | injected | cell ` backtick <script>alert(1)</script> [click](javascript:alert(1))</p>
<p># Not a heading and *not bold* and <img src=x onerror=alert(1)></p>
</article></body></html>"""
    url = site.add("/evil", hostile)
    write_claims(workdir / "claims.yaml", {"evil": url}, """claims:
  - text: Musk founded xAI in 2023.
    sources: [evil]
""")
    invoke(runner, ["run", "claims.yaml"])
    md = (workdir / "reports" / "claims.md").read_text()
    assert "<script>" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # only the escaped, inert form
    for line in md.splitlines():
        if line.startswith("|") and "evil" in line.lower():
            assert line.count("|") - line.count("\\|") == 8  # the health row keeps its 7 cells


def test_a_page_the_soft_404_probe_unmasks_is_reported_and_archived_as_soft_404(site, workdir, runner):
    """Pages are archived as they arrive and the probe runs after: its verdict must still reach the
    run's report, the link's health and the archived attempt (it used to stay 'ok')."""
    site.fallback = Page("<html><head><title>Example News</title></head><body>"
                         + "<p>Latest headlines from around the region, updated daily.</p>" * 20 + "</body></html>")
    real = site.add("/news/bridge", "<html><head><title>Bridge</title></head><body>"
                    + "<p>The bridge opened in 1932 after six years of work.</p>" * 20 + "</body></html>")
    gone = site.url("/news/removed-story-2019")  # answered by the fallback: the host's page for anything
    (workdir / "c.yaml").write_text(f"claims:\n  - text: The bridge opened in 1932.\n    sources: ['{real}', '{gone}']\n",
                                    encoding="utf-8")
    result = invoke(runner, ["run", "c.yaml"])
    assert result.exit_code == 1, result.output  # a soft 404 is a dead link
    assert "soft_404" in result.output
    sources = {s["url"]: s for s in json.loads((workdir / "reports" / "c.json").read_text())["sources"]}
    assert (sources[gone]["status"], sources[gone]["tag"]) == ("soft_404", "soft-404-probe")
    assert sources[real]["status"] == "ok"
    with Archive(workdir / "cache") as archive:
        assert archive.last(gone).fetch.tag == "soft-404-probe"
        assert archive.get_state(gone).health != "healthy"
