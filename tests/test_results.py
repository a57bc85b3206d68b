"""A run's claim results live on disk (results.ClaimResults): they read back as they went in, the
reports made from them are the very bytes of the reports made from the results held in memory, and
the file never shows in any directory, on success or on error."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.html_report import quote_key
from factcheck.models import (
    Claim, ClaimResult, ClaimsFile, Evidence, Report, SourceHealth, SourceRef, SourceResult, Verdict,
)
from factcheck.pipeline import run as run_pipeline
from factcheck.config import Settings
from factcheck.publish import write_reports
from factcheck.report import brief, briefs, markdown_parts, render_markdown
from factcheck.results import ClaimResults
from factcheck.reviews import Review, save_review

ARTICLE = ("<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
           "<p>Some words before. Musk and Altman co-founded OpenAI in December 2015 as a nonprofit. "
           "Some words after the quote, to give it a context.</p><p>{filler}</p></article></body></html>")


def _results(n_claims: int, n_sources: int) -> tuple[list[ClaimResult], list[SourceHealth], list[dict]]:
    """Claims of every group (problems, unsure, rest; evidence lost; several sources; none), their
    sources, and the text around each claim's quotes."""
    verdicts = ("supported", "not_supported", "partially_supported", "contradicted", "unverifiable")
    urls = [f"https://news{j % 7}.example.org/story/{j}" for j in range(n_sources)]
    results: list[ClaimResult] = []
    contexts: list[dict] = []
    for i in range(n_claims):
        cited = [urls[i % n_sources]] + ([urls[(i * 7 + 3) % n_sources]] if i % 5 == 0 else [])
        claim = Claim(id=f"c{i}", text=f"Claim {i} says | <b>{i}</b> `x`", sources=tuple(SourceRef(u) for u in cited),
                      translation="in English" if i % 11 == 0 else None, line=3 + i)
        per_source, contexts_of_claim = [], {}
        for r, url in enumerate(cited):
            quote = Evidence(f"Musk co-founded OpenAI ({i}, {r}).", i, i + 30, 0.5 + (i % 50) / 100)
            v = Verdict(verdicts[(i + r) % 5], (i * 37 % 100) / 100, (quote,) * (1 + i % 3), f"why {i}",
                        ("december",) if i % 2 else (), "lexical", needs_review=i % 6 == 0)
            live = Verdict("not_supported", 0.1) if i % 13 == 0 else None
            per_source.append(SourceResult(url, v, from_archive=i % 9 == 0, live_verdict=live,
                                           evidence_lost=i % 13 == 0, verified_at="2026-01-01T00:00:00Z"
                                           if live else None))
            ev = {"text": quote.text, "start": quote.start, "end": quote.end}
            contexts_of_claim[quote_key(url, ev)] = (f"before {i} {r}", f"after {i} {r}")
        contexts.append(contexts_of_claim)
        best = min(per_source, key=lambda s: (verdicts.index(s.verdict.verdict), -s.verdict.score)).verdict
        results.append(ClaimResult(claim, best, tuple(per_source)))
    health = [SourceHealth(url=u, status="ok" if j % 10 else "dead", reason="HTTP 200", tag="http-200",
                           checked_at="2026-01-01T00:00:00Z", archived_at="2026-01-01T00:00:00Z",
                           archive_sha256="a" * 64, title=f"Story {j}") for j, u in enumerate(urls)]
    return results, health, contexts


def _spilled(results: list[ClaimResult], contexts: list[dict], directory: Path) -> ClaimResults:
    spilled = ClaimResults([r.claim for r in results], directory)
    for i in reversed(range(len(results))):  # out of order, as claims finish source by source
        spilled.put(i, results[i].verdict, results[i].sources, contexts[i])
    return spilled


def test_results_read_back_as_they_went_in(tmp_path):
    results, _, contexts = _results(60, 9)
    spilled = _spilled(results, contexts, tmp_path / "tmp")
    assert len(spilled) == 60
    assert list(spilled) == results
    assert spilled[-1] == results[-1] and spilled[10:13] == results[10:13]
    assert list(briefs(spilled)) == [brief(r) for r in results]
    assert {g for g in (b.group for b in briefs(spilled))} == {"problems", "unsure", "rest"}
    assert spilled.contexts(5)  # the claim's own quote contexts, with it
    with pytest.raises(IndexError):
        spilled[60]
    assert list((tmp_path / "tmp").iterdir()) == []  # the file has no name: nothing to leave behind
    spilled.close()
    with pytest.raises(ValueError):
        spilled[0]


def test_a_claim_without_a_result_is_an_error_not_garbage(tmp_path):
    results, _, _ = _results(3, 2)
    spilled = ClaimResults([r.claim for r in results], tmp_path)
    spilled.put(0, results[0].verdict, results[0].sources)
    assert spilled[0] == results[0]
    with pytest.raises(LookupError, match="c1"):
        spilled[1]


def test_reports_from_results_on_disk_are_the_bytes_of_reports_from_memory(tmp_path):
    """1,000 sources and 4,000 claims, with current, stale and hand-written reviews."""
    results, health, contexts = _results(4000, 1000)
    reviews = tmp_path / "reviews.yaml"
    for i in range(0, 4000, 97):
        pins = None if i % 3 == 0 else tuple((s.url, ("a" if i % 3 == 1 else "b") * 64) for s in results[i].sources)
        save_review(reviews, Review(f"c{i}", "supported" if i % 2 else "not_supported", "Ada «L»",
                                    "2026-01-02T00:00:00Z", note="a | <b>\nnote" if i % 5 == 0 else "",
                                    matcher_verdict="supported", sources=pins), claims_file="claims/x.yaml")
    snapshots = {h.url: str(tmp_path / "snapshots" / f"{n}.html") for n, h in enumerate(health) if n % 4}
    written = {}
    for name, claims in (("memory", tuple(results)), ("disk", _spilled(results, contexts, tmp_path / "tmp"))):
        report = Report(claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z", claims=claims,
                        sources=tuple(health), title="Scale", notes=("a note",))
        out = write_reports(report, tmp_path / name, "x", snapshots=snapshots,
                            contexts={k: v for c in contexts for k, v in c.items()} if name == "memory" else None,
                            reviews_file=reviews,
                            article_url="https://example.org/article", language="en")
        assert out.claimreview_path is not None
        written[name] = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    assert sorted(written["disk"]) == ["x.claimreview.json", "x.html", "x.json", "x.md"]
    for name in written["memory"]:
        assert written["disk"][name] == written["memory"][name], name
    page = written["disk"]["x.html"].decode()
    assert "before 5 0" in page and "stale" in page  # the contexts and the stale reviews made it in


def _site_claims(site, workdir) -> ClaimsFile:
    urls = [site.add(f"/story/{n}", ARTICLE.format(n=n, filler="More text here. " * 40)) for n in range(4)]
    dead = site.add("/gone", "<h1>gone</h1>", status=404)
    claims = (
        Claim("one", "Musk and Altman co-founded OpenAI in December 2015", (SourceRef(urls[0]),)),
        Claim("two", "Musk and Altman co-founded OpenAI in 2015", (SourceRef(urls[1]), SourceRef(urls[2]))),
        Claim("gone", "OpenAI was founded in 2015", (SourceRef(dead),)),
        Claim("none", "A claim that cites nothing", ()),
        Claim("three", "OpenAI began as a nonprofit", (SourceRef(urls[3]), SourceRef(urls[0]))),
    )
    refs = tuple(dict.fromkeys(ref for c in claims for ref in c.sources))
    return ClaimsFile(path=str(workdir / "claims.yaml"), claims=claims, sources=refs, title="Site")


def _settings(workdir: Path, reports: Path) -> Settings:
    return Settings(allow_private=True, cache_dir=workdir / "cache", reports_dir=reports, total_timeout=5,
                    retries=0, backoff=0.01, wayback=False, matcher="lexical")


def test_a_run_reads_its_claims_back_from_disk_and_leaves_no_file(site, workdir):
    claims_file = _site_claims(site, workdir)
    result = run_pipeline(claims_file, _settings(workdir, workdir / "reports"))
    claims = result.report.claims
    assert isinstance(claims, ClaimResults)
    assert [r.claim.id for r in claims] == ["one", "two", "gone", "none", "three"]
    assert [len(r.sources) for r in claims] == [1, 2, 1, 0, 2]
    assert claims[0].verdict.verdict == "supported" and claims[2].verdict.verdict == "unverifiable"
    assert claims[3].verdict.explanation == "no sources"
    assert [s.url for s in claims[1].sources] == [ref.url for ref in claims_file.claims[1].sources]
    assert list((workdir / "cache" / "tmp").iterdir()) == []
    html = result.html_path.read_text(encoding="utf-8") if result.html_path else ""
    assert "Some words before." in html  # the quote's context, kept with the claim on disk


def test_a_run_that_fails_writing_its_reports_leaves_no_file(site, workdir):
    claims_file = _site_claims(site, workdir)
    blocked = workdir / "reports"
    blocked.write_text("a file where the reports folder should be", encoding="utf-8")
    with pytest.raises((FactcheckError, OSError)):
        run_pipeline(claims_file, _settings(workdir, blocked))
    assert list((workdir / "cache" / "tmp").iterdir()) == []


def test_markdown_in_parts_is_the_markdown_and_no_part_is_a_whole_long_line():
    results, health, _ = _results(3000, 500)
    report = Report(claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z", claims=tuple(results),
                    sources=tuple(health))
    parts = list(markdown_parts(report))
    whole = render_markdown(report)
    assert "".join(parts) == whole
    longest = max(whole.split("\n"), key=len)
    assert longest.startswith("- **The rest**") and len(longest) > 20_000  # the contents' links to the rest
    assert max(len(p) for p in parts) < 2_000  # given in pieces, never made whole
