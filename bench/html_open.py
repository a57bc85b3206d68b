"""How long the HTML report of a 2,000-claim run takes to render and to open in a browser.

    python bench/html_open.py --claims 2000 --repeat 3

The report data is shaped like a real run's (reports/<stem>.json): N claims, each
citing 1-4 of N/4 sources, two evidence sentences per source, archived texts of
~5 KB per source (for the evidence context), a quarter of the claims reviewed,
some of them out of date. The page is rendered with factcheck.html_report, then
opened (file://) in headless Debian chromium over DevTools (tests/browser/cdp.py),
and this prints: render time, file size, time from navigation to the load event and
to the page's script being ready, the first paint, and how long one filter change
and one j-key step take. Median of --repeat fresh tabs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from cdp import Browser, find_chromium  # noqa: E402

from factcheck.html_report import render_html  # noqa: E402
from factcheck.models import VERDICTS  # noqa: E402

WORDS = ("Musk Altman OpenAI board lawsuit nonprofit founded billion offer rejected court trade secrets "
         "engineers Grok model research lab funding Microsoft investors safety mission public statement "
         "February September interview reported according documents filing company").split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 28))).capitalize() + "."


def report_data(n_claims: int, seed: int = 7) -> tuple[dict, dict[str, str]]:
    rng = random.Random(seed)
    n_sources = max(1, n_claims // 4)
    urls = [f"https://news{i % 50}.test/story/{i}" for i in range(n_sources)]
    texts = {u: " ".join(sentence(rng) for _ in range(30)) for u in urls}
    sources = [{"url": u, "title": f"Story {i}: " + sentence(rng)[:60], "status": rng.choice(["ok"] * 9 + ["dead"]),
                "reason": "HTTP 200", "http_status": 200, "archived_at": "2026-11-30T06:00:00Z",
                "archive_sha256": f"{i:064x}"} for i, u in enumerate(urls)]
    claims = []
    for i in range(n_claims):
        cited = rng.sample(urls, rng.randint(1, 4))
        per = []
        for u in cited:
            text = texts[u]
            picks = sorted(rng.sample(range(30), 2))
            parts = text.split(". ")
            evidence = []
            for p in picks:
                quote = parts[p].rstrip(".") + "."
                start = text.find(quote)
                evidence.append({"text": quote, "start": start, "end": start + len(quote), "score": 0.5})
            per.append({"url": u, "verdict": rng.choice(VERDICTS[:4]), "score": rng.random(), "evidence": evidence,
                        "explanation": "8 of 11 claim parts found in the evidence", "needs_review": rng.random() < .1})
        verdict = per[0]["verdict"]
        review: dict = {"state": "unreviewed"}
        if i % 4 == 0:
            review = {"state": "stale" if i % 20 == 0 else "reviewed", "verdict": verdict, "reviewed_verdict": verdict,
                      "confirmed": True, "reviewer": "Bench", "reviewed_at": "2026-11-30T07:00:00Z",
                      "changed_sources": [cited[0]] if i % 20 == 0 else []}
        claims.append({"id": f"claim-{i}", "text": sentence(rng), "translation": sentence(rng), "verdict": verdict,
                       "score": per[0]["score"], "missing": ["word"], "needs_review": any(s["needs_review"] for s in per),
                       "sources": per, "review": review})
    return {"schema": "factcheck-report/1", "claims_file": "bench.yaml", "title": "Bench", "claims": claims,
            "sources": sources, "generated_at": "2026-11-30T06:00:00Z", "notes": []}, texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data, texts = report_data(args.claims)
    started = time.perf_counter()
    html = render_html(data, texts=texts)
    render_s = time.perf_counter() - started
    executable = find_chromium()
    if executable is None:
        sys.exit("no chromium: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        browser = Browser(executable)
        rows = []
        try:
            for _ in range(args.repeat):
                began = time.perf_counter()
                page = browser.open(path.as_uri())
                wall = time.perf_counter() - began
                nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                import json

                nav = json.loads(nav)
                paint = page.evaluate("(performance.getEntriesByType('paint').filter(function (p) "
                                      "{ return p.name === 'first-contentful-paint'; })[0] || {}).startTime || null")
                filter_ms = page.evaluate("(function () { var t = performance.now(); var f = "
                                          "document.getElementById('f-verdict'); f.selectedIndex = 3; "
                                          "f.dispatchEvent(new Event('change')); document.body.offsetHeight; "
                                          "return performance.now() - t; })()")
                step_ms = page.evaluate("(function () { var t = performance.now(); document.dispatchEvent("
                                        "new KeyboardEvent('keydown', {key: 'j'})); document.body.offsetHeight; "
                                        "return performance.now() - t; })()")
                assert page.requests() == [path.as_uri()] and page.console_errors() == []
                rows.append((wall, nav["domContentLoadedEventEnd"], nav["loadEventEnd"], paint, filter_ms, step_ms))
        finally:
            browser.close()
    med = [statistics.median(x for x in col if x is not None) for col in zip(*rows)]
    print(f"{args.claims} claims, {len(data['sources'])} sources: HTML {len(html.encode()) / 1e6:.1f} MB, "
          f"rendered in {render_s:.2f} s")
    print(f"open in chromium (median of {args.repeat}): load event {med[2] / 1000:.2f} s after navigation "
          f"(DOMContentLoaded {med[1] / 1000:.2f} s, first contentful paint {med[3] / 1000:.2f} s; "
          f"wall {med[0]:.2f} s incl. DevTools); one filter change {med[4]:.0f} ms, one j step {med[5]:.0f} ms")


if __name__ == "__main__":
    main()
